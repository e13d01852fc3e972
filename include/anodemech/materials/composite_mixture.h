#pragma once

#include <anodemech/materials/constitutive_model.h>
#include <anodemech/materials/norton_creep.h>
#include <anodemech/materials/transversely_isotropic_elasticity.h>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /**
   * Homogenized composite anode: an elastic fibre network acting in
   * parallel with creeping lithium (iso-strain, Voigt mixture),
   *   tau(F) = tau_network(F) + w tau_Li(F, state),
   * with the network a transversely isotropic Saint Venant-Kirchhoff solid
   * (TransverselyIsotropicElasticity; for a woven cloth its axis is the
   * through-thickness direction, stiff in the plane and soft across it) and
   * the lithium the Norton creep model (NortonCreep) weighted by w: its
   * volume fraction if it strains with the network (the Voigt bound), or
   * less where voids and tows unload it (the lithium's load share in an
   * RVE). Both see the same deformation gradient, so the Kirchhoff
   * stresses add, and so do the spatial tangents (the geometric terms
   * delta tau + tau delta of each part are linear in its tau); the history
   * is the lithium's.
   *
   * The network constants are effective ones: they hold the fibres, the
   * crimp and the compliance of the voids between the tows (void
   * compaction), and come from the recipe and the RVE runs of rve_compress
   * (doc/theory/composite_homogenization.md), not from the disc
   * measurements.
   */
  class CompositeMixture : public ConstitutiveModel
  {
  public:
    /// Name in the material factory.
    static constexpr const char *model_name = "composite mixture";

    struct Parameters
    {
      /// The elastic fibre network (effective constants) [Pa, -].
      TransverselyIsotropicElasticity::Parameters network;
      /// The lithium between the fibres.
      NortonCreep::Parameters lithium;
      /// Weight w of the lithium stress in the mixture [-], in [0, 1].
      double lithium_weight = unset_parameter;

      /// Throw a ParameterError naming the first invalid entry.
      void
      validate() const;
    };

    /**
     * Declare "Lithium weight" and the subsections "Network"
     * (TransverselyIsotropicElasticity) and "Lithium" (NortonCreep).
     */
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Build from the current subsection of @p prm.
    explicit CompositeMixture(const dealii::ParameterHandler &prm);

    /// Build from constants; throws ParameterError if they are invalid.
    explicit CompositeMixture(const Parameters &parameters);

    std::string
    name() const override;

    void
    update(const MaterialPointInput &input,
           const MaterialState      &state_old,
           MaterialPointResult      &result) const override;

    bool
    is_rate_dependent() const override;

    double
    reference_shear_modulus() const override;

    double
    reference_bulk_modulus() const override;

  private:
    double                          lithium_weight;
    TransverselyIsotropicElasticity network;
    NortonCreep                     lithium;
  };
} // namespace anodemech
