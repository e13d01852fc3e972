#include <anodemech/base/parameter_error.h>
#include <anodemech/geometry/disc_mesh.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/manifold_lib.h>
#include <deal.II/grid/tria.h>

#include <cmath>

namespace anodemech
{
  void
  DiscGeometry::declare_parameters(dealii::ParameterHandler &prm)
  {
    const DiscGeometry d;
    prm.declare_entry("Diameter",
                      format_number(d.diameter),
                      dealii::Patterns::Double(0.),
                      "Initial disc diameter D [m].");
    prm.declare_entry("Thickness",
                      format_number(d.thickness),
                      dealii::Patterns::Double(0.),
                      "Initial disc thickness h [m]; the upper half is meshed "
                      "(mid-plane symmetry).");
    prm.declare_entry("Radial elements",
                      std::to_string(d.radial_elements),
                      dealii::Patterns::Integer(1, 4096),
                      "Elements along the radius [-]. In 3D rounded up to "
                      "2^(k+1) (refinements of a quarter disc).");
    prm.declare_entry("Thickness elements",
                      std::to_string(d.thickness_elements),
                      dealii::Patterns::Integer(1, 1024),
                      "Elements through the meshed half thickness [-].");
  }



  void
  DiscGeometry::parse_parameters(const dealii::ParameterHandler &prm)
  {
    diameter           = prm.get_double("Diameter");
    thickness          = prm.get_double("Thickness");
    radial_elements    = prm.get_integer("Radial elements");
    thickness_elements = prm.get_integer("Thickness elements");
    validate();
  }



  void
  DiscGeometry::validate() const
  {
    checks::positive("Diameter", diameter, "m");
    checks::positive("Thickness", thickness, "m");
    if (radial_elements < 1)
      throw ParameterError("Parameter 'Radial elements' must be at least 1.");
    if (thickness_elements < 1)
      throw ParameterError(
        "Parameter 'Thickness elements' must be at least 1.");
  }



  double
  DiscGeometry::area() const
  {
    return M_PI * diameter * diameter / 4.;
  }



  template <>
  void
  make_half_disc_mesh<2>(dealii::Triangulation<2, 2> &tria,
                         const DiscGeometry          &geometry)
  {
    geometry.validate();
    dealii::GridGenerator::subdivided_hyper_rectangle(
      tria,
      {geometry.radial_elements, geometry.thickness_elements},
      dealii::Point<2>(0., 0.),
      dealii::Point<2>(geometry.diameter / 2., geometry.thickness / 2.),
      /*colorize=*/true);
    // colorize: 0 r = 0, 1 r = R, 2 z = 0, 3 z = h/2: the ids above. It
    // also colours the cells; the disc is one material.
    for (const auto &cell : tria.active_cell_iterators())
      cell->set_material_id(0);
  }



  template <>
  void
  make_half_disc_mesh<3>(dealii::Triangulation<3, 3> &tria,
                         const DiscGeometry          &geometry)
  {
    geometry.validate();
    const double R = geometry.diameter / 2.;

    dealii::Triangulation<2> quarter;
    dealii::GridGenerator::quarter_hyper_ball(quarter, dealii::Point<2>(), R);
    unsigned int refinements = 0;
    while ((2u << refinements) < geometry.radial_elements)
      ++refinements;
    quarter.refine_global(refinements);
    dealii::Triangulation<2> flat;
    dealii::GridGenerator::flatten_triangulation(quarter, flat);

    std::vector<double> slices(geometry.thickness_elements + 1);
    for (unsigned int i = 0; i <= geometry.thickness_elements; ++i)
      slices[i] = 0.5 * geometry.thickness * i / geometry.thickness_elements;
    dealii::GridGenerator::extrude_triangulation(flat, slices, tria);

    const double tolerance = 1e-8 * R;
    for (const auto &cell : tria.active_cell_iterators())
      for (const auto &face : cell->face_iterators())
        if (face->at_boundary())
          {
            const auto c = face->center();
            if (std::abs(c[2]) < tolerance)
              face->set_boundary_id(boundary_ids::mid_plane);
            else if (std::abs(c[2] - slices.back()) < tolerance)
              face->set_boundary_id(boundary_ids::top);
            else if (std::abs(c[0]) < tolerance)
              face->set_boundary_id(boundary_ids::axis_or_symmetry_x);
            else if (std::abs(c[1]) < tolerance)
              face->set_boundary_id(boundary_ids::symmetry_y);
            else
              {
                face->set_boundary_id(boundary_ids::lateral);
                face->set_all_manifold_ids(manifold_ids::lateral_cylinder);
              }
          }
    // The lateral surface is a cylinder about the z axis: a mapping of
    // degree 2 or more and any refinement then follow the circle.
    tria.set_manifold(manifold_ids::lateral_cylinder,
                      dealii::CylindricalManifold<3>(2));
  }
} // namespace anodemech
