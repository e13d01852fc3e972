#pragma once

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
   * The step grows by a factor after an easy step (few Newton iterations),
   * is cut back after a failed one (Newton or material failure), and is
   * limited by what the material asks for (its creep-strain-increment
   * limit). Steps land exactly on the target times (protocol corners, output
   * times, the end time) without leaving slivers: if the remaining distance
   * to a target is less than 1.25 steps, the step is stretched to land on it
   * or halved to approach it in two.
   */
  class TimeStepper
  {
  public:
    struct Parameters
    {
      double       initial_time_step      = 1.;   ///< [s]
      double       minimum_time_step      = 1e-6; ///< [s]
      double       maximum_time_step      = 60.;  ///< [s]
      double       growth_factor          = 1.5;  ///< [-], > 1
      double       cutback_factor         = 0.5;  ///< [-], in (0, 1)
      unsigned int easy_newton_iterations = 6;    ///< [-]
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

    /**
     * Accept the step of size next_step(): advance the time and choose the
     * next step: grown by the growth factor if Newton needed at most the
     * "easy" number of iterations, at most by @p material_factor (the
     * material's accuracy limit, infinite if it has none); a factor below 1
     * shortens the step taken.
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
    Parameters          parameters;
    std::vector<double> targets;
    double              t;
    double              dt;
    bool                last_on_target;
  };
} // namespace anodemech
