#include <anodemech/materials/norton_creep.h>
#include <anodemech/materials/spectral_decomposition.h>

#include <deal.II/base/parameter_handler.h>

#include <algorithm>
#include <cmath>

namespace anodemech
{
  void
  NortonCreep::Parameters::validate() const
  {
    elastic.validate();
    checks::non_negative("Creep prefactor", creep_prefactor, "1/s");
    checks::positive("Reference stress", reference_stress, "Pa");
    checks::in_range(
      "Stress exponent", stress_exponent, 0., false, 20., true, "-");
    checks::non_negative("Activation energy", activation_energy, "J/mol");
    checks::positive("Reference temperature", reference_temperature, "K");
    checks::non_negative("Yield stress", yield_stress, "Pa");
    checks::positive("Maximum creep strain increment",
                     maximum_creep_strain_increment,
                     "-");
  }



  void
  NortonCreep::declare_parameters(dealii::ParameterHandler &prm)
  {
    IsotropicElasticConstants::declare_parameters(prm, 7.82e9, 0.381);
    prm.declare_entry("Creep prefactor",
                      "7.7e-3",
                      dealii::Patterns::Double(0.),
                      "Prefactor A of the rate law eps_dot = A exp(-Q/R "
                      "(1/T - 1/T_ref)) ((q - sigma_y)/sigma_ref)^n at the "
                      "reference temperature [1/s]. Must be >= 0. Default: "
                      "fit to the lithium creep data of Masias et al. 2019.");
    prm.declare_entry("Reference stress",
                      "1e6",
                      dealii::Patterns::Double(0.),
                      "Reference stress sigma_ref of the rate law [Pa]. "
                      "Must be > 0.");
    prm.declare_entry("Stress exponent",
                      "6.56",
                      dealii::Patterns::Double(0., 20.),
                      "Stress exponent n of the rate law [-]. Must lie in "
                      "(0, 20]. Lithium: 6.56 (Masias et al. 2019).");
    prm.declare_entry("Activation energy",
                      "37e3",
                      dealii::Patterns::Double(0.),
                      "Activation energy Q of the Arrhenius factor [J/mol]. "
                      "Must be >= 0.");
    prm.declare_entry("Reference temperature",
                      "299.15",
                      dealii::Patterns::Double(0.),
                      "Temperature T_ref at which the prefactor is given "
                      "[K]. Must be > 0.");
    prm.declare_entry("Yield stress",
                      "0",
                      dealii::Patterns::Double(0.),
                      "Threshold sigma_y of the overstress rate law: no "
                      "creep while the von Mises stress is below it [Pa]. "
                      "Must be >= 0; 0 gives pure Norton creep. A non-zero "
                      "threshold (lithium ~0.8e6) needs a prefactor fitted "
                      "with it.");
    prm.declare_entry("Maximum creep strain increment",
                      "0.01",
                      dealii::Patterns::Double(0.),
                      "Creep-strain increment per time step above which the "
                      "model asks the time stepper for a shorter step "
                      "(accuracy of backward Euler) [-]. Must be > 0.");
  }



  NortonCreep::NortonCreep(const dealii::ParameterHandler &prm)
  {
    parameters.elastic.parse_parameters(prm);
    parameters.creep_prefactor       = prm.get_double("Creep prefactor");
    parameters.reference_stress      = prm.get_double("Reference stress");
    parameters.stress_exponent       = prm.get_double("Stress exponent");
    parameters.activation_energy     = prm.get_double("Activation energy");
    parameters.reference_temperature = prm.get_double("Reference temperature");
    parameters.yield_stress          = prm.get_double("Yield stress");
    parameters.maximum_creep_strain_increment =
      prm.get_double("Maximum creep strain increment");
    parameters.validate();
  }



  NortonCreep::NortonCreep(const Parameters &p)
    : parameters(p)
  {
    parameters.validate();
  }



  std::string
  NortonCreep::name() const
  {
    return model_name;
  }



  bool
  NortonCreep::is_rate_dependent() const
  {
    return true;
  }



  double
  NortonCreep::reference_shear_modulus() const
  {
    return parameters.elastic.shear_modulus();
  }



  double
  NortonCreep::reference_bulk_modulus() const
  {
    return parameters.elastic.bulk_modulus();
  }



  const NortonCreep::Parameters &
  NortonCreep::get_parameters() const
  {
    return parameters;
  }



  double
  NortonCreep::arrhenius_factor(const double T) const
  {
    if (!(T > 0.) || !std::isfinite(T))
      throw ParameterError("Temperature = " + format_number(T) +
                           " K is out of range; it must be a number > 0 K.");
    return std::exp(-parameters.activation_energy / gas_constant *
                    (1. / T - 1. / parameters.reference_temperature));
  }



  double
  NortonCreep::creep_rate(const double q, const double T) const
  {
    const double overstress = q - parameters.yield_stress;
    if (!(overstress > 0.))
      return 0.;
    return parameters.creep_prefactor * arrhenius_factor(T) *
           std::pow(overstress / parameters.reference_stress,
                    parameters.stress_exponent);
  }



  NortonCreep::ReturnMapSolution
  NortonCreep::solve_return_map(const double x_trial,
                                const double c,
                                const double sigma_ref,
                                const double n)
  {
    // Unknowns u = 3 G dgamma and x = x_trial - u, both in (0, x_trial),
    // with u = c (x/sigma_ref)^n. Which of the two is smaller is decided at
    // the midpoint; the smaller one is then found through its logarithm w,
    // for which the residual is increasing and convex in w. Newton started
    // at the midpoint (to the right of the root) therefore decreases
    // monotonically to the root and cannot overshoot or diverge.
    ReturnMapSolution solution;
    const double      half  = 0.5 * x_trial;
    const double      log_c = std::log(c);
    const double      log_s = std::log(sigma_ref);
    const double r_mid = std::log(half) - log_c - n * (std::log(half) - log_s);
    const bool   solve_for_u        = (r_mid >= 0.);
    double       w                  = std::log(half);
    const unsigned int max_iter     = 200;
    unsigned int       polish_steps = 0;

    solution.converged = false;
    for (unsigned int it = 0; it < max_iter; ++it)
      {
        const double small = std::exp(w);
        const double large = x_trial - small;
        double       residual, derivative;
        if (solve_for_u) // small = u, large = x
          {
            residual   = w - log_c - n * (std::log(large) - log_s);
            derivative = 1. + n * small / large;
          }
        else // small = x, large = u
          {
            residual   = n * (w - log_s) + log_c - std::log(large);
            derivative = n + small / large;
          }
        const double step   = residual / derivative;
        solution.iterations = it + 1;
        if (!std::isfinite(step))
          break;
        // Monotone decrease: a non-positive step means the iterate is at the
        // root to round-off. Once the step is small, convergence is
        // quadratic: two more steps reach round-off.
        if (!(step > 0.))
          {
            solution.converged = true;
            break;
          }
        w -= step;
        if (polish_steps > 0)
          {
            if (--polish_steps == 0)
              {
                solution.converged = true;
                break;
              }
          }
        else if (step < 1e-8 * std::max(1., std::abs(w)))
          polish_steps = 2;
      }

    const double small = std::exp(w);
    const double large = x_trial - small;
    const double u     = solve_for_u ? small : large;
    const double x     = solve_for_u ? large : small;

    solution.stress_drop = u;
    solution.overstress  = x;
    solution.dq_dqtrial  = x / (x + n * u);
    if (!(std::isfinite(u) && std::isfinite(x) && x > 0. && u >= 0.))
      solution.converged = false;
    return solution;
  }



  void
  NortonCreep::update(const MaterialPointInput &input,
                      const MaterialState      &state_old,
                      MaterialPointResult      &result) const
  {
    result.status                     = MaterialStatus::ok;
    result.suggested_time_step_factor = 1.;
    result.failure_reason             = nullptr;
    result.state                      = state_old;

    const auto fail = [&result](const char *reason, const double factor) {
      result.status                     = MaterialStatus::failed;
      result.suggested_time_step_factor = factor;
      result.failure_reason             = reason;
    };

    const dealii::Tensor<2, 3> &F = input.F;
    const double                J = dealii::determinant(F);
    if (!(J > 0.))
      return fail("inverted material point: det F <= 0", 0.25);

    // Elastic trial state b_e^tr = F C_p^{-1} F^T and its log strain.
    const dealii::SymmetricTensor<2, 3> be_trial = dealii::symmetrize(
      F * dealii::Tensor<2, 3>(state_old.plastic_metric_inverse) *
      dealii::transpose(F));
    const SpectralDecomposition spectral(be_trial);
    const auto                 &lambda = spectral.eigenvalues();
    for (const double l : lambda)
      if (!(l > 0.) || !std::isfinite(l))
        return fail("elastic trial state is not positive definite", 0.25);

    const double K       = parameters.elastic.bulk_modulus();
    const double G       = parameters.elastic.shear_modulus();
    const double n       = parameters.stress_exponent;
    const double sigma_y = parameters.yield_stress;

    std::array<double, 3> eps_trial, s_trial;
    for (unsigned int a = 0; a < 3; ++a)
      eps_trial[a] = 0.5 * std::log(lambda[a]);
    const double theta = eps_trial[0] + eps_trial[1] + eps_trial[2];
    double       norm2 = 0.;
    for (unsigned int a = 0; a < 3; ++a)
      {
        s_trial[a] = 2. * G * (eps_trial[a] - theta / 3.);
        norm2 += s_trial[a] * s_trial[a];
      }
    const double q_trial = std::sqrt(1.5 * norm2);

    const double dt = input.time_step;
    const double A_T =
      parameters.creep_prefactor * arrhenius_factor(input.temperature);
    double c = 3. * G * dt * A_T;

    // BDF2 (variable step, omega = dt / dt_prev):
    //   dgamma = alpha dgamma_n + beta dt rate(q_n+1),
    //   alpha = omega^2 / (1 + 2 omega), beta = (1 + omega) / (1 + 2 omega);
    // the known part u0 = 3 G alpha dgamma_n shifts the trial overstress of
    // the backward-Euler equation. Where the shift would take the stress
    // below the threshold (unloading), the point falls back to backward
    // Euler.
    double u0 = 0.;
    if (input.previous_time_step > 0. && dt > 0. &&
        state_old.last_creep_increment > 0.)
      {
        const double omega = dt / input.previous_time_step;
        const double alpha = omega * omega / (1. + 2. * omega);
        const double beta  = (1. + omega) / (1. + 2. * omega);
        const double shift = 3. * G * alpha * state_old.last_creep_increment;
        if (q_trial - sigma_y - shift > 0.)
          {
            u0 = shift;
            c *= beta;
          }
      }

    // Elastic step unless the trial stress exceeds the threshold and time
    // passes; then the scalar return-map equation.
    double q = q_trial, dq_dqtrial = 1., dgamma = 0.;
    if (q_trial > sigma_y && c > 0. && std::isfinite(c))
      {
        const ReturnMapSolution sol = solve_return_map(
          q_trial - sigma_y - u0, c, parameters.reference_stress, n);
        if (!sol.converged)
          return fail("creep return map did not converge", 0.5);
        q          = sigma_y + sol.overstress;
        dq_dqtrial = sol.dq_dqtrial;
        dgamma     = (u0 + sol.stress_drop) / (3. * G);
      }

    // Radial return in principal log strains: the flow direction is the
    // trial deviator, so eps_e = eps_trial - dgamma 3/2 s_trial/q_trial and
    // the volumetric part, hence det F_p = 1, is unchanged.
    const double          ratio = (q_trial > 0.) ? q / q_trial : 1.;
    std::array<double, 3> tau, be;
    for (unsigned int a = 0; a < 3; ++a)
      {
        const double s     = ratio * s_trial[a];
        const double eps_e = theta / 3. + s / (2. * G);
        tau[a]             = K * theta + s;
        be[a]              = std::exp(2. * eps_e);
      }
    result.kirchhoff_stress = spectral.compose(tau);

    const dealii::Tensor<2, 3> F_inv = dealii::invert(F);
    result.state.plastic_metric_inverse =
      dealii::symmetrize(F_inv * dealii::Tensor<2, 3>(spectral.compose(be)) *
                         dealii::transpose(F_inv));
    result.state.equivalent_creep_strain =
      state_old.equivalent_creep_strain + dgamma;
    result.state.previous_creep_rate  = state_old.equivalent_creep_rate;
    result.state.last_creep_increment = dgamma;
    // The rate law at the end of the step (backward Euler: dgamma / dt).
    result.state.equivalent_creep_rate =
      u0 > 0. ?
        A_T *
          std::pow(std::max(0., q - sigma_y) / parameters.reference_stress, n) :
        ((dt > 0.) ? dgamma / dt : 0.);

    // Algorithmic tangent d tau / d eps_trial in the eigenbasis:
    // K 1(x)1 + 2G [ratio I_dev + (dq/dq_trial - ratio) N(x)N].
    const dealii::SymmetricTensor<2, 3> I = dealii::unit_symmetric_tensor<3>();
    dealii::SymmetricTensor<4, 3>       D_hat =
      K * dealii::outer_product(I, I) +
      2. * G * ratio * dealii::deviator_tensor<3>();
    if (dgamma > 0.)
      {
        dealii::SymmetricTensor<2, 3> N;
        const double                  norm = std::sqrt(norm2);
        for (unsigned int a = 0; a < 3; ++a)
          N[a][a] = s_trial[a] / norm;
        D_hat += 2. * G * (dq_dqtrial - ratio) * dealii::outer_product(N, N);
      }
    result.spatial_tangent =
      logarithmic_strain_spatial_tangent(spectral, D_hat);

    // Accuracy control of backward Euler: ask for shorter steps when the
    // creep increment is large, allow longer ones when it is small.
    const double limit = parameters.maximum_creep_strain_increment;
    result.suggested_time_step_factor =
      (dgamma > 0.) ? std::clamp(limit / dgamma, 0.2, 2.) : 2.;
  }
} // namespace anodemech
