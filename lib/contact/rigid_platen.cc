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
                      "coulomb (coefficient below) or sticking (no slip "
                      "where the disc touches; exact).");
    prm.declare_entry("Friction coefficient",
                      format_number(d.friction_coefficient),
                      dealii::Patterns::Double(0.),
                      "Coulomb friction coefficient mu [-], "
                      "in [0, 10] (lithium on steel: 0.1-0.6 is typical).");
    prm.declare_entry("Complementarity factor",
                      format_number(d.complementarity_factor),
                      dealii::Patterns::Double(0.),
                      "Weight of the gap and the slip against the contact "
                      "tractions when the semi-smooth Newton method decides "
                      "which nodes touch, stick or slip [-], > 0: c = factor "
                      "x (diagonal stiffness / area) of each node. It "
                      "changes the iteration's path, not its solution.");
  }



  void
  RigidPlaten::Parameters::parse_parameters(const dealii::ParameterHandler &prm)
  {
    const std::string model = prm.get("Friction model");
    friction_model = model == "frictionless" ? FrictionModel::frictionless :
                     model == "sticking"     ? FrictionModel::sticking :
                                               FrictionModel::coulomb;
    friction_coefficient   = prm.get_double("Friction coefficient");
    complementarity_factor = prm.get_double("Complementarity factor");
    validate();
  }



  void
  RigidPlaten::Parameters::validate() const
  {
    checks::in_range(
      "Friction coefficient", friction_coefficient, 0., true, 10., true, "-");
    checks::in_range("Complementarity factor",
                     complementarity_factor,
                     0.,
                     false,
                     1e6,
                     true,
                     "-");
  }



  RigidPlaten::RigidPlaten(const Parameters &parameters_in)
    : parameters(parameters_in)
  {
    parameters.validate();
  }



  RigidPlaten::NodeStatus
  RigidPlaten::classify(const NodeValues &node, const NodeStatus previous) const
  {
    const double Lambda =
      node.normal_multiplier + node.normal_parameter * node.gap;
    const bool touching =
      previous == NodeStatus::open ? Lambda > 0. : Lambda >= 0.;
    if (!touching)
      return NodeStatus::open;
    const bool frictionless =
      parameters.friction_model == FrictionModel::frictionless ||
      (parameters.friction_model == FrictionModel::coulomb &&
       parameters.friction_coefficient == 0.);
    if (frictionless || !node.friction_active || node.n_tangential == 0)
      return NodeStatus::contact;
    if (parameters.friction_model == FrictionModel::sticking)
      return NodeStatus::stick;
    double v2 = 0.;
    for (unsigned int i = 0; i < node.n_tangential; ++i)
      {
        const double v = node.tangential_multiplier[i] +
                         node.tangential_parameter * node.slip[i];
        v2 += v * v;
      }
    return std::sqrt(v2) <= parameters.friction_coefficient * Lambda ?
             NodeStatus::stick :
             NodeStatus::slip;
  }



  RigidPlaten::SlipCondition
  RigidPlaten::slip_condition(const NodeValues &node) const
  {
    const double       mu = parameters.friction_coefficient;
    const unsigned int n  = node.n_tangential;
    const double       Lambda =
      node.normal_multiplier + node.normal_parameter * node.gap;
    dealii::Tensor<1, max_tangential> v;
    for (unsigned int i = 0; i < n; ++i)
      v[i] = node.tangential_multiplier[i] +
             node.tangential_parameter * node.slip[i];
    const double norm = v.norm();
    Assert(norm > 0., dealii::ExcInternalError());
    const dealii::Tensor<1, max_tangential> s = v / norm;

    SlipCondition c;
    const double  ratio = mu * Lambda / norm;
    for (unsigned int i = 0; i < n; ++i)
      {
        c.residual[i] = node.tangential_multiplier[i] - mu * Lambda * s[i];
        c.d_normal_multiplier[i] = -mu * s[i];
        c.d_gap[i]               = -mu * node.normal_parameter * s[i];
        for (unsigned int j = 0; j < n; ++j)
          {
            const double P = ratio * ((i == j ? 1. : 0.) - s[i] * s[j]);
            c.d_tangential_multiplier[i][j] = (i == j ? 1. : 0.) - P;
            c.d_slip[i][j]                  = -node.tangential_parameter * P;
          }
      }
    return c;
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
} // namespace anodemech
