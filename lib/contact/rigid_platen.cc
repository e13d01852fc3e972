#include <anodemech/base/parameter_error.h>
#include <anodemech/contact/rigid_platen.h>

#include <deal.II/base/parameter_handler.h>

#include <cmath>

namespace anodemech
{
  void
  RigidPlaten::Parameters::declare_parameters(dealii::ParameterHandler &prm)
  {
    const Parameters d;
    prm.declare_entry("Friction model",
                      "coulomb",
                      dealii::Patterns::Selection(
                        "frictionless|coulomb|sticking"),
                      "Friction between disc and platen: frictionless, "
                      "coulomb (coefficient below) or sticking (no slip).");
    prm.declare_entry("Friction coefficient",
                      format_number(d.friction_coefficient),
                      dealii::Patterns::Double(0.),
                      "Coulomb friction coefficient mu [-], >= 0 "
                      "(lithium on steel: 0.2-0.6 is typical).");
    prm.declare_entry("Penalty factor",
                      format_number(d.penalty_factor),
                      dealii::Patterns::Double(0.),
                      "Contact penalty eps = factor * E_ref / (h/2) [-], > 0. "
                      "Without augmentation the penetration is about "
                      "p (h/2) / (factor E_ref).");
    prm.declare_entry("Penetration tolerance",
                      format_number(d.penetration_tolerance),
                      dealii::Patterns::Double(0., 1e-3),
                      "Largest penetration of the platen into the disc, "
                      "relative to the half thickness [-], in (0, 1e-3]. "
                      "Augmented-Lagrangian updates of the normal traction "
                      "reduce the penetration below it.");
    prm.declare_entry("Friction smoothing",
                      format_number(d.friction_smoothing),
                      dealii::Patterns::Double(0., 0.5),
                      "Half width of the stick-slip transition relative to "
                      "the friction limit mu t_N [-], in [0, 0.5]: trial "
                      "tractions within (1 -/+ this) mu t_N blend smoothly "
                      "from stick to slip, which can keep Newton from "
                      "cycling on the kink (try 0.1 if a run with little "
                      "friction fails in its first steps); 0: the sharp "
                      "Coulomb law.");
    prm.declare_entry("Max augmentations",
                      std::to_string(d.max_augmentations),
                      dealii::Patterns::Integer(0, 100),
                      "Augmented-Lagrangian updates per step [-]; a step "
                      "whose penetration stays above the tolerance fails.");
  }



  void
  RigidPlaten::Parameters::parse_parameters(const dealii::ParameterHandler &prm)
  {
    const std::string model = prm.get("Friction model");
    friction_model = model == "frictionless" ? FrictionModel::frictionless :
                     model == "sticking"     ? FrictionModel::sticking :
                                               FrictionModel::coulomb;
    friction_coefficient  = prm.get_double("Friction coefficient");
    penalty_factor        = prm.get_double("Penalty factor");
    penetration_tolerance = prm.get_double("Penetration tolerance");
    max_augmentations     = prm.get_integer("Max augmentations");
    friction_smoothing    = prm.get_double("Friction smoothing");
    validate();
  }



  void
  RigidPlaten::Parameters::validate() const
  {
    checks::non_negative("Friction coefficient", friction_coefficient, "-");
    checks::positive("Penalty factor", penalty_factor, "-");
    checks::in_range("Penetration tolerance",
                     penetration_tolerance,
                     0.,
                     false,
                     1e-3,
                     true,
                     "- (relative to the half thickness)");
    checks::in_range(
      "Friction smoothing", friction_smoothing, 0., true, 0.5, true, "-");
  }



  RigidPlaten::RigidPlaten(const Parameters &parameters_in,
                           const double      penalty_stiffness)
    : parameters(parameters_in)
    , penalty(penalty_stiffness)
  {
    parameters.validate();
    checks::positive("contact penalty stiffness", penalty, "Pa/m");
  }



  template <int dim>
  RigidPlaten::PointResponse<dim>
  RigidPlaten::evaluate(const double                  z,
                        const double                  h,
                        const dealii::Tensor<1, dim> &du_step,
                        const PointState<dim>        &old,
                        const double                  multiplier,
                        const double                  smoothing) const
  {
    constexpr unsigned int normal = dim - 1;
    PointResponse<dim>     r;
    const double           gap = z - h;
    if (multiplier + penalty * gap < 0.)
      return r; // open: no traction, multiplier and friction state reset
    r.state.normal_multiplier = multiplier;

    r.active                       = true;
    r.normal_traction              = multiplier + penalty * gap;
    r.dnormal_du[normal]           = penalty;
    r.dnormal_dh                   = -penalty;
    r.traction[normal]             = -r.normal_traction;
    r.dtraction_du[normal][normal] = -penalty;
    r.dtraction_dh[normal]         = penalty;

    r.state.in_contact = true;
    if (parameters.friction_model == FrictionModel::frictionless ||
        !old.in_contact)
      return r;

    // Elastic predictor of the tangential traction.
    dealii::Tensor<1, dim> trial = old.tangential_traction;
    for (unsigned int i = 0; i < normal; ++i)
      trial[i] += penalty * du_step[i];
    const double trial_norm = trial.norm();
    const double mu    = parameters.friction_model == FrictionModel::sticking ?
                           sticking_friction_coefficient :
                           parameters.friction_coefficient;
    const double limit = mu * r.normal_traction;

    if (mu == 0.)
      {
        // Coulomb with mu = 0 slips freely; the 0 <= 0 stick branch below
        // would give it a tangential stiffness its residual does not have.
        r.slipping = true;
        return r;
      }
    // Stick below (1 - delta) L, slip above (1 + delta) L (L = mu t_N);
    // in between t = f(T) n with the C1 blend
    // f = T - (T - (1 - delta) L)^2 / (4 delta L).
    const double delta =
      smoothing >= 0. ? smoothing : parameters.friction_smoothing;
    if (trial_norm <= (1. - delta) * limit)
      {
        r.state.tangential_traction = trial;
        for (unsigned int i = 0; i < normal; ++i)
          {
            r.traction[i]        = -trial[i];
            r.dtraction_du[i][i] = -penalty;
          }
        return r;
      }

    double f = limit, df_dT = 0., df_dL = 1.;
    if (trial_norm < (1. + delta) * limit)
      {
        const double a = trial_norm - (1. - delta) * limit;
        f              = trial_norm - a * a / (4. * delta * limit);
        df_dT          = 1. - a / (2. * delta * limit);
        df_dL          = a * (1. - delta) / (2. * delta * limit) +
                a * a / (4. * delta * limit * limit);
      }
    r.slipping                     = trial_norm > limit;
    const dealii::Tensor<1, dim> n = trial / trial_norm;
    r.state.tangential_traction    = f * n;
    r.state.normal_multiplier      = multiplier;
    const double ratio             = f / trial_norm;
    for (unsigned int i = 0; i < normal; ++i)
      {
        r.traction[i] = -f * n[i];
        for (unsigned int j = 0; j < normal; ++j)
          r.dtraction_du[i][j] =
            -penalty *
            (df_dT * n[i] * n[j] + ratio * ((i == j ? 1. : 0.) - n[i] * n[j]));
        // Through L = mu t_N, t_N = lambda + eps (z - h).
        r.dtraction_du[i][normal] = -df_dL * mu * n[i] * penalty;
        r.dtraction_dh[i]         = df_dL * mu * n[i] * penalty;
      }
    return r;
  }



  double
  RigidPlaten::penalty_stiffness() const
  {
    return penalty;
  }



  const RigidPlaten::Parameters &
  RigidPlaten::get_parameters() const
  {
    return parameters;
  }



  std::string
  RigidPlaten::friction_model_name(const FrictionModel model)
  {
    switch (model)
      {
        case FrictionModel::frictionless:
          return "frictionless";
        case FrictionModel::sticking:
          return "sticking";
        default:
          return "coulomb";
      }
  }



  template RigidPlaten::PointResponse<2>
  RigidPlaten::evaluate<2>(double,
                           double,
                           const dealii::Tensor<1, 2> &,
                           const PointState<2> &,
                           double,
                           double) const;
  template RigidPlaten::PointResponse<3>
  RigidPlaten::evaluate<3>(double,
                           double,
                           const dealii::Tensor<1, 3> &,
                           const PointState<3> &,
                           double,
                           double) const;
} // namespace anodemech
