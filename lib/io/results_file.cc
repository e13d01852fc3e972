#include <anodemech/base/parameter_error.h>
#include <anodemech/io/results_file.h>

#include <deal.II/base/data_out_base.h>
#include <deal.II/base/mpi.h>
#include <deal.II/numerics/data_out.h>

#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace anodemech
{
  namespace
  {
    namespace fs = std::filesystem;

    // Tags of the point-to-point messages that gather a field to rank 0
    // (on the communicator duplicated for this class alone).
    constexpr int nodes_tag = 1;
    constexpr int cells_tag = 2;
    constexpr int data_tag  = 3;

    /// A failed write; the message says what failed.
    [[noreturn]] void
    fail(const std::string &what)
    {
      throw std::runtime_error(what);
    }

    /// While it exists, the HDF5 library does not print its error stack:
    /// failures are reported by the exceptions of this file.
    class QuietHdf5Errors
    {
    public:
      QuietHdf5Errors()
      {
        H5Eget_auto2(H5E_DEFAULT, &function, &data);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
      }

      ~QuietHdf5Errors()
      {
        H5Eset_auto2(H5E_DEFAULT, function, data);
      }

      QuietHdf5Errors(const QuietHdf5Errors &) = delete;
      QuietHdf5Errors &
      operator=(const QuietHdf5Errors &) = delete;

    private:
      H5E_auto2_t function = nullptr;
      void       *data     = nullptr;
    };

    /// An HDF5 identifier that is closed when it goes out of scope.
    class Handle
    {
    public:
      Handle(const hid_t id, herr_t (*close)(hid_t), const std::string &what)
        : id(id)
        , close(close)
      {
        if (id < 0)
          fail(what);
      }

      Handle(Handle &&other) noexcept
        : id(other.id)
        , close(other.close)
      {
        other.id = -1;
      }

      ~Handle()
      {
        if (id >= 0)
          close(id);
      }

      Handle(const Handle &) = delete;
      Handle &
      operator=(const Handle &) = delete;
      Handle &
      operator=(Handle &&) = delete;

      operator hid_t() const
      {
        return id;
      }

      /// Close now and report a failure (which the destructor cannot).
      void
      close_checked(const std::string &what)
      {
        const herr_t status = close(id);
        id                  = -1;
        if (status < 0)
          fail(what);
      }

    private:
      hid_t id;
      herr_t (*close)(hid_t);
    };

    void
    check(const herr_t status, const std::string &what)
    {
      if (status < 0)
        fail(what);
    }

    /// Variable-length UTF-8 string type.
    Handle
    string_type()
    {
      Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "cannot create a string type");
      check(H5Tset_size(type, H5T_VARIABLE), "cannot create a string type");
      check(H5Tset_cset(type, H5T_CSET_UTF8), "cannot create a string type");
      return type;
    }

    Handle
    scalar_space()
    {
      return Handle(H5Screate(H5S_SCALAR),
                    H5Sclose,
                    "cannot create a scalar dataspace");
    }

    void
    write_string_attribute(const hid_t        object,
                           const std::string &name,
                           const std::string &value)
    {
      const std::string what  = "cannot write the attribute '" + name + "'";
      const Handle      type  = string_type();
      const Handle      space = scalar_space();
      const Handle      attribute(
        H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
        H5Aclose,
        what);
      const char *text = value.c_str();
      check(H5Awrite(attribute, type, &text), what);
    }

    void
    write_double_attribute(const hid_t        object,
                           const std::string &name,
                           const double       value)
    {
      const std::string what  = "cannot write the attribute '" + name + "'";
      const Handle      space = scalar_space();
      const Handle      attribute(H5Acreate2(object,
                                        name.c_str(),
                                        H5T_IEEE_F64LE,
                                        space,
                                        H5P_DEFAULT,
                                        H5P_DEFAULT),
                             H5Aclose,
                             what);
      check(H5Awrite(attribute, H5T_NATIVE_DOUBLE, &value), what);
    }

    void
    write_string_dataset(const hid_t        location,
                         const std::string &name,
                         const std::string &value)
    {
      const std::string what  = "cannot write the dataset '" + name + "'";
      const Handle      type  = string_type();
      const Handle      space = scalar_space();
      const Handle      dataset(H5Dcreate2(location,
                                      name.c_str(),
                                      type,
                                      space,
                                      H5P_DEFAULT,
                                      H5P_DEFAULT,
                                      H5P_DEFAULT),
                           H5Dclose,
                           what);
      const char       *text = value.c_str();
      check(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &text),
            what);
    }

    /// Write a rows x columns dataset from row-major @p data; returns it.
    Handle
    write_matrix(const hid_t        location,
                 const std::string &name,
                 const void        *data,
                 const std::size_t  n_rows,
                 const std::size_t  n_columns,
                 const hid_t        memory_type,
                 const hid_t        file_type)
    {
      const std::string what = "cannot write the dataset '" + name + "'";
      const std::array<hsize_t, 2> dims{{n_rows, n_columns}};
      const Handle space(H5Screate_simple(2, dims.data(), nullptr),
                         H5Sclose,
                         what);
      Handle       dataset(H5Dcreate2(location,
                                name.c_str(),
                                file_type,
                                space,
                                H5P_DEFAULT,
                                H5P_DEFAULT,
                                H5P_DEFAULT),
                     H5Dclose,
                     what);
      if (n_rows * n_columns > 0)
        check(
          H5Dwrite(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
          what);
      return dataset;
    }

    /// Open the group @p name of @p location, or create it (links in
    /// creation order, so that readers list the curves in column order).
    Handle
    open_or_create_group(const hid_t location, const std::string &name)
    {
      const std::string what   = "cannot create the group '" + name + "'";
      const htri_t      exists = H5Lexists(location, name.c_str(), H5P_DEFAULT);
      check(exists, what);
      if (exists > 0)
        return Handle(H5Gopen2(location, name.c_str(), H5P_DEFAULT),
                      H5Gclose,
                      what);
      const Handle properties(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, what);
      check(H5Pset_link_creation_order(properties,
                                       H5P_CRT_ORDER_TRACKED |
                                         H5P_CRT_ORDER_INDEXED),
            what);
      return Handle(H5Gcreate2(location,
                               name.c_str(),
                               H5P_DEFAULT,
                               properties,
                               H5P_DEFAULT),
                    H5Gclose,
                    what);
    }

    /// Create the empty, extendible dataset of a curve in @p group.
    Handle
    create_curve_dataset(const hid_t group, const CurveColumn &column)
    {
      const std::string what = "cannot write the curve '" + column.name + "'";
      const hsize_t     zero = 0, unlimited = H5S_UNLIMITED, chunk = 512;
      const Handle      space(H5Screate_simple(1, &zero, &unlimited),
                         H5Sclose,
                         what);
      const Handle properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, what);
      check(H5Pset_chunk(properties, 1, &chunk), what);
      Handle dataset(H5Dcreate2(group,
                                column.name.c_str(),
                                H5T_IEEE_F64LE,
                                space,
                                H5P_DEFAULT,
                                properties,
                                H5P_DEFAULT),
                     H5Dclose,
                     what);
      write_string_attribute(dataset, "units", column.unit);
      write_string_attribute(dataset, "description", column.description);
      return dataset;
    }

    /// Write /curves: one extendible 1-D dataset per column, all rows.
    void
    write_curves(const hid_t                             file,
                 const std::vector<CurveColumn>         &columns,
                 const std::vector<std::vector<double>> &rows)
    {
      const Handle        group  = open_or_create_group(file, "curves");
      const hsize_t       n_rows = rows.size();
      std::vector<double> values(rows.size());
      for (std::size_t c = 0; c < columns.size(); ++c)
        {
          const std::string &name = columns[c].name;
          const std::string  what = "cannot write the curve '" + name + "'";
          const htri_t exists     = H5Lexists(group, name.c_str(), H5P_DEFAULT);
          check(exists, what);
          const Handle dataset =
            exists > 0 ? Handle(H5Dopen2(group, name.c_str(), H5P_DEFAULT),
                                H5Dclose,
                                what) :
                         create_curve_dataset(group, columns[c]);
          check(H5Dset_extent(dataset, &n_rows), what);
          if (n_rows == 0)
            continue;
          for (std::size_t r = 0; r < rows.size(); ++r)
            values[r] = rows[r][c];
          check(H5Dwrite(dataset,
                         H5T_NATIVE_DOUBLE,
                         H5S_ALL,
                         H5S_ALL,
                         H5P_DEFAULT,
                         values.data()),
                what);
        }
    }

    /// File access: no file locking (only rank 0 writes, and only to a
    /// private copy), so that file systems without locks (NFS) work.
    Handle
    file_access()
    {
      Handle properties(H5Pcreate(H5P_FILE_ACCESS),
                        H5Pclose,
                        "cannot create file access properties");
#if (H5_VERS_MAJOR == 1 && H5_VERS_MINOR == 10 && H5_VERS_RELEASE >= 7) || \
  H5_VERSION_GE(1, 12, 1)
      check(H5Pset_file_locking(properties, false, true),
            "cannot create file access properties");
#endif
      return properties;
    }

    /// Flush @p path to the disk (an fsync).
    void
    sync_file(const std::string &path)
    {
      const int fd = ::open(path.c_str(), O_RDONLY);
      if (fd < 0)
        fail("cannot open '" + path + "'");
      const int status = ::fsync(fd);
      ::close(fd);
      if (status != 0)
        fail("cannot flush '" + path + "' to the disk");
    }

    /// Make a rename in @p folder durable (best effort: not every file
    /// system can sync a directory).
    void
    sync_directory(const std::string &folder)
    {
      const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
      if (fd < 0)
        return;
      ::fsync(fd);
      ::close(fd);
    }

    /// Flush @p tmp to the disk and rename it over @p target.
    void
    replace_file(const std::string &tmp, const std::string &target)
    {
      sync_file(tmp);
      std::error_code error;
      fs::rename(tmp, target, error);
      if (error)
        fail("cannot rename '" + tmp + "' to '" + target +
             "': " + error.message());
      sync_directory(fs::path(target).parent_path().string());
    }

    /**
     * Replace @p target by a new version: @p write writes it to
     * <target>.tmp, which then is flushed and renamed over @p target. If
     * anything fails, @p target is left as it was and the .tmp file is
     * removed.
     */
    template <typename Function>
    void
    replace_through_tmp(const std::string &target, const Function &write)
    {
      const std::string tmp = target + ".tmp";
      try
        {
          write(tmp);
          replace_file(tmp, target);
        }
      catch (...)
        {
          std::error_code ignored;
          fs::remove(tmp, ignored);
          throw;
        }
    }

    /// Replace @p path by a file holding @p text.
    void
    write_text_file(const std::string &path, const std::string &text)
    {
      replace_through_tmp(path, [&](const std::string &tmp) {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
          fail("cannot open '" + tmp + "' for writing");
        out << text;
        out.close();
        if (!out)
          fail("cannot write '" + tmp + "'");
      });
    }

    std::string
    xml_escape(const std::string &text)
    {
      std::string out;
      for (const char c : text)
        switch (c)
          {
            case '&':
              out += "&amp;";
              break;
            case '<':
              out += "&lt;";
              break;
            case '>':
              out += "&gt;";
              break;
            case '"':
              out += "&quot;";
              break;
            default:
              out += c;
          }
      return out;
    }

    /// A CSV field, quoted if it holds a comma, a quote or a line break.
    std::string
    csv_field(const std::string &text)
    {
      if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
      std::string out = "\"";
      for (const char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
      return out + "\"";
    }

    /// Name of the XDMF attribute type for @p n_components (padded).
    std::string
    xdmf_attribute_type(const unsigned int n_components)
    {
      switch (n_components)
        {
          case 1:
            return "Scalar";
          case 3:
            return "Vector";
          case 6:
            return "Tensor6";
          case 9:
            return "Tensor";
          default:
            return "Matrix";
        }
    }

    /**
     * Number of components written for a data set of @p n components in
     * @p dim dimensions: vectors (dim components) are padded to 3 and
     * second-order tensors (dim x dim) to 9.
     */
    unsigned int
    padded_components(const unsigned int n, const unsigned int dim)
    {
      if (n == 1)
        return 1;
      if (n == dim)
        return 3;
      if (n == dim * dim)
        return 9;
      return n;
    }

    /// Send the string @p text of rank 0 to all ranks of @p communicator.
    std::string
    broadcast_string(const std::string &text, const MPI_Comm communicator)
    {
      unsigned long long size = text.size();
      MPI_Bcast(&size, 1, MPI_UNSIGNED_LONG_LONG, 0, communicator);
      std::string out = text;
      out.resize(size);
      if (size > 0)
        MPI_Bcast(
          out.data(), static_cast<int>(size), MPI_CHAR, 0, communicator);
      return out;
    }

    /// The field output of one rank, as written by DataOutFilter.
    struct LocalField
    {
      std::string                error; ///< empty if the rest is valid
      std::size_t                n_nodes = 0;
      std::size_t                n_cells = 0;
      std::vector<double>        nodes;        ///< n_nodes x 3
      std::vector<std::uint32_t> cells;        ///< n_cells x 2^dim, local
      std::vector<std::string>   names;        ///< of the data sets
      std::vector<unsigned int>  n_components; ///< padded, per data set
      std::vector<double>        data; ///< data set after data set, each
                                       ///< n_nodes x n_components
    };

    template <int dim>
    LocalField
    local_field(const dealii::DataOut<dim, dim> &data_out,
                const bool                       merge_vertices)
    {
      LocalField field;
      try
        {
          // Without xdmf_hdf5_output: that flag truncates tensors to three
          // components; vectors and tensors are padded below instead.
          dealii::DataOutBase::DataOutFilter filter(
            dealii::DataOutBase::DataOutFilterFlags(merge_vertices, false));
          data_out.write_filtered_data(filter);
          field.n_nodes = filter.n_nodes();
          if (field.n_nodes == 0)
            return field;
          field.n_cells = filter.n_cells();

          constexpr unsigned int vertices_per_cell = 1U << dim;
          const std::size_t      limit = std::numeric_limits<int>::max() / 9;
          if (field.n_nodes > limit || field.n_cells > limit)
            fail("too many nodes or cells on one rank");

          std::vector<double> points;
          filter.fill_node_data(points);
          if (points.size() != field.n_nodes * dim)
            fail("unexpected node data of DataOutFilter");
          field.nodes.assign(3 * field.n_nodes, 0.);
          for (std::size_t i = 0; i < field.n_nodes; ++i)
            for (unsigned int d = 0; d < dim; ++d)
              field.nodes[3 * i + d] = points[dim * i + d];

          std::vector<unsigned int> cells;
          filter.fill_cell_data(0, cells);
          if (cells.size() != field.n_cells * vertices_per_cell)
            fail("only quadrilateral and hexahedral patches can be written");
          field.cells.assign(cells.begin(), cells.end());

          for (unsigned int s = 0; s < filter.n_data_sets(); ++s)
            {
              const unsigned int n      = filter.get_data_set_dim(s);
              const unsigned int m      = padded_components(n, dim);
              const double      *values = filter.get_data_set(s);
              field.names.push_back(filter.get_data_set_name(s));
              field.n_components.push_back(m);
              const std::size_t start = field.data.size();
              field.data.resize(start + field.n_nodes * m, 0.);
              double *out = field.data.data() + start;
              for (std::size_t i = 0; i < field.n_nodes; ++i)
                if (m == 9 && n == dim * dim)
                  for (unsigned int a = 0; a < dim; ++a)
                    for (unsigned int b = 0; b < dim; ++b)
                      out[9 * i + 3 * a + b] = values[n * i + dim * a + b];
                else
                  for (unsigned int c = 0; c < n; ++c)
                    out[m * i + c] = values[n * i + c];
            }
          if (field.data.size() > std::numeric_limits<int>::max())
            fail("too much field data on one rank");
        }
      catch (const std::exception &e)
        {
          field       = LocalField();
          field.error = e.what();
        }
      return field;
    }

    /// Send @p local of each rank to rank 0; returns them there, by rank.
    template <typename T>
    std::vector<std::vector<T>>
    gather_arrays(const std::vector<T>           &local,
                  const std::vector<std::size_t> &sizes_on_root,
                  const MPI_Datatype              type,
                  const int                       tag,
                  const MPI_Comm                  communicator)
    {
      std::vector<std::vector<T>> all;
      if (dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
        {
          all.resize(sizes_on_root.size());
          all[0] = local;
          for (unsigned int r = 1; r < all.size(); ++r)
            {
              all[r].resize(sizes_on_root[r]);
              MPI_Recv(all[r].data(),
                       static_cast<int>(sizes_on_root[r]),
                       type,
                       static_cast<int>(r),
                       tag,
                       communicator,
                       MPI_STATUS_IGNORE);
            }
        }
      else
        MPI_Send(local.data(),
                 static_cast<int>(local.size()),
                 type,
                 0,
                 tag,
                 communicator);
      return all;
    }

    /// The field of all ranks (with @p merge_vertices, vertices shared
    /// between ranks merged).
    struct GlobalField
    {
      std::string                      error;
      std::vector<double>              nodes;
      std::vector<std::uint32_t>       cells;
      std::vector<std::string>         names;
      std::vector<unsigned int>        n_components;
      std::vector<std::vector<double>> data; ///< per data set
      std::size_t                      n_nodes = 0;
      std::size_t                      n_cells = 0;
    };

    /// Gather the fields of all ranks to rank 0 (collective).
    template <int dim>
    GlobalField
    gather_field(const LocalField &local,
                 const MPI_Comm    communicator,
                 const bool        merge_vertices)
    {
      using Summary =
        std::pair<std::vector<std::string>, std::vector<unsigned long long>>;
      Summary summary;
      summary.first.push_back(local.error);
      summary.first.insert(summary.first.end(),
                           local.names.begin(),
                           local.names.end());
      summary.second = {local.n_nodes, local.n_cells};
      summary.second.insert(summary.second.end(),
                            local.n_components.begin(),
                            local.n_components.end());
      const std::vector<Summary> summaries =
        dealii::Utilities::MPI::gather(communicator, summary, 0);

      const unsigned int       n_ranks = summaries.size();
      std::vector<std::size_t> node_sizes(n_ranks), cell_sizes(n_ranks),
        data_sizes(n_ranks);
      for (unsigned int r = 0; r < n_ranks; ++r)
        {
          const auto &numbers = summaries[r].second;
          node_sizes[r]       = 3 * numbers[0];
          cell_sizes[r]       = (1U << dim) * numbers[1];
          for (std::size_t s = 2; s < numbers.size(); ++s)
            data_sizes[r] += numbers[0] * numbers[s];
        }
      const auto nodes = gather_arrays(
        local.nodes, node_sizes, MPI_DOUBLE, nodes_tag, communicator);
      const auto cells = gather_arrays(
        local.cells, cell_sizes, MPI_UINT32_T, cells_tag, communicator);
      const auto data = gather_arrays(
        local.data, data_sizes, MPI_DOUBLE, data_tag, communicator);

      GlobalField global;
      if (dealii::Utilities::MPI::this_mpi_process(communicator) != 0)
        return global;
      for (unsigned int r = 0; r < n_ranks; ++r)
        if (!summaries[r].first[0].empty())
          {
            global.error =
              "rank " + std::to_string(r) + ": " + summaries[r].first[0];
            return global;
          }
      // The data sets, from the first rank with patches.
      for (unsigned int r = 0; r < n_ranks; ++r)
        if (summaries[r].second[0] > 0)
          {
            global.names.assign(summaries[r].first.begin() + 1,
                                summaries[r].first.end());
            global.n_components.assign(summaries[r].second.begin() + 2,
                                       summaries[r].second.end());
            break;
          }
      global.data.resize(global.names.size());

      // Merge equal points in the order of the ranks; at a shared point,
      // the data of the later rank win (as the later patch does within a
      // rank in DataOutFilter).
      std::map<std::array<double, 3>, std::uint32_t> index;
      for (unsigned int r = 0; r < n_ranks; ++r)
        {
          const std::size_t n = summaries[r].second[0];
          if (n == 0)
            continue;
          if (summaries[r].first.size() != global.names.size() + 1 ||
              !std::equal(global.names.begin(),
                          global.names.end(),
                          summaries[r].first.begin() + 1) ||
              !std::equal(global.n_components.begin(),
                          global.n_components.end(),
                          summaries[r].second.begin() + 2))
            {
              global.error = "the ranks have different data sets";
              return global;
            }
          std::vector<std::uint32_t> to_global(n);
          for (std::size_t i = 0; i < n; ++i)
            {
              const std::array<double, 3> point{
                {nodes[r][3 * i], nodes[r][3 * i + 1], nodes[r][3 * i + 2]}};
              if (global.n_nodes == std::numeric_limits<std::uint32_t>::max())
                {
                  global.error = "more than 2^32 - 1 nodes";
                  return global;
                }
              const auto new_index = static_cast<std::uint32_t>(global.n_nodes);
              const auto [it, is_new]  = merge_vertices ?
                                           index.emplace(point, new_index) :
                                           std::make_pair(index.end(), true);
              const std::uint32_t node = is_new ? new_index : it->second;
              to_global[i]             = node;
              if (is_new)
                {
                  global.nodes.insert(global.nodes.end(),
                                      point.begin(),
                                      point.end());
                  ++global.n_nodes;
                }
              std::size_t offset = 0;
              for (std::size_t s = 0; s < global.names.size(); ++s)
                {
                  const unsigned int m     = global.n_components[s];
                  const double      *value = data[r].data() + offset + m * i;
                  auto              &out   = global.data[s];
                  if (is_new)
                    out.insert(out.end(), value, value + m);
                  else
                    std::copy(value, value + m, out.begin() + m * node);
                  offset += m * n;
                }
            }
          for (const std::uint32_t v : cells[r])
            {
              if (v >= n)
                {
                  global.error = "invalid cell data of DataOutFilter";
                  return global;
                }
              global.cells.push_back(to_global[v]);
            }
          global.n_cells += summaries[r].second[1];
        }
      if (global.n_cells == 0)
        global.error =
          "the DataOut has no patches on any rank (call build_patches())";
      return global;
    }

    std::string
    step_group_name(const unsigned int step)
    {
      std::ostringstream name;
      name << "step_" << std::setw(5) << std::setfill('0') << step;
      return name.str();
    }

    const char *const results_name = "results.h5";
    const char *const xdmf_name    = "results.xdmf";
    const char *const csv_name     = "curves.csv";

    void
    check_columns(const std::string              &folder,
                  const std::vector<CurveColumn> &columns)
    {
      if (folder.empty())
        throw ParameterError("The results folder is empty; it must name a "
                             "folder.");
      std::set<std::string> names;
      for (const CurveColumn &column : columns)
        {
          if (column.name.empty() || column.name == "." ||
              column.name.find('/') != std::string::npos)
            throw ParameterError("Curve column '" + column.name +
                                 "' of results folder '" + folder +
                                 "': a column name must be non-empty, not "
                                 "'.' and without '/'.");
          if (!names.insert(column.name).second)
            throw ParameterError("Curve column '" + column.name +
                                 "' of results folder '" + folder +
                                 "' is given twice.");
        }
    }

    /// A CSV line of one curve row.
    std::string
    csv_line(const std::vector<double> &row)
    {
      std::string line;
      for (std::size_t c = 0; c < row.size(); ++c)
        line += (c > 0 ? "," : "") + format_number(row[c]);
      return line + '\n';
    }

    /// Data set names in the checkpoint state: whitespace and '%' escaped.
    std::string
    escape_name(const std::string &name)
    {
      std::string escaped;
      for (const char c : name)
        if (c == '%' || std::isspace(static_cast<unsigned char>(c)))
          {
            char code[4];
            std::snprintf(code, sizeof(code), "%%%02X", c);
            escaped += code;
          }
        else
          escaped += c;
      return escaped;
    }

    std::string
    unescape_name(const std::string &name)
    {
      std::string plain;
      for (std::size_t i = 0; i < name.size(); ++i)
        if (name[i] == '%' && i + 2 < name.size())
          {
            plain +=
              static_cast<char>(std::stoi(name.substr(i + 1, 2), nullptr, 16));
            i += 2;
          }
        else
          plain += name[i];
      return plain;
    }
  } // namespace



  ResultsFile::ResultsFile(const std::string              &folder,
                           const MPI_Comm                  communicator,
                           const std::vector<CurveColumn> &columns,
                           const std::string              &input_text,
                           const std::string              &input_format)
    : folder(folder)
    , communicator(MPI_COMM_NULL)
    , is_root(dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
    , columns(columns)
    , rows_in_results(0)
    , n_steps(0)
  {
    check_columns(folder, columns);
    if (input_format != "prm" && input_format != "json")
      throw ParameterError("Input format '" + input_format +
                           "' of results folder '" + folder +
                           "': it must be 'prm' or 'json'.");

    this->communicator =
      dealii::Utilities::MPI::duplicate_communicator(communicator);
    try
      {
        for (std::size_t c = 0; c < columns.size(); ++c)
          csv_text += (c > 0 ? "," : "") + csv_field(columns[c].name);
        csv_text += '\n';

        run_on_root("create the results files", [&]() {
          std::error_code error;
          fs::create_directories(folder, error);
          if (error || !fs::is_directory(folder))
            fail("cannot create the folder" +
                 (error ? " (" + error.message() + ")" : std::string()));
          // The XDMF index first: it must never refer to a step of an
          // earlier run that the new results.h5 does not hold.
          write_xdmf();
          replace_through_tmp(results_path(), [&](const std::string &tmp) {
            const Handle access = file_access();
            Handle       file(
              H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access),
              H5Fclose,
              "cannot create '" + tmp + "'");
            {
              const Handle root(H5Gopen2(file, "/", H5P_DEFAULT),
                                H5Gclose,
                                "cannot open '/'");
              write_string_attribute(root, "creator", "anodemech");
              write_string_dataset(file, "input", input_text);
              const Handle input(H5Dopen2(file, "input", H5P_DEFAULT),
                                 H5Dclose,
                                 "cannot open '/input'");
              write_string_attribute(input, "format", input_format);
              write_curves(file, this->columns, rows);
              const Handle fields = open_or_create_group(file, "fields");
            }
            file.close_checked("cannot write '" + tmp + "'");
          });
          write_text_file(csv_path(), csv_text);
        });
      }
    catch (...)
      {
        dealii::Utilities::MPI::free_communicator(this->communicator);
        throw;
      }
  }



  ResultsFile::ResultsFile(const std::string              &folder,
                           const MPI_Comm                  communicator,
                           const std::vector<CurveColumn> &columns,
                           const std::string              &checkpoint_state)
    : folder(folder)
    , communicator(MPI_COMM_NULL)
    , is_root(dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
    , columns(columns)
    , rows_in_results(0)
    , n_steps(0)
  {
    check_columns(folder, columns);
    // The state: "rows N C", N lines of C values, "field_steps M", M lines
    // "group time dim n_nodes n_cells n_sets (name n_components)...".
    const auto bad_state = [&](const std::string &why) {
      return ParameterError("Results folder '" + folder +
                            "': the checkpoint's results state " + why + ".");
    };
    std::istringstream in(checkpoint_state);
    std::string        word;
    std::size_t        n_rows = 0, n_columns = 0;
    if (!(in >> word >> n_rows >> n_columns) || word != "rows" ||
        n_columns != columns.size())
      throw bad_state("does not have the " + std::to_string(columns.size()) +
                      " curve columns of this run");
    const auto read_double = [&]() {
      std::string token;
      if (!(in >> token))
        throw bad_state("ends early");
      try
        {
          return std::stod(token);
        }
      catch (const std::exception &)
        {
          throw bad_state("has '" + token + "' for a number");
        }
    };
    rows.assign(n_rows, std::vector<double>(n_columns));
    for (auto &row : rows)
      for (double &value : row)
        value = read_double();
    unsigned int n_saved_steps = 0;
    if (!(in >> word >> n_saved_steps) || word != "field_steps")
      throw bad_state("has no field step list");
    for (unsigned int k = 0; k < n_saved_steps; ++k)
      {
        FieldStep    step;
        unsigned int n_sets = 0;
        if (!(in >> step.group))
          throw bad_state("ends early");
        step.time = read_double();
        if (!(in >> step.dim >> step.n_nodes >> step.n_cells >> n_sets))
          throw bad_state("ends early");
        for (unsigned int d = 0; d < n_sets; ++d)
          {
            std::string  name;
            unsigned int n_components = 0;
            if (!(in >> name >> n_components))
              throw bad_state("ends early");
            step.data_sets.emplace_back(unescape_name(name), n_components);
          }
        if (step.group != "/fields/" + step_group_name(k))
          throw bad_state("lists '" + step.group + "' as field step " +
                          std::to_string(k));
        field_steps.push_back(step);
      }
    n_steps = n_saved_steps;
    if (!is_root)
      field_steps.clear();

    this->communicator =
      dealii::Utilities::MPI::duplicate_communicator(communicator);
    try
      {
        for (std::size_t c = 0; c < columns.size(); ++c)
          csv_text += (c > 0 ? "," : "") + csv_field(columns[c].name);
        csv_text += '\n';
        for (const auto &row : rows)
          csv_text += csv_line(row);

        run_on_root("continue the results files", [&]() {
          if (!fs::is_regular_file(results_path()))
            fail("'" + results_path() + "' is missing");
          // results.h5 first: the steps after the checkpoint go, so that
          // the XDMF written next refers only to steps that are there.
          extend_results([&](const hid_t file) {
            const Handle fields = open_or_create_group(file, "fields");
            for (unsigned int k = 0; k < n_steps; ++k)
              {
                const htri_t exists =
                  H5Lexists(fields, step_group_name(k).c_str(), H5P_DEFAULT);
                check(exists, "cannot read '/fields'");
                if (exists == 0)
                  fail("'/fields/" + step_group_name(k) +
                       "' of the checkpoint is missing from '" +
                       results_path() + "'");
              }
            for (unsigned int k = n_steps;; ++k)
              {
                const std::string group = step_group_name(k);
                const htri_t      exists =
                  H5Lexists(fields, group.c_str(), H5P_DEFAULT);
                check(exists, "cannot read '/fields'");
                if (exists == 0)
                  break;
                check(H5Ldelete(fields, group.c_str(), H5P_DEFAULT),
                      "cannot remove '/fields/" + group + "'");
              }
            write_curves(file, this->columns, rows);
          });
          write_xdmf();
          write_text_file(csv_path(), csv_text);
        });
      }
    catch (...)
      {
        dealii::Utilities::MPI::free_communicator(this->communicator);
        throw;
      }
    rows_in_results = rows.size();
    rows_in_csv     = rows.size();
  }



  std::string
  ResultsFile::checkpoint_state() const
  {
    std::ostringstream out;
    out << std::setprecision(std::numeric_limits<double>::max_digits10)
        << "rows " << rows.size() << ' ' << columns.size() << '\n';
    for (const auto &row : rows)
      {
        for (std::size_t c = 0; c < row.size(); ++c)
          out << (c > 0 ? " " : "") << row[c];
        out << '\n';
      }
    out << "field_steps " << field_steps.size() << '\n';
    for (const FieldStep &step : field_steps)
      {
        out << step.group << ' ' << step.time << ' ' << step.dim << ' '
            << step.n_nodes << ' ' << step.n_cells << ' '
            << step.data_sets.size();
        for (const auto &[name, n_components] : step.data_sets)
          out << ' ' << escape_name(name) << ' ' << n_components;
        out << '\n';
      }
    return out.str();
  }



  ResultsFile::~ResultsFile()
  {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized)
      dealii::Utilities::MPI::free_communicator(communicator);
  }



  void
  ResultsFile::set_merge_shared_vertices(const bool merge)
  {
    merge_vertices = merge;
  }



  void
  ResultsFile::set_field_units(const std::map<std::string, std::string> &units)
  {
    field_units = units;
  }



  void
  ResultsFile::append_curve_row(const std::vector<double> &row)
  {
    if (row.size() != columns.size())
      throw std::invalid_argument(
        "ResultsFile::append_curve_row: the row has " +
        std::to_string(row.size()) + " values, the curves table " +
        std::to_string(columns.size()) + " columns.");
    rows.push_back(row);
    if (is_root)
      csv_text += csv_line(row);
    // Every row at first, then every 25th: rewriting a long table at every
    // step would cost O(rows^2). Field steps and flush_curves() write it too.
    if (rows.size() <= 100 || rows.size() % 25 == 0)
      write_csv();
  }



  void
  ResultsFile::write_csv()
  {
    run_on_root("write '" + std::string(csv_name) + "'",
                [&]() { write_text_file(csv_path(), csv_text); });
    rows_in_csv = rows.size();
  }



  template <int dim>
  void
  ResultsFile::write_field_step(const dealii::DataOut<dim, dim>     &data_out,
                                const double                         time,
                                const std::map<std::string, double> &attributes)
  {
    if (!std::isfinite(time))
      throw std::invalid_argument(
        "ResultsFile::write_field_step: the time is not finite.");
    for (const auto &attribute : attributes)
      if (attribute.first.empty() || attribute.first == "time")
        throw std::invalid_argument(
          "ResultsFile::write_field_step: attribute name '" + attribute.first +
          "' is empty or reserved.");

    const GlobalField field =
      gather_field<dim>(local_field(data_out, merge_vertices),
                        communicator,
                        merge_vertices);
    if (rows_in_csv != rows.size())
      write_csv();
    const std::string group = step_group_name(n_steps);
    run_on_root("write field step '" + group + "'", [&]() {
      if (!field.error.empty())
        fail(field.error);
      for (const std::string &name : field.names)
        if (name == "nodes" || name == "cells" ||
            name.find('/') != std::string::npos)
          fail("the data set name '" + name + "' is reserved or has a '/'");

      extend_results([&](const hid_t file) {
        const Handle fields = open_or_create_group(file, "fields");
        // A group of this name can only be left from a failed call.
        const htri_t exists = H5Lexists(fields, group.c_str(), H5P_DEFAULT);
        check(exists, "cannot write '/fields'");
        if (exists > 0)
          check(H5Ldelete(fields, group.c_str(), H5P_DEFAULT),
                "cannot replace '/fields/" + group + "'");
        const Handle step = open_or_create_group(fields, group);
        write_double_attribute(step, "time", time);
        for (const auto &attribute : attributes)
          write_double_attribute(step, attribute.first, attribute.second);

        const Handle nodes = write_matrix(step,
                                          "nodes",
                                          field.nodes.data(),
                                          field.n_nodes,
                                          3,
                                          H5T_NATIVE_DOUBLE,
                                          H5T_IEEE_F64LE);
        write_string_attribute(nodes, "units", "m");
        write_matrix(step,
                     "cells",
                     field.cells.data(),
                     field.n_cells,
                     1U << dim,
                     H5T_NATIVE_UINT32,
                     H5T_STD_U32LE);
        for (std::size_t s = 0; s < field.names.size(); ++s)
          {
            const Handle dataset = write_matrix(step,
                                                field.names[s],
                                                field.data[s].data(),
                                                field.n_nodes,
                                                field.n_components[s],
                                                H5T_NATIVE_DOUBLE,
                                                H5T_IEEE_F64LE);
            const auto   units   = field_units.find(field.names[s]);
            if (units != field_units.end())
              write_string_attribute(dataset, "units", units->second);
          }
        write_curves(file, columns, rows);
      });

      FieldStep entry;
      entry.group   = "/fields/" + group;
      entry.time    = time;
      entry.dim     = dim;
      entry.n_nodes = field.n_nodes;
      entry.n_cells = field.n_cells;
      for (std::size_t s = 0; s < field.names.size(); ++s)
        entry.data_sets.emplace_back(field.names[s], field.n_components[s]);
      field_steps.push_back(entry);
      try
        {
          write_xdmf();
        }
      catch (...)
        {
          field_steps.pop_back();
          throw;
        }
    });
    ++n_steps;
    rows_in_results = rows.size();
  }



  void
  ResultsFile::flush_curves()
  {
    if (rows_in_csv != rows.size())
      write_csv();
    if (rows_in_results == rows.size())
      return;
    run_on_root("write the curves", [&]() {
      extend_results(
        [&](const hid_t file) { write_curves(file, columns, rows); });
    });
    rows_in_results = rows.size();
  }



  const std::string &
  ResultsFile::get_folder() const
  {
    return folder;
  }



  std::string
  ResultsFile::results_path() const
  {
    return (fs::path(folder) / results_name).string();
  }



  std::string
  ResultsFile::xdmf_path() const
  {
    return (fs::path(folder) / xdmf_name).string();
  }



  std::string
  ResultsFile::csv_path() const
  {
    return (fs::path(folder) / csv_name).string();
  }



  unsigned int
  ResultsFile::n_field_steps() const
  {
    return n_steps;
  }



  std::size_t
  ResultsFile::n_curve_rows() const
  {
    return rows.size();
  }



  template <typename Function>
  void
  ResultsFile::run_on_root(const std::string &what, const Function &write)
  {
    std::string error;
    if (is_root)
      {
        try
          {
            const QuietHdf5Errors quiet;
            write();
          }
        catch (const std::exception &e)
          {
            error = e.what();
            if (error.empty())
              error = "unknown error";
          }
        catch (...)
          {
            error = "unknown error";
          }
      }
    error = broadcast_string(error, communicator);
    if (!error.empty())
      throw ParameterError("Results folder '" + folder + "': cannot " + what +
                           ": " + error + ".");
  }



  template <typename Function>
  void
  ResultsFile::extend_results(const Function &extend) const
  {
    const std::string target = results_path();
    replace_through_tmp(target, [&](const std::string &tmp) {
      std::error_code error;
      // Overwrites a .tmp file left by a run killed while writing.
      fs::copy_file(target, tmp, fs::copy_options::overwrite_existing, error);
      if (error)
        fail("cannot copy '" + target + "' to '" + tmp +
             "': " + error.message());
      const Handle access = file_access();
      Handle       file(H5Fopen(tmp.c_str(), H5F_ACC_RDWR, access),
                  H5Fclose,
                  "cannot open '" + tmp + "' as HDF5 file");
      extend(static_cast<hid_t>(file));
      file.close_checked("cannot write '" + tmp + "'");
    });
  }



  void
  ResultsFile::write_xdmf() const
  {
    std::ostringstream x;
    x << "<?xml version=\"1.0\" ?>\n"
      << "<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n"
      << "<Xdmf Version=\"2.0\">\n"
      << "  <Domain>\n"
      << "    <Grid Name=\"CellTime\" GridType=\"Collection\" "
         "CollectionType=\"Temporal\">\n";
    for (const FieldStep &step : field_steps)
      {
        const std::string source =
          xml_escape(std::string(results_name) + ":" + step.group);
        const std::string nodes = std::to_string(step.n_nodes);
        const std::string cells = std::to_string(step.n_cells);
        const std::string name  = fs::path(step.group).filename().string();
        x << "      <Grid Name=\"" << name << "\" GridType=\"Uniform\">\n"
          << "        <Time Value=\"" << format_number(step.time) << "\"/>\n"
          << "        <Geometry GeometryType=\"XYZ\">\n"
          << "          <DataItem Dimensions=\"" << nodes
          << " 3\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">\n"
          << "            " << source << "/nodes\n"
          << "          </DataItem>\n"
          << "        </Geometry>\n"
          << "        <Topology TopologyType=\""
          << (step.dim == 2 ? "Quadrilateral" : "Hexahedron")
          << "\" NumberOfElements=\"" << cells << "\">\n"
          << "          <DataItem Dimensions=\"" << cells << ' '
          << (1U << step.dim)
          << "\" NumberType=\"UInt\" Precision=\"4\" Format=\"HDF\">\n"
          << "            " << source << "/cells\n"
          << "          </DataItem>\n"
          << "        </Topology>\n";
        for (const auto &[data_name, n_components] : step.data_sets)
          x << "        <Attribute Name=\"" << xml_escape(data_name)
            << "\" AttributeType=\"" << xdmf_attribute_type(n_components)
            << "\" Center=\"Node\">\n"
            << "          <DataItem Dimensions=\"" << nodes << ' '
            << n_components
            << "\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">\n"
            << "            " << source << '/' << xml_escape(data_name) << "\n"
            << "          </DataItem>\n"
            << "        </Attribute>\n";
        x << "      </Grid>\n";
      }
    x << "    </Grid>\n"
      << "  </Domain>\n"
      << "</Xdmf>\n";
    write_text_file(xdmf_path(), x.str());
  }



  template void
  ResultsFile::write_field_step<2>(const dealii::DataOut<2, 2> &,
                                   double,
                                   const std::map<std::string, double> &);
  template void
  ResultsFile::write_field_step<3>(const dealii::DataOut<3, 3> &,
                                   double,
                                   const std::map<std::string, double> &);
} // namespace anodemech
