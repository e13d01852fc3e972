#include <anodemech/base/parameter_error.h>
#include <anodemech/loading/time_stepper.h>

#include <deal.II/base/parameter_handler.h>

#include <algorithm>
#include <cmath>

namespace anodemech
{
  void
  TimeStepper::Parameters::declare_parameters(dealii::ParameterHandler &prm)
  {
    using dealii::Patterns::Double;
    using dealii::Patterns::Integer;
    const Parameters d;
    prm.declare_entry("Initial time step",
                      format_number(d.initial_time_step),
                      Double(0.),
                      "First time step to try [s].");
    prm.declare_entry("Minimum time step",
                      format_number(d.minimum_time_step),
                      Double(0.),
                      "Smallest time step [s]. A step that fails at this "
                      "size stops the run with an error; everything "
                      "converged so far is kept.");
    prm.declare_entry("Maximum time step",
                      format_number(d.maximum_time_step),
                      Double(0.),
                      "Largest time step [s].");
    prm.declare_entry("Growth factor",
                      format_number(d.growth_factor),
                      Double(1.),
                      "Factor by which the step grows after an easy step "
                      "[-], in (1, 10]; 1 would never let a step that was "
                      "cut back grow again.");
    prm.declare_entry("Cutback factor",
                      format_number(d.cutback_factor),
                      Double(0., 1.),
                      "Factor by which the step shrinks after a failed step "
                      "[-], in (0, 1).");
    prm.declare_entry("Easy Newton iterations",
                      std::to_string(d.easy_newton_iterations),
                      Integer(1),
                      "A step whose hardest Newton solve converged in at "
                      "most this many iterations is easy: the next step may "
                      "grow [-]. Each augmentation of the contact tractions "
                      "starts a new solve.");
    prm.declare_entry("Creep error tolerance",
                      format_number(d.creep_error_tolerance),
                      Double(0., 1.),
                      "Relative tolerance of the creep strain's local time-"
                      "integration error [-], in [0, 1): a step is accepted "
                      "if the volume RMS of the backward-Euler error "
                      "estimate, dt/2 |rate(t+dt) - rate(t)|, is at most "
                      "this fraction of the volume RMS of the step's creep "
                      "increment (plus the floor below); the creep strain "
                      "is then accurate to about this fraction. Smaller is "
                      "more accurate and takes more steps. 0: no error "
                      "control (only Newton and the materials' limits "
                      "choose the step).");
    prm.declare_entry("Creep error floor",
                      format_number(d.creep_error_floor),
                      Double(0., 1.),
                      "Absolute tolerance of the creep strain's local "
                      "time-integration error [-], in [0, 1): the error "
                      "allowed per step when the creep increment is tiny "
                      "(elastic steps).");
    prm.declare_entry("Maximum steps",
                      std::to_string(d.maximum_steps),
                      Integer(0),
                      "Largest number of accepted time steps [-]; a run "
                      "that needs more stops early (like Abaqus' INC). 0: "
                      "no limit.");
  }



  void
  TimeStepper::Parameters::parse_parameters(const dealii::ParameterHandler &prm)
  {
    initial_time_step      = prm.get_double("Initial time step");
    minimum_time_step      = prm.get_double("Minimum time step");
    maximum_time_step      = prm.get_double("Maximum time step");
    growth_factor          = prm.get_double("Growth factor");
    cutback_factor         = prm.get_double("Cutback factor");
    easy_newton_iterations = prm.get_integer("Easy Newton iterations");
    maximum_steps          = prm.get_integer("Maximum steps");
    creep_error_tolerance  = prm.get_double("Creep error tolerance");
    creep_error_floor      = prm.get_double("Creep error floor");
    validate();
  }



  void
  TimeStepper::Parameters::validate() const
  {
    checks::positive("Minimum time step", minimum_time_step, "s");
    checks::positive("Maximum time step", maximum_time_step, "s");
    if (!(minimum_time_step <= maximum_time_step))
      throw ParameterError(
        "Parameter 'Minimum time step' = " + format_number(minimum_time_step) +
        " s is larger than 'Maximum time step' = " +
        format_number(maximum_time_step) +
        " s; it must lie in (0, Maximum time step] s.");
    if (!(initial_time_step >= minimum_time_step) ||
        !std::isfinite(initial_time_step))
      throw ParameterError(
        "Parameter 'Initial time step' = " + format_number(initial_time_step) +
        " s is out of range; it must be a finite number >= 'Minimum time "
        "step' = " +
        format_number(minimum_time_step) + " s.");
    checks::in_range("Growth factor", growth_factor, 1., false, 10., true, "-");
    checks::in_range(
      "Cutback factor", cutback_factor, 0., false, 1., false, "-");
    checks::in_range(
      "Creep error tolerance", creep_error_tolerance, 0., true, 1., false, "-");
    checks::in_range(
      "Creep error floor", creep_error_floor, 0., true, 1., false, "-");
    if (creep_error_tolerance > 0. && !(creep_error_floor > 0.))
      throw ParameterError("Parameter 'Creep error floor' must be > 0 when "
                           "'Creep error tolerance' is > 0 (it bounds the "
                           "error allowed in steps without creep).");
    if (easy_newton_iterations < 1)
      throw ParameterError(
        "Parameter 'Easy Newton iterations' must be at least 1.");
  }



  TimeStepper::TimeStepper(const Parameters   &parameters_in,
                           std::vector<double> target_times)
    : parameters(parameters_in)
    , controller(StepController::Settings{parameters_in.growth_factor,
                                          parameters_in.cutback_factor,
                                          parameters_in.easy_newton_iterations,
                                          parameters_in.creep_error_tolerance,
                                          parameters_in.creep_error_floor})
    , t(0.)
    , dt(std::min(parameters_in.initial_time_step,
                  parameters_in.maximum_time_step))
    , last_on_target(false)
  {
    parameters.validate();
    for (const double target : target_times)
      if (target > 0. && std::isfinite(target))
        targets.push_back(target);
    if (targets.empty())
      throw ParameterError("The time stepper needs an end time > 0 s.");
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(),
                              targets.end(),
                              [](const double a, const double b) {
                                return std::abs(a - b) <=
                                       1e-12 * std::max(1., std::abs(b));
                              }),
                  targets.end());
  }



  double
  TimeStepper::time() const
  {
    return t;
  }



  double
  TimeStepper::end_time() const
  {
    return targets.back();
  }



  bool
  TimeStepper::finished() const
  {
    return t >= targets.back();
  }



  double
  TimeStepper::next_step() const
  {
    const double tolerance = 1e-12 * std::max(1., targets.back());
    const auto   next =
      std::upper_bound(targets.begin(), targets.end(), t + tolerance);
    if (next == targets.end())
      return 0.;
    const double remaining = *next - t;
    if (remaining <= (retrying ? 1. : 1.25) * dt &&
        remaining <= parameters.maximum_time_step)
      return remaining; // stretch a little or shrink to land on the target
    if (remaining < 2. * dt)
      return 0.5 * remaining; // two equal steps rather than a sliver
    return dt;
  }



  StepController::Decision
  TimeStepper::decide(const StepController::Outcome &outcome) const
  {
    return controller.decide(outcome);
  }



  void
  TimeStepper::accept(const unsigned int newton_iterations,
                      const double       material_factor)
  {
    StepController::Outcome outcome;
    outcome.converged                 = true;
    outcome.newton_iterations         = newton_iterations;
    outcome.material_factor           = material_factor;
    StepController::Decision decision = controller.decide(outcome);
    // Without an error estimate the step is accepted whatever the
    // material's factor; a factor below 1 shortens the next step.
    decision.accept = true;
    if (std::isfinite(material_factor) && material_factor > 0.)
      decision.factor =
        std::min(decision.factor, std::max(material_factor, 1e-300));
    accept(decision);
  }



  void
  TimeStepper::accept(const StepController::Decision &decision)
  {
    const double step      = next_step();
    const double tolerance = 1e-12 * std::max(1., targets.back());
    const auto   next =
      std::upper_bound(targets.begin(), targets.end(), t + tolerance);
    last_on_target = (next != targets.end() && step == *next - t);
    t              = last_on_target ? *next : t + step;
    retrying       = false;

    // Grow from the nominal step when the step actually taken was a
    // shortened landing step; a limit (factor < 1) applies to the step
    // taken.
    const double base = decision.factor < 1. ? step : std::max(step, dt);
    dt                = std::clamp(base * decision.factor,
                    parameters.minimum_time_step,
                    parameters.maximum_time_step);
  }



  bool
  TimeStepper::reject(const double factor)
  {
    double f = parameters.cutback_factor;
    if (std::isfinite(factor) && factor > 0. && factor < 1.)
      f = std::min(f, factor);
    return retry_shorter(f);
  }



  bool
  TimeStepper::reject(const StepController::Decision &decision)
  {
    const double f = decision.factor;
    return retry_shorter(
      std::isfinite(f) && f > 0. && f < 1. ? f : parameters.cutback_factor);
  }



  bool
  TimeStepper::retry_shorter(const double f)
  {
    const double new_dt = next_step() * f;
    if (new_dt < parameters.minimum_time_step * (1. - 1e-12))
      return false;
    dt       = new_dt;
    retrying = true;
    return true;
  }



  bool
  TimeStepper::on_target() const
  {
    return last_on_target;
  }



  const TimeStepper::Parameters &
  TimeStepper::get_parameters() const
  {
    return parameters;
  }



  TimeStepper::State
  TimeStepper::state() const
  {
    return State{t, dt, last_on_target};
  }



  void
  TimeStepper::restore(const State &state)
  {
    if (!(state.time >= 0. && state.time <= targets.back() &&
          state.next_step > 0. && std::isfinite(state.next_step)))
      throw ParameterError("TimeStepper: a saved state with time " +
                           format_number(state.time) + " s and step " +
                           format_number(state.next_step) +
                           " s does not fit a run ending at " +
                           format_number(targets.back()) + " s.");
    t              = state.time;
    dt             = state.next_step;
    last_on_target = state.last_on_target;
  }
} // namespace anodemech
