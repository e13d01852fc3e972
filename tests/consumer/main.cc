// Links against an installed anodemech and evaluates a material point:
// uniaxial small strain on Hencky elasticity must give sigma = E eps.
#include <anodemech/materials/hencky_elasticity.h>

#include <cmath>
#include <iostream>

int
main()
{
  anodemech::IsotropicElasticConstants c;
  c.youngs_modulus = 7.82e9;
  c.poisson_ratio  = 0.381;
  const anodemech::HenckyElasticity model(c);

  // Uniaxial stress: stretch 1e-6 along z, lateral contraction -nu eps.
  const double                   eps = 1e-6;
  anodemech::MaterialPointInput  in;
  anodemech::MaterialPointResult out;
  in.F[0][0] = in.F[1][1] = std::exp(-c.poisson_ratio * eps);
  in.F[2][2]              = std::exp(eps);
  model.update(in, model.initial_state(), out);
  const double expected = c.youngs_modulus * eps;
  const double error =
    std::abs(out.kirchhoff_stress[2][2] - expected) / expected;
  std::cout << "consumer: tau_zz = " << out.kirchhoff_stress[2][2]
            << " Pa, expected " << expected << " Pa, relative error " << error
            << '\n';
  return error < 1e-10 ? 0 : 1;
}
