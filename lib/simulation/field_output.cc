#include "field_output.h"

#include <anodemech/base/parameter_error.h>
#include <anodemech/mechanics/quasi_static_solid.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>
#include <deal.II/fe/fe_dgq.h>
#include <deal.II/numerics/data_out.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "../base/text.h"

namespace anodemech
{
  namespace internal
  {
    std::vector<double>
    parse_numbers(const std::string &text, const std::string &name)
    {
      std::vector<double> values;
      for (const auto &item : dealii::Utilities::split_string_list(text, ','))
        {
          const auto value = internal::to_number(item);
          if (!value)
            throw ParameterError("Parameter '" + name +
                                 "' must be a comma-separated list of "
                                 "numbers; '" +
                                 item + "' is not a number.");
          values.push_back(*value);
        }
      return values;
    }



    void
    write_small_file(const std::string &path, const std::string &text)
    {
      const std::string tmp = path + ".tmp";
      {
        std::ofstream file(tmp);
        file << text;
        if (!file)
          throw ParameterError("Cannot write '" + tmp + "'.");
      }
      std::filesystem::rename(tmp, path);
    }



    void
    RunSettings::declare_loading(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Loading");
      prm.declare_entry(
        "Protocol",
        "table",
        dealii::Patterns::Selection("table|ramp and hold"),
        "How the nominal pressure history is given: 'table': the corners "
        "of 'Load protocol'; 'ramp and hold': ramps at 'Ramp rate' from 0 "
        "up through the 'Report pressures', each held for 'Hold time'.");
      prm.declare_entry("Ramp rate",
                        "1e5",
                        dealii::Patterns::Double(0.),
                        "Loading rate of the ramps with 'Protocol = ramp "
                        "and hold' [Pa/s], > 0 (1e5 Pa/s = 0.1 MPa/s).");
      prm.declare_entry("Hold time",
                        "0",
                        dealii::Patterns::Double(0.),
                        "Time for which each report pressure is held with "
                        "'Protocol = ramp and hold' [s], >= 0.");
      prm.declare_entry("Load protocol",
                        "0 : 0; 300 : 30e6",
                        dealii::Patterns::Anything(),
                        "Nominal pressure history: corners 'time : pressure' "
                        "[s : Pa] separated by ';', times increasing from 0, "
                        "linear in between (ramps and holds); used with "
                        "'Protocol = table'.");
      prm.declare_entry("Report pressures",
                        "5.19e6, 17.79e6, 30e6",
                        dealii::Patterns::Anything(),
                        "Nominal pressures at which steps land exactly, "
                        "fields are written and the summary reports [Pa], "
                        "comma-separated; may be empty.");
      prm.leave_subsection();
      prm.enter_subsection("Time stepping");
      TimeStepper::Parameters::declare_parameters(prm);
      prm.leave_subsection();
    }



    void
    RunSettings::declare_output(dealii::ParameterHandler &prm,
                                const std::string        &default_folder,
                                const std::string        &files)
    {
      prm.enter_subsection("Output");
      prm.declare_entry("Folder",
                        default_folder,
                        dealii::Patterns::Anything(),
                        "Folder of " + files +
                          "; created if needed, its results replaced. A "
                          "relative name is relative to the working "
                          "directory.");
      prm.declare_entry("Field output",
                        "report pressures",
                        dealii::Patterns::Selection(
                          "report pressures|interval|none"),
                        "When to write fields (besides the initial and the "
                        "final state): at the report pressures, every "
                        "'Field output interval' steps as well ('interval'), "
                        "or never ('none').");
      prm.declare_entry("Field output interval",
                        "50",
                        dealii::Patterns::Integer(1),
                        "Steps between field outputs with 'Field output = "
                        "interval' [-].");
      prm.leave_subsection();
    }



    void
    RunSettings::parse_loading(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Loading");
      try
        {
          report_pressures =
            parse_numbers(prm.get("Report pressures"), "Report pressures");
          if (prm.get("Protocol") == "table")
            protocol = LoadProtocol::parse(prm.get("Load protocol"));
          else
            protocol = LoadProtocol::ramp_and_hold(report_pressures,
                                                   prm.get_double("Ramp rate"),
                                                   prm.get_double("Hold time"));
        }
      catch (...)
        {
          prm.leave_subsection();
          throw;
        }
      prm.leave_subsection();
      for (const double p : report_pressures)
        if (!(p > 0.))
          throw ParameterError(
            "Parameter 'Report pressures' must hold positive pressures [Pa], "
            "not " +
            format_number(p) + ".");
      prm.enter_subsection("Time stepping");
      try
        {
          stepping.parse_parameters(prm);
        }
      catch (...)
        {
          prm.leave_subsection();
          throw;
        }
      prm.leave_subsection();
    }



    void
    RunSettings::parse_output(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Output");
      folder                = prm.get("Folder");
      field_output          = prm.get("Field output");
      field_output_interval = prm.get_integer("Field output interval");
      prm.leave_subsection();
      if (folder.empty())
        throw ParameterError("Parameter 'Folder' (subsection Output) must "
                             "not be empty.");
    }



    bool
    RunSettings::field_output_due(const unsigned int step,
                                  const bool         on_target) const
    {
      return field_output != "none" && (step == 0 || on_target ||
                                        (field_output == "interval" &&
                                         step % field_output_interval == 0));
    }



    std::map<std::string, std::string>
    field_units()
    {
      std::map<std::string, std::string> units{{"displacement", "m"},
                                               {"von_mises_stress", "Pa"},
                                               {"equivalent_creep_strain", "-"},
                                               {"hydrostatic_pressure", "Pa"},
                                               {"contact_pressure", "Pa"},
                                               {"material_id", "-"}};
      for (const char *c :
           {"rr", "zz", "tt", "rz", "xx", "yy", "xy", "yz", "xz"})
        units[std::string("stress_") + c] = "Pa";
      return units;
    }



    template <int dim>
    CellFieldOutput<dim>::CellFieldOutput(
      const dealii::parallel::distributed::Triangulation<dim> &tria)
      : fe(dealii::FE_DGQ<dim>(0), n_components)
      , dof_handler(tria)
    {
      dof_handler.distribute_dofs(fe);
      values.reinit(dof_handler.n_dofs());
    }



    template <int dim>
    std::vector<std::string>
    CellFieldOutput<dim>::names()
    {
      std::vector<std::string> n = dim == 2 ?
                                     std::vector<std::string>{"stress_rr",
                                                              "stress_zz",
                                                              "stress_tt",
                                                              "stress_rz"} :
                                     std::vector<std::string>{"stress_xx",
                                                              "stress_yy",
                                                              "stress_zz",
                                                              "stress_xy",
                                                              "stress_yz",
                                                              "stress_xz"};
      n.insert(n.end(),
               {"von_mises_stress",
                "equivalent_creep_strain",
                "hydrostatic_pressure",
                "contact_pressure",
                "material_id"});
      return n;
    }



    template <int dim>
    void
    CellFieldOutput<dim>::fill(const QuasiStaticSolid<dim> &solid)
    {
      // Axisymmetric components r, z, theta = 0, 1, 2; the r-theta and
      // z-theta shears vanish.
      const std::vector<std::array<unsigned int, 2>> indices =
        dim == 2 ?
          std::vector<std::array<unsigned int, 2>>{{{0, 0}},
                                                   {{1, 1}},
                                                   {{2, 2}},
                                                   {{0, 1}}} :
          std::vector<std::array<unsigned int, 2>>{
            {{0, 0}}, {{1, 1}}, {{2, 2}}, {{0, 1}}, {{1, 2}}, {{0, 2}}};
      const auto averages = solid.cell_averages();
      values              = 0.;
      std::vector<dealii::types::global_dof_index> dofs(n_components);
      for (const auto &cell : dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            cell->get_dof_indices(dofs);
            const unsigned int               c     = cell->active_cell_index();
            const auto                      &sigma = averages.cauchy_stress[c];
            std::array<double, n_components> v{};
            for (unsigned int k = 0; k < n_stress; ++k)
              v[k] = sigma[indices[k][0]][indices[k][1]];
            v[n_stress]     = std::sqrt(1.5 * dealii::deviator(sigma) *
                                    dealii::deviator(sigma));
            v[n_stress + 1] = averages.equivalent_creep_strain[c];
            v[n_stress + 2] = -dealii::trace(sigma) / 3.;
            v[n_stress + 3] = averages.contact_pressure[c];
            v[n_stress + 4] = cell->material_id();
            // A DG0 system has one dof per component.
            for (unsigned int k = 0; k < n_components; ++k)
              values[dofs[fe.component_to_system_index(k, 0)]] = v[k];
          }
    }



    template <int dim>
    void
    write_fields(ResultsFile                         &results,
                 const QuasiStaticSolid<dim>         &solid,
                 CellFieldOutput<dim>                &cell_fields,
                 const double                         time,
                 const std::map<std::string, double> &attributes)
    {
      cell_fields.fill(solid);
      dealii::DataOut<dim> data_out;
      data_out.add_data_vector(
        solid.get_dof_handler(),
        solid.get_solution(),
        std::vector<std::string>(dim, "displacement"),
        std::vector<
          dealii::DataComponentInterpretation::DataComponentInterpretation>(
          dim,
          dealii::DataComponentInterpretation::component_is_part_of_vector));
      // Stresses as scalars: DataOut's tensor interpretation needs dim x dim
      // components, which the axisymmetric (r, z, theta) stress is not.
      data_out.add_data_vector(
        cell_fields.dof_handler,
        cell_fields.values,
        CellFieldOutput<dim>::names(),
        std::vector<
          dealii::DataComponentInterpretation::DataComponentInterpretation>(
          CellFieldOutput<dim>::n_components,
          dealii::DataComponentInterpretation::component_is_scalar));
      data_out.build_patches(solid.get_mapping(),
                             solid.get_parameters().polynomial_degree);
      results.write_field_step(data_out, time, attributes);
    }



    template struct CellFieldOutput<2>;
    template struct CellFieldOutput<3>;
    template void
    write_fields<2>(ResultsFile &,
                    const QuasiStaticSolid<2> &,
                    CellFieldOutput<2> &,
                    double,
                    const std::map<std::string, double> &);
    template void
    write_fields<3>(ResultsFile &,
                    const QuasiStaticSolid<3> &,
                    CellFieldOutput<3> &,
                    double,
                    const std::map<std::string, double> &);
  } // namespace internal
} // namespace anodemech
