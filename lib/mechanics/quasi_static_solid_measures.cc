// Measures of QuasiStaticSolid's current state: platen position and force,
// contact area and tractions, radius, cell averages for output.
#include <anodemech/base/parameter_error.h>
#include <anodemech/contact/contact_strategy.h>
#include <anodemech/mechanics/quasi_static_solid.h>

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>

#include <algorithm>
#include <cmath>

namespace anodemech
{
  template <int dim>
  double
  QuasiStaticSolid<dim>::platen_position() const
  {
    return current.platen_position;
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::contact_force() const
  {
    return contact ? multiplicity * contact->force() : 0.;
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::contact_area() const
  {
    return contact ? multiplicity * contact->contact_area(solution) : 0.;
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::initial_top_area() const
  {
    return multiplicity * top_area_meshed;
  }



  template <int dim>
  std::vector<typename QuasiStaticSolid<dim>::ContactPoint>
  QuasiStaticSolid<dim>::contact_points() const
  {
    return contact ? contact->contact_points(solution) :
                     std::vector<ContactPoint>();
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::max_penetration() const
  {
    return contact ? contact->max_penetration() : 0.;
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::max_radius() const
  {
    // The largest radius of the body is reached on its boundary: evaluate
    // the current position at the support points of boundary cells.
    const dealii::Quadrature<dim> support(
      fe.base_element(0).get_unit_support_points());
    dealii::FEValues<dim>                    fe_values(*mapping,
                                    fe,
                                    support,
                                    dealii::update_values |
                                      dealii::update_quadrature_points);
    const dealii::FEValuesExtractors::Vector u(0);
    std::vector<dealii::Tensor<1, dim>>      values(support.size());
    double                                   r_max = 0.;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned() && cell->at_boundary())
        {
          fe_values.reinit(cell);
          fe_values[u].get_function_values(solution, values);
          for (unsigned int q = 0; q < support.size(); ++q)
            {
              const dealii::Point<dim> x =
                fe_values.quadrature_point(q) + values[q];
              const double r = dim == 2 ? x[0] : std::hypot(x[0], x[1]);
              r_max          = std::max(r_max, r);
            }
        }
    return dealii::Utilities::MPI::max(r_max, mpi_communicator);
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::boundary_displacement(
    const dealii::types::boundary_id id,
    const unsigned int               component) const
  {
    const auto &planar = boundary_conditions.planar_components;
    for (unsigned int b = 0; b < planar.size(); ++b)
      if (planar[b].first == id && planar[b].second == component &&
          b < planar_masters.size())
        {
          const double value =
            locally_owned_dofs.is_element(planar_masters[b]) ?
              solution(planar_masters[b]) :
              0.;
          return dealii::Utilities::MPI::sum(value, mpi_communicator);
        }
    throw ParameterError("Boundary " + std::to_string(id) + ", component " +
                         std::to_string(component) +
                         " is not a planar boundary of this solid (or setup() "
                         "has not run).");
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::mean_equivalent_creep_strain() const
  {
    return history.mean_equivalent_creep_strain(mpi_communicator);
  }



  template <int dim>
  typename QuasiStaticSolid<dim>::CellAverages
  QuasiStaticSolid<dim>::cell_averages() const
  {
    const unsigned int n_cells = triangulation.n_active_cells();
    CellAverages       averages;
    averages.cauchy_stress.resize(n_cells);
    averages.equivalent_creep_strain.resize(n_cells, 0.);
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const unsigned int c      = cell->active_cell_index();
          double             volume = 0.;
          for (const auto &d : history.get(cell))
            {
              volume += d->volume;
              averages.cauchy_stress[c] +=
                d->volume / dealii::determinant(d->F) * d->kirchhoff_stress;
              averages.equivalent_creep_strain[c] +=
                d->volume * d->converged.equivalent_creep_strain;
            }
          averages.cauchy_stress[c] /= volume;
          averages.equivalent_creep_strain[c] /= volume;
        }
    averages.contact_pressure = contact ? contact->cell_contact_pressure() :
                                          std::vector<double>(n_cells, 0.);
    return averages;
  }



  // The members defined in this file; the class itself is instantiated in
  // quasi_static_solid.cc.
#define ANODEMECH_INSTANTIATE(dim)                                             \
  template double QuasiStaticSolid<dim>::platen_position() const;              \
  template double QuasiStaticSolid<dim>::contact_force() const;                \
  template double QuasiStaticSolid<dim>::contact_area() const;                 \
  template double QuasiStaticSolid<dim>::initial_top_area() const;             \
  template std::vector<QuasiStaticSolid<dim>::ContactPoint>                    \
                  QuasiStaticSolid<dim>::contact_points() const;               \
  template double QuasiStaticSolid<dim>::max_penetration() const;              \
  template double QuasiStaticSolid<dim>::max_radius() const;                   \
  template double QuasiStaticSolid<dim>::boundary_displacement(                \
    dealii::types::boundary_id, unsigned int) const;                           \
  template double QuasiStaticSolid<dim>::mean_equivalent_creep_strain() const; \
  template QuasiStaticSolid<dim>::CellAverages                                 \
  QuasiStaticSolid<dim>::cell_averages() const;
  ANODEMECH_INSTANTIATE(2)
  ANODEMECH_INSTANTIATE(3)
#undef ANODEMECH_INSTANTIATE
} // namespace anodemech
