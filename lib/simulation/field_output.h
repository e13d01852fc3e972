#pragma once

// Internal header of the simulation drivers (not installed): the cell
// fields written at each output step, and small helpers shared by
// DiscCompression and RVECompression.

#include <anodemech/io/results_file.h>
#include <anodemech/loading/load_protocol.h>
#include <anodemech/loading/time_stepper.h>
#include <anodemech/mechanics/compression_run.h>

#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/lac/vector.h>

#include <map>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  template <int dim>
  class QuasiStaticSolid;

  namespace internal
  {
    /// Parse a comma-separated list of numbers (entry @p name).
    std::vector<double>
    parse_numbers(const std::string &text, const std::string &name);

    /// Write @p text to @p path through a temporary file (rank 0 only).
    void
    write_small_file(const std::string &path, const std::string &text);

    /**
     * The entries every compression job shares: subsections "Loading"
     * (Load protocol, Report pressures), "Time stepping" and "Output"
     * (Folder, Field output, Field output interval).
     */
    struct RunSettings
    {
      LoadProtocol            protocol = LoadProtocol::ramp(1., 1.);
      std::vector<double>     report_pressures;
      TimeStepper::Parameters stepping;
      std::string             folder;
      std::string             field_output;
      unsigned int            field_output_interval = 0;

      /// Declare "Loading" and "Time stepping".
      static void
      declare_loading(dealii::ParameterHandler &prm);

      /// Declare "Output" with the default folder @p default_folder; the
      /// caller may enter "Output" again to add entries.
      static void
      declare_output(dealii::ParameterHandler &prm,
                     const std::string        &default_folder,
                     const std::string        &files);

      /// Read "Loading" and "Time stepping"; throws a ParameterError.
      void
      parse_loading(dealii::ParameterHandler &prm);

      /// Read "Output"; throws a ParameterError for an empty folder.
      void
      parse_output(dealii::ParameterHandler &prm);

      /// Whether fields are due after step @p step (0: the initial state).
      bool
      field_output_due(unsigned int step, bool on_target) const;
    };

    /// Units of the fields written by write_fields(), for ResultsFile.
    std::map<std::string, std::string>
    field_units();

    /**
     * The cell fields of one output step, as a DG0 vector field: the
     * Cauchy stress components (axisymmetric: rr, zz, tt, rz; 3D: xx, yy,
     * zz, xy, yz, xz), von Mises stress, equivalent creep strain,
     * hydrostatic pressure, contact pressure and material id.
     */
    template <int dim>
    struct CellFieldOutput
    {
      explicit CellFieldOutput(
        const dealii::parallel::distributed::Triangulation<dim> &tria);

      static constexpr unsigned int n_stress     = dim == 2 ? 4 : 6;
      static constexpr unsigned int n_components = n_stress + 5;

      static std::vector<std::string>
      names();

      void
      fill(const QuasiStaticSolid<dim> &solid);

      dealii::FESystem<dim>   fe;
      dealii::DoFHandler<dim> dof_handler;
      dealii::Vector<double>  values;
    };

    /**
     * Write the displacement and the cell fields of @p solid as one field
     * step at @p time, with @p attributes (e.g. the nominal pressure).
     */
    template <int dim>
    void
    write_fields(ResultsFile                         &results,
                 const QuasiStaticSolid<dim>         &solid,
                 CellFieldOutput<dim>                &cell_fields,
                 double                               time,
                 const std::map<std::string, double> &attributes);
  } // namespace internal
} // namespace anodemech
