// The scalar backward-Euler equation u = c (x/sigma_ref)^n, x = x_trial - u,
// is solved for every exponent up to 10 and every time step from 1e-6 s to
// 1e4 s, to round-off, in few iterations.

#include <gtest/gtest.h>

#include <cmath>

#include "../test_utilities.h"

namespace
{
  using namespace anodemech;

  TEST(NortonReturnMap, ConvergesForAllExponentsAndTimeSteps)
  {
    const double G         = 2.83e9;
    const double sigma_ref = 1e6;
    for (const double n : {1., 2., 4.5, 6.56, 10.})
      for (const double rate : {1e-8, 7.7e-3, 1e3}) // A_T [1/s]
        for (double dt = 1e-6; dt <= 1e4 * 1.0001; dt *= 10.)
          for (const double x_trial : {1e2, 1e5, 1e6, 1e8, 1e9})
            {
              const double c = 3. * G * dt * rate;
              const auto   s =
                NortonCreep::solve_return_map(x_trial, c, sigma_ref, n);
              SCOPED_TRACE("n " + std::to_string(n) + ", A " +
                           std::to_string(rate) + ", dt " + std::to_string(dt) +
                           ", x_trial " + std::to_string(x_trial));
              ASSERT_TRUE(s.converged);
              EXPECT_LE(s.iterations, 60u);
              EXPECT_GT(s.overstress, 0.);
              EXPECT_GE(s.stress_drop, 0.);
              EXPECT_NEAR(s.overstress + s.stress_drop,
                          x_trial,
                          1e-14 * x_trial);
              // Residual in logarithmic form, to round-off.
              const double lhs = std::log(s.stress_drop);
              const double rhs =
                std::log(c) + n * std::log(s.overstress / sigma_ref);
              EXPECT_NEAR(lhs, rhs, 1e-10 * std::max(1., std::abs(lhs)));
              // d q / d q_trial from a finite difference of the solution.
              const double h = 1e-6 * x_trial;
              const auto   sp =
                NortonCreep::solve_return_map(x_trial + h, c, sigma_ref, n);
              const auto sm =
                NortonCreep::solve_return_map(x_trial - h, c, sigma_ref, n);
              const double fd = (sp.overstress - sm.overstress) / (2. * h);
              EXPECT_NEAR(s.dq_dqtrial, fd, 1e-6 * std::max(fd, 1e-3));
            }
  }
} // namespace
