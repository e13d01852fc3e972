#pragma once

#include <anodemech/loading/step_controller.h>

#include <limits>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /**
   * Adaptive time-step control in real time [s].
   *
   * Whether a step is accepted and how long the next one is, is decided by
   * a StepController (decide()): by an estimate of the creep strain's local
   * time-integration error against a tolerance, the Newton iterations and
   * the materials' accuracy limits. This class keeps the time and lands
   * the steps on the targets. Steps land exactly on the target times (protocol
   * corners, output times, the end time) without leaving slivers: if the
   * remaining distance to a target is less than 1.25 steps, the step is
   * stretched to land on it or halved to approach it in two.
   */
  class TimeStepper
  {
  public:
    struct Parameters
    {
      double       initial_time_step      = 1.;   ///< [s]
      double       minimum_time_step      = 1e-6; ///< [s]
      double       maximum_time_step      = 60.;  ///< [s]
      double       growth_factor          = 2.;   ///< [-], > 1
      double       cutback_factor         = 0.5;  ///< [-], in (0, 1)
      unsigned int easy_newton_iterations = 6;    ///< [-]
      /// rtol of StepController [-]; 0 switches the error control off.
      double creep_error_tolerance = 5e-3;
      /// atol of StepController [-].
      double creep_error_floor = 1e-6;
      /// Largest number of accepted steps of a run (0: no limit) [-].
      unsigned int maximum_steps = 0;

      /// Declare in the current subsection ("Time stepping" by convention).
      static void
      declare_parameters(dealii::ParameterHandler &prm);

      void
      parse_parameters(const dealii::ParameterHandler &prm);

      /// Throw a ParameterError naming the first inconsistent entry.
      void
      validate() const;
    };

    /**
     * @p target_times: times the steps must land on exactly [s]; the
     * largest is the end time. Values <= 0 are ignored.
     */
    TimeStepper(const Parameters &parameters, std::vector<double> target_times);

    /// Current (last accepted) time [s].
    double
    time() const;

    /// End time (the largest target) [s].
    double
    end_time() const;

    bool
    finished() const;

    /// The step to try next [s], landing on targets.
    double
    next_step() const;

    /// The decision on the step of size next_step() (StepController).
    StepController::Decision
    decide(const StepController::Outcome &outcome) const;

    /**
     * Accept the step of size next_step(): advance the time; the next step
     * is the step times the decision's factor (a factor above 1 grows the
     * nominal step, not a shortened landing step).
     */
    void
    accept(const StepController::Decision &decision);

    /**
     * Accept a converged step without a creep error estimate: the decision
     * for @p newton_iterations and @p material_factor (the material's
     * accuracy limit, infinite if it has none).
     */
    void
    accept(unsigned int newton_iterations,
           double material_factor = std::numeric_limits<double>::infinity());

    /**
     * Reject the step: shrink it by min(cutback factor, @p factor) (or by
     * the cutback factor alone if @p factor is not in (0, 1)). Returns false
     * if the step would fall below the minimum time step; the time is not
     * advanced either way.
     */
    bool
    reject(double factor = 0.);

    /// Reject the step with the decision's factor (see reject()).
    bool
    reject(const StepController::Decision &decision);

    /// True if the last accepted step ended on a target time.
    bool
    on_target() const;

    const Parameters &
    get_parameters() const;

    /// What a checkpoint must keep to continue exactly where it stopped.
    struct State
    {
      double time           = 0.; ///< last accepted time [s]
      double next_step      = 0.; ///< the step to try next (before landing) [s]
      bool   last_on_target = false;
    };

    /// The current state.
    State
    state() const;

    /**
     * Continue from @p state (written by state() of a stepper with the same
     * parameters and targets). Throws a ParameterError if the time lies
     * outside [0, end_time()] or the step is not positive.
     */
    void
    restore(const State &state);

  private:
    /// Retry the step shortened by @p factor; false below the minimum.
    bool
    retry_shorter(double factor);

    Parameters          parameters;
    StepController      controller;
    std::vector<double> targets;
    double              t;
    double              dt;
    bool                last_on_target;
    /// After a rejection the retry is not stretched to land on a target
    /// (it must be shorter than the rejected step).
    bool retrying = false;
  };
} // namespace anodemech
