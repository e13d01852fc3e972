#pragma once

#include <anodemech/loading/load_protocol.h>
#include <anodemech/loading/time_stepper.h>

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace anodemech
{
  template <int dim>
  class QuasiStaticSolid;

  /// The state of a disc after one converged (committed) step.
  struct CompressionRecord
  {
    double       time                 = 0.; ///< [s]
    double       time_step            = 0.; ///< [s]
    double       nominal_pressure     = 0.; ///< force / initial area [Pa]
    double       platen_force         = 0.; ///< whole disc [N]
    double       thickness            = 0.; ///< platen gap [m]
    double       diameter             = 0.; ///< twice the largest radius [m]
    double       thickness_change_pct = 0.; ///< reduction [%]
    double       diameter_change_pct  = 0.; ///< growth [%]
    double       contact_area         = 0.; ///< one platen [m^2]
    double       max_penetration      = 0.; ///< [m]
    unsigned int newton_iterations    = 0;
    unsigned int linear_iterations    = 0;
    unsigned int rejected_attempts    = 0;     ///< cutbacks before this step
    bool         on_target            = false; ///< landed on a target time
  };

  /// Outcome of a run.
  struct CompressionSummary
  {
    bool         completed = false;
    std::string  failure_reason;
    unsigned int steps          = 0;
    unsigned int rejected_steps = 0;
    /// Totals over all attempts, rejected ones included.
    unsigned int                   newton_iterations = 0;
    unsigned int                   linear_iterations = 0;
    std::vector<CompressionRecord> history; ///< the initial state first
  };

  /// Where a restarted run continues: the state after its last committed
  /// step, as recorded in a checkpoint.
  struct CompressionResume
  {
    TimeStepper::State stepper;
    /// The summary so far: steps, counts and the history (initial state
    /// first) up to the checkpoint.
    CompressionSummary summary;
  };

  /**
   * Drive @p solid through the load protocol: the platen force is
   * p(t) x solid.initial_top_area(), steps are chosen by a TimeStepper that
   * lands on the protocol's corners and on the times at which the pressure
   * first
   * reaches each of @p report_pressures [Pa]. A step that fails (Newton,
   * material, contact) is reverted and retried with a shorter step; only
   * converged steps are committed and recorded, and @p on_step is called
   * after each of them (for progress output and files). Below the minimum
   * time step the run stops, returns with completed = false and a reason;
   * everything recorded so far stays valid.
   *
   * @p solid must be set up; @p initial_thickness and @p initial_diameter
   * are those of the whole disc [m].
   *
   * Restart: with @p resume, the run continues from its state (the solid
   * must hold the committed state of that moment, see
   * QuasiStaticSolid::load_checkpoint()); on_step is not called for the
   * steps before it. @p after_step is called after on_step for every
   * accepted step with the stepper's state and the summary so far, which is
   * what a checkpoint needs.
   */
  template <int dim>
  CompressionSummary
  run_compression(
    QuasiStaticSolid<dim>                                &solid,
    const LoadProtocol                                   &protocol,
    const TimeStepper::Parameters                        &stepping,
    double                                                initial_thickness,
    double                                                initial_diameter,
    const std::vector<double>                            &report_pressures = {},
    const std::function<void(const CompressionRecord &)> &on_step          = {},
    const CompressionResume                              *resume      = nullptr,
    const std::function<void(const TimeStepper::State &,
                             const CompressionSummary &)> &after_step = {});

  /// One progress line: time, pressure, dt, Newton iterations, changes.
  void
  print_progress_line(std::ostream &out, const CompressionRecord &record);

  /// Header matching print_progress_line().
  void
  print_progress_header(std::ostream &out);
} // namespace anodemech
