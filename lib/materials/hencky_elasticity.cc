#include <anodemech/materials/hencky_elasticity.h>
#include <anodemech/materials/spectral_decomposition.h>

#include <deal.II/base/parameter_handler.h>

#include <cmath>
#include <limits>

namespace anodemech
{
  void
  HenckyElasticity::declare_parameters(dealii::ParameterHandler &prm)
  {
    IsotropicElasticConstants::declare_parameters(prm, 7.82e9, 0.381);
  }



  HenckyElasticity::HenckyElasticity(const dealii::ParameterHandler &prm)
  {
    constants.parse_parameters(prm);
  }



  HenckyElasticity::HenckyElasticity(const IsotropicElasticConstants &c)
    : constants(c)
  {
    constants.validate();
  }



  std::string
  HenckyElasticity::name() const
  {
    return model_name;
  }



  void
  HenckyElasticity::update(const MaterialPointInput &input,
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

    const dealii::SymmetricTensor<2, 3> b =
      dealii::symmetrize(input.F * dealii::transpose(input.F));
    const SpectralDecomposition spectral(b);
    const auto                 &lambda = spectral.eigenvalues();

    const double K = constants.bulk_modulus();
    const double G = constants.shear_modulus();

    std::array<double, 3> eps;
    for (unsigned int a = 0; a < 3; ++a)
      eps[a] = 0.5 * std::log(lambda[a]);
    const double theta = eps[0] + eps[1] + eps[2];

    std::array<double, 3> tau;
    for (unsigned int a = 0; a < 3; ++a)
      tau[a] = K * theta + 2. * G * (eps[a] - theta / 3.);
    result.kirchhoff_stress = spectral.compose(tau);

    const dealii::SymmetricTensor<4, 3> D_hat =
      K * dealii::outer_product(dealii::unit_symmetric_tensor<3>(),
                                dealii::unit_symmetric_tensor<3>()) +
      2. * G * dealii::deviator_tensor<3>();
    result.spatial_tangent =
      logarithmic_strain_spatial_tangent(spectral, D_hat);
  }



  double
  HenckyElasticity::reference_shear_modulus() const
  {
    return constants.shear_modulus();
  }



  double
  HenckyElasticity::reference_bulk_modulus() const
  {
    return constants.bulk_modulus();
  }
} // namespace anodemech
