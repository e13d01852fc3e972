// Common main of the anodemech GoogleTest executables.
#include <gtest/gtest.h>

#include <cfenv>

int
main(int argc, char **argv)
{
  // Any invalid operation (NaN from 0/0, sqrt(-1), ordered comparison with
  // NaN) or division by zero raises SIGFPE and fails the test immediately.
  feenableexcept(FE_INVALID | FE_DIVBYZERO);
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
