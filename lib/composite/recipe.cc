#include <anodemech/composite/recipe.h>

#include <deal.II/base/numbers.h>
#include <deal.II/base/parameter_handler.h>

#include <algorithm>
#include <cmath>

namespace anodemech
{
  namespace composite
  {
    namespace
    {
      // Allowed excess of a sum of fractions over 1 (round-off).
      constexpr double fraction_tolerance = 1e-12;

      // A volume [m^3] as text in mm^3.
      std::string
      mm3(const double volume)
      {
        return format_number(std::round(volume * 1e9 * 1e4) / 1e4) + " mm^3";
      }

      // A length [m] as text in mm, to 1e-6 mm.
      std::string
      mm(const double length)
      {
        return format_number(std::round(length * 1e3 * 1e6) / 1e6) + " mm";
      }

      // A lower bound [m] as text in mm, rounded up to 1e-6 mm so that the
      // number printed satisfies the bound.
      std::string
      mm_rounded_up(const double length)
      {
        return format_number(std::ceil(length * 1e3 * 1e6) / 1e6) + " mm";
      }

      void
      check_fraction(const std::string &name,
                     const double       value,
                     const std::string &context)
      {
        if (std::isnan(value))
          throw ParameterError("The " + name + " volume fraction of the " +
                               context + " is not set; it must be in [0, 1].");
        if (!(value >= 0. && value <= 1.))
          throw ParameterError("The " + name + " volume fraction of the " +
                               context + " is " + format_number(value) +
                               "; it must be in [0, 1].");
      }
    } // namespace



    PhaseFractions
    make_phase_fractions(const double       fibre,
                         const double       lithium,
                         const double       gpe,
                         const std::string &context)
    {
      check_fraction("fibre", fibre, context);
      check_fraction("lithium", lithium, context);
      check_fraction("GPE", gpe, context);
      const double sum = fibre + lithium + gpe;
      if (sum > 1. + fraction_tolerance)
        throw ParameterError(
          "The fibre (" + format_number(fibre) + "), lithium (" +
          format_number(lithium) + ") and GPE (" + format_number(gpe) +
          ") volume fractions of the " + context + " sum to " +
          format_number(sum) + ", more than 1.");
      PhaseFractions f;
      f.fibre   = fibre;
      f.lithium = lithium;
      f.gpe     = gpe;
      f.voids   = std::max(0., 1. - sum);
      return f;
    }



    double
    mixture_density(const std::vector<double> &mass_parts,
                    const std::vector<double> &densities)
    {
      if (mass_parts.empty() || mass_parts.size() != densities.size())
        throw ParameterError(
          "A mixture density needs as many mass parts (" +
          std::to_string(mass_parts.size()) + ") as densities (" +
          std::to_string(densities.size()) + "), at least one.");
      double total_mass = 0.;
      for (unsigned int i = 0; i < mass_parts.size(); ++i)
        {
          checks::non_negative("Mass part " + std::to_string(i + 1),
                               mass_parts[i],
                               "");
          checks::positive("Density " + std::to_string(i + 1),
                           densities[i],
                           "kg/m^3");
          total_mass += mass_parts[i];
        }
      if (!(total_mass > 0.))
        throw ParameterError("The mass parts of a mixture sum to zero.");
      double specific_volume = 0.; // [m^3/kg]
      for (unsigned int i = 0; i < mass_parts.size(); ++i)
        specific_volume += mass_parts[i] / total_mass / densities[i];
      return 1. / specific_volume;
    }



    CompositeRecipe
    CompositeRecipe::zhu2026_g_licfc()
    {
      CompositeRecipe r;
      r.disc_diameter   = 15e-3;   // m, the paper
      r.cloth_mass      = 21.6e-6; // kg, the paper
      r.lithium_mass    = 17.3e-6; // kg, the paper
      r.gpe_mass        = 27.8e-6; // kg, the paper
      r.fibre_density   = 1780.;   // kg/m^3, PAN-based carbon fibre
      r.lithium_density = 534.;    // kg/m^3, the paper
      // PVDF-HFP : LiTFSI : EMITFSI = 5:5:7 by mass, densities 1780, 1330
      // and 1520 kg/m^3, by the inverse rule of mixtures:
      //   1/rho = (5/17)/1780 + (5/17)/1330 + (7/17)/1520
      //         = 1.65235e-4 + 2.21141e-4 + 2.70898e-4 = 6.57274e-4 m^3/kg,
      //   rho   = 1521.44 kg/m^3.
      r.gpe_density = 1521.4;
      // WOS1009 data sheet; areal mass 21.6 mg / 1.767 cm^2 = 122 g/m^2
      // matches its ~120 g/m^2.
      r.cloth_thickness     = 0.33e-3; // m
      r.gpe_fraction_inside = 0.;
      return r;
    }



    void
    CompositeRecipe::declare_parameters(dealii::ParameterHandler &prm)
    {
      const CompositeRecipe d = zhu2026_g_licfc();
      prm.declare_entry("Disc diameter",
                        format_number(d.disc_diameter),
                        dealii::Patterns::Double(0.),
                        "Diameter of the disc the masses refer to [m]. Must "
                        "be > 0.");
      prm.declare_entry("Cloth mass",
                        format_number(d.cloth_mass),
                        dealii::Patterns::Double(0.),
                        "Mass of the carbon cloth per disc, its Al2O3 coating "
                        "included (counted as fibre) [kg]. Must be > 0.");
      prm.declare_entry("Lithium mass",
                        format_number(d.lithium_mass),
                        dealii::Patterns::Double(0.),
                        "Mass of lithium infused into the cloth per disc "
                        "[kg]. Must be > 0.");
      prm.declare_entry("GPE mass",
                        format_number(d.gpe_mass),
                        dealii::Patterns::Double(0.),
                        "Mass of gel polymer electrolyte (GPE) per disc [kg]. "
                        "Must be > 0.");
      prm.declare_entry("Fibre density",
                        format_number(d.fibre_density),
                        dealii::Patterns::Double(0.),
                        "Density of the carbon fibre [kg/m^3]. Must be > 0. "
                        "Default: PAN-based fibre (T300 1760, range "
                        "1760-1800).");
      prm.declare_entry("Lithium density",
                        format_number(d.lithium_density),
                        dealii::Patterns::Double(0.),
                        "Density of lithium [kg/m^3]. Must be > 0.");
      prm.declare_entry("GPE density",
                        format_number(d.gpe_density),
                        dealii::Patterns::Double(0.),
                        "Density of the gel polymer electrolyte [kg/m^3]. "
                        "Must be > 0. Default: PVDF-HFP : LiTFSI : EMITFSI = "
                        "5:5:7 by mass (1780, 1330, 1520 kg/m^3), inverse "
                        "rule of mixtures.");
      prm.declare_entry("Cloth thickness",
                        format_number(d.cloth_thickness),
                        dealii::Patterns::Double(0.),
                        "Thickness of the carbon cloth, kept when lithium is "
                        "infused [m]. Must be > 0 and leave room for fibre "
                        "and lithium. Default: WOS1009 data sheet.");
      prm.declare_entry(
        "GPE fraction inside the cloth",
        format_number(d.gpe_fraction_inside),
        dealii::Patterns::Double(0., 1.),
        "Fraction of the GPE volume that fills pores of the cloth; the rest "
        "is a dense coating of equal thickness on both faces [-]. Must lie "
        "in [0, 1] and fit into the pores fibre and lithium leave.");
    }



    void
    CompositeRecipe::parse_parameters(const dealii::ParameterHandler &prm)
    {
      disc_diameter       = prm.get_double("Disc diameter");
      cloth_mass          = prm.get_double("Cloth mass");
      lithium_mass        = prm.get_double("Lithium mass");
      gpe_mass            = prm.get_double("GPE mass");
      fibre_density       = prm.get_double("Fibre density");
      lithium_density     = prm.get_double("Lithium density");
      gpe_density         = prm.get_double("GPE density");
      cloth_thickness     = prm.get_double("Cloth thickness");
      gpe_fraction_inside = prm.get_double("GPE fraction inside the cloth");
      validate();
    }



    void
    CompositeRecipe::validate() const
    {
      checks::positive("Disc diameter", disc_diameter, "m");
      checks::positive("Cloth mass", cloth_mass, "kg");
      checks::positive("Lithium mass", lithium_mass, "kg");
      checks::positive("GPE mass", gpe_mass, "kg");
      checks::positive("Fibre density", fibre_density, "kg/m^3");
      checks::positive("Lithium density", lithium_density, "kg/m^3");
      checks::positive("GPE density", gpe_density, "kg/m^3");
      checks::positive("Cloth thickness", cloth_thickness, "m");
      checks::in_range("GPE fraction inside the cloth",
                       gpe_fraction_inside,
                       0.,
                       true,
                       1.,
                       true,
                       "");
    }



    RecipeResult
    phases_from_recipe(const CompositeRecipe &recipe)
    {
      recipe.validate();
      RecipeResult r;
      r.disc_area =
        dealii::numbers::PI * recipe.disc_diameter * recipe.disc_diameter / 4.;
      r.fibre_volume    = recipe.cloth_mass / recipe.fibre_density;
      r.lithium_volume  = recipe.lithium_mass / recipe.lithium_density;
      r.gpe_volume      = recipe.gpe_mass / recipe.gpe_density;
      r.cloth_thickness = recipe.cloth_thickness;
      r.cloth_volume    = r.disc_area * recipe.cloth_thickness;

      const double solid = r.fibre_volume + r.lithium_volume;
      if (solid > r.cloth_volume)
        throw ParameterError(
          "The fibre (" + mm3(r.fibre_volume) + ") and lithium (" +
          mm3(r.lithium_volume) + ") need more than the cloth volume (" +
          mm3(r.cloth_volume) +
          " = disc area x 'Cloth thickness'): the "
          "cloth thickness " +
          mm(recipe.cloth_thickness) + " is too small; it must exceed " +
          mm_rounded_up(solid / r.disc_area) +
          " (or check 'Cloth mass', 'Lithium mass' and the densities).");
      r.cloth_pore_volume = r.cloth_volume - solid;

      r.gpe_volume_inside_cloth = recipe.gpe_fraction_inside * r.gpe_volume;
      if (r.gpe_volume_inside_cloth > r.cloth_pore_volume)
        throw ParameterError(
          "Parameter 'GPE fraction inside the cloth' = " +
          format_number(recipe.gpe_fraction_inside) + " puts " +
          mm3(r.gpe_volume_inside_cloth) +
          " of GPE into the cloth, more "
          "than the pore volume that fibre and lithium leave (" +
          mm3(r.cloth_pore_volume) + "); it must be at most " +
          format_number(std::floor(r.cloth_pore_volume / r.gpe_volume * 1e4) /
                        1e4) +
          ".");
      r.gpe_volume_in_coatings = r.gpe_volume - r.gpe_volume_inside_cloth;
      r.coating_thickness      = r.gpe_volume_in_coatings / (2. * r.disc_area);
      r.composite_thickness = recipe.cloth_thickness + 2. * r.coating_thickness;
      r.composite_volume    = r.cloth_volume + r.gpe_volume_in_coatings;

      r.cloth_layer =
        make_phase_fractions(r.fibre_volume / r.cloth_volume,
                             r.lithium_volume / r.cloth_volume,
                             r.gpe_volume_inside_cloth / r.cloth_volume,
                             "cloth layer");
      r.composite = make_phase_fractions(r.fibre_volume / r.composite_volume,
                                         r.lithium_volume / r.composite_volume,
                                         r.gpe_volume / r.composite_volume,
                                         "whole composite");
      return r;
    }
  } // namespace composite
} // namespace anodemech
