#pragma once

#include <anodemech/materials/constitutive_model.h>
#include <anodemech/materials/isotropic_elastic_constants.h>

namespace anodemech
{
  /**
   * Finite-strain J2 viscoplasticity of Norton (power-law) type with an
   * optional threshold, for lithium metal.
   *
   * Kinematics: F = F_e F_p with isochoric flow (det F_p = 1), Hencky
   * elasticity in the elastic logarithmic strain eps_e = 1/2 ln b_e, and the
   * exponential-map integrator of the flow rule, so that the return map is
   * the small-strain radial return written in eps_e (Weber & Anand 1990;
   * Eterovic & Bathe 1990; Simo 1992). Rate law (overstress form):
   *   eps_dot_p = A exp(-Q/R (1/T - 1/T_ref)) <(q - sigma_y)/sigma_ref>^n,
   * q = sqrt(3/2) |dev tau| the von Mises Kirchhoff stress, <x> = max(x, 0).
   * With sigma_y = 0 this is Norton creep (Masias et al., J. Mater. Sci. 54
   * (2019) 2585 measured n = 6.56 for lithium).
   *
   * Time integration is backward Euler, or, when the caller passes the
   * previous step (MaterialPointInput::previous_time_step > 0), the
   * variable-step BDF2 formula
   *   dgamma = alpha dgamma_n + beta dt eps_dot_p(q_n+1),
   *   alpha = w^2 / (1 + 2 w), beta = (1 + w) / (1 + 2 w), w = dt / dt_n,
   * second order and L-stable, with the known part alpha dgamma_n applied
   * along the current flow direction (exact for proportional flow); a point
   * where that part would take the stress below the threshold falls back to
   * backward Euler. The scalar equation for the creep increment is solved by a
   * monotone Newton iteration on a convex function of the logarithm of the
   * smaller of the two unknowns (creep increment or overstress), which
   * converges for any n > 0 and any dt. The spatial tangent is the exact
   * linearisation of the discrete update. Theory page:
   * doc/theory/norton_creep.md.
   */
  class NortonCreep : public ConstitutiveModel
  {
  public:
    /// Name in the material factory.
    static constexpr const char *model_name = "norton creep";

    /// Universal gas constant R [J/(mol K)].
    static constexpr double gas_constant = 8.314462618;

    /// Material constants of the model.
    struct Parameters
    {
      /// Elastic constants (Hencky law).
      IsotropicElasticConstants elastic;
      /// Creep prefactor A at the reference temperature [1/s].
      double creep_prefactor = unset_parameter;
      /// Reference stress sigma_ref of the rate law [Pa].
      double reference_stress = unset_parameter;
      /// Stress exponent n [-].
      double stress_exponent = unset_parameter;
      /// Activation energy Q [J/mol].
      double activation_energy = unset_parameter;
      /// Reference temperature T_ref at which A is given [K].
      double reference_temperature = unset_parameter;
      /// Threshold (yield) stress sigma_y below which there is no flow [Pa].
      double yield_stress = unset_parameter;
      /**
       * Creep-strain increment per step above which the model asks for a
       * shorter step (accuracy limit of backward Euler) [-].
       */
      double maximum_creep_strain_increment = unset_parameter;

      /// Throw a ParameterError naming the first invalid or unset entry.
      void
      validate() const;
    };

    /**
     * Declare the parameters. Defaults are lithium at room temperature:
     * E = 7.82 GPa, nu = 0.381 (Masias et al. 2019), n = 6.56,
     * A = 7.7e-3 1/s at sigma_ref = 1 MPa and T_ref = 299.15 K (fit to the
     * creep data of Masias et al. 2019), Q = 37 kJ/mol, sigma_y = 0.
     */
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Build from the current subsection of @p prm.
    explicit NortonCreep(const dealii::ParameterHandler &prm);

    /// Build from constants; throws ParameterError if they are invalid.
    explicit NortonCreep(const Parameters &parameters);

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

    /// The constants the model was built with.
    const Parameters &
    get_parameters() const;

    /**
     * Arrhenius factor exp(-Q/R (1/T - 1/T_ref)) [-] at temperature @p T
     * [K]; throws ParameterError unless T > 0.
     */
    double
    arrhenius_factor(double T) const;

    /**
     * Equivalent creep strain rate eps_dot_p(q, T) [1/s] of the continuous
     * rate law at von Mises stress @p q [Pa] and temperature @p T [K].
     */
    double
    creep_rate(double q, double T) const;

    /// Outcome of the scalar backward-Euler equation.
    struct ReturnMapSolution
    {
      /// Stress drop u = 3 G Delta gamma = q_trial - q [Pa].
      double stress_drop = 0.;
      /// Overstress q - sigma_y at the end of the step [Pa].
      double overstress = 0.;
      /// d q / d q_trial of the discrete update [-].
      double dq_dqtrial = 1.;
      /// Newton iterations used.
      unsigned int iterations = 0;
      /// Whether the iteration converged.
      bool converged = true;
    };

    /**
     * Solve u = c (x / sigma_ref)^n, x = x_trial - u, for the overstress
     * x in (0, x_trial] and u = 3 G Delta gamma, where c = 3 G dt A_T.
     * Exposed for testing the scalar solver on its own.
     */
    static ReturnMapSolution
    solve_return_map(double trial_overstress,
                     double c,
                     double reference_stress,
                     double n);

  private:
    Parameters parameters;
  };
} // namespace anodemech
