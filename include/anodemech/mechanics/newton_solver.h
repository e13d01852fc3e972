#pragma once

#include <anodemech/mechanics/solution_state.h>

#include <limits>
#include <string>
#include <vector>

namespace anodemech
{
  class LinearSolver;

  /**
   * Newton's method with a backtracking line search for a nonlinear system
   * with the platen position as a bordered scalar unknown (force control).
   *
   * The problem is evaluated through the Problem interface: at a given
   * state it fills the BorderedSystem (residual and its Jacobian) and a
   * merit value, the scaled norm of the residual. For contact, the
   * residual holds the nonlinear complementarity functions and the
   * Jacobian their generalized (semi-smooth) derivative, so that this is
   * a semi-smooth Newton method (see ActiveSetContact).
   *
   * Each iteration solves the bordered system with two solves of the same
   * matrix and the Schur complement of the scalar:
   *   K du0 = rhs, K x2 = b, dh = (rhs_h - c.du0) / (k - c.x2),
   *   du = du0 - dh x2.
   * The step is then cut (alpha = 1, 1/2, 1/4, ...) until the problem
   * evaluates and the merit decreases by a factor (1 - 1e-4 alpha); if the
   * last cut still does not decrease it, that shortest step is taken.
   * Converged when the merit is below the residual tolerance and the
   * applied update below the update tolerance.
   */
  class NewtonSolver
  {
  public:
    struct Settings
    {
      unsigned int max_iterations        = 20;
      double       residual_tolerance    = 1e-8; ///< of the merit [-]
      double       update_tolerance      = 1e-6; ///< of update_norm() [-]
      unsigned int max_line_search_steps = 5;
    };

    /// What the problem reports of one evaluation.
    struct Evaluation
    {
      bool        ok = true;
      std::string failure_reason;
      /// Smallest time-step factor the materials asked for.
      double material_factor = std::numeric_limits<double>::infinity();
      /// Scaled residual norm [-].
      double merit = 0.;
      /// Contact nodes whose status changed at this evaluation.
      unsigned int set_changes = 0;
    };

    class Problem
    {
    public:
      virtual ~Problem() = default;

      /// Residual, Jacobian and merit at @p x (the problem keeps the trial
      /// state of its histories at @p x).
      virtual Evaluation
      evaluate(const SolutionState &x, BorderedSystem &system) = 0;

      /// Size of an applied update, relative to the problem's length [-].
      virtual double
      update_norm(const SolutionState &dx) const = 0;

      /// Make a solution of the linear system satisfy the constraints.
      virtual void
      distribute(dealii::TrilinosWrappers::MPI::Vector &v) const = 0;
    };

    struct Report
    {
      bool         converged         = false;
      unsigned int iterations        = 0;
      unsigned int linear_iterations = 0;
      unsigned int line_search_cuts  = 0;
      /// Merit at each iterate, the first being the initial one.
      std::vector<double> residual_norms;
      /// update_norm() of each applied update.
      std::vector<double> update_norms;
      /// Contact status changes at each iterate (same length as
      /// residual_norms).
      std::vector<unsigned int> set_changes;
      double      material_factor = std::numeric_limits<double>::infinity();
      std::string failure_reason;
    };

    explicit NewtonSolver(const Settings &settings);

    /**
     * Iterate from @p x; on return @p x is the last accepted iterate and
     * the problem was last evaluated there (so its trial state belongs to
     * it). @p system is the work space of the linear systems.
     */
    Report
    solve(Problem        &problem,
          SolutionState  &x,
          BorderedSystem &system,
          LinearSolver   &linear_solver) const;

    /**
     * Solve the bordered system for the increment (du, dh); adds the
     * linear iterations to @p linear_iterations. Throws a std::runtime_error
     * if the Schur complement vanishes (the platen touches nothing).
     */
    static void
    solve_bordered(const Problem        &problem,
                   const BorderedSystem &system,
                   LinearSolver         &linear_solver,
                   SolutionState        &increment,
                   unsigned int         &linear_iterations);

  private:
    Settings settings;
  };
} // namespace anodemech
