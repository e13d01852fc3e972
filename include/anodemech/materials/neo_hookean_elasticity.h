#pragma once

#include <anodemech/materials/constitutive_model.h>
#include <anodemech/materials/isotropic_elastic_constants.h>

namespace anodemech
{
  /**
   * Compressible neo-Hookean hyperelasticity,
   *   psi = mu/2 (tr b - 3 - 2 ln J) + lambda/2 (ln J)^2,
   *   tau = mu (b - I) + lambda ln J I,
   * with mu and lambda the small-strain Lame constants from E and nu
   * (J. C. Simo, T. J. R. Hughes, Computational Inelasticity, Springer 1998,
   * Sec. 9.2; doc/theory/neo_hookean_elasticity.md). Polyconvex, so it
   * stays well posed at any compression; used for soft phases such as the
   * gel polymer electrolyte.
   */
  class NeoHookeanElasticity : public ConstitutiveModel
  {
  public:
    /// Name in the material factory.
    static constexpr const char *model_name = "neo-hookean";

    /// Declare the parameters (defaults: lithium, Masias et al. 2019).
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Build from the current subsection of @p prm.
    explicit NeoHookeanElasticity(const dealii::ParameterHandler &prm);

    /// Build from constants; throws ParameterError if they are invalid.
    explicit NeoHookeanElasticity(const IsotropicElasticConstants &constants);

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
