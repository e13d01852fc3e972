#include <anodemech/composite/micromechanics.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

namespace anodemech
{
  namespace composite
  {
    double
    halpin_tsai(const double fibre_modulus,
                const double matrix_modulus,
                const double fibre_fraction,
                const double xi)
    {
      checks::positive("Halpin-Tsai fibre modulus", fibre_modulus, "Pa");
      checks::positive("Halpin-Tsai matrix modulus", matrix_modulus, "Pa");
      checks::in_range(
        "Halpin-Tsai fibre fraction", fibre_fraction, 0., true, 1., true, "");
      checks::positive("Halpin-Tsai factor xi", xi, "");
      const double ratio = fibre_modulus / matrix_modulus;
      const double eta   = (ratio - 1.) / (ratio + xi);
      // eta < 1 for any ratio > 0, so the denominator is > 0 up to V_f = 1.
      return matrix_modulus * (1. + xi * eta * fibre_fraction) /
             (1. - eta * fibre_fraction);
    }



    TowConstituents
    TowConstituents::carbon_fibre_in_lithium()
    {
      TowConstituents t;
      t.fibre.axial_youngs_modulus      = 230e9;
      t.fibre.transverse_youngs_modulus = 15e9;
      t.fibre.axial_poisson_ratio       = 0.2;
      t.fibre.transverse_poisson_ratio  = 0.07;
      t.fibre.axial_shear_modulus       = 15e9;
      t.fibre.fiber_direction[0]        = 1.;
      t.matrix.youngs_modulus           = 7.82e9;
      t.matrix.poisson_ratio            = 0.381;
      t.fibre_fraction                  = 0.6;
      return t;
    }



    void
    TowConstituents::declare_parameters(dealii::ParameterHandler &prm)
    {
      const TowConstituents d = carbon_fibre_in_lithium();
      prm.declare_entry("Fibre fraction inside a tow",
                        format_number(d.fibre_fraction),
                        dealii::Patterns::Double(0., 1.),
                        "Volume fraction V_f of fibre inside a tow, the rest "
                        "being matrix [-]. Must lie in [0, 1). Typical tows: "
                        "0.5-0.7.");
      prm.enter_subsection("Fibre");
      TransverselyIsotropicElasticity::declare_parameters(prm);
      prm.leave_subsection();
      prm.enter_subsection("Matrix");
      IsotropicElasticConstants::declare_parameters(prm,
                                                    d.matrix.youngs_modulus,
                                                    d.matrix.poisson_ratio);
      prm.leave_subsection();
    }



    void
    TowConstituents::parse_parameters(dealii::ParameterHandler &prm)
    {
      fibre_fraction = prm.get_double("Fibre fraction inside a tow");
      prm.enter_subsection("Fibre");
      fibre.axial_youngs_modulus = prm.get_double("Axial Young's modulus");
      fibre.transverse_youngs_modulus =
        prm.get_double("Transverse Young's modulus");
      fibre.axial_poisson_ratio = prm.get_double("Axial Poisson's ratio");
      fibre.transverse_poisson_ratio =
        prm.get_double("Transverse Poisson's ratio");
      fibre.axial_shear_modulus = prm.get_double("Axial shear modulus");
      const auto components     = dealii::Utilities::string_to_double(
        dealii::Utilities::split_string_list(prm.get("Fiber direction")));
      for (unsigned int i = 0; i < 3; ++i)
        fibre.fiber_direction[i] = components[i];
      prm.leave_subsection();
      prm.enter_subsection("Matrix");
      matrix.youngs_modulus = prm.get_double("Young's modulus");
      matrix.poisson_ratio  = prm.get_double("Poisson's ratio");
      prm.leave_subsection();
      validate();
    }



    void
    TowConstituents::validate() const
    {
      checks::in_range(
        "Fibre fraction inside a tow", fibre_fraction, 0., true, 1., false, "");
      try
        {
          fibre.validate();
        }
      catch (const ParameterError &e)
        {
          throw ParameterError(std::string("Fibre: ") + e.what());
        }
      try
        {
          matrix.validate();
        }
      catch (const ParameterError &e)
        {
          throw ParameterError(std::string("Matrix: ") + e.what());
        }
    }



    TransverselyIsotropicElasticity::Parameters
    tow_elastic_constants(const TowConstituents &tow)
    {
      tow.validate();
      const auto  &f  = tow.fibre;
      const double Vf = tow.fibre_fraction;
      const double Vm = 1. - Vf;
      const double Em = tow.matrix.youngs_modulus;
      const double Gm = tow.matrix.shear_modulus();
      const double fibre_transverse_shear_modulus =
        f.transverse_youngs_modulus / (2. * (1. + f.transverse_poisson_ratio));

      TransverselyIsotropicElasticity::Parameters t;
      t.axial_youngs_modulus = Vf * f.axial_youngs_modulus + Vm * Em;
      t.axial_poisson_ratio =
        Vf * f.axial_poisson_ratio + Vm * tow.matrix.poisson_ratio;
      t.transverse_youngs_modulus =
        halpin_tsai(f.transverse_youngs_modulus, Em, Vf, 2.);
      t.axial_shear_modulus = halpin_tsai(f.axial_shear_modulus, Gm, Vf, 1.);
      const double transverse_shear_modulus =
        halpin_tsai(fibre_transverse_shear_modulus, Gm, Vf, 1.);
      t.transverse_poisson_ratio =
        t.transverse_youngs_modulus / (2. * transverse_shear_modulus) - 1.;
      t.fiber_direction = f.fiber_direction;
      try
        {
          t.validate();
        }
      catch (const ParameterError &e)
        {
          throw ParameterError(
            "The tow constants estimated for fibre fraction " +
            format_number(Vf) +
            " (rule of mixtures, Halpin-Tsai) are not a positive definite "
            "transversely isotropic set: " +
            e.what() + " Check the fibre and matrix constants.");
        }
      return t;
    }
  } // namespace composite
} // namespace anodemech
