#include <anodemech/mechanics/linear_solver.h>
#include <anodemech/mechanics/newton_solver.h>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

namespace anodemech
{
  NewtonSolver::NewtonSolver(const Settings &settings_in)
    : settings(settings_in)
  {}



  void
  NewtonSolver::solve_bordered(const Problem        &problem,
                               const BorderedSystem &system,
                               LinearSolver         &linear_solver,
                               SolutionState        &increment,
                               unsigned int         &linear_iterations)
  {
    linear_solver.initialize(system.matrix);
    increment.displacement.reinit(system.rhs, /*omit_zeroing*/ false);
    linear_iterations +=
      linear_solver.solve(system.matrix, increment.displacement, system.rhs);
    problem.distribute(increment.displacement);
    increment.platen_position = 0.;
    if (!system.has_border)
      return;
    dealii::TrilinosWrappers::MPI::Vector x2(system.rhs);
    linear_iterations +=
      linear_solver.solve(system.matrix, x2, system.border_b);
    problem.distribute(x2);
    const double denominator = system.border_k - (system.border_c * x2);
    if (!std::isfinite(denominator) || denominator == 0.)
      throw std::runtime_error(
        "the platen lost contact (singular force equation)");
    const double dh =
      (system.rhs_h - (system.border_c * increment.displacement)) / denominator;
    increment.displacement.add(-dh, x2);
    increment.platen_position = dh;
  }



  NewtonSolver::Report
  NewtonSolver::solve(Problem        &problem,
                      SolutionState  &x,
                      BorderedSystem &system,
                      LinearSolver   &linear_solver) const
  {
    const bool debug = std::getenv("ANODEMECH_DEBUG_NEWTON") != nullptr;
    Report     report;
    Evaluation state       = problem.evaluate(x, system);
    report.material_factor = state.material_factor;
    if (!state.ok)
      {
        report.failure_reason = state.failure_reason;
        return report;
      }
    report.residual_norms.push_back(state.merit);
    report.set_changes.push_back(state.set_changes);
    if (state.merit <= 1e-3 * settings.residual_tolerance)
      {
        report.converged = true; // nothing to do (e.g. an unloaded step)
        return report;
      }

    SolutionState increment, trial;
    for (unsigned int it = 0; it < settings.max_iterations; ++it)
      {
        try
          {
            solve_bordered(problem,
                           system,
                           linear_solver,
                           increment,
                           report.linear_iterations);
          }
        catch (const std::exception &e)
          {
            // A failed linear solve fails the step, which the caller cuts
            // back; it never ends the run.
            report.failure_reason = std::string("linear solve: ") + e.what();
            linear_solver.clear();
            problem.evaluate(x, system); // leave the problem at x
            return report;
          }
        ++report.iterations;

        const double merit0 = state.merit;
        double       alpha  = 1.;
        Evaluation   next;
        for (unsigned int ls = 0;; ++ls)
          {
            trial = x;
            trial.add(alpha, increment);
            next = problem.evaluate(trial, system);
            if (next.ok && next.merit <= (1. - 1e-4 * alpha) * merit0)
              break;
            if (ls >= settings.max_line_search_steps)
              {
                if (next.ok)
                  break; // take the shortest step and go on
                report.failure_reason  = next.failure_reason;
                report.material_factor = next.material_factor;
                problem.evaluate(x, system);
                return report;
              }
            alpha *= 0.5;
            ++report.line_search_cuts;
          }
        x                      = trial;
        state                  = next;
        const double update    = alpha * problem.update_norm(increment);
        report.material_factor = state.material_factor;
        report.residual_norms.push_back(state.merit);
        report.update_norms.push_back(update);
        report.set_changes.push_back(state.set_changes);
        if (debug)
          std::cout << "      newton " << it << ": alpha " << alpha << " merit "
                    << state.merit << " update " << update << " dh "
                    << increment.platen_position << " changes "
                    << state.set_changes << std::endl;
        if (!std::isfinite(state.merit))
          {
            report.failure_reason = "Newton diverged (non-finite residual)";
            return report;
          }
        if (state.merit <= settings.residual_tolerance &&
            update <= settings.update_tolerance)
          {
            report.converged = true;
            return report;
          }
      }
    report.failure_reason = "Newton did not converge in " +
                            std::to_string(settings.max_iterations) +
                            " iterations";
    return report;
  }
} // namespace anodemech
