// Checks shared by the tests of the built-in and the gmsh disc meshes: every
// boundary face lies where its boundary id says.
#pragma once

#include <anodemech/geometry/disc_mesh.h>

#include <deal.II/base/point.h>
#include <deal.II/grid/tria.h>

#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace anodemech
{
  namespace test
  {
    /// True if @p predicate holds at every vertex of @p face.
    template <typename Face, typename Predicate>
    bool
    all_vertices(const Face &face, const Predicate &predicate)
    {
      for (unsigned int v = 0; v < face->n_vertices(); ++v)
        if (!predicate(face->vertex(v)))
          return false;
      return true;
    }

    /**
     * Axisymmetric meridian rectangle [0, R] x [0, top]: check the id of
     * every boundary face against its position (to 1e-12 R); returns the
     * number of faces per id.
     */
    inline std::map<dealii::types::boundary_id, unsigned int>
    check_axisymmetric_boundary_ids(const dealii::Triangulation<2> &tria,
                                    const double                    R,
                                    const double                    top)
    {
      const double                                       tol = 1e-12 * R;
      std::map<dealii::types::boundary_id, unsigned int> count;
      for (const auto &cell : tria.active_cell_iterators())
        for (const auto &face : cell->face_iterators())
          {
            if (!face->at_boundary())
              continue;
            ++count[face->boundary_id()];
            const auto on = [&](const unsigned int c, const double value) {
              return all_vertices(face, [&](const dealii::Point<2> &x) {
                return std::abs(x[c] - value) <= tol;
              });
            };
            if (on(0, 0.))
              EXPECT_EQ(face->boundary_id(), boundary_ids::axis_or_symmetry_x);
            else if (on(0, R))
              EXPECT_EQ(face->boundary_id(), boundary_ids::lateral);
            else if (on(1, 0.))
              EXPECT_EQ(face->boundary_id(), boundary_ids::mid_plane);
            else if (on(1, top))
              EXPECT_EQ(face->boundary_id(), boundary_ids::top);
            else
              ADD_FAILURE() << "boundary face at " << face->center()
                            << " is on no side of the rectangle";
          }
      return count;
    }

    /**
     * Quarter disc of radius R and half thickness H: check the id of every
     * boundary face against its position (to 1e-12 R), and that lateral
     * faces lie on the circle and carry the cylinder manifold; returns the
     * number of faces per id.
     */
    inline std::map<dealii::types::boundary_id, unsigned int>
    check_quarter_disc_boundary_ids(const dealii::Triangulation<3> &tria,
                                    const double                    R,
                                    const double                    H)
    {
      const double                                       tol = 1e-12 * R;
      std::map<dealii::types::boundary_id, unsigned int> count;
      for (const auto &cell : tria.active_cell_iterators())
        for (const auto &face : cell->face_iterators())
          {
            if (!face->at_boundary())
              continue;
            ++count[face->boundary_id()];
            const auto on = [&](const unsigned int c, const double value) {
              return all_vertices(face, [&](const dealii::Point<3> &x) {
                return std::abs(x[c] - value) <= tol;
              });
            };
            const bool on_circle =
              all_vertices(face, [&](const dealii::Point<3> &x) {
                return std::abs(std::hypot(x[0], x[1]) - R) <= tol;
              });
            if (on(2, 0.))
              EXPECT_EQ(face->boundary_id(), boundary_ids::mid_plane);
            else if (on(2, H))
              EXPECT_EQ(face->boundary_id(), boundary_ids::top);
            else if (on(0, 0.))
              EXPECT_EQ(face->boundary_id(), boundary_ids::axis_or_symmetry_x);
            else if (on(1, 0.))
              EXPECT_EQ(face->boundary_id(), boundary_ids::symmetry_y);
            else if (on_circle)
              EXPECT_EQ(face->boundary_id(), boundary_ids::lateral);
            else
              ADD_FAILURE() << "boundary face at " << face->center()
                            << " is on no boundary of the quarter disc";

            // Conversely, every lateral face lies on the circle and carries
            // the cylinder manifold.
            if (face->boundary_id() == boundary_ids::lateral)
              {
                EXPECT_TRUE(on_circle) << "lateral face at " << face->center();
                EXPECT_EQ(face->manifold_id(), manifold_ids::lateral_cylinder);
              }
          }
      return count;
    }
  } // namespace test
} // namespace anodemech
