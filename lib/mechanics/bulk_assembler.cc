#include "bulk_assembler.h"

#include <anodemech/base/parameter_error.h>

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "kinematics.h"

namespace anodemech
{
  namespace internal
  {
    template <int dim>
    BulkAssembler<dim>::BulkAssembler(
      const dealii::Mapping<dim>        &mapping_in,
      const dealii::FESystem<dim>       &fe_in,
      const dealii::Quadrature<dim>     &quadrature_in,
      const dealii::Quadrature<dim - 1> &face_quadrature_in,
      const MaterialMap                 &materials_in,
      const double                       temperature_in)
      : mapping(mapping_in)
      , fe(fe_in)
      , quadrature(quadrature_in)
      , face_quadrature(face_quadrature_in)
      , materials(materials_in)
      , temperature(temperature_in)
    {}



    template <int dim>
    typename BulkAssembler<dim>::Result
    BulkAssembler<dim>::assemble(
      const dealii::DoFHandler<dim>                      &dof_handler,
      const dealii::AffineConstraints<double>            &constraints,
      const dealii::TrilinosWrappers::MPI::Vector        &u,
      const dealii::TrilinosWrappers::MPI::Vector        &u_old,
      const double                                        dt,
      const double                                        previous_dt,
      const std::map<dealii::types::boundary_id, double> &pressures,
      QuadratureHistory<dim>                             &history,
      dealii::TrilinosWrappers::SparseMatrix             *matrix,
      dealii::TrilinosWrappers::MPI::Vector              &rhs) const
    {
      Result      out;
      double      factor = std::numeric_limits<double>::infinity();
      const char *reason = nullptr;
      if (matrix)
        *matrix = 0.;
      rhs = 0.;

      const unsigned int n_dofs_cell = fe.n_dofs_per_cell();
      const unsigned int n_q         = quadrature.size();
      const unsigned int n_fq        = face_quadrature.size();
      const dealii::FEValuesExtractors::Vector u_ex(0);

      dealii::FEValues<dim>     fe_values(mapping,
                                      fe,
                                      quadrature,
                                      dealii::update_values |
                                        dealii::update_gradients |
                                        dealii::update_quadrature_points |
                                        dealii::update_JxW_values);
      dealii::FEFaceValues<dim> fe_face(mapping,
                                        fe,
                                        face_quadrature,
                                        dealii::update_values |
                                          dealii::update_gradients |
                                          dealii::update_quadrature_points |
                                          dealii::update_normal_vectors |
                                          dealii::update_JxW_values);

      dealii::FullMatrix<double>                   K(n_dofs_cell, n_dofs_cell);
      dealii::Vector<double>                       r(n_dofs_cell);
      std::vector<dealii::types::global_dof_index> dofs(n_dofs_cell);
      std::vector<dealii::Tensor<2, dim>>          grad_u(n_q), grad_u_old(n_q);
      std::vector<dealii::Tensor<1, dim>>          u_val(n_q), u_old_q(n_q);
      std::vector<dealii::Tensor<1, 3>> a(n_dofs_cell), tau_a(n_dofs_cell);
      std::vector<double>               hoop(n_dofs_cell);
      // Structure-of-arrays scratch of the stiffness loop: A:g_j by (k, l),
      // (tau a_j)_c, and selector[d][j] = 1 if dof j has component d.
      std::vector<double> A_g(9 * n_dofs_cell), tau_a_soa(3 * n_dofs_cell),
        selector(3 * n_dofs_cell, 0.);
      std::vector<unsigned int> component(n_dofs_cell);
      for (unsigned int i = 0; i < n_dofs_cell; ++i)
        {
          component[i] = fe.system_to_component_index(i).first;
          selector[component[i] * n_dofs_cell + i] = 1.;
        }

      MaterialPointInput  input;
      MaterialPointResult result;
      input.time_step          = dt;
      input.previous_time_step = previous_dt;
      input.temperature        = temperature;

      for (const auto &cell : dof_handler.active_cell_iterators())
        {
          if (!cell->is_locally_owned())
            continue;
          K = 0.;
          r = 0.;
          fe_values.reinit(cell);
          fe_values[u_ex].get_function_gradients(u, grad_u);
          fe_values[u_ex].get_function_gradients(u_old, grad_u_old);
          fe_values[u_ex].get_function_values(u, u_val);
          fe_values[u_ex].get_function_values(u_old, u_old_q);
          const auto  data  = history.get(cell);
          const auto &model = *materials.at(cell->material_id());

          for (unsigned int q = 0; q < n_q; ++q)
            {
              const double R = fe_values.quadrature_point(q)[0];
              const double w =
                fe_values.JxW(q) * (dim == 2 ? 2. * M_PI * R : 1.);
              input.F =
                internal::deformation_gradient<dim>(grad_u[q], u_val[q][0], R);
              input.F_old = internal::deformation_gradient<dim>(grad_u_old[q],
                                                                u_old_q[q][0],
                                                                R);
              input.material_direction = data[q]->material_direction;
              const double J           = dealii::determinant(input.F);
              if (!(J > 0.))
                {
                  out.ok = false;
                  reason = "inverted element (det F <= 0)";
                  factor = std::min(factor, 0.25);
                  continue;
                }
              model.update(input, data[q]->converged, result);
              if (result.status != MaterialStatus::ok)
                {
                  out.ok = false;
                  reason = result.failure_reason ? result.failure_reason :
                                                   "material update failed";
                  factor = std::min(factor, result.suggested_time_step_factor);
                  continue;
                }
              factor = std::min(factor, result.suggested_time_step_factor);
              data[q]->trial            = result.state;
              data[q]->kirchhoff_stress = result.kirchhoff_stress;
              data[q]->F                = input.F;

              // Each vector shape function has one non-zero component c_i, so
              // g_i = Grad(v_i) F^{-1} = e_{c_i} (x) a_i (+ h_i e_3 (x) e_3,
              // the hoop term of the axisymmetric radial component), with
              // a_i = F^{-T} grad N_i. Then
              //   tau : g_i        = (tau a_i)_{c_i} + h_i tau_33,
              //   g_i : A : g_j    = a_i . (A:g_j)_{c_i,.} + h_i (A:g_j)_33,
              //   tau : (g_i g_j)  = a_i[c_j] (tau a_j)_{c_i} + h_i h_j tau_33
              // (in the axisymmetric case a_i has no third component and c_j
              // is never the hoop slot).
              const dealii::Tensor<2, 3> F_inv_T =
                dealii::transpose(dealii::invert(input.F));
              const dealii::Tensor<2, 3> tau(result.kirchhoff_stress);
              const auto                &A = result.spatial_tangent;
              for (unsigned int i = 0; i < n_dofs_cell; ++i)
                {
                  const unsigned int   comp = component[i];
                  dealii::Tensor<1, 3> grad;
                  const auto g_dim = fe_values.shape_grad_component(i, q, comp);
                  for (unsigned int d = 0; d < dim; ++d)
                    grad[d] = g_dim[d];
                  a[i]     = F_inv_T * grad;
                  hoop[i]  = (dim == 2 && comp == 0) ?
                               fe_values.shape_value_component(i, q, comp) /
                                (R * input.F[2][2]) :
                               0.;
                  tau_a[i] = tau * a[i];
                  // A : g_i, stored by (k, l) with i contiguous so that the
                  // loop over j below vectorises.
                  for (unsigned int k = 0; k < 3; ++k)
                    for (unsigned int l = 0; l < 3; ++l)
                      {
                        double v = 0.;
                        for (unsigned int m = 0; m < 3; ++m)
                          v += A[k][l][comp][m] * a[i][m];
                        A_g[(3 * k + l) * n_dofs_cell + i] =
                          v + hoop[i] * A[k][l][2][2];
                      }
                  for (unsigned int d = 0; d < 3; ++d)
                    tau_a_soa[d * n_dofs_cell + i] = tau_a[i][d];
                  r(i) -= (tau_a[i][comp] + hoop[i] * tau[2][2]) * w;
                }
              const double tau_33 = tau[2][2];
              for (unsigned int i = 0; i < n_dofs_cell; ++i)
                {
                  const unsigned int ci   = component[i];
                  const double       a0   = a[i][0] * w;
                  const double       a1   = a[i][1] * w;
                  const double       a2   = a[i][2] * w;
                  const double       hi   = hoop[i] * w;
                  const double      *Ag0  = &A_g[(3 * ci + 0) * n_dofs_cell];
                  const double      *Ag1  = &A_g[(3 * ci + 1) * n_dofs_cell];
                  const double      *Ag2  = &A_g[(3 * ci + 2) * n_dofs_cell];
                  const double      *Ag22 = &A_g[8 * n_dofs_cell];
                  const double      *ta   = &tau_a_soa[ci * n_dofs_cell];
                  const double      *s0   = &selector[0];
                  const double      *s1   = &selector[n_dofs_cell];
                  const double      *s2   = &selector[2 * n_dofs_cell];
                  const double      *hj   = hoop.data();
                  double            *Ki   = &K(i, 0);
                  for (unsigned int j = 0; j < n_dofs_cell; ++j)
                    Ki[j] += a0 * Ag0[j] + a1 * Ag1[j] + a2 * Ag2[j] +
                             hi * Ag22[j] -
                             (a0 * s0[j] + a1 * s1[j] + a2 * s2[j]) * ta[j] -
                             hi * hj[j] * tau_33;
                }
            }

          // Dead pressure loads: traction -p N on the reference surface.
          if (!pressures.empty() && cell->at_boundary())
            for (const auto f : cell->face_indices())
              {
                const auto face = cell->face(f);
                if (!face->at_boundary())
                  continue;
                const auto load = pressures.find(face->boundary_id());
                if (load == pressures.end() || load->second == 0.)
                  continue;
                fe_face.reinit(cell, f);
                for (unsigned int q = 0; q < n_fq; ++q)
                  {
                    const auto  &X = fe_face.quadrature_point(q);
                    const double w =
                      fe_face.JxW(q) * (dim == 2 ? 2. * M_PI * X[0] : 1.);
                    for (unsigned int i = 0; i < n_dofs_cell; ++i)
                      {
                        const unsigned int ci = component[i];
                        r(i) -= load->second * fe_face.normal_vector(q)[ci] *
                                fe_face.shape_value_component(i, q, ci) * w;
                      }
                  }
              }

          cell->get_dof_indices(dofs);
          if (matrix)
            constraints.distribute_local_to_global(K, r, dofs, *matrix, rhs);
          else
            constraints.distribute_local_to_global(r, dofs, rhs);
        }
      if (matrix)
        matrix->compress(dealii::VectorOperation::add);
      rhs.compress(dealii::VectorOperation::add);

      const MPI_Comm communicator = dof_handler.get_communicator();
      const bool     all_ok =
        dealii::Utilities::MPI::min(out.ok ? 1 : 0, communicator) == 1;
      if (!all_ok && out.ok)
        reason = "failure on another process";
      out.ok = all_ok;
      if (!out.ok)
        out.failure_reason = reason ? reason : "assembly failed";
      out.material_factor = dealii::Utilities::MPI::min(factor, communicator);
      if (!std::isfinite(out.material_factor))
        out.material_factor = 2.;
      return out;
    }



    template class BulkAssembler<2>;
    template class BulkAssembler<3>;
  } // namespace internal
} // namespace anodemech
