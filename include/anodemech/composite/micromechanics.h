#pragma once

#include <anodemech/base/parameter_error.h>
#include <anodemech/materials/isotropic_elastic_constants.h>
#include <anodemech/materials/transversely_isotropic_elasticity.h>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  namespace composite
  {
    /**
     * Halpin-Tsai estimate of a modulus of a unidirectional composite,
     *   M / M_m = (1 + xi eta V_f) / (1 - eta V_f),
     *   eta = (M_f / M_m - 1) / (M_f / M_m + xi),
     * for fibre modulus @p fibre_modulus M_f [Pa], matrix modulus
     * @p matrix_modulus M_m [Pa], fibre volume fraction @p fibre_fraction
     * V_f in [0, 1] and reinforcement factor @p xi > 0. It gives M_m at
     * V_f = 0 and M_f at V_f = 1; xi -> 0 is the Reuss (series) and
     * xi -> infinity the Voigt (parallel) bound. J. C. Halpin and
     * J. L. Kardos, Polym. Eng. Sci. 16 (1976) 344; R. M. Jones, Mechanics
     * of Composite Materials, 2nd ed., Taylor & Francis 1999, Sec. 3.5.
     */
    double
    halpin_tsai(double fibre_modulus,
                double matrix_modulus,
                double fibre_fraction,
                double xi);

    /**
     * The constituents of a tow: unidirectional fibres at volume fraction
     * V_f in an isotropic matrix. For the composite anode the matrix is
     * lithium, which fills the space between the fibres of a tow.
     */
    struct TowConstituents
    {
      /// Elastic constants of the fibre (transversely isotropic).
      TransverselyIsotropicElasticity::Parameters fibre;
      /// Elastic constants of the matrix (isotropic).
      IsotropicElasticConstants matrix;
      /// Fibre volume fraction inside the tow, V_f in [0, 1) [-].
      double fibre_fraction = unset_parameter;

      /**
       * T300-type carbon fibre (the defaults of
       * TransverselyIsotropicElasticity: E_L 230 GPa, E_T 15 GPa,
       * nu_LT 0.2, nu_TT 0.07, G_LT 15 GPa) in lithium (E 7.82 GPa,
       * nu 0.381; Masias et al., J. Mater. Sci. 54 (2019) 2585) at
       * V_f = 0.6, a typical fibre fraction inside a tow.
       */
      static TowConstituents
      carbon_fibre_in_lithium();

      /**
       * Declare, in the current subsection of @p prm, the entry "Fibre
       * fraction inside a tow" and the subsections "Fibre" (the entries of
       * TransverselyIsotropicElasticity) and "Matrix" (Young's modulus and
       * Poisson's ratio), with the defaults of carbon_fibre_in_lithium().
       */
      static void
      declare_parameters(dealii::ParameterHandler &prm);

      /// Read the entries of declare_parameters() and validate them.
      void
      parse_parameters(dealii::ParameterHandler &prm);

      /// Throw a ParameterError naming the first invalid entry.
      void
      validate() const;
    };

    /**
     * Effective transversely isotropic constants of a tow (fibre direction
     * that of the fibre):
     *   E_L   = V_f E_L,f + (1 - V_f) E_m            (rule of mixtures),
     *   nu_LT = V_f nu_LT,f + (1 - V_f) nu_m         (rule of mixtures),
     *   E_T   = Halpin-Tsai(E_T,f, E_m, V_f, xi = 2),
     *   G_LT  = Halpin-Tsai(G_LT,f, G_m, V_f, xi = 1),
     *   G_TT  = Halpin-Tsai(G_TT,f, G_m, V_f, xi = 1),
     *   nu_TT = E_T / (2 G_TT) - 1,
     * with G_TT,f = E_T,f / (2 (1 + nu_TT,f)) and G_m = E_m / (2 (1 +
     * nu_m)). xi = 2 for E_T and 1 for the shear moduli are the values for
     * circular fibres (Jones 1999, Sec. 3.5; Halpin and Kardos 1976). The
     * transverse shear modulus G_TT follows from Halpin-Tsai like G_LT
     * (rather than from the Chamis formula) so that the result is exact at
     * both ends: the matrix at V_f = 0 and the fibre at V_f -> 1.
     * The result is checked with TransverselyIsotropicElasticity::
     * Parameters::validate() (positive definite stiffness); a ParameterError
     * says so if it fails, or if the constituents are invalid.
     */
    TransverselyIsotropicElasticity::Parameters
    tow_elastic_constants(const TowConstituents &tow);
  } // namespace composite
} // namespace anodemech
