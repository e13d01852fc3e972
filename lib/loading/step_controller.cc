#include <anodemech/loading/step_controller.h>

#include <algorithm>
#include <cmath>

namespace anodemech
{
  namespace
  {
    /// Smallest factor of one decision [-].
    constexpr double minimum_factor = 0.2;
    /// Safety factor on the error-based step [-].
    constexpr double safety = 0.9;
  } // namespace



  StepController::StepController(const Settings &settings_in)
    : settings(settings_in)
  {}



  double
  StepController::error_ratio(const TimeErrorEstimate &error) const
  {
    if (!(settings.relative_tolerance > 0.))
      return 0.;
    const double allowed = settings.relative_tolerance * error.mean_increment +
                           settings.absolute_tolerance;
    return allowed > 0. ? error.mean_error / allowed : 0.;
  }



  StepController::Decision
  StepController::decide(const Outcome &outcome) const
  {
    Decision     d;
    const double material =
      (std::isfinite(outcome.material_factor) && outcome.material_factor > 0.) ?
        outcome.material_factor :
        std::numeric_limits<double>::infinity();
    if (!outcome.converged)
      {
        d.reason = outcome.failure_reason;
        d.factor =
          std::max(minimum_factor, std::min(settings.cutback_factor, material));
        return d;
      }
    if (material < 0.5)
      {
        d.reason = "the creep-strain increment exceeds the material's "
                   "'Maximum creep strain increment' more than twice";
        d.factor = std::max(minimum_factor, material);
        return d;
      }
    d.error_ratio = error_ratio(outcome.error);
    const double error_factor =
      d.error_ratio > 0. ?
        safety * std::pow(d.error_ratio, -1. / (outcome.error.order + 1.)) :
        std::numeric_limits<double>::infinity();
    if (d.error_ratio > 1. && outcome.contact_event)
      {
        d.accept = true;
        d.factor = std::max(minimum_factor, std::min(1., material));
        return d;
      }
    if (d.error_ratio > 1.)
      {
        d.reason = "the creep strain's time-integration error is " +
                   std::to_string(d.error_ratio) + " times its tolerance";
        d.factor = std::max(minimum_factor, std::min(error_factor, material));
        return d;
      }
    d.accept = true;
    const double growth =
      outcome.newton_iterations <= settings.easy_newton_iterations ?
        settings.growth_factor :
        1.;
    d.factor =
      std::max(minimum_factor, std::min({growth, error_factor, material}));
    return d;
  }



  const StepController::Settings &
  StepController::get_settings() const
  {
    return settings;
  }
} // namespace anodemech
