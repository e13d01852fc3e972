#pragma once

#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>

#include <array>

namespace anodemech
{
  /**
   * Eigen-decomposition X = sum_a lambda_a n_a (x) n_a of a symmetric 3x3
   * tensor, with the tools to evaluate isotropic tensor functions
   * f(X) = sum_a f(lambda_a) n_a (x) n_a and their derivatives.
   *
   * The derivative of f at X in the direction dX is given in the eigenbasis
   * by the Daleckii-Krein formula
   *   [df]_ab = theta_ab [dX]_ab,  theta_aa = f'(lambda_a),
   *   theta_ab = (f(lambda_a) - f(lambda_b)) / (lambda_a - lambda_b),
   * which stays valid for repeated eigenvalues as long as the divided
   * differences are evaluated stably (see divided_difference_log()).
   * Reference: R. Bhatia, Matrix Analysis, Springer 1997, Thm. V.3.3;
   * C. Miehe, Comput. Methods Appl. Mech. Engrg. 155 (1998) 193-233.
   */
  class SpectralDecomposition
  {
  public:
    /// Decompose @p X with the Jacobi method (accurate to round-off).
    explicit SpectralDecomposition(const dealii::SymmetricTensor<2, 3> &X);

    /// Eigenvalues lambda_a.
    const std::array<double, 3> &
    eigenvalues() const
    {
      return values;
    }

    /// Orthogonal matrix Q whose column a is the eigenvector n_a.
    const dealii::Tensor<2, 3> &
    eigenvectors() const
    {
      return Q;
    }

    /// sum_a v_a n_a (x) n_a.
    dealii::SymmetricTensor<2, 3>
    compose(const std::array<double, 3> &v) const;

    /// Q^T A Q: components of @p A in the eigenbasis.
    dealii::Tensor<2, 3>
    to_eigenbasis(const dealii::Tensor<2, 3> &A) const;

    /// Q A Q^T: components in the global basis of @p A_hat.
    dealii::SymmetricTensor<2, 3>
    from_eigenbasis(const dealii::SymmetricTensor<2, 3> &A_hat) const;

  private:
    std::array<double, 3> values;
    dealii::Tensor<2, 3>  Q;
  };

  /**
   * Divided difference (ln a - ln b)/(a - b) for a, b > 0, evaluated without
   * cancellation when a is close to b; equals 1/a for a == b.
   */
  double
  divided_difference_log(double a, double b);

  /**
   * Spatial tangent A = d tau / d l of a stress tau = tau(eps) that is an
   * isotropic function of the logarithmic strain eps = 1/2 ln(b) of a left
   * Cauchy-Green-type tensor b that is convected as delta b = l b + b l^T
   * (b = F F^T for elasticity, b = F C_p^{-1} F^T for the elastic trial
   * state of multiplicative plasticity).
   *
   * @param b The spectral decomposition of b.
   * @param D_hat d tau / d eps with components in the eigenbasis of b.
   * @return A_ijkl with delta tau_ij = A_ijkl delta l_kl.
   */
  dealii::Tensor<4, 3>
  logarithmic_strain_spatial_tangent(
    const SpectralDecomposition         &b,
    const dealii::SymmetricTensor<4, 3> &D_hat);
} // namespace anodemech
