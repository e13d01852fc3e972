#pragma once

#include <anodemech/materials/constitutive_model.h>

#include <array>

namespace anodemech
{
  /**
   * Drives one material point through a homogeneous deformation with
   * diagonal deformation gradient F = diag(lambda_1, lambda_2, lambda_3),
   * each axis controlled either by its stretch or by a stress. This is the
   * numerical twin of a uniaxial creep, relaxation or compression test and
   * the basis of the material-point verification tests and demo.
   *
   * For every step the stress-controlled stretches are found by Newton's
   * method in the logarithmic stretches, using the model's consistent
   * tangent (d tau_ii / d ln lambda_j = A_iijj). A step whose material
   * update or Newton iteration fails is rejected: the converged state is
   * kept, and the caller may retry with a smaller step.
   */
  class HomogeneousDeformationDriver
  {
  public:
    /// What is prescribed along one axis.
    enum class Control
    {
      /// The stretch lambda_i [-].
      stretch,
      /// The true (Cauchy) normal stress sigma_ii [Pa].
      cauchy_stress,
      /**
       * The nominal stress P_ii = force / initial area = sigma_ii J /
       * lambda_i [Pa]: a dead load.
       */
      nominal_stress
    };

    /// Prescribed value along one axis.
    struct AxisLoad
    {
      Control control = Control::cauchy_stress;
      double  value   = 0.;
    };

    /// Outcome of one step.
    struct StepResult
    {
      bool         converged  = false;
      unsigned int iterations = 0;
      /// Suggested factor for the next time step (from the material).
      double suggested_time_step_factor = 1.;
      /// Why the step failed, or nullptr.
      const char *failure_reason = nullptr;
    };

    /// @p model must outlive the driver. @p temperature in K.
    HomogeneousDeformationDriver(const ConstitutiveModel &model,
                                 double                   temperature);

    /**
     * Advance by @p dt [s] to the loads @p loads; commits the new state if
     * and only if the step converged.
     */
    StepResult
    step(double dt, const std::array<AxisLoad, 3> &loads);

    /// Current time [s].
    double
    time() const;

    /// Current stretches lambda_i [-].
    std::array<double, 3>
    stretches() const;

    /// Current Cauchy stress [Pa].
    dealii::SymmetricTensor<2, 3>
    cauchy_stress() const;

    /// Current Kirchhoff stress [Pa].
    const dealii::SymmetricTensor<2, 3> &
    kirchhoff_stress() const;

    /// Converged history variables.
    const MaterialState &
    state() const;

    /// Set the temperature [K] used from the next step on.
    void
    set_temperature(double temperature);

  private:
    const ConstitutiveModel      *model;
    double                        temperature;
    double                        current_time = 0.;
    std::array<double, 3>         log_stretch  = {{0., 0., 0.}};
    MaterialState                 converged_state;
    dealii::SymmetricTensor<2, 3> tau;
  };
} // namespace anodemech
