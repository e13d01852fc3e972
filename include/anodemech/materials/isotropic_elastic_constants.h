#pragma once

#include <anodemech/base/parameter_error.h>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /**
   * Young's modulus and Poisson's ratio of an isotropic solid, shared by the
   * isotropic elastic and creep models. Declared into (and parsed from) the
   * current ParameterHandler subsection.
   */
  struct IsotropicElasticConstants
  {
    /// Young's modulus E [Pa]; must be > 0.
    double youngs_modulus = unset_parameter;

    /// Poisson's ratio nu [-]; must lie in (-1, 0.5).
    double poisson_ratio = unset_parameter;

    /// Declare "Young's modulus" and "Poisson's ratio" with the given defaults.
    static void
    declare_parameters(dealii::ParameterHandler &prm,
                       double                    default_youngs_modulus,
                       double                    default_poisson_ratio);

    /// Read the two entries and validate them.
    void
    parse_parameters(const dealii::ParameterHandler &prm);

    /// Throw a ParameterError naming the first invalid or unset entry.
    void
    validate() const;

    /// Shear modulus G = E / (2 (1 + nu)) [Pa].
    double
    shear_modulus() const;

    /// Bulk modulus K = E / (3 (1 - 2 nu)) [Pa].
    double
    bulk_modulus() const;

    /// First Lame parameter lambda = K - 2G/3 [Pa].
    double
    lame_lambda() const;
  };
} // namespace anodemech
