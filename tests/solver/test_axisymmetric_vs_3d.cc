// The axisymmetric and the 3D (quarter-disc) formulations share the
// material laws and the contact: on the same disc, load, friction and
// radial/thickness resolution (8 x 2 quadratic elements, isoparametric
// mapping so that the 3D edge is round) they agree on the diameter and
// thickness changes within 1 %.
//
// Measured (mapping of degree 2):
// - lithium, D/h = 5, Coulomb mu = 0.3, 1.5 MPa held for 9 s: axisymmetric
//   1.7371 % / 3.2141 %, 3D 1.7418 % / 3.2143 % (0.27 % and 0.01 % apart);
// - a harder creeping solid, D/h = 5, mu = 0.3, ramp to 30 MPa in 10 s,
//   held to 60 s: with the earlier penalty contact at quadrature points
//   axisymmetric 5.800 % / 10.344 %, 3D 5.818 % / 10.348 % (0.30 % and
//   0.04 % apart); with the nodal active-set contact 1.0 % / 0.7 % apart
//   on this mesh, 0.26 % / 0.21 % on 16 x 2 (see the test).
// With straight-sided 3D cells (mapping degree 1, the old default) the
// first case was 1.1 % apart: the polygonal edge, not the formulation.
// Both are still a few percent from the converged axisymmetric answer
// (1.822 % / 3.351 % on 64 x 8 elements for the first case): the test
// compares formulations on equal meshes, test_refinement.cc the
// convergence.
#include <anodemech/materials/norton_creep.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../test_utilities.h"
#include "disc_fixture.h"

namespace anodemech
{
  namespace
  {
    /// The final state of a creeping disc (D = 15 mm, h = 3 mm, 8 x 2
    /// elements, Coulomb mu = 0.3) under @p protocol.
    template <int dim>
    CompressionRecord
    final_state(const NortonCreep::Parameters &material,
                const std::string             &protocol)
    {
      DiscGeometry geometry;
      geometry.diameter           = 15e-3;
      geometry.thickness          = 3e-3;
      geometry.radial_elements    = 8;
      geometry.thickness_elements = 2;
      typename QuasiStaticSolid<dim>::Parameters parameters;
      parameters.temperature = 299.15;
      test::Disc<dim>         disc(geometry,
                           std::make_shared<NortonCreep>(material),
                           test::platen(RigidPlaten::FrictionModel::coulomb,
                                        0.3),
                           parameters);
      TimeStepper::Parameters stepping;
      stepping.initial_time_step = 0.1;
      stepping.maximum_time_step = 5.;
      // A tight creep-error tolerance so that the two formulations' own
      // step sequences do not enter the comparison (with the default 5e-3
      // the 3D run takes 35 steps, the axisymmetric 62, and their time
      // errors differ by ~1 %).
      stepping.creep_error_tolerance = 2e-4;
      const auto summary = disc.run(LoadProtocol::parse(protocol), stepping);
      EXPECT_TRUE(summary.completed) << summary.failure_reason;
      std::cout << "    dim " << dim << ": " << summary.steps << " steps, "
                << summary.newton_iterations << " Newton iterations\n";
      return summary.history.back();
    }

    /// Lithium held at 1.5 MPa.
    template <int dim>
    CompressionRecord
    final_state()
    {
      auto material                           = test::lithium_creep(0.);
      material.maximum_creep_strain_increment = 5e-3;
      return final_state<dim>(material, "0 : 0; 1 : 1.5e6; 10 : 1.5e6");
    }

    // A creeping disc at D/h = 5 pressed to 30 MPa with Coulomb friction.
    // The material is a harder Norton solid (reference stress 20 MPa instead
    // of lithium's 1 MPa) so that 30 MPa gives a moderate strain: lithium
    // itself would flatten to D/h > 100 at 30 MPa, far beyond what a test
    // mesh resolves.
    template <int dim>
    CompressionRecord
    hard_creep_disc_at_30_MPa()
    {
      auto material             = test::lithium_creep(0.);
      material.reference_stress = 20e6;
      return final_state<dim>(material, "0 : 0; 10 : 30e6; 60 : 30e6");
    }

    /// 3D within @p tolerance (relative) of axisymmetric on both changes;
    /// the disc spread by more than @p min_spreading [%].
    void
    expect_agreement(const CompressionRecord &axisymmetric,
                     const CompressionRecord &three_d,
                     const double             min_spreading,
                     const double             tolerance = 0.01)
    {
      std::cout << "    axisymmetric: dD/D = "
                << axisymmetric.diameter_change_pct
                << " %, -dh/h = " << axisymmetric.thickness_change_pct
                << " %; 3D: dD/D = " << three_d.diameter_change_pct
                << " %, -dh/h = " << three_d.thickness_change_pct << " %\n";
      EXPECT_GT(axisymmetric.diameter_change_pct, min_spreading);
      EXPECT_NEAR(three_d.diameter_change_pct,
                  axisymmetric.diameter_change_pct,
                  tolerance * axisymmetric.diameter_change_pct);
      EXPECT_NEAR(three_d.thickness_change_pct,
                  axisymmetric.thickness_change_pct,
                  tolerance * axisymmetric.thickness_change_pct);
    }
  } // namespace

  TEST(AxisymmetricVs3D, DiameterAndThicknessChangeAgree)
  {
    expect_agreement(final_state<2>(), final_state<3>(), 1.);
  }

  // With the nodal active-set contact the two formulations lump the contact
  // area differently at the rim: on 8 x 2 cells they are 1.0 % / 0.7 %
  // apart (5.814 / 10.365 % axisymmetric, 5.872 / 10.435 % 3D), on 16 x 2
  // cells 0.26 % / 0.21 % (5.931 / 10.493 %, 5.947 / 10.515 %): the gap
  // closes with the mesh, and it is below the mesh error itself (2 % in
  // dD/D from 8 to 16 cells). 1.5 % on the 8 x 2 mesh.
  TEST(AxisymmetricVs3D, CreepingDiscAt30MPa)
  {
    expect_agreement(hard_creep_disc_at_30_MPa<2>(),
                     hard_creep_disc_at_30_MPa<3>(),
                     3.,
                     0.015);
  }
} // namespace anodemech
