// Assembly of the residual and consistent tangent of QuasiStaticSolid, and
// its Newton iteration with line search.
#include <anodemech/base/parameter_error.h>
#include <anodemech/mechanics/quasi_static_solid.h>

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_solver.h>

#include <Teuchos_ParameterList.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "quasi_static_solid_linear_solver.h"

namespace anodemech
{
  namespace
  {
    /// 3x3 deformation gradient from the displacement gradient (and the
    /// radial displacement u_r at radius R in the axisymmetric case).
    template <int dim>
    dealii::Tensor<2, 3>
    deformation_gradient(const dealii::Tensor<2, dim> &grad_u,
                         const double                  u_r,
                         const double                  R)
    {
      dealii::Tensor<2, 3> F;
      for (unsigned int i = 0; i < 3; ++i)
        F[i][i] = 1.;
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int j = 0; j < dim; ++j)
          F[i][j] += grad_u[i][j];
      if (dim == 2)
        F[2][2] = 1. + u_r / R;
      return F;
    }

  } // namespace



  template <int dim>
  bool
  QuasiStaticSolid<dim>::use_direct_solver() const
  {
    // auto: sparse LU for the axisymmetric problem and for small 3D ones,
    // where it beats building an AMG hierarchy.
    return parameters.linear_solver == "direct" ||
           (parameters.linear_solver == "auto" &&
            (dim == 2 || dof_handler.n_dofs() < 20000));
  }



  template <int dim>
  typename QuasiStaticSolid<dim>::AssemblyResult
  QuasiStaticSolid<dim>::assemble(const double dt, const double force_target)
  {
    dealii::TimerOutput::Scope scope(timer, "assembly");
    AssemblyResult             out;

    tangent          = 0.;
    residual         = 0.;
    border_b         = 0.;
    border_c         = 0.;
    double      k_hh = 0., force = 0., area = 0., max_gap = 0.;
    double      factor = std::numeric_limits<double>::infinity();
    const char *reason = nullptr;

    const unsigned int                       n_dofs_cell = fe.n_dofs_per_cell();
    const unsigned int                       n_q         = quadrature.size();
    const unsigned int                       n_fq = face_quadrature.size();
    const dealii::FEValuesExtractors::Vector u_ex(0);

    dealii::FEValues<dim>     fe_values(*mapping,
                                    fe,
                                    quadrature,
                                    dealii::update_values |
                                      dealii::update_gradients |
                                      dealii::update_quadrature_points |
                                      dealii::update_JxW_values);
    dealii::FEFaceValues<dim> fe_face(*mapping,
                                      fe,
                                      face_quadrature,
                                      dealii::update_values |
                                        dealii::update_gradients |
                                        dealii::update_quadrature_points |
                                        dealii::update_normal_vectors |
                                        dealii::update_JxW_values);

    dealii::FullMatrix<double>                   K(n_dofs_cell, n_dofs_cell);
    dealii::Vector<double>                       r(n_dofs_cell);
    dealii::Vector<double>                       b(n_dofs_cell);
    dealii::Vector<double>                       c(n_dofs_cell);
    std::vector<dealii::types::global_dof_index> dofs(n_dofs_cell);
    std::vector<dealii::Tensor<2, dim>>          grad_u(n_q), grad_u_old(n_q);
    std::vector<dealii::Tensor<1, dim>>          u_val(n_q), u_old(n_q);
    std::vector<dealii::Tensor<2, dim>>          fgrad_u(n_fq);
    std::vector<dealii::Tensor<1, dim>>          fu(n_fq), fu_old(n_fq);
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
    input.time_step   = dt;
    input.temperature = parameters.temperature;

    for (const auto &cell : dof_handler.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        K               = 0.;
        r               = 0.;
        b               = 0.;
        c               = 0.;
        bool has_border = false;
        fe_values.reinit(cell);
        fe_values[u_ex].get_function_gradients(solution, grad_u);
        fe_values[u_ex].get_function_gradients(old_solution, grad_u_old);
        fe_values[u_ex].get_function_values(solution, u_val);
        fe_values[u_ex].get_function_values(old_solution, u_old);
        const auto  data  = quadrature_point_data.get_data(cell);
        const auto &model = *materials.at(cell->material_id());

        for (unsigned int q = 0; q < n_q; ++q)
          {
            const double R = fe_values.quadrature_point(q)[0];
            const double w = fe_values.JxW(q) * (dim == 2 ? 2. * M_PI * R : 1.);
            input.F = deformation_gradient<dim>(grad_u[q], u_val[q][0], R);
            input.F_old =
              deformation_gradient<dim>(grad_u_old[q], u_old[q][0], R);
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

        // Contact with the platen on the top face and the lateral surface.
        if (const auto contact = contact_point_data.try_get_data(cell))
          for (const auto f : cell->face_indices())
            {
              const auto face = cell->face(f);
              if (!face->at_boundary() ||
                  !is_contact_boundary(face->boundary_id()))
                continue;
              fe_face.reinit(cell, f);
              fe_face[u_ex].get_function_values(solution, fu);
              fe_face[u_ex].get_function_values(old_solution, fu_old);
              fe_face[u_ex].get_function_gradients(solution, fgrad_u);
              for (unsigned int q = 0; q < n_fq; ++q)
                {
                  const auto  &X = fe_face.quadrature_point(q);
                  const double w =
                    fe_face.JxW(q) * (dim == 2 ? 2. * M_PI * X[0] : 1.);
                  auto      &point    = *(*contact)[f * n_fq + q];
                  const auto response = platen->evaluate<dim>(
                    X[dim - 1] + fu[q][dim - 1],
                    platen_h,
                    fu[q] - fu_old[q],
                    point.converged,
                    point.multiplier,
                    point.smoothed ?
                      std::max(cycling_point_smoothing,
                               platen_parameters.friction_smoothing) :
                      -1.);
                  point.trial           = response.state;
                  point.normal_traction = response.normal_traction;
                  point.slipping        = response.active && response.slipping;
                  if (!response.active)
                    continue;
                  has_border = true;
                  max_gap =
                    std::max(max_gap, X[dim - 1] + fu[q][dim - 1] - platen_h);
                  force += response.normal_traction * w;
                  k_hh += response.dnormal_dh * w;
                  // Current area da = J |F^{-T} N| dA (Nanson).
                  const dealii::Tensor<2, 3> F =
                    deformation_gradient<dim>(fgrad_u[q], fu[q][0], X[0]);
                  dealii::Tensor<1, 3> N;
                  for (unsigned int d = 0; d < dim; ++d)
                    N[d] = fe_face.normal_vector(q)[d];
                  area += w * dealii::determinant(F) *
                          (dealii::transpose(dealii::invert(F)) * N).norm();

                  for (unsigned int i = 0; i < n_dofs_cell; ++i)
                    {
                      const unsigned int ci =
                        fe.system_to_component_index(i).first;
                      const double Ni = fe_face.shape_value_component(i, q, ci);
                      if (Ni == 0.)
                        continue;
                      r(i) += response.traction[ci] * Ni * w;
                      b(i) -= response.dtraction_dh[ci] * Ni * w;
                      c(i) += response.dnormal_du[ci] * Ni * w;
                      for (unsigned int j = 0; j < n_dofs_cell; ++j)
                        {
                          const unsigned int cj =
                            fe.system_to_component_index(j).first;
                          K(i, j) -= response.dtraction_du[ci][cj] * Ni *
                                     fe_face.shape_value_component(j, q, cj) *
                                     w;
                        }
                    }
                }
            }

        // Dead pressure loads: traction -p N on the reference surface.
        if (!boundary_pressures.empty() && cell->at_boundary())
          for (const auto f : cell->face_indices())
            {
              const auto face = cell->face(f);
              if (!face->at_boundary())
                continue;
              const auto load = boundary_pressures.find(face->boundary_id());
              if (load == boundary_pressures.end() || load->second == 0.)
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
        constraints.distribute_local_to_global(K, r, dofs, tangent, residual);
        if (has_border)
          {
            constraints.distribute_local_to_global(b, dofs, border_b);
            constraints.distribute_local_to_global(c, dofs, border_c);
          }
      }
    tangent.compress(dealii::VectorOperation::add);
    residual.compress(dealii::VectorOperation::add);
    border_b.compress(dealii::VectorOperation::add);
    border_c.compress(dealii::VectorOperation::add);

    // Global reductions: failure, factor, contact sums.
    const bool all_ok =
      dealii::Utilities::MPI::min(out.ok ? 1 : 0, mpi_communicator) == 1;
    if (!all_ok && out.ok)
      reason = "failure on another process";
    out.ok = all_ok;
    if (!out.ok)
      out.failure_reason = reason ? reason : "assembly failed";
    out.material_factor = dealii::Utilities::MPI::min(factor, mpi_communicator);
    if (!std::isfinite(out.material_factor))
      out.material_factor = 2.;
    const double sums[3] = {force, area, k_hh};
    double       totals[3];
    dealii::Utilities::MPI::sum(dealii::ArrayView<const double>(sums, 3),
                                mpi_communicator,
                                dealii::ArrayView<double>(totals, 3));
    force_meshed = totals[0];
    area_meshed  = totals[1];
    border_k     = totals[2];
    penetration  = dealii::Utilities::MPI::max(max_gap, mpi_communicator);

    out.force_on_meshed_part = force_meshed;
    out.residual_norm_u      = residual.l2_norm();
    // Without a platen the force is applied through the force boundaries
    // dead load, which R_u holds.
    out.residual_h = has_platen() ? force_meshed - force_target : 0.;
    return out;
  }



  template <int dim>
  unsigned int
  QuasiStaticSolid<dim>::solve_linear(
    dealii::TrilinosWrappers::MPI::Vector       &x,
    const dealii::TrilinosWrappers::MPI::Vector &rhs,
    const bool                                   new_matrix)
  {
    dealii::TimerOutput::Scope scope(timer, "linear solve");
    if (!linear_solver)
      linear_solver = std::make_unique<LinearSolver>();
    const bool direct = use_direct_solver();
    if (direct)
      {
        if (new_matrix || !linear_solver->direct)
          {
            linear_solver->direct =
              std::make_unique<dealii::TrilinosWrappers::SolverDirect>(
                linear_solver->control,
                dealii::TrilinosWrappers::SolverDirect::AdditionalData(
                  false, "Amesos_Klu"));
            linear_solver->direct->initialize(tangent);
          }
        linear_solver->direct->solve(x, rhs);
        constraints.distribute(x);
        return 1;
      }

    if (new_matrix || !linear_solver->amg)
      {
        linear_solver->amg =
          std::make_unique<dealii::TrilinosWrappers::PreconditionAMG>();
        dealii::TrilinosWrappers::PreconditionAMG::AdditionalData data;
        data.elliptic              = true;
        data.higher_order_elements = parameters.polynomial_degree > 1;
        data.n_cycles              = 1;
        data.aggregation_threshold = 1e-3;
        data.smoother_sweeps       = 2;
        Teuchos::ParameterList              list;
        std::unique_ptr<Epetra_MultiVector> modes;
        data.set_parameters(list, modes, tangent);
        const int n_modes = dim == 2 ? 3 : 6;
        list.set("null space: type", "pre-computed");
        list.set("null space: dimension", n_modes);
        list.set("null space: vectors", rigid_body_modes.data());
        linear_solver->amg->initialize(tangent, list);
      }
    dealii::SolverControl control(parameters.max_linear_iterations,
                                  parameters.linear_tolerance * rhs.l2_norm());
    // AztecOO allocates the (restart + 1) Krylov vectors of a rank in one
    // block whose size in bytes it keeps in an unsigned int (az_aztec.h):
    // above 4 GiB it wraps and GMRES writes past the block (a heap
    // corruption seen at 2.7 million unknowns on one rank). Shorten the
    // restart so that the block stays below 2^32 bytes.
    const double local_bytes =
      8. * std::max<double>(1., locally_owned_dofs.n_elements());
    const unsigned int restart = static_cast<unsigned int>(
      std::max(10.,
               std::min(200., std::floor(4294967295. / local_bytes) - 2.)));
    dealii::TrilinosWrappers::SolverGMRES::AdditionalData gmres_data(false,
                                                                     restart);
    dealii::TrilinosWrappers::SolverGMRES solver(control, gmres_data);
    x = 0.;
    solver.solve(tangent, x, rhs, *linear_solver->amg);
    constraints.distribute(x);
    return control.last_step();
  }



  template <int dim>
  void
  QuasiStaticSolid<dim>::update_multipliers(const bool reset)
  {
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        if (const auto c = contact_point_data.try_get_data(cell))
          for (const auto &d : *c)
            d->multiplier =
              reset ? d->converged.normal_multiplier : d->normal_traction;
  }



  template <int dim>
  typename QuasiStaticSolid<dim>::StepReport
  QuasiStaticSolid<dim>::solve_step(const double dt, const double platen_force)
  {
    StepReport   report;
    const double target = platen_force / multiplicity;
    if (!has_platen() && !boundary_conditions.force_boundaries.empty())
      {
        // The force as a dead nominal pressure on the force boundaries.
        if (!(top_area_meshed > 0.))
          throw ParameterError("QuasiStaticSolid::solve_step: the force "
                               "boundaries have no area.");
        for (const auto id : boundary_conditions.force_boundaries)
          boundary_pressures[id] = target / top_area_meshed;
      }
    else if (!has_platen() && platen_force != 0.)
      throw ParameterError("QuasiStaticSolid::solve_step: a platen force of " +
                           format_number(platen_force) +
                           " N was given, but the boundary conditions have "
                           "no contact boundary (no platen); pass 0.");

    trial_time_step = dt;
    for (const auto &point : contact_points_data())
      {
        point->smoothed           = false;
        point->stick_slip_changes = 0;
      }
    report = attempt_step(dt, target, report);
    if (report.converged)
      return report;

    // A Newton solve that cycled because single points kept changing
    // between stick and slip on the sharp Coulomb law: retry the step once
    // with a smoothed law at those points.
    unsigned int n_cycling = 0;
    for (const auto &point : contact_points_data())
      if (point->stick_slip_changes >= 2)
        {
          point->smoothed = true;
          ++n_cycling;
        }
    n_cycling = dealii::Utilities::MPI::sum(n_cycling, mpi_communicator);
    if (n_cycling == 0)
      return report;
    report.smoothed_contact_points = n_cycling;
    report.failure_reason.clear();
    report = attempt_step(dt, target, report);
    if (!report.converged)
      report.failure_reason += " (also when retried with the Coulomb law "
                               "smoothed at " +
                               std::to_string(n_cycling) +
                               " contact point(s) that changed between "
                               "stick and slip)";
    return report;
  }



  template <int dim>
  std::vector<typename QuasiStaticSolid<dim>::ContactPointData *>
  QuasiStaticSolid<dim>::contact_points_data()
  {
    std::vector<ContactPointData *> all;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        if (const auto data = contact_point_data.try_get_data(cell))
          for (const auto &p : *data)
            all.push_back(p.get());
    return all;
  }



  template <int dim>
  typename QuasiStaticSolid<dim>::StepReport
  QuasiStaticSolid<dim>::attempt_step(const double dt,
                                      const double target,
                                      StepReport   report)
  {
    // Start from the committed state, or extrapolate the last step's rate.
    solution = old_solution;
    platen_h = old_platen_h;
    update_multipliers(true);
    if (parameters.extrapolate && last_time_step > 0.)
      {
        const double s = std::min(dt / last_time_step, 2.);
        dealii::TrilinosWrappers::MPI::Vector guess(locally_owned_dofs,
                                                    mpi_communicator);
        guess = old_solution;
        guess.add(s, last_increment);
        solution = guess;
        platen_h = old_platen_h + s * last_platen_increment;
      }

    const double tolerance =
      platen_parameters.penetration_tolerance * reference_length;
    // Fallback: when the Newton solve after an augmentation fails (a contact
    // point that opens and closes every iteration makes it cycle, whatever
    // the time step), the last converged iterate is taken if its
    // penetration is within ten times the tolerance (at most 1e-3 of h/2).
    const double fallback_tolerance =
      std::min(10. * tolerance, 1e-3 * reference_length);
    dealii::TrilinosWrappers::MPI::Vector saved_solution;
    double                                saved_h       = 0.;
    bool                                  have_saved    = false;
    unsigned int                          saved_hardest = 0;
    std::vector<double>                   saved_multipliers;
    const auto multipliers   = [this]() { return contact_points_data(); };
    const auto restore_saved = [&]() {
      solution          = saved_solution;
      platen_h          = saved_h;
      const auto points = multipliers();
      for (std::size_t i = 0; i < points.size(); ++i)
        points[i]->multiplier = saved_multipliers[i];
      // The states, measures and material factor of that iterate, not of
      // the failed solve after it (whose creep increments would reject the
      // step as inaccurate).
      const AssemblyResult restored = assemble(dt, target);
      report.material_factor        = restored.material_factor;
      if (!restored.ok)
        {
          report.failure_reason = restored.failure_reason;
          return report;
        }
      report.failure_reason.clear();
      report.converged                = true;
      report.from_fallback            = true;
      report.hardest_solve_iterations = saved_hardest;
      return report;
    };
    for (unsigned int a = 0;; ++a)
      {
        const unsigned int before = report.newton_iterations;
        if (!newton(dt, target, report))
          {
            if (have_saved)
              return restore_saved();
            return report;
          }
        report.hardest_solve_iterations =
          std::max(report.hardest_solve_iterations,
                   report.newton_iterations - before);
        if (penetration <= tolerance)
          {
            report.converged = true;
            return report;
          }
        if (penetration <= fallback_tolerance)
          {
            have_saved     = true;
            saved_hardest  = report.hardest_solve_iterations;
            saved_solution = solution;
            saved_h        = platen_h;
            saved_multipliers.clear();
            for (const auto *p : multipliers())
              saved_multipliers.push_back(p->multiplier);
          }
        else
          have_saved = false;
        if (a >= platen_parameters.max_augmentations)
          {
            if (have_saved)
              return restore_saved();
            report.failure_reason =
              "the penetration " +
              std::to_string(penetration / reference_length) +
              " (relative to h/2) stayed above the tolerance after " +
              std::to_string(a) + " augmentations";
            return report;
          }
        update_multipliers(false);
        ++report.augmentations;
      }
  }



  template <int dim>
  bool
  QuasiStaticSolid<dim>::newton(const double dt,
                                const double target,
                                StepReport  &report)
  {
    const bool debug   = std::getenv("ANODEMECH_DEBUG_NEWTON") != nullptr;
    double     applied = std::abs(target);
    for (const auto &load : boundary_pressures)
      applied = std::max(applied, std::abs(load.second) * pressure_force_scale);
    const double scale = std::max(applied, reference_force_scale);
    const auto   merit = [scale](const AssemblyResult &s) {
      return std::max(s.residual_norm_u, std::abs(s.residual_h)) / scale;
    };

    dealii::TrilinosWrappers::MPI::Vector current(locally_owned_dofs,
                                                  mpi_communicator);
    dealii::TrilinosWrappers::MPI::Vector du(locally_owned_dofs,
                                             mpi_communicator);
    dealii::TrilinosWrappers::MPI::Vector x2(locally_owned_dofs,
                                             mpi_communicator);
    dealii::TrilinosWrappers::MPI::Vector trial(locally_owned_dofs,
                                                mpi_communicator);
    current          = solution;
    double h_current = platen_h;

    AssemblyResult state   = assemble(dt, target);
    report.material_factor = state.material_factor;
    if (!state.ok)
      {
        report.failure_reason = state.failure_reason;
        return false;
      }
    report.residual_norms.push_back(merit(state));
    if (merit(state) <= 1e-3 * parameters.residual_tolerance)
      return true; // nothing to do (e.g. an unloaded step)
    const auto points = contact_points_data();
    for (const auto point : points)
      {
        point->accepted_slipping  = point->slipping;
        point->stick_slip_changes = 0;
      }

    for (unsigned int it = 0; it < parameters.max_newton_iterations; ++it)
      {
        // Bordered system K du + b dh = -R_u, c.du + k dh = -R_h, solved by
        // two solves with K and the scalar Schur complement for dh.
        // A failed linear solve (no convergence, a singular factorisation)
        // fails the step, which the caller cuts back; it never ends the run.
        double denominator = 0., dh = 0.;
        try
          {
            report.linear_iterations += solve_linear(du, residual, true);
            if (has_platen())
              report.linear_iterations += solve_linear(x2, border_b, false);
          }
        catch (const std::exception &e)
          {
            report.failure_reason =
              std::string("linear solver failed: ") + e.what();
            linear_solver.reset();
            return false;
          }
        if (has_platen())
          {
            denominator = border_k - (border_c * x2);
            if (!std::isfinite(denominator) || denominator == 0.)
              {
                report.failure_reason =
                  "the platen lost contact (singular force equation)";
                return false;
              }
            dh = (-state.residual_h - (border_c * du)) / denominator;
            du.add(-dh, x2);
          }
        ++report.newton_iterations;

        // Backtracking line search on the residual norm.
        const double   merit0 = merit(state);
        double         alpha  = 1.;
        AssemblyResult next;
        for (unsigned int ls = 0;; ++ls)
          {
            trial = current;
            trial.add(alpha, du);
            solution = trial;
            platen_h = h_current + alpha * dh;
            next     = assemble(dt, target);
            if (next.ok && merit(next) <= (1. - 1e-4 * alpha) * merit0)
              break;
            if (ls >= parameters.max_line_search_steps)
              {
                if (next.ok)
                  break; // take the shortest step and go on
                report.failure_reason  = next.failure_reason;
                report.material_factor = next.material_factor;
                return false;
              }
            alpha *= 0.5;
            ++report.line_search_cuts;
          }
        if (debug)
          pcout << "      newton " << it << ": |du| " << du.linfty_norm()
                << " dh " << dh << " denominator " << denominator << " k "
                << border_k << " alpha " << alpha << " merit " << merit(next)
                << " penetration " << penetration << '\n';
        current   = trial;
        h_current = platen_h;
        state     = next;
        for (const auto point : points)
          if (point->slipping != point->accepted_slipping)
            {
              point->accepted_slipping = point->slipping;
              ++point->stick_slip_changes;
            }
        report.material_factor = state.material_factor;
        report.residual_norms.push_back(merit(state));
        const double update =
          alpha * std::max(du.linfty_norm(), std::abs(dh)) / reference_length;
        report.update_norms.push_back(update);
        if (!std::isfinite(merit(state)))
          {
            report.failure_reason = "Newton diverged (non-finite residual)";
            return false;
          }
        if (merit(state) <= parameters.residual_tolerance &&
            update <= parameters.update_tolerance)
          return true;
      }
    report.failure_reason = "Newton did not converge in " +
                            std::to_string(parameters.max_newton_iterations) +
                            " iterations";
    return false;
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::tangent_consistency_error(const double dt,
                                                   const double platen_force,
                                                   const double eta,
                                                   const unsigned int seed)
  {
    const double                          target = platen_force / multiplicity;
    dealii::TrilinosWrappers::MPI::Vector u0(locally_owned_dofs,
                                             mpi_communicator);
    u0              = solution;
    const double h0 = platen_h;

    // Random direction, constrained entries zero, scaled to the thickness.
    dealii::TrilinosWrappers::MPI::Vector d(locally_owned_dofs,
                                            mpi_communicator);
    std::srand(seed);
    for (const auto i : locally_owned_dofs)
      d[i] = (constraints.is_constrained(i) ?
                0. :
                (std::rand() / double(RAND_MAX) - 0.5));
    d.compress(dealii::VectorOperation::insert);
    d *= reference_length / std::max(d.linfty_norm(), 1e-300);
    const double dh = 0.3 * reference_length;

    // J d at the base point.
    AssemblyResult base = assemble(dt, target);
    AssertThrow(base.ok, dealii::ExcMessage(base.failure_reason));
    dealii::TrilinosWrappers::MPI::Vector Jd(locally_owned_dofs,
                                             mpi_communicator);
    tangent.vmult(Jd, d);
    Jd.add(dh, border_b);
    const double Jd_h = (border_c * d) + border_k * dh;

    // Residuals at u +- eta d (the residual vector holds -R_u).
    dealii::TrilinosWrappers::MPI::Vector r_plus(locally_owned_dofs,
                                                 mpi_communicator);
    dealii::TrilinosWrappers::MPI::Vector trial(locally_owned_dofs,
                                                mpi_communicator);
    trial = u0;
    trial.add(eta, d);
    solution        = trial;
    platen_h        = h0 + eta * dh;
    const auto plus = assemble(dt, target);
    r_plus          = residual;
    trial           = u0;
    trial.add(-eta, d);
    solution         = trial;
    platen_h         = h0 - eta * dh;
    const auto minus = assemble(dt, target);
    AssertThrow(plus.ok && minus.ok, dealii::ExcMessage("assembly failed"));
    // FD of R_u = -(residual): (-(r_plus) + residual_minus) / (2 eta).
    dealii::TrilinosWrappers::MPI::Vector fd(locally_owned_dofs,
                                             mpi_communicator);
    fd = residual;
    fd.add(-1., r_plus);
    fd /= 2. * eta;
    const double fd_h = (plus.residual_h - minus.residual_h) / (2. * eta);

    // Restore.
    solution = u0;
    platen_h = h0;
    assemble(dt, target);

    fd.add(-1., Jd);
    const double scale = std::sqrt(Jd.norm_sqr() + Jd_h * Jd_h);
    const double error =
      std::sqrt(fd.norm_sqr() + (fd_h - Jd_h) * (fd_h - Jd_h));
    return error / scale;
  }



  // The members defined in this file; the class itself is instantiated in
  // quasi_static_solid.cc.
#define ANODEMECH_INSTANTIATE(dim)                                             \
  template QuasiStaticSolid<dim>::AssemblyResult                               \
                        QuasiStaticSolid<dim>::assemble(double, double);       \
  template unsigned int QuasiStaticSolid<dim>::solve_linear(                   \
    dealii::TrilinosWrappers::MPI::Vector &,                                   \
    const dealii::TrilinosWrappers::MPI::Vector &,                             \
    bool);                                                                     \
  template QuasiStaticSolid<dim>::StepReport                                   \
                  QuasiStaticSolid<dim>::solve_step(double, double);           \
  template bool   QuasiStaticSolid<dim>::newton(double, double, StepReport &); \
  template void   QuasiStaticSolid<dim>::update_multipliers(bool);             \
  template bool   QuasiStaticSolid<dim>::use_direct_solver() const;            \
  template double QuasiStaticSolid<dim>::tangent_consistency_error(            \
    double, double, double, unsigned int);
  ANODEMECH_INSTANTIATE(2)
  ANODEMECH_INSTANTIATE(3)
#undef ANODEMECH_INSTANTIATE
} // namespace anodemech
