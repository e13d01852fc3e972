// Norton creep of a disc under a prescribed platen force.
#include <anodemech/materials/norton_creep.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "../test_utilities.h"
#include "disc_fixture.h"

namespace anodemech
{
  namespace
  {
    template <int dim>
    void
    check_frictionless_creep(const unsigned int radial)
    {
      auto material                           = test::lithium_creep(0.);
      material.maximum_creep_strain_increment = 2e-3;
      DiscGeometry geometry;
      geometry.diameter           = 15e-3;
      geometry.thickness          = 1e-3;
      geometry.radial_elements    = radial;
      geometry.thickness_elements = 1;
      typename QuasiStaticSolid<dim>::Parameters parameters;
      parameters.temperature = material.reference_temperature;
      test::Disc<dim> disc(geometry,
                           std::make_shared<NortonCreep>(material),
                           test::platen(
                             RigidPlaten::FrictionModel::frictionless),
                           parameters);
      // A dead load of 1 MPa applied within 1 ms and held until the disc
      // is half as thick (about 1840 s).
      const double p = 1e6;
      const double n = material.stress_exponent;
      const double t_half =
        (std::pow(2., n) - 1.) / (n * material.creep_prefactor);
      const LoadProtocol      protocol({{0., 0.}, {1e-3, p}, {t_half, p}});
      TimeStepper::Parameters stepping;
      stepping.initial_time_step = 1e-4;
      stepping.maximum_time_step = 100.;
      const auto summary         = disc.run(protocol, stepping);
      ASSERT_TRUE(summary.completed) << summary.failure_reason;
      double worst = 0.;
      for (const auto &r : summary.history)
        if (r.time > 1e-3)
          {
            const double exact =
              test::exact_norton_thickness_ratio(material, p, r.time - 1e-3);
            const double h_ratio = 1. - r.thickness_change_pct / 100.;
            worst = std::max(worst, std::abs(h_ratio - exact) / exact);
            // Homogeneous: D/D0 = lambda^(-1/2) up to elastic dilatation.
            EXPECT_NEAR(1. + r.diameter_change_pct / 100.,
                        1. / std::sqrt(h_ratio),
                        2e-4);
          }
      const double final_ratio =
        1. - summary.history.back().thickness_change_pct / 100.;
      EXPECT_NEAR(final_ratio, 0.5, 0.01);
      EXPECT_LT(worst, 5e-3) << "steps " << summary.steps;
      std::cout << "    dim " << dim << ": " << summary.steps << " steps, "
                << summary.newton_iterations << " Newton iterations, "
                << summary.rejected_steps << " rejected; worst relative "
                << "thickness error " << worst << '\n';
    }
  } // namespace

  TEST(CreepDisc, FrictionlessAxisymmetricMatchesHomogeneousSolution)
  {
    check_frictionless_creep<2>(4);
  }

  TEST(CreepDisc, FrictionlessThreeDimensionalMatchesHomogeneousSolution)
  {
    check_frictionless_creep<3>(4);
  }

  namespace
  {
    // The tangent of the bordered system (material, geometric, contact,
    // friction and platen-force terms) is the derivative of the residual:
    // central differences agree to 1e-6 at a converged frictional creep state
    // (away from stick-slip kinks, which sit exactly on the cone only at the
    // start of a step).
    template <int dim>
    void
    check_tangent_consistency(const RigidPlaten::FrictionModel friction)
    {
      DiscGeometry geometry;
      geometry.diameter           = 15e-3;
      geometry.thickness          = 1e-3;
      geometry.radial_elements    = 4;
      geometry.thickness_elements = 2;
      typename QuasiStaticSolid<dim>::Parameters parameters;
      parameters.temperature        = 299.15;
      parameters.residual_tolerance = 1e-10;
      test::Disc<dim> disc(geometry,
                           std::make_shared<NortonCreep>(
                             test::lithium_creep(0.3e6)),
                           test::platen(friction, 0.3),
                           parameters);
      const double    area   = disc.solid->initial_top_area();
      auto            report = disc.solid->solve_step(1e-3, 1e6 * area);
      ASSERT_TRUE(report.converged) << report.failure_reason;
      disc.solid->commit_step();
      report = disc.solid->solve_step(0.5, 1.5e6 * area);
      ASSERT_TRUE(report.converged) << report.failure_reason;
      // Central differences with relative steps 1e-7 ... 1e-9: a point whose
      // slip lies within a step of the stick-slip cone (a kink of the
      // residual) spoils the larger steps; a wrong tangent spoils all. The
      // 3D Coulomb state measured 3e-3, 2.5e-6 and 1.6e-7 (round-off floor)
      // for the three steps, the axisymmetric ones 7e-7, 1.3e-8, 1.4e-7.
      double error = std::numeric_limits<double>::max();
      for (const double step : {1e-7, 1e-8, 1e-9})
        error = std::min(error,
                         disc.solid->tangent_consistency_error(0.5,
                                                               1.5e6 * area,
                                                               step));
      EXPECT_LT(error, 1e-6);
    }

  } // namespace

  TEST(CreepDisc, TangentMatchesFiniteDifferencesAxisymmetricCoulomb)
  {
    check_tangent_consistency<2>(RigidPlaten::FrictionModel::coulomb);
  }

  TEST(CreepDisc, TangentMatchesFiniteDifferencesThreeDimensionalCoulomb)
  {
    check_tangent_consistency<3>(RigidPlaten::FrictionModel::coulomb);
  }

  TEST(CreepDisc, TangentMatchesFiniteDifferencesAxisymmetricSticking)
  {
    check_tangent_consistency<2>(RigidPlaten::FrictionModel::sticking);
  }

  // Newton converges quadratically with the consistent tangent: the last
  // residuals of a frictional creep step satisfy r_{k+1} ~ C r_k^2.
  TEST(CreepDisc, NewtonConvergesQuadratically)
  {
    DiscGeometry geometry;
    geometry.diameter           = 15e-3;
    geometry.thickness          = 0.5e-3;
    geometry.radial_elements    = 16;
    geometry.thickness_elements = 2;
    QuasiStaticSolid<2>::Parameters parameters;
    parameters.temperature        = 299.15;
    parameters.residual_tolerance = 1e-10;
    parameters.update_tolerance   = 1e-10;
    parameters.extrapolate        = false;
    test::Disc<2> disc(geometry,
                       std::make_shared<NortonCreep>(
                         test::lithium_creep(0.8e6)),
                       test::platen(RigidPlaten::FrictionModel::coulomb, 0.3),
                       parameters);
    const double  area   = disc.solid->initial_top_area();
    auto          report = disc.solid->solve_step(1., 2e6 * area);
    ASSERT_TRUE(report.converged) << report.failure_reason;
    disc.solid->commit_step();
    report = disc.solid->solve_step(1., 2.5e6 * area);
    ASSERT_TRUE(report.converged) << report.failure_reason;
    // The rate from the last three residuals, ending at the first one
    // below 1e-9 (the round-off floor is about 1e-11).
    std::vector<double> useful;
    for (const double x : report.residual_norms)
      {
        useful.push_back(x);
        if (x < 1e-9)
          break;
      }
    ASSERT_GE(useful.size(), 3u);
    ASSERT_LT(useful.back(), 1e-9);
    const std::size_t k    = useful.size() - 1;
    const double      rate = std::log(useful[k] / useful[k - 1]) /
                        std::log(useful[k - 1] / useful[k - 2]);
    std::cout << "    residuals:";
    for (const double x : report.residual_norms)
      std::cout << ' ' << x;
    std::cout << "\n    observed order " << rate << '\n';
    EXPECT_GT(rate, 1.7);
  }
} // namespace anodemech

namespace anodemech
{
  // revert_step() restores the committed state everywhere output reads it:
  // the cell-averaged stresses, the contact tractions and the measures
  // (before, they kept the values of the last, rejected, assembly).
  TEST(CreepDisc, RevertRestoresStressesAndMeasures)
  {
    DiscGeometry geometry;
    geometry.diameter           = 15e-3;
    geometry.thickness          = 1e-3;
    geometry.radial_elements    = 4;
    geometry.thickness_elements = 2;
    QuasiStaticSolid<2>::Parameters parameters;
    parameters.temperature = 299.15;
    test::Disc<2> disc(geometry,
                       std::make_shared<NortonCreep>(test::lithium_creep(0.)),
                       test::platen(RigidPlaten::FrictionModel::coulomb, 0.3),
                       parameters);
    const double  area = disc.solid->initial_top_area();
    ASSERT_TRUE(disc.solid->solve_step(1e-3, 1e6 * area).converged);
    disc.solid->commit_step();
    const double force  = disc.solid->contact_force();
    const auto   before = disc.solid->cell_averages();

    ASSERT_TRUE(disc.solid->solve_step(0.5, 2e6 * area).converged);
    EXPECT_GT(std::abs(disc.solid->contact_force() - force), 0.5 * force);
    disc.solid->revert_step();

    EXPECT_NEAR(disc.solid->contact_force(), force, 1e-12 * force);
    const auto after = disc.solid->cell_averages();
    for (unsigned int c = 0; c < before.cauchy_stress.size(); ++c)
      {
        EXPECT_NEAR((after.cauchy_stress[c] - before.cauchy_stress[c]).norm(),
                    0.,
                    1e-12 * before.cauchy_stress[c].norm());
        EXPECT_EQ(after.contact_pressure[c], before.contact_pressure[c]);
      }
  }
} // namespace anodemech
