#include <anodemech/materials/homogeneous_driver.h>

#include <deal.II/base/tensor.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <cmath>
#include <vector>

namespace anodemech
{
  HomogeneousDeformationDriver::HomogeneousDeformationDriver(
    const ConstitutiveModel &model,
    const double             temperature)
    : model(&model)
    , temperature(temperature)
    , converged_state(model.initial_state())
  {}



  namespace
  {
    dealii::Tensor<2, 3>
    diagonal_F(const std::array<double, 3> &log_stretch)
    {
      dealii::Tensor<2, 3> F;
      for (unsigned int i = 0; i < 3; ++i)
        F[i][i] = std::exp(log_stretch[i]);
      return F;
    }
  } // namespace



  HomogeneousDeformationDriver::StepResult
  HomogeneousDeformationDriver::step(const double                   dt,
                                     const std::array<AxisLoad, 3> &loads)
  {
    StepResult outcome;

    MaterialPointInput input;
    input.F_old       = diagonal_F(log_stretch);
    input.time_step   = dt;
    input.temperature = temperature;

    std::array<double, 3>     y = log_stretch;
    std::vector<unsigned int> free_axes;
    for (unsigned int i = 0; i < 3; ++i)
      if (loads[i].control == Control::stretch)
        y[i] = std::log(loads[i].value);
      else
        free_axes.push_back(i);

    const double stress_scale =
      model->reference_shear_modulus() + model->reference_bulk_modulus();
    const double tolerance = 1e-13 * stress_scale;

    MaterialPointResult result;
    for (unsigned int it = 0; it < 50; ++it)
      {
        input.F = diagonal_F(y);
        model->update(input, converged_state, result);
        outcome.iterations = it + 1;
        if (result.status != MaterialStatus::ok)
          {
            outcome.failure_reason = result.failure_reason;
            outcome.suggested_time_step_factor =
              result.suggested_time_step_factor;
            return outcome;
          }

        const unsigned int m = free_axes.size();
        if (m == 0)
          {
            outcome.converged = true;
            break;
          }

        // Residual r_i = tau_ii - target_i and its Jacobian in y = ln lambda.
        const double               J = std::exp(y[0] + y[1] + y[2]);
        dealii::Vector<double>     r(m), dy(m);
        dealii::FullMatrix<double> jac(m, m);
        double                     max_residual = 0.;
        for (unsigned int p = 0; p < m; ++p)
          {
            const unsigned int i      = free_axes[p];
            const double       target = loads[i].value;
            double             rhs = 0., dtarget_dyi = 0., dtarget_dj = 0.;
            switch (loads[i].control)
              {
                case Control::cauchy_stress:
                  rhs        = target * J; // tau_ii = sigma_ii J
                  dtarget_dj = rhs;        // d(sigma J)/dy_j = sigma J
                  break;
                case Control::nominal_stress:
                  rhs         = target * std::exp(y[i]); // tau_ii = P lambda_i
                  dtarget_dyi = rhs;
                  break;
                default:
                  break;
              }
            r(p)         = result.kirchhoff_stress[i][i] - rhs;
            max_residual = std::max(max_residual, std::abs(r(p)));
            for (unsigned int q = 0; q < m; ++q)
              {
                const unsigned int j = free_axes[q];
                jac(p, q) = result.spatial_tangent[i][i][j][j] - dtarget_dj -
                            (i == j ? dtarget_dyi : 0.);
              }
          }
        if (max_residual <= tolerance)
          {
            outcome.converged = true;
            break;
          }
        jac.gauss_jordan();
        jac.vmult(dy, r);
        for (unsigned int p = 0; p < m; ++p)
          y[free_axes[p]] -= dy(p);
      }

    outcome.suggested_time_step_factor = result.suggested_time_step_factor;
    if (!outcome.converged)
      {
        outcome.failure_reason = "homogeneous driver: Newton did not converge";
        return outcome;
      }

    // Commit.
    log_stretch     = y;
    converged_state = result.state;
    tau             = result.kirchhoff_stress;
    current_time += dt;
    return outcome;
  }



  double
  HomogeneousDeformationDriver::time() const
  {
    return current_time;
  }



  std::array<double, 3>
  HomogeneousDeformationDriver::stretches() const
  {
    std::array<double, 3> lambda;
    for (unsigned int i = 0; i < 3; ++i)
      lambda[i] = std::exp(log_stretch[i]);
    return lambda;
  }



  dealii::SymmetricTensor<2, 3>
  HomogeneousDeformationDriver::cauchy_stress() const
  {
    return tau / std::exp(log_stretch[0] + log_stretch[1] + log_stretch[2]);
  }



  const dealii::SymmetricTensor<2, 3> &
  HomogeneousDeformationDriver::kirchhoff_stress() const
  {
    return tau;
  }



  const MaterialState &
  HomogeneousDeformationDriver::state() const
  {
    return converged_state;
  }



  void
  HomogeneousDeformationDriver::set_temperature(const double T)
  {
    temperature = T;
  }
} // namespace anodemech
