// The consistent spatial tangent of every model against central finite
// differences of its Kirchhoff stress, in elastic and in creeping states, at
// strains up to 50 % (requirement: relative error < 1e-6).

#include <anodemech/materials/composite_mixture.h>
#include <anodemech/materials/spectral_decomposition.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "../test_utilities.h"

namespace
{
  using namespace anodemech;

  struct Deformation
  {
    std::string          name;
    dealii::Tensor<2, 3> F;
  };

  std::vector<Deformation>
  deformations()
  {
    std::vector<Deformation> list;
    list.push_back({"identity", dealii::unit_symmetric_tensor<3>()});

    dealii::Tensor<2, 3> uniaxial; // two equal eigenvalues
    uniaxial[0][0] = uniaxial[1][1] = 1.2247;
    uniaxial[2][2]                  = 0.5;
    list.push_back({"50% compression, equal lateral stretches", uniaxial});

    dealii::Tensor<2, 3> tension;
    tension[0][0] = 1.5;
    tension[1][1] = 0.85;
    tension[2][2] = 0.8;
    list.push_back({"50% tension", tension});

    // Rotated, sheared general stretch with principal stretches 0.5..1.5.
    dealii::Tensor<2, 3> U;
    U[0][0]       = 0.5;
    U[1][1]       = 1.25;
    U[2][2]       = 1.5;
    const auto R1 = test::rotation(test::vec(1., 2., 3.), 0.4);
    const auto R2 = test::rotation(test::vec(-1., 0.5, 2.), 1.1);
    list.push_back({"general 50% strain with rotation",
                    R2 * (R1 * U * dealii::transpose(R1))});

    dealii::Tensor<2, 3> shear = dealii::unit_symmetric_tensor<3>();
    shear[0][1]                = 0.45;
    shear[2][0]                = -0.2;
    list.push_back({"simple shear", shear});
    return list;
  }

  // An isochoric creep history: C_p^{-1} = F_p^{-1} F_p^{-T}, det F_p = 1.
  MaterialState
  crept_state()
  {
    dealii::Tensor<2, 3> Fp;
    Fp[0][0]          = 0.8;
    Fp[1][1]          = 1.0;
    Fp[2][2]          = 1.25;
    const auto    R   = test::rotation(test::vec(0.3, -1., 0.2), 0.6);
    const auto    Fpr = R * Fp * dealii::transpose(R);
    const auto    Fpi = dealii::invert(Fpr);
    MaterialState s;
    s.plastic_metric_inverse = dealii::symmetrize(Fpi * dealii::transpose(Fpi));
    s.equivalent_creep_strain = 0.3;
    return s;
  }

  double
  check_tangent(const ConstitutiveModel  &model,
                const MaterialPointInput &input,
                const MaterialState      &state)
  {
    MaterialPointResult result;
    model.update(input, state, result);
    EXPECT_EQ(result.status, MaterialStatus::ok);
    const auto fd = test::finite_difference_tangent(model, input, state);
    return test::norm(fd - result.spatial_tangent) /
           test::norm(result.spatial_tangent);
  }

  TEST(ConsistentTangent, ElasticModelsMatchFiniteDifferences)
  {
    std::vector<std::unique_ptr<ConstitutiveModel>> models;
    models.push_back(
      std::make_unique<HenckyElasticity>(test::lithium_elastic()));
    models.push_back(
      std::make_unique<NeoHookeanElasticity>(test::lithium_elastic()));
    models.push_back(std::make_unique<TransverselyIsotropicElasticity>(
      test::carbon_fiber(test::vec(1., 1., 0.3))));

    for (const auto &model : models)
      for (const auto &d : deformations())
        {
          SCOPED_TRACE(model->name() + ", " + d.name);
          MaterialPointInput input;
          input.F = d.F;
          EXPECT_LT(check_tangent(*model, input, model->initial_state()), 1e-6);
        }
  }

  TEST(ConsistentTangent, TransverselyIsotropicWithPerPointDirection)
  {
    const TransverselyIsotropicElasticity model(
      test::carbon_fiber(test::vec(1., 0., 0.)));
    for (const auto &d : deformations())
      {
        SCOPED_TRACE(d.name);
        MaterialPointInput input;
        input.F                  = d.F;
        input.material_direction = test::vec(0.2, -0.6, 1.);
        EXPECT_LT(check_tangent(model, input, model.initial_state()), 1e-6);
      }
  }

  TEST(ConsistentTangent, NortonCreepCreepingStates)
  {
    for (const double sigma_y : {0., 0.8e6})
      {
        const NortonCreep model(test::lithium_creep(sigma_y));
        for (const double dt : {1e-6, 1., 1e4})
          for (const auto &d : deformations())
            for (const bool crept : {false, true})
              {
                MaterialPointInput input;
                input.F         = d.F;
                input.time_step = dt;
                const MaterialState state =
                  crept ? crept_state() : model.initial_state();
                MaterialPointResult result;
                model.update(input, state, result);
                if (result.state.equivalent_creep_strain ==
                    state.equivalent_creep_strain)
                  continue; // not creeping: covered by the elastic test below
                SCOPED_TRACE("sigma_y " + std::to_string(sigma_y) + ", dt " +
                             std::to_string(dt) + ", " + d.name +
                             (crept ? ", crept history" : ", virgin"));
                EXPECT_LT(check_tangent(model, input, state), 1e-6);
              }
      }
  }

  TEST(ConsistentTangent, NortonCreepElasticStates)
  {
    // Below the threshold (and at dt = 0) the update is elastic.
    const NortonCreep  model(test::lithium_creep(0.8e6));
    MaterialPointInput input;
    input.time_step = 100.;
    input.F         = test::rotation(test::vec(1., 1., 1.), 0.3);
    input.F[0][0] += 2e-5;
    input.F[1][2] += 3e-5;
    MaterialPointResult result;
    model.update(input, model.initial_state(), result);
    ASSERT_EQ(result.state.equivalent_creep_strain, 0.);
    EXPECT_LT(check_tangent(model, input, model.initial_state()), 1e-6);

    input.time_step = 0.;
    for (const auto &d : deformations())
      {
        SCOPED_TRACE(d.name);
        input.F = d.F;
        EXPECT_LT(check_tangent(model, input, crept_state()), 1e-6);
      }
  }

  TEST(ConsistentTangent, CreepingStatesCountTheCases)
  {
    // Guard against the creeping-state test skipping everything: at 50 %
    // strain and dt = 1 s the material must creep.
    const NortonCreep  model(test::lithium_creep(0.8e6));
    MaterialPointInput input;
    input.F         = deformations()[1].F;
    input.time_step = 1.;
    MaterialPointResult result;
    model.update(input, model.initial_state(), result);
    EXPECT_GT(result.state.equivalent_creep_strain, 0.);
  }
} // namespace

namespace
{
  // The homogenized composite: the network (axis through the thickness) in
  // parallel with creeping lithium. Its tangent must be the exact sum of
  // the parts; checked against finite differences in creeping states, and
  // its stress against the weighted sum of the two models' stresses.
  TEST(ConsistentTangent, CompositeMixtureCreepingStates)
  {
    CompositeMixture::Parameters p;
    p.network                      = test::carbon_fiber(test::vec(0., 0., 1.));
    p.network.axial_youngs_modulus = 2e9;
    p.network.transverse_youngs_modulus = 24e9;
    p.network.axial_shear_modulus       = 0.5e9;
    p.network.axial_poisson_ratio       = 0.05;
    p.lithium                           = test::lithium_creep(0.);
    p.lithium_weight                    = 0.5555;
    const CompositeMixture                mixture(p);
    const TransverselyIsotropicElasticity network(p.network);
    const NortonCreep                     lithium(p.lithium);
    for (const auto &d : deformations())
      for (const bool crept : {false, true})
        {
          SCOPED_TRACE(d.name + (crept ? ", crept history" : ", virgin"));
          MaterialPointInput input;
          input.F         = d.F;
          input.time_step = 1.;
          const MaterialState state =
            crept ? crept_state() : mixture.initial_state();
          EXPECT_LT(check_tangent(mixture, input, state), 1e-6);
          MaterialPointResult r_mixture, r_network, r_lithium;
          mixture.update(input, state, r_mixture);
          network.update(input, state, r_network);
          lithium.update(input, state, r_lithium);
          const auto expected = r_network.kirchhoff_stress +
                                p.lithium_weight * r_lithium.kirchhoff_stress;
          EXPECT_LE((r_mixture.kirchhoff_stress - expected).norm(),
                    1e-12 * expected.norm());
          EXPECT_EQ(r_mixture.state.equivalent_creep_strain,
                    r_lithium.state.equivalent_creep_strain);
        }
    // Bad input names the entry.
    p.lithium_weight = 1.5;
    EXPECT_NE(test::parameter_error_message([&] {
                CompositeMixture m(p);
              }).find("Lithium weight"),
              std::string::npos);
  }
} // namespace
