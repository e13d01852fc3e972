#include <anodemech/base/parameter_error.h>
#include <anodemech/contact/rigid_platen.h>
#include <anodemech/geometry/disc_mesh.h>
#include <anodemech/geometry/gmsh_disc_mesh.h>
#include <anodemech/io/results_file.h>
#include <anodemech/materials/material_factory.h>
#include <anodemech/mechanics/quasi_static_solid.h>
#include <anodemech/simulation/disc_compression.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_dgq.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/data_out.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <ostream>
#include <sstream>

#include "checkpoint.h"
#include "field_output.h"

namespace anodemech
{
  struct DiscCompression::Data
  {
    std::string  input_text;
    unsigned int dimension = 2;

    DiscGeometry geometry;
    std::string  mesh_file; ///< resolved path, empty: built-in mesh
    double       top_layer_thickness = 0.;

    std::map<dealii::types::material_id,
             std::shared_ptr<const ConstitutiveModel>>
      materials;

    RigidPlaten::Parameters         platen;
    internal::RunSettings           run;
    QuasiStaticSolid<2>::Parameters solver2;
    QuasiStaticSolid<3>::Parameters solver3;

    std::string paper_data_set;
    /// Accepted steps between checkpoints; 0: none.
    unsigned int checkpoint_interval = 0;
  };

  namespace
  {
    /// Checkpoints kept in <folder>/checkpoints (issue: the last two).
    constexpr unsigned int checkpoints_kept = 2;

    /// The part of the input text that a restart must match: the full
    /// parameter set (the input file's own text and the list of overrides
    /// may differ in form) without the Output subsection (folder, field
    /// output and checkpoint interval may change between the runs).
    std::string
    parameter_set(const std::string &input_text)
    {
      const std::string  marker = "# full parameter set:\n";
      const auto         at     = input_text.find(marker);
      std::istringstream lines(at == std::string::npos ?
                                 input_text :
                                 input_text.substr(at + marker.size()));
      std::string        line, kept;
      bool               in_output = false;
      while (std::getline(lines, line))
        {
          if (line.rfind("subsection Output", 0) == 0)
            in_output = true;
          else if (in_output && line.rfind("end", 0) == 0)
            in_output = false;
          else if (!in_output)
            kept += line + '\n';
        }
      return kept;
    }
  } // namespace

  namespace
  {
    const std::vector<CurveColumn> &
    curve_columns()
    {
      static const std::vector<CurveColumn> columns{
        {"time_s", "s", "time"},
        {"time_step_s", "s", "time step that ended at this time"},
        {"nominal_pressure_Pa", "Pa", "platen force / initial disc area"},
        {"platen_force_N", "N", "force on the whole disc"},
        {"thickness_m", "m", "platen gap (current disc thickness)"},
        {"diameter_m", "m", "twice the largest radius, bulge included"},
        {"diameter_change_pct", "%", "diameter growth, (D - D0) / D0"},
        {"thickness_change_pct", "%", "thickness reduction, (h0 - h) / h0"},
        {"contact_area_m2", "m^2", "contact area on one platen"},
        {"max_penetration_m", "m", "largest penetration into the platen"},
        {"newton_iterations", "-", "Newton iterations of the step"},
        {"on_target", "-", "1 if the step landed on a report pressure"}};
      return columns;
    }

    std::vector<double>
    curve_row(const CompressionRecord &r)
    {
      return {r.time,
              r.time_step,
              r.nominal_pressure,
              r.platen_force,
              r.thickness,
              r.diameter,
              r.diameter_change_pct,
              r.thickness_change_pct,
              r.contact_area,
              r.max_penetration,
              static_cast<double>(r.newton_iterations),
              r.on_target ? 1. : 0.};
    }

    template <int dim>
    void
    write_fields(ResultsFile                    &results,
                 const QuasiStaticSolid<dim>    &solid,
                 internal::CellFieldOutput<dim> &cell_fields,
                 const CompressionRecord        &record)
    {
      internal::write_fields(
        results,
        solid,
        cell_fields,
        record.time,
        {{"nominal_pressure", record.nominal_pressure},
         {"diameter_change_pct", record.diameter_change_pct},
         {"thickness_change_pct", record.thickness_change_pct}});
    }

    /// At each report pressure: the state on reaching it and at the end of
    /// the time spent at it (the hold), for the summary.
    void
    print_summary_table(std::ostream              &out,
                        const CompressionSummary  &summary,
                        const std::vector<double> &report_pressures,
                        const std::string         &folder)
    {
      out << "\nSummary";
      if (!summary.completed)
        out << " (run stopped early: " << summary.failure_reason << ")";
      out << "\n  " << std::setw(9) << "p [MPa]"
          << "  |" << std::setw(10) << "reached" << std::setw(10) << "dD/D [%]"
          << std::setw(11) << "-dh/h [%]"
          << "  |" << std::setw(10) << "held to" << std::setw(10) << "dD/D [%]"
          << std::setw(11) << "-dh/h [%]" << '\n';
      const auto flags = out.flags();
      for (const double p : report_pressures)
        {
          const auto at_p = [p](const CompressionRecord &r) {
            return std::abs(r.nominal_pressure - p) <= 1e-9 * p;
          };
          const auto first =
            std::find_if(summary.history.begin(), summary.history.end(), at_p);
          out << "  " << std::fixed << std::setprecision(2) << std::setw(9)
              << p / 1e6 << "  |";
          if (first == summary.history.end())
            {
              out << "  not reached\n";
              out.flags(flags);
              continue;
            }
          auto last = first;
          while (std::next(last) != summary.history.end() &&
                 at_p(*std::next(last)))
            ++last;
          for (const auto &r : {first, last})
            out << std::setprecision(1) << std::setw(9) << r->time << "s"
                << std::setprecision(3) << std::setw(10)
                << r->diameter_change_pct << std::setw(11)
                << r->thickness_change_pct << (r == first ? "  |" : "");
          out << '\n';
          out.flags(flags);
        }
      out << "  " << summary.steps << " steps (" << summary.rejected_steps
          << " rejected), " << summary.newton_iterations
          << " Newton iterations\n"
          << "Results: " << folder << "/results.h5, " << folder
          << "/results.xdmf (ParaView), " << folder << "/curves.csv\n";
    }
  } // namespace



  void
  DiscCompression::declare_parameters(dealii::ParameterHandler &prm)
  {
    using namespace dealii::Patterns;
    prm.declare_entry("Dimension",
                      "2",
                      Integer(2, 3),
                      "2: axisymmetric (meridian plane r-z); 3: a quarter of "
                      "the disc in 3D [-].");
    prm.enter_subsection("Geometry");
    {
      DiscGeometry::declare_parameters(prm);
      prm.declare_entry("Mesh file",
                        "",
                        Anything(),
                        "gmsh mesh of the half disc (see meshes/README.md); "
                        "empty: the built-in mesh of the entries above. A "
                        "relative name is relative to the input file. With "
                        "a mesh file, diameter and thickness are measured "
                        "from the mesh.");
      prm.declare_entry("Top layer thickness",
                        "0",
                        Double(0.),
                        "Thickness of a second layer (Material 1) at the top "
                        "of each half of the disc, next to the platen [m]; 0: "
                        "one material. Cells whose centre lies within this "
                        "distance of the top face get material id 1.");
    }
    prm.leave_subsection();
    for (const unsigned int id : {0u, 1u})
      {
        prm.enter_subsection("Material " + std::to_string(id));
        MaterialFactory::declare_parameters(prm,
                                            id == 0 ? "norton creep" :
                                                      "hencky");
        prm.leave_subsection();
      }
    prm.enter_subsection("Platen");
    RigidPlaten::Parameters::declare_parameters(prm);
    prm.leave_subsection();
    internal::RunSettings::declare_loading(prm);
    prm.enter_subsection("Solver");
    QuasiStaticSolid<2>::Parameters::declare_parameters(prm);
    prm.leave_subsection();
    internal::RunSettings::declare_output(
      prm, "results", "results.h5, results.xdmf and curves.csv");
    prm.enter_subsection("Output");
    {
      prm.declare_entry("Paper data set",
                        "li_sheet",
                        Selection("li_sheet|g_licfc_composite|none"),
                        "Measured points of Zhu et al. 2026 that the plot "
                        "script overlays (written to <Folder>/material).");
      prm.declare_entry(
        "Checkpoint interval",
        "10",
        Integer(0),
        "Write a checkpoint after every this many accepted time steps [-] "
        "(0: none). The newest two are kept in <Folder>/checkpoints; "
        "compress_disc --restart <input> continues a stopped or killed run "
        "from the newest, on any number of MPI ranks.");
    }
    prm.leave_subsection();
  }



  DiscCompression::DiscCompression(dealii::ParameterHandler &prm,
                                   const std::string        &input_text,
                                   const std::string        &input_directory)
  {
    auto d        = std::make_unique<Data>();
    d->input_text = input_text;
    d->dimension  = prm.get_integer("Dimension");

    prm.enter_subsection("Geometry");
    try
      {
        d->geometry.parse_parameters(prm);
        d->top_layer_thickness = prm.get_double("Top layer thickness");
        const std::string mesh = prm.get("Mesh file");
        if (!mesh.empty())
          {
            std::filesystem::path path(mesh);
            if (path.is_relative() && !input_directory.empty())
              path = std::filesystem::path(input_directory) / path;
            d->mesh_file = path.string();
          }
      }
    catch (...)
      {
        prm.leave_subsection();
        throw;
      }
    prm.leave_subsection();
    if (d->top_layer_thickness >= d->geometry.thickness / 2.)
      throw ParameterError(
        "Parameter 'Top layer thickness' must be below half the disc "
        "thickness (" +
        format_number(d->geometry.thickness / 2.) + " m), not " +
        format_number(d->top_layer_thickness) + " m.");

    const bool layered = d->top_layer_thickness > 0. || !d->mesh_file.empty();
    for (const unsigned int id : {0u, 1u})
      {
        if (id == 1 && !layered)
          break;
        const std::string section = "Material " + std::to_string(id);
        prm.enter_subsection(section);
        try
          {
            d->materials[id] = MaterialFactory::create(prm);
          }
        catch (const ParameterError &e)
          {
            prm.leave_subsection();
            throw ParameterError("In subsection '" + section +
                                 "': " + e.what());
          }
        prm.leave_subsection();
      }

    prm.enter_subsection("Platen");
    d->platen.parse_parameters(prm);
    prm.leave_subsection();

    d->run.parse_loading(prm);
    // The platens can only push.
    for (const double t : d->run.protocol.corner_times())
      if (!(d->run.protocol.pressure(t) >= 0.))
        throw ParameterError(
          "Parameter 'Load protocol' (subsection Loading): the pressure at "
          "t = " +
          format_number(t) + " s is " +
          format_number(d->run.protocol.pressure(t)) +
          " Pa; the platens can only push, so every pressure must be >= 0 "
          "Pa.");
    prm.enter_subsection("Solver");
    d->solver2.parse_parameters(prm);
    d->solver3.parse_parameters(prm);
    prm.leave_subsection();

    d->run.parse_output(prm);
    prm.enter_subsection("Output");
    d->paper_data_set      = prm.get("Paper data set");
    d->checkpoint_interval = prm.get_integer("Checkpoint interval");
    prm.leave_subsection();

    // Read the mesh once now (run() reads it again), so that a mesh file
    // that is missing, not a gmsh mesh, of the other dimension or without
    // the required physical tags is reported before any computing.
    if (!d->mesh_file.empty())
      {
        if (d->dimension == 2)
          {
            dealii::Triangulation<2> mesh;
            read_disc_mesh<2>(mesh, d->mesh_file);
          }
        else
          {
            dealii::Triangulation<3> mesh;
            read_disc_mesh<3>(mesh, d->mesh_file);
          }
      }

    // The output folder: create it now (run() would) and write a probe file
    // into it, so that a folder that cannot be written is reported before
    // any computing. (Every rank does this, each with its own probe.)
    {
      namespace fs             = std::filesystem;
      const std::string folder = d->run.folder;
      const std::string where =
        "Parameter 'Folder' (subsection Output) = '" + folder + "': ";
      const std::string allowed =
        "; it must name a folder that can be created and written (a "
        "relative name is relative to the working directory).";
      std::error_code error;
      if (fs::exists(folder, error) && !fs::is_directory(folder, error))
        throw ParameterError(where + "it is a file, not a folder" + allowed);
      fs::create_directories(folder, error);
      if (error)
        throw ParameterError(where + "the folder cannot be created (" +
                             error.message() + ")" + allowed);
      const fs::path probe = fs::path(folder) / (".anodemech_write_test_" +
                                                 std::to_string(::getpid()));
      bool           writable;
      {
        std::ofstream file(probe);
        file << "probe\n";
        file.close();
        writable = static_cast<bool>(file);
      }
      fs::remove(probe, error);
      if (!writable)
        throw ParameterError(where + "the folder cannot be written" + allowed);
    }
    data = std::move(d);
  }



  DiscCompression::~DiscCompression() = default;



  const std::string &
  DiscCompression::output_folder() const
  {
    return data->run.folder;
  }



  CompressionSummary
  DiscCompression::run(const MPI_Comm communicator,
                       std::ostream  &out,
                       const bool     restart,
                       const bool     overwrite) const
  {
    return data->dimension == 2 ?
             run_dim<2>(communicator, out, restart, overwrite) :
             run_dim<3>(communicator, out, restart, overwrite);
  }



  template <int dim>
  CompressionSummary
  DiscCompression::run_dim(const MPI_Comm communicator,
                           std::ostream  &out,
                           const bool     restart,
                           const bool     overwrite) const
  {
    const Data &d = *data;
    const bool  root =
      dealii::Utilities::MPI::this_mpi_process(communicator) == 0;

    // A new run must not destroy another run's results (unless
    // --overwrite); a restart continues from the newest checkpoint of the
    // same input and keeps that run's id.
    std::string checkpoint;
    std::string run_id;
    if (!restart)
      {
        internal::prepare_new_run(d.run.folder, overwrite, communicator);
        run_id = internal::new_run_id(communicator);
      }
    else
      {
        // The newest intact checkpoint: its checksums match (so no damaged
        // file reaches deal.II or p4est, which would abort) and its run
        // state parses; a damaged one is reported and the one before used.
        const auto candidates =
          internal::restart_candidates(d.run.folder, communicator);
        if (candidates.empty())
          throw ParameterError(
            "--restart: there is no checkpoint in '" +
            internal::checkpoint_folder(d.run.folder) +
            "' (Output/Checkpoint interval > 0 writes them); run without "
            "--restart to start from the beginning.");
        std::string damaged;
        for (const std::string &candidate : candidates)
          {
            std::string why =
              internal::verify_checkpoint(candidate, communicator);
            if (why.empty())
              try
                {
                  CompressionResume state;
                  bool              written;
                  internal::parse_run_state(internal::read_text_file(
                                              candidate + "/run.txt"),
                                            candidate + "/run.txt",
                                            state,
                                            written);
                }
              catch (const ParameterError &e)
                {
                  why = e.what();
                }
            if (why.empty())
              {
                checkpoint = candidate;
                break;
              }
            if (root)
              out << "warning: checkpoint '" << candidate
                  << "' cannot be used: " << why << ".\n";
            damaged += (damaged.empty() ? "" : "; ") + candidate + ": " + why;
          }
        if (checkpoint.empty())
          throw ParameterError(
            "--restart: no usable checkpoint in '" +
            internal::checkpoint_folder(d.run.folder) + "' (" + damaged +
            "); run with --overwrite to start from the beginning.");
        if (root && checkpoint != candidates.front())
          out << "warning: using the previous checkpoint '" << checkpoint
              << "' instead.\n";
        if (parameter_set(internal::read_text_file(
              checkpoint + "/input.prm")) != parameter_set(d.input_text))
          throw ParameterError(
            "--restart: the parameters differ from those of the run that "
            "wrote '" +
            checkpoint +
            "' (its input.prm holds them); a restart must use the same input "
            "and --set overrides.");
        run_id = internal::checkpoint_run_id(checkpoint);
        if (run_id.empty()) // a checkpoint of an older version
          run_id = internal::new_run_id(communicator);
      }

    dealii::parallel::distributed::Triangulation<dim> tria(communicator);
    DiscGeometry                                      geometry = d.geometry;
    if (d.mesh_file.empty())
      make_half_disc_mesh<dim>(tria, geometry);
    else
      {
        read_disc_mesh<dim>(tria, d.mesh_file);
        const auto extent  = disc_extent<dim>(tria);
        geometry.diameter  = 2. * extent.radius;
        geometry.thickness = 2. * extent.half_thickness;
      }
    if (d.top_layer_thickness > 0.)
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->center()[dim - 1] >
            geometry.thickness / 2. - d.top_layer_thickness)
          cell->set_material_id(1);

    typename QuasiStaticSolid<dim>::MaterialMap materials;
    for (const auto &[id, model] : d.materials)
      materials[id] = model;
    // Collective check (every rank throws or none).
    unsigned int missing = 0;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned() &&
          materials.find(cell->material_id()) == materials.end())
        missing = std::max<unsigned int>(missing, cell->material_id() + 1);
    missing = dealii::Utilities::MPI::max(missing, communicator);
    if (missing > 0)
      throw ParameterError("The mesh has material id " +
                           std::to_string(missing - 1) +
                           ", for which no material is given (subsection "
                           "'Material " +
                           std::to_string(missing - 1) + "').");

    const auto &solver_parameters = [&d]() -> const auto &
    {
      if constexpr (dim == 2)
        return d.solver2;
      else
        return d.solver3;
    }
    ();
    auto solid_ptr = std::make_unique<QuasiStaticSolid<dim>>(
      tria,
      solver_parameters,
      materials,
      d.platen,
      geometry.thickness / 2.,
      disc_symmetry_multiplicity<dim>());
    QuasiStaticSolid<dim> &solid = *solid_ptr;
    // An exception must not leave through the solid's destructor: its
    // TimerOutput would print a warning about it. Destroy it first.
    try
      {
        CompressionResume resume;
        bool              last_written = true;
        if (restart)
          {
            solid.load_checkpoint(checkpoint + "/solid");
            internal::parse_run_state(internal::read_text_file(checkpoint +
                                                               "/run.txt"),
                                      checkpoint + "/run.txt",
                                      resume,
                                      last_written);
          }
        else
          solid.setup();

        const std::unique_ptr<ResultsFile> results_ptr =
          restart ?
            std::make_unique<ResultsFile>(d.run.folder,
                                          communicator,
                                          curve_columns(),
                                          internal::read_text_file(
                                            checkpoint + "/results.txt")) :
            std::make_unique<ResultsFile>(
              d.run.folder, communicator, curve_columns(), d.input_text, "prm");
        ResultsFile &results = *results_ptr;
        results.set_field_units(internal::field_units());
        if (restart && results.n_curve_rows() != resume.summary.history.size())
          throw ParameterError("Checkpoint '" + checkpoint + "' holds " +
                               std::to_string(results.n_curve_rows()) +
                               " curve rows and " +
                               std::to_string(resume.summary.history.size()) +
                               " steps; it is damaged.");
        if (root)
          {
            internal::write_small_file(d.run.folder + "/material",
                                       d.paper_data_set + "\n");
            internal::write_small_file(d.run.folder + "/run_id", run_id + "\n");
          }

        if (root)
          out << "compress_disc: " << (dim == 2 ? "axisymmetric" : "3D quarter")
              << " disc D = " << geometry.diameter * 1e3
              << " mm, h = " << geometry.thickness * 1e3 << " mm, "
              << tria.n_global_active_cells() << " cells, " << solid.n_dofs()
              << " unknowns, "
              << dealii::Utilities::MPI::n_mpi_processes(communicator)
              << " MPI rank(s)\n"
              << "load protocol: " << d.run.protocol.to_string() << "\n\n";
        if (root && restart)
          out << "restarted from " << checkpoint
              << " at t = " << resume.stepper.time << " s (step "
              << resume.summary.steps << ")\n\n";
        if (root)
          print_progress_header(out);

        // on_step sees the initial state first (step 0), then every accepted
        // step.
        internal::CellFieldOutput<dim> cell_fields(tria);
        unsigned int                   step = 0;
        CompressionRecord              last;
        if (restart)
          {
            step = resume.summary.history.size();
            last = resume.summary.history.back();
          }
        const auto on_step = [&](const CompressionRecord &r) {
          last = r;
          results.append_curve_row(curve_row(r));
          if (root && step > 0)
            print_progress_line(out, r);
          const bool due = d.run.field_output_due(step, r.on_target);
          ++step;
          if (due)
            write_fields(results, solid, cell_fields, r);
          last_written = due;
        };
        // Checkpoints after every checkpoint_interval accepted steps. One
        // that cannot be written is reported and the run goes on.
        const auto after_step = [&](const TimeStepper::State &state,
                                    const CompressionSummary &so_far) {
          if (d.checkpoint_interval == 0 ||
              so_far.steps % d.checkpoint_interval != 0)
            return;
          try
            {
              const std::string partial =
                internal::begin_checkpoint(d.run.folder,
                                           so_far.steps,
                                           communicator);
              solid.save_checkpoint(partial + "/solid");
              internal::finish_checkpoint(
                partial,
                {{"run.txt",
                  internal::run_state_text(state, so_far, last_written)},
                 {"results.txt", results.checkpoint_state()},
                 {"input.prm", d.input_text}},
                checkpoints_kept,
                run_id,
                communicator);
            }
          catch (const ParameterError &e)
            {
              if (root)
                out << "warning: no checkpoint after step " << so_far.steps
                    << ": " << e.what() << '\n';
            }
        };
        const auto summary = run_compression<dim>(solid,
                                                  d.run.protocol,
                                                  d.run.stepping,
                                                  geometry.thickness,
                                                  geometry.diameter,
                                                  d.run.report_pressures,
                                                  on_step,
                                                  restart ? &resume : nullptr,
                                                  after_step);
        if (!last_written && d.run.field_output != "none")
          write_fields(results, solid, cell_fields, last);
        results.flush_curves();
        if (root)
          print_summary_table(out,
                              summary,
                              d.run.report_pressures,
                              d.run.folder);
        return summary;
      }
    catch (...)
      {
        solid_ptr.reset();
        throw;
      }
  }

  template CompressionSummary
  DiscCompression::run_dim<2>(MPI_Comm, std::ostream &, bool, bool) const;
  template CompressionSummary
  DiscCompression::run_dim<3>(MPI_Comm, std::ostream &, bool, bool) const;
} // namespace anodemech
