// Element technology and mesh convergence. A nearly incompressible creeping
// lithium disc (Norton flow is isochoric; bulk/shear modulus ratio 3.9)
// pressed between Coulomb platens: with the Q2 elements the diameter change
// converges under refinement; Q1 elements lock (far too stiff on the same
// meshes), which is why Q2 is the default.
#include <anodemech/materials/norton_creep.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../test_utilities.h"
#include "disc_fixture.h"

namespace anodemech
{
  namespace
  {
    double
    diameter_change(const unsigned int degree, const unsigned int refinement)
    {
      auto material                           = test::lithium_creep(0.);
      material.maximum_creep_strain_increment = 5e-3;
      DiscGeometry geometry;
      geometry.diameter           = 15e-3;
      geometry.thickness          = 1.5e-3;
      geometry.radial_elements    = 8 << refinement;
      geometry.thickness_elements = 1 << refinement;
      QuasiStaticSolid<2>::Parameters parameters;
      parameters.temperature       = 299.15;
      parameters.polynomial_degree = degree;
      test::Disc<2>           disc(geometry,
                         std::make_shared<NortonCreep>(material),
                         test::platen(RigidPlaten::FrictionModel::coulomb, 0.3),
                         parameters);
      TimeStepper::Parameters stepping;
      stepping.initial_time_step = 0.5;
      stepping.maximum_time_step = 20.;
      const auto summary =
        disc.run(LoadProtocol::parse("0 : 0; 10 : 2e6; 200 : 2e6"), stepping);
      EXPECT_TRUE(summary.completed) << summary.failure_reason;
      return summary.history.back().diameter_change_pct;
    }
  } // namespace

  TEST(Refinement, QuadraticElementsConvergeAndLinearOnesLock)
  {
    std::vector<double> q2;
    for (unsigned int r = 0; r < 3; ++r)
      q2.push_back(diameter_change(2, r));
    const double d1           = q2[1] - q2[0];
    const double d2           = q2[2] - q2[1];
    const double order        = std::log(std::abs(d1 / d2)) / std::log(2.);
    const double extrapolated = q2[2] + d2 / (std::abs(d1 / d2) - 1.);
    const double q1           = diameter_change(1, 2);
    std::cout << "    Q2 dD/D [%] on 8x1, 16x2, 32x4 elements: " << q2[0]
              << ", " << q2[1] << ", " << q2[2] << "; observed order " << order
              << ", extrapolated " << extrapolated << "\n    Q1 on 32x4: " << q1
              << '\n';
    // Converging: the changes shrink by more than a factor 2 per
    // refinement (the stick-slip edge of the contact limits the order
    // below the smooth-solution order 3 of Q2).
    EXPECT_GT(d1, 0.);
    EXPECT_GT(d2, 0.);
    EXPECT_GT(order, 1.);
    // The finest Q2 mesh is within 10 % of the extrapolated value.
    EXPECT_LT(std::abs(q2[2] - extrapolated), 0.1 * extrapolated);
    // Locking: Q1 on the finest mesh is less than half the Q2 answer.
    EXPECT_LT(q1, 0.5 * q2[2]);
  }
} // namespace anodemech
