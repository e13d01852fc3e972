#pragma once

#include <anodemech/loading/step_controller.h>
#include <anodemech/materials/constitutive_model.h>

#include <deal.II/base/quadrature.h>
#include <deal.II/base/quadrature_point_data.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/fe/mapping.h>

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace anodemech
{
  /// History of one quadrature point: converged and trial material states.
  struct QuadraturePointData
  {
    MaterialState        converged;
    MaterialState        trial;
    dealii::Tensor<1, 3> material_direction;
    /// Kirchhoff stress at the last assembly (converged after commit) [Pa].
    dealii::SymmetricTensor<2, 3> kirchhoff_stress;
    /// Deformation gradient at the last assembly [-].
    dealii::Tensor<2, 3> F;
    /// Kirchhoff stress and F of the committed state, which revert()
    /// restores (the last assembly may be a rejected iterate).
    dealii::SymmetricTensor<2, 3> committed_kirchhoff_stress;
    dealii::Tensor<2, 3>          committed_F;
    /// Reference volume of the point: JxW, times 2 pi R axisymmetric [m^3].
    double volume = 0.;
  };

  /**
   * The quadrature-point histories of a solid, in one place: creation from
   * the materials, commit after a converged step, revert after a rejected
   * one, packing to and from a flat list of doubles for checkpoints, and
   * the measures taken over them (the time-integration error of the creep
   * strain, the mean creep strain).
   */
  template <int dim>
  class QuadratureHistory
  {
  public:
    using CellIterator = typename dealii::Triangulation<dim>::cell_iterator;
    using MaterialMap  = std::map<dealii::types::material_id,
                                 std::shared_ptr<const ConstitutiveModel>>;
    using DirectionFunction =
      std::function<dealii::Tensor<1, 3>(const dealii::Point<dim> &,
                                         dealii::types::material_id)>;

    /// Doubles per point in pack()/unpack().
    static constexpr unsigned int values_per_point = 25;

    /// The virgin state of every point of the locally owned cells.
    void
    initialize(const dealii::Triangulation<dim> &triangulation,
               const dealii::Mapping<dim>       &mapping,
               const dealii::Quadrature<dim>    &quadrature,
               const MaterialMap                &materials,
               const DirectionFunction          &directions);

    std::vector<std::shared_ptr<QuadraturePointData>>
    get(const CellIterator &cell);

    std::vector<std::shared_ptr<const QuadraturePointData>>
    get(const CellIterator &cell) const;

    /// Trial states become the converged ones.
    void
    commit();

    /// Back to the converged states (stress and F included).
    void
    revert();

    /// Append the converged state of @p cell's points to @p values.
    void
    pack(const CellIterator &cell, std::vector<double> &values) const;

    /**
     * Read the converged state of @p cell's points from @p values starting
     * at @p position (advanced); false if too few values remain.
     */
    bool
    unpack(const CellIterator        &cell,
           const std::vector<double> &values,
           std::size_t               &position);

    /**
     * Local time-integration error of the creep strain of the trial step of
     * length @p dt (see TimeErrorEstimate): of BDF2 if @p previous_dt (the
     * step before) is positive, else of backward Euler; volume mean and
     * maximum over the whole body (collective).
     */
    TimeErrorEstimate
    creep_error_estimate(double   dt,
                         double   previous_dt,
                         MPI_Comm communicator) const;

    /// Volume mean of the converged equivalent creep strain (collective).
    double
    mean_equivalent_creep_strain(MPI_Comm communicator) const;

  private:
    const dealii::Triangulation<dim> *triangulation = nullptr;
    dealii::CellDataStorage<CellIterator, QuadraturePointData> storage;
  };
} // namespace anodemech
