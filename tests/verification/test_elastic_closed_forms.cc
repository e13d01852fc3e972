// Elastic models against closed forms at finite strain.

#include <anodemech/materials/homogeneous_driver.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../test_utilities.h"

namespace
{
  using namespace anodemech;
  using Control = HomogeneousDeformationDriver::Control;

  TEST(ElasticVerification, HenckyUniaxialStressIsExactAtLargeStrain)
  {
    // Hencky: tau_zz = E ln(lambda_z), ln(lambda_r) = -nu ln(lambda_z).
    const auto             c = test::lithium_elastic();
    const HenckyElasticity model(c);
    for (const double lambda : {0.5, 0.9, 1.0001, 1.5})
      {
        HomogeneousDeformationDriver driver(model, 300.);
        std::array<HomogeneousDeformationDriver::AxisLoad, 3> loads;
        loads[0] = {Control::cauchy_stress, 0.};
        loads[1] = {Control::cauchy_stress, 0.};
        loads[2] = {Control::stretch, lambda};
        ASSERT_TRUE(driver.step(0., loads).converged);
        const double eps = std::log(lambda);
        EXPECT_NEAR(driver.kirchhoff_stress()[2][2],
                    c.youngs_modulus * eps,
                    1e-12 * c.youngs_modulus * std::abs(eps));
        EXPECT_NEAR(std::log(driver.stretches()[0]),
                    -c.poisson_ratio * eps,
                    1e-12 * std::abs(eps));
      }
  }

  TEST(ElasticVerification, NeoHookeanHydrostaticStretch)
  {
    // F = s I: tau = mu (s^2 - 1) I + lambda 3 ln(s) I.
    const auto                 c = test::lithium_elastic();
    const NeoHookeanElasticity model(c);
    for (const double s : {0.6, 1.2})
      {
        MaterialPointInput input;
        input.F = s * dealii::unit_symmetric_tensor<3>();
        MaterialPointResult r;
        model.update(input, model.initial_state(), r);
        const double expected =
          c.shear_modulus() * (s * s - 1.) + c.lame_lambda() * 3. * std::log(s);
        for (unsigned int i = 0; i < 3; ++i)
          EXPECT_NEAR(r.kirchhoff_stress[i][i],
                      expected,
                      1e-12 * std::abs(expected));
        EXPECT_NEAR(r.kirchhoff_stress[0][1], 0., 1e-6);
      }
  }

  TEST(ElasticVerification, AllIsotropicModelsAgreeAtSmallStrain)
  {
    // sigma = E eps under uniaxial stress, to first order in eps = 1e-7.
    const auto                 c = test::lithium_elastic();
    const HenckyElasticity     hencky(c);
    const NeoHookeanElasticity neo(c);
    const NortonCreep          creep(test::lithium_creep(0.));
    for (const ConstitutiveModel *m :
         {static_cast<const ConstitutiveModel *>(&hencky),
          static_cast<const ConstitutiveModel *>(&neo),
          static_cast<const ConstitutiveModel *>(&creep)})
      {
        SCOPED_TRACE(m->name());
        HomogeneousDeformationDriver                          driver(*m, 300.);
        std::array<HomogeneousDeformationDriver::AxisLoad, 3> loads;
        loads[0] = {Control::cauchy_stress, 0.};
        loads[1] = {Control::cauchy_stress, 0.};
        loads[2] = {Control::stretch, 1. + 1e-7};
        ASSERT_TRUE(driver.step(0., loads).converged);
        EXPECT_NEAR(driver.cauchy_stress()[2][2] / 1e-7,
                    c.youngs_modulus,
                    1e-5 * c.youngs_modulus);
        EXPECT_NEAR(-(driver.stretches()[0] - 1.) / 1e-7,
                    c.poisson_ratio,
                    1e-5);
      }
  }
} // namespace
