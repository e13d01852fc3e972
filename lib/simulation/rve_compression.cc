#include <anodemech/base/parameter_error.h>
#include <anodemech/composite/micromechanics.h>
#include <anodemech/composite/recipe.h>
#include <anodemech/composite/voxel_rve.h>
#include <anodemech/contact/rigid_platen.h>
#include <anodemech/io/results_file.h>
#include <anodemech/materials/material_factory.h>
#include <anodemech/materials/transversely_isotropic_elasticity.h>
#include <anodemech/mechanics/quasi_static_solid.h>
#include <anodemech/simulation/rve_compression.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>
#include <deal.II/distributed/tria.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <map>
#include <ostream>
#include <sstream>

#include "field_output.h"

namespace anodemech
{
  namespace
  {
    constexpr unsigned int n_phases = 5;

    const std::array<const char *, n_phases> phase_keys{
      {"void", "warp_tow", "weft_tow", "lithium", "electrolyte"}};

    std::vector<CurveColumn>
    curve_columns()
    {
      std::vector<CurveColumn> columns{
        {"time_s", "s", "time"},
        {"time_step_s", "s", "time step that ended at this time"},
        {"nominal_pressure_Pa", "Pa", "platen force / initial top area"},
        {"platen_force_N", "N", "force on the RVE"},
        {"thickness_m", "m", "current RVE height"},
        {"thickness_strain_pct",
         "%",
         "through-thickness nominal strain (H - H0) / H0"},
        {"lateral_strain_x_pct", "%", "lateral nominal strain along x"},
        {"lateral_strain_y_pct", "%", "lateral nominal strain along y"}};
      for (unsigned int p = 0; p < n_phases; ++p)
        columns.push_back({std::string("stress_zz_") + phase_keys[p] + "_Pa",
                           "Pa",
                           std::string("mean Cauchy stress sigma_zz in the ") +
                             phase_keys[p] + " phase"});
      for (unsigned int p = 0; p < n_phases; ++p)
        columns.push_back({std::string("load_share_") + phase_keys[p],
                           "-",
                           std::string("share of the ") + phase_keys[p] +
                             " phase in the through-thickness load"});
      columns.push_back({"newton_iterations", "-", "Newton iterations"});
      columns.push_back(
        {"on_target", "-", "1 if the step landed on a report pressure"});
      return columns;
    }

    std::vector<double>
    curve_row(const RVERecord &r)
    {
      std::vector<double> row{r.step.time,
                              r.step.time_step,
                              r.step.nominal_pressure,
                              r.step.platen_force,
                              r.step.thickness,
                              r.thickness_strain_pct,
                              r.lateral_strain_pct[0],
                              r.lateral_strain_pct[1]};
      row.insert(row.end(), r.phase_stress_zz.begin(), r.phase_stress_zz.end());
      row.insert(row.end(),
                 r.phase_load_share.begin(),
                 r.phase_load_share.end());
      row.push_back(r.step.newton_iterations);
      row.push_back(r.step.on_target ? 1. : 0.);
      return row;
    }

    /// Parse "a, b, c" into three numbers (entry @p name).
    std::array<double, 3>
    parse_triple(const std::string &text, const std::string &name)
    {
      const auto v = internal::parse_numbers(text, name);
      if (v.size() != 3)
        throw ParameterError("Parameter '" + name +
                             "' must hold three comma-separated numbers, "
                             "not '" +
                             text + "'.");
      return {{v[0], v[1], v[2]}};
    }

    /// Enters a subsection of a ParameterHandler and leaves it on scope exit
    /// (also when an error is thrown).
    class Subsection
    {
    public:
      Subsection(dealii::ParameterHandler &prm, const std::string &name)
        : prm(prm)
      {
        prm.enter_subsection(name);
      }
      ~Subsection()
      {
        prm.leave_subsection();
      }
      Subsection(const Subsection &) = delete;
      Subsection &
      operator=(const Subsection &) = delete;

    private:
      dealii::ParameterHandler &prm;
    };

    /// Create a model from the subsection @p section (message names it).
    std::shared_ptr<const ConstitutiveModel>
    create_material(dealii::ParameterHandler &prm, const std::string &section)
    {
      prm.enter_subsection(section);
      try
        {
          std::shared_ptr<const ConstitutiveModel> model =
            MaterialFactory::create(prm);
          prm.leave_subsection();
          return model;
        }
      catch (const ParameterError &e)
        {
          prm.leave_subsection();
          throw ParameterError("In subsection '" + section + "': " + e.what());
        }
    }
  } // namespace



  struct RVECompression::Data
  {
    std::string input_text;

    composite::VoxelRVE  rve;
    std::string          source;
    std::string          lateral_faces;
    dealii::Tensor<1, 3> uniform_direction;
    std::string          description;

    std::map<dealii::types::material_id,
             std::shared_ptr<const ConstitutiveModel>>
      materials;

    internal::RunSettings           run;
    QuasiStaticSolid<3>::Parameters solver;
  };



  void
  RVECompression::declare_parameters(dealii::ParameterHandler &prm)
  {
    using namespace dealii::Patterns;
    prm.enter_subsection("RVE");
    {
      prm.declare_entry("Source",
                        "plain weave",
                        Selection("plain weave|label volume|uniform"),
                        "Where the voxel labels come from: a generated "
                        "plain-weave unit cell (subsection Plain weave), a "
                        "segmented scan in HDF5 (subsection Label volume), "
                        "or one phase filling a box (subsection Uniform).");
      prm.declare_entry("Lateral faces",
                        "planar",
                        Selection("planar|free"),
                        "planar: the faces x = Lx and y = Ly stay plane and "
                        "carry no net force (x = 0, y = 0 are symmetry "
                        "planes); free: x = Lx and y = Ly are traction "
                        "free.");
      prm.declare_entry("Phase fractions from recipe",
                        "true",
                        Bool(),
                        "Plain weave only: take the lithium and electrolyte "
                        "fractions, the coating thickness and the fibre "
                        "fraction inside a tow from subsection Recipe and "
                        "the tow geometry (overriding the entries of "
                        "subsection Plain weave).");
      prm.enter_subsection("Plain weave");
      composite::PlainWeaveParameters::declare_parameters(prm);
      prm.leave_subsection();
      prm.enter_subsection("Label volume");
      {
        prm.declare_entry("File",
                          "",
                          Anything(),
                          "HDF5 file of the segmented volume; relative to "
                          "the input file.");
        prm.declare_entry("Dataset",
                          "labels",
                          Anything(),
                          "Integer dataset of shape (nz, ny, nx).");
        prm.declare_entry("Voxel size",
                          "1e-5, 1e-5, 1e-5",
                          Anything(),
                          "Voxel edge lengths along x, y, z [m].");
        prm.declare_entry("Label map",
                          "0:void, 1:warp tow, 2:weft tow, 3:lithium, "
                          "4:electrolyte",
                          Anything(),
                          "Scan label -> phase, 'label:phase' pairs; phases: "
                          "void, warp tow (fibres along x), weft tow (fibres "
                          "along y), lithium, electrolyte.");
      }
      prm.leave_subsection();
      prm.enter_subsection("Uniform");
      {
        prm.declare_entry("Phase",
                          "lithium",
                          Selection("void|warp tow|weft tow|lithium|"
                                    "electrolyte"),
                          "The phase that fills the box.");
        prm.declare_entry("Size",
                          "1e-4, 1e-4, 1e-4",
                          Anything(),
                          "Box edge lengths along x, y, z [m].");
        prm.declare_entry("Voxels",
                          "2, 2, 2",
                          Anything(),
                          "Voxels along x, y, z [-].");
        prm.declare_entry("Fibre direction",
                          "1, 0, 0",
                          Anything(),
                          "Fibre direction of a tow phase [-] (normalised).");
      }
      prm.leave_subsection();
    }
    prm.leave_subsection();

    prm.enter_subsection("Recipe");
    composite::CompositeRecipe::declare_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Tow");
    composite::TowConstituents::declare_parameters(prm);
    prm.leave_subsection();

    for (const auto &[phase, model] :
         std::vector<std::pair<std::string, std::string>>{
           {"lithium", "norton creep"},
           {"electrolyte", "neo-hookean"},
           {"void", "neo-hookean"}})
      {
        prm.enter_subsection("Material " + phase);
        MaterialFactory::declare_parameters(prm, model);
        prm.leave_subsection();
      }
    // Defaults of the soft phases.
    prm.enter_subsection("Material electrolyte");
    prm.enter_subsection(MaterialFactory::subsection_name("neo-hookean"));
    prm.set("Young's modulus", "5e6");
    prm.set("Poisson's ratio", "0.49");
    prm.leave_subsection();
    prm.leave_subsection();
    prm.enter_subsection("Material void");
    prm.enter_subsection(MaterialFactory::subsection_name("neo-hookean"));
    prm.set("Young's modulus", "1e5");
    prm.set("Poisson's ratio", "0.3");
    prm.leave_subsection();
    prm.leave_subsection();

    internal::RunSettings::declare_loading(prm);
    prm.enter_subsection("Solver");
    QuasiStaticSolid<3>::Parameters::declare_parameters(prm);
    prm.set("Polynomial degree", "1");
    prm.set("Mapping degree", "1");
    prm.leave_subsection();
    internal::RunSettings::declare_output(
      prm, "rve_results", "results.h5, results.xdmf, curves.csv and labels.h5");
  }



  RVECompression::RVECompression(dealii::ParameterHandler &prm,
                                 const std::string        &input_text,
                                 const std::string        &input_directory)
  {
    auto d        = std::make_unique<Data>();
    d->input_text = input_text;

    composite::CompositeRecipe recipe;
    {
      Subsection section(prm, "Recipe");
      recipe.parse_parameters(prm);
    }

    std::ostringstream description;
    double             fibre_fraction_in_tow = 0.;
    {
      // Tows of a scan or of a uniform box: the fibre fraction of
      // subsection Tow (a plain weave has its own).
      Subsection section(prm, "Tow");
      fibre_fraction_in_tow = prm.get_double("Fibre fraction inside a tow");
    }
    {
      Subsection rve_section(prm, "RVE");
      {
        d->source              = prm.get("Source");
        d->lateral_faces       = prm.get("Lateral faces");
        const bool from_recipe = prm.get_bool("Phase fractions from recipe");

        if (d->source == "plain weave")
          {
            composite::PlainWeaveParameters weave;
            {
              Subsection section(prm, "Plain weave");
              weave.parse_parameters(prm);
            }
            if (from_recipe)
              {
                const auto   r    = composite::phases_from_recipe(recipe);
                const double A    = weave.effective_crimp_amplitude();
                const double L    = 2. * A + weave.tow_thickness;
                const double H    = L + 2. * r.coating_thickness;
                const double tows = M_PI * weave.tow_width *
                                    weave.tow_thickness /
                                    (2. * weave.tow_spacing * L);
                if (std::abs(L - recipe.cloth_thickness) >
                    0.01 * recipe.cloth_thickness)
                  throw ParameterError(
                    "With 'Phase fractions from recipe', the woven layer "
                    "(2 x crimp amplitude + tow thickness = " +
                    format_number(L) +
                    " m) must be as thick as the recipe's 'Cloth thickness' "
                    "(" +
                    format_number(recipe.cloth_thickness) + " m).");
                const double fibre          = r.cloth_layer.fibre;
                weave.fiber_fraction_in_tow = fibre / tows;
                if (!(weave.fiber_fraction_in_tow <= 0.9069))
                  throw ParameterError(
                    "The tows (volume fraction " + format_number(tows) +
                    " of the woven layer) are too small to hold the recipe's "
                    "fibres (" +
                    format_number(fibre) +
                    "): increase 'Tow width' or 'Tow thickness' (subsection "
                    "Plain weave).");
                // The tows' pores are filled with lithium; the rest of the
                // recipe's lithium lies between the tows.
                const double lithium_between =
                  r.cloth_layer.lithium -
                  tows * (1. - weave.fiber_fraction_in_tow);
                if (lithium_between < 0.)
                  throw ParameterError(
                    "The recipe's lithium does not fill the pores inside the "
                    "tows; reduce 'Tow width' or 'Tow thickness'.");
                weave.coating_thickness    = r.coating_thickness;
                weave.lithium_fraction     = lithium_between * L / H;
                weave.electrolyte_fraction = r.composite.gpe;
                description << "phase fractions from the recipe: fibre "
                            << fibre << " of the woven layer, tows " << tows
                            << " (fibre fraction inside a tow "
                            << weave.fiber_fraction_in_tow << "), coating "
                            << r.coating_thickness * 1e6 << " um per face\n";
              }
            weave.validate();
            fibre_fraction_in_tow = weave.fiber_fraction_in_tow;
            d->rve                = composite::generate_plain_weave(weave);
            description << "plain-weave RVE: tow spacing "
                        << weave.tow_spacing * 1e3 << " mm, width "
                        << weave.tow_width * 1e3 << " mm, thickness "
                        << weave.tow_thickness * 1e3 << " mm\n";
          }
        else if (d->source == "label volume")
          {
            Subsection            section(prm, "Label volume");
            std::filesystem::path path(prm.get("File"));
            const std::string     dataset = prm.get("Dataset");
            const auto            voxel =
              parse_triple(prm.get("Voxel size"), "Voxel size");
            const auto map = composite::parse_label_map(prm.get("Label map"));
            if (path.empty())
              throw ParameterError("Parameter 'File' (subsection RVE/Label "
                                   "volume) must name an HDF5 file.");
            if (path.is_relative() && !input_directory.empty())
              path = std::filesystem::path(input_directory) / path;
            for (const double h : voxel)
              checks::positive("Voxel size", h, "m");
            d->rve =
              composite::read_label_volume(path.string(), dataset, voxel, map);
            description << "label volume " << path.string() << ":" << dataset
                        << '\n';
          }
        else
          {
            Subsection        section(prm, "Uniform");
            const std::string phase = prm.get("Phase");
            const auto        size  = parse_triple(prm.get("Size"), "Size");
            const auto        n     = parse_triple(prm.get("Voxels"), "Voxels");
            const auto        a =
              parse_triple(prm.get("Fibre direction"), "Fibre direction");
            const auto map  = composite::parse_label_map("0:" + phase);
            d->rve.n_voxels = {};
            for (unsigned int i = 0; i < 3; ++i)
              {
                checks::positive("Size", size[i], "m");
                if (!(n[i] >= 1. && n[i] <= 1024. && n[i] == std::floor(n[i])))
                  throw ParameterError("Parameter 'Voxels' (subsection "
                                       "RVE/Uniform) must hold integers from "
                                       "1 to 1024.");
                d->rve.n_voxels[i]   = static_cast<unsigned int>(n[i]);
                d->rve.voxel_size[i] = size[i] / n[i];
              }
            d->rve.labels.assign(static_cast<std::size_t>(n[0] * n[1] * n[2]),
                                 map.at(0));
            for (unsigned int i = 0; i < 3; ++i)
              d->uniform_direction[i] = a[i];
            if (!(d->uniform_direction.norm() > 0.))
              throw ParameterError("Parameter 'Fibre direction' (subsection "
                                   "RVE/Uniform) must not be zero.");
            d->uniform_direction /= d->uniform_direction.norm();
            description << "uniform " << phase << " box\n";
          }
      }
    }

    // Materials of the phases present.
    const auto fractions = d->rve.phase_fractions();
    if (fractions[composite::phase_ids::warp_tow] > 0. ||
        fractions[composite::phase_ids::weft_tow] > 0.)
      {
        composite::TowConstituents constituents;
        {
          Subsection section(prm, "Tow");
          constituents.parse_parameters(prm);
        }
        constituents.fibre_fraction = fibre_fraction_in_tow;
        const auto tow = composite::tow_elastic_constants(constituents);
        auto       model =
          std::make_shared<const TransverselyIsotropicElasticity>(tow);
        d->materials[composite::phase_ids::warp_tow] = model;
        d->materials[composite::phase_ids::weft_tow] = model;
        description << "tow (fibre fraction " << fibre_fraction_in_tow
                    << "): E_L " << tow.axial_youngs_modulus / 1e9
                    << " GPa, E_T " << tow.transverse_youngs_modulus / 1e9
                    << " GPa, G_LT " << tow.axial_shear_modulus / 1e9
                    << " GPa, nu_LT " << tow.axial_poisson_ratio << ", nu_TT "
                    << tow.transverse_poisson_ratio << '\n';
      }
    if (fractions[composite::phase_ids::lithium] > 0.)
      d->materials[composite::phase_ids::lithium] =
        create_material(prm, "Material lithium");
    if (fractions[composite::phase_ids::electrolyte] > 0.)
      d->materials[composite::phase_ids::electrolyte] =
        create_material(prm, "Material electrolyte");
    if (fractions[composite::phase_ids::void_phase] > 0.)
      d->materials[composite::phase_ids::void_phase] =
        create_material(prm, "Material void");

    d->run.parse_loading(prm);
    prm.enter_subsection("Solver");
    d->solver.parse_parameters(prm);
    prm.leave_subsection();
    d->run.parse_output(prm);

    description << "voxels " << d->rve.n_voxels[0] << " x "
                << d->rve.n_voxels[1] << " x " << d->rve.n_voxels[2]
                << ", size " << d->rve.n_voxels[0] * d->rve.voxel_size[0] * 1e3
                << " x " << d->rve.n_voxels[1] * d->rve.voxel_size[1] * 1e3
                << " x " << d->rve.n_voxels[2] * d->rve.voxel_size[2] * 1e3
                << " mm; phase fractions:";
    for (unsigned int p = 0; p < n_phases; ++p)
      description << ' ' << phase_keys[p] << ' ' << fractions[p];
    description << '\n';
    d->description = description.str();
    data           = std::move(d);
  }



  RVECompression::~RVECompression() = default;



  const std::string &
  RVECompression::output_folder() const
  {
    return data->run.folder;
  }



  std::string
  RVECompression::description() const
  {
    return data->description;
  }



  std::array<double, 5>
  RVECompression::phase_fractions() const
  {
    return data->rve.phase_fractions();
  }



  RVEResult
  RVECompression::run(const MPI_Comm communicator, std::ostream &out) const
  {
    const Data &d = *data;
    const bool  root =
      dealii::Utilities::MPI::this_mpi_process(communicator) == 0;

    RVEResult result;
    result.phase_fractions = d.rve.phase_fractions();
    result.n_voxels        = d.rve.n_voxels;
    for (unsigned int i = 0; i < 3; ++i)
      result.size[i] = d.rve.n_voxels[i] * d.rve.voxel_size[i];
    result.lateral_faces = d.lateral_faces;
    const double H       = result.size[2];

    dealii::parallel::distributed::Triangulation<3> tria(communicator);
    composite::create_voxel_mesh(d.rve, tria);

    QuasiStaticSolid<3>::BoundaryConditions bc;
    bc.fixed_components = {{0, 0}, {2, 1}, {4, 2}};
    if (d.lateral_faces == "planar")
      bc.planar_components = {{1, 0}, {3, 1}};
    // The top face: pressed by a rigid frictionless platen bonded to it
    // (planar in z, loaded by the force as a dead nominal pressure).
    bc.planar_components.emplace_back(5, 2);
    bc.force_boundaries = {5};

    QuasiStaticSolid<3>::MaterialMap materials(d.materials.begin(),
                                               d.materials.end());
    auto solid_ptr = std::make_unique<QuasiStaticSolid<3>>(
      tria, d.solver, materials, RigidPlaten::Parameters(), H, 1., bc);
    QuasiStaticSolid<3> &solid = *solid_ptr;
    if (d.source == "uniform")
      {
        const dealii::Tensor<1, 3> a = d.uniform_direction;
        solid.set_material_direction_function(
          [a](const dealii::Point<3> &, dealii::types::material_id) {
            return a;
          });
      }
    else
      {
        const composite::VoxelRVE *rve = &d.rve;
        solid.set_material_direction_function(
          [rve](const dealii::Point<3> &p, dealii::types::material_id id) {
            return rve->fiber_direction(p, id);
          });
      }
    try
      {
        solid.setup();
        ResultsFile results(
          d.run.folder, communicator, curve_columns(), d.input_text, "prm");
        results.set_field_units(internal::field_units());
        if (root)
          composite::write_label_volume(d.rve,
                                        d.run.folder + "/labels.h5",
                                        "labels");
        if (root)
          out << "rve_compress: " << d.description
              << tria.n_global_active_cells() << " cells, " << solid.n_dofs()
              << " unknowns, "
              << dealii::Utilities::MPI::n_mpi_processes(communicator)
              << " MPI rank(s); lateral faces " << d.lateral_faces << '\n'
              << "load protocol: " << d.run.protocol.to_string() << "\n\n"
              << std::setw(10) << "time [s]" << std::setw(11) << "p [MPa]"
              << std::setw(11) << "dt [s]" << std::setw(7) << "Newton"
              << std::setw(12) << "eps_zz [%]" << std::setw(12) << "eps_xx [%]"
              << std::setw(12) << "eps_yy [%]" << std::setw(11) << "tows [%]"
              << std::setw(11) << "Li [%]" << '\n';

        internal::CellFieldOutput<3> cell_fields(tria);
        unsigned int                 step = 0;
        RVERecord                    last;
        bool                         last_written = true;
        const auto record_of = [&](const CompressionRecord &r) {
          RVERecord rec;
          rec.step = r;
          rec.thickness_strain_pct =
            100. * solid.boundary_displacement(5, 2) / H;
          rec.step.thickness = H * (1. + rec.thickness_strain_pct / 100.);
          if (d.lateral_faces == "planar")
            {
              rec.lateral_strain_pct[0] =
                100. * solid.boundary_displacement(1, 0) / result.size[0];
              rec.lateral_strain_pct[1] =
                100. * solid.boundary_displacement(3, 1) / result.size[1];
            }
          // Phase averages of sigma_zz over equal voxels.
          const auto                   averages = solid.cell_averages();
          std::array<double, n_phases> sum{}, count{};
          for (const auto &cell : tria.active_cell_iterators())
            if (cell->is_locally_owned())
              {
                const unsigned int p = cell->material_id();
                sum[p] +=
                  averages.cauchy_stress[cell->active_cell_index()][2][2];
                count[p] += 1.;
              }
          for (unsigned int p = 0; p < n_phases; ++p)
            {
              sum[p]   = dealii::Utilities::MPI::sum(sum[p], communicator);
              count[p] = dealii::Utilities::MPI::sum(count[p], communicator);
            }
          const double n_cells = tria.n_global_active_cells();
          double       total   = 0.;
          for (unsigned int p = 0; p < n_phases; ++p)
            {
              rec.phase_stress_zz[p] = count[p] > 0. ? sum[p] / count[p] : 0.;
              total += sum[p] / n_cells;
            }
          for (unsigned int p = 0; p < n_phases; ++p)
            rec.phase_load_share[p] =
              total != 0. ? sum[p] / n_cells / total : 0.;
          return rec;
        };
        const auto on_step = [&](const CompressionRecord &r) {
          last = record_of(r);
          result.records.push_back(last);
          results.append_curve_row(curve_row(last));
          if (root && step > 0)
            out << std::setw(10) << std::setprecision(4) << r.time
                << std::setw(11) << r.nominal_pressure / 1e6 << std::setw(11)
                << std::setprecision(3) << r.time_step << std::setw(7)
                << r.newton_iterations << std::setw(12) << std::setprecision(4)
                << last.thickness_strain_pct << std::setw(12)
                << last.lateral_strain_pct[0] << std::setw(12)
                << last.lateral_strain_pct[1] << std::setw(11)
                << 100. * (last.phase_load_share[1] + last.phase_load_share[2])
                << std::setw(11) << 100. * last.phase_load_share[3] << '\n';
          const bool due = d.run.field_output_due(step, r.on_target);
          ++step;
          if (due)
            internal::write_fields(results,
                                   solid,
                                   cell_fields,
                                   r.time,
                                   {{"nominal_pressure", r.nominal_pressure},
                                    {"thickness_strain_pct",
                                     last.thickness_strain_pct}});
          last_written = due;
        };
        const double diagonal = 2. * std::hypot(result.size[0], result.size[1]);
        result.summary        = run_compression<3>(solid,
                                            d.run.protocol,
                                            d.run.stepping,
                                            2. * H,
                                            diagonal,
                                            d.run.report_pressures,
                                            on_step);
        if (!last_written && d.run.field_output != "none")
          internal::write_fields(
            results,
            solid,
            cell_fields,
            last.step.time,
            {{"nominal_pressure", last.step.nominal_pressure},
             {"thickness_strain_pct", last.thickness_strain_pct}});
        results.flush_curves();
        if (root)
          {
            out << "\nSummary";
            if (!result.summary.completed)
              out << " (run stopped early: " << result.summary.failure_reason
                  << ")";
            out << "\n  p [MPa]  eps_zz [%]  eps_xx [%]  load share: tows  "
                   "lithium  electrolyte  void\n";
            for (const auto &r : result.records)
              if (r.step.on_target)
                out << std::fixed << std::setprecision(2) << std::setw(9)
                    << r.step.nominal_pressure / 1e6 << std::setprecision(4)
                    << std::setw(12) << r.thickness_strain_pct << std::setw(12)
                    << r.lateral_strain_pct[0] << std::setprecision(3)
                    << std::setw(18)
                    << r.phase_load_share[1] + r.phase_load_share[2]
                    << std::setw(9) << r.phase_load_share[3] << std::setw(13)
                    << r.phase_load_share[4] << std::setw(6)
                    << r.phase_load_share[0] << '\n'
                    << std::defaultfloat;
            out << "  " << result.summary.steps << " steps ("
                << result.summary.rejected_steps << " rejected), "
                << result.summary.newton_iterations << " Newton iterations, "
                << result.summary.linear_iterations << " linear iterations\n"
                << "Results: " << d.run.folder << "/results.h5, "
                << d.run.folder << "/results.xdmf (ParaView), " << d.run.folder
                << "/curves.csv, " << d.run.folder << "/labels.h5\n";
          }
        return result;
      }
    catch (...)
      {
        solid_ptr.reset();
        throw;
      }
  }
} // namespace anodemech
