#include <anodemech/materials/spectral_decomposition.h>

#include <cmath>

namespace anodemech
{
  SpectralDecomposition::SpectralDecomposition(
    const dealii::SymmetricTensor<2, 3> &X)
  {
    const auto pairs =
      dealii::eigenvectors(X, dealii::SymmetricTensorEigenvectorMethod::jacobi);
    for (unsigned int a = 0; a < 3; ++a)
      {
        values[a] = pairs[a].first;
        for (unsigned int i = 0; i < 3; ++i)
          Q[i][a] = pairs[a].second[i];
      }
  }



  dealii::SymmetricTensor<2, 3>
  SpectralDecomposition::compose(const std::array<double, 3> &v) const
  {
    dealii::SymmetricTensor<2, 3> result;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = i; j < 3; ++j)
        {
          double sum = 0.;
          for (unsigned int a = 0; a < 3; ++a)
            sum += v[a] * Q[i][a] * Q[j][a];
          result[i][j] = sum;
        }
    return result;
  }



  dealii::Tensor<2, 3>
  SpectralDecomposition::to_eigenbasis(const dealii::Tensor<2, 3> &A) const
  {
    return dealii::transpose(Q) * A * Q;
  }



  dealii::SymmetricTensor<2, 3>
  SpectralDecomposition::from_eigenbasis(
    const dealii::SymmetricTensor<2, 3> &A_hat) const
  {
    dealii::SymmetricTensor<2, 3> result;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = i; j < 3; ++j)
        {
          double sum = 0.;
          for (unsigned int a = 0; a < 3; ++a)
            for (unsigned int b = 0; b < 3; ++b)
              sum += Q[i][a] * A_hat[a][b] * Q[j][b];
          result[i][j] = sum;
        }
    return result;
  }



  double
  divided_difference_log(const double a, const double b)
  {
    // (ln a - ln b)/(a - b) = log1p(r)/(b r) with r = (a - b)/b. For small
    // |r| the series 1 - r/2 + r^2/3 - r^3/4 + r^4/5 is accurate to r^5.
    const double r = (a - b) / b;
    if (std::abs(r) > 1e-3)
      return std::log1p(r) / (b * r);
    return (1. - r * (1. / 2. - r * (1. / 3. - r * (1. / 4. - r / 5.)))) / b;
  }



  dealii::Tensor<4, 3>
  logarithmic_strain_spatial_tangent(const SpectralDecomposition         &b,
                                     const dealii::SymmetricTensor<4, 3> &D_hat)
  {
    const auto &lambda = b.eigenvalues();
    const auto &Q      = b.eigenvectors();

    double theta[3][3];
    for (unsigned int p = 0; p < 3; ++p)
      for (unsigned int q = 0; q < 3; ++q)
        theta[p][q] = divided_difference_log(lambda[p], lambda[q]);

    dealii::Tensor<4, 3> A;
    for (unsigned int k = 0; k < 3; ++k)
      for (unsigned int l = 0; l < 3; ++l)
        {
          // delta l = e_k (x) e_l; in the eigenbasis L_hat_pq = Q_kp Q_lq and
          // delta b_hat = L_hat Lambda + Lambda L_hat^T.
          dealii::SymmetricTensor<2, 3> deps_hat;
          for (unsigned int p = 0; p < 3; ++p)
            for (unsigned int q = p; q < 3; ++q)
              {
                const double db =
                  Q[k][p] * Q[l][q] * lambda[q] + lambda[p] * Q[k][q] * Q[l][p];
                deps_hat[p][q] = 0.5 * theta[p][q] * db;
              }
          const dealii::SymmetricTensor<2, 3> dtau =
            b.from_eigenbasis(D_hat * deps_hat);
          for (unsigned int i = 0; i < 3; ++i)
            for (unsigned int j = 0; j < 3; ++j)
              A[i][j][k][l] = dtau[i][j];
        }
    return A;
  }
} // namespace anodemech
