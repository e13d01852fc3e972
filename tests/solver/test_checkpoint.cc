// Checkpoint and restart of the solver (QuasiStaticSolid::save_checkpoint,
// load_checkpoint, run_compression with a resume state): a frictional creep
// disc is run to its end while a checkpoint is written after step k; a new
// solid on a new triangulation loads it and runs the rest. The rest must
// equal the uninterrupted run: to 1e-12 relative on the same ranks (the same
// arithmetic; the margin only covers what the iterative solver's
// preconditioner, built afresh after the restart, changes below its 1e-12
// linear tolerance), and to 1e-8 relative when the checkpoint written on
// all ranks is loaded on one (MPI_COMM_SELF; other partition, other
// round-off, the tolerance of ParallelDisc).
#include <anodemech/base/parameter_error.h>
#include <anodemech/materials/norton_creep.h>

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "../test_utilities.h"
#include "disc_fixture.h"

namespace anodemech
{
  namespace
  {
    template <int dim>
    DiscGeometry
    geometry()
    {
      DiscGeometry g;
      g.diameter           = 15e-3;
      g.thickness          = dim == 2 ? 0.5e-3 : 1.5e-3;
      g.radial_elements    = dim == 2 ? 16 : 4;
      g.thickness_elements = dim == 2 ? 2 : 1;
      return g;
    }

    template <int dim>
    std::unique_ptr<test::Disc<dim>>
    make_disc(MPI_Comm communicator, const std::string &solver, bool set_up)
    {
      typename QuasiStaticSolid<dim>::Parameters parameters;
      parameters.temperature        = 299.15;
      parameters.linear_solver      = solver;
      parameters.residual_tolerance = 1e-10;
      parameters.update_tolerance   = 1e-10;
      parameters.linear_tolerance   = 1e-12;
      auto disc                     = std::make_unique<test::Disc<dim>>(
        geometry<dim>(),
        std::make_shared<NortonCreep>(test::lithium_creep(0.8e6)),
        test::platen(RigidPlaten::FrictionModel::coulomb, 0.3),
        parameters,
        communicator,
        set_up);
      return disc;
    }

    const LoadProtocol &
    protocol()
    {
      static const LoadProtocol p =
        LoadProtocol::parse("0 : 0; 10 : 5e6; 20 : 5e6");
      return p;
    }

    TimeStepper::Parameters
    stepping()
    {
      TimeStepper::Parameters s;
      s.initial_time_step = 1.;
      s.maximum_time_step = 2.; // at least 10 steps
      return s;
    }

    /// A folder all ranks share, removed at the end.
    struct SharedFolder
    {
      SharedFolder()
      {
        const int id =
          dealii::Utilities::MPI::broadcast(MPI_COMM_WORLD,
                                            static_cast<int>(getpid()));
        path = (std::filesystem::temp_directory_path() /
                ("anodemech_checkpoint_test_" + std::to_string(id)))
                 .string();
        if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
          std::filesystem::create_directories(path);
        MPI_Barrier(MPI_COMM_WORLD);
      }
      ~SharedFolder()
      {
        MPI_Barrier(MPI_COMM_WORLD);
        if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
          std::filesystem::remove_all(path);
      }
      std::string path;
    };

    template <int dim>
    void
    check_restart(const std::string &solver,
                  MPI_Comm           restart_communicator,
                  double             tolerance)
    {
      SharedFolder      folder;
      const std::string file       = folder.path + "/solid";
      const unsigned    saved_step = 4;

      // The uninterrupted run, writing a checkpoint after step 4.
      auto              disc = make_disc<dim>(MPI_COMM_WORLD, solver, true);
      CompressionResume resume;
      const auto        after_step = [&](const TimeStepper::State &state,
                                  const CompressionSummary &so_far) {
        if (so_far.steps == saved_step)
          {
            disc->solid->save_checkpoint(file);
            resume.stepper = state;
            resume.summary = so_far;
          }
      };
      const auto reference = run_compression<dim>(*disc->solid,
                                                  protocol(),
                                                  stepping(),
                                                  disc->geometry.thickness,
                                                  disc->geometry.diameter,
                                                  {},
                                                  {},
                                                  nullptr,
                                                  after_step);
      ASSERT_TRUE(reference.completed) << reference.failure_reason;
      ASSERT_EQ(resume.summary.steps, saved_step);
      ASSERT_GT(reference.steps, saved_step + 2);

      // A new solid on a new triangulation continues from the checkpoint.
      auto restarted = make_disc<dim>(restart_communicator, solver, false);
      restarted->solid->load_checkpoint(file);
      const auto continued = run_compression<dim>(*restarted->solid,
                                                  protocol(),
                                                  stepping(),
                                                  restarted->geometry.thickness,
                                                  restarted->geometry.diameter,
                                                  {},
                                                  {},
                                                  &resume);
      ASSERT_TRUE(continued.completed) << continued.failure_reason;
      ASSERT_EQ(continued.history.size(), reference.history.size());
      EXPECT_EQ(continued.steps, reference.steps);
      for (std::size_t i = saved_step + 1; i < reference.history.size(); ++i)
        {
          const auto &a = reference.history[i];
          const auto &b = continued.history[i];
          EXPECT_NEAR(a.time, b.time, tolerance * a.time);
          EXPECT_NEAR(a.thickness, b.thickness, tolerance * a.thickness);
          EXPECT_NEAR(a.diameter, b.diameter, tolerance * a.diameter);
          EXPECT_NEAR(a.contact_area,
                      b.contact_area,
                      tolerance * a.contact_area);
          EXPECT_NEAR(a.platen_force,
                      b.platen_force,
                      tolerance * a.platen_force);
          EXPECT_EQ(a.newton_iterations, b.newton_iterations) << "step " << i;
        }
    }
  } // namespace

  TEST(Checkpoint, AxisymmetricContinuesExactly)
  {
    check_restart<2>("direct", MPI_COMM_WORLD, 1e-12);
  }

  TEST(Checkpoint, ThreeDimensionalContinuesExactly)
  {
    check_restart<3>("direct", MPI_COMM_WORLD, 1e-12);
  }

  TEST(Checkpoint, ThreeDimensionalIterativeContinuesExactly)
  {
    check_restart<3>("iterative", MPI_COMM_WORLD, 1e-12);
  }

  // Written on all ranks, loaded on one: repartitioned.
  TEST(Checkpoint, AxisymmetricLoadsOnOtherRankCount)
  {
    check_restart<2>("direct", MPI_COMM_SELF, 1e-8);
  }

  TEST(Checkpoint, ThreeDimensionalLoadsOnOtherRankCount)
  {
    check_restart<3>("direct", MPI_COMM_SELF, 1e-8);
  }

  TEST(Checkpoint, MissingOrForeignCheckpointIsRejected)
  {
    SharedFolder folder;
    auto         disc = make_disc<2>(MPI_COMM_WORLD, "direct", false);
    EXPECT_THROW(disc->solid->load_checkpoint(folder.path + "/nothing"),
                 ParameterError);
    // A 2D checkpoint given to a 3D solid.
    auto written = make_disc<2>(MPI_COMM_WORLD, "direct", true);
    written->solid->save_checkpoint(folder.path + "/solid2d");
    auto other = make_disc<3>(MPI_COMM_WORLD, "direct", false);
    try
      {
        other->solid->load_checkpoint(folder.path + "/solid2d");
        ADD_FAILURE() << "a 2D checkpoint was loaded by a 3D solid";
      }
    catch (const ParameterError &e)
      {
        EXPECT_NE(std::string(e.what()).find("2D run"), std::string::npos)
          << e.what();
      }
  }
} // namespace anodemech
