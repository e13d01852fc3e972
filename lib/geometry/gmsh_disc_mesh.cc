#include <anodemech/base/parameter_error.h>
#include <anodemech/geometry/disc_mesh.h>
#include <anodemech/geometry/gmsh_disc_mesh.h>

#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria_base.h>
#include <deal.II/grid/grid_in.h>
#include <deal.II/grid/manifold_lib.h>
#include <deal.II/grid/tria.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "../base/text.h"

namespace anodemech
{
  namespace
  {
    /// How to make a mesh that read_disc_mesh() reads, for error messages.
    const std::string gmsh_hint =
      "Write the mesh with gmsh as ASCII .msh 2.2, e.g. 'gmsh -2 -format "
      "msh22 disc.geo' (axisymmetric) or 'gmsh -3 -format msh22 disc.geo' "
      "(3D); meshes/README.md describes the physical tags.";

    [[noreturn]] void
    fail(const std::string &filename, const std::string &cause)
    {
      throw ParameterError("Mesh file '" + filename + "': " + cause);
    }

    using internal::trim;

    using internal::one_line;

    /// Dimension of a gmsh element type, -1 if not known here.
    int
    gmsh_element_dimension(const int type)
    {
      switch (type)
        {
          case 15: // point
            return 0;
          case 1: // lines of order 1, 2
          case 8:
            return 1;
          case 2: // triangles and quadrilaterals
          case 3:
          case 9:
          case 10:
          case 16:
            return 2;
          case 4: // tetrahedra, hexahedra, prisms, pyramids
          case 5:
          case 6:
          case 7:
          case 11:
          case 12:
          case 13:
          case 14:
          case 17:
          case 18:
          case 19:
            return 3;
          default:
            return -1;
        }
    }

    /// What a look at the file before GridIn reads it found.
    struct MshSummary
    {
      /// Highest dimension of the elements; -1 if the $Elements section
      /// could not be parsed here (GridIn then has the last word).
      int max_element_dimension = -1;
      /// Whether the $Elements section was found and parsed.
      bool elements_parsed = false;
    };

    /**
     * Check the $MeshFormat header of @p in (ASCII, version 2.x or 4.x) and
     * find the highest element dimension from the $Elements section.
     */
    MshSummary
    scan_msh(std::istream &in, const std::string &filename)
    {
      std::string line;
      // The first non-empty line must open the $MeshFormat section.
      while (std::getline(in, line) && trim(line).empty())
        {}
      if (trim(line) != "$MeshFormat")
        fail(filename,
             "it is not a gmsh mesh file of format 2 or 4 (it does not "
             "begin with $MeshFormat). " +
               gmsh_hint);

      double version   = 0.;
      int    file_type = -1;
      if (!std::getline(in, line) ||
          !(std::istringstream(line) >> version >> file_type))
        fail(filename, "its $MeshFormat section is malformed. " + gmsh_hint);
      if (file_type != 0)
        fail(filename,
             "it is a binary .msh file, but deal.II reads ASCII ones only. " +
               gmsh_hint);
      const int major = static_cast<int>(version);
      if (major != 2 && major != 4)
        fail(filename,
             "its .msh format version " + format_number(version) +
               " is not 2.x or 4.x, which deal.II reads. " + gmsh_hint);

      MshSummary summary;
      while (std::getline(in, line))
        if (trim(line) == "$Elements")
          break;
      if (!in)
        fail(filename, "it has no $Elements section. " + gmsh_hint);

      int  max_dim = -1;
      bool ok      = false;
      if (major == 2)
        {
          // n, then one line per element: tag, type, ...
          long n = -1;
          if (std::getline(in, line) && (std::istringstream(line) >> n) &&
              n >= 0)
            {
              ok = true;
              for (long e = 0; e < n && ok; ++e)
                {
                  long tag  = 0;
                  int  type = 0;
                  ok        = std::getline(in, line) &&
                       (std::istringstream(line) >> tag >> type);
                  // An element type not known here: leave it to GridIn.
                  ok = ok && gmsh_element_dimension(type) >= 0;
                  if (ok)
                    max_dim = std::max(max_dim, gmsh_element_dimension(type));
                }
            }
        }
      else
        {
          // Blocks: 4.1 "entityDim entityTag elementType n",
          // 4.0 "entityTag entityDim elementType n", then n element lines.
          const bool v40    = version < 4.05;
          long       blocks = -1;
          if (std::getline(in, line) && (std::istringstream(line) >> blocks) &&
              blocks >= 0)
            {
              ok = true;
              for (long b = 0; b < blocks && ok; ++b)
                {
                  long first = 0, second = 0, n = 0;
                  int  type = 0;
                  ok        = std::getline(in, line) &&
                       (std::istringstream(line) >> first >> second >> type >>
                        n) &&
                       n >= 0;
                  if (ok)
                    max_dim =
                      std::max(max_dim, static_cast<int>(v40 ? second : first));
                  for (long e = 0; e < n && ok; ++e)
                    ok = static_cast<bool>(std::getline(in, line));
                }
            }
        }
      summary.elements_parsed       = ok;
      summary.max_element_dimension = ok ? max_dim : -1;
      return summary;
    }

    /// What a mesh of dimension @p dim is, for error messages.
    std::string
    mesh_kind(const int dim)
    {
      switch (dim)
        {
          case 2:
            return "a 2D (axisymmetric) mesh, made with 'gmsh -2'";
          case 3:
            return "a 3D (quarter-disc) mesh, made with 'gmsh -3'";
          default:
            return dim < 0 ? "no elements" :
                             "no cells, only elements of dimension " +
                               std::to_string(dim);
        }
    }

    /// What boundary id @p id of a dim-dimensional disc mesh is.
    std::string
    boundary_name(const int dim, const dealii::types::boundary_id id)
    {
      switch (id)
        {
          case boundary_ids::axis_or_symmetry_x:
            return dim == 2 ? "the axis r = 0" : "the symmetry plane x = 0";
          case boundary_ids::lateral:
            return "the lateral surface";
          case boundary_ids::mid_plane:
            return "the mid-plane z = 0";
          case boundary_ids::top:
            return "the top face z = h/2";
          case boundary_ids::symmetry_y:
            return "the symmetry plane y = 0";
          default:
            return "no disc boundary";
        }
    }

    template <int dim>
    std::string
    point_text(const dealii::Point<dim> &x)
    {
      std::ostringstream s;
      s.precision(6);
      s << "(" << x[0];
      for (unsigned int d = 1; d < dim; ++d)
        s << ", " << x[d];
      s << ")";
      return s.str();
    }

    /**
     * Turn the physical tags that GridIn stored as ids into anodemech ids
     * (tag - offset) and check them; throw one ParameterError that lists
     * every problem found.
     */
    template <int dim>
    void
    convert_and_check_ids(dealii::Triangulation<dim, dim> &tria,
                          const std::string               &filename)
    {
      const std::string curve =
        dim == 2 ? "Physical Curve" : "Physical Surface";
      const std::string region =
        dim == 2 ? "Physical Surface" : "Physical Volume";
      const unsigned int n_ids = dim == 2 ? 4 : 5; // boundary ids 0 .. n - 1

      std::map<dealii::types::boundary_id, unsigned int> faces_with_id;
      std::map<unsigned int, unsigned int>               bad_face_tags;
      std::map<unsigned int, unsigned int>               bad_cell_tags;
      unsigned int                                       untagged_faces = 0;
      unsigned int                                       untagged_cells = 0;
      std::string first_untagged_face, first_untagged_cell;

      // A freshly read mesh has one level; every boundary face belongs to
      // exactly one cell, so each id is converted once. (A parallel
      // triangulation holds all coarse cells on every rank, so all ranks
      // find the same.)
      for (const auto &cell : tria.cell_iterators())
        {
          const unsigned int tag = cell->material_id();
          if (tag == 0)
            {
              if (untagged_cells++ == 0)
                first_untagged_cell = point_text(cell->center());
            }
          else if (tag - gmsh_tags::offset != material_ids::lithium &&
                   tag - gmsh_tags::offset != material_ids::second_layer)
            ++bad_cell_tags[tag];
          else
            cell->set_material_id(tag - gmsh_tags::offset);

          for (const auto &face : cell->face_iterators())
            if (face->at_boundary())
              {
                const unsigned int face_tag = face->boundary_id();
                if (face_tag == 0)
                  {
                    if (untagged_faces++ == 0)
                      first_untagged_face = point_text(face->center());
                  }
                else if (face_tag > n_ids)
                  ++bad_face_tags[face_tag];
                else
                  {
                    face->set_boundary_id(face_tag - gmsh_tags::offset);
                    ++faces_with_id[face_tag - gmsh_tags::offset];
                  }
              }
        }

      std::vector<std::string> problems;
      if (untagged_cells > 0)
        problems.push_back(std::to_string(untagged_cells) +
                           " cells are in no " + region + " (the first at " +
                           first_untagged_cell + ")");
      for (const auto &[tag, n] : bad_cell_tags)
        problems.push_back(std::to_string(n) + " cells are in " + region + " " +
                           std::to_string(tag) + ", i.e. material id " +
                           std::to_string(tag - gmsh_tags::offset) +
                           ", which is not a disc material (allowed: " +
                           region + " 1 for material id 0, lithium, and 2 " +
                           "for material id 1, the second layer)");
      if (untagged_faces > 0)
        problems.push_back(std::to_string(untagged_faces) +
                           " boundary faces are in no " + curve +
                           " (the first at " + first_untagged_face + ")");
      for (const auto &[tag, n] : bad_face_tags)
        problems.push_back(std::to_string(n) + " boundary faces are in " +
                           curve + " " + std::to_string(tag) +
                           ", which is not a boundary of the disc (allowed: " +
                           "1 to " + std::to_string(n_ids) + ")");
      for (unsigned int id = 0; id < n_ids; ++id)
        if (faces_with_id.count(id) == 0)
          problems.push_back(
            "no boundary face has boundary id " + std::to_string(id) + " (" +
            boundary_name(dim, id) + "): the .geo file must define " + curve +
            " " + std::to_string(gmsh_tags::of_boundary(id)) + " on it");

      if (!problems.empty())
        {
          std::string message = "it is not a valid disc mesh: ";
          for (unsigned int i = 0; i < problems.size(); ++i)
            message += (i > 0 ? "; " : "") + problems[i];
          message += ". The physical tags are the anodemech ids + " +
                     std::to_string(gmsh_tags::offset) + ": " + curve +
                     " 1 axis" + (dim == 2 ? "" : " (x = 0)") +
                     ", 2 lateral, 3 mid-plane, 4 top" +
                     (dim == 2 ? "" : ", 5 plane y = 0") + "; " + region +
                     " 1 lithium, 2 second layer (see meshes/README.md).";
          fail(filename, message);
        }
    }

    /// Open @p filename for reading or throw a ParameterError saying why.
    std::ifstream
    open_mesh_file(const std::string &filename)
    {
      namespace fs = std::filesystem;
      if (filename.empty())
        fail(filename, "no mesh file name is given.");
      std::error_code   error;
      const fs::path    path(filename);
      const auto        where = path.is_absolute() ?
                                  std::string() :
                                  " (relative to the working directory " +
                             fs::current_path(error).string() + ")";
      const std::string allowed =
        ". It must name an ASCII gmsh mesh file (.msh format 2.2 or 4.x). " +
        gmsh_hint;
      if (!fs::exists(path, error))
        fail(filename, "the file does not exist" + where + allowed);
      if (fs::is_directory(path, error))
        fail(filename, "it is a directory, not a mesh file" + where + allowed);
      std::ifstream in(filename);
      if (!in)
        fail(filename,
             "the file cannot be opened for reading" + where + allowed);
      return in;
    }
  } // namespace



  template <int dim>
  void
  read_disc_mesh(dealii::Triangulation<dim, dim> &tria,
                 const std::string               &filename)
  {
    static_assert(dim == 2 || dim == 3, "Disc meshes are 2D or 3D.");
    if (tria.n_levels() > 0)
      throw std::logic_error("read_disc_mesh: the triangulation to be filled "
                             "from '" +
                             filename + "' is not empty.");

    std::ifstream    in      = open_mesh_file(filename);
    const MshSummary summary = scan_msh(in, filename);
    if (summary.elements_parsed && summary.max_element_dimension != dim)
      {
        fail(filename,
             "a " + std::to_string(dim) +
               "D mesh was asked for, but the file holds " +
               mesh_kind(summary.max_element_dimension) +
               ". The axisymmetric solver (dim = 2) needs a meridian-plane "
               "mesh such as meshes/disc_axisymmetric.msh, the 3D one (dim "
               "= 3) a quarter disc such as meshes/disc_quarter_3d.msh.");
      }

    in.clear();
    in.seekg(0);
    dealii::GridIn<dim, dim> grid_in(tria);
    try
      {
        grid_in.read_msh(in);
      }
    catch (const dealii::ExceptionBase &e)
      {
        tria.clear();
        std::ostringstream info;
        e.print_info(info);
        fail(filename,
             "deal.II's GridIn could not read it as a gmsh mesh: " +
               one_line(info.str()) + " " + gmsh_hint);
      }
    catch (const std::exception &e)
      {
        tria.clear();
        fail(filename,
             "deal.II's GridIn could not read it as a gmsh mesh: " +
               one_line(e.what()) + " " + gmsh_hint);
      }

    try
      {
        if (!tria.all_reference_cells_are_hyper_cube())
          fail(filename,
               std::string("it holds ") +
                 (dim == 2 ? "triangles" : "tetrahedra, prisms or pyramids") +
                 ", but disc meshes must consist of " +
                 (dim == 2 ? "quadrilaterals" : "hexahedra") +
                 " only (Recombine in the .geo file).");
        convert_and_check_ids(tria, filename);
      }
    catch (...)
      {
        tria.clear();
        throw;
      }

    if constexpr (dim == 3)
      {
        // As make_half_disc_mesh(): the lateral surface is a cylinder about
        // the z axis.
        for (const auto &cell : tria.cell_iterators())
          for (const auto &face : cell->face_iterators())
            if (face->at_boundary() &&
                face->boundary_id() == boundary_ids::lateral)
              face->set_all_manifold_ids(manifold_ids::lateral_cylinder);
        tria.set_manifold(manifold_ids::lateral_cylinder,
                          dealii::CylindricalManifold<3>(2));
      }
  }



  template <int dim>
  DiscExtent
  disc_extent(const dealii::Triangulation<dim, dim> &tria)
  {
    if (tria.n_levels() == 0)
      throw std::logic_error("disc_extent: the triangulation is empty.");
    DiscExtent extent;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int v : cell->vertex_indices())
          {
            const auto  &x        = cell->vertex(v);
            const double r        = dim == 2 ? x[0] : std::hypot(x[0], x[1]);
            extent.radius         = std::max(extent.radius, r);
            extent.half_thickness = std::max(extent.half_thickness, x[dim - 1]);
          }
    if (const auto *parallel =
          dynamic_cast<const dealii::parallel::TriangulationBase<dim, dim> *>(
            &tria))
      {
        const MPI_Comm comm = parallel->get_communicator();
        extent.radius       = dealii::Utilities::MPI::max(extent.radius, comm);
        extent.half_thickness =
          dealii::Utilities::MPI::max(extent.half_thickness, comm);
      }
    return extent;
  }



  template void
  read_disc_mesh<2>(dealii::Triangulation<2, 2> &, const std::string &);
  template void
  read_disc_mesh<3>(dealii::Triangulation<3, 3> &, const std::string &);
  template DiscExtent
  disc_extent<2>(const dealii::Triangulation<2, 2> &);
  template DiscExtent
  disc_extent<3>(const dealii::Triangulation<3, 3> &);
} // namespace anodemech
