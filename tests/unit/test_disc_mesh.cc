// Half-disc meshes: boundary ids against the position of every boundary
// face, measure of the meshed part, lateral vertices on the circle,
// material ids, and the checks of DiscGeometry.

#include <anodemech/base/parameter_error.h>
#include <anodemech/geometry/disc_mesh.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/tria.h>

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "../test_utilities.h"
#include "disc_mesh_checks.h"

namespace anodemech
{
  namespace test
  {
    namespace
    {
      // Shared helpers of the parameter tests (tests/test_utilities.h).
      constexpr auto geometry_error_of = &test::parameter_error_message;
      constexpr auto names             = &test::contains_text;


      DiscGeometry
      geometry(const unsigned int radial, const unsigned int layers)
      {
        DiscGeometry g;
        g.diameter           = 15e-3;
        g.thickness          = 0.45e-3;
        g.radial_elements    = radial;
        g.thickness_elements = layers;
        return g;
      }
    } // namespace
  }   // namespace test

  namespace
  {
    using test::geometry;
    using test::geometry_error_of;
    using test::names;

    TEST(DiscMesh, AxisymmetricBoundaryIdsFollowThePosition)
    {
      const auto               g = geometry(7, 3);
      const double             R = g.diameter / 2., H = g.thickness / 2.;
      dealii::Triangulation<2> tria;
      make_half_disc_mesh<2>(tria, g);
      EXPECT_EQ(tria.n_active_cells(), 7u * 3u);

      for (const auto &cell : tria.active_cell_iterators())
        EXPECT_EQ(cell->material_id(), 0u);
      auto count = test::check_axisymmetric_boundary_ids(tria, R, H);
      EXPECT_EQ(count[boundary_ids::axis_or_symmetry_x], 3u);
      EXPECT_EQ(count[boundary_ids::lateral], 3u);
      EXPECT_EQ(count[boundary_ids::mid_plane], 7u);
      EXPECT_EQ(count[boundary_ids::top], 7u);
      EXPECT_EQ(count.size(), 4u);
    }

    TEST(DiscMesh, AxisymmetricMeshIsTheMeridianRectangle)
    {
      const auto               g = geometry(40, 2);
      dealii::Triangulation<2> tria;
      make_half_disc_mesh<2>(tria, g);
      const double expected = g.diameter / 2. * g.thickness / 2.;
      EXPECT_NEAR(dealii::GridTools::volume(tria), expected, 1e-12 * expected);
      double sum = 0.;
      for (const auto &cell : tria.active_cell_iterators())
        sum += cell->measure();
      EXPECT_NEAR(sum, expected, 1e-12 * expected);
      EXPECT_EQ(tria.n_active_cells(), 80u);
      EXPECT_EQ(disc_symmetry_multiplicity<2>(), 1.);
    }

    // Classify each boundary face of the quarter cylinder by its vertices
    // and compare with its boundary id.
    void
    check_3d_mesh(const DiscGeometry &g, const unsigned int expected_segments)
    {
      const double             R = g.diameter / 2., H = g.thickness / 2.;
      const double             tol = 1e-12 * R;
      dealii::Triangulation<3> tria;
      make_half_disc_mesh<3>(tria, g);

      for (const auto &cell : tria.active_cell_iterators())
        EXPECT_EQ(cell->material_id(), 0u);
      auto count = test::check_quarter_disc_boundary_ids(tria, R, H);

      // Face counts: N segments of the quarter circle per layer; the
      // quarter_hyper_ball refined k times has 3 * 4^k cells in plan.
      const unsigned int layers = g.thickness_elements;
      const unsigned int plan   = 3 * expected_segments * expected_segments / 4;
      EXPECT_EQ(tria.n_active_cells(), plan * layers);
      EXPECT_EQ(count[boundary_ids::lateral], expected_segments * layers);
      EXPECT_EQ(count[boundary_ids::axis_or_symmetry_x],
                expected_segments * layers);
      EXPECT_EQ(count[boundary_ids::symmetry_y], expected_segments * layers);
      EXPECT_EQ(count[boundary_ids::mid_plane], plan);
      EXPECT_EQ(count[boundary_ids::top], plan);
      EXPECT_EQ(count.size(), 5u);

      // Every vertex on the lateral boundary lies on the circle of radius R
      // (checked per face above); in addition, no vertex lies outside it.
      for (const auto &x : tria.get_vertices())
        {
          EXPECT_LE(std::hypot(x[0], x[1]), R * (1. + 1e-12));
          EXPECT_GE(x[0], -tol);
          EXPECT_GE(x[1], -tol);
          EXPECT_GE(x[2], -tol);
          EXPECT_LE(x[2], H + tol);
        }

      // Volume: 4 quarters of the half thickness give pi R^2 h / 2 up to
      // the polygonal lateral surface; with N equal chords on the quarter
      // circle the plan area is exactly 4 * N/2 R^2 sin(pi / (2N)).
      const double volume =
        disc_symmetry_multiplicity<3>() * dealii::GridTools::volume(tria);
      const double cylinder = M_PI * R * R * g.thickness / 2.;
      const double polygon  = 2. * expected_segments * R * R *
                             std::sin(M_PI / (2. * expected_segments)) * H;
      EXPECT_NEAR(volume, cylinder, 0.01 * cylinder);
      EXPECT_LT(volume, cylinder); // the chords cut the circle
      EXPECT_NEAR(volume, polygon, 1e-10 * polygon);
    }

    TEST(DiscMesh, QuarterCylinderBoundaryIdsVolumeAndCircle)
    {
      // 8 segments on the quarter circle: 2^(k+1) >= 8 with k = 2.
      check_3d_mesh(geometry(8, 2), 8);
    }

    TEST(DiscMesh, QuarterCylinderRoundsRadialElementsUpToAPowerOfTwo)
    {
      check_3d_mesh(geometry(9, 1), 16);
      check_3d_mesh(geometry(40, 3), 64);
    }

    TEST(DiscMesh, CoarsestQuarterCylinder)
    {
      // 1 or 2 radial elements: the unrefined quarter ball (2 chords, so
      // far from the circle's area but still with the right ids).
      for (const unsigned int radial : {1u, 2u})
        {
          const auto               g = geometry(radial, 1);
          dealii::Triangulation<3> tria;
          make_half_disc_mesh<3>(tria, g);
          EXPECT_EQ(tria.n_active_cells(), 3u);
          const double R      = g.diameter / 2.;
          const double volume = 4. * dealii::GridTools::volume(tria);
          const double polygon =
            4. * R * R * std::sin(M_PI / 4.) * g.thickness / 2.;
          EXPECT_NEAR(volume, polygon, 1e-10 * polygon);
        }
    }

    TEST(DiscMesh, GeometryValidateNamesTheParameter)
    {
      struct Case
      {
        std::function<void(DiscGeometry &)> change;
        std::string                         name;
      };
      const std::vector<Case> cases = {
        {[](DiscGeometry &g) { g.diameter = -1e-3; }, "'Diameter'"},
        {[](DiscGeometry &g) { g.diameter = 0.; }, "'Diameter'"},
        {[](DiscGeometry &g) { g.thickness = -1e-3; }, "'Thickness'"},
        {[](DiscGeometry &g) { g.thickness = 0.; }, "'Thickness'"},
        {[](DiscGeometry &g) { g.radial_elements = 0; }, "'Radial elements'"},
        {[](DiscGeometry &g) { g.thickness_elements = 0; },
         "'Thickness elements'"},
        {[](DiscGeometry &g) {
           g.diameter = std::numeric_limits<double>::quiet_NaN();
         },
         "'Diameter'"}};
      for (const auto &c : cases)
        {
          auto g = geometry(4, 2);
          c.change(g);
          auto m = geometry_error_of([&] { g.validate(); });
          EXPECT_TRUE(names(m, c.name)) << m;
          // The mesh generators check the geometry too.
          m = geometry_error_of([&] {
            dealii::Triangulation<2> tria;
            make_half_disc_mesh<2>(tria, g);
          });
          EXPECT_TRUE(names(m, c.name)) << m;
          m = geometry_error_of([&] {
            dealii::Triangulation<3> tria;
            make_half_disc_mesh<3>(tria, g);
          });
          EXPECT_TRUE(names(m, c.name)) << m;
        }
      EXPECT_NO_THROW(DiscGeometry().validate());
    }

    TEST(DiscMesh, GeometryAreaAndParameters)
    {
      DiscGeometry g = geometry(4, 2);
      EXPECT_NEAR(g.area(), M_PI * 7.5e-3 * 7.5e-3, 1e-15);

      dealii::ParameterHandler prm;
      prm.enter_subsection("Geometry");
      DiscGeometry::declare_parameters(prm);
      prm.leave_subsection();
      prm.parse_input_from_string("subsection Geometry\n"
                                  "  set Diameter = 12e-3\n"
                                  "  set Thickness = 0.2e-3\n"
                                  "  set Radial elements = 24\n"
                                  "  set Thickness elements = 3\n"
                                  "end\n");
      prm.enter_subsection("Geometry");
      g.parse_parameters(prm);
      prm.leave_subsection();
      EXPECT_EQ(g.diameter, 12e-3);
      EXPECT_EQ(g.thickness, 0.2e-3);
      EXPECT_EQ(g.radial_elements, 24u);
      EXPECT_EQ(g.thickness_elements, 3u);
    }
  } // namespace
} // namespace anodemech
