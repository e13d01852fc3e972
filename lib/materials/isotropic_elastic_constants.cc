#include <anodemech/materials/isotropic_elastic_constants.h>

#include <deal.II/base/parameter_handler.h>

namespace anodemech
{
  void
  IsotropicElasticConstants::declare_parameters(
    dealii::ParameterHandler &prm,
    const double              default_youngs_modulus,
    const double              default_poisson_ratio)
  {
    prm.declare_entry("Young's modulus",
                      format_number(default_youngs_modulus),
                      dealii::Patterns::Double(0.),
                      "Young's modulus E at small strain [Pa]. Must be > 0.");
    prm.declare_entry("Poisson's ratio",
                      format_number(default_poisson_ratio),
                      dealii::Patterns::Double(-1., 0.5),
                      "Poisson's ratio nu at small strain [-]. Must lie in "
                      "(-1, 0.5); 0.5 (incompressible) is not allowed.");
  }



  void
  IsotropicElasticConstants::parse_parameters(
    const dealii::ParameterHandler &prm)
  {
    youngs_modulus = prm.get_double("Young's modulus");
    poisson_ratio  = prm.get_double("Poisson's ratio");
    validate();
  }



  void
  IsotropicElasticConstants::validate() const
  {
    checks::positive("Young's modulus", youngs_modulus, "Pa");
    checks::in_range(
      "Poisson's ratio", poisson_ratio, -1., false, 0.5, false, "-");
  }



  double
  IsotropicElasticConstants::shear_modulus() const
  {
    return youngs_modulus / (2. * (1. + poisson_ratio));
  }



  double
  IsotropicElasticConstants::bulk_modulus() const
  {
    return youngs_modulus / (3. * (1. - 2. * poisson_ratio));
  }



  double
  IsotropicElasticConstants::lame_lambda() const
  {
    return bulk_modulus() - 2. * shear_modulus() / 3.;
  }
} // namespace anodemech
