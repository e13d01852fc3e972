#include <anodemech/base/parameter_error.h>
#include <anodemech/materials/composite_mixture.h>

#include <deal.II/base/parameter_handler.h>

#include <algorithm>

namespace anodemech
{
  void
  CompositeMixture::Parameters::validate() const
  {
    checks::in_range("Lithium weight", lithium_weight, 0., true, 1., true, "-");
    network.validate();
    lithium.validate();
  }



  void
  CompositeMixture::declare_parameters(dealii::ParameterHandler &prm)
  {
    prm.declare_entry("Lithium weight",
                      "0.5555",
                      dealii::Patterns::Double(0., 1.),
                      "Weight w of the lithium stress in the iso-strain "
                      "mixture [-], in [0, 1]. Its volume fraction (default: "
                      "the cloth layer of the G-LiCFC recipe, 0.5555) if "
                      "the lithium strains with the network (the Voigt "
                      "bound); less if voids and tows unload it: "
                      "g_licfc.prm takes it from the lithium's load share in "
                      "the RVE (rve_compress).");
    prm.enter_subsection("Network");
    TransverselyIsotropicElasticity::declare_parameters(prm);
    prm.leave_subsection();
    prm.enter_subsection("Lithium");
    NortonCreep::declare_parameters(prm);
    prm.leave_subsection();
  }



  namespace
  {
    CompositeMixture::Parameters
    read(const dealii::ParameterHandler &prm)
    {
      // The factory hands models a const ParameterHandler; entering the two
      // subsections changes only its current path, which is restored.
      auto &handler = const_cast<dealii::ParameterHandler &>(prm);
      CompositeMixture::Parameters p;
      p.lithium_weight = prm.get_double("Lithium weight");
      handler.enter_subsection("Network");
      try
        {
          p.network = TransverselyIsotropicElasticity(prm).get_parameters();
        }
      catch (const ParameterError &e)
        {
          handler.leave_subsection();
          throw ParameterError(std::string("Network: ") + e.what());
        }
      handler.leave_subsection();
      handler.enter_subsection("Lithium");
      try
        {
          p.lithium = NortonCreep(prm).get_parameters();
        }
      catch (const ParameterError &e)
        {
          handler.leave_subsection();
          throw ParameterError(std::string("Lithium: ") + e.what());
        }
      handler.leave_subsection();
      return p;
    }
  } // namespace



  CompositeMixture::CompositeMixture(const dealii::ParameterHandler &prm)
    : CompositeMixture(read(prm))
  {}



  CompositeMixture::CompositeMixture(const Parameters &p)
    : lithium_weight((p.validate(), p.lithium_weight))
    , network(p.network)
    , lithium(p.lithium)
  {}



  std::string
  CompositeMixture::name() const
  {
    return model_name;
  }



  void
  CompositeMixture::update(const MaterialPointInput &input,
                           const MaterialState      &state_old,
                           MaterialPointResult      &result) const
  {
    MaterialPointResult network_result;
    network.update(input, state_old, network_result);
    if (network_result.status == MaterialStatus::failed)
      {
        result = network_result;
        return;
      }
    lithium.update(input, state_old, result);
    if (result.status == MaterialStatus::failed)
      return;
    result.kirchhoff_stress = network_result.kirchhoff_stress +
                              lithium_weight * result.kirchhoff_stress;
    result.spatial_tangent =
      network_result.spatial_tangent + lithium_weight * result.spatial_tangent;
    result.suggested_time_step_factor =
      std::min(result.suggested_time_step_factor,
               network_result.suggested_time_step_factor);
  }



  bool
  CompositeMixture::is_rate_dependent() const
  {
    return true;
  }



  double
  CompositeMixture::reference_shear_modulus() const
  {
    return network.reference_shear_modulus() +
           lithium_weight * lithium.reference_shear_modulus();
  }



  double
  CompositeMixture::reference_bulk_modulus() const
  {
    return network.reference_bulk_modulus() +
           lithium_weight * lithium.reference_bulk_modulus();
  }
} // namespace anodemech
