// Objectivity: a rigid rotation superposed on the deformation (F -> Q F,
// F_n -> Q F_n) rotates the Kirchhoff stress (tau -> Q tau Q^T), leaves its
// invariants unchanged and leaves the material history C_p^{-1} unchanged.

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "../test_utilities.h"

namespace
{
  using namespace anodemech;

  TEST(Objectivity, SuperposedRotationRotatesTheStress)
  {
    std::vector<std::unique_ptr<ConstitutiveModel>> models;
    models.push_back(
      std::make_unique<HenckyElasticity>(test::lithium_elastic()));
    models.push_back(
      std::make_unique<NeoHookeanElasticity>(test::lithium_elastic()));
    models.push_back(std::make_unique<TransverselyIsotropicElasticity>(
      test::carbon_fiber(test::vec(0.3, 1., 0.))));
    models.push_back(std::make_unique<NortonCreep>(test::lithium_creep(0.)));
    models.push_back(std::make_unique<NortonCreep>(test::lithium_creep(0.8e6)));

    dealii::Tensor<2, 3> F;
    F[0][0]      = 0.7;
    F[0][1]      = 0.2;
    F[1][1]      = 1.15;
    F[1][2]      = -0.1;
    F[2][0]      = 0.05;
    F[2][2]      = 1.2;
    const auto Q = test::rotation(test::vec(2., -1., 0.7), 2.3);

    for (const auto &model : models)
      for (const double dt : {0., 1e-3, 10.})
        {
          SCOPED_TRACE(model->name() + ", dt " + std::to_string(dt));
          MaterialPointInput input;
          input.F         = F;
          input.F_old     = dealii::unit_symmetric_tensor<3>();
          input.time_step = dt;
          MaterialPointResult r0, r1;
          model->update(input, model->initial_state(), r0);
          input.F     = Q * F;
          input.F_old = Q * input.F_old;
          model->update(input, model->initial_state(), r1);
          ASSERT_EQ(r0.status, MaterialStatus::ok);
          ASSERT_EQ(r1.status, MaterialStatus::ok);

          const dealii::Tensor<2, 3> rotated =
            Q * dealii::Tensor<2, 3>(r0.kirchhoff_stress) *
            dealii::transpose(Q);
          const double scale = r0.kirchhoff_stress.norm();
          EXPECT_LT(
            (dealii::Tensor<2, 3>(r1.kirchhoff_stress) - rotated).norm(),
            1e-12 * scale);
          EXPECT_NEAR(dealii::first_invariant(r1.kirchhoff_stress),
                      dealii::first_invariant(r0.kirchhoff_stress),
                      1e-12 * scale);
          EXPECT_NEAR(dealii::second_invariant(r1.kirchhoff_stress),
                      dealii::second_invariant(r0.kirchhoff_stress),
                      1e-12 * scale * scale);
          EXPECT_NEAR(dealii::third_invariant(r1.kirchhoff_stress),
                      dealii::third_invariant(r0.kirchhoff_stress),
                      1e-12 * scale * scale * scale);
          EXPECT_LT((r1.state.plastic_metric_inverse -
                     r0.state.plastic_metric_inverse)
                      .norm(),
                    1e-12);
          EXPECT_DOUBLE_EQ(r1.state.equivalent_creep_strain,
                           r0.state.equivalent_creep_strain);
        }
  }
} // namespace
