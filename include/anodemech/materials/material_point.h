#pragma once

#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>

namespace anodemech
{
  /**
   * What a constitutive model is given at one quadrature point for one time
   * step from t_n to t_{n+1} = t_n + dt. All quantities are three-dimensional:
   * plane and axisymmetric problems pass the full 3x3 deformation gradient
   * (the axisymmetric hoop stretch is F_33 = r/R).
   */
  struct MaterialPointInput
  {
    /// Deformation gradient at the end of the step, F_{n+1} [-].
    dealii::Tensor<2, 3> F = dealii::unit_symmetric_tensor<3>();

    /// Deformation gradient at the start of the step, F_n [-].
    dealii::Tensor<2, 3> F_old = dealii::unit_symmetric_tensor<3>();

    /// Time step dt = t_{n+1} - t_n [s]; zero is allowed (instantaneous).
    double time_step = 0.;
    /**
     * Length of the step before, t_n - t_{n-1} [s]. Positive: models that
     * integrate a rate law may use the second-order two-step BDF2 formula
     * with it (NortonCreep does); zero: backward Euler.
     */
    double previous_time_step = 0.;

    /// Absolute temperature at the end of the step [K].
    double temperature = 298.15;

    /**
     * Material (reference-configuration) preferred direction, e.g. the fiber
     * direction of a tow [-]. A zero vector means "use the direction given
     * in the model's parameters". Ignored by isotropic models.
     */
    dealii::Tensor<1, 3> material_direction;
  };

  /**
   * History variables of one quadrature point. The same plain structure is
   * used by every model (elastic models leave it untouched) so that the
   * solver can store converged and trial states in flat arrays and copy
   * them without allocation.
   */
  struct MaterialState
  {
    /**
     * Inverse plastic (creep) right Cauchy-Green tensor
     * C_p^{-1} = F_p^{-1} F_p^{-T} [-]. The elastic left Cauchy-Green tensor
     * is b_e = F C_p^{-1} F^T. Isochoric flow keeps det C_p^{-1} = 1.
     */
    dealii::SymmetricTensor<2, 3> plastic_metric_inverse =
      dealii::unit_symmetric_tensor<3>();

    /// Accumulated equivalent creep strain, int sqrt(2/3 d_p:d_p) dt [-].
    double equivalent_creep_strain = 0.;

    /// Equivalent creep strain rate of the rate law at the end of the last
    /// step [1/s].
    double equivalent_creep_rate = 0.;
    /// equivalent_creep_rate one step earlier [1/s].
    double previous_creep_rate = 0.;
    /// Equivalent creep strain increment of the last step [-].
    double last_creep_increment = 0.;
  };

  /// Outcome of a material-point update.
  enum class MaterialStatus
  {
    /// The update converged; stress, tangent and trial state are valid.
    ok,
    /**
     * The update failed (inverted element, non-converged return map, ...).
     * The caller must reject the step and retry with a time step scaled by
     * MaterialPointResult::suggested_time_step_factor.
     */
    failed
  };

  /**
   * What a constitutive model returns for one quadrature point and one step.
   */
  struct MaterialPointResult
  {
    /// Kirchhoff stress tau = J sigma at the end of the step [Pa].
    dealii::SymmetricTensor<2, 3> kirchhoff_stress;

    /**
     * Consistent (algorithmic) spatial tangent of the Kirchhoff stress with
     * respect to the spatial velocity gradient, A = d tau / d l, defined by
     * delta tau_ij = A_ijkl delta l_kl with delta l = delta F F^{-1} [Pa].
     * For a hyperelastic material A_ijkl = c_ijkl + delta_ik tau_lj +
     * tau_il delta_jk, c being J times the spatial elasticity tensor. The
     * total-Lagrangian stiffness follows as
     * K = int grad_x(v):A:grad_x(u) - tau:(grad_x(v) grad_x(u)) dV.
     */
    dealii::Tensor<4, 3> spatial_tangent;

    /// Trial state at the end of the step (to be committed if the step is).
    MaterialState state;

    /// Whether the update succeeded.
    MaterialStatus status = MaterialStatus::ok;

    /**
     * Factor by which the caller should multiply the time step: less than 1
     * after a failure (mandatory) or when the creep-strain increment
     * exceeded the model's accuracy limit (advisory); may be greater than 1
     * when the step was easy; +infinity for models whose accuracy does not
     * depend on the step (rate-independent models). Never NaN.
     */
    double suggested_time_step_factor = 1.;

    /// Static text saying why the update failed; nullptr when it did not.
    const char *failure_reason = nullptr;
  };
} // namespace anodemech
