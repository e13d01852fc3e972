// LeastSquares::fit against closed forms: a straight line (exact weighted
// linear least squares and its covariance), an exponential decay
// recovered from its own values, bounds, parameters the data cannot
// determine, and a model that fails in part of the parameter space.

#include <anodemech/base/parameter_error.h>
#include <anodemech/calibration/least_squares.h>

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "../test_utilities.h"

namespace anodemech
{
  namespace
  {
    using LeastSquares::Parameter;
    using Function =
      std::function<std::vector<double>(const std::vector<double> &x)>;

    /// A batch model from a pointwise one; throwing marks a failed run.
    LeastSquares::Model
    batch(const Function &f, unsigned int *runs = nullptr)
    {
      return [f, runs](const std::vector<std::vector<double>> &points) {
        std::vector<TaskResult> results;
        for (const auto &x : points)
          {
            if (runs != nullptr)
              ++*runs;
            TaskResult r;
            try
              {
                r.values = f(x);
                r.ok     = true;
              }
            catch (const std::exception &e)
              {
                r.message = e.what();
              }
            results.push_back(r);
          }
        return results;
      };
    }

    std::string
    fit_error_of(const std::function<void()> &f)
    {
      try
        {
          f();
        }
      catch (const LeastSquares::FitError &e)
        {
          return e.what();
        }
      ADD_FAILURE() << "no FitError";
      return "";
    }

    // y = a + b t with scattered data and weights: the minimum, chi^2 and
    // the covariance s^2 (X^T W X)^-1 are closed forms.
    TEST(LeastSquares, StraightLineMatchesWeightedLinearRegression)
    {
      const std::vector<double> t{0., 1., 2., 3., 4., 5.};
      const std::vector<double> y{1.1, 2.9, 5.2, 6.8, 9.3, 10.9};
      const std::vector<double> w{1., 2., 1., 0.5, 1., 3.};
      const auto             model = batch([&](const std::vector<double> &x) {
        std::vector<double> r;
        for (std::size_t i = 0; i < t.size(); ++i)
          r.push_back(x[0] + x[1] * t[i] - y[i]);
        return r;
      });
      LeastSquares::Settings settings;
      settings.central_differences = true; // exact for a linear model
      const auto result = LeastSquares::fit({{"a", -10., 10., 0.3, false},
                                             {"b", -10., 10., 0.5, false}},
                                            w,
                                            model,
                                            settings);

      // Normal equations [S Sx; Sx Sxx] (a, b) = (Sy, Sxy).
      double S = 0, Sx = 0, Sxx = 0, Sy = 0, Sxy = 0;
      for (std::size_t i = 0; i < t.size(); ++i)
        {
          S += w[i];
          Sx += w[i] * t[i];
          Sxx += w[i] * t[i] * t[i];
          Sy += w[i] * y[i];
          Sxy += w[i] * t[i] * y[i];
        }
      const double det  = S * Sxx - Sx * Sx;
      const double a    = (Sxx * Sy - Sx * Sxy) / det;
      const double b    = (S * Sxy - Sx * Sy) / det;
      double       chi2 = 0.;
      for (std::size_t i = 0; i < t.size(); ++i)
        chi2 += w[i] * std::pow(a + b * t[i] - y[i], 2);
      const double s2 = chi2 / (t.size() - 2);

      EXPECT_NE(result.outcome, LeastSquares::Outcome::iteration_limit);
      EXPECT_NEAR(result.values[0], a, 1e-6);
      EXPECT_NEAR(result.values[1], b, 1e-6);
      EXPECT_NEAR(result.chi2, chi2, 1e-8 * chi2);
      EXPECT_EQ(result.degrees_of_freedom, 4u);
      // Finite differences of a linear model are exact up to round-off.
      EXPECT_NEAR(result.covariance[0][0],
                  s2 * Sxx / det,
                  1e-6 * s2 * Sxx / det);
      EXPECT_NEAR(result.covariance[1][1], s2 * S / det, 1e-6 * s2 * S / det);
      EXPECT_NEAR(result.covariance[0][1],
                  -s2 * Sx / det,
                  1e-6 * s2 * Sx / det);
      EXPECT_NEAR(result.standard_errors[1], std::sqrt(s2 * S / det), 1e-6);
      EXPECT_NEAR(result.correlation[0][1], -Sx / std::sqrt(S * Sxx), 1e-6);
      EXPECT_EQ(result.correlation[0][0], 1.);
      EXPECT_TRUE(result.identifiability.empty());
      EXPECT_FALSE(result.at_bound[0] || result.at_bound[1]);

      // Inverse-variance weights: the covariance is not rescaled by s^2.
      settings.relative_weights = false;
      const auto absolute = LeastSquares::fit({{"a", -10., 10., 0.3, false},
                                               {"b", -10., 10., 0.5, false}},
                                              w,
                                              model,
                                              settings);
      EXPECT_NEAR(absolute.covariance[1][1], S / det, 1e-6 * S / det);
    }

    // y = A exp(-k t) from its own values: recovered from a far start, with
    // A on a log scale.
    TEST(LeastSquares, RecoversExponentialDecayFromItsOwnValues)
    {
      const double        A = 3.7, k = 0.42;
      std::vector<double> t, y;
      for (int i = 0; i < 8; ++i)
        {
          t.push_back(0.5 * i);
          y.push_back(A * std::exp(-k * t.back()));
        }
      unsigned int runs  = 0;
      const auto   model = batch(
        [&](const std::vector<double> &x) {
          std::vector<double> r;
          for (std::size_t i = 0; i < t.size(); ++i)
            r.push_back(x[0] * std::exp(-x[1] * t[i]) - y[i]);
          return r;
        },
        &runs);
      std::vector<unsigned int> iterations;
      const auto                result = LeastSquares::fit(
        {{"A", 0.01, 100., 0.5, true}, {"k", 0., 5., 2., false}},
        std::vector<double>(t.size(), 1.),
        model,
        LeastSquares::Settings(),
        [&](const unsigned int i, const std::vector<double> &, double) {
          iterations.push_back(i);
        });
      EXPECT_EQ(result.outcome, LeastSquares::Outcome::converged)
        << result.outcome_text;
      EXPECT_NEAR(result.values[0], A, 1e-6 * A);
      EXPECT_NEAR(result.values[1], k, 1e-6 * k);
      EXPECT_LT(result.chi2, 1e-14);
      EXPECT_EQ(result.model_evaluations, runs);
      ASSERT_FALSE(iterations.empty());
      EXPECT_EQ(iterations.back(), result.iterations);
    }

    // The data ask for k = 0.42 but its upper bound is 0.3: the fit stops at
    // the bound and says so.
    TEST(LeastSquares, FlagsAParameterThatEndsAtItsBound)
    {
      std::vector<double> t, y;
      for (int i = 0; i < 6; ++i)
        {
          t.push_back(i);
          y.push_back(2. * std::exp(-0.42 * i));
        }
      const auto result =
        LeastSquares::fit({{"A", 0.1, 10., 1., false},
                           {"k", 0.01, 0.3, 0.1, false}},
                          std::vector<double>(t.size(), 1.),
                          batch([&](const std::vector<double> &x) {
                            std::vector<double> r;
                            for (std::size_t i = 0; i < t.size(); ++i)
                              r.push_back(x[0] * std::exp(-x[1] * t[i]) - y[i]);
                            return r;
                          }),
                          LeastSquares::Settings());
      EXPECT_FALSE(result.at_bound[0]);
      EXPECT_TRUE(result.at_bound[1]);
      EXPECT_NEAR(result.values[1], 0.3, 1e-3 * 0.3);
      EXPECT_GT(result.chi2, 1e-4);
    }

    TEST(LeastSquares, RefusesAParameterWithoutInfluence)
    {
      const auto message = fit_error_of([] {
        LeastSquares::fit({{"slope", 0., 2., 1., false},
                           {"Platen/Friction coefficient", 0., 1., 0.3, false}},
                          {1., 1., 1.},
                          batch([](const std::vector<double> &x) {
                            return std::vector<double>{x[0] - 1.,
                                                       2. * x[0] - 1.,
                                                       3. * x[0] - 4.};
                          }),
                          LeastSquares::Settings());
      });
      EXPECT_TRUE(test::contains_text(message, "'Platen/Friction coefficient'"))
        << message;
      EXPECT_TRUE(test::contains_text(message, "no influence")) << message;
    }

    // Only the product a b matters: the fit reaches chi^2 = 0 but reports
    // that the data determine one combination only, and gives no errors.
    TEST(LeastSquares, ReportsParametersThatOnlyActTogether)
    {
      const auto result =
        LeastSquares::fit({{"a", 0.1, 10., 1., true},
                           {"b", 0.1, 10., 3., true}},
                          {1., 1., 1.},
                          batch([](const std::vector<double> &x) {
                            return std::vector<double>{x[0] * x[1] - 2.,
                                                       2. * x[0] * x[1] - 4.,
                                                       3. * x[0] * x[1] - 6.};
                          }),
                          LeastSquares::Settings());
      EXPECT_NEAR(result.values[0] * result.values[1], 2., 1e-6);
      EXPECT_FALSE(result.identifiability.empty());
      EXPECT_TRUE(test::contains_text(result.identifiability, "'a'"));
      EXPECT_TRUE(test::contains_text(result.identifiability, "'b'"));
      EXPECT_TRUE(std::isnan(result.standard_errors[0]));
    }

    // Runs with a > 3 fail (like a disc simulation that stops early): the
    // fit starting at a = 2 still finds a = 2.5, and a model that fails
    // at the start is an error that gives the model's reason.
    TEST(LeastSquares, SurvivesFailedRunsButNotAFailingStart)
    {
      const auto model = batch([](const std::vector<double> &x) {
        if (x[0] > 3.)
          throw std::runtime_error("Newton did not converge");
        return std::vector<double>{x[0] - 2.5, 2. * (x[0] - 2.5)};
      });
      const auto result =
        LeastSquares::fit({{"a", 0., 100., 0.2, false}}, {1., 1.}, model, {});
      EXPECT_NEAR(result.values[0], 2.5, 1e-6);

      const auto message = fit_error_of([&] {
        LeastSquares::fit({{"a", 0., 100., 50., false}}, {1., 1.}, model, {});
      });
      EXPECT_TRUE(test::contains_text(message, "fails at the start values"))
        << message;
      EXPECT_TRUE(test::contains_text(message, "Newton did not converge"));
    }

    // A model that fails at isolated points (like a disc run whose time
    // stepping stalls now and then): at a = 2 the difference points a = 3
    // and a = 1 (step 0.1 of the span 10) fail, so the Jacobian is taken
    // at half the step (a = 2.5 or 1.5) and the fit still finds a = 2.5.
    // When the half steps fail too, the fit stops and says so.
    TEST(LeastSquares, RetriesAFailedDifferenceAtHalfTheStep)
    {
      const auto near = [](const double x, const double y) {
        return std::abs(x - y) < 1e-9;
      };
      const auto fails_at = [&](const std::vector<double> &bad) {
        return batch([bad, near](const std::vector<double> &x) {
          for (const double b : bad)
            if (near(x[0], b))
              throw std::runtime_error("stalled at the minimum time step");
          return std::vector<double>{x[0] - 2.5, 2. * (x[0] - 2.5)};
        });
      };
      LeastSquares::Settings settings;
      settings.difference_step = 0.1;
      const auto result        = LeastSquares::fit({{"a", 0., 10., 2., false}},
                                            {1., 1.},
                                            fails_at({1., 3.}),
                                            settings);
      EXPECT_NEAR(result.values[0], 2.5, 1e-6);
      EXPECT_NEAR(result.standard_errors[0], 0., 1e-6);

      const auto message = fit_error_of([&] {
        LeastSquares::fit({{"a", 0., 10., 2., false}},
                          {1., 1.},
                          fails_at({1., 1.5, 2.5, 3.}),
                          settings);
      });
      EXPECT_TRUE(test::contains_text(message, "fails on both sides of 'a'"))
        << message;
      EXPECT_TRUE(test::contains_text(message, "at half the step")) << message;
      EXPECT_TRUE(test::contains_text(message, "stalled")) << message;
    }

    TEST(LeastSquares, ChecksItsInputBeforeAnyRun)
    {
      unsigned int runs  = 0;
      const auto   model = batch(
        [](const std::vector<double> &) { return std::vector<double>{0.}; },
        &runs);
      const auto error = [&](const std::vector<Parameter> &parameters,
                             const std::vector<double>    &weights) {
        return test::parameter_error_message(
          [&] { LeastSquares::fit(parameters, weights, model, {}); });
      };
      EXPECT_TRUE(test::contains_text(
        error({{"a", 0., 1., 0.5, false}, {"b", 0., 1., 0.5, false}}, {1.}),
        "Cannot fit 2 parameter(s) to 1 measured value(s)"));
      EXPECT_TRUE(test::contains_text(
        error({{"a", 0., 1., 0.5, false}, {"b", 0., 1., 0.5, false}}, {1., 0.}),
        "to 1 measured value(s) with weight > 0"));
      EXPECT_TRUE(test::contains_text(error({{"mu", 0., 1., 1., false}}, {1.}),
                                      "strictly between"));
      EXPECT_TRUE(test::contains_text(error({{"mu", 1., 0., 0.5, false}}, {1.}),
                                      "below the upper bound"));
      EXPECT_TRUE(test::contains_text(error({{"A", 0., 1., 0.5, true}}, {1.}),
                                      "lower bound > 0"));
      EXPECT_TRUE(
        test::contains_text(error({{"a", 0., 1., 0.5, false}}, {-1.}), ">= 0"));
      EXPECT_TRUE(test::contains_text(error({}, {}), "at least one"));
      EXPECT_EQ(runs, 0u);
    }
  } // namespace
} // namespace anodemech
