#pragma once

#include <anodemech/calibration/disc_case.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace anodemech
{
  /**
   * Bounded, weighted nonlinear least squares for model calibration:
   * minimise chi^2(x) = sum_i w_i r_i(x)^2 over lower <= x <= upper, where
   * r_i = model_i(x) - data_i come from (expensive, possibly failing) model
   * runs. The minimisation is GSL's trust-region Levenberg-Marquardt
   * (gsl_multifit_nlinear) on unbounded internal variables z with
   * x = lower + (upper - lower) / (1 + exp(-z)) (in log x for log-scaled
   * parameters), so that every trial point lies inside the bounds. The
   * Jacobian is a finite difference in x (or log x) whose columns are
   * computed as one batch, so that they can run in parallel processes.
   *
   * Uncertainties follow the usual linearisation at the minimum:
   * Cov(x) = s^2 (J^T W J)^{-1} with J = dr/dx, and s^2 = chi^2 / (n - p)
   * for relative weights (the scatter of the data sets the scale) or
   * s^2 = 1 for weights that are inverse variances. The correlation matrix
   * is Cov_jk / sqrt(Cov_jj Cov_kk).
   */
  namespace LeastSquares
  {
    /**
     * The data cannot be fitted: the model fails at the start values or on
     * both sides of a finite difference, or a parameter has no influence on
     * the residuals. The message says which and why.
     */
    class FitError : public std::runtime_error
    {
    public:
      using std::runtime_error::runtime_error;
    };

    /// One fitted parameter.
    struct Parameter
    {
      /// Name for messages, e.g. the entry path "Platen/Friction coefficient".
      std::string name;
      /// Bounds, lower < upper (both > 0 with log_scale) [parameter's unit].
      double lower = 0.;
      double upper = 1.;
      /// Start value, strictly between the bounds.
      double initial = 0.5;
      /// Fit log(x) instead of x (for values that span decades).
      bool log_scale = false;
    };

    struct Settings
    {
      /// Largest number of trust-region iterations.
      unsigned int max_iterations = 30;
      /// Converged when every internal variable changes by less than this,
      /// relative (GSL's xtol) [-].
      double parameter_tolerance = 1e-6;
      /// Converged when the scaled gradient is below this (GSL's gtol) [-].
      double gradient_tolerance = 1e-8;
      /// Converged when the residual changes by less than this, relative
      /// (GSL's ftol) [-].
      double cost_tolerance = 1e-10;
      /// Finite-difference step in x (log x for log-scaled parameters),
      /// relative to the span of the bounds [-], in (0, 0.1].
      double difference_step = 1e-3;
      /// Central instead of forward differences (twice the model runs).
      bool central_differences = false;
      /// true: the weights are relative (the covariance is scaled by
      /// chi^2 / (n - p)); false: they are inverse variances 1 / sigma_i^2.
      bool relative_weights = true;
      /// Condition number of J W^{1/2} above which parameters are not
      /// identifiable from the data.
      double max_condition_number = 1e8;
    };

    /**
     * The model: for each parameter vector of a batch (in the order of the
     * Parameter list), the residuals model - data (the same length n for
     * every point), or ok = false with the reason when the model failed
     * there. The points of one batch are independent (run_tasks() can
     * spread them over processes).
     */
    using Model = std::function<std::vector<TaskResult>(
      const std::vector<std::vector<double>> &points)>;

    /// Called after each iteration: its number, the parameters and chi^2.
    using Monitor = std::function<
      void(unsigned int iteration, const std::vector<double> &x, double chi2)>;

    /// Why the minimisation ended.
    enum class Outcome
    {
      /// A convergence test of Settings passed.
      converged,
      /// The trust region found no step that lowers chi^2 any more: the
      /// minimum is reached to within the model's numerical noise.
      no_progress,
      /// max_iterations reached before convergence.
      iteration_limit
    };

    struct Result
    {
      Outcome             outcome = Outcome::iteration_limit;
      std::string         outcome_text;
      std::vector<double> values;          ///< fitted parameters
      std::vector<double> standard_errors; ///< NaN if not determined
      /// p x p, row-major vectors.
      std::vector<std::vector<double>> covariance;
      std::vector<std::vector<double>> correlation;
      std::vector<double>              residuals; ///< model - data at values
      double                           chi2               = 0.;
      unsigned int                     degrees_of_freedom = 0; ///< n - p
      unsigned int                     iterations         = 0;
      /// Model runs, all batches together (failed ones included).
      unsigned int model_evaluations = 0;
      /// Parameters within 1e-3 of the span from a bound.
      std::vector<bool> at_bound;
      /// Condition number of J W^{1/2} (scaled by the bounds' spans).
      double condition_number = 0.;
      /// Empty if every parameter is determined by the data; otherwise
      /// which combination of parameters is not.
      std::string identifiability;
    };

    /**
     * Throw a ParameterError for bounds that are not finite or not ordered,
     * a log-scaled parameter with a bound <= 0, a start value not strictly
     * inside its bounds, a negative weight, fewer weights > 0 than
     * parameters, or settings out of range. fit() calls it first.
     */
    void
    check(const std::vector<Parameter> &parameters,
          const std::vector<double>    &weights,
          const Settings               &settings);

    /**
     * Fit @p parameters so that the weighted residuals of @p model are
     * least squares; @p weights (size n, each >= 0, not all 0) are the w_i.
     * Throws a ParameterError before any model run for bad bounds or start
     * values, or fewer weighted data than parameters; throws a FitError if the
     * model fails at the start point or on both sides of it in a finite
     * difference, and if a parameter has no influence on the residuals (it
     * cannot be determined from the data).
     */
    Result
    fit(const std::vector<Parameter> &parameters,
        const std::vector<double>    &weights,
        const Model                  &model,
        const Settings               &settings,
        const Monitor                &monitor = {});
  } // namespace LeastSquares
} // namespace anodemech
