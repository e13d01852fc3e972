// The composite anode's recipe (masses per disc) gives the phase volumes and
// fractions computed by hand; invalid recipes raise a ParameterError that
// names the cause. The tow micromechanics reduces to matrix and fibre at
// the ends and stays between the Reuss and Voigt bounds.

#include <anodemech/base/parameter_error.h>
#include <anodemech/composite/micromechanics.h>
#include <anodemech/composite/recipe.h>

#include <deal.II/base/numbers.h>
#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "../test_utilities.h"

namespace
{
  constexpr auto error_of = &anodemech::test::parameter_error_message;
  constexpr auto contains = &anodemech::test::contains_text;
  using namespace anodemech;
  using namespace anodemech::composite;

  // |a - b| <= tol |b|.
  ::testing::AssertionResult
  near_relative(const double a, const double b, const double tol)
  {
    if (std::abs(a - b) <= tol * std::abs(b))
      return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << a << " differs from " << b << " by more than " << tol
           << " relative";
  }

  constexpr double tight = 1e-12;



  TEST(CompositeRecipe, GpeDensityFromItsComposition)
  {
    // PVDF-HFP : LiTFSI : EMITFSI = 5:5:7 by mass:
    //   1/rho = (5/17)/1780 + (5/17)/1330 + (7/17)/1520
    //         = 1.652346e-4 + 2.211411e-4 + 2.708978e-4
    //         = 6.572735e-4 m^3/kg  ->  rho = 1521.437 kg/m^3,
    // the default 1521.4 kg/m^3 to five digits.
    const double rho = mixture_density({5., 5., 7.}, {1780., 1330., 1520.});
    EXPECT_TRUE(near_relative(rho,
                              1. / (5. / 17. / 1780. + 5. / 17. / 1330. +
                                    7. / 17. / 1520.),
                              tight));
    EXPECT_NEAR(rho, 1521.437, 1e-3);
    EXPECT_NEAR(rho, CompositeRecipe::zhu2026_g_licfc().gpe_density, 0.05);
    // A pure substance keeps its density.
    EXPECT_DOUBLE_EQ(mixture_density({3.}, {534.}), 534.);

    auto m = error_of([] { mixture_density({1., 1.}, {1000.}); });
    EXPECT_TRUE(contains(m, "as many mass parts")) << m;
    m = error_of([] { mixture_density({1., 1.}, {1000., -5.}); });
    EXPECT_TRUE(contains(m, "Density 2")) << m;
  }



  TEST(CompositeRecipe, PaperRecipeMatchesHandComputation)
  {
    // Hand computation for the G-LiCFC recipe (Zhu et al. 2026), 15 mm disc:
    //   A        = pi (7.5 mm)^2                  = 176.7146 mm^2
    //   V_fibre  = 21.6 mg / 1.780 mg/mm^3        =  12.1348 mm^3
    //   V_Li     = 17.3 mg / 0.534 mg/mm^3        =  32.3970 mm^3
    //   V_GPE    = 27.8 mg / 1.5214 mg/mm^3       =  18.2726 mm^3
    //   V_cloth  = A x 0.33 mm                    =  58.3158 mm^3
    //   V_pore   = 58.3158 - 12.1348 - 32.3970    =  13.7840 mm^3
    //   h_coat   = 18.2726 / (2 x 176.7146)       =   0.051701 mm
    //   H        = 0.33 + 2 x 0.051701            =   0.433402 mm
    //   V        = A H = 58.3158 + 18.2726        =  76.5884 mm^3
    // Cloth layer: fibre 12.1348/58.3158 = 0.208088, lithium
    //   32.3970/58.3158 = 0.555544, GPE 0, void 13.7840/58.3158 = 0.236368.
    // Whole composite: fibre 12.1348/76.5884 = 0.158442, lithium 0.423001,
    //   GPE 18.2726/76.5884 = 0.238582, void 13.7840/76.5884 = 0.179975.
    const CompositeRecipe recipe = CompositeRecipe::zhu2026_g_licfc();
    const RecipeResult    r      = phases_from_recipe(recipe);

    const double A       = dealii::numbers::PI * 15e-3 * 15e-3 / 4.;
    const double V_fibre = 21.6e-6 / 1780.;
    const double V_li    = 17.3e-6 / 534.;
    const double V_gpe   = 27.8e-6 / 1521.4;
    const double V_cloth = A * 0.33e-3;
    const double V_pore  = V_cloth - V_fibre - V_li;
    const double h_coat  = V_gpe / (2. * A);
    const double V       = V_cloth + V_gpe;

    EXPECT_TRUE(near_relative(r.disc_area, A, tight));
    EXPECT_TRUE(near_relative(r.fibre_volume, V_fibre, tight));
    EXPECT_TRUE(near_relative(r.lithium_volume, V_li, tight));
    EXPECT_TRUE(near_relative(r.gpe_volume, V_gpe, tight));
    EXPECT_TRUE(near_relative(r.gpe_volume_in_coatings, V_gpe, tight));
    EXPECT_EQ(r.gpe_volume_inside_cloth, 0.);
    EXPECT_TRUE(near_relative(r.cloth_volume, V_cloth, tight));
    EXPECT_TRUE(near_relative(r.cloth_pore_volume, V_pore, tight));
    EXPECT_TRUE(near_relative(r.coating_thickness, h_coat, tight));
    EXPECT_TRUE(
      near_relative(r.composite_thickness, 0.33e-3 + 2. * h_coat, tight));
    EXPECT_TRUE(near_relative(r.composite_volume, V, tight));
    EXPECT_TRUE(near_relative(r.composite_volume,
                              r.disc_area * r.composite_thickness,
                              tight));

    EXPECT_TRUE(near_relative(r.cloth_layer.fibre, V_fibre / V_cloth, tight));
    EXPECT_TRUE(near_relative(r.cloth_layer.lithium, V_li / V_cloth, tight));
    EXPECT_EQ(r.cloth_layer.gpe, 0.);
    EXPECT_TRUE(near_relative(r.cloth_layer.voids, V_pore / V_cloth, tight));
    EXPECT_TRUE(near_relative(r.composite.fibre, V_fibre / V, tight));
    EXPECT_TRUE(near_relative(r.composite.lithium, V_li / V, tight));
    EXPECT_TRUE(near_relative(r.composite.gpe, V_gpe / V, tight));
    EXPECT_TRUE(near_relative(r.composite.voids, V_pore / V, tight));

    // The rounded numbers of the hand computation above.
    EXPECT_NEAR(r.disc_area * 1e6, 176.7146, 1e-4);
    EXPECT_NEAR(r.fibre_volume * 1e9, 12.1348, 1e-4);
    EXPECT_NEAR(r.lithium_volume * 1e9, 32.3970, 1e-4);
    EXPECT_NEAR(r.gpe_volume * 1e9, 18.2726, 1e-4);
    EXPECT_NEAR(r.cloth_volume * 1e9, 58.3158, 1e-4);
    EXPECT_NEAR(r.cloth_pore_volume * 1e9, 13.7840, 1e-4);
    EXPECT_NEAR(r.coating_thickness * 1e3, 0.051701, 1e-6);
    EXPECT_NEAR(r.composite_thickness * 1e3, 0.433402, 1e-6);
    EXPECT_NEAR(r.cloth_layer.fibre, 0.208088, 1e-6);
    EXPECT_NEAR(r.cloth_layer.lithium, 0.555544, 1e-6);
    EXPECT_NEAR(r.cloth_layer.voids, 0.236368, 1e-6);
    EXPECT_NEAR(r.composite.fibre, 0.158442, 1e-6);
    EXPECT_NEAR(r.composite.lithium, 0.423001, 1e-6);
    EXPECT_NEAR(r.composite.gpe, 0.238582, 1e-6);
    EXPECT_NEAR(r.composite.voids, 0.179975, 1e-6);

    // The cloth's areal mass agrees with the WOS1009 data sheet (~120 g/m^2).
    EXPECT_NEAR(recipe.cloth_mass / r.disc_area * 1e3, 122.2, 0.1);
  }



  TEST(CompositeRecipe, FractionsSumToOne)
  {
    for (const double f : {0., 0.25, 0.5, 0.75})
      {
        CompositeRecipe recipe     = CompositeRecipe::zhu2026_g_licfc();
        recipe.gpe_fraction_inside = f;
        const RecipeResult r       = phases_from_recipe(recipe);
        for (const PhaseFractions &p : {r.composite, r.cloth_layer})
          {
            EXPECT_NEAR(p.fibre + p.lithium + p.gpe + p.voids, 1., 1e-14);
            for (const double x : {p.fibre, p.lithium, p.gpe, p.voids})
              {
                EXPECT_GE(x, 0.);
                EXPECT_LE(x, 1.);
              }
          }
      }
  }



  TEST(CompositeRecipe, GpeInsideMovesVolumeFromCoatingToPores)
  {
    const RecipeResult dry =
      phases_from_recipe(CompositeRecipe::zhu2026_g_licfc());
    CompositeRecipe recipe     = CompositeRecipe::zhu2026_g_licfc();
    recipe.gpe_fraction_inside = 0.5;
    const RecipeResult wet     = phases_from_recipe(recipe);

    // Half the GPE (9.1363 mm^3) goes into the pores (13.7840 mm^3): the
    // coating halves, the cloth layer is unchanged.
    const double inside = 0.5 * dry.gpe_volume;
    EXPECT_TRUE(near_relative(wet.gpe_volume_inside_cloth, inside, tight));
    EXPECT_TRUE(near_relative(wet.gpe_volume_in_coatings, inside, tight));
    EXPECT_TRUE(
      near_relative(wet.coating_thickness, 0.5 * dry.coating_thickness, tight));
    EXPECT_TRUE(near_relative(wet.cloth_volume, dry.cloth_volume, tight));
    EXPECT_TRUE(near_relative(wet.composite_volume,
                              dry.composite_volume - inside,
                              tight));
    EXPECT_TRUE(
      near_relative(wet.cloth_layer.gpe, inside / dry.cloth_volume, tight));
    EXPECT_TRUE(
      near_relative(wet.cloth_layer.voids,
                    (dry.cloth_pore_volume - inside) / dry.cloth_volume,
                    tight));
    EXPECT_EQ(wet.cloth_layer.fibre, dry.cloth_layer.fibre);
    EXPECT_EQ(wet.cloth_layer.lithium, dry.cloth_layer.lithium);
    // The whole composite is thinner and has less void.
    EXPECT_LT(wet.composite.voids, dry.composite.voids);
    EXPECT_GT(wet.composite.fibre, dry.composite.fibre);

    // Up to the pore volume the GPE fits: 13.7840 / 18.2726 = 0.754351.
    recipe.gpe_fraction_inside = dry.cloth_pore_volume / dry.gpe_volume;
    const RecipeResult full    = phases_from_recipe(recipe);
    EXPECT_NEAR(full.cloth_layer.voids, 0., 1e-14);
    EXPECT_NEAR(recipe.gpe_fraction_inside, 0.754351, 1e-6);
  }



  TEST(CompositeRecipe, InvalidEntriesAreNamed)
  {
    struct Case
    {
      double CompositeRecipe::*member;
      const char              *name;
      const char              *unit;
    };
    const Case cases[] = {
      {&CompositeRecipe::disc_diameter, "Disc diameter", " m"},
      {&CompositeRecipe::cloth_mass, "Cloth mass", "kg"},
      {&CompositeRecipe::lithium_mass, "Lithium mass", "kg"},
      {&CompositeRecipe::gpe_mass, "GPE mass", "kg"},
      {&CompositeRecipe::fibre_density, "Fibre density", "kg/m^3"},
      {&CompositeRecipe::lithium_density, "Lithium density", "kg/m^3"},
      {&CompositeRecipe::gpe_density, "GPE density", "kg/m^3"},
      {&CompositeRecipe::cloth_thickness, "Cloth thickness", " m"}};
    for (const Case &c : cases)
      for (const double bad :
           {0., -1., std::numeric_limits<double>::quiet_NaN()})
        {
          CompositeRecipe recipe = CompositeRecipe::zhu2026_g_licfc();
          recipe.*c.member       = bad;
          const auto m = error_of([&] { phases_from_recipe(recipe); });
          EXPECT_TRUE(contains(m, c.name)) << m;
          EXPECT_TRUE(contains(m, c.unit)) << m;
          EXPECT_TRUE(contains(m, std::isnan(bad) ? "not set" : "> 0")) << m;
        }

    for (const double bad : {-0.1, 1.5})
      {
        CompositeRecipe recipe     = CompositeRecipe::zhu2026_g_licfc();
        recipe.gpe_fraction_inside = bad;
        const auto m = error_of([&] { phases_from_recipe(recipe); });
        EXPECT_TRUE(contains(m, "GPE fraction inside the cloth")) << m;
        EXPECT_TRUE(contains(m, "[0, 1]")) << m;
      }
  }



  TEST(CompositeRecipe, ClothTooThinIsRejected)
  {
    // Fibre and lithium take 44.5318 mm^3, i.e. 0.2519986 mm of the disc's
    // 176.7146 mm^2; a 0.2 mm cloth (35.3 mm^3) cannot hold them.
    CompositeRecipe recipe = CompositeRecipe::zhu2026_g_licfc();
    recipe.cloth_thickness = 0.2e-3;
    const auto m           = error_of([&] { phases_from_recipe(recipe); });
    EXPECT_TRUE(contains(m, "fibre (12.1348 mm^3)")) << m;
    EXPECT_TRUE(contains(m, "lithium (32.397 mm^3)")) << m;
    EXPECT_TRUE(contains(m, "cloth volume (35.3429 mm^3")) << m;
    EXPECT_TRUE(contains(m, "cloth thickness 0.2 mm is too small")) << m;
    EXPECT_TRUE(contains(m, "must exceed 0.251999 mm")) << m;
  }



  TEST(CompositeRecipe, TooMuchGpeInsideIsRejected)
  {
    CompositeRecipe recipe     = CompositeRecipe::zhu2026_g_licfc();
    recipe.gpe_fraction_inside = 0.9; // 16.4454 mm^3 > 13.7840 mm^3
    const auto m               = error_of([&] { phases_from_recipe(recipe); });
    EXPECT_TRUE(contains(m, "GPE fraction inside the cloth")) << m;
    EXPECT_TRUE(contains(m, "16.4454 mm^3")) << m;
    EXPECT_TRUE(contains(m, "13.784 mm^3")) << m;
    EXPECT_TRUE(contains(m, "at most 0.7543.")) << m;
  }



  TEST(CompositeRecipe, FractionsAreValidated)
  {
    const PhaseFractions ok = make_phase_fractions(0.2, 0.5, 0.1, "test");
    EXPECT_NEAR(ok.voids, 0.2, 1e-15);

    auto m = error_of([] { make_phase_fractions(-0.1, 0.5, 0.1, "tow"); });
    EXPECT_TRUE(contains(m, "fibre volume fraction of the tow")) << m;
    EXPECT_TRUE(contains(m, "[0, 1]")) << m;
    m = error_of([] { make_phase_fractions(0.1, 1.2, 0.1, "tow"); });
    EXPECT_TRUE(contains(m, "lithium volume fraction")) << m;
    m = error_of(
      [] { make_phase_fractions(0.1, 0.1, std::nan(""), "cloth layer"); });
    EXPECT_TRUE(contains(m, "GPE volume fraction of the cloth layer")) << m;
    EXPECT_TRUE(contains(m, "not set")) << m;
    m = error_of([] { make_phase_fractions(0.4, 0.4, 0.3, "cloth layer"); });
    EXPECT_TRUE(contains(m, "sum to 1.1")) << m;
    EXPECT_TRUE(contains(m, "cloth layer")) << m;
  }



  TEST(CompositeRecipe, ParametersRoundTrip)
  {
    dealii::ParameterHandler prm;
    prm.enter_subsection("Recipe");
    CompositeRecipe::declare_parameters(prm);
    prm.leave_subsection();
    prm.parse_input_from_string("subsection Recipe\n"
                                "  set Cloth thickness = 0.4e-3\n"
                                "  set GPE fraction inside the cloth = 0.25\n"
                                "end\n");
    CompositeRecipe recipe;
    prm.enter_subsection("Recipe");
    recipe.parse_parameters(prm);
    prm.leave_subsection();
    const CompositeRecipe d = CompositeRecipe::zhu2026_g_licfc();
    EXPECT_EQ(recipe.cloth_thickness, 0.4e-3);
    EXPECT_EQ(recipe.gpe_fraction_inside, 0.25);
    EXPECT_EQ(recipe.disc_diameter, d.disc_diameter);
    EXPECT_EQ(recipe.cloth_mass, d.cloth_mass);
    EXPECT_EQ(recipe.lithium_mass, d.lithium_mass);
    EXPECT_EQ(recipe.gpe_mass, d.gpe_mass);
    EXPECT_EQ(recipe.fibre_density, d.fibre_density);
    EXPECT_EQ(recipe.lithium_density, d.lithium_density);
    EXPECT_EQ(recipe.gpe_density, d.gpe_density);
  }



  // ----------------------------- tow micromechanics

  TEST(TowMicromechanics, NoFibreGivesTheMatrix)
  {
    TowConstituents tow = TowConstituents::carbon_fibre_in_lithium();
    tow.fibre_fraction  = 0.;
    const auto   t      = tow_elastic_constants(tow);
    const double Em     = 7.82e9;
    const double nu     = 0.381;
    EXPECT_TRUE(near_relative(t.axial_youngs_modulus, Em, tight));
    EXPECT_TRUE(near_relative(t.transverse_youngs_modulus, Em, tight));
    EXPECT_TRUE(near_relative(t.axial_poisson_ratio, nu, tight));
    EXPECT_TRUE(near_relative(t.transverse_poisson_ratio, nu, 1e-12));
    EXPECT_TRUE(
      near_relative(t.axial_shear_modulus, Em / (2. * (1. + nu)), tight));
  }



  TEST(TowMicromechanics, AllFibreGivesTheFibre)
  {
    TowConstituents tow = TowConstituents::carbon_fibre_in_lithium();
    tow.fibre_fraction  = 1. - 1e-13; // V_f = 1 itself is not a tow
    const auto &f       = tow.fibre;
    const auto  t       = tow_elastic_constants(tow);
    EXPECT_TRUE(near_relative(t.axial_youngs_modulus, 230e9, 1e-11));
    EXPECT_TRUE(near_relative(t.transverse_youngs_modulus, 15e9, 1e-11));
    EXPECT_TRUE(near_relative(t.axial_poisson_ratio, 0.2, 1e-11));
    EXPECT_TRUE(near_relative(t.transverse_poisson_ratio, 0.07, 1e-10));
    EXPECT_TRUE(near_relative(t.axial_shear_modulus, 15e9, 1e-11));
    EXPECT_EQ(t.fiber_direction, f.fiber_direction);
    // halpin_tsai() itself is exact at V_f = 1.
    EXPECT_TRUE(near_relative(halpin_tsai(15e9, 7.82e9, 1., 2.), 15e9, tight));
  }



  TEST(TowMicromechanics, DefaultTowMatchesHandComputation)
  {
    // V_f = 0.6, lithium matrix (E_m 7.82 GPa, nu_m 0.381,
    // G_m = 7.82 / 2.762 = 2.831282 GPa):
    //   E_L   = 0.6 x 230 + 0.4 x 7.82                 = 141.128 GPa
    //   nu_LT = 0.6 x 0.2 + 0.4 x 0.381                = 0.2724
    //   E_T:  r = 15/7.82 = 1.918159, eta = 0.918159/3.918159 = 0.234334,
    //         E_T = 7.82 x 1.281201/0.859399           = 11.658132 GPa
    //   G_LT: r = 15/2.831282 = 5.297954, eta = 4.297954/6.297954
    //         = 0.682437, G_LT = 2.831282 x 1.409462/0.590538
    //                                                  = 6.757538 GPa
    //   G_TT: G_TT,f = 15/2.14 = 7.009346, r = 2.475679,
    //         eta = 1.475679/3.475679 = 0.424573,
    //         G_TT = 2.831282 x 1.254744/0.745256      = 4.766861 GPa
    //   nu_TT = 11.658132 / (2 x 4.766861) - 1         = 0.222831
    TowConstituents tow = TowConstituents::carbon_fibre_in_lithium();
    const auto      t   = tow_elastic_constants(tow);
    EXPECT_TRUE(
      near_relative(t.axial_youngs_modulus, 0.6 * 230e9 + 0.4 * 7.82e9, tight));
    EXPECT_TRUE(
      near_relative(t.axial_poisson_ratio, 0.6 * 0.2 + 0.4 * 0.381, tight));
    EXPECT_NEAR(t.axial_youngs_modulus * 1e-9, 141.128, 1e-9);
    EXPECT_NEAR(t.transverse_youngs_modulus * 1e-9, 11.658132, 2e-6);
    EXPECT_NEAR(t.axial_shear_modulus * 1e-9, 6.757538, 2e-6);
    EXPECT_NEAR(t.transverse_poisson_ratio, 0.222831, 2e-6);
  }



  TEST(TowMicromechanics, RuleOfMixturesAndBounds)
  {
    const TowConstituents base = TowConstituents::carbon_fibre_in_lithium();
    const double          Ef = 15e9, Em = 7.82e9;
    for (unsigned int i = 0; i <= 99; ++i)
      {
        TowConstituents tow = base;
        tow.fibre_fraction  = i / 100.;
        const double V      = tow.fibre_fraction;
        const auto   t      = tow_elastic_constants(tow);
        // E_L exactly by the rule of mixtures.
        EXPECT_TRUE(near_relative(t.axial_youngs_modulus,
                                  V * 230e9 + (1. - V) * Em,
                                  tight));
        // E_T between the Reuss (series) and Voigt (parallel) values.
        const double reuss = 1. / (V / Ef + (1. - V) / Em);
        const double voigt = V * Ef + (1. - V) * Em;
        EXPECT_GE(t.transverse_youngs_modulus, reuss * (1. - 1e-14)) << V;
        EXPECT_LE(t.transverse_youngs_modulus, voigt * (1. + 1e-14)) << V;
        // A valid, positive definite transversely isotropic set.
        EXPECT_NO_THROW(t.validate()) << V;
        EXPECT_NO_THROW(TransverselyIsotropicElasticity model(t)) << V;
      }
  }



  TEST(TowMicromechanics, InvalidInputIsNamed)
  {
    for (const double bad : {-0.1, 1., 1.5})
      {
        TowConstituents tow = TowConstituents::carbon_fibre_in_lithium();
        tow.fibre_fraction  = bad;
        const auto m        = error_of([&] { tow_elastic_constants(tow); });
        EXPECT_TRUE(contains(m, "Fibre fraction inside a tow")) << m;
        EXPECT_TRUE(contains(m, "[0, 1)")) << m;
      }
    TowConstituents tow      = TowConstituents::carbon_fibre_in_lithium();
    tow.matrix.poisson_ratio = 0.5;
    auto m                   = error_of([&] { tow_elastic_constants(tow); });
    EXPECT_TRUE(contains(m, "Matrix")) << m;
    EXPECT_TRUE(contains(m, "Poisson's ratio")) << m;
    tow                            = TowConstituents::carbon_fibre_in_lithium();
    tow.fibre.axial_youngs_modulus = -1.;
    m = error_of([&] { tow_elastic_constants(tow); });
    EXPECT_TRUE(contains(m, "Fibre")) << m;
    EXPECT_TRUE(contains(m, "Axial Young's modulus")) << m;
  }



  TEST(TowMicromechanics, ParametersRoundTrip)
  {
    dealii::ParameterHandler prm;
    prm.enter_subsection("Tow");
    TowConstituents::declare_parameters(prm);
    prm.leave_subsection();
    prm.parse_input_from_string("subsection Tow\n"
                                "  set Fibre fraction inside a tow = 0.5\n"
                                "  subsection Matrix\n"
                                "    set Young's modulus = 5e9\n"
                                "  end\n"
                                "end\n");
    TowConstituents tow;
    prm.enter_subsection("Tow");
    tow.parse_parameters(prm);
    prm.leave_subsection();
    const TowConstituents d = TowConstituents::carbon_fibre_in_lithium();
    EXPECT_EQ(tow.fibre_fraction, 0.5);
    EXPECT_EQ(tow.matrix.youngs_modulus, 5e9);
    EXPECT_EQ(tow.matrix.poisson_ratio, d.matrix.poisson_ratio);
    EXPECT_EQ(tow.fibre.axial_youngs_modulus, d.fibre.axial_youngs_modulus);
    EXPECT_EQ(tow.fibre.transverse_youngs_modulus,
              d.fibre.transverse_youngs_modulus);
    EXPECT_EQ(tow.fibre.axial_poisson_ratio, d.fibre.axial_poisson_ratio);
    EXPECT_EQ(tow.fibre.transverse_poisson_ratio,
              d.fibre.transverse_poisson_ratio);
    EXPECT_EQ(tow.fibre.axial_shear_modulus, d.fibre.axial_shear_modulus);
    EXPECT_EQ(tow.fibre.fiber_direction, d.fibre.fiber_direction);
  }
} // namespace
