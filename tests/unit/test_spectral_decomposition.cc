// Spectral decomposition and the divided differences behind the tangents.

#include <anodemech/materials/spectral_decomposition.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../test_utilities.h"

namespace
{
  using namespace anodemech;

  TEST(SpectralDecomposition, ReconstructsTheTensor)
  {
    const auto           R = test::rotation(test::vec(1., -2., 0.5), 0.9);
    dealii::Tensor<2, 3> D;
    D[0][0] = 3.;
    D[1][1] = 0.2;
    D[2][2] = 0.2; // repeated eigenvalue
    const dealii::SymmetricTensor<2, 3> X =
      dealii::symmetrize(R * D * dealii::transpose(R));
    const SpectralDecomposition s(X);
    const auto                 &l = s.eigenvalues();
    EXPECT_LT((s.compose(l) - X).norm(), 1e-14 * X.norm());
    // Q is orthogonal.
    const auto &Q = s.eigenvectors();
    EXPECT_LT(
      (dealii::transpose(Q) * Q - dealii::unit_symmetric_tensor<3>()).norm(),
      1e-14);
  }

  TEST(SpectralDecomposition, DividedDifferenceOfLogIsAccurate)
  {
    // Against the direct formula where it is well conditioned, and against
    // the derivative 1/a in the limit b -> a.
    for (const double a : {1e-3, 0.5, 1., 7.})
      {
        for (const double ratio : {0.5, 0.9, 2., 10.})
          {
            const double b      = a * ratio;
            const double direct = (std::log(a) - std::log(b)) / (a - b);
            EXPECT_NEAR(divided_difference_log(a, b), direct, 1e-14 * direct);
          }
        EXPECT_NEAR(divided_difference_log(a, a), 1. / a, 1e-15 / a);
        for (const double r : {1e-12, 1e-8, 1e-5, 9e-4, 1.1e-3})
          {
            const double b = a * (1. + r);
            // Series of ln(1+r)/r to high order as the reference.
            const double series =
              (1. - r / 2. + r * r / 3. - r * r * r / 4. + r * r * r * r / 5. -
               r * r * r * r * r / 6.) /
              a;
            EXPECT_NEAR(divided_difference_log(b, a), series, 1e-14 * series);
          }
      }
  }

  TEST(SpectralDecomposition, LogStrainTangentOfHenckyIsSymmetricAtIdentity)
  {
    // At b = I, d(1/2 ln b) = 1/2 (l + l^T): A = D : sym.
    const SpectralDecomposition         s(dealii::unit_symmetric_tensor<3>());
    const dealii::SymmetricTensor<4, 3> D = dealii::identity_tensor<3>();
    const dealii::Tensor<4, 3> A = logarithmic_strain_spatial_tangent(s, D);
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = 0; j < 3; ++j)
        for (unsigned int k = 0; k < 3; ++k)
          for (unsigned int l = 0; l < 3; ++l)
            {
              const double expected =
                0.5 * ((i == k && j == l) + (i == l && j == k));
              EXPECT_NEAR(A[i][j][k][l], expected, 1e-15);
            }
  }
} // namespace
