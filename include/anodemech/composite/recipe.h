#pragma once

#include <anodemech/base/parameter_error.h>

#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  namespace composite
  {
    /**
     * Volume fractions of the four phases of the composite anode: carbon
     * fibre (with its Al2O3 coating), lithium, gel polymer electrolyte (GPE)
     * and void. Each lies in [0, 1] and they sum to 1.
     */
    struct PhaseFractions
    {
      /// Carbon fibre, including the cloth's Al2O3 coating [-].
      double fibre = unset_parameter;
      /// Lithium metal [-].
      double lithium = unset_parameter;
      /// Gel polymer electrolyte [-].
      double gpe = unset_parameter;
      /// Empty space: 1 - fibre - lithium - gpe [-].
      double voids = unset_parameter;
    };

    /**
     * The phase fractions for given fibre, lithium and GPE volume fractions
     * [-]; the void fraction is the rest. Throws a ParameterError naming
     * @p context (e.g. "cloth layer") and the offending fraction if any of
     * the three is not set or outside [0, 1], or if they sum to more than 1
     * (beyond a round-off of 1e-12).
     */
    PhaseFractions
    make_phase_fractions(double             fibre,
                         double             lithium,
                         double             gpe,
                         const std::string &context);

    /**
     * Density of a mixture from the mass parts of its components and their
     * densities [kg/m^3], by the inverse rule of mixtures (volumes add):
     *   1/rho = sum_i w_i / rho_i,  w_i = m_i / sum_j m_j.
     * The mass parts need only be proportional to the masses (5:5:7).
     * Throws a ParameterError if the lists differ in length or are empty, or
     * if a part is negative or a density not positive.
     */
    double
    mixture_density(const std::vector<double> &mass_parts,
                    const std::vector<double> &densities);

    /**
     * The recipe of a composite anode disc: a woven carbon-fibre cloth
     * infused with lithium and coated with a gel polymer electrolyte (GPE),
     * given as masses per disc, as in Zhu et al., Ind. Chem. Mater. (2026),
     * DOI 10.1039/d5im00376h (the shared paper_targets.json,
     * composite_recipe_15mm_disc). All physical entries start unset (NaN).
     *
     * Assumptions of phases_from_recipe():
     * - the cloth keeps its (dry) thickness when lithium is infused, so the
     *   cloth layer's volume is disc area x cloth thickness;
     * - lithium fills only pores of the cloth (none of it lies outside);
     * - the Al2O3 coating that makes the cloth lithiophilic is part of the
     *   cloth mass and is counted as fibre (at the fibre density);
     * - a fraction "GPE fraction inside the cloth" of the GPE volume
     *   infiltrates the pores that fibre and lithium leave; the rest forms a
     *   dense (void-free) coating of equal thickness on both faces of the
     *   disc, over the whole disc area;
     * - each phase has its bulk density.
     */
    struct CompositeRecipe
    {
      /// Diameter of the disc the masses refer to [m].
      double disc_diameter = unset_parameter;
      /// Mass of carbon cloth per disc, Al2O3 coating included [kg].
      double cloth_mass = unset_parameter;
      /// Mass of lithium per disc [kg].
      double lithium_mass = unset_parameter;
      /// Mass of gel polymer electrolyte per disc [kg].
      double gpe_mass = unset_parameter;
      /// Density of the carbon fibre [kg/m^3].
      double fibre_density = unset_parameter;
      /// Density of lithium [kg/m^3].
      double lithium_density = unset_parameter;
      /// Density of the gel polymer electrolyte [kg/m^3].
      double gpe_density = unset_parameter;
      /// Thickness of the cloth (and of the cloth layer) [m].
      double cloth_thickness = unset_parameter;
      /// Fraction of the GPE volume inside the cloth's pores [-], in [0, 1].
      double gpe_fraction_inside = unset_parameter;

      /**
       * The G-LiCFC recipe of Zhu et al. 2026 for a 15 mm disc, with the
       * defaults of declare_parameters():
       * - masses: cloth 21.6 mg, lithium 17.3 mg, GPE 27.8 mg (the paper);
       * - fibre density 1780 kg/m^3: PAN-based carbon fibre (Toray T300
       *   data sheet 1.76 g/cm^3; PAN fibres span 1.76-1.80 g/cm^3);
       * - lithium density 534 kg/m^3 (the paper, Masias et al. 2019);
       * - GPE density 1521.4 kg/m^3: PVDF-HFP : LiTFSI : EMITFSI = 5:5:7 by
       *   mass with 1780, 1330 and 1520 kg/m^3, by mixture_density();
       * - cloth thickness 0.33 mm: the WOS1009 carbon cloth data sheet. Its
       *   areal mass agrees: 21.6 mg / 1.767 cm^2 = 122 g/m^2 against the
       *   data sheet's ~120 g/m^2;
       * - no GPE inside the cloth.
       */
      static CompositeRecipe
      zhu2026_g_licfc();

      /**
       * Declare the entries in the current subsection of @p prm (the
       * caller enters and leaves it), with the defaults of zhu2026_g_licfc().
       */
      static void
      declare_parameters(dealii::ParameterHandler &prm);

      /// Read the entries from the current subsection and validate them.
      void
      parse_parameters(const dealii::ParameterHandler &prm);

      /**
       * Throw a ParameterError naming the first entry that is not set, not
       * positive (diameter, masses, densities, thickness) or outside [0, 1]
       * (GPE fraction inside the cloth), with its unit and allowed range.
       */
      void
      validate() const;
    };

    /// Volumes, thicknesses and phase fractions that follow from a recipe.
    struct RecipeResult
    {
      /// Disc area pi d^2 / 4 [m^2].
      double disc_area = unset_parameter;
      /// Fibre volume, cloth mass / fibre density [m^3].
      double fibre_volume = unset_parameter;
      /// Lithium volume [m^3].
      double lithium_volume = unset_parameter;
      /// GPE volume, all of it [m^3].
      double gpe_volume = unset_parameter;
      /// GPE volume inside the cloth's pores [m^3].
      double gpe_volume_inside_cloth = unset_parameter;
      /// GPE volume in the two face coatings together [m^3].
      double gpe_volume_in_coatings = unset_parameter;
      /// Volume of the cloth layer, disc area x cloth thickness [m^3].
      double cloth_volume = unset_parameter;
      /// Pore volume of the cloth layer left by fibre and lithium [m^3].
      double cloth_pore_volume = unset_parameter;
      /// Volume of the whole composite disc [m^3].
      double composite_volume = unset_parameter;
      /// Thickness of the cloth layer [m].
      double cloth_thickness = unset_parameter;
      /// Thickness of the GPE coating on each face [m].
      double coating_thickness = unset_parameter;
      /// Thickness of the composite, cloth + two coatings [m].
      double composite_thickness = unset_parameter;
      /// Phase fractions of the whole composite (coatings included) [-].
      PhaseFractions composite;
      /// Phase fractions of the cloth layer alone [-].
      PhaseFractions cloth_layer;
    };

    /**
     * Volumes and phase fractions of the composite made from @p recipe,
     * under the assumptions listed at CompositeRecipe:
     *   V_fibre = m_cloth / rho_fibre,  V_Li = m_Li / rho_Li,
     *   V_GPE = m_GPE / rho_GPE,  A = pi d^2 / 4,  V_cloth = A t_cloth,
     *   V_pore = V_cloth - V_fibre - V_Li,
     *   V_GPE,in = f V_GPE,  h_coat = (1 - f) V_GPE / (2 A),
     *   H = t_cloth + 2 h_coat,  V = A H.
     * Throws a ParameterError, naming the numbers, if the recipe is invalid,
     * if fibre and lithium do not fit into the cloth volume, if the GPE
     * inside the cloth exceeds the pore volume V_pore, or if a resulting
     * fraction is outside [0, 1].
     */
    RecipeResult
    phases_from_recipe(const CompositeRecipe &recipe);
  } // namespace composite
} // namespace anodemech
