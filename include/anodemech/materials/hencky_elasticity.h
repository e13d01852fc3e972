#pragma once

#include <anodemech/materials/constitutive_model.h>
#include <anodemech/materials/isotropic_elastic_constants.h>

namespace anodemech
{
  /**
   * Isotropic Hencky (logarithmic-strain) hyperelasticity,
   *   psi = K/2 (ln J)^2 + G dev(eps):dev(eps),  eps = 1/2 ln b,
   *   tau = K ln J I + 2 G dev(eps),
   * exact for any stretch and rotation, and the small-strain law for small
   * strain. It is the elastic part of NortonCreep. Suitable up to
   * logarithmic strains of order one (beyond, the energy is not
   * polyconvex). Reference: H. Xiao, O. T. Bruhns, A. Meyers, Acta Mech. 124
   * (1997) 89-105; theory page doc/theory/hencky_elasticity.md.
   */
  class HenckyElasticity : public ConstitutiveModel
  {
  public:
    /// Name in the material factory.
    static constexpr const char *model_name = "hencky";

    /// Declare the parameters (defaults: lithium, Masias et al. 2019).
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Build from the current subsection of @p prm.
    explicit HenckyElasticity(const dealii::ParameterHandler &prm);

    /// Build from constants; throws ParameterError if they are invalid.
    explicit HenckyElasticity(const IsotropicElasticConstants &constants);

    std::string
    name() const override;

    void
    update(const MaterialPointInput &input,
           const MaterialState      &state_old,
           MaterialPointResult      &result) const override;

    double
    reference_shear_modulus() const override;

    double
    reference_bulk_modulus() const override;

  private:
    IsotropicElasticConstants constants;
  };
} // namespace anodemech
