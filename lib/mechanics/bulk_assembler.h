// Internal to the library: assembly of the body's residual and consistent
// tangent for QuasiStaticSolid (stress divergence and dead pressures).
#pragma once

#include <anodemech/mechanics/quadrature_history.h>

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <map>
#include <string>

namespace anodemech
{
  namespace internal
  {
    /**
     * Total-Lagrangian assembly of
     *   R_u = int_Omega0 tau : (Grad v F^{-1}) dV - int p N . v dA
     * and its consistent tangent (material and geometric parts) over the
     * locally owned cells, axisymmetric (weight 2 pi R, hoop stretch) for
     * dim = 2. The material update of every quadrature point writes its
     * trial state into the history.
     */
    template <int dim>
    class BulkAssembler
    {
    public:
      using MaterialMap = typename QuadratureHistory<dim>::MaterialMap;

      struct Result
      {
        bool ok = true;
        /// Smallest time-step factor the materials asked for [-].
        double      material_factor = 2.;
        std::string failure_reason;
      };

      BulkAssembler(const dealii::Mapping<dim>        &mapping,
                    const dealii::FESystem<dim>       &fe,
                    const dealii::Quadrature<dim>     &quadrature,
                    const dealii::Quadrature<dim - 1> &face_quadrature,
                    const MaterialMap                 &materials,
                    double                             temperature);

      /**
       * Assemble into @p matrix (if not null) and @p rhs = -R_u at the
       * displacement @p u (with ghosts), the committed one being @p u_old,
       * for a step of length @p dt after one of @p previous_dt (0: none, or
       * backward Euler wanted; see MaterialPointInput). @p pressures: dead pressure [Pa] per
       * boundary id. Collective (the result is the same on every rank).
       */
      Result
      assemble(const dealii::DoFHandler<dim>                      &dof_handler,
               const dealii::AffineConstraints<double>            &constraints,
               const dealii::TrilinosWrappers::MPI::Vector        &u,
               const dealii::TrilinosWrappers::MPI::Vector        &u_old,
               double                                              dt,
               double                                              previous_dt,
               const std::map<dealii::types::boundary_id, double> &pressures,
               QuadratureHistory<dim>                             &history,
               dealii::TrilinosWrappers::SparseMatrix             *matrix,
               dealii::TrilinosWrappers::MPI::Vector              &rhs) const;

    private:
      const dealii::Mapping<dim>        &mapping;
      const dealii::FESystem<dim>       &fe;
      const dealii::Quadrature<dim>     &quadrature;
      const dealii::Quadrature<dim - 1> &face_quadrature;
      MaterialMap                        materials;
      double                             temperature;
    };
  } // namespace internal
} // namespace anodemech
