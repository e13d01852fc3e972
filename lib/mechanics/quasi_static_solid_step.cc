// One time step of QuasiStaticSolid: the Newton problem (bulk assembly and
// contact rows), the step's solve, commit and revert, and the check of the
// consistent tangent.
#include <anodemech/base/parameter_error.h>
#include <anodemech/contact/contact_strategy.h>
#include <anodemech/mechanics/linear_solver.h>
#include <anodemech/mechanics/newton_solver.h>
#include <anodemech/mechanics/quasi_static_solid.h>

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "bulk_assembler.h"

namespace anodemech
{
  /// The Newton problem of one step: the solid at (u, h) for a step dt and
  /// the force on the meshed part.
  template <int dim>
  class QuasiStaticSolid<dim>::StepProblem : public NewtonSolver::Problem
  {
  public:
    StepProblem(QuasiStaticSolid<dim> &solid,
                const double           dt,
                const double           force)
      : solid(solid)
      , dt(dt)
      , force(force)
    {}

    NewtonSolver::Evaluation
    evaluate(const SolutionState &x, BorderedSystem &) override
    {
      return solid.evaluate(x, dt, force);
    }

    double
    update_norm(const SolutionState &dx) const override
    {
      return std::max(dx.displacement.linfty_norm(),
                      std::abs(dx.platen_position)) /
             solid.reference_length;
    }

    void
    distribute(dealii::TrilinosWrappers::MPI::Vector &v) const override
    {
      solid.constraints.distribute(v);
    }

  private:
    QuasiStaticSolid<dim> &solid;
    const double           dt;
    const double           force;
  };



  template <int dim>
  NewtonSolver::Evaluation
  QuasiStaticSolid<dim>::evaluate(const SolutionState &x,
                                  const double         dt,
                                  const double         force_meshed_part)
  {
    current  = x;
    solution = x.displacement;
    NewtonSolver::Evaluation out;
    {
      dealii::TimerOutput::Scope scope(timer, "assembly");
      const auto                 bulk = assembler->assemble(dof_handler,
                                            constraints,
                                            solution,
                                            old_solution,
                                            dt,
                                            bdf2_previous_step(dt),
                                            boundary_pressures,
                                            history,
                                            &system.matrix,
                                            system.rhs);
      out.material_factor             = bulk.material_factor;
      if (!bulk.ok)
        {
          out.ok             = false;
          out.failure_reason = bulk.failure_reason;
          return out;
        }
    }
    if (contact)
      {
        dealii::TimerOutput::Scope           scope(timer, "contact");
        typename ContactStrategy<dim>::Input input;
        input.displacement     = &solution;
        input.old_displacement = &old_solution;
        input.platen_position  = x.platen_position;
        input.force            = force_meshed_part;
        out.set_changes        = contact->apply(input, system).set_changes;
      }
    else
      {
        // Without a platen the force acts through the force boundaries'
        // dead load, which R_u holds.
        system.has_border = false;
        system.rhs_h      = 0.;
      }

    double applied = std::abs(force_meshed_part);
    for (const auto &load : boundary_pressures)
      applied = std::max(applied, std::abs(load.second) * pressure_force_scale);
    const double scale = std::max(applied, reference_force_scale);
    out.merit = std::max(system.rhs.l2_norm(), std::abs(system.rhs_h)) / scale;
    return out;
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::bdf2_previous_step(const double dt) const
  {
    // Variable-step BDF2 is zero-stable for step ratios below 1 + sqrt(2)
    // (Grigorieff 1983); a longer step (after a short landing step) is
    // taken with backward Euler, and so is the step after a contact change
    // (a jump of the creep rates, across which the formula must not
    // reach).
    if (parameters.time_integration != "bdf2" || !(last_time_step > 0.) ||
        dt > 2.4 * last_time_step || contact_changed_last_step)
      return 0.;
    return last_time_step;
  }



  template <int dim>
  typename QuasiStaticSolid<dim>::StepReport
  QuasiStaticSolid<dim>::solve_step(const double dt, const double platen_force)
  {
    const double target = platen_force / multiplicity;
    if (!has_platen() && !boundary_conditions.force_boundaries.empty())
      {
        // The force as a dead nominal pressure on the force boundaries.
        if (!(top_area_meshed > 0.))
          throw ParameterError("QuasiStaticSolid::solve_step: the force "
                               "boundaries have no area.");
        for (const auto id : boundary_conditions.force_boundaries)
          boundary_pressures[id] = target / top_area_meshed;
      }
    else if (!has_platen() && platen_force != 0.)
      throw ParameterError("QuasiStaticSolid::solve_step: a platen force of " +
                           format_number(platen_force) +
                           " N was given, but the boundary conditions have "
                           "no contact boundary (no platen); pass 0.");

    trial_time_step = dt;
    if (contact)
      contact->begin_step();
    // Start from the committed state, or extrapolate the last step's rate.
    SolutionState x = committed;
    if (parameters.extrapolate && last_time_step > 0.)
      x.add(std::min(dt / last_time_step, 2.), last_increment);

    NewtonSolver::Settings settings;
    settings.max_iterations        = parameters.max_newton_iterations;
    settings.residual_tolerance    = parameters.residual_tolerance;
    settings.update_tolerance      = parameters.update_tolerance;
    settings.max_line_search_steps = parameters.max_line_search_steps;
    StepProblem problem(*this, dt, target);
    const auto  newton =
      NewtonSolver(settings).solve(problem, x, system, *linear_solver);
    StepReport report;
    report.converged         = newton.converged;
    report.newton_iterations = newton.iterations;
    report.linear_iterations = newton.linear_iterations;
    report.line_search_cuts  = newton.line_search_cuts;
    report.residual_norms    = newton.residual_norms;
    report.update_norms      = newton.update_norms;
    report.contact_changes   = newton.set_changes;
    report.material_factor =
      std::isfinite(newton.material_factor) ? newton.material_factor : 2.;
    report.failure_reason = newton.failure_reason;
    if (report.converged)
      {
        report.creep_error =
          history.creep_error_estimate(dt,
                                       bdf2_previous_step(dt),
                                       mpi_communicator);
        report.contact_events = contact ? contact->n_changes_since_commit() : 0;
        report.held_contact_nodes = contact ? contact->n_held_nodes() : 0;
      }
    return report;
  }



  template <int dim>
  void
  QuasiStaticSolid<dim>::commit_step()
  {
    history.commit();
    contact_changed_last_step =
      contact && contact->n_changes_since_commit() > 0;
    if (contact)
      contact->commit();
    last_increment = current;
    last_increment.add(-1., committed);
    last_time_step = trial_time_step;
    committed      = current;
    old_solution   = current.displacement;
  }



  template <int dim>
  void
  QuasiStaticSolid<dim>::revert_step()
  {
    current  = committed;
    solution = committed.displacement;
    // Back to the committed state, including what the last (rejected)
    // assembly left in the stresses and the contact tractions, so that
    // output after a rejection shows the committed state.
    history.revert();
    if (contact)
      contact->revert();
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::tangent_consistency_error(const double dt,
                                                   const double platen_force,
                                                   const double eta,
                                                   const unsigned int seed)
  {
    const double        target = platen_force / multiplicity;
    const SolutionState x0     = current;

    // Random direction, constrained entries zero, scaled to the thickness.
    SolutionState d = x0;
    std::srand(seed);
    for (const auto i : locally_owned_dofs)
      d.displacement[i] = (constraints.is_constrained(i) ?
                             0. :
                             (std::rand() / double(RAND_MAX) - 0.5));
    d.displacement.compress(dealii::VectorOperation::insert);
    d.displacement *=
      reference_length / std::max(d.displacement.linfty_norm(), 1e-300);
    d.platen_position = has_platen() ? 0.3 * reference_length : 0.;

    // J d at the base point, the contact statuses then held fixed.
    const auto base = evaluate(x0, dt, target);
    AssertThrow(base.ok, dealii::ExcMessage(base.failure_reason));
    if (contact)
      contact->set_frozen(true);
    dealii::TrilinosWrappers::MPI::Vector Jd(locally_owned_dofs,
                                             mpi_communicator);
    system.matrix.vmult(Jd, d.displacement);
    double Jd_h = 0.;
    if (system.has_border)
      {
        Jd.add(d.platen_position, system.border_b);
        Jd_h = (system.border_c * d.displacement) +
               system.border_k * d.platen_position;
      }

    // Residuals (rhs = -R) at x0 +- eta d.
    SolutionState plus = x0, minus = x0;
    plus.add(eta, d);
    minus.add(-eta, d);
    const auto                            e_plus   = evaluate(plus, dt, target);
    dealii::TrilinosWrappers::MPI::Vector rhs_plus = system.rhs;
    const double                          rhs_h_plus = system.rhs_h;
    const auto                            e_minus = evaluate(minus, dt, target);
    AssertThrow(e_plus.ok && e_minus.ok, dealii::ExcMessage("assembly failed"));
    // FD of R = -rhs: (rhs_minus - rhs_plus) / (2 eta).
    dealii::TrilinosWrappers::MPI::Vector fd = system.rhs;
    fd.add(-1., rhs_plus);
    fd /= 2. * eta;
    const double fd_h = (system.rhs_h - rhs_h_plus) / (2. * eta);

    if (contact)
      contact->set_frozen(false);
    evaluate(x0, dt, target);

    fd.add(-1., Jd);
    const double scale = std::sqrt(Jd.norm_sqr() + Jd_h * Jd_h);
    const double error =
      std::sqrt(fd.norm_sqr() + (fd_h - Jd_h) * (fd_h - Jd_h));
    return error / scale;
  }



#define ANODEMECH_INSTANTIATE(dim)                                         \
  template NewtonSolver::Evaluation QuasiStaticSolid<dim>::evaluate(       \
    const SolutionState &, double, double);                                \
  template QuasiStaticSolid<dim>::StepReport                               \
                  QuasiStaticSolid<dim>::solve_step(double, double);       \
  template void   QuasiStaticSolid<dim>::commit_step();                    \
  template void   QuasiStaticSolid<dim>::revert_step();                    \
  template double QuasiStaticSolid<dim>::bdf2_previous_step(double) const; \
  template double QuasiStaticSolid<dim>::tangent_consistency_error(        \
    double, double, double, unsigned int);
  ANODEMECH_INSTANTIATE(2)
  ANODEMECH_INSTANTIATE(3)
#undef ANODEMECH_INSTANTIATE
} // namespace anodemech
