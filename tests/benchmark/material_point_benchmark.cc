// Material-point micro-benchmark: updates per second (stress, consistent
// tangent and state) for each model, elastic and creeping. A benchmark,
// not a test: it prints its figures and asserts nothing about time.
//
// Besides the timing, every case reports what its updates did, so that a
// "creeping" case is seen to creep and to succeed: the fraction of updates
// with status ok, the mean equivalent creep-strain increment of the step and
// the mean von Mises and mean hydrostatic Kirchhoff stress.
//
// The creeping cases are representative of a creep simulation of lithium: a
// material point that has already crept by 20 % (isochoric C_p^{-1} stored
// in its state, total F = F_e F_p) and whose elastic trial state carries a
// von Mises stress of about 2 MPa and a hydrostatic stress of about -3 MPa.
// The last case, 20 % strain (with 8 % volume change) applied in one step
// to virgin material, is kept as a robustness check, not as a
// representative load: it succeeds, but with a creep increment twenty
// times the model's accuracy limit and a hydrostatic stress of about 1 GPa.
//
// Usage: material_point_benchmark [updates per case, default 200000]
//                                 [repetitions, default 3]
// The time reported is the fastest of the repetitions.

#include <anodemech/materials/hencky_elasticity.h>
#include <anodemech/materials/neo_hookean_elasticity.h>
#include <anodemech/materials/norton_creep.h>
#include <anodemech/materials/transversely_isotropic_elasticity.h>

#include <algorithm>
#include <chrono>
#include <cmath>
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
    std::string                              label;
    std::shared_ptr<const ConstitutiveModel> model;
    /// Inputs cycled through by the timing loop.
    std::vector<MaterialPointInput> inputs;
    /// State at the start of the step (the same for every update).
    MaterialState state;
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

  /// Rotation by @p angle about the axis (x, y, z).
  dealii::Tensor<2, 3>
  rotation(const double x, const double y, const double z, const double angle)
  {
    const double         norm = std::sqrt(x * x + y * y + z * z);
    dealii::Tensor<2, 3> W;
    W[0][1]                = -z / norm;
    W[0][2]                = y / norm;
    W[1][0]                = z / norm;
    W[1][2]                = -x / norm;
    W[2][0]                = -y / norm;
    W[2][1]                = x / norm;
    dealii::Tensor<2, 3> R = dealii::unit_symmetric_tensor<3>();
    R += std::sin(angle) * W + (1. - std::cos(angle)) * W * W;
    return R;
  }

  /**
   * Strain e (about 0.1 % apart between the 7 variants) applied in one step
   * to virgin material: F = [[1-e, 0.1e, 0], [0, 1+0.3e, 0], [0, 0,
   * 1+0.4e]]. With @p per_point_direction, the fibre direction is given per
   * update (5 variants), as a solver with per-cell directions would do.
   */
  std::vector<MaterialPointInput>
  one_step_inputs(const double strain,
                  const double dt,
                  const bool   per_point_direction)
  {
    std::vector<MaterialPointInput> inputs;
    const unsigned int              count = per_point_direction ? 35 : 7;
    for (unsigned int k = 0; k < count; ++k)
      {
        MaterialPointInput input;
        input.time_step = dt;
        const double e  = strain * (1. + 1e-3 * (k % 7));
        input.F         = dealii::unit_symmetric_tensor<3>();
        input.F[0][0]   = 1. - e;
        input.F[1][1]   = 1. + 0.3 * e;
        input.F[2][2]   = 1. + 0.4 * e;
        input.F[0][1]   = 0.1 * e;
        if (per_point_direction)
          input.material_direction =
            dealii::Tensor<1, 3>({1., 0.1 * (k % 5), 0.});
        inputs.push_back(input);
      }
    return inputs;
  }

  /// Isochoric creep deformation: 20 % compression along a rotated axis.
  dealii::Tensor<2, 3>
  crept_plastic_deformation()
  {
    dealii::Tensor<2, 3> U;
    U[0][0]      = 0.8;
    U[1][1]      = 1. / std::sqrt(0.8);
    U[2][2]      = 1. / std::sqrt(0.8);
    const auto R = rotation(1., 2., 0.5, 0.4);
    return R * U * dealii::transpose(R);
  }

  /// State of a point that has crept by F_p = crept_plastic_deformation().
  MaterialState
  crept_state()
  {
    const dealii::Tensor<2, 3> Fp_inv =
      dealii::invert(crept_plastic_deformation());
    MaterialState state;
    state.plastic_metric_inverse =
      dealii::symmetrize(Fp_inv * dealii::transpose(Fp_inv));
    state.equivalent_creep_strain = -std::log(0.8);
    return state;
  }

  /**
   * F = R_e (I + H) F_p with F_p = crept_plastic_deformation() and a small
   * elastic strain H: a deviatoric part giving a trial von Mises stress of
   * about @p trial_von_mises (1 % apart between the 7 variants), a small
   * shear, and a volume change giving a hydrostatic Kirchhoff stress of
   * about -3 MPa. R_e is a finite rotation.
   */
  std::vector<MaterialPointInput>
  crept_inputs(const double trial_von_mises, const double dt)
  {
    const double                    G  = lithium().shear_modulus();
    const auto                      Fp = crept_plastic_deformation();
    const auto                      Re = rotation(-1., 0.5, 2., 0.3);
    std::vector<MaterialPointInput> inputs;
    for (unsigned int k = 0; k < 7; ++k)
      {
        // Uniaxial deviatoric strain a (-1, 1/2, 1/2) gives q = 3 G a.
        const double         a = trial_von_mises / (3. * G) * (1. + 1e-2 * k);
        const double         v = -3e-4; // volume change: tr(tau)/3 = K v
        dealii::Tensor<2, 3> H;
        H[0][0] = -a + v / 3.;
        H[1][1] = 0.5 * a + v / 3.;
        H[2][2] = 0.5 * a + v / 3.;
        H[0][1] = H[1][0] = 0.1 * a;
        MaterialPointInput input;
        input.time_step = dt;
        input.F_old     = Fp;
        input.F =
          Re * (dealii::Tensor<2, 3>(dealii::unit_symmetric_tensor<3>()) + H) *
          Fp;
        inputs.push_back(input);
      }
    return inputs;
  }
} // namespace

int
main(int argc, char **argv)
{
  const long updates     = argc > 1 ? std::atol(argv[1]) : 200000;
  const long repetitions = argc > 2 ? std::atol(argv[2]) : 3;
  if (updates < 1 || repetitions < 1)
    {
      std::cerr << "Usage: material_point_benchmark [updates per case > 0] "
                   "[repetitions > 0]\n";
      return 2;
    }

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
  const MaterialState virgin;

  const std::vector<Case> cases = {
    {"hencky, 20 % strain", hencky, one_step_inputs(0.2, 1., false), virgin},
    {"neo-hookean, 20 % strain", neo, one_step_inputs(0.2, 1., false), virgin},
    {"transv. isotropic, 2 %, default direction",
     ti,
     one_step_inputs(0.02, 1., false),
     virgin},
    {"transv. isotropic, 2 %, per-point direction",
     ti,
     one_step_inputs(0.02, 1., true),
     virgin},
    {"norton sy=0.8 MPa, below threshold, dt=1 s",
     creep_y,
     one_step_inputs(1e-5, 1., false),
     virgin},
    {"norton, crept, q_tr~2 MPa, dt=1 s",
     creep,
     crept_inputs(2e6, 1.),
     crept_state()},
    {"norton, crept, q_tr~2 MPa, dt=1e4 s",
     creep,
     crept_inputs(2e6, 1e4),
     crept_state()},
    {"norton sy=0.8 MPa, crept, q_tr~2 MPa, dt=1 s",
     creep_y,
     crept_inputs(2e6, 1.),
     crept_state()},
    {"robustness: norton, virgin, 20 % in 1 step, dt=1 s",
     creep,
     one_step_inputs(0.2, 1., false),
     virgin},
  };

  std::cout << "anodemech material-point benchmark: " << updates
            << " updates per case (stress + consistent tangent + state), "
               "fastest of "
            << repetitions << " repetitions\n"
            << "ok: updates with status ok; d_eps_p: mean equivalent "
               "creep-strain increment of the step;\nq: mean von Mises "
               "Kirchhoff stress; p: mean tr(tau)/3 (tension > 0)\n\n"
            << std::left << std::setw(52) << "case" << std::right
            << std::setw(11) << "updates/s" << std::setw(11) << "us/update"
            << std::setw(8) << "ok [%]" << std::setw(11) << "d_eps_p"
            << std::setw(10) << "q [MPa]" << std::setw(10) << "p [MPa]" << '\n';

  double checksum = 0.;
  for (const auto &c : cases)
    {
      MaterialPointResult result;
      const std::size_t   n_inputs = c.inputs.size();

      // Timing: the update alone.
      double best_seconds = 0.;
      for (long rep = 0; rep < repetitions; ++rep)
        {
          const auto start = std::chrono::steady_clock::now();
          for (long k = 0; k < updates; ++k)
            {
              c.model->update(c.inputs[k % n_inputs], c.state, result);
              checksum += result.kirchhoff_stress[0][0];
            }
          const double seconds = std::chrono::duration<double>(
                                   std::chrono::steady_clock::now() - start)
                                   .count();
          if (rep == 0 || seconds < best_seconds)
            best_seconds = seconds;
        }

      // What the updates did: the same sequence again, untimed.
      long   ok            = 0;
      double sum_increment = 0., sum_q = 0., sum_p = 0.;
      for (long k = 0; k < updates; ++k)
        {
          c.model->update(c.inputs[k % n_inputs], c.state, result);
          if (result.status != MaterialStatus::ok)
            continue;
          ++ok;
          const auto &tau = result.kirchhoff_stress;
          const auto  s   = dealii::deviator(tau);
          sum_increment += result.state.equivalent_creep_strain -
                           c.state.equivalent_creep_strain;
          sum_q += std::sqrt(1.5 * (s * s));
          sum_p += dealii::trace(tau) / 3.;
        }

      const double n_ok = std::max<double>(ok, 1.);
      std::cout << std::left << std::setw(52) << c.label << std::right
                << std::setw(11) << std::setprecision(3) << std::scientific
                << updates / best_seconds << std::setw(11) << std::fixed
                << std::setprecision(3) << 1e6 * best_seconds / updates
                << std::setw(8) << std::setprecision(1) << 100. * ok / updates
                << std::setw(11) << std::scientific << std::setprecision(2)
                << sum_increment / n_ok << std::setw(10) << std::fixed
                << std::setprecision(3) << sum_q / n_ok / 1e6 << std::setw(10)
                << std::setprecision(1) << sum_p / n_ok / 1e6 << '\n';
    }
  std::cout << "\n(checksum " << std::scientific << checksum << ")\n";
  return 0;
}
