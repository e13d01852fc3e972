#include <anodemech/base/parameter_error.h>
#include <anodemech/geometry/disc_mesh.h>
#include <anodemech/mechanics/compression_run.h>
#include <anodemech/mechanics/quasi_static_solid.h>

#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <ostream>

namespace anodemech
{
  namespace
  {
    template <int dim>
    CompressionRecord
    measure(const QuasiStaticSolid<dim> &solid,
            const double                 t,
            const double                 dt,
            const double                 pressure,
            const double                 h0,
            const double                 D0)
    {
      CompressionRecord r;
      r.time                 = t;
      r.time_step            = dt;
      r.nominal_pressure     = pressure;
      r.platen_force         = solid.contact_force();
      r.thickness            = 2. * solid.platen_position();
      r.diameter             = 2. * solid.max_radius();
      r.thickness_change_pct = 100. * (h0 - r.thickness) / h0;
      r.diameter_change_pct  = 100. * (r.diameter - D0) / D0;
      r.contact_area         = solid.contact_area();
      r.max_penetration      = solid.max_penetration();
      return r;
    }
  } // namespace



  template <int dim>
  CompressionSummary
  run_compression(
    QuasiStaticSolid<dim>                                 &solid,
    const LoadProtocol                                    &protocol,
    const TimeStepper::Parameters                         &stepping,
    const double                                           h0,
    const double                                           D0,
    const std::vector<double>                             &report_pressures,
    const std::function<void(const CompressionRecord &)>  &on_step,
    const CompressionResume                               *resume,
    const std::function<void(const TimeStepper::State &,
                             const CompressionSummary &)> &after_step)
  {
    // Nominal pressure = force / initial top area of the mesh (pi D^2 / 4 for
    // the axisymmetric mesh; the polygon's area for a 3D mesh).
    const double        area    = solid.initial_top_area();
    std::vector<double> targets = protocol.corner_times();
    for (const double t : protocol.times_of_first_reaching(report_pressures))
      targets.push_back(t);
    TimeStepper stepper(stepping, targets);

    CompressionSummary summary;
    if (resume)
      {
        stepper.restore(resume->stepper);
        summary           = resume->summary;
        summary.completed = false;
        summary.failure_reason.clear();
      }
    else
      {
        CompressionRecord initial =
          measure(solid, 0., 0., protocol.pressure(0.), h0, D0);
        summary.history.push_back(initial);
        if (on_step)
          on_step(initial);
      }

    unsigned int rejected = 0;
    while (!stepper.finished())
      {
        const double dt       = stepper.next_step();
        const double t_new    = stepper.time() + dt;
        const double pressure = protocol.pressure(t_new);
        const auto   report   = solid.solve_step(dt, pressure * area);
        summary.newton_iterations += report.newton_iterations;
        summary.linear_iterations += report.linear_iterations;
        StepController::Outcome outcome;
        outcome.converged         = report.converged;
        outcome.newton_iterations = report.newton_iterations;
        outcome.material_factor   = report.material_factor;
        outcome.error             = report.creep_error;
        outcome.contact_event     = report.contact_events > 0;
        outcome.failure_reason    = report.failure_reason;
        const auto decision       = stepper.decide(outcome);
        if (!decision.accept)
          {
            if (std::getenv("ANODEMECH_DEBUG_STEPS"))
              {
                std::cerr << "rejected t " << t_new << " dt " << dt << ": "
                          << decision.reason << "; residuals";
                for (const double r : report.residual_norms)
                  std::cerr << ' ' << r;
                std::cerr << '\n';
              }
            solid.revert_step();
            ++rejected;
            ++summary.rejected_steps;
            if (!stepper.reject(decision))
              {
                summary.failure_reason =
                  "step from t = " + format_number(stepper.time()) +
                  " s failed at the minimum time step (" +
                  format_number(stepping.minimum_time_step) +
                  " s): " + decision.reason;
                return summary;
              }
            continue;
          }
        if (std::getenv("ANODEMECH_DEBUG_STEPS"))
          {
            unsigned int changes = 0;
            for (const auto c : report.contact_changes)
              changes += c;
            std::cerr << "accepted t " << t_new << " dt " << dt << " E "
                      << decision.error_ratio << " mean_e "
                      << report.creep_error.mean_error << " mean_inc "
                      << report.creep_error.mean_increment << " max_e "
                      << report.creep_error.max_error << " material "
                      << report.material_factor << " changes " << changes
                      << " events " << report.contact_events << " held "
                      << report.held_contact_nodes << '\n';
          }
        solid.commit_step();
        stepper.accept(decision);
        ++summary.steps;
        CompressionRecord r =
          measure(solid, stepper.time(), dt, pressure, h0, D0);
        r.newton_iterations = report.newton_iterations;
        r.linear_iterations = report.linear_iterations;
        r.rejected_attempts = rejected;
        r.on_target         = stepper.on_target();
        rejected            = 0;
        summary.history.push_back(r);
        if (on_step)
          on_step(r);
        if (after_step)
          after_step(stepper.state(), summary);
        if (stepping.maximum_steps > 0 &&
            summary.steps >= stepping.maximum_steps && !stepper.finished())
          {
            summary.failure_reason =
              "the largest number of time steps ('Maximum steps' = " +
              std::to_string(stepping.maximum_steps) +
              ") was reached at t = " + format_number(stepper.time()) + " s";
            return summary;
          }
      }
    summary.completed = true;
    return summary;
  }



  void
  print_progress_header(std::ostream &out)
  {
    out << std::setw(11) << "time [s]" << std::setw(11) << "p [MPa]"
        << std::setw(11) << "dt [s]" << std::setw(7) << "Newton"
        << std::setw(12) << "dD/D [%]" << std::setw(12) << "-dh/h [%]" << '\n';
  }



  void
  print_progress_line(std::ostream &out, const CompressionRecord &r)
  {
    const auto flags = out.flags();
    out << std::setw(11) << std::setprecision(5) << r.time << std::setw(11)
        << std::setprecision(4) << r.nominal_pressure / 1e6 << std::setw(11)
        << std::setprecision(3) << r.time_step << std::setw(7)
        << r.newton_iterations << std::setw(12) << std::fixed
        << std::setprecision(4) << r.diameter_change_pct << std::setw(12)
        << r.thickness_change_pct
        << (r.rejected_attempts ? "  (after cutback)" : "") << '\n';
    out.flags(flags);
  }



  template CompressionSummary
  run_compression<2>(QuasiStaticSolid<2> &,
                     const LoadProtocol &,
                     const TimeStepper::Parameters &,
                     double,
                     double,
                     const std::vector<double> &,
                     const std::function<void(const CompressionRecord &)> &,
                     const CompressionResume *,
                     const std::function<void(const TimeStepper::State &,
                                              const CompressionSummary &)> &);
  template CompressionSummary
  run_compression<3>(QuasiStaticSolid<3> &,
                     const LoadProtocol &,
                     const TimeStepper::Parameters &,
                     double,
                     double,
                     const std::vector<double> &,
                     const std::function<void(const CompressionRecord &)> &,
                     const CompressionResume *,
                     const std::function<void(const TimeStepper::State &,
                                              const CompressionSummary &)> &);
} // namespace anodemech
