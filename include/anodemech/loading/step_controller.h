#pragma once

#include <limits>
#include <string>

namespace anodemech
{
  /**
   * Estimate of the local time-integration error e of the equivalent creep
   * strain over one step, from the rates of the rate law at the step ends
   * (QuadratureHistory::creep_error_estimate()):
   * - backward Euler (order 1): e = dt/2 |rate(t_n+1) - rate(t_n)|, its
   *   difference from the trapezoidal rule, the leading term of its local
   *   error;
   * - BDF2 (order 2): e = (1 + w)^2 / (6 w (1 + 2 w)) dt^3 |rate''|, the
   *   leading term of its local error (w = dt / dt_n), with rate'' the
   *   second divided difference of the rates at t_n-1, t_n and t_n+1
   *   (Hairer, Norsett & Wanner, Solving ODEs I, 1993, III.5).
   */
  struct TimeErrorEstimate
  {
    /// Volume mean of e over the body [-].
    double mean_error = 0.;
    /// Volume mean of the step's |equivalent creep-strain increment| [-].
    double mean_increment = 0.;
    /// Largest e at any point [-].
    double max_error = 0.;
    /// Order of the scheme the estimate is for (1 or 2).
    unsigned int order = 1;
  };

  /**
   * The one place that decides whether a time step is accepted and how
   * long the next one is.
   *
   * A step is rejected if its Newton solve failed, if a material's
   * accuracy limit was exceeded by more than a factor of two (the creep
   * cap, a safety limit), or if the creep error ratio
   *   E = mean_error / (rtol mean_increment + atol)
   * exceeds 1: the volume mean of the local error must stay below the
   * relative tolerance rtol times the mean of the step's creep increment,
   * plus the absolute tolerance atol. Each step's mean creep increment, the
   * quantity that thins and spreads the disc, is then accurate to about
   * rtol, and so is the accumulated mean creep strain. The mean rather than
   * a maximum or RMS: the stick-slip front under a Coulomb platen is a
   * moving singularity whose few points would otherwise set every step.
   *
   * After an accepted step the next step is the current one times
   *   min(g_max, 0.9 E^{-1/(p+1)}, material factor),
   * after a rejected one times min(0.9 E^{-1/(p+1)}, material factor)
   * (Newton failures: the cutback factor), p the order of the scheme,
   * bounded below by 0.2; a step whose Newton solve needed more than the
   * "easy" number of iterations does not grow.
   */
  class StepController
  {
  public:
    struct Settings
    {
      double       growth_factor          = 2.;   ///< g_max [-], > 1
      double       cutback_factor         = 0.5;  ///< [-], in (0, 1)
      unsigned int easy_newton_iterations = 6;    ///< [-]
      double       relative_tolerance     = 5e-3; ///< rtol [-]; 0: off
      double       absolute_tolerance     = 1e-6; ///< atol [-]
    };

    /// What the solver reports of the step.
    struct Outcome
    {
      bool         converged         = false;
      unsigned int newton_iterations = 0;
      /// The materials' time-step factor (their accuracy limits); +inf if
      /// none.
      double material_factor = std::numeric_limits<double>::infinity();
      TimeErrorEstimate error;
      /**
       * The step changed the contact (a node touched, lifted off, or
       * changed between stick and slip). The creep rate then jumps at the
       * change, which the error estimate reads as an error of the time
       * integration: such a step is accepted whatever its error, and the
       * next one, estimated from the new state, is not grown.
       */
      bool contact_event = false;
      /// Why the solve failed (not converged).
      std::string failure_reason;
    };

    struct Decision
    {
      bool accept = false;
      /// Factor for the next step (or the retry) [-].
      double factor = 1.;
      /// The creep error ratio E [-].
      double error_ratio = 0.;
      /// Why a step was rejected.
      std::string reason;
    };

    explicit StepController(const Settings &settings);

    Decision
    decide(const Outcome &outcome) const;

    /// E of @p error with these tolerances (0 if the error control is off).
    double
    error_ratio(const TimeErrorEstimate &error) const;

    const Settings &
    get_settings() const;

  private:
    Settings settings;
  };
} // namespace anodemech
