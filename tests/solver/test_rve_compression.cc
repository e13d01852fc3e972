// The representative-volume driver (RVECompression, rve_compress): the
// planar lateral faces, the load-sharing output and the effective response
// against closed forms and bounds.
#include <anodemech/composite/micromechanics.h>
#include <anodemech/composite/voxel_rve.h>
#include <anodemech/simulation/rve_compression.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>

#include "../test_utilities.h"

namespace anodemech
{
  namespace
  {
    std::string
    scratch_folder(const std::string &name)
    {
      const auto path = std::filesystem::temp_directory_path() /
                        ("anodemech_rve_" + name + "_" +
                         std::to_string(dealii::Utilities::MPI::n_mpi_processes(
                           MPI_COMM_WORLD)));
      return path.string();
    }

    /// Run the RVE job with the defaults, @p input on top and the output
    /// in a scratch folder.
    RVEResult
    run_rve(const std::string &name, const std::string &input)
    {
      dealii::ParameterHandler prm;
      RVECompression::declare_parameters(prm);
      prm.parse_input_from_string(
        "subsection Output\n  set Folder = " + scratch_folder(name) +
        "\n  set Field output = none\nend\n" + input);
      const RVECompression job(prm, input, "");
      std::ostringstream   log;
      return job.run(MPI_COMM_WORLD, log);
    }

    /// The last record at nominal pressure @p p.
    const RVERecord &
    at_pressure(const RVEResult &result, const double p)
    {
      for (auto r = result.records.rbegin(); r != result.records.rend(); ++r)
        if (std::abs(r->step.nominal_pressure - p) < 1e-9 * p)
          return *r;
      ADD_FAILURE() << "pressure " << p << " not reached";
      return result.records.back();
    }
  } // namespace



  // A box of lithium between the frictionless platen and planar, force-free
  // lateral faces is in homogeneous uniaxial stress: its thickness under a
  // dead load must follow the exact solution of Norton creep with the
  // Hencky elastic strain (the same closed form as CreepDisc), and it must
  // spread isochorically (creep) plus elastically.
  TEST(RVECompression, UniformLithiumFollowsTheNortonLaw)
  {
    const double p      = 1e6;
    const auto   result = run_rve("lithium",
                                "subsection RVE\n"
                                  "  set Source = uniform\n"
                                  "  subsection Uniform\n"
                                  "    set Phase = lithium\n"
                                  "    set Voxels = 2, 2, 2\n"
                                  "  end\n"
                                  "end\n"
                                  "subsection Material lithium\n"
                                  "  subsection Norton creep\n"
                                  "    set Maximum creep strain increment = "
                                  "2e-3\n"
                                  "  end\n"
                                  "end\n"
                                  "subsection Solver\n"
                                  "  set Temperature = 299.15\n"
                                  "end\n"
                                  "subsection Loading\n"
                                  "  set Load protocol = 0 : 0; 1e-3 : 1e6; "
                                  "600 : 1e6\n"
                                  "  set Report pressures = 1e6\n"
                                  "end\n");
    ASSERT_TRUE(result.summary.completed) << result.summary.failure_reason;
    const auto material = test::lithium_creep(0.);
    unsigned   checked  = 0;
    for (const auto &r : result.records)
      if (r.step.time > 10.)
        {
          const double exact =
            test::exact_norton_thickness_ratio(material, p, r.step.time - 1e-3);
          const double lambda = 1. + r.thickness_strain_pct / 100.;
          // Backward Euler with creep strain increments of at most 2e-3 per
          // step: an error of a few 1e-4 in lambda (CreepDisc sees the same).
          EXPECT_NEAR(lambda, exact, 1e-3) << "t = " << r.step.time;
          // Creep conserves volume: lateral stretch^2 x lambda = 1 up to the
          // elastic volume change (1 - 2 nu) p / E.
          const double stretch = 1. + r.lateral_strain_pct[0] / 100.;
          EXPECT_NEAR(stretch * stretch * lambda,
                      1. - (1. - 2. * 0.381) * p * lambda / 7.82e9,
                      1e-7);
          EXPECT_NEAR(r.lateral_strain_pct[0], r.lateral_strain_pct[1], 1e-9);
          ++checked;
        }
    EXPECT_GT(checked, 5u);
    // Halfway through a strong creep: the test is not trivially satisfied.
    EXPECT_LT(at_pressure(result, p).thickness_strain_pct, -10.);
  }



  // A tow loaded along its fibres: the effective modulus of the box is the
  // tow's axial modulus E_L (rule of mixtures), within 2 %; across the
  // fibres it is E_T.
  TEST(RVECompression, UniformTowHasTheTowStiffness)
  {
    composite::TowConstituents tow =
      composite::TowConstituents::carbon_fibre_in_lithium();
    tow.fibre_fraction          = 0.6;
    const auto        constants = composite::tow_elastic_constants(tow);
    const double      p         = 1e6;
    const std::string common    = "subsection Tow\n"
                                  "  set Fibre fraction inside a tow = 0.6\n"
                                  "end\n"
                                  "subsection Loading\n"
                                  "  set Load protocol = 0 : 0; 1 : 1e6\n"
                                  "  set Report pressures = 1e6\n"
                                  "end\n";
    for (const auto &[direction, modulus] :
         std::vector<std::pair<std::string, double>>{
           {"0, 0, 1", constants.axial_youngs_modulus},
           {"1, 0, 0", constants.transverse_youngs_modulus}})
      {
        const auto result = run_rve("tow",
                                    "subsection RVE\n"
                                    "  set Source = uniform\n"
                                    "  subsection Uniform\n"
                                    "    set Phase = warp tow\n"
                                    "    set Voxels = 2, 2, 3\n"
                                    "    set Fibre direction = " +
                                      direction +
                                      "\n"
                                      "  end\n"
                                      "end\n" +
                                      common);
        ASSERT_TRUE(result.summary.completed);
        const double strain =
          -at_pressure(result, p).thickness_strain_pct / 100.;
        EXPECT_NEAR(p / strain, modulus, 0.02 * modulus)
          << "fibre direction " << direction;
      }
  }



  // Two isotropic elastic phases in a random voxel arrangement (read as a
  // segmented label volume): the apparent through-thickness modulus lies
  // between the Reuss bound (uniform stress is statically admissible) and
  // the Voigt bound (uniform strain is kinematically admissible under the
  // planar lateral faces), and strictly inside for a mixed arrangement.
  TEST(RVECompression, EffectiveModulusLiesBetweenVoigtAndReuss)
  {
    composite::VoxelRVE rve;
    rve.n_voxels   = {{6, 6, 6}};
    rve.voxel_size = {{1e-5, 1e-5, 1e-5}};
    rve.labels.resize(216);
    std::mt19937 random(7);
    for (auto &label : rve.labels)
      label = (random() % 2 == 0) ? composite::phase_ids::lithium :
                                    composite::phase_ids::electrolyte;
    const std::string file = scratch_folder("bounds") + "_labels.h5";
    if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      composite::write_label_volume(rve, file, "labels");
    MPI_Barrier(MPI_COMM_WORLD);

    const double E1 = 7.82e9, nu1 = 0.3, E2 = 0.782e9, nu2 = 0.2;
    const auto   result = run_rve("bounds",
                                "subsection RVE\n"
                                  "  set Source = label volume\n"
                                  "  subsection Label volume\n"
                                  "    set File = " +
                                  file +
                                  "\n"
                                    "    set Voxel size = 1e-5, 1e-5, 1e-5\n"
                                    "  end\n"
                                    "end\n"
                                    "subsection Material lithium\n"
                                    "  set Model = hencky\n"
                                    "  subsection Hencky elasticity\n"
                                    "    set Young's modulus = 7.82e9\n"
                                    "    set Poisson's ratio = 0.3\n"
                                    "  end\n"
                                    "end\n"
                                    "subsection Material electrolyte\n"
                                    "  subsection Neo-Hookean elasticity\n"
                                    "    set Young's modulus = 0.782e9\n"
                                    "    set Poisson's ratio = 0.2\n"
                                    "  end\n"
                                    "end\n"
                                    "subsection Loading\n"
                                    "  set Load protocol = 0 : 0; 1 : 1e5\n"
                                    "  set Report pressures = 1e5\n"
                                    "end\n");
    ASSERT_TRUE(result.summary.completed);
    const double f1 = result.phase_fractions[composite::phase_ids::lithium];
    const double f2 = result.phase_fractions[composite::phase_ids::electrolyte];
    ASSERT_NEAR(f1 + f2, 1., 1e-12);
    const double E_reuss = 1. / (f1 / E1 + f2 / E2);
    const auto   K       = [](double E, double nu) {
      return E / (3. * (1. - 2. * nu));
    };
    const auto   G   = [](double E, double nu) { return E / (2. * (1. + nu)); };
    const double K_v = f1 * K(E1, nu1) + f2 * K(E2, nu2);
    const double G_v = f1 * G(E1, nu1) + f2 * G(E2, nu2);
    const double E_voigt = 9. * K_v * G_v / (3. * K_v + G_v);
    const double strain = -at_pressure(result, 1e5).thickness_strain_pct / 100.;
    const double E_eff  = 1e5 / strain;
    EXPECT_GT(E_eff, E_reuss * 1.02);
    EXPECT_LT(E_eff, E_voigt * 0.98);
    // The stiff phase carries more than its volume share of the load.
    const auto &r = at_pressure(result, 1e5);
    EXPECT_GT(r.phase_load_share[composite::phase_ids::lithium], f1);
    EXPECT_NEAR(r.phase_load_share[composite::phase_ids::lithium] +
                  r.phase_load_share[composite::phase_ids::electrolyte],
                1.,
                1e-9);
  }



  // The paper's claim at the scale of the weave: in the plain-weave RVE of
  // the recipe, the tows carry more than the applied stress and the lithium
  // less (the cloth shields the lithium); the phase shares add up to the
  // applied load; the in-plane strain is far below the through-thickness
  // one (the cloth is stiff in its plane).
  TEST(RVECompression, TowsOfTheWeaveCarryTheLoad)
  {
    const double p      = 5.19e6;
    const auto   result = run_rve("weave",
                                "subsection RVE\n"
                                  "  subsection Plain weave\n"
                                  "    set Voxels along x and y = 8\n"
                                  "    set Voxels through thickness = 6\n"
                                  "  end\n"
                                  "end\n"
                                  "subsection Loading\n"
                                  "  set Load protocol = 0 : 0; 10 : 5.19e6\n"
                                  "  set Report pressures = 5.19e6\n"
                                  "end\n"
                                  "subsection Time stepping\n"
                                  "  set Initial time step = 2\n"
                                  "end\n");
    ASSERT_TRUE(result.summary.completed) << result.summary.failure_reason;
    const auto &r = at_pressure(result, p);
    using namespace composite::phase_ids;
    EXPECT_LT(r.phase_stress_zz[warp_tow], -1.1 * p);
    EXPECT_LT(r.phase_stress_zz[weft_tow], -1.1 * p);
    EXPECT_GT(r.phase_stress_zz[lithium], -p);
    EXPECT_LT(r.phase_stress_zz[warp_tow], 1.2 * r.phase_stress_zz[lithium]);
    double share = 0., mean = 0.;
    for (unsigned int k = 0; k < 5; ++k)
      {
        share += r.phase_load_share[k];
        mean += result.phase_fractions[k] * r.phase_stress_zz[k];
      }
    EXPECT_NEAR(share, 1., 1e-9);
    // Equilibrium: the volume average of sigma_zz is the applied stress in
    // the current configuration, -p A0 / A; small strains here.
    EXPECT_NEAR(mean, -p, 0.05 * p);
    EXPECT_LT(std::abs(r.lateral_strain_pct[0]),
              0.1 * std::abs(r.thickness_strain_pct));
  }
} // namespace anodemech
