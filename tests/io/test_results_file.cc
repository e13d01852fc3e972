// ResultsFile: results.h5 holds the curves, the input and the field steps;
// results.xdmf refers to exactly the datasets that exist, with their
// dimensions; the field at the nodes is the analytic one; no write leaves a
// .tmp file or a broken file behind; errors name the folder and reach every
// rank; the gathered field on several ranks equals the one of one rank.
// Run on 1 rank and on 2 (io/mpi2/ResultsFile).
#include <anodemech/base/parameter_error.h>
#include <anodemech/io/results_file.h>

#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/tensor.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/lac/la_parallel_vector.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_postprocessor.h>
#include <deal.II/numerics/vector_tools.h>

#include <gtest/gtest.h>
#include <hdf5.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "../test_utilities.h"

namespace anodemech
{
  namespace
  {
    namespace fs = std::filesystem;

    bool
    is_root()
    {
      return dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
    }

    /// Empty folder io_test_output/np<ranks>/<name> (same on all ranks).
    std::string
    fresh_folder(const std::string &name)
    {
      const std::string folder =
        "io_test_output/np" +
        std::to_string(
          dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD)) +
        "/" + name;
      if (is_root())
        {
          fs::remove_all(folder);
          fs::create_directories(fs::path(folder).parent_path());
        }
      MPI_Barrier(MPI_COMM_WORLD);
      return folder;
    }

    // ---------------------------------------------------------------------
    // Reading results.h5 back with the HDF5 C API.
    // ---------------------------------------------------------------------

    /// results.h5 opened read-only.
    class H5Reader
    {
    public:
      explicit H5Reader(const std::string &path)
        : file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT))
      {}

      ~H5Reader()
      {
        if (file >= 0)
          H5Fclose(file);
      }

      H5Reader(const H5Reader &) = delete;
      H5Reader &
      operator=(const H5Reader &) = delete;

      bool
      is_open() const
      {
        return file >= 0;
      }

      /// True if every link on @p path (absolute) exists.
      bool
      exists(const std::string &path) const
      {
        std::string       partial;
        std::stringstream parts(path.substr(1));
        std::string       part;
        while (std::getline(parts, part, '/'))
          {
            partial += "/" + part;
            if (H5Lexists(file, partial.c_str(), H5P_DEFAULT) <= 0)
              return false;
          }
        return true;
      }

      std::vector<hsize_t>
      dims(const std::string &path) const
      {
        const hid_t dataset = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
        const hid_t space   = H5Dget_space(dataset);
        std::vector<hsize_t> d(H5Sget_simple_extent_ndims(space));
        H5Sget_simple_extent_dims(space, d.data(), nullptr);
        H5Sclose(space);
        H5Dclose(dataset);
        return d;
      }

      template <typename T>
      std::vector<T>
      read(const std::string &path, const hid_t memory_type) const
      {
        hsize_t size = 1;
        for (const hsize_t d : dims(path))
          size *= d;
        std::vector<T> values(size);
        const hid_t    dataset = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
        if (size > 0)
          {
            EXPECT_GE(H5Dread(dataset,
                              memory_type,
                              H5S_ALL,
                              H5S_ALL,
                              H5P_DEFAULT,
                              values.data()),
                      0)
              << path;
          }
        H5Dclose(dataset);
        return values;
      }

      std::vector<double>
      doubles(const std::string &path) const
      {
        return read<double>(path, H5T_NATIVE_DOUBLE);
      }

      /// A scalar string dataset.
      std::string
      string(const std::string &path) const
      {
        const hid_t dataset = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
        const hid_t type    = H5Dget_type(dataset);
        char       *text    = nullptr;
        H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &text);
        const std::string out = text ? text : "";
        H5free_memory(text);
        H5Tclose(type);
        H5Dclose(dataset);
        return out;
      }

      std::string
      string_attribute(const std::string &path, const std::string &name) const
      {
        if (H5Aexists_by_name(file, path.c_str(), name.c_str(), H5P_DEFAULT) <=
            0)
          return "<missing>";
        const hid_t attribute = H5Aopen_by_name(
          file, path.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
        const hid_t type = H5Aget_type(attribute);
        char       *text = nullptr;
        H5Aread(attribute, type, &text);
        const std::string out = text ? text : "";
        H5free_memory(text);
        H5Tclose(type);
        H5Aclose(attribute);
        return out;
      }

      double
      double_attribute(const std::string &path, const std::string &name) const
      {
        double value = std::numeric_limits<double>::quiet_NaN();
        if (H5Aexists_by_name(file, path.c_str(), name.c_str(), H5P_DEFAULT) <=
            0)
          return value;
        const hid_t attribute = H5Aopen_by_name(
          file, path.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
        H5Aread(attribute, H5T_NATIVE_DOUBLE, &value);
        H5Aclose(attribute);
        return value;
      }

    private:
      hid_t file;
    };

    // ---------------------------------------------------------------------
    // The example: a subdivided box, an analytic Q2 displacement, its
    // gradient as a tensor and a cell-data scalar.
    // ---------------------------------------------------------------------

    /// Box [0, 2] x [0, 1] (x [0, 1]) [m], cells per direction.
    template <int dim>
    std::vector<unsigned int>
    repetitions()
    {
      return dim == 2 ? std::vector<unsigned int>{4, 2} :
                        std::vector<unsigned int>{2, 2, 1};
    }

    template <int dim>
    dealii::Point<dim>
    box_corner()
    {
      dealii::Point<dim> p;
      p[0] = 2.;
      for (unsigned int d = 1; d < dim; ++d)
        p[d] = 1.;
      return p;
    }

    /// Displacement [m], in Q2 (degree <= 2 in each coordinate), times s.
    std::array<double, 3>
    exact_displacement(const std::array<double, 3> &x, const double s)
    {
      return {{s * (0.1 * x[0] + 0.2 * x[0] * x[1]),
               s * (-0.05 * x[1] + 0.3 * x[0] * x[0] + 0.1 * x[2]),
               s * (0.1 * x[0] * x[2] - 0.2 * x[1] * x[1] * x[2])}};
    }

    /// Its gradient, du_i/dx_j.
    std::array<std::array<double, 3>, 3>
    exact_gradient(const std::array<double, 3> &x, const double s)
    {
      return {{{{s * (0.1 + 0.2 * x[1]), s * 0.2 * x[0], 0.}},
               {{s * 0.6 * x[0], -s * 0.05, s * 0.1}},
               {{s * 0.1 * x[2],
                 -s * 0.4 * x[1] * x[2],
                 s * (0.1 * x[0] - 0.2 * x[1] * x[1])}}}};
    }

    /// The value of the cell-data scalar on the cell with @p center.
    double
    cell_function(const std::array<double, 3> &center)
    {
      return 1. + 10. * center[0] + 100. * center[1] + 1000. * center[2];
    }

    template <int dim>
    std::array<double, 3>
    to_array(const dealii::Point<dim> &p)
    {
      std::array<double, 3> x{{0., 0., 0.}};
      for (unsigned int d = 0; d < dim; ++d)
        x[d] = p[d];
      return x;
    }

    template <int dim>
    class Displacement : public dealii::Function<dim>
    {
    public:
      explicit Displacement(const double scale)
        : dealii::Function<dim>(dim)
        , scale(scale)
      {}

      double
      value(const dealii::Point<dim> &p,
            const unsigned int        component) const override
      {
        return exact_displacement(to_array(p), scale)[component];
      }

    private:
      double scale;
    };

    /// The displacement gradient as a dim x dim tensor data set "grad_u".
    template <int dim>
    class Gradient : public dealii::DataPostprocessorTensor<dim>
    {
    public:
      Gradient()
        : dealii::DataPostprocessorTensor<dim>("grad_u",
                                               dealii::update_gradients)
      {}

      void
      evaluate_vector_field(
        const dealii::DataPostprocessorInputs::Vector<dim> &inputs,
        std::vector<dealii::Vector<double>> &computed_quantities) const override
      {
        for (unsigned int q = 0; q < computed_quantities.size(); ++q)
          for (unsigned int i = 0; i < dim; ++i)
            for (unsigned int j = 0; j < dim; ++j)
              computed_quantities
                [q][dealii::Tensor<2, dim>::component_to_unrolled_index(
                  dealii::TableIndices<2>(i, j))] =
                  inputs.solution_gradients[q][i][j];
      }
    };

    const std::vector<CurveColumn> &
    curve_columns()
    {
      static const std::vector<CurveColumn> columns = {
        {"time_s", "s", "time"},
        {"nominal_pressure_Pa", "Pa", "platen force / initial area"},
        {"thickness_change_pct", "%", "thickness reduction"},
        {"contact_area_m2", "m^2", "contact area of one platen"}};
      return columns;
    }

    std::vector<double>
    curve_row(const unsigned int i)
    {
      const double t = 0.1 * i;
      return {t, 1e6 * t / 3., 100. * std::sqrt(t) / 7., 1.7671458676e-4 * t};
    }

    const std::string input_text =
      "subsection Loading\n  set Protocol = 0 : 0; 10 : 5e6\nend\n";

    constexpr unsigned int rows_per_step = 3;

    /// Time of field step @p k [s] and the scale of its displacement.
    double
    step_time(const unsigned int k)
    {
      return 0.1 * rows_per_step * (k + 1);
    }

    double
    step_scale(const unsigned int k)
    {
      return 1e-3 * (k + 1);
    }

    /// What a run killed while writing leaves behind (rank 0 writes).
    void
    write_stale_tmp_files(const std::string &folder)
    {
      if (is_root())
        {
          fs::create_directories(folder);
          for (const std::string name :
               {"results.h5.tmp", "results.xdmf.tmp", "curves.csv.tmp"})
            std::ofstream(fs::path(folder) / name) << "half-written garbage";
        }
      MPI_Barrier(MPI_COMM_WORLD);
    }

    /**
     * Write the example on @p communicator into @p folder: per step three
     * curve rows and one field step. With @p stale_tmp_files, garbage .tmp
     * files (from a "killed" run) are put into the folder before the
     * ResultsFile is created and before each step.
     */
    template <int dim>
    void
    write_example(const std::string &folder,
                  const MPI_Comm     communicator,
                  const unsigned int n_steps,
                  const bool         stale_tmp_files = false)
    {
      dealii::parallel::distributed::Triangulation<dim> triangulation(
        communicator);
      dealii::GridGenerator::subdivided_hyper_rectangle(triangulation,
                                                        repetitions<dim>(),
                                                        dealii::Point<dim>(),
                                                        box_corner<dim>());
      const dealii::FESystem<dim> fe(dealii::FE_Q<dim>(2), dim);
      dealii::DoFHandler<dim>     dof_handler(triangulation);
      dof_handler.distribute_dofs(fe);
      dealii::IndexSet relevant;
      dealii::DoFTools::extract_locally_relevant_dofs(dof_handler, relevant);
      dealii::LinearAlgebra::distributed::Vector<double> u(
        dof_handler.locally_owned_dofs(), relevant, communicator);

      dealii::Vector<double> cell_values(triangulation.n_active_cells());
      for (const auto &cell : triangulation.active_cell_iterators())
        if (cell->is_locally_owned())
          cell_values[cell->active_cell_index()] =
            cell_function(to_array(cell->center()));

      if (stale_tmp_files)
        write_stale_tmp_files(folder);
      ResultsFile results(
        folder, communicator, curve_columns(), input_text, "prm");
      // The checks below expect the Q2 node lattice: one node per vertex.
      results.set_merge_shared_vertices(true);
      results.set_field_units({{"displacement", "m"}, {"grad_u", "-"}});
      const Gradient<dim> gradient;
      unsigned int        row = 0;
      for (unsigned int k = 0; k < n_steps; ++k)
        {
          if (stale_tmp_files)
            write_stale_tmp_files(folder);
          for (unsigned int i = 0; i < rows_per_step; ++i)
            results.append_curve_row(curve_row(++row));
          dealii::VectorTools::interpolate(dof_handler,
                                           Displacement<dim>(step_scale(k)),
                                           u);
          u.update_ghost_values();

          dealii::DataOut<dim> data_out;
          data_out.attach_dof_handler(dof_handler);
          data_out.add_data_vector(
            u,
            std::vector<std::string>(dim, "displacement"),
            dealii::DataOut<dim>::type_dof_data,
            std::vector<
              dealii::DataComponentInterpretation::DataComponentInterpretation>(
              dim,
              dealii::DataComponentInterpretation::
                component_is_part_of_vector));
          data_out.add_data_vector(u, gradient);
          data_out.add_data_vector(cell_values,
                                   "cell_value",
                                   dealii::DataOut<dim>::type_cell_data);
          data_out.build_patches(2);

          results.write_field_step(data_out,
                                   step_time(k),
                                   {{"nominal_pressure", 1e6 * (k + 1)}});
        }
      EXPECT_EQ(results.n_field_steps(), n_steps);
      EXPECT_EQ(results.n_curve_rows(), n_steps * rows_per_step);
    }

    std::string
    read_text(const std::string &path)
    {
      std::ifstream     in(path);
      std::stringstream s;
      s << in.rdbuf();
      return s.str();
    }

    std::vector<std::string>
    tmp_files(const std::string &folder)
    {
      std::vector<std::string> found;
      for (const auto &entry : fs::directory_iterator(folder))
        if (entry.path().extension() == ".tmp")
          found.push_back(entry.path().filename().string());
      return found;
    }

    /// Every results.h5 path of the XDMF file exists with its dimensions.
    void
    check_xdmf_against_h5(const std::string &folder,
                          const unsigned int dim,
                          const unsigned int n_steps)
    {
      const std::string xdmf = read_text(folder + "/results.xdmf");
      const H5Reader    h5(folder + "/results.h5");
      ASSERT_TRUE(h5.is_open());

      const std::regex item(
        R"re(<DataItem Dimensions="(\d+) (\d+)"[^>]*>\s*([^<\s]+)\s*</DataItem>)re");
      unsigned int n_items = 0;
      for (auto it = std::sregex_iterator(xdmf.begin(), xdmf.end(), item);
           it != std::sregex_iterator();
           ++it, ++n_items)
        {
          const std::string reference = (*it)[3];
          ASSERT_EQ(reference.rfind("results.h5:/", 0), 0U) << reference;
          const std::string path =
            reference.substr(std::string("results.h5:").size());
          ASSERT_TRUE(h5.exists(path)) << path;
          const std::vector<hsize_t> expected = {std::stoull((*it)[1]),
                                                 std::stoull((*it)[2])};
          EXPECT_EQ(h5.dims(path), expected) << path;
        }
      // nodes, cells, displacement, grad_u, cell_value per step.
      EXPECT_EQ(n_items, 5 * n_steps);

      const std::regex    time(R"re(<Time Value="([^"]+)"/>)re");
      std::vector<double> times;
      for (auto it = std::sregex_iterator(xdmf.begin(), xdmf.end(), time);
           it != std::sregex_iterator();
           ++it)
        times.push_back(std::stod((*it)[1]));
      ASSERT_EQ(times.size(), n_steps);
      for (unsigned int k = 0; k < n_steps; ++k)
        EXPECT_EQ(times[k], step_time(k));

      const auto count = [&](const std::string &text) {
        std::size_t n = 0;
        for (auto p = xdmf.find(text); p != std::string::npos;
             p      = xdmf.find(text, p + 1))
          ++n;
        return n;
      };
      EXPECT_EQ(count("CollectionType=\"Temporal\""), 1U);
      EXPECT_EQ(count("GridType=\"Uniform\""), n_steps);
      EXPECT_EQ(count(dim == 2 ? "TopologyType=\"Quadrilateral\"" :
                                 "TopologyType=\"Hexahedron\""),
                n_steps);
      EXPECT_EQ(count("GeometryType=\"XYZ\""), n_steps);
      EXPECT_EQ(
        count("Name=\"displacement\" AttributeType=\"Vector\" Center=\"Node\""),
        n_steps);
      EXPECT_EQ(count(
                  "Name=\"grad_u\" AttributeType=\"Tensor\" Center=\"Node\""),
                n_steps);
      EXPECT_EQ(
        count("Name=\"cell_value\" AttributeType=\"Scalar\" Center=\"Node\""),
        n_steps);
    }

    /// /curves and curves.csv hold the rows, /input the input.
    void
    check_curves_and_input(const std::string &folder, const unsigned int n_rows)
    {
      const H5Reader h5(folder + "/results.h5");
      ASSERT_TRUE(h5.is_open());
      const auto &columns = curve_columns();
      for (unsigned int c = 0; c < columns.size(); ++c)
        {
          const std::string path = "/curves/" + columns[c].name;
          ASSERT_TRUE(h5.exists(path)) << path;
          const std::vector<double> values = h5.doubles(path);
          ASSERT_EQ(values.size(), n_rows) << path;
          for (unsigned int r = 0; r < n_rows; ++r)
            EXPECT_EQ(values[r], curve_row(r + 1)[c]) << path << " row " << r;
          EXPECT_EQ(h5.string_attribute(path, "units"), columns[c].unit);
          EXPECT_EQ(h5.string_attribute(path, "description"),
                    columns[c].description);
        }
      EXPECT_EQ(h5.string("/input"), input_text);
      EXPECT_EQ(h5.string_attribute("/input", "format"), "prm");

      std::ifstream csv(folder + "/curves.csv");
      std::string   line;
      ASSERT_TRUE(std::getline(csv, line));
      EXPECT_EQ(line,
                "time_s,nominal_pressure_Pa,thickness_change_pct,"
                "contact_area_m2");
      unsigned int r = 0;
      for (; std::getline(csv, line); ++r)
        {
          std::stringstream cells(line);
          std::string       cell;
          for (unsigned int c = 0; std::getline(cells, cell, ','); ++c)
            EXPECT_EQ(std::stod(cell), curve_row(r + 1)[c]) << line;
        }
      EXPECT_EQ(r, n_rows);
    }

    /// Nodes, cells and data of the field steps against the example.
    template <int dim>
    void
    check_fields(const std::string &folder, const unsigned int n_steps)
    {
      const H5Reader h5(folder + "/results.h5");
      ASSERT_TRUE(h5.is_open());
      const auto            reps       = repetitions<dim>();
      const auto            top        = to_array(box_corner<dim>());
      std::size_t           n_q2_nodes = 1, n_cells = 1;
      std::array<double, 3> h{{1., 1., 1.}};
      for (unsigned int d = 0; d < dim; ++d)
        {
          n_q2_nodes *= 2 * reps[d] + 1;
          n_cells *= 2 * reps[d]; // build_patches(2): 2^dim per cell
          h[d] = top[d] / reps[d];
        }

      for (unsigned int k = 0; k < n_steps; ++k)
        {
          char group[32];
          std::snprintf(group, sizeof(group), "/fields/step_%05u", k);
          const std::string g(group);
          ASSERT_TRUE(h5.exists(g + "/nodes")) << g;
          EXPECT_EQ(h5.double_attribute(g, "time"), step_time(k));
          EXPECT_EQ(h5.double_attribute(g, "nominal_pressure"), 1e6 * (k + 1));
          EXPECT_EQ(h5.string_attribute(g + "/nodes", "units"), "m");
          EXPECT_EQ(h5.string_attribute(g + "/displacement", "units"), "m");
          EXPECT_EQ(h5.string_attribute(g + "/grad_u", "units"), "-");
          EXPECT_EQ(h5.string_attribute(g + "/cell_value", "units"),
                    "<missing>");

          // Duplicate vertices merged: exactly the Q2 node lattice.
          EXPECT_EQ(h5.dims(g + "/nodes"),
                    (std::vector<hsize_t>{n_q2_nodes, 3}));
          EXPECT_EQ(h5.dims(g + "/cells"),
                    (std::vector<hsize_t>{n_cells, 1U << dim}));
          EXPECT_EQ(h5.dims(g + "/displacement"),
                    (std::vector<hsize_t>{n_q2_nodes, 3}));
          EXPECT_EQ(h5.dims(g + "/grad_u"),
                    (std::vector<hsize_t>{n_q2_nodes, 9}));
          EXPECT_EQ(h5.dims(g + "/cell_value"),
                    (std::vector<hsize_t>{n_q2_nodes, 1}));

          const auto nodes = h5.doubles(g + "/nodes");
          const auto u     = h5.doubles(g + "/displacement");
          const auto grad  = h5.doubles(g + "/grad_u");
          const auto cv    = h5.doubles(g + "/cell_value");
          const auto cells =
            h5.read<std::uint32_t>(g + "/cells", H5T_NATIVE_UINT32);
          ASSERT_EQ(nodes.size(), 3 * n_q2_nodes);
          ASSERT_EQ(u.size(), 3 * n_q2_nodes);
          ASSERT_EQ(grad.size(), 9 * n_q2_nodes);
          ASSERT_EQ(cv.size(), n_q2_nodes);

          const double s = step_scale(k);
          // Patch data are single precision.
          const double tolerance = 1e-6 * s;
          for (std::size_t i = 0; i < n_q2_nodes; ++i)
            {
              const std::array<double, 3> x{
                {nodes[3 * i], nodes[3 * i + 1], nodes[3 * i + 2]}};
              for (unsigned int d = 0; d < 3; ++d)
                {
                  EXPECT_GE(x[d], 0.);
                  EXPECT_LE(x[d], d < dim ? top[d] : 0.);
                }
              const auto u_exact = exact_displacement(x, s);
              const auto g_exact = exact_gradient(x, s);
              for (unsigned int d = 0; d < 3; ++d)
                EXPECT_NEAR(u[3 * i + d], d < dim ? u_exact[d] : 0., tolerance)
                  << "node " << i << " component " << d;
              for (unsigned int a = 0; a < 3; ++a)
                for (unsigned int b = 0; b < 3; ++b)
                  EXPECT_NEAR(grad[9 * i + 3 * a + b],
                              a < dim && b < dim ? g_exact[a][b] : 0.,
                              10 * tolerance)
                    << "node " << i << " grad_u " << a << b;

              // The cell value of one of the cells around the node.
              bool found = false;
              for (unsigned int c = 0; c < 8 && !found; ++c)
                {
                  std::array<double, 3> center{{0., 0., 0.}};
                  bool                  inside = true;
                  for (unsigned int d = 0; d < dim; ++d)
                    {
                      const double base =
                        std::floor(x[d] / h[d] - 1e-9 + ((c >> d) & 1U));
                      center[d] = (base + 0.5) * h[d];
                      inside    = inside && base >= 0 && base < reps[d];
                    }
                  found =
                    inside && std::abs(cv[i] - cell_function(center)) < 1e-3;
                }
              EXPECT_TRUE(found) << "node " << i << ": " << cv[i];
            }

          // Cells in VTK order: positive area (2D) or volume (3D).
          ASSERT_EQ(cells.size(), n_cells << dim);
          for (std::size_t c = 0; c < n_cells; ++c)
            {
              const auto vertex = [&](const unsigned int v,
                                      const unsigned int d) {
                return nodes[3 * cells[(c << dim) + v] + d];
              };
              const auto edge = [&](const unsigned int v) {
                return std::array<double, 3>{{vertex(v, 0) - vertex(0, 0),
                                              vertex(v, 1) - vertex(0, 1),
                                              vertex(v, 2) - vertex(0, 2)}};
              };
              if (dim == 2)
                {
                  const auto a = edge(1), b = edge(3);
                  EXPECT_GT(a[0] * b[1] - a[1] * b[0], 0.) << "cell " << c;
                }
              else
                {
                  const auto   a = edge(1), b = edge(3), e = edge(4);
                  const double volume = a[0] * (b[1] * e[2] - b[2] * e[1]) -
                                        a[1] * (b[0] * e[2] - b[2] * e[0]) +
                                        a[2] * (b[0] * e[1] - b[1] * e[0]);
                  EXPECT_GT(volume, 0.) << "cell " << c;
                }
            }
        }
    }

    template <int dim>
    void
    check_example(const std::string &name)
    {
      const std::string folder = fresh_folder(name);
      write_example<dim>(folder, MPI_COMM_WORLD, 2);
      if (!is_root())
        return;
      EXPECT_TRUE(tmp_files(folder).empty());
      check_xdmf_against_h5(folder, dim, 2);
      check_curves_and_input(folder, 2 * rows_per_step);
      check_fields<dim>(folder, 2);
    }

    /// Rows of an n x m table sorted lexicographically.
    std::vector<std::vector<double>>
    sorted_rows(const std::vector<double> &values, const unsigned int m)
    {
      std::vector<std::vector<double>> rows;
      for (std::size_t i = 0; i < values.size(); i += m)
        rows.emplace_back(values.begin() + i, values.begin() + i + m);
      std::sort(rows.begin(), rows.end());
      return rows;
    }

    template <int dim>
    void
    check_same_on_one_and_all_ranks(const std::string &name)
    {
      const std::string world = fresh_folder(name + "_world");
      const std::string self  = fresh_folder(name + "_self");
      write_example<dim>(world, MPI_COMM_WORLD, 1);
      if (!is_root())
        return;
      write_example<dim>(self, MPI_COMM_SELF, 1);

      const H5Reader a(world + "/results.h5"), b(self + "/results.h5");
      ASSERT_TRUE(a.is_open() && b.is_open());
      const std::string g = "/fields/step_00000";
      EXPECT_EQ(a.dims(g + "/nodes"), b.dims(g + "/nodes"));
      EXPECT_EQ(a.dims(g + "/cells"), b.dims(g + "/cells"));
      // Rows of (coordinates, displacement, gradient) of all nodes, sorted.
      // (Not the cell data: which cell's value a shared node keeps depends
      // on the order of the cells, which differs with the partition.)
      const auto rows = [&](const H5Reader &h5) {
        const auto          x = h5.doubles(g + "/nodes");
        const auto          u = h5.doubles(g + "/displacement");
        const auto          t = h5.doubles(g + "/grad_u");
        std::vector<double> joined;
        for (std::size_t i = 0; i < x.size() / 3; ++i)
          {
            joined.insert(joined.end(),
                          x.begin() + 3 * i,
                          x.begin() + 3 * i + 3);
            joined.insert(joined.end(),
                          u.begin() + 3 * i,
                          u.begin() + 3 * i + 3);
            joined.insert(joined.end(),
                          t.begin() + 9 * i,
                          t.begin() + 9 * i + 9);
          }
        return sorted_rows(joined, 15);
      };
      EXPECT_EQ(rows(a), rows(b));
      // The cells are the same sets of points.
      const auto cell_points = [&](const H5Reader &h5) {
        const auto x = h5.doubles(g + "/nodes");
        const auto c = h5.read<std::uint32_t>(g + "/cells", H5T_NATIVE_UINT32);
        std::vector<double> points;
        for (const std::uint32_t v : c)
          points.insert(points.end(), x.begin() + 3 * v, x.begin() + 3 * v + 3);
        return sorted_rows(points, 3 << dim);
      };
      EXPECT_EQ(cell_points(a), cell_points(b));
    }
  } // namespace



  TEST(ResultsFile, Axisymmetric2DFieldsCurvesInputAndXdmf)
  {
    check_example<2>("example_2d");
  }

  TEST(ResultsFile, ThreeDFieldsCurvesInputAndXdmf)
  {
    check_example<3>("example_3d");
  }

  TEST(ResultsFile, NewFileHasInputEmptyCurvesAndEmptyXdmf)
  {
    const std::string folder = fresh_folder("new_file");
    {
      ResultsFile results(
        folder, MPI_COMM_WORLD, curve_columns(), "{}", "json");
      EXPECT_EQ(results.n_field_steps(), 0U);
      EXPECT_EQ(results.results_path(), folder + "/results.h5");
      MPI_Barrier(MPI_COMM_WORLD);
      if (is_root())
        {
          const H5Reader h5(folder + "/results.h5");
          ASSERT_TRUE(h5.is_open());
          EXPECT_EQ(h5.string("/input"), "{}");
          EXPECT_EQ(h5.string_attribute("/input", "format"), "json");
          EXPECT_TRUE(h5.exists("/fields"));
          for (const CurveColumn &column : curve_columns())
            EXPECT_EQ(h5.dims("/curves/" + column.name),
                      std::vector<hsize_t>{0});
          const std::string xdmf = read_text(folder + "/results.xdmf");
          EXPECT_NE(xdmf.find("CollectionType=\"Temporal\""),
                    std::string::npos);
          EXPECT_EQ(xdmf.find("<DataItem"), std::string::npos);
          EXPECT_TRUE(tmp_files(folder).empty());
        }
    }
  }

  TEST(ResultsFile, FlushCurvesWritesRowsAfterTheLastFieldStep)
  {
    const std::string folder = fresh_folder("flush_curves");
    ResultsFile       results(
      folder, MPI_COMM_WORLD, curve_columns(), input_text, "prm");
    for (unsigned int r = 1; r <= 5; ++r)
      results.append_curve_row(curve_row(r));
    MPI_Barrier(MPI_COMM_WORLD);
    if (is_root())
      {
        // Only curves.csv has the rows before a flush.
        const H5Reader h5(folder + "/results.h5");
        EXPECT_EQ(h5.dims("/curves/time_s"), std::vector<hsize_t>{0});
      }
    MPI_Barrier(MPI_COMM_WORLD);
    results.flush_curves();
    results.flush_curves(); // nothing new: no write
    if (is_root())
      {
        check_curves_and_input(folder, 5);
        EXPECT_TRUE(tmp_files(folder).empty());
      }
    EXPECT_THROW(results.append_curve_row({1., 2.}), std::invalid_argument);
  }

  TEST(ResultsFile, StaleTmpFilesOfAKilledRunAreReplaced)
  {
    const std::string folder = fresh_folder("stale_tmp");
    write_example<2>(folder, MPI_COMM_WORLD, 2, true);
    if (!is_root())
      return;
    EXPECT_TRUE(tmp_files(folder).empty());
    check_xdmf_against_h5(folder, 2, 2);
    check_curves_and_input(folder, 2 * rows_per_step);
  }

  TEST(ResultsFile, OverwritesAnEarlierRun)
  {
    const std::string folder = fresh_folder("overwrite");
    write_example<2>(folder, MPI_COMM_WORLD, 2);
    write_example<2>(folder, MPI_COMM_WORLD, 1);
    if (!is_root())
      return;
    check_xdmf_against_h5(folder, 2, 1);
    check_curves_and_input(folder, rows_per_step);
    const H5Reader h5(folder + "/results.h5");
    EXPECT_FALSE(h5.exists("/fields/step_00001"));
  }

  TEST(ResultsFile, UnwritableFolderIsNamedOnAllRanks)
  {
    const std::string base    = fresh_folder("unwritable");
    const std::string blocker = base + "/regular_file";
    if (is_root())
      {
        fs::create_directories(base);
        std::ofstream(blocker) << "not a folder";
      }
    MPI_Barrier(MPI_COMM_WORLD);
    const std::string folder  = blocker + "/results";
    const std::string message = test::parameter_error_message([&] {
      ResultsFile results(folder, MPI_COMM_WORLD, curve_columns(), "", "prm");
    });
    EXPECT_TRUE(test::contains_text(message, "'" + folder + "'")) << message;
    EXPECT_TRUE(test::contains_text(message, "cannot create the folder"))
      << message;
  }

  TEST(ResultsFile, BadColumnsAndFormatAreNamed)
  {
    const std::string folder  = fresh_folder("bad_columns");
    std::string       message = test::parameter_error_message([&] {
      ResultsFile results(
        folder, MPI_COMM_WORLD, {{"dD/D", "%", "diameter change"}}, "", "prm");
    });
    EXPECT_TRUE(test::contains_text(message, "'dD/D'")) << message;
    message = test::parameter_error_message([&] {
      ResultsFile results(folder,
                          MPI_COMM_WORLD,
                          {{"time_s", "s", ""}, {"time_s", "s", ""}},
                          "",
                          "prm");
    });
    EXPECT_TRUE(test::contains_text(message, "twice")) << message;
    message = test::parameter_error_message([&] {
      ResultsFile results(folder, MPI_COMM_WORLD, curve_columns(), "", "yaml");
    });
    EXPECT_TRUE(test::contains_text(message, "'yaml'")) << message;
  }

  TEST(ResultsFile, NoPatchesIsAnErrorOnAllRanks)
  {
    const std::string folder = fresh_folder("no_patches");
    ResultsFile results(folder, MPI_COMM_WORLD, curve_columns(), "", "prm");
    dealii::DataOut<2> data_out;
    const std::string  message = test::parameter_error_message(
      [&] { results.write_field_step(data_out, 0.); });
    EXPECT_TRUE(test::contains_text(message, "build_patches")) << message;
    EXPECT_TRUE(test::contains_text(message, folder)) << message;
    EXPECT_EQ(results.n_field_steps(), 0U);
  }

  TEST(ResultsFile, BrokenResultsFileIsAnErrorAndStaysAsItWas)
  {
    const std::string folder = fresh_folder("broken_h5");
    ResultsFile results(folder, MPI_COMM_WORLD, curve_columns(), "", "prm");
    results.append_curve_row(curve_row(1));
    const std::string garbage = "not an HDF5 file";
    if (is_root())
      std::ofstream(folder + "/results.h5") << garbage;
    MPI_Barrier(MPI_COMM_WORLD);
    const std::string message =
      test::parameter_error_message([&] { results.flush_curves(); });
    EXPECT_TRUE(test::contains_text(message, "'" + folder + "'")) << message;
    EXPECT_TRUE(test::contains_text(message, "HDF5")) << message;
    if (is_root())
      {
        EXPECT_EQ(read_text(folder + "/results.h5"), garbage);
        EXPECT_TRUE(tmp_files(folder).empty());
      }
  }

  TEST(ParallelResultsFile, Axisymmetric2DSameOnOneAndAllRanks)
  {
    check_same_on_one_and_all_ranks<2>("parallel_2d");
  }

  TEST(ParallelResultsFile, ThreeDSameOnOneAndAllRanks)
  {
    check_same_on_one_and_all_ranks<3>("parallel_3d");
  }
} // namespace anodemech
