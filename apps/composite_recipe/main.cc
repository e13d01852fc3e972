// composite_recipe: phase volumes and volume fractions of the composite
// anode from its recipe (masses per disc, densities, cloth thickness), and
// the effective elastic constants of a lithium-filled carbon-fibre tow.
// All logic lives in anodemech::composite; this file prints the tables.
// The command line and exit codes are anodemech::Application's.

#include <anodemech/base/application.h>
#include <anodemech/base/parameter_error.h>
#include <anodemech/composite/micromechanics.h>
#include <anodemech/composite/recipe.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace
{
  void
  declare_parameters(dealii::ParameterHandler &prm)
  {
    prm.enter_subsection("Recipe");
    anodemech::composite::CompositeRecipe::declare_parameters(prm);
    prm.leave_subsection();
    prm.enter_subsection("Tow");
    anodemech::composite::TowConstituents::declare_parameters(prm);
    prm.leave_subsection();
  }

  /// @p value to 6 significant digits, for an input file.
  std::string
  significant(const double value)
  {
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.6g", value);
    return buffer;
  }

  /// @p value with @p decimals decimals.
  std::string
  fixed(const double value, const int decimals)
  {
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, value);
    return buffer;
  }

  /// One line "  label .... value unit", labels and values aligned.
  void
  print_row(std::ostream      &out,
            const std::string &label,
            const std::string &value,
            const std::string &unit = "")
  {
    std::string padded = "  " + label;
    padded.resize(std::max<std::size_t>(padded.size(), 36), ' ');
    const std::string number =
      std::string(value.size() < 10 ? 10 - value.size() : 0, ' ') + value;
    out << padded << number << (unit.empty() ? "" : " " + unit) << '\n';
  }

  void
  print_fractions(std::ostream                               &out,
                  const std::string                          &label,
                  const anodemech::composite::PhaseFractions &f)
  {
    std::string padded = "  " + label;
    padded.resize(20, ' ');
    out << padded << fixed(f.fibre, 4) << "   " << fixed(f.lithium, 4) << "   "
        << fixed(f.gpe, 4) << "   " << fixed(f.voids, 4) << '\n';
  }

  void
  print_results(std::ostream                                &out,
                const anodemech::composite::CompositeRecipe &recipe,
                const anodemech::composite::RecipeResult    &r,
                const anodemech::composite::TowConstituents &tow,
                const anodemech::TransverselyIsotropicElasticity::Parameters &t)
  {
    const double mm3 = 1e9, um = 1e6, GPa = 1e-9;
    out << "Composite anode from its recipe (disc diameter "
        << fixed(recipe.disc_diameter * 1e3, 2) << " mm, area "
        << fixed(r.disc_area * 1e6, 3) << " mm^2)\n\n";

    out << "Volumes per disc\n";
    print_row(out,
              "fibre (cloth incl. Al2O3)",
              fixed(r.fibre_volume * mm3, 3),
              "mm^3");
    print_row(out, "lithium", fixed(r.lithium_volume * mm3, 3), "mm^3");
    print_row(out, "GPE", fixed(r.gpe_volume * mm3, 3), "mm^3");
    print_row(out,
              "  GPE inside the cloth",
              fixed(r.gpe_volume_inside_cloth * mm3, 3),
              "mm^3");
    print_row(out,
              "  GPE in the two coatings",
              fixed(r.gpe_volume_in_coatings * mm3, 3),
              "mm^3");
    print_row(out, "cloth layer", fixed(r.cloth_volume * mm3, 3), "mm^3");
    print_row(out,
              "  its pores left by fibre and Li",
              fixed(r.cloth_pore_volume * mm3, 3),
              "mm^3");
    print_row(out, "composite", fixed(r.composite_volume * mm3, 3), "mm^3");
    out << '\n';

    out << "Thicknesses\n";
    print_row(out, "cloth layer", fixed(r.cloth_thickness * um, 1), "um");
    print_row(out,
              "GPE coating on each face",
              fixed(r.coating_thickness * um, 1),
              "um");
    print_row(out, "composite", fixed(r.composite_thickness * um, 1), "um");
    out << '\n';

    out << "Volume fractions [-]\n"
           "                    fibre    lithium  GPE      void\n";
    print_fractions(out, "whole composite", r.composite);
    print_fractions(out, "cloth layer", r.cloth_layer);
    out << '\n';

    out << "Tow: fibre fraction "
        << anodemech::format_number(tow.fibre_fraction)
        << " in a matrix of E = "
        << anodemech::format_number(tow.matrix.youngs_modulus * GPa)
        << " GPa, nu = " << anodemech::format_number(tow.matrix.poisson_ratio)
        << "\n";
    print_row(out,
              "E_L   (rule of mixtures)",
              fixed(t.axial_youngs_modulus * GPa, 3),
              "GPa");
    print_row(out,
              "E_T   (Halpin-Tsai, xi = 2)",
              fixed(t.transverse_youngs_modulus * GPa, 3),
              "GPa");
    print_row(out, "nu_LT (rule of mixtures)", fixed(t.axial_poisson_ratio, 4));
    print_row(out,
              "nu_TT (E_T / (2 G_TT) - 1)",
              fixed(t.transverse_poisson_ratio, 4));
    print_row(out,
              "G_LT  (Halpin-Tsai, xi = 1)",
              fixed(t.axial_shear_modulus * GPa, 3),
              "GPa");
    print_row(out,
              "G_TT  (Halpin-Tsai, xi = 1)",
              fixed(t.transverse_youngs_modulus /
                      (2. * (1. + t.transverse_poisson_ratio)) * GPa,
                    3),
              "GPa");
    out << "\nAs input of the transversely isotropic model:\n"
           "  subsection Transversely isotropic elasticity\n"
        << "    set Axial Young's modulus      = "
        << significant(t.axial_youngs_modulus) << '\n'
        << "    set Transverse Young's modulus = "
        << significant(t.transverse_youngs_modulus) << '\n'
        << "    set Axial Poisson's ratio      = "
        << significant(t.axial_poisson_ratio) << '\n'
        << "    set Transverse Poisson's ratio = "
        << significant(t.transverse_poisson_ratio) << '\n'
        << "    set Axial shear modulus        = "
        << significant(t.axial_shear_modulus) << '\n'
        << "  end\n";
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);

  dealii::ParameterHandler prm;
  declare_parameters(prm);

  anodemech::Application::Info info;
  info.name = "composite_recipe";
  info.purpose =
    "Turns the recipe of a composite anode disc (carbon cloth, lithium and "
    "gel\npolymer electrolyte masses per disc, densities, cloth thickness) "
    "into phase\nvolumes and volume fractions, and prints the effective "
    "elastic constants of\na carbon-fibre tow filled with lithium. Without an "
    "input file the defaults\n(the G-LiCFC recipe of Zhu et al. 2026) are "
    "used.";
  info.set_example    = "Recipe/Cloth thickness=0.3e-3";
  info.input_optional = true;

  return anodemech::Application::run(
    argc,
    argv,
    info,
    prm,
    [](dealii::ParameterHandler &parameters,
       const std::string &,
       const std::string &,
       const anodemech::Application::Options &,
       std::ostream &out,
       std::ostream &) {
      anodemech::composite::CompositeRecipe recipe;
      parameters.enter_subsection("Recipe");
      recipe.parse_parameters(parameters);
      parameters.leave_subsection();

      anodemech::composite::TowConstituents tow;
      parameters.enter_subsection("Tow");
      tow.parse_parameters(parameters);
      parameters.leave_subsection();

      const auto result = anodemech::composite::phases_from_recipe(recipe);
      const auto tow_constants =
        anodemech::composite::tow_elastic_constants(tow);
      print_results(out, recipe, result, tow, tow_constants);
      return true;
    });
}
