#pragma once

#include <deal.II/base/types.h>

namespace dealii
{
  class ParameterHandler;
  template <int dim, int spacedim>
  class Triangulation;
} // namespace dealii

namespace anodemech
{
  /**
   * Boundary ids of the half-disc meshes (the mid-plane symmetry means only
   * the upper half of the thickness is meshed; in 3D a quarter of the disc).
   * The axisymmetric meridian plane has coordinates (r, z); 3D has (x, y, z);
   * the disc axis is z in both, the last coordinate.
   */
  namespace boundary_ids
  {
    /// Axisymmetric: the axis r = 0. 3D: the symmetry plane x = 0 (u_x = 0).
    constexpr dealii::types::boundary_id axis_or_symmetry_x = 0;
    /// The lateral (outer) surface of the disc: free, may touch the platen.
    constexpr dealii::types::boundary_id lateral = 1;
    /// The mid-plane z = 0: symmetry, u_z = 0.
    constexpr dealii::types::boundary_id mid_plane = 2;
    /// The top face z = h/2, pressed by the platen.
    constexpr dealii::types::boundary_id top = 3;
    /// 3D only: the symmetry plane y = 0 (u_y = 0).
    constexpr dealii::types::boundary_id symmetry_y = 4;
  } // namespace boundary_ids

  /// Manifold ids of the disc meshes.
  namespace manifold_ids
  {
    /// 3D: the lateral surface and its edges, a cylinder about the z axis.
    constexpr dealii::types::manifold_id lateral_cylinder = 1;
  } // namespace manifold_ids

  /**
   * A disc of given diameter and thickness, meshed as its upper half (and in
   * 3D as a quarter): the axisymmetric meridian rectangle [0, D/2] x [0, h/2]
   * for dim = 2, a quarter cylinder for dim = 3.
   */
  struct DiscGeometry
  {
    double       diameter           = 15e-3;   ///< [m]
    double       thickness          = 0.45e-3; ///< [m]
    unsigned int radial_elements    = 40;      ///< along the radius [-]
    unsigned int thickness_elements = 2;       ///< through h/2 [-]

    /// Declare in the current subsection ("Geometry" by convention).
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(const dealii::ParameterHandler &prm);

    /// Throw a ParameterError naming the first invalid entry.
    void
    validate() const;

    /// Initial area of the full disc, pi D^2 / 4 [m^2].
    double
    area() const;
  };

  /**
   * Fill the empty triangulation @p tria (serial or
   * parallel::distributed) with the half-disc mesh described by @p geometry
   * and set the boundary ids above.
   *
   * dim = 2: radial_elements x thickness_elements rectangles. dim = 3: the
   * quarter disc of GridGenerator::quarter_hyper_ball refined k times, with
   * 2^(k+1) >= radial_elements cells along the radius, extruded in
   * thickness_elements layers; the lateral surface carries the manifold
   * manifold_ids::lateral_cylinder (a CylindricalManifold about z), so a
   * mapping of degree >= 2 makes the edge round (vertices lie on the circle).
   */
  template <int dim>
  void
  make_half_disc_mesh(dealii::Triangulation<dim, dim> &tria,
                      const DiscGeometry              &geometry);

  /**
   * Number of the symmetric copies of the meshed part that make the whole
   * disc (axisymmetric: 1, since the 2 pi r weighting integrates the full
   * ring, but the mid-plane halves the thickness and does not change the
   * platen force; 3D quarter: 4).
   */
  template <int dim>
  constexpr double
  disc_symmetry_multiplicity()
  {
    return dim == 3 ? 4. : 1.;
  }
} // namespace anodemech
