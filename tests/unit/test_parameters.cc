// Bad parameters raise a ParameterError whose message names the parameter
// and its allowed range; models are created by name from one table.

#include <anodemech/base/parameter_error.h>
#include <anodemech/materials/material_factory.h>

#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "../test_utilities.h"

namespace
{
  // Shared helpers of the parameter tests (tests/test_utilities.h).
  constexpr auto error_of = &anodemech::test::parameter_error_message;
  constexpr auto contains = &anodemech::test::contains_text;
  using namespace anodemech;



  TEST(Parameters, NegativeModulusIsRejected)
  {
    auto c           = test::lithium_elastic();
    c.youngs_modulus = -1e9;
    const auto m     = error_of([&] { HenckyElasticity model(c); });
    EXPECT_TRUE(contains(m, "Young's modulus")) << m;
    EXPECT_TRUE(contains(m, "> 0")) << m;
  }

  TEST(Parameters, IncompressiblePoissonRatioIsRejected)
  {
    for (const double nu : {0.5, 0.6, -1.})
      {
        auto c          = test::lithium_elastic();
        c.poisson_ratio = nu;
        const auto m    = error_of([&] { NeoHookeanElasticity model(c); });
        EXPECT_TRUE(contains(m, "Poisson's ratio")) << m;
        EXPECT_TRUE(contains(m, "(-1, 0.5)")) << m;
      }
  }

  TEST(Parameters, NonPositiveStressExponentIsRejected)
  {
    for (const double n : {0., -2.})
      {
        auto p            = test::lithium_creep();
        p.stress_exponent = n;
        const auto m      = error_of([&] { NortonCreep model(p); });
        EXPECT_TRUE(contains(m, "Stress exponent")) << m;
      }
  }

  TEST(Parameters, MissingValueIsNamed)
  {
    // Every physical parameter starts as NaN ("not set").
    NortonCreep::Parameters p = test::lithium_creep();
    p.creep_prefactor         = unset_parameter;
    auto m                    = error_of([&] { NortonCreep model(p); });
    EXPECT_TRUE(contains(m, "Creep prefactor")) << m;
    EXPECT_TRUE(contains(m, "not set")) << m;

    IsotropicElasticConstants c; // nothing set
    m = error_of([&] { HenckyElasticity model(c); });
    EXPECT_TRUE(contains(m, "Young's modulus")) << m;
    EXPECT_TRUE(contains(m, "not set")) << m;

    TransverselyIsotropicElasticity::Parameters t =
      test::carbon_fiber(test::vec(1., 0., 0.));
    t.axial_shear_modulus = unset_parameter;
    m = error_of([&] { TransverselyIsotropicElasticity model(t); });
    EXPECT_TRUE(contains(m, "Axial shear modulus")) << m;
  }

  TEST(Parameters, TransverselyIsotropicBounds)
  {
    auto t                = test::carbon_fiber(test::vec(1., 0., 0.));
    t.axial_poisson_ratio = 5.; // stiffness would not be positive definite
    auto m = error_of([&] { TransverselyIsotropicElasticity model(t); });
    EXPECT_TRUE(contains(m, "Axial Poisson's ratio")) << m;

    t = test::carbon_fiber(test::vec(0., 0., 0.));
    m = error_of([&] { TransverselyIsotropicElasticity model(t); });
    EXPECT_TRUE(contains(m, "Fiber direction")) << m;
  }

  TEST(Parameters, NonPositiveTemperatureIsRejected)
  {
    const NortonCreep model(test::lithium_creep());
    const auto        m = error_of([&] { model.arrhenius_factor(-5.); });
    EXPECT_TRUE(contains(m, "Temperature")) << m;
  }

  TEST(MaterialFactory, CreatesEveryModelByName)
  {
    dealii::ParameterHandler prm;
    MaterialFactory::declare_parameters(prm);
    for (const auto &name : MaterialFactory::model_names())
      {
        const auto model = MaterialFactory::create(name, prm);
        EXPECT_EQ(model->name(), name);
      }
    EXPECT_EQ(MaterialFactory::model_names().size(), 5u);
  }

  TEST(MaterialFactory, ReadsValuesFromItsSubsection)
  {
    dealii::ParameterHandler prm;
    MaterialFactory::declare_parameters(prm);
    prm.parse_input_from_string("set Model = norton creep\n"
                                "subsection Norton creep\n"
                                "  set Stress exponent = 4.5\n"
                                "  set Yield stress = 0.8e6\n"
                                "end\n");
    const auto  model = MaterialFactory::create(prm);
    const auto &p = dynamic_cast<const NortonCreep &>(*model).get_parameters();
    EXPECT_EQ(p.stress_exponent, 4.5);
    EXPECT_EQ(p.yield_stress, 0.8e6);
    EXPECT_EQ(p.elastic.youngs_modulus, 7.82e9); // literature default
  }

  TEST(MaterialFactory, BadValuesInInputNameTheEntry)
  {
    // nu = 0.5 passes the pattern but not the model's check.
    dealii::ParameterHandler prm;
    MaterialFactory::declare_parameters(prm);
    prm.parse_input_from_string("set Model = hencky\n"
                                "subsection Hencky elasticity\n"
                                "  set Poisson's ratio = 0.5\n"
                                "end\n");
    const auto m = error_of([&] { MaterialFactory::create(prm); });
    EXPECT_TRUE(contains(m, "Hencky elasticity")) << m;
    EXPECT_TRUE(contains(m, "Poisson's ratio")) << m;

    // Outside the pattern: ParameterHandler rejects it while parsing.
    dealii::ParameterHandler prm2;
    MaterialFactory::declare_parameters(prm2);
    EXPECT_ANY_THROW(prm2.parse_input_from_string(
      "subsection Norton creep\n  set Young's modulus = -3\nend\n"));
  }

  TEST(MaterialFactory, UnknownModelListsTheValidNames)
  {
    dealii::ParameterHandler prm;
    MaterialFactory::declare_parameters(prm);
    const auto m =
      error_of([&] { MaterialFactory::create("nortn creep", prm); });
    EXPECT_TRUE(contains(m, "nortn creep")) << m;
    EXPECT_TRUE(contains(m, "'norton creep'")) << m;
  }
} // namespace
