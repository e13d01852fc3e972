#pragma once

#include <anodemech/base/parameter_error.h>
#include <anodemech/materials/constitutive_model.h>

#include <deal.II/base/symmetric_tensor.h>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /**
   * Transversely isotropic elasticity for carbon-fibre tows and cloth: a
   * Saint Venant-Kirchhoff law S = C : E in the Green-Lagrange strain
   * E = (F^T F - I)/2, with C the transversely isotropic stiffness about the
   * fibre direction a_0 (a unit vector in the reference configuration),
   *   tau = F S F^T.
   * Exact under arbitrary rotations; its stiffness is the engineering one at
   * small strain, which is the regime of stiff fibres (strains of a few
   * percent). Reference: R. M. Jones, Mechanics of Composite Materials,
   * 2nd ed., Taylor & Francis 1999, Ch. 2;
   * doc/theory/transversely_isotropic_elasticity.md.
   */
  class TransverselyIsotropicElasticity : public ConstitutiveModel
  {
  public:
    /// Name in the material factory.
    static constexpr const char *model_name = "transversely isotropic";

    /// Engineering constants; axis L is the fibre, T any transverse axis.
    struct Parameters
    {
      /// Young's modulus along the fibre, E_L [Pa].
      double axial_youngs_modulus = unset_parameter;
      /// Young's modulus across the fibre, E_T [Pa].
      double transverse_youngs_modulus = unset_parameter;
      /// Poisson's ratio nu_LT = -eps_T/eps_L under load along L [-].
      double axial_poisson_ratio = unset_parameter;
      /// Poisson's ratio nu_TT in the transverse plane [-].
      double transverse_poisson_ratio = unset_parameter;
      /// Shear modulus G_LT in planes containing the fibre [Pa].
      double axial_shear_modulus = unset_parameter;
      /// Default fibre direction a_0 (normalised on use) [-].
      dealii::Tensor<1, 3> fiber_direction;

      /// Throw a ParameterError naming the first invalid entry.
      void
      validate() const;
    };

    /**
     * Declare the parameters. Defaults: T300-type carbon fibre (E_L 230 GPa,
     * E_T 15 GPa, nu_LT 0.2, nu_TT 0.07, G_LT 15 GPa; e.g. Kaddour &
     * Hinton, J. Compos. Mater. 47 (2013) 2427).
     */
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Build from the current subsection of @p prm.
    explicit TransverselyIsotropicElasticity(
      const dealii::ParameterHandler &prm);

    /// Build from constants; throws ParameterError if they are invalid.
    explicit TransverselyIsotropicElasticity(const Parameters &parameters);

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

    /// The engineering constants of this model.
    const Parameters &
    get_parameters() const
    {
      return parameters;
    }

    /// Stiffness C_IJKL [Pa] for fibre direction @p a0 (normalised here).
    dealii::SymmetricTensor<4, 3>
    stiffness(const dealii::Tensor<1, 3> &a0) const;

  private:
    void
    initialize();

    Parameters                    parameters;
    dealii::SymmetricTensor<4, 3> local_compliance;
    dealii::SymmetricTensor<4, 3> local_stiffness;
    dealii::SymmetricTensor<4, 3> default_stiffness;
  };
} // namespace anodemech
