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
      const double            p = 1e-7 * E;
      test::Disc<dim>         disc(geometry,
                           std::make_shared<HenckyElasticity>(elastic),
                           test::platen(
                             RigidPlaten::FrictionModel::frictionless));
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
          EXPECT_NEAR(point.normal_traction, p, 1e-6 * p) << point.position;
          force += point.normal_traction * point.weight;
        }
      force = dealii::Utilities::MPI::sum(force, MPI_COMM_WORLD) *
              disc_symmetry_multiplicity<dim>();
      EXPECT_NEAR(force, last.platen_force, 1e-12 * last.platen_force);
    }
  } // namespace

  TEST(ElasticDisc, FrictionlessAxisymmetricMatchesClosedForm)
  {
    check_frictionless_elastic_compression<2>(6, 2);
  }

  TEST(ElasticDisc, FrictionlessThreeDimensionalMatchesClosedForm)
  {
    check_frictionless_elastic_compression<3>(4, 1);
  }
} // namespace anodemech
