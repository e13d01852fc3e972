#pragma once

#include <anodemech/materials/constitutive_model.h>

#include <iosfwd>
#include <memory>
#include <string>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /**
   * Uniaxial compression creep test of one material point: a dead load
   * (nominal stress = force / initial area) is ramped linearly and then
   * held, the lateral faces are traction free, and the height, diameter and
   * creep strain are recorded against time. Adaptive time steps: they grow
   * after easy steps, follow the model's accuracy request and are cut back
   * and retried after a failed step; they land exactly on the end of the
   * ramp and of the hold.
   *
   * This is the library side of the material_point_creep app, kept here so
   * that tests and users' programs run exactly what the app runs.
   */
  class UniaxialCreepTest
  {
  public:
    /// Test settings; all SI.
    struct Settings
    {
      /// Temperature [K].
      double temperature = 299.15;
      /// Compressive nominal stress reached at the end of the ramp [Pa].
      double nominal_stress = 0.5e6;
      /// Duration of the linear ramp [s].
      double ramp_time = 1.;
      /// Duration of the hold at constant load [s].
      double hold_time = 1800.;
      /// First time step [s].
      double initial_time_step = 1e-3;
      /// Largest time step [s].
      double maximum_time_step = 10.;
      /// Smallest time step before the run gives up [s].
      double minimum_time_step = 1e-9;
      /// Height reduction at which the test stops [%].
      double maximum_height_reduction = 60.;
      /// CSV output file ("" for none).
      std::string csv_file = "creep_curve.csv";
      /// Print a progress line every this many steps.
      unsigned int progress_interval = 50;
    };

    /// Outcome of a run.
    struct Summary
    {
      bool         completed = false;
      unsigned int steps     = 0;
      unsigned int cutbacks  = 0;
      double       end_time  = 0.;
      /// Height change at the end (negative: thinner) [%].
      double height_change_percent = 0.;
      /// Diameter change at the end [%].
      double      diameter_change_percent = 0.;
      std::string message;
    };

    /// Declare "Material" (via MaterialFactory), "Loading" and "Output".
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Read the settings and build the material.
    explicit UniaxialCreepTest(dealii::ParameterHandler &prm);

    /// Use @p model (which must outlive this object) with @p settings.
    UniaxialCreepTest(const ConstitutiveModel &model, const Settings &settings);

    /// Run the test; progress and summary go to @p out.
    Summary
    run(std::ostream &out) const;

  private:
    void
    validate() const;

    std::unique_ptr<ConstitutiveModel> owned_model;
    const ConstitutiveModel           *model = nullptr;
    Settings                           settings;
  };
} // namespace anodemech
