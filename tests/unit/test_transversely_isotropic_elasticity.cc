// Transversely isotropic elasticity reproduces its engineering constants at
// small strain, along any fibre direction.

#include <anodemech/materials/homogeneous_driver.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../test_utilities.h"

namespace
{
  using namespace anodemech;
  using Control = HomogeneousDeformationDriver::Control;

  // Uniaxial stress test along axis @p axis with strain eps: returns the
  // apparent modulus sigma/eps and the two lateral strain ratios.
  std::array<double, 3>
  uniaxial(const ConstitutiveModel &model, const unsigned int axis)
  {
    const double                                          eps = 1e-7;
    HomogeneousDeformationDriver                          driver(model, 300.);
    std::array<HomogeneousDeformationDriver::AxisLoad, 3> loads;
    for (unsigned int i = 0; i < 3; ++i)
      loads[i] = {Control::cauchy_stress, 0.};
    loads[axis]  = {Control::stretch, std::exp(eps)};
    const auto r = driver.step(0., loads);
    EXPECT_TRUE(r.converged);
    const auto lambda = driver.stretches();
    return {{driver.cauchy_stress()[axis][axis] / eps,
             -std::log(lambda[(axis + 1) % 3]) / eps,
             -std::log(lambda[(axis + 2) % 3]) / eps}};
  }

  TEST(TransverselyIsotropicElasticity, EngineeringConstantsAlongTheFibre)
  {
    const auto p = test::carbon_fiber(test::vec(0., 0., 1.));
    const TransverselyIsotropicElasticity model(p);
    const auto                            along = uniaxial(model, 2);
    EXPECT_NEAR(along[0],
                p.axial_youngs_modulus,
                1e-5 * p.axial_youngs_modulus);
    EXPECT_NEAR(along[1], p.axial_poisson_ratio, 1e-5);
    EXPECT_NEAR(along[2], p.axial_poisson_ratio, 1e-5);

    const auto across = uniaxial(model, 0); // lateral: y (T), z (L)
    EXPECT_NEAR(across[0],
                p.transverse_youngs_modulus,
                1e-5 * p.transverse_youngs_modulus);
    EXPECT_NEAR(across[1], p.transverse_poisson_ratio, 1e-5);
    // Reciprocity: nu_TL = nu_LT E_T / E_L.
    EXPECT_NEAR(across[2],
                p.axial_poisson_ratio * p.transverse_youngs_modulus /
                  p.axial_youngs_modulus,
                1e-5);
  }

  TEST(TransverselyIsotropicElasticity, ShearModulusAndRotatedFibre)
  {
    const auto p = test::carbon_fiber(test::vec(1., 1., 0.));
    const TransverselyIsotropicElasticity model(p);
    // Fibre along (1,1,0)/sqrt2: the stiffness in the fibre frame must be
    // the local one. Check C(a,a,a,a) = axial stiffness and the shear term.
    const dealii::Tensor<1, 3> a     = test::vec(1., 1., 0.) / std::sqrt(2.);
    const dealii::Tensor<1, 3> t     = test::vec(0., 0., 1.);
    const auto                 C     = model.stiffness(a);
    const auto                 Cz    = model.stiffness(test::vec(0., 0., 1.));
    double                     Caaaa = 0., Cat_at = 0.;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = 0; j < 3; ++j)
        for (unsigned int k = 0; k < 3; ++k)
          for (unsigned int l = 0; l < 3; ++l)
            {
              Caaaa += C[i][j][k][l] * a[i] * a[j] * a[k] * a[l];
              Cat_at += C[i][j][k][l] * a[i] * t[j] * a[k] * t[l];
            }
    EXPECT_NEAR(Caaaa, Cz[2][2][2][2], 1e-12 * Caaaa);
    EXPECT_NEAR(Cat_at, p.axial_shear_modulus, 1e-9 * p.axial_shear_modulus);
  }
} // namespace
