#pragma once

#include <anodemech/base/parameter_error.h>
#include <anodemech/materials/constitutive_model.h>
#include <anodemech/materials/hencky_elasticity.h>
#include <anodemech/materials/neo_hookean_elasticity.h>
#include <anodemech/materials/norton_creep.h>
#include <anodemech/materials/transversely_isotropic_elasticity.h>

#include <deal.II/base/tensor.h>

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

namespace anodemech
{
  namespace test
  {
    /**
     * Runs @p f and returns the message of the ParameterError it throws;
     * records a test failure if it throws nothing or something else.
     */
    inline std::string
    parameter_error_message(const std::function<void()> &f)
    {
      try
        {
          f();
        }
      catch (const ParameterError &e)
        {
          return e.what();
        }
      catch (...)
        {
          ADD_FAILURE() << "an exception other than ParameterError";
          return "";
        }
      ADD_FAILURE() << "no ParameterError was thrown";
      return "";
    }

    /// True if @p text contains @p part.
    inline bool
    contains_text(const std::string &text, const std::string &part)
    {
      return text.find(part) != std::string::npos;
    }

    /// The vector (x, y, z).
    inline dealii::Tensor<1, 3>
    vec(const double x, const double y, const double z)
    {
      dealii::Tensor<1, 3> v;
      v[0] = x;
      v[1] = y;
      v[2] = z;
      return v;
    }

    /// Lithium elastic constants (Masias et al. 2019).
    inline IsotropicElasticConstants
    lithium_elastic()
    {
      IsotropicElasticConstants c;
      c.youngs_modulus = 7.82e9;
      c.poisson_ratio  = 0.381;
      return c;
    }

    /// Lithium creep constants (issue defaults), threshold @p sigma_y [Pa].
    inline NortonCreep::Parameters
    lithium_creep(const double sigma_y = 0.)
    {
      NortonCreep::Parameters p;
      p.elastic                        = lithium_elastic();
      p.creep_prefactor                = 7.7e-3;
      p.reference_stress               = 1e6;
      p.stress_exponent                = 6.56;
      p.activation_energy              = 37e3;
      p.reference_temperature          = 299.15;
      p.yield_stress                   = sigma_y;
      p.maximum_creep_strain_increment = 0.01;
      return p;
    }

    /**
     * Exact thickness ratio lambda = h/h0 of a homogeneous incompressible
     * Norton disc under a dead load of nominal pressure p held from t = 0:
     * the true stress is p lambda, d ln(lambda)/dt = -A (p lambda/s_ref)^n,
     * so lambda^-n = 1 + n A (p/s_ref)^n t; the elastic (Hencky) strain
     * -p lambda / E multiplies it by exp(-p lambda / E).
     */
    inline double
    exact_norton_thickness_ratio(const NortonCreep::Parameters &m,
                                 const double                   p,
                                 const double                   t)
    {
      const double n = m.stress_exponent;
      const double lambda_creep =
        std::pow(1. + n * m.creep_prefactor *
                        std::pow(p / m.reference_stress, n) * t,
                 -1. / n);
      double lambda = lambda_creep;
      for (int i = 0; i < 20; ++i) // lambda = lambda_c exp(-p lambda / E)
        lambda =
          lambda_creep * std::exp(-p * lambda / m.elastic.youngs_modulus);
      return lambda;
    }

    /// T300-type carbon fibre along @p direction.
    inline TransverselyIsotropicElasticity::Parameters
    carbon_fiber(const dealii::Tensor<1, 3> &direction)
    {
      TransverselyIsotropicElasticity::Parameters p;
      p.axial_youngs_modulus      = 230e9;
      p.transverse_youngs_modulus = 15e9;
      p.axial_poisson_ratio       = 0.2;
      p.transverse_poisson_ratio  = 0.07;
      p.axial_shear_modulus       = 15e9;
      p.fiber_direction           = direction;
      return p;
    }

    /// Rotation by @p angle about the axis @p axis (normalised here).
    inline dealii::Tensor<2, 3>
    rotation(dealii::Tensor<1, 3> axis, const double angle)
    {
      axis /= axis.norm();
      dealii::Tensor<2, 3> W;
      W[0][1]                = -axis[2];
      W[0][2]                = axis[1];
      W[1][0]                = axis[2];
      W[1][2]                = -axis[0];
      W[2][0]                = -axis[1];
      W[2][1]                = axis[0];
      dealii::Tensor<2, 3> R = dealii::unit_symmetric_tensor<3>();
      R += std::sin(angle) * W + (1. - std::cos(angle)) * W * W;
      return R;
    }

    /// Frobenius norm of a rank-4 tensor.
    inline double
    norm(const dealii::Tensor<4, 3> &A)
    {
      double s = 0.;
      for (unsigned int i = 0; i < 3; ++i)
        for (unsigned int j = 0; j < 3; ++j)
          for (unsigned int k = 0; k < 3; ++k)
            for (unsigned int l = 0; l < 3; ++l)
              s += A[i][j][k][l] * A[i][j][k][l];
      return std::sqrt(s);
    }

    /**
     * Central finite-difference approximation of A = d tau / d l: column
     * (k,l) is [tau(F + h E_kl F) - tau(F - h E_kl F)] / (2h).
     */
    inline dealii::Tensor<4, 3>
    finite_difference_tangent(const ConstitutiveModel  &model,
                              const MaterialPointInput &input,
                              const MaterialState      &state,
                              const double              h = 1e-6)
    {
      dealii::Tensor<4, 3> A;
      MaterialPointResult  plus, minus;
      for (unsigned int k = 0; k < 3; ++k)
        for (unsigned int l = 0; l < 3; ++l)
          {
            dealii::Tensor<2, 3> E;
            E[k][l]                 = 1.;
            MaterialPointInput in_p = input;
            MaterialPointInput in_m = input;
            in_p.F                  = input.F + h * E * input.F;
            in_m.F                  = input.F - h * E * input.F;
            model.update(in_p, state, plus);
            model.update(in_m, state, minus);
            for (unsigned int i = 0; i < 3; ++i)
              for (unsigned int j = 0; j < 3; ++j)
                A[i][j][k][l] =
                  (plus.kirchhoff_stress[i][j] - minus.kirchhoff_stress[i][j]) /
                  (2. * h);
          }
      return A;
    }
  } // namespace test
} // namespace anodemech
