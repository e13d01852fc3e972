// The bundled gmsh disc meshes (meshes/*.msh) read by read_disc_mesh():
// boundary ids against the position of every boundary face, measure,
// material ids and extent; and the errors for missing, unreadable,
// incomplete and wrong-dimension files, each naming the file and the cause.

#include <anodemech/base/parameter_error.h>
#include <anodemech/geometry/disc_mesh.h>
#include <anodemech/geometry/gmsh_disc_mesh.h>

#include <deal.II/fe/mapping_q.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/tria.h>

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "../test_utilities.h"
#include "disc_mesh_checks.h"

#ifndef ANODEMECH_MESH_DIR
#  error "ANODEMECH_MESH_DIR must name the meshes/ folder of the source tree"
#endif

namespace anodemech
{
  namespace
  {
    using test::contains_text;
    using test::parameter_error_message;

    // The geometry of the bundled meshes (the defaults of the .geo files).
    constexpr double R         = 7.5e-3;    // disc radius [m]
    constexpr double H         = 0.225e-3;  // half thickness [m]
    constexpr double t_lithium = 0.2e-3;    // layered: lithium layer [m]
    constexpr double t_layer   = 0.1e-3;    // layered: second layer [m]
    constexpr double tol       = 1e-12 * R; // position tolerance [m]

    std::string
    bundled(const std::string &name)
    {
      return std::string(ANODEMECH_MESH_DIR) + "/" + name;
    }

    std::string
    file_text(const std::string &path)
    {
      std::ifstream      in(path);
      std::ostringstream s;
      s << in.rdbuf();
      return s.str();
    }

    /// A file in the temporary directory, removed when it goes out of scope.
    class TemporaryFile
    {
    public:
      TemporaryFile(const std::string &name, const std::string &text)
        : path(
            (std::filesystem::temp_directory_path() /
             ("anodemech_gmsh_test_" + std::to_string(::getpid()) + "_" + name))
              .string())
      {
        std::ofstream out(path);
        out << text;
      }

      ~TemporaryFile()
      {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
      }

      TemporaryFile(const TemporaryFile &) = delete;
      TemporaryFile &
      operator=(const TemporaryFile &) = delete;

      const std::string path;
    };

    /**
     * Rewrite the $Elements section of the .msh 2.2 text @p msh: the
     * physical tag of each element of gmsh type @p type (1 line, 3
     * quadrilateral, 5 hexahedron) becomes change(tag); elements for which
     * it returns a negative number are removed.
     */
    std::string
    retag_msh22(const std::string                 &msh,
                const int                          type,
                const std::function<int(int tag)> &change)
    {
      std::istringstream       in(msh);
      std::ostringstream       out;
      std::string              line;
      std::vector<std::string> kept;
      while (std::getline(in, line) && line != "$Elements")
        out << line << '\n';
      out << line << '\n';
      std::getline(in, line);
      const int n = std::stoi(line);
      for (int e = 0; e < n; ++e)
        {
          std::getline(in, line);
          std::istringstream       words(line);
          std::vector<std::string> w;
          for (std::string word; words >> word;)
            w.push_back(word);
          if (std::stoi(w[1]) == type)
            {
              const int tag = change(std::stoi(w[3]));
              if (tag < 0)
                continue;
              w[3] = std::to_string(tag);
            }
          std::string joined;
          for (const auto &word : w)
            joined += (joined.empty() ? "" : " ") + word;
          kept.push_back(joined);
        }
      out << kept.size() << '\n';
      for (const auto &k : kept)
        out << k << '\n';
      while (std::getline(in, line))
        out << line << '\n';
      return out.str();
    }

    /// The boundary-id check of the built-in mesh, for height @p top.
    std::map<dealii::types::boundary_id, unsigned int>
    check_axisymmetric_boundary(const dealii::Triangulation<2> &tria,
                                const double                    top)
    {
      return test::check_axisymmetric_boundary_ids(tria, R, top);
    }

    /// Read @p path as a dim-dimensional disc mesh and return the
    /// ParameterError message; the triangulation must be left empty.
    template <int dim>
    std::string
    error_reading(const std::string &path)
    {
      dealii::Triangulation<dim> tria;
      const std::string          message =
        parameter_error_message([&] { read_disc_mesh<dim>(tria, path); });
      EXPECT_EQ(tria.n_levels(), 0u) << "the triangulation was not cleared";
      return message;
    }

    /// A 2D disc mesh of two quadrilaterals, written by gmsh 4.8 as .msh 4.1
    /// from disc_axisymmetric.geo (-setnumber n_radial 2, n_thickness 1).
    const std::string two_cells_msh41 = R"($MeshFormat
4.1 0 8
$EndMeshFormat
$PhysicalNames
5
1 1 "axis"
1 2 "lateral"
1 3 "mid-plane"
1 4 "top"
2 1 "lithium"
$EndPhysicalNames
$Entities
4 4 1 0
1 0 0 0 0 
2 0.0075 0 0 0 
3 0.0075 0.000225 0 0 
4 0 0.000225 0 0 
1 0 0 0 0.0075 0 0 1 3 2 1 -2 
2 0.0075 0 0 0.0075 0.000225 0 1 2 2 2 -3 
3 0 0.000225 0 0.0075 0.000225 0 1 4 2 3 -4 
4 0 0 0 0 0.000225 0 1 1 2 4 -1 
1 0 0 0 0.0075 0.000225 0 1 1 4 1 2 3 4 
$EndEntities
$Nodes
9 6 1 6
0 1 0 1
1
0 0 0
0 2 0 1
2
0.0075 0 0
0 3 0 1
3
0.0075 0.000225 0
0 4 0 1
4
0 0.000225 0
1 1 0 1
5
0.003749999999989517 0 0
1 2 0 0
1 3 0 1
6
0.003750000000010671 0.000225 0
1 4 0 0
2 1 0 0
$EndNodes
$Elements
5 8 1 8
1 1 1 2
1 1 5 
2 5 2 
1 2 1 1
3 2 3 
1 3 1 2
4 3 6 
5 6 4 
1 4 1 1
6 4 1 
2 1 3 2
7 1 5 6 4 
8 5 2 3 6 
$EndElements
)";

    /// The header and nodes of a .msh 2.2 file with the unit square's
    /// corners 1 to 4 and its centre 5.
    const std::string square_nodes_msh22 = "$MeshFormat\n"
                                           "2.2 0 8\n"
                                           "$EndMeshFormat\n"
                                           "$Nodes\n"
                                           "5\n"
                                           "1 0 0 0\n"
                                           "2 1 0 0\n"
                                           "3 1 1 0\n"
                                           "4 0 1 0\n"
                                           "5 0.5 0.5 0\n"
                                           "$EndNodes\n";



    TEST(GmshDiscMesh, AxisymmetricIdsFollowThePosition)
    {
      dealii::Triangulation<2> tria;
      read_disc_mesh<2>(tria, bundled("disc_axisymmetric.msh"));
      EXPECT_EQ(tria.n_active_cells(), 40u * 2u);

      const auto count = check_axisymmetric_boundary(tria, H);
      EXPECT_EQ(count.at(boundary_ids::axis_or_symmetry_x), 2u);
      EXPECT_EQ(count.at(boundary_ids::lateral), 2u);
      EXPECT_EQ(count.at(boundary_ids::mid_plane), 40u);
      EXPECT_EQ(count.at(boundary_ids::top), 40u);
      EXPECT_EQ(count.size(), 4u);

      for (const auto &cell : tria.active_cell_iterators())
        EXPECT_EQ(cell->material_id(), material_ids::lithium);

      // The meridian rectangle; gmsh writes the nodes to 16 digits.
      EXPECT_NEAR(dealii::GridTools::volume(tria), R * H, 1e-12 * R * H);

      const auto extent = disc_extent(tria);
      EXPECT_NEAR(extent.radius, R, tol);
      EXPECT_NEAR(extent.half_thickness, H, tol);
    }

    TEST(GmshDiscMesh, LayeredAxisymmetricHasTwoMaterials)
    {
      dealii::Triangulation<2> tria;
      read_disc_mesh<2>(tria, bundled("disc_layered_axisymmetric.msh"));
      const double top = t_lithium + t_layer;
      EXPECT_EQ(tria.n_active_cells(), 40u * 3u);

      // The interface z = t_lithium is interior: no boundary faces there.
      const auto count = check_axisymmetric_boundary(tria, top);
      EXPECT_EQ(count.at(boundary_ids::axis_or_symmetry_x), 3u);
      EXPECT_EQ(count.at(boundary_ids::lateral), 3u);
      EXPECT_EQ(count.at(boundary_ids::mid_plane), 40u);
      EXPECT_EQ(count.at(boundary_ids::top), 40u);
      EXPECT_EQ(count.size(), 4u);

      // Lithium below the interface, the second layer above it.
      std::map<dealii::types::material_id, double> area;
      for (const auto &cell : tria.active_cell_iterators())
        {
          const bool in_lithium = cell->center()[1] < t_lithium;
          EXPECT_EQ(cell->material_id(),
                    in_lithium ? material_ids::lithium :
                                 material_ids::second_layer)
            << "cell at " << cell->center();
          area[cell->material_id()] += cell->measure();
        }
      EXPECT_NEAR(area[material_ids::lithium], R * t_lithium, 1e-12 * R * H);
      EXPECT_NEAR(area[material_ids::second_layer], R * t_layer, 1e-12 * R * H);
      EXPECT_EQ(area.size(), 2u);

      const auto extent = disc_extent(tria);
      EXPECT_NEAR(extent.radius, R, tol);
      EXPECT_NEAR(extent.half_thickness, top, tol);
    }

    TEST(GmshDiscMesh, QuarterDiscIdsVolumeAndCircle)
    {
      dealii::Triangulation<3> tria;
      read_disc_mesh<3>(tria, bundled("disc_quarter_3d.msh"));

      // 2 n_square = 8 segments on the quarter circle, 4 + 4 elements
      // along the radius, 2 layers: 3 blocks of 4 x 4 cells per layer.
      const unsigned int segments = 8, layers = 2, plan = 48;
      EXPECT_EQ(tria.n_active_cells(), plan * layers);

      for (const auto &cell : tria.active_cell_iterators())
        EXPECT_EQ(cell->material_id(), material_ids::lithium);
      auto count = test::check_quarter_disc_boundary_ids(tria, R, H);
      EXPECT_EQ(count.at(boundary_ids::lateral), segments * layers);
      EXPECT_EQ(count.at(boundary_ids::axis_or_symmetry_x), segments * layers);
      EXPECT_EQ(count.at(boundary_ids::symmetry_y), segments * layers);
      EXPECT_EQ(count.at(boundary_ids::mid_plane), plan);
      EXPECT_EQ(count.at(boundary_ids::top), plan);
      EXPECT_EQ(count.size(), 5u);

      for (const auto &x : tria.get_vertices())
        {
          EXPECT_LE(std::hypot(x[0], x[1]), R + tol);
          EXPECT_GE(x[0], -tol);
          EXPECT_GE(x[1], -tol);
          EXPECT_GE(x[2], -tol);
          EXPECT_LE(x[2], H + tol);
        }

      // Volume with straight-sided hexahedra (GridTools::volume uses the
      // trilinear mapping): the quarter circle is the polygon of its 8
      // equal chords (gmsh spaces the nodes of a transfinite circle arc
      // evenly in angle), so the volume is exactly N/2 R^2 sin(pi/(2N)) H
      // up to rounding (1e-10), and below the quarter cylinder
      // pi R^2 / 4 H by the polygon error 1 - sin(pi/16) / (pi/16) = 0.64 %,
      // hence the tolerance of 1 %.
      const double volume   = dealii::GridTools::volume(tria);
      const double cylinder = M_PI * R * R / 4. * H;
      const double polygon =
        segments / 2. * R * R * std::sin(M_PI / (2. * segments)) * H;
      EXPECT_NEAR(volume, polygon, 1e-10 * polygon);
      EXPECT_NEAR(volume, cylinder, 0.01 * cylinder);
      EXPECT_LT(volume, cylinder);
      // With a quadratic mapping the cylinder manifold rounds the lateral
      // surface: the error drops to O(h^4) of the arcs, 3e-6 here.
      const double curved =
        dealii::GridTools::volume(tria, dealii::MappingQ<3>(2));
      EXPECT_NEAR(curved, cylinder, 1e-5 * cylinder);

      const auto extent = disc_extent(tria);
      EXPECT_NEAR(extent.radius, R, tol);
      EXPECT_NEAR(extent.half_thickness, H, tol);
    }

    TEST(GmshDiscMesh, ReadsMshFormat41)
    {
      const TemporaryFile      file("two_cells.msh", two_cells_msh41);
      dealii::Triangulation<2> tria;
      read_disc_mesh<2>(tria, file.path);
      EXPECT_EQ(tria.n_active_cells(), 2u);
      const auto count = check_axisymmetric_boundary(tria, H);
      EXPECT_EQ(count.at(boundary_ids::axis_or_symmetry_x), 1u);
      EXPECT_EQ(count.at(boundary_ids::lateral), 1u);
      EXPECT_EQ(count.at(boundary_ids::mid_plane), 2u);
      EXPECT_EQ(count.at(boundary_ids::top), 2u);
      EXPECT_NEAR(dealii::GridTools::volume(tria), R * H, 1e-12 * R * H);
    }

    TEST(GmshDiscMesh, ExtentOfTheBuiltInMeshes)
    {
      DiscGeometry g;
      g.radial_elements    = 8;
      g.thickness_elements = 2;
      dealii::Triangulation<2> flat;
      make_half_disc_mesh<2>(flat, g);
      auto extent = disc_extent(flat);
      EXPECT_NEAR(extent.radius, g.diameter / 2., tol);
      EXPECT_NEAR(extent.half_thickness, g.thickness / 2., tol);
      dealii::Triangulation<3> quarter;
      make_half_disc_mesh<3>(quarter, g);
      extent = disc_extent(quarter);
      EXPECT_NEAR(extent.radius, g.diameter / 2., tol);
      EXPECT_NEAR(extent.half_thickness, g.thickness / 2., tol);

      EXPECT_THROW(disc_extent(dealii::Triangulation<2>()), std::logic_error);
    }

    TEST(GmshDiscMesh, MissingFileIsNamed)
    {
      const std::string path =
        (std::filesystem::temp_directory_path() / "anodemech_no_such_mesh.msh")
          .string();
      auto m = error_reading<2>(path);
      EXPECT_TRUE(contains_text(m, "'" + path + "'")) << m;
      EXPECT_TRUE(contains_text(m, "does not exist")) << m;

      // A relative name: the message says relative to what.
      m = error_reading<3>("no/such/mesh.msh");
      EXPECT_TRUE(contains_text(m, "'no/such/mesh.msh'")) << m;
      EXPECT_TRUE(contains_text(m, "does not exist")) << m;
      EXPECT_TRUE(contains_text(m, "working directory")) << m;

      // A directory is not a mesh.
      const std::string directory =
        std::filesystem::temp_directory_path().string();
      m = error_reading<2>(directory);
      EXPECT_TRUE(contains_text(m, "'" + directory + "'")) << m;
      EXPECT_TRUE(contains_text(m, "directory")) << m;

      m = error_reading<2>("");
      EXPECT_TRUE(contains_text(m, "no mesh file name")) << m;
    }

    TEST(GmshDiscMesh, GarbageFileIsNotAGmshMesh)
    {
      const TemporaryFile file("garbage.msh",
                               "solid disc\n  facet normal 0 0 1\nendsolid\n");
      const auto          m = error_reading<2>(file.path);
      EXPECT_TRUE(contains_text(m, "'" + file.path + "'")) << m;
      EXPECT_TRUE(contains_text(m, "not a gmsh mesh file")) << m;
      EXPECT_TRUE(contains_text(m, "$MeshFormat")) << m;
      EXPECT_TRUE(contains_text(m, "-format msh22")) << m; // the hint

      const TemporaryFile empty("empty.msh", "");
      EXPECT_TRUE(contains_text(error_reading<3>(empty.path), "$MeshFormat"));

      const TemporaryFile binary("binary.msh",
                                 "$MeshFormat\n4.1 1 8\n\x01\x02\x03\x04\n");
      const auto          b = error_reading<2>(binary.path);
      EXPECT_TRUE(contains_text(b, "'" + binary.path + "'")) << b;
      EXPECT_TRUE(contains_text(b, "binary")) << b;

      const TemporaryFile old("version3.msh", "$MeshFormat\n3.0 0 8\n");
      const auto          v = error_reading<2>(old.path);
      EXPECT_TRUE(contains_text(v, "'" + old.path + "'")) << v;
      EXPECT_TRUE(contains_text(v, "version 3")) << v;
    }

    TEST(GmshDiscMesh, GridInFailureIsPassedOnWithTheFileName)
    {
      // Well-formed sections, but the quadrilateral names node 9 of 5.
      const TemporaryFile file("bad_node.msh",
                               square_nodes_msh22 + "$Elements\n"
                                                    "1\n"
                                                    "1 3 2 1 1 1 2 3 9\n"
                                                    "$EndElements\n");
      const auto          m = error_reading<2>(file.path);
      EXPECT_TRUE(contains_text(m, "'" + file.path + "'")) << m;
      EXPECT_TRUE(contains_text(m, "GridIn could not read it")) << m;
      EXPECT_TRUE(contains_text(m, "vertex with index 9")) << m;
      EXPECT_TRUE(contains_text(m, "gmsh -2 -format msh22")) << m;
    }

    TEST(GmshDiscMesh, MissingBoundaryTagIsNamed)
    {
      // The axisymmetric mesh without the top face's Physical Curve 4.
      const TemporaryFile no_top(
        "no_top.msh",
        retag_msh22(file_text(bundled("disc_axisymmetric.msh")),
                    /*line*/ 1,
                    [](const int tag) { return tag == 4 ? -1 : tag; }));
      auto m = error_reading<2>(no_top.path);
      EXPECT_TRUE(contains_text(m, "'" + no_top.path + "'")) << m;
      EXPECT_TRUE(
        contains_text(m, "40 boundary faces are in no Physical Curve"))
        << m;
      EXPECT_TRUE(contains_text(m,
                                "no boundary face has boundary id 3 (the top "
                                "face z = h/2): the .geo file must define "
                                "Physical Curve 4"))
        << m;
      EXPECT_FALSE(contains_text(m, "boundary id 2")) << m;

      // The quarter disc without the y = 0 plane's Physical Surface 5.
      const TemporaryFile no_y(
        "no_y.msh",
        retag_msh22(file_text(bundled("disc_quarter_3d.msh")),
                    /*quadrilateral*/ 3,
                    [](const int tag) { return tag == 5 ? -1 : tag; }));
      m = error_reading<3>(no_y.path);
      EXPECT_TRUE(contains_text(m, "'" + no_y.path + "'")) << m;
      EXPECT_TRUE(
        contains_text(m, "16 boundary faces are in no Physical Surface"))
        << m;
      EXPECT_TRUE(contains_text(m,
                                "no boundary face has boundary id 4 (the "
                                "symmetry plane y = 0): the .geo file must "
                                "define Physical Surface 5"))
        << m;

      // A physical tag that is no boundary of the disc: the lateral
      // surface in Physical Curve 7 instead of 2.
      const TemporaryFile wrong_tag(
        "wrong_tag.msh",
        retag_msh22(file_text(bundled("disc_axisymmetric.msh")),
                    /*line*/ 1,
                    [](const int tag) { return tag == 2 ? 7 : tag; }));
      m = error_reading<2>(wrong_tag.path);
      EXPECT_TRUE(contains_text(m, "'" + wrong_tag.path + "'")) << m;
      EXPECT_TRUE(contains_text(m, "Physical Curve 7, which is not a boundary"))
        << m;
      EXPECT_TRUE(contains_text(m, "boundary id 1 (the lateral surface)")) << m;

      // The y = 0 tag 5 is valid in 3D only.
      const TemporaryFile five(
        "five.msh",
        retag_msh22(file_text(bundled("disc_axisymmetric.msh")),
                    /*line*/ 1,
                    [](const int tag) { return tag == 2 ? 5 : tag; }));
      m = error_reading<2>(five.path);
      EXPECT_TRUE(contains_text(m, "Physical Curve 5, which is not a boundary"))
        << m;
    }

    TEST(GmshDiscMesh, UnexpectedMaterialIsNamed)
    {
      // Lithium cells in Physical Surface 3, i.e. material id 2.
      const TemporaryFile file(
        "material.msh",
        retag_msh22(file_text(bundled("disc_axisymmetric.msh")),
                    /*quadrilateral*/ 3,
                    [](const int tag) { return tag == 1 ? 3 : tag; }));
      auto m = error_reading<2>(file.path);
      EXPECT_TRUE(contains_text(m, "'" + file.path + "'")) << m;
      EXPECT_TRUE(contains_text(m,
                                "80 cells are in Physical Surface 3, i.e. "
                                "material id 2, which is not a disc material"))
        << m;

      // 3D: the hexahedra in Physical Volume 9.
      const TemporaryFile volume("material3d.msh",
                                 retag_msh22(file_text(
                                               bundled("disc_quarter_3d.msh")),
                                             /*hexahedron*/ 5,
                                             [](const int) { return 9; }));
      m = error_reading<3>(volume.path);
      EXPECT_TRUE(contains_text(m, "'" + volume.path + "'")) << m;
      EXPECT_TRUE(contains_text(m, "Physical Volume 9, i.e. material id 8"))
        << m;

      // Cells of no physical group: gmsh writes tag 0 when the .geo defines
      // no physical groups at all.
      const TemporaryFile untagged("untagged.msh",
                                   square_nodes_msh22 + "$Elements\n"
                                                        "1\n"
                                                        "1 3 2 0 1 1 2 3 4\n"
                                                        "$EndElements\n");
      m = error_reading<2>(untagged.path);
      EXPECT_TRUE(contains_text(m, "'" + untagged.path + "'")) << m;
      EXPECT_TRUE(contains_text(m, "1 cells are in no Physical Surface")) << m;
      EXPECT_TRUE(contains_text(m, "4 boundary faces are in no Physical Curve"))
        << m;
    }

    TEST(GmshDiscMesh, WrongDimensionIsNamed)
    {
      const std::string quarter = bundled("disc_quarter_3d.msh");
      auto              m       = error_reading<2>(quarter);
      EXPECT_TRUE(contains_text(m, "'" + quarter + "'")) << m;
      EXPECT_TRUE(contains_text(m,
                                "a 2D mesh was asked for, but the file holds a "
                                "3D (quarter-disc) mesh"))
        << m;

      const std::string flat = bundled("disc_axisymmetric.msh");
      m                      = error_reading<3>(flat);
      EXPECT_TRUE(contains_text(m, "'" + flat + "'")) << m;
      EXPECT_TRUE(contains_text(m,
                                "a 3D mesh was asked for, but the file holds a "
                                "2D (axisymmetric) mesh"))
        << m;
    }

    TEST(GmshDiscMesh, TrianglesAreRejected)
    {
      // The unit square as 4 triangles around its centre, fully tagged.
      const TemporaryFile file("triangles.msh",
                               square_nodes_msh22 + "$Elements\n"
                                                    "8\n"
                                                    "1 1 2 3 1 1 2\n"
                                                    "2 1 2 2 2 2 3\n"
                                                    "3 1 2 4 3 3 4\n"
                                                    "4 1 2 1 4 4 1\n"
                                                    "5 2 2 1 1 1 2 5\n"
                                                    "6 2 2 1 1 2 3 5\n"
                                                    "7 2 2 1 1 3 4 5\n"
                                                    "8 2 2 1 1 4 1 5\n"
                                                    "$EndElements\n");
      const auto          m = error_reading<2>(file.path);
      EXPECT_TRUE(contains_text(m, "'" + file.path + "'")) << m;
      EXPECT_TRUE(contains_text(m, "triangles")) << m;
      EXPECT_TRUE(contains_text(m, "Recombine")) << m;
    }

    TEST(GmshDiscMesh, TriangulationMustBeEmpty)
    {
      dealii::Triangulation<2> tria;
      read_disc_mesh<2>(tria, bundled("disc_axisymmetric.msh"));
      // A programming error, not an input error: std::logic_error, but
      // not the ParameterError that applications report as bad input.
      try
        {
          read_disc_mesh<2>(tria, bundled("disc_axisymmetric.msh"));
          ADD_FAILURE() << "no exception for a non-empty triangulation";
        }
      catch (const ParameterError &)
        {
          ADD_FAILURE() << "a ParameterError for a non-empty triangulation";
        }
      catch (const std::logic_error &e)
        {
          EXPECT_TRUE(contains_text(e.what(), "not empty")) << e.what();
        }
      EXPECT_EQ(tria.n_active_cells(), 80u); // left as it was
    }
  } // namespace
} // namespace anodemech
