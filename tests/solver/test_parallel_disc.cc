// The same disc on 1 and on all MPI ranks gives the same result: run it on
// MPI_COMM_SELF and on MPI_COMM_WORLD in one program (registered in CTest
// with 2 ranks) and compare the curves to 1e-8 relative.
#include <anodemech/materials/norton_creep.h>

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include "../test_utilities.h"
#include "disc_fixture.h"

namespace anodemech
{
  namespace
  {
    template <int dim>
    CompressionSummary
    run_frictional_creep(MPI_Comm communicator, const std::string &solver)
    {
      DiscGeometry geometry;
      geometry.diameter           = 15e-3;
      geometry.thickness          = dim == 2 ? 0.5e-3 : 1.5e-3;
      geometry.radial_elements    = dim == 2 ? 16 : 4;
      geometry.thickness_elements = dim == 2 ? 2 : 1;
      typename QuasiStaticSolid<dim>::Parameters parameters;
      parameters.temperature   = 299.15;
      parameters.linear_solver = solver;
      // Newton converged far below the 1e-8 agreement asked for.
      parameters.residual_tolerance = 1e-10;
      parameters.update_tolerance   = 1e-10;
      parameters.linear_tolerance   = 1e-12;
      test::Disc<dim> disc(
        geometry,
        std::make_shared<NortonCreep>(test::lithium_creep(0.8e6)),
        test::platen(RigidPlaten::FrictionModel::coulomb, 0.3),
        parameters,
        communicator);
      TimeStepper::Parameters stepping;
      stepping.initial_time_step = 2.;
      return disc.run(LoadProtocol::parse("0 : 0; 10 : 5e6; 20 : 5e6"),
                      stepping);
    }

    template <int dim>
    void
    check_same_result_on_self_and_world(const std::string &solver)
    {
      const auto serial   = run_frictional_creep<dim>(MPI_COMM_SELF, solver);
      const auto parallel = run_frictional_creep<dim>(MPI_COMM_WORLD, solver);
      ASSERT_TRUE(serial.completed) << serial.failure_reason;
      ASSERT_TRUE(parallel.completed) << parallel.failure_reason;
      ASSERT_EQ(serial.history.size(), parallel.history.size());
      for (std::size_t i = 1; i < serial.history.size(); ++i)
        {
          const auto &a = serial.history[i];
          const auto &b = parallel.history[i];
          // Step sizes follow the creep increment, equal up to round-off.
          EXPECT_NEAR(a.time, b.time, 1e-10 * a.time);
          EXPECT_NEAR(a.thickness, b.thickness, 1e-8 * a.thickness);
          EXPECT_NEAR(a.diameter, b.diameter, 1e-8 * a.diameter);
          EXPECT_NEAR(a.contact_area, b.contact_area, 1e-8 * a.contact_area);
          EXPECT_NEAR(a.platen_force, b.platen_force, 1e-8 * a.platen_force);
        }
      const auto &last = parallel.history.back();
      EXPECT_GT(last.thickness_change_pct, 0.);
      std::cout << "    "
                << dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD)
                << " ranks, dim " << dim << ", " << solver << ": "
                << parallel.steps
                << " steps, final dD/D = " << last.diameter_change_pct
                << " %\n";
    }
  } // namespace

  TEST(ParallelDisc, AxisymmetricSameOnOneAndAllRanks)
  {
    check_same_result_on_self_and_world<2>("direct");
  }

  TEST(ParallelDisc, ThreeDimensionalSameOnOneAndAllRanksDirect)
  {
    check_same_result_on_self_and_world<3>("direct");
  }

  TEST(ParallelDisc, ThreeDimensionalSameOnOneAndAllRanksAMG)
  {
    check_same_result_on_self_and_world<3>("iterative");
  }
} // namespace anodemech
