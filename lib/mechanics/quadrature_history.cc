#include <anodemech/mechanics/quadrature_history.h>

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_nothing.h>
#include <deal.II/fe/fe_values.h>

#include <algorithm>
#include <cmath>


namespace anodemech
{
  template <int dim>
  void
  QuadratureHistory<dim>::initialize(const dealii::Triangulation<dim> &tria,
                                     const dealii::Mapping<dim>       &mapping,
                                     const dealii::Quadrature<dim> &quadrature,
                                     const MaterialMap             &materials,
                                     const DirectionFunction       &directions)
  {
    triangulation = &tria;
    storage.clear();
    const dealii::FE_Nothing<dim> fe_nothing;
    dealii::FEValues<dim>         fe_values(mapping,
                                    fe_nothing,
                                    quadrature,
                                    dealii::update_quadrature_points |
                                      dealii::update_JxW_values);
    const unsigned int            n_q = quadrature.size();
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          storage.initialize(cell, n_q);
          const auto  data  = storage.get_data(cell);
          const auto &model = *materials.at(cell->material_id());
          fe_values.reinit(cell);
          for (unsigned int q = 0; q < n_q; ++q)
            {
              const auto &x      = fe_values.quadrature_point(q);
              data[q]->converged = data[q]->trial = model.initial_state();
              data[q]->F                = dealii::unit_symmetric_tensor<3>();
              data[q]->committed_F      = data[q]->F;
              data[q]->kirchhoff_stress = {};
              data[q]->committed_kirchhoff_stress = {};
              data[q]->volume =
                fe_values.JxW(q) * (dim == 2 ? 2. * M_PI * x[0] : 1.);
              if (directions)
                data[q]->material_direction =
                  directions(x, cell->material_id());
            }
        }
  }



  template <int dim>
  std::vector<std::shared_ptr<QuadraturePointData>>
  QuadratureHistory<dim>::get(const CellIterator &cell)
  {
    return storage.get_data(cell);
  }



  template <int dim>
  std::vector<std::shared_ptr<const QuadraturePointData>>
  QuadratureHistory<dim>::get(const CellIterator &cell) const
  {
    return storage.get_data(cell);
  }



  template <int dim>
  void
  QuadratureHistory<dim>::commit()
  {
    for (const auto &cell : triangulation->active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto &d : storage.get_data(cell))
          {
            d->converged                  = d->trial;
            d->committed_kirchhoff_stress = d->kirchhoff_stress;
            d->committed_F                = d->F;
          }
  }



  template <int dim>
  void
  QuadratureHistory<dim>::revert()
  {
    for (const auto &cell : triangulation->active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto &d : storage.get_data(cell))
          {
            d->trial            = d->converged;
            d->kirchhoff_stress = d->committed_kirchhoff_stress;
            d->F                = d->committed_F;
          }
  }



  template <int dim>
  void
  QuadratureHistory<dim>::pack(const CellIterator  &cell,
                               std::vector<double> &values) const
  {
    for (const auto &d : storage.get_data(cell))
      {
        const MaterialState &s = d->converged;
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            values.push_back(s.plastic_metric_inverse[i][j]);
        values.push_back(s.equivalent_creep_strain);
        values.push_back(s.equivalent_creep_rate);
        values.push_back(s.previous_creep_rate);
        values.push_back(s.last_creep_increment);
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            values.push_back(d->committed_kirchhoff_stress[i][j]);
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = 0; j < 3; ++j)
            values.push_back(d->committed_F[i][j]);
      }
  }



  template <int dim>
  bool
  QuadratureHistory<dim>::unpack(const CellIterator        &cell,
                                 const std::vector<double> &values,
                                 std::size_t               &position)
  {
    const auto points = storage.get_data(cell);
    if (values.size() < position + points.size() * values_per_point)
      return false;
    auto v = values.begin() + position;
    for (const auto &d : points)
      {
        MaterialState &s = d->converged;
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            s.plastic_metric_inverse[i][j] = *v++;
        s.equivalent_creep_strain = *v++;
        s.equivalent_creep_rate   = *v++;
        s.previous_creep_rate     = *v++;
        s.last_creep_increment    = *v++;
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            d->committed_kirchhoff_stress[i][j] = *v++;
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = 0; j < 3; ++j)
            d->committed_F[i][j] = *v++;
        d->trial            = d->converged;
        d->kirchhoff_stress = d->committed_kirchhoff_stress;
        d->F                = d->committed_F;
      }
    position += points.size() * values_per_point;
    return true;
  }



  template <int dim>
  TimeErrorEstimate
  QuadratureHistory<dim>::creep_error_estimate(const double dt,
                                               const double previous_dt,
                                               MPI_Comm     communicator) const
  {
    TimeErrorEstimate estimate;
    estimate.order = previous_dt > 0. ? 2 : 1;
    const double w = previous_dt > 0. ? dt / previous_dt : 0.;
    const double bdf2_constant =
      previous_dt > 0. ? (1. + w) * (1. + w) / (6. * w * (1. + 2. * w)) : 0.;
    double sums[3]   = {0., 0., 0.}; // volume, volume e, volume |increment|
    double max_error = 0.;
    for (const auto &cell : triangulation->active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto &d : storage.get_data(cell))
          {
            const double r1 = d->trial.equivalent_creep_rate;
            const double r0 = d->converged.equivalent_creep_rate;
            double       e  = 0.;
            if (estimate.order == 1)
              e = 0.5 * dt * std::abs(r1 - r0);
            else
              {
                // rate'' = 2 x the second divided difference.
                const double rm = d->converged.previous_creep_rate;
                const double second =
                  2. * ((r1 - r0) / dt - (r0 - rm) / previous_dt) /
                  (dt + previous_dt);
                e = bdf2_constant * dt * dt * dt * std::abs(second);
              }
            const double increment = d->trial.equivalent_creep_strain -
                                     d->converged.equivalent_creep_strain;
            sums[0] += d->volume;
            sums[1] += d->volume * e;
            sums[2] += d->volume * std::abs(increment);
            max_error = std::max(max_error, e);
          }
    double totals[3];
    dealii::Utilities::MPI::sum(dealii::ArrayView<const double>(sums, 3),
                                communicator,
                                dealii::ArrayView<double>(totals, 3));
    if (totals[0] > 0.)
      {
        estimate.mean_error     = totals[1] / totals[0];
        estimate.mean_increment = totals[2] / totals[0];
      }
    estimate.max_error = dealii::Utilities::MPI::max(max_error, communicator);
    return estimate;
  }



  template <int dim>
  double
  QuadratureHistory<dim>::mean_equivalent_creep_strain(
    MPI_Comm communicator) const
  {
    double volume = 0., integral = 0.;
    for (const auto &cell : triangulation->active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto &d : storage.get_data(cell))
          {
            volume += d->volume;
            integral += d->volume * d->converged.equivalent_creep_strain;
          }
    return dealii::Utilities::MPI::sum(integral, communicator) /
           dealii::Utilities::MPI::sum(volume, communicator);
  }



  template class QuadratureHistory<2>;
  template class QuadratureHistory<3>;
} // namespace anodemech
