#include <anodemech/base/parameter_error.h>
#include <anodemech/calibration/least_squares.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace anodemech
{
  namespace LeastSquares
  {
    namespace
    {
      /// GSL's default handler aborts the program; switch it off for the
      /// lifetime of this object (GSL then returns error codes).
      class GslErrorHandlerOff
      {
      public:
        GslErrorHandlerOff()
          : previous(gsl_set_error_handler_off())
        {}
        ~GslErrorHandlerOff()
        {
          gsl_set_error_handler(previous);
        }
        GslErrorHandlerOff(const GslErrorHandlerOff &) = delete;
        GslErrorHandlerOff &
        operator=(const GslErrorHandlerOff &) = delete;

      private:
        gsl_error_handler_t *previous;
      };

      template <typename T, void (*free_function)(T *)>
      struct GslDeleter
      {
        void
        operator()(T *p) const
        {
          free_function(p);
        }
      };
      using Vector =
        std::unique_ptr<gsl_vector, GslDeleter<gsl_vector, gsl_vector_free>>;
      using Matrix =
        std::unique_ptr<gsl_matrix, GslDeleter<gsl_matrix, gsl_matrix_free>>;
      using Workspace = std::unique_ptr<
        gsl_multifit_nlinear_workspace,
        GslDeleter<gsl_multifit_nlinear_workspace, gsl_multifit_nlinear_free>>;

      std::string
      quoted(const std::string &name)
      {
        return "'" + name + "'";
      }

      /**
       * The fit's state between GSL's callbacks: the parameter transform,
       * a cache of model runs (GSL asks for the same point more than once)
       * and the finite-difference Jacobian.
       */
      struct Problem
      {
        const std::vector<Parameter> &parameters;
        std::vector<double>           sqrt_weights;
        const Model                  &model;
        const Settings               &settings;
        std::size_t                   n = 0;

        std::map<std::vector<double>, TaskResult>          runs;
        std::map<std::vector<double>, std::vector<double>> jacobians; // dr/ds
        unsigned int                                       evaluations = 0;
        /// Norm of the weighted residual at the best point so far.
        double             best_norm = 0.;
        std::exception_ptr error;

        // s: x or log x; u in (0, 1): s = s_lo + (s_hi - s_lo) u;
        // u = 1 / (1 + exp(-z)).
        double
        s_lo(const unsigned int j) const
        {
          const auto &q = parameters[j];
          return q.log_scale ? std::log(q.lower) : q.lower;
        }
        double
        span(const unsigned int j) const
        {
          const auto &q = parameters[j];
          return (q.log_scale ? std::log(q.upper) : q.upper) - s_lo(j);
        }
        double
        s_of_x(const unsigned int j, const double x) const
        {
          return parameters[j].log_scale ? std::log(x) : x;
        }
        double
        x_of_s(const unsigned int j, const double s) const
        {
          return parameters[j].log_scale ? std::exp(s) : s;
        }
        static double
        u_of_z(const double z)
        {
          return 1. / (1. + std::exp(-z));
        }
        double
        z_of_x(const unsigned int j, const double x) const
        {
          const double u = (s_of_x(j, x) - s_lo(j)) / span(j);
          return std::log(u / (1. - u));
        }
        std::vector<double>
        x_of_z(const gsl_vector *z) const
        {
          std::vector<double> x(parameters.size());
          for (unsigned int j = 0; j < x.size(); ++j)
            x[j] = x_of_s(j, s_lo(j) + span(j) * u_of_z(gsl_vector_get(z, j)));
          return x;
        }
        /// ds/dz at z.
        double
        ds_dz(const unsigned int j, const double z) const
        {
          const double u = u_of_z(z);
          return span(j) * u * (1. - u);
        }

        /// Model runs for @p points, from the cache where possible; the
        /// others in one batch.
        std::vector<TaskResult>
        evaluate(const std::vector<std::vector<double>> &points)
        {
          std::vector<std::vector<double>> missing;
          for (const auto &x : points)
            if (runs.count(x) == 0 &&
                std::find(missing.begin(), missing.end(), x) == missing.end())
              missing.push_back(x);
          if (!missing.empty())
            {
              const auto results = model(missing);
              evaluations += missing.size();
              for (std::size_t k = 0; k < missing.size(); ++k)
                {
                  TaskResult r = results.at(k);
                  if (r.ok && r.values.size() != n)
                    throw std::logic_error(
                      "The model returned " + std::to_string(r.values.size()) +
                      " residuals instead of " + std::to_string(n) + ".");
                  runs[missing[k]] = std::move(r);
                }
            }
          std::vector<TaskResult> out;
          for (const auto &x : points)
            out.push_back(runs.at(x));
          return out;
        }

        double
        weighted_norm(const std::vector<double> &r) const
        {
          double sum = 0.;
          for (std::size_t i = 0; i < n; ++i)
            sum += std::pow(sqrt_weights[i] * r[i], 2);
          return std::sqrt(sum);
        }

        /// dr/ds at @p x (n x p, row-major), by finite differences whose
        /// points are run as one batch; a side on which the model fails
        /// or that leaves the bounds is replaced by the other side.
        const std::vector<double> &
        jacobian(const std::vector<double> &x)
        {
          if (const auto found = jacobians.find(x); found != jacobians.end())
            return found->second;
          const unsigned int p  = parameters.size();
          const TaskResult   r0 = evaluate({x})[0];
          if (!r0.ok)
            throw FitError("The model fails at the point of a Jacobian: " +
                           r0.message);
          std::vector<double> h(p);
          // Points of the first batch: +h (and -h for central differences)
          // where inside the bounds.
          std::vector<std::vector<double>> points;
          std::vector<std::vector<int>>    sides(p);
          for (unsigned int j = 0; j < p; ++j)
            {
              h[j]                 = settings.difference_step * span(j);
              const double s       = s_of_x(j, x[j]);
              const bool   up_ok   = s + h[j] <= s_lo(j) + span(j);
              const bool   down_ok = s - h[j] >= s_lo(j);
              if (settings.central_differences && up_ok && down_ok)
                sides[j] = {+1, -1};
              else
                sides[j] = {up_ok ? +1 : -1};
              for (const int side : sides[j])
                {
                  auto y = x;
                  y[j]   = x_of_s(j, s + side * h[j]);
                  points.push_back(y);
                }
            }
          auto results = evaluate(points);
          // Retry a failed one-sided difference on the other side, then
          // both sides at half the step: a model that fails now and then
          // near its limits (a stalled time stepping) often runs there.
          for (unsigned int j = 0, k = 0; j < p; k += sides[j].size(), ++j)
            if (sides[j].size() == 1 && !results[k].ok)
              {
                const double s  = s_of_x(j, x[j]);
                const auto   at = [&](const double ds) {
                  auto y = x;
                  y[j]   = x_of_s(j, s + ds);
                  return y;
                };
                const int        side  = sides[j][0];
                const TaskResult other = evaluate({at(-side * h[j])})[0];
                if (other.ok)
                  {
                    sides[j][0] = -side;
                    results[k]  = other;
                    continue;
                  }
                const double                     half = 0.5 * h[j];
                std::vector<std::vector<double>> retry;
                std::vector<int>                 retry_sides;
                for (const int t : {side, -side})
                  if (s + t * half >= s_lo(j) &&
                      s + t * half <= s_lo(j) + span(j))
                    {
                      retry.push_back(at(t * half));
                      retry_sides.push_back(t);
                    }
                const auto halves = evaluate(retry);
                bool       found  = false;
                for (std::size_t m = 0; m < halves.size() && !found; ++m)
                  if (halves[m].ok)
                    {
                      sides[j][0] = retry_sides[m];
                      h[j]        = half;
                      results[k]  = halves[m];
                      found       = true;
                    }
                if (!found)
                  throw FitError(
                    "The model fails on both sides of " +
                    quoted(parameters[j].name) + " = " + format_number(x[j]) +
                    " in a finite difference, at the full and at half the "
                    "step: " +
                    results[k].message);
              }
          std::vector<double> J(n * p);
          for (unsigned int j = 0, k = 0; j < p; ++j)
            {
              const auto &first = results[k];
              if (!first.ok)
                throw FitError("The model fails near " +
                               quoted(parameters[j].name) + " = " +
                               format_number(x[j]) + ": " + first.message);
              if (sides[j].size() == 2)
                {
                  const auto &second = results[k + 1];
                  if (!second.ok)
                    throw FitError("The model fails near " +
                                   quoted(parameters[j].name) + " = " +
                                   format_number(x[j]) + ": " + second.message);
                  for (std::size_t i = 0; i < n; ++i)
                    J[i * p + j] =
                      (first.values[i] - second.values[i]) / (2. * h[j]);
                }
              else
                for (std::size_t i = 0; i < n; ++i)
                  J[i * p + j] =
                    sides[j][0] * (first.values[i] - r0.values[i]) / h[j];
              k += sides[j].size();
            }
          return jacobians[x] = J;
        }
      };

      int
      residual_callback(const gsl_vector *z, void *data, gsl_vector *f)
      {
        auto &problem = *static_cast<Problem *>(data);
        try
          {
            const TaskResult r = problem.evaluate({problem.x_of_z(z)})[0];
            if (r.ok)
              for (std::size_t i = 0; i < problem.n; ++i)
                gsl_vector_set(f, i, problem.sqrt_weights[i] * r.values[i]);
            else
              // A failed model run counts as a much worse point: the trust
              // region rejects the step and shrinks.
              for (std::size_t i = 0; i < problem.n; ++i)
                gsl_vector_set(f,
                               i,
                               (10. * problem.best_norm + 1.) /
                                 std::sqrt(double(problem.n)));
            return GSL_SUCCESS;
          }
        catch (...)
          {
            problem.error = std::current_exception();
            return GSL_EBADFUNC;
          }
      }

      int
      jacobian_callback(const gsl_vector *z, void *data, gsl_matrix *J)
      {
        auto &problem = *static_cast<Problem *>(data);
        try
          {
            const auto         x  = problem.x_of_z(z);
            const auto        &Js = problem.jacobian(x);
            const unsigned int p  = problem.parameters.size();
            for (std::size_t i = 0; i < problem.n; ++i)
              for (unsigned int j = 0; j < p; ++j)
                gsl_matrix_set(J,
                               i,
                               j,
                               problem.sqrt_weights[i] * Js[i * p + j] *
                                 problem.ds_dz(j, gsl_vector_get(z, j)));
            return GSL_SUCCESS;
          }
        catch (...)
          {
            problem.error = std::current_exception();
            return GSL_EBADFUNC;
          }
      }

    } // namespace



    void
    check(const std::vector<Parameter> &parameters,
          const std::vector<double>    &weights,
          const Settings               &settings)
    {
      if (parameters.empty())
        throw ParameterError("No parameter to fit: give at least one.");
      for (const auto &q : parameters)
        {
          if (!std::isfinite(q.lower) || !std::isfinite(q.upper) ||
              !(q.lower < q.upper))
            throw ParameterError(
              "Parameter " + quoted(q.name) + ": the lower bound (" +
              format_number(q.lower) +
              ") must be finite and below the upper bound (" +
              format_number(q.upper) + ").");
          if (q.log_scale && !(q.lower > 0.))
            throw ParameterError(
              "Parameter " + quoted(q.name) +
              ": a log-scaled parameter needs a lower bound > 0, not " +
              format_number(q.lower) + ".");
          if (!(q.initial > q.lower && q.initial < q.upper))
            throw ParameterError(
              "Parameter " + quoted(q.name) + ": the start value " +
              format_number(q.initial) +
              " must lie strictly between the "
              "bounds " +
              format_number(q.lower) + " and " + format_number(q.upper) + ".");
        }
      std::size_t n_data = 0;
      for (const double w : weights)
        {
          if (!(w >= 0.) || !std::isfinite(w))
            throw ParameterError("Weights must be finite and >= 0, not " +
                                 format_number(w) + ".");
          n_data += w > 0.;
        }
      if (n_data < parameters.size())
        throw ParameterError(
          "Cannot fit " + std::to_string(parameters.size()) +
          " parameter(s) to " + std::to_string(n_data) +
          " measured value(s) with weight > 0: at least as many values as "
          "parameters are needed.");
      checks::in_range("Finite-difference step",
                       settings.difference_step,
                       0.,
                       false,
                       0.1,
                       true,
                       "-");
      if (settings.max_iterations == 0)
        throw ParameterError("Parameter 'Maximum iterations' must be >= 1.");
    }



    namespace
    {

      /**
       * Covariance (unscaled, (A^T A)^-1 with A = W^1/2 J), the condition
       * number of A with equilibrated columns, and the right singular
       * vector of its smallest singular value.
       */
      void
      linearised_covariance(const std::vector<double>        &A, // n x p
                            const std::size_t                 n,
                            const std::size_t                 p,
                            std::vector<std::vector<double>> &covariance,
                            double                           &condition,
                            std::vector<double>              &weakest)
      {
        std::vector<double> scale(p, 0.);
        for (std::size_t j = 0; j < p; ++j)
          {
            for (std::size_t i = 0; i < n; ++i)
              scale[j] += A[i * p + j] * A[i * p + j];
            scale[j] = std::sqrt(scale[j]);
          }
        covariance.assign(
          p, std::vector<double>(p, std::numeric_limits<double>::quiet_NaN()));
        weakest.assign(p, 0.);
        for (std::size_t j = 0; j < p; ++j)
          if (scale[j] == 0.)
            {
              condition  = std::numeric_limits<double>::infinity();
              weakest[j] = 1.;
              return;
            }
        Matrix B(gsl_matrix_alloc(n, p));
        for (std::size_t i = 0; i < n; ++i)
          for (std::size_t j = 0; j < p; ++j)
            gsl_matrix_set(B.get(), i, j, A[i * p + j] / scale[j]);
        Matrix V(gsl_matrix_alloc(p, p));
        Vector S(gsl_vector_alloc(p));
        Vector work(gsl_vector_alloc(p));
        gsl_linalg_SV_decomp(B.get(), V.get(), S.get(), work.get());
        const double s_max = gsl_vector_get(S.get(), 0);
        const double s_min = gsl_vector_get(S.get(), p - 1);
        condition =
          s_min > 0. ? s_max / s_min : std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < p; ++j)
          weakest[j] = gsl_matrix_get(V.get(), j, p - 1);
        if (!(s_min > 0.))
          return;
        for (std::size_t j = 0; j < p; ++j)
          for (std::size_t k = 0; k < p; ++k)
            {
              double sum = 0.;
              for (std::size_t m = 0; m < p; ++m)
                sum += gsl_matrix_get(V.get(), j, m) *
                       gsl_matrix_get(V.get(), k, m) /
                       std::pow(gsl_vector_get(S.get(), m), 2);
              covariance[j][k] = sum / (scale[j] * scale[k]);
            }
      }
    } // namespace



    Result
    fit(const std::vector<Parameter> &parameters,
        const std::vector<double>    &weights,
        const Model                  &model,
        const Settings               &settings,
        const Monitor                &monitor)
    {
      check(parameters, weights, settings);
      const GslErrorHandlerOff no_abort;
      const std::size_t        n = weights.size();
      const std::size_t        p = parameters.size();

      Problem problem{parameters, {}, model, settings, n, {}, {}, 0, 0., {}};
      for (const double w : weights)
        problem.sqrt_weights.push_back(std::sqrt(w));

      // The start point as GSL will see it: through z, so that its runs
      // are found in the cache (x(z(x0)) may differ from x0 in the last
      // digit).
      Vector z0(gsl_vector_alloc(p));
      for (std::size_t j = 0; j < p; ++j)
        gsl_vector_set(z0.get(), j, problem.z_of_x(j, parameters[j].initial));
      const std::vector<double> x0    = problem.x_of_z(z0.get());
      const TaskResult          start = problem.evaluate({x0})[0];
      if (!start.ok)
        throw FitError("The model fails at the start values: " + start.message);
      problem.best_norm = problem.weighted_norm(start.values);
      {
        // A parameter that does not move the weighted residuals cannot be
        // determined from the data.
        const auto         &J       = problem.jacobian(x0);
        double              largest = 0.;
        std::vector<double> norms(p, 0.);
        for (std::size_t j = 0; j < p; ++j)
          {
            for (std::size_t i = 0; i < n; ++i)
              norms[j] += std::pow(problem.sqrt_weights[i] * J[i * p + j] *
                                     problem.span(j),
                                   2);
            norms[j] = std::sqrt(norms[j]);
            largest  = std::max(largest, norms[j]);
          }
        for (std::size_t j = 0; j < p; ++j)
          if (!(norms[j] > 1e-12 * largest) || largest == 0.)
            throw FitError(
              "Parameter " + quoted(parameters[j].name) +
              " has no influence on the fitted data (changing it by " +
              format_number(100. * settings.difference_step) +
              " % of its range leaves every weighted residual unchanged): "
              "these data cannot determine it. Fix it in the base input, or "
              "fit data that depend on it.");
      }

      gsl_multifit_nlinear_fdf fdf;
      fdf.f      = residual_callback;
      fdf.df     = jacobian_callback;
      fdf.fvv    = nullptr;
      fdf.n      = n;
      fdf.p      = p;
      fdf.params = &problem;
      gsl_multifit_nlinear_parameters gsl_parameters =
        gsl_multifit_nlinear_default_parameters();
      gsl_parameters.trs    = gsl_multifit_nlinear_trs_lm;
      gsl_parameters.scale  = gsl_multifit_nlinear_scale_more;
      gsl_parameters.solver = gsl_multifit_nlinear_solver_qr;
      Workspace workspace(gsl_multifit_nlinear_alloc(
        gsl_multifit_nlinear_trust, &gsl_parameters, n, p));

      const auto rethrow_or = [&problem](const int          status,
                                         const std::string &where) {
        if (problem.error)
          std::rethrow_exception(problem.error);
        throw FitError("GSL's least-squares solver failed " + where + ": " +
                       gsl_strerror(status));
      };
      if (const int status =
            gsl_multifit_nlinear_init(z0.get(), &fdf, workspace.get());
          status != GSL_SUCCESS)
        rethrow_or(status, "to start");

      Result     result;
      const auto chi2_now = [&]() {
        const double norm =
          gsl_blas_dnrm2(gsl_multifit_nlinear_residual(workspace.get()));
        return norm * norm;
      };
      for (unsigned int iteration = 1;; ++iteration)
        {
          const int status = gsl_multifit_nlinear_iterate(workspace.get());
          if (status == GSL_ENOPROG || status == GSL_ENOPROGJ)
            {
              result.outcome      = Outcome::no_progress;
              result.outcome_text = "no step of the trust region lowers chi^2 "
                                    "any more (the minimum, to within the "
                                    "model's numerical noise)";
              result.iterations   = iteration - 1;
              break;
            }
          if (status != GSL_SUCCESS)
            rethrow_or(status, "in iteration " + std::to_string(iteration));
          problem.best_norm = std::sqrt(chi2_now());
          if (monitor)
            monitor(iteration,
                    problem.x_of_z(
                      gsl_multifit_nlinear_position(workspace.get())),
                    chi2_now());
          int       info = 0;
          const int test =
            gsl_multifit_nlinear_test(settings.parameter_tolerance,
                                      settings.gradient_tolerance,
                                      settings.cost_tolerance,
                                      &info,
                                      workspace.get());
          result.iterations = iteration;
          if (test == GSL_SUCCESS)
            {
              result.outcome      = Outcome::converged;
              result.outcome_text = info == 1 ?
                                      "converged: the parameters change by "
                                      "less than the parameter tolerance" :
                                      "converged: the gradient of chi^2 is "
                                      "below the gradient tolerance";
              break;
            }
          if (iteration >= settings.max_iterations)
            {
              result.outcome = Outcome::iteration_limit;
              result.outcome_text =
                "not converged in " + std::to_string(iteration) + " iterations";
              break;
            }
        }

      // The result at the final point, and its linearised uncertainty.
      const gsl_vector *z = gsl_multifit_nlinear_position(workspace.get());
      result.values       = problem.x_of_z(z);
      const TaskResult final_run = problem.evaluate({result.values})[0];
      if (!final_run.ok)
        throw std::logic_error("The model fails at the accepted point.");
      result.residuals   = final_run.values;
      result.chi2        = 0.;
      std::size_t n_data = 0;
      for (std::size_t i = 0; i < n; ++i)
        {
          result.chi2 += weights[i] * std::pow(result.residuals[i], 2);
          n_data += weights[i] > 0.;
        }
      result.degrees_of_freedom = n_data - p;
      for (std::size_t j = 0; j < p; ++j)
        {
          const double u = Problem::u_of_z(gsl_vector_get(z, j));
          result.at_bound.push_back(u < 1e-3 || u > 1. - 1e-3);
        }

      const auto         &Js = problem.jacobian(result.values);
      std::vector<double> A(n * p); // W^1/2 dr/dx
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < p; ++j)
          A[i * p + j] = problem.sqrt_weights[i] * Js[i * p + j] /
                         (parameters[j].log_scale ? result.values[j] : 1.);
      std::vector<double> weakest;
      linearised_covariance(
        A, n, p, result.covariance, result.condition_number, weakest);
      result.model_evaluations = problem.evaluations;
      if (!(result.condition_number <= settings.max_condition_number))
        {
          std::ostringstream text;
          text << "the data determine only some combinations of the "
                  "parameters (condition number "
               << format_number(result.condition_number)
               << "); the undetermined direction is";
          for (std::size_t j = 0; j < p; ++j)
            if (std::abs(weakest[j]) > 0.1)
              text << ' ' << (weakest[j] > 0 ? '+' : '-')
                   << format_number(std::abs(weakest[j])) << " x "
                   << quoted(parameters[j].name);
          result.identifiability = text.str();
          for (auto &row : result.covariance)
            std::fill(row.begin(),
                      row.end(),
                      std::numeric_limits<double>::quiet_NaN());
        }
      double s2 = 1.;
      if (settings.relative_weights)
        s2 = result.degrees_of_freedom > 0 ?
               result.chi2 / result.degrees_of_freedom :
               std::numeric_limits<double>::quiet_NaN();
      result.correlation = result.covariance;
      for (std::size_t j = 0; j < p; ++j)
        {
          for (std::size_t k = 0; k < p; ++k)
            {
              result.correlation[j][k] =
                result.covariance[j][k] /
                std::sqrt(result.covariance[j][j] * result.covariance[k][k]);
            }
        }
      for (auto &row : result.covariance)
        for (double &c : row)
          c *= s2;
      for (std::size_t j = 0; j < p; ++j)
        result.standard_errors.push_back(std::sqrt(result.covariance[j][j]));
      return result;
    }
  } // namespace LeastSquares
} // namespace anodemech
