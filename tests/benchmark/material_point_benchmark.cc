// Material-point micro-benchmark: updates per second (stress, consistent
// tangent and state) for each model, elastic and creeping. A benchmark,
// not a test: it prints its figures and asserts nothing about time.
//
// Usage: material_point_benchmark [updates per case, default 200000]

#include <anodemech/materials/hencky_elasticity.h>
#include <anodemech/materials/neo_hookean_elasticity.h>
#include <anodemech/materials/norton_creep.h>
#include <anodemech/materials/transversely_isotropic_elasticity.h>

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace
{
  using namespace anodemech;

  struct Case
  {
    std::string                        label;
    std::shared_ptr<ConstitutiveModel> model;
    double                             strain;
    double                             dt;
    bool                               per_point_direction;
  };

  IsotropicElasticConstants
  lithium()
  {
    IsotropicElasticConstants c;
    c.youngs_modulus = 7.82e9;
    c.poisson_ratio  = 0.381;
    return c;
  }

  NortonCreep::Parameters
  lithium_creep(const double sigma_y)
  {
    NortonCreep::Parameters p;
    p.elastic                        = lithium();
    p.creep_prefactor                = 7.7e-3;
    p.reference_stress               = 1e6;
    p.stress_exponent                = 6.56;
    p.activation_energy              = 37e3;
    p.reference_temperature          = 299.15;
    p.yield_stress                   = sigma_y;
    p.maximum_creep_strain_increment = 0.01;
    return p;
  }
} // namespace

int
main(int argc, char **argv)
{
  const long updates = argc > 1 ? std::atol(argv[1]) : 200000;

  TransverselyIsotropicElasticity::Parameters fiber;
  fiber.axial_youngs_modulus      = 230e9;
  fiber.transverse_youngs_modulus = 15e9;
  fiber.axial_poisson_ratio       = 0.2;
  fiber.transverse_poisson_ratio  = 0.07;
  fiber.axial_shear_modulus       = 15e9;
  fiber.fiber_direction           = dealii::Tensor<1, 3>({1., 0., 0.});

  const auto hencky  = std::make_shared<HenckyElasticity>(lithium());
  const auto neo     = std::make_shared<NeoHookeanElasticity>(lithium());
  const auto ti      = std::make_shared<TransverselyIsotropicElasticity>(fiber);
  const auto creep_y = std::make_shared<NortonCreep>(lithium_creep(0.8e6));
  const auto creep   = std::make_shared<NortonCreep>(lithium_creep(0.));

  const std::vector<Case> cases = {
    {"hencky (elastic)", hencky, 0.2, 1., false},
    {"neo-hookean (elastic)", neo, 0.2, 1., false},
    {"transversely isotropic, default direction", ti, 0.02, 1., false},
    {"transversely isotropic, per-point direction", ti, 0.02, 1., true},
    {"norton creep, below threshold (elastic)", creep_y, 1e-5, 1., false},
    {"norton creep, creeping, dt = 1 s", creep, 0.2, 1., false},
    {"norton creep, creeping, dt = 1e4 s", creep, 0.2, 1e4, false},
  };

  std::cout << "anodemech material-point benchmark: " << updates
            << " updates per case (stress + consistent tangent + state)\n\n"
            << std::left << std::setw(48) << "case" << std::right
            << std::setw(16) << "updates/s" << std::setw(14) << "us/update"
            << '\n';
  double checksum = 0.;
  for (const auto &c : cases)
    {
      MaterialPointInput input;
      input.time_step = c.dt;
      MaterialPointResult result;
      const MaterialState state = c.model->initial_state();
      const auto          start = std::chrono::steady_clock::now();
      for (long k = 0; k < updates; ++k)
        {
          const double e = c.strain * (1. + 1e-3 * (k % 7));
          input.F        = dealii::unit_symmetric_tensor<3>();
          input.F[0][0]  = 1. - e;
          input.F[1][1]  = 1. + 0.3 * e;
          input.F[2][2]  = 1. + 0.4 * e;
          input.F[0][1]  = 0.1 * e;
          if (c.per_point_direction)
            input.material_direction =
              dealii::Tensor<1, 3>({1., 0.1 * (k % 5), 0.});
          c.model->update(input, state, result);
          checksum += result.kirchhoff_stress[0][0];
        }
      const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
      std::cout << std::left << std::setw(48) << c.label << std::right
                << std::setw(16) << std::setprecision(4) << updates / seconds
                << std::setw(14) << std::setprecision(3)
                << 1e6 * seconds / updates << '\n';
    }
  std::cout << "\n(checksum " << checksum << ")\n";
  return 0;
}
