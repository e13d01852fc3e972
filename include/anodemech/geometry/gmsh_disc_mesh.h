#pragma once

#include <deal.II/base/types.h>

#include <string>

namespace dealii
{
  template <int dim, int spacedim>
  class Triangulation;
} // namespace dealii

namespace anodemech
{
  /**
   * Material ids of the disc meshes. A disc of one material has only
   * material id 0; a layered disc (meshes/disc_layered_axisymmetric.geo) has
   * the lithium next to the mid-plane and a second layer (e.g. an elastic
   * carbon-cloth layer) on top of it.
   */
  namespace material_ids
  {
    /// Lithium, or the single material of a homogeneous disc.
    constexpr dealii::types::material_id lithium = 0;
    /// The second layer of a layered disc.
    constexpr dealii::types::material_id second_layer = 1;
  } // namespace material_ids

  /**
   * How the gmsh physical tags of a disc mesh encode the anodemech ids.
   *
   * deal.II's GridIn::read_msh gives every boundary face and every cell that
   * belongs to no physical group the id 0, which cannot be told apart from
   * a physical tag 0. The disc meshes therefore use the physical tag
   * id + offset, and read_disc_mesh() subtracts the offset and rejects
   * anything that kept the 0 of "no physical group":
   *
   * | gmsh physical tag | anodemech id                                     |
   * |---|---|
   * | Physical Curve (2D) / Surface (3D) 1 | boundary id 0: axis r = 0 (2D), plane x = 0 (3D) |
   * | 2 | boundary id 1: lateral surface |
   * | 3 | boundary id 2: mid-plane z = 0 |
   * | 4 | boundary id 3: top face z = h/2 (platen) |
   * | 5 (3D only) | boundary id 4: plane y = 0 |
   * | Physical Surface (2D) / Volume (3D) 1 | material id 0 (lithium) |
   * | 2 | material id 1 (second layer) |
   *
   * The boundary ids are those of anodemech::boundary_ids (disc_mesh.h).
   */
  namespace gmsh_tags
  {
    /// gmsh physical tag = anodemech boundary or material id + offset.
    constexpr unsigned int offset = 1;

    /// The gmsh physical tag of boundary id @p id.
    constexpr unsigned int
    of_boundary(const dealii::types::boundary_id id)
    {
      return id + offset;
    }

    /// The gmsh physical tag of material id @p id.
    constexpr unsigned int
    of_material(const dealii::types::material_id id)
    {
      return id + offset;
    }
  } // namespace gmsh_tags

  /**
   * Read the half-disc mesh of @p filename, a gmsh mesh in ASCII .msh format
   * 2.2 (recommended; what meshes/generate.sh writes) or 4.x, into the empty
   * triangulation @p tria, serial or parallel::distributed (every rank reads
   * the file; call it on all ranks of the communicator), and turn the gmsh
   * physical tags into anodemech ids as gmsh_tags describes.
   *
   * The mesh has the layout of make_half_disc_mesh(): dim = 2 the meridian
   * plane (r, z) of the upper half of the disc thickness, all
   * quadrilaterals; dim = 3 a quarter of that half disc, x, y, z >= 0 with
   * the axis along z, all hexahedra. In 3D the lateral faces (and their
   * edges) get the manifold id manifold_ids::lateral_cylinder and @p tria a
   * CylindricalManifold about the z axis, as in make_half_disc_mesh(), so a
   * mapping of degree 2 or more makes the lateral surface round.
   *
   * Throws a ParameterError whose message names @p filename and the cause if
   * - the file does not exist or cannot be read;
   * - it is not an ASCII gmsh mesh of a version GridIn reads (2.x or 4.x),
   *   or GridIn fails on it (deal.II's message is passed on);
   * - it is not of dimension @p dim: its highest-dimensional elements must
   *   be surfaces for dim = 2 (gmsh -2) and volumes for dim = 3 (gmsh -3);
   * - it holds cells other than quadrilaterals or hexahedra;
   * - a boundary face is in no physical group, or in one whose tag is not
   *   a boundary of the disc;
   * - one of the required boundary ids is on no face (dim = 2 needs 0, 1, 2,
   *   3; dim = 3 also 4): the message names the id and the physical tag the
   *   .geo file must define;
   * - a cell is in no physical group or has a material id other than
   *   material_ids::lithium and material_ids::second_layer.
   *
   * After a ParameterError @p tria is empty again. A relative @p filename is
   * relative to the current working directory. Throws std::logic_error (a
   * programming error, not a ParameterError) if @p tria is not empty.
   */
  template <int dim>
  void
  read_disc_mesh(dealii::Triangulation<dim, dim> &tria,
                 const std::string               &filename);

  /// Size of a half-disc mesh, as disc_extent() measures it.
  struct DiscExtent
  {
    /// Largest distance of a vertex from the axis: the disc radius [m].
    double radius = 0.;
    /// Largest axial coordinate z of a vertex: half the thickness [m].
    double half_thickness = 0.;
  };

  /**
   * The radius and half thickness of the half-disc mesh @p tria (as read by
   * read_disc_mesh() or made by make_half_disc_mesh()), measured from the
   * vertices of its current configuration: the largest r (2D: the first
   * coordinate; 3D: the distance from the z axis) and the largest z (the
   * last coordinate). For a parallel triangulation (a
   * parallel::TriangulationBase) the locally owned cells are measured and
   * the maxima are taken over its communicator, so all its ranks must call
   * this function; for a serial triangulation it measures all cells and
   * needs no MPI. Throws std::logic_error for an empty triangulation.
   */
  template <int dim>
  DiscExtent
  disc_extent(const dealii::Triangulation<dim, dim> &tria);
} // namespace anodemech
