#include <anodemech/base/parameter_error.h>
#include <anodemech/materials/composite_mixture.h>
#include <anodemech/materials/hencky_elasticity.h>
#include <anodemech/materials/material_factory.h>
#include <anodemech/materials/neo_hookean_elasticity.h>
#include <anodemech/materials/norton_creep.h>
#include <anodemech/materials/transversely_isotropic_elasticity.h>

#include <deal.II/base/parameter_handler.h>

#include <functional>

namespace anodemech
{
  namespace MaterialFactory
  {
    namespace
    {
      struct Entry
      {
        const char *name;
        const char *subsection;
        void (*declare)(dealii::ParameterHandler &);
        std::function<std::unique_ptr<ConstitutiveModel>(
          const dealii::ParameterHandler &)>
          create;
      };

      template <class Model>
      std::unique_ptr<ConstitutiveModel>
      make(const dealii::ParameterHandler &prm)
      {
        return std::make_unique<Model>(prm);
      }

      const std::vector<Entry> &
      table()
      {
        static const std::vector<Entry> entries = {
          {HenckyElasticity::model_name,
           "Hencky elasticity",
           &HenckyElasticity::declare_parameters,
           &make<HenckyElasticity>},
          {NeoHookeanElasticity::model_name,
           "Neo-Hookean elasticity",
           &NeoHookeanElasticity::declare_parameters,
           &make<NeoHookeanElasticity>},
          {TransverselyIsotropicElasticity::model_name,
           "Transversely isotropic elasticity",
           &TransverselyIsotropicElasticity::declare_parameters,
           &make<TransverselyIsotropicElasticity>},
          {NortonCreep::model_name,
           "Norton creep",
           &NortonCreep::declare_parameters,
           &make<NortonCreep>},
          {CompositeMixture::model_name,
           "Composite mixture",
           &CompositeMixture::declare_parameters,
           &make<CompositeMixture>}};
        return entries;
      }

      const Entry &
      find(const std::string &name)
      {
        for (const auto &e : table())
          if (name == e.name)
            return e;
        std::string list;
        for (const auto &e : table())
          list += (list.empty() ? "'" : ", '") + std::string(e.name) + "'";
        throw ParameterError("Parameter 'Model' = '" + name +
                             "' is not a known material model; it must be "
                             "one of " +
                             list + ".");
      }
    } // namespace



    std::vector<std::string>
    model_names()
    {
      std::vector<std::string> names;
      for (const auto &e : table())
        names.emplace_back(e.name);
      return names;
    }



    std::string
    subsection_name(const std::string &name)
    {
      return find(name).subsection;
    }



    void
    declare_parameters(dealii::ParameterHandler &prm,
                       const std::string        &default_model)
    {
      std::string selection;
      for (const auto &e : table())
        selection += (selection.empty() ? "" : "|") + std::string(e.name);
      prm.declare_entry("Model",
                        default_model,
                        dealii::Patterns::Selection(selection),
                        "Constitutive model of this material: one of " +
                          selection +
                          ". Its parameters are read from the "
                          "subsection of the same name.");
      for (const auto &e : table())
        {
          prm.enter_subsection(e.subsection);
          e.declare(prm);
          prm.leave_subsection();
        }
    }



    std::unique_ptr<ConstitutiveModel>
    create(dealii::ParameterHandler &prm)
    {
      return create(prm.get("Model"), prm);
    }



    std::unique_ptr<ConstitutiveModel>
    create(const std::string &name, dealii::ParameterHandler &prm)
    {
      const Entry &e = find(name);
      prm.enter_subsection(e.subsection);
      try
        {
          auto model = e.create(prm);
          prm.leave_subsection();
          return model;
        }
      catch (const ParameterError &error)
        {
          prm.leave_subsection();
          throw ParameterError("In subsection '" + std::string(e.subsection) +
                               "': " + error.what());
        }
    }
  } // namespace MaterialFactory
} // namespace anodemech
