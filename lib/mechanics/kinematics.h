// Internal to the library: the deformation gradient of the solid's
// displacement field (plane 3D or axisymmetric).
#pragma once

#include <deal.II/base/tensor.h>

namespace anodemech
{
  namespace internal
  {
    /**
     * 3x3 deformation gradient F = I + Grad u; axisymmetric (dim = 2, the
     * meridian plane r-z) with the hoop stretch F_33 = 1 + u_r / R in the
     * third slot.
     */
    template <int dim>
    inline dealii::Tensor<2, 3>
    deformation_gradient(const dealii::Tensor<2, dim> &grad_u,
                         const double                  u_r,
                         const double                  R)
    {
      dealii::Tensor<2, 3> F;
      for (unsigned int i = 0; i < 3; ++i)
        F[i][i] = 1.;
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int j = 0; j < dim; ++j)
          F[i][j] += grad_u[i][j];
      if (dim == 2)
        F[2][2] = 1. + u_r / R;
      return F;
    }

    /// Weight of a volume or surface integral: 2 pi R axisymmetric, else 1.
    template <int dim, typename PointType>
    inline double
    radial_weight(const PointType &x)
    {
      return dim == 2 ? 2. * M_PI * x[0] : 1.;
    }
  } // namespace internal
} // namespace anodemech
