// Small-strain elastic compression of a disc between frictionless platens:
// the stress is uniaxial, so dh/h = p/E and dD/D = nu p/E (closed form).
#include <anodemech/materials/hencky_elasticity.h>

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include "../test_utilities.h"
#include "disc_fixture.h"

namespace anodemech
{
  namespace
  {
    template <int dim>
    void
    check_frictionless_elastic_compression(const unsigned int radial,
                                           const unsigned int layers)
    {
      const auto   elastic = test::lithium_elastic();
      const double E       = elastic.youngs_modulus;
      const double nu      = elastic.poisson_ratio;
      DiscGeometry geometry;
      geometry.diameter           = 15e-3;
      geometry.thickness          = 1e-3;
      geometry.radial_elements    = radial;
      geometry.thickness_elements = layers;
      // p/E = 1e-7: the geometric nonlinearity changes the strains by a
      // relative O(1e-7), below the 1e-6 tolerance.
      const double    p = 1e-7 * E;
      test::Disc<dim> disc(
        geometry,
        std::make_shared<HenckyElasticity>(elastic),
        test::platen(RigidPlaten::FrictionModel::frictionless, 0., 1e-13));
      TimeStepper::Parameters stepping;
      stepping.initial_time_step = 1.;
      const auto summary = disc.run(LoadProtocol::ramp(p, 1.), stepping);
      ASSERT_TRUE(summary.completed) << summary.failure_reason;
      const auto &last = summary.history.back();
      // Force: the Newton tolerance is 1e-8 of it.
      const double area = disc.solid->initial_top_area();
      EXPECT_NEAR(last.platen_force, p * area, 1e-7 * p * area);
      EXPECT_NEAR(last.thickness_change_pct / 100., p / E, 1e-6 * p / E);
      EXPECT_NEAR(last.diameter_change_pct / 100.,
                  nu * p / E,
                  1e-6 * nu * p / E);
      // The whole top face touches the platen.
      EXPECT_NEAR(last.contact_area, area, 1e-6 * area);
      EXPECT_LT(last.max_penetration, 1e-13 * geometry.thickness);
      // The contact-pressure field: uniform p (the stress is uniaxial) and
      // it integrates to the platen force.
      double force = 0.;
      for (const auto &point : disc.solid->contact_points())
        {
          EXPECT_NEAR(point.normal_traction, p, 1e-6 * p);
          force += point.normal_traction * point.weight;
        }
      force = dealii::Utilities::MPI::sum(force, MPI_COMM_WORLD) *
              disc_symmetry_multiplicity<dim>();
      EXPECT_NEAR(force, last.platen_force, 1e-12 * last.platen_force);
    }
  } // namespace

  // The time-step control reads the hardest single Newton solve of a step,
  // not the sum over its augmentations: an elastic disc whose steps need
  // augmentations (penetration tolerance 1e-13 of h/2), each solved in a
  // few iterations, must grow its step by the growth factor after each
  // step when "easy" is set to the first step's hardest solve, although
  // a step's total is above that count.
  TEST(ElasticDisc, AugmentedStepsCountTheHardestSolveForGrowth)
  {
    const auto   elastic = test::lithium_elastic();
    DiscGeometry geometry;
    geometry.diameter           = 15e-3;
    geometry.thickness          = 1e-3;
    geometry.radial_elements    = 6;
    geometry.thickness_elements = 2;
    const double  p             = 1e-4 * elastic.youngs_modulus;
    test::Disc<2> disc(geometry,
                       std::make_shared<HenckyElasticity>(elastic),
                       test::platen(RigidPlaten::FrictionModel::frictionless,
                                    0.,
                                    1e-13));

    // One step alone: several solves, the hardest of them counted.
    const double force = p * disc.solid->initial_top_area();
    const auto   one   = disc.solid->solve_step(0.1, 0.1 * force);
    ASSERT_TRUE(one.converged) << one.failure_reason;
    EXPECT_FALSE(one.from_fallback);
    EXPECT_GT(one.augmentations, 0u);
    EXPECT_GE(one.hardest_solve_iterations, 1u);
    EXPECT_LT(one.hardest_solve_iterations, one.newton_iterations);
    disc.solid->revert_step();

    TimeStepper::Parameters stepping;
    stepping.initial_time_step      = 0.1;
    stepping.growth_factor          = 1.5;
    stepping.easy_newton_iterations = one.hardest_solve_iterations;
    const auto summary = disc.run(LoadProtocol::ramp(p, 1.), stepping);
    ASSERT_TRUE(summary.completed) << summary.failure_reason;
    // history[0] is the initial state; steps 1-3 (0.1, 0.15, 0.225 s) are
    // not shaped by the landing on t = 1 s (0.525 s remain after them).
    ASSERT_GE(summary.history.size(), 4u);
    unsigned int hard_by_total = 0;
    for (unsigned int k = 1; k <= 2; ++k)
      {
        const auto &step = summary.history[k];
        const auto &next = summary.history[k + 1];
        EXPECT_NEAR(next.time_step, 1.5 * step.time_step, 1e-12)
          << "step " << k << " (" << step.newton_iterations
          << " Newton iterations in all)";
        if (step.newton_iterations > stepping.easy_newton_iterations)
          ++hard_by_total;
      }
    // Otherwise the test would not tell the two counts apart.
    EXPECT_GT(hard_by_total, 0u);
  }



  TEST(ElasticDisc, FrictionlessAxisymmetricMatchesClosedForm)
  {
    check_frictionless_elastic_compression<2>(6, 2);
  }

  TEST(ElasticDisc, FrictionlessThreeDimensionalMatchesClosedForm)
  {
    check_frictionless_elastic_compression<3>(4, 1);
  }
} // namespace anodemech
