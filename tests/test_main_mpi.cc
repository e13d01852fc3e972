// Common main of the anodemech GoogleTest executables that use MPI
// (deal.II's parallel triangulations and Trilinos). Run them with 1 rank
// directly or with several through mpiexec; every rank runs every test, and
// the test reports failure if it failed on any rank.
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cfenv>

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::InitGoogleTest(&argc, argv);
  // Only rank 0 prints test results.
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) != 0)
    {
      auto &listeners = testing::UnitTest::GetInstance()->listeners();
      delete listeners.Release(listeners.default_result_printer());
    }
  // NaN and division by zero fail the test at once (after MPI and Trilinos
  // are initialised, whose start-up code is not ours to check).
  feenableexcept(FE_INVALID | FE_DIVBYZERO);
  const int failed = RUN_ALL_TESTS();
  return dealii::Utilities::MPI::max(failed, MPI_COMM_WORLD);
}
