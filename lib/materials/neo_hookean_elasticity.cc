#include <anodemech/materials/neo_hookean_elasticity.h>

#include <deal.II/base/parameter_handler.h>

#include <cmath>
#include <limits>

namespace anodemech
{
  void
  NeoHookeanElasticity::declare_parameters(dealii::ParameterHandler &prm)
  {
    IsotropicElasticConstants::declare_parameters(prm, 7.82e9, 0.381);
  }



  NeoHookeanElasticity::NeoHookeanElasticity(
    const dealii::ParameterHandler &prm)
  {
    constants.parse_parameters(prm);
  }



  NeoHookeanElasticity::NeoHookeanElasticity(const IsotropicElasticConstants &c)
    : constants(c)
  {
    constants.validate();
  }



  std::string
  NeoHookeanElasticity::name() const
  {
    return model_name;
  }



  void
  NeoHookeanElasticity::update(const MaterialPointInput &input,
                               const MaterialState      &state_old,
                               MaterialPointResult      &result) const
  {
    result.state  = state_old;
    result.status = MaterialStatus::ok;
    // Rate independent: no limit on the time step.
    result.suggested_time_step_factor = std::numeric_limits<double>::infinity();
    result.failure_reason             = nullptr;

    const double J = dealii::determinant(input.F);
    if (!(J > 0.))
      {
        result.status                     = MaterialStatus::failed;
        result.suggested_time_step_factor = 0.25;
        result.failure_reason = "inverted material point: det F <= 0";
        return;
      }

    const double                        mu     = constants.shear_modulus();
    const double                        lambda = constants.lame_lambda();
    const dealii::SymmetricTensor<2, 3> b =
      dealii::symmetrize(input.F * dealii::transpose(input.F));
    const dealii::SymmetricTensor<2, 3> I = dealii::unit_symmetric_tensor<3>();

    result.kirchhoff_stress = mu * (b - I) + lambda * std::log(J) * I;

    // delta tau = mu (l b + b l^T) + lambda tr(l) I
    auto &A = result.spatial_tangent;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = 0; j < 3; ++j)
        for (unsigned int k = 0; k < 3; ++k)
          for (unsigned int l = 0; l < 3; ++l)
            A[i][j][k][l] =
              mu * ((i == k ? b[l][j] : 0.) + (j == k ? b[i][l] : 0.)) +
              (i == j && k == l ? lambda : 0.);
  }



  double
  NeoHookeanElasticity::reference_shear_modulus() const
  {
    return constants.shear_modulus();
  }



  double
  NeoHookeanElasticity::reference_bulk_modulus() const
  {
    return constants.bulk_modulus();
  }
} // namespace anodemech
