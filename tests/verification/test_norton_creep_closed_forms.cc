// NortonCreep against exact solutions of homogeneous uniaxial tests at
// finite strain: constant true stress, constant force (dead load), stress
// relaxation, the threshold, isochoric flow and the Arrhenius factor.
//
// In uniaxial loading the logarithmic elastic and creep strains are coaxial
// and add exactly, ln(lambda_z) = tau/E + eps_p, so each test reduces to a
// scalar ODE for eps_p whose solution is computed here independently of the
// library (closed form, or quadrature of dt = d eps_p / rate).

#include <anodemech/materials/homogeneous_driver.h>

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "../test_utilities.h"

namespace
{
  using namespace anodemech;
  using Control = HomogeneousDeformationDriver::Control;
  using Loads   = std::array<HomogeneousDeformationDriver::AxisLoad, 3>;

  constexpr double E     = 7.82e9;
  constexpr double nu    = 0.381;
  constexpr double A     = 7.7e-3;
  constexpr double n     = 6.56;
  constexpr double s_ref = 1e6;
  constexpr double R_gas = 8.314462618;
  constexpr double Q_act = 37e3;
  constexpr double T_ref = 299.15;

  Loads
  axial(const Control control, const double value)
  {
    Loads loads;
    loads[0] = {Control::cauchy_stress, 0.};
    loads[1] = {Control::cauchy_stress, 0.};
    loads[2] = {control, value};
    return loads;
  }

  double
  creep_rate(const double q, const double sigma_y)
  {
    return q > sigma_y ? A * std::pow((q - sigma_y) / s_ref, n) : 0.;
  }

  double
  det(const dealii::SymmetricTensor<2, 3> &t)
  {
    return dealii::determinant(t);
  }

  // ---------------------------------------------------------------------
  TEST(NortonCreepVerification, ConstantTrueStressIsExact)
  {
    for (const double sigma_y : {0., 0.4e6})
      {
        SCOPED_TRACE("sigma_y = " + std::to_string(sigma_y));
        const NortonCreep            model(test::lithium_creep(sigma_y));
        HomogeneousDeformationDriver driver(model, T_ref);
        const double                 sigma0 = 1e6; // compressive

        // Exact Kirchhoff stress: tau = -sigma0 J, J = exp((1-2nu) tau/E).
        double tau = -sigma0;
        for (int i = 0; i < 50; ++i)
          tau = -sigma0 * std::exp((1. - 2. * nu) * tau / E);
        const double rate  = creep_rate(-tau, sigma_y);
        const double t_end = 0.916 / rate; // 60 % height reduction

        ASSERT_TRUE(
          driver.step(0., axial(Control::cauchy_stress, -sigma0)).converged);
        const unsigned int steps     = 100;
        double             max_error = 0.;
        for (unsigned int k = 0; k < steps; ++k)
          {
            const auto r = driver.step(t_end / steps,
                                       axial(Control::cauchy_stress, -sigma0));
            ASSERT_TRUE(r.converged);
            const double h_exact = std::exp(tau / E - rate * driver.time());
            const double h       = driver.stretches()[2];
            max_error = std::max(max_error, std::abs(h - h_exact) / h_exact);
            const double r_exact =
              std::exp(-nu * tau / E + 0.5 * rate * driver.time());
            EXPECT_NEAR(driver.stretches()[0], r_exact, 1e-10 * r_exact);
          }
        EXPECT_LT(driver.stretches()[2], 0.41);
        EXPECT_LT(max_error, 1e-10);
        EXPECT_NEAR(driver.state().equivalent_creep_strain,
                    rate * t_end,
                    1e-10 * rate * t_end);
      }
  }

  // ---------------------------------------------------------------------
  // Dead load P (force / initial area). With tau = E eps_e and
  // lambda_z = exp(eps_e + eps_p): P = tau/lambda_z, so eps_e solves
  // E eps_e exp(-eps_e) = -P exp(eps_p), and d eps_p/dt = -rate(|tau|).
  struct DeadLoadReference
  {
    double P, sigma_y;

    double
    elastic_strain(const double eps_p) const
    {
      double e = -P / E;
      for (int i = 0; i < 100; ++i)
        {
          const double f  = E * e * std::exp(-e) + P * std::exp(eps_p);
          const double df = E * (1. - e) * std::exp(-e);
          const double de = f / df;
          e -= de;
          if (std::abs(de) < 1e-18)
            break;
        }
      return e;
    }

    double
    rate(const double eps_p) const // d eps_p / dt (negative)
    {
      return -creep_rate(-E * elastic_strain(eps_p), sigma_y);
    }

    // Time to reach eps_p < 0: integral of d eps / rate, 5-point
    // Gauss-Legendre on 400 panels (the integrand is smooth and monotone).
    double
    time_to(const double eps_p) const
    {
      static const double x[5]   = {0.,
                                    -0.5384693101056831,
                                    0.5384693101056831,
                                    -0.9061798459386640,
                                    0.9061798459386640};
      static const double w[5]   = {0.5688888888888889,
                                    0.4786286704993665,
                                    0.4786286704993665,
                                    0.2369268850561891,
                                    0.2369268850561891};
      const unsigned int  panels = 400;
      const double        hp     = eps_p / panels;
      double              t      = 0.;
      for (unsigned int p = 0; p < panels; ++p)
        for (unsigned int g = 0; g < 5; ++g)
          {
            const double e = hp * (p + 0.5 + 0.5 * x[g]);
            t += 0.5 * hp * w[g] / rate(e);
          }
      return t;
    }

    // eps_p at time t by Newton on time_to(eps) = t.
    double
    creep_strain_at(const double t, double guess) const
    {
      for (int i = 0; i < 50; ++i)
        {
          const double d = (time_to(guess) - t) * rate(guess);
          guess -= d;
          if (std::abs(d) < 1e-15)
            break;
        }
      return guess;
    }

    double
    height_at(const double t, const double guess) const
    {
      const double eps_p = creep_strain_at(t, guess);
      return std::exp(elastic_strain(eps_p) + eps_p);
    }
  };

  TEST(NortonCreepVerification,
       ConstantForceMatchesTheExactLargeDeformationSolution)
  {
    for (const double sigma_y : {0., 0.3e6})
      {
        SCOPED_TRACE("sigma_y = " + std::to_string(sigma_y));
        const NortonCreep            model(test::lithium_creep(sigma_y));
        HomogeneousDeformationDriver driver(model, T_ref);
        const double                 P = 0.8e6;
        const DeadLoadReference      ref{P, sigma_y};

        ASSERT_TRUE(
          driver.step(0., axial(Control::nominal_stress, -P)).converged);
        // Steps of at most 1e-5 creep strain, from the current rate.
        double       max_error = 0.;
        unsigned int k         = 0;
        while (driver.stretches()[2] > 0.4)
          {
            const double eps_p = std::log(driver.stretches()[2]) -
                                 driver.kirchhoff_stress()[2][2] / E;
            const double dt = 1e-5 / std::abs(ref.rate(eps_p));
            ASSERT_TRUE(
              driver.step(dt, axial(Control::nominal_stress, -P)).converged);
            if (++k % 2000 == 0 || driver.stretches()[2] <= 0.4)
              {
                const double h       = driver.stretches()[2];
                const double h_exact = ref.height_at(driver.time(), eps_p);
                max_error =
                  std::max(max_error, std::abs(h - h_exact) / h_exact);
              }
          }
        EXPECT_LT(max_error, 1e-4);
        std::cout << "[ dead load ] sigma_y = " << sigma_y << " Pa: " << k
                  << " steps to 60 % height reduction, max relative height "
                     "error "
                  << max_error << '\n';

        // Isochoric flow after tens of thousands of steps: det F_p = 1.
        const double detFp =
          1. / std::sqrt(det(driver.state().plastic_metric_inverse));
        EXPECT_NEAR(detFp, 1., 1e-12);
      }
  }

  // ---------------------------------------------------------------------
  // Relaxation at fixed axial stretch: tau = E (eps_z - eps_p) exactly, so
  // x = |tau| - sigma_y obeys x^(1-n) = x0^(1-n) + (n-1) E A sigma_ref^-n t.
  double
  relaxation_error(const double sigma_y, const double growth)
  {
    const NortonCreep            model(test::lithium_creep(sigma_y));
    HomogeneousDeformationDriver driver(model, T_ref);
    const double                 lambda = 1. - 2e-4;
    EXPECT_TRUE(driver.step(0., axial(Control::stretch, lambda)).converged);
    const double x0 = -E * std::log(lambda) - sigma_y;
    double       dt = 1e-7, max_error = 0.;
    while (driver.time() < 1e3)
      {
        EXPECT_TRUE(driver.step(dt, axial(Control::stretch, lambda)).converged);
        dt *= growth;
        const double x_exact =
          std::pow(std::pow(x0, 1. - n) +
                     (n - 1.) * E * A * std::pow(s_ref, -n) * driver.time(),
                   1. / (1. - n));
        const double x = -driver.kirchhoff_stress()[2][2] - sigma_y;
        max_error      = std::max(max_error, std::abs(x - x_exact) / x_exact);
      }
    return max_error;
  }

  TEST(NortonCreepVerification, StressRelaxationConvergesToTheOdeSolution)
  {
    for (const double sigma_y : {0., 0.5e6})
      {
        SCOPED_TRACE("sigma_y = " + std::to_string(sigma_y));
        const double coarse = relaxation_error(sigma_y, 1.02);
        const double fine   = relaxation_error(sigma_y, 1.01);
        const double order  = std::log(coarse / fine) / std::log(2.);
        std::cout << "[ relaxation ] sigma_y = " << sigma_y
                  << " Pa: max relative overstress error " << coarse << " ("
                  << "growth 1.02), " << fine << " (1.01), observed order "
                  << order << '\n';
        EXPECT_LT(fine, 5e-3);
        // Backward Euler is first order in the step size.
        EXPECT_GT(order, 0.8);
        EXPECT_LT(order, 1.3);
      }
  }

  // ---------------------------------------------------------------------
  TEST(NortonCreepVerification, NoCreepBelowTheThreshold)
  {
    const NortonCreep            model(test::lithium_creep(0.8e6));
    const HenckyElasticity       elastic(test::lithium_elastic());
    HomogeneousDeformationDriver creep_driver(model, T_ref);
    HomogeneousDeformationDriver elastic_driver(elastic, T_ref);
    for (int k = 0; k < 20; ++k)
      {
        ASSERT_TRUE(
          creep_driver.step(5e4, axial(Control::cauchy_stress, -0.7e6))
            .converged);
        ASSERT_TRUE(
          elastic_driver.step(5e4, axial(Control::cauchy_stress, -0.7e6))
            .converged);
      }
    EXPECT_EQ(creep_driver.state().equivalent_creep_strain, 0.);
    EXPECT_NEAR(creep_driver.stretches()[2],
                elastic_driver.stretches()[2],
                1e-15);
  }

  TEST(NortonCreepVerification, ElasticLoadingMatchesHencky)
  {
    // Below the threshold, and at dt = 0 for any stress, NortonCreep is the
    // Hencky model: stress and tangent agree to round-off.
    const NortonCreep      model(test::lithium_creep(0.8e6));
    const HenckyElasticity elastic(test::lithium_elastic());
    dealii::Tensor<2, 3>   F = test::rotation(test::vec(1., 0.2, -0.4), 0.8);
    F[0][0] += 4e-5;
    F[2][1] -= 3e-5;
    dealii::Tensor<2, 3> F_large;
    F_large[0][0] = 0.6;
    F_large[1][1] = 1.3;
    F_large[2][2] = 1.25;
    F_large[0][2] = 0.2;
    for (const auto &[FF, dt] :
         {std::make_pair(F, 1e4), std::make_pair(F_large, 0.)})
      {
        MaterialPointInput input;
        input.F         = FF;
        input.time_step = dt;
        MaterialPointResult a, b;
        model.update(input, model.initial_state(), a);
        elastic.update(input, elastic.initial_state(), b);
        EXPECT_EQ(a.state.equivalent_creep_strain, 0.);
        EXPECT_LT((a.kirchhoff_stress - b.kirchhoff_stress).norm(),
                  1e-14 * b.kirchhoff_stress.norm());
        EXPECT_LT(test::norm(a.spatial_tangent - b.spatial_tangent),
                  1e-14 * test::norm(b.spatial_tangent));
      }
  }

  // ---------------------------------------------------------------------
  TEST(NortonCreepVerification, RateRatioBetween25And60CIsTheArrheniusFactor)
  {
    const NortonCreep model(test::lithium_creep(0.));
    double            rate[2];
    const double      T[2] = {298.15, 333.15};
    for (int i = 0; i < 2; ++i)
      {
        HomogeneousDeformationDriver driver(model, T[i]);
        ASSERT_TRUE(
          driver.step(0., axial(Control::cauchy_stress, -0.3e6)).converged);
        ASSERT_TRUE(
          driver.step(1., axial(Control::cauchy_stress, -0.3e6)).converged);
        rate[i] = driver.state().equivalent_creep_strain / 1.;
      }
    const double expected = std::exp(-Q_act / R_gas * (1. / T[1] - 1. / T[0]));
    EXPECT_NEAR(rate[1] / rate[0], expected, 1e-10 * expected);
    EXPECT_GT(expected, 4.); // 37 kJ/mol: about 4.8 times faster at 60 C
  }

  // ---------------------------------------------------------------------
  TEST(NortonCreepVerification, SingleUpdateIsIsochoric)
  {
    // One large creep step from a crept state: det C_p^{-1} stays 1.
    const NortonCreep  model(test::lithium_creep(0.));
    MaterialPointInput input;
    input.F = test::rotation(test::vec(0., 1., 1.), 0.5);
    input.F[0][0] *= 0.6;
    input.F[1][2] += 0.3;
    input.time_step = 1e4;
    MaterialPointResult r;
    model.update(input, model.initial_state(), r);
    ASSERT_GT(r.state.equivalent_creep_strain, 0.1);
    EXPECT_NEAR(det(r.state.plastic_metric_inverse), 1., 1e-13);
  }
} // namespace
