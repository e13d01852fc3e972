#include <anodemech/base/parameter_error.h>
#include <anodemech/mechanics/quasi_static_solid.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "quasi_static_solid_linear_solver.h"

namespace anodemech
{
  // ---------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------
  template <int dim>
  void
  QuasiStaticSolid<dim>::Parameters::declare_parameters(
    dealii::ParameterHandler &prm)
  {
    const Parameters d;
    using namespace dealii::Patterns;
    prm.declare_entry("Polynomial degree",
                      std::to_string(d.polynomial_degree),
                      Integer(1, 4),
                      "Degree p of the Lagrange displacement elements [-]. "
                      "2 (default) is free of volumetric locking for "
                      "isochoric creep; 1 locks.");
    prm.declare_entry("Mapping degree",
                      std::to_string(d.mapping_degree),
                      Integer(1, 4),
                      "Degree of the geometry mapping [-]: 1 straight-sided "
                      "cells; 2 or more makes the cells follow the curved "
                      "boundaries of the mesh (the edge of a 3D disc).");
    prm.declare_entry("Temperature",
                      format_number(d.temperature),
                      Double(0.),
                      "Uniform temperature of the body [K].");
    prm.declare_entry("Max Newton iterations",
                      std::to_string(d.max_newton_iterations),
                      Integer(1, 1000),
                      "Newton iterations per step before the step is "
                      "rejected and cut back [-].");
    prm.declare_entry("Residual tolerance",
                      format_number(d.residual_tolerance),
                      Double(0., 1.),
                      "Newton converges when the residual norm is below this "
                      "fraction of the platen force [-] ...");
    prm.declare_entry("Update tolerance",
                      format_number(d.update_tolerance),
                      Double(0., 1.),
                      "... and the largest displacement update is below this "
                      "fraction of the meshed half thickness [-].");
    prm.declare_entry("Max line search steps",
                      std::to_string(d.max_line_search_steps),
                      Integer(0, 30),
                      "Halvings of the Newton step in the backtracking line "
                      "search [-].");
    prm.declare_entry("Linear solver",
                      d.linear_solver,
                      Selection("auto|direct|iterative"),
                      "direct: sparse LU (Amesos KLU); iterative: GMRES with "
                      "AMG; auto: direct for axisymmetric problems and 3D "
                      "problems below 20000 unknowns, iterative otherwise.");
    prm.declare_entry("Linear tolerance",
                      format_number(d.linear_tolerance),
                      Double(0., 1.),
                      "Relative residual of the iterative linear solver [-].");
    prm.declare_entry("Extrapolate",
                      d.extrapolate ? "true" : "false",
                      Bool(),
                      "Start each step from the rate of the last step "
                      "(linear extrapolation in time) instead of the last "
                      "state.");
    prm.declare_entry("Max linear iterations",
                      std::to_string(d.max_linear_iterations),
                      Integer(1),
                      "Iterations of the iterative linear solver [-].");
  }



  template <int dim>
  void
  QuasiStaticSolid<dim>::Parameters::parse_parameters(
    const dealii::ParameterHandler &prm)
  {
    polynomial_degree     = prm.get_integer("Polynomial degree");
    mapping_degree        = prm.get_integer("Mapping degree");
    temperature           = prm.get_double("Temperature");
    max_newton_iterations = prm.get_integer("Max Newton iterations");
    residual_tolerance    = prm.get_double("Residual tolerance");
    update_tolerance      = prm.get_double("Update tolerance");
    max_line_search_steps = prm.get_integer("Max line search steps");
    linear_solver         = prm.get("Linear solver");
    linear_tolerance      = prm.get_double("Linear tolerance");
    max_linear_iterations = prm.get_integer("Max linear iterations");
    extrapolate           = prm.get_bool("Extrapolate");
    validate();
  }



  template <int dim>
  void
  QuasiStaticSolid<dim>::Parameters::validate() const
  {
    if (polynomial_degree < 1 || polynomial_degree > 4)
      throw ParameterError("Parameter 'Polynomial degree' must be in [1, 4], "
                           "not " +
                           std::to_string(polynomial_degree) + ".");
    if (mapping_degree < 1 || mapping_degree > 4)
      throw ParameterError("Parameter 'Mapping degree' must be in [1, 4], "
                           "not " +
                           std::to_string(mapping_degree) + ".");
    checks::positive("Temperature", temperature, "K");
    checks::in_range(
      "Residual tolerance", residual_tolerance, 0., false, 1., false, "-");
    checks::in_range(
      "Update tolerance", update_tolerance, 0., false, 1., false, "-");
    checks::in_range(
      "Linear tolerance", linear_tolerance, 0., false, 1., false, "-");
    if (linear_solver != "auto" && linear_solver != "direct" &&
        linear_solver != "iterative")
      throw ParameterError("Parameter 'Linear solver' must be one of auto, "
                           "direct, iterative; not '" +
                           linear_solver + "'.");
    if (max_newton_iterations < 1)
      throw ParameterError(
        "Parameter 'Max Newton iterations' must be at least 1.");
  }



  // ---------------------------------------------------------------------
  // Construction and setup
  // ---------------------------------------------------------------------
  template <int dim>
  QuasiStaticSolid<dim>::QuasiStaticSolid(
    dealii::parallel::distributed::Triangulation<dim> &tria,
    const Parameters                                  &parameters_in,
    const MaterialMap                                 &materials_in,
    const RigidPlaten::Parameters                     &platen_in,
    const double                                       platen_height,
    const double                                       symmetry_multiplicity,
    const BoundaryConditions                          &boundary_conditions_in)
    : mpi_communicator(tria.get_communicator())
    , triangulation(tria)
    , parameters(parameters_in)
    , materials(materials_in)
    , platen_parameters(platen_in)
    , initial_platen_height(platen_height)
    , multiplicity(symmetry_multiplicity)
    , boundary_conditions(boundary_conditions_in)
    , mapping(std::make_unique<dealii::MappingQ<dim>>(
        std::max(1u, parameters_in.mapping_degree)))
    , fe(dealii::FE_Q<dim>(parameters_in.polynomial_degree), dim)
    , dof_handler(tria)
    , quadrature(parameters_in.polynomial_degree + 1)
    , face_quadrature(parameters_in.polynomial_degree + 1)
    , pcout(std::cout,
            dealii::Utilities::MPI::this_mpi_process(tria.get_communicator()) ==
              0)
    , timer(tria.get_communicator(),
            pcout,
            dealii::TimerOutput::never,
            dealii::TimerOutput::wall_times)
  {
    parameters.validate();
    platen_parameters.validate();
    checks::positive("platen height (initial half thickness)",
                     platen_height,
                     "m");
    checks::positive("symmetry multiplicity", symmetry_multiplicity, "-");
    if (materials.empty())
      throw ParameterError("QuasiStaticSolid: no material given.");
    for (const auto &m : materials)
      if (!m.second)
        throw ParameterError("QuasiStaticSolid: material id " +
                             std::to_string(m.first) + " has no model.");
  }



  template <int dim>
  typename QuasiStaticSolid<dim>::BoundaryConditions
  QuasiStaticSolid<dim>::BoundaryConditions::half_disc()
  {
    BoundaryConditions bc;
    bc.fixed_components = {{0, 0}, {2, dim - 1}}; // axis or x = 0; mid-plane
    if (dim == 3)
      bc.fixed_components.emplace_back(4, 1); // y = 0
    bc.contact_boundaries = {1, 3};
    bc.initially_touching = {3};
    return bc;
  }



  template <int dim>
  bool
  QuasiStaticSolid<dim>::has_platen() const
  {
    return !boundary_conditions.contact_boundaries.empty();
  }



  template <int dim>
  bool
  QuasiStaticSolid<dim>::is_contact_boundary(
    const dealii::types::boundary_id id) const
  {
    return std::count(boundary_conditions.contact_boundaries.begin(),
                      boundary_conditions.contact_boundaries.end(),
                      id) > 0;
  }



  template <int dim>
  bool
  QuasiStaticSolid<dim>::is_initially_touching(
    const dealii::types::boundary_id id) const
  {
    return std::count(boundary_conditions.initially_touching.begin(),
                      boundary_conditions.initially_touching.end(),
                      id) > 0;
  }



  template <int dim>
  void
  QuasiStaticSolid<dim>::set_boundary_pressure(
    const dealii::types::boundary_id id,
    const double                     pressure)
  {
    if (std::count(boundary_conditions.pressure_boundaries.begin(),
                   boundary_conditions.pressure_boundaries.end(),
                   id) == 0)
      throw ParameterError("Boundary " + std::to_string(id) +
                           " is not one of the pressure boundaries.");
    if (!std::isfinite(pressure))
      throw ParameterError("The pressure on boundary " + std::to_string(id) +
                           " must be finite.");
    boundary_pressures[id] = pressure;
  }



  template <int dim>
  QuasiStaticSolid<dim>::~QuasiStaticSolid()
  {
    dof_handler.clear();
  }



  template <int dim>
  void
  QuasiStaticSolid<dim>::set_material_direction_function(
    const DirectionFunction &f)
  {
    direction_function = f;
  }



  template <int dim>
  void
  QuasiStaticSolid<dim>::setup()
  {
    dealii::TimerOutput::Scope scope(timer, "setup");

    // Every cell must have a material.
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned() && materials.count(cell->material_id()) == 0)
        throw ParameterError("The mesh has cells of material id " +
                             std::to_string(cell->material_id()) +
                             ", for which no material is defined.");

    dof_handler.distribute_dofs(fe);
    locally_owned_dofs = dof_handler.locally_owned_dofs();
    dealii::DoFTools::extract_locally_relevant_dofs(dof_handler,
                                                    locally_relevant_dofs);

    for (const auto &[id, component] : boundary_conditions.fixed_components)
      if (component >= dim)
        throw ParameterError(
          "Boundary condition on boundary " + std::to_string(id) +
          ": component " + std::to_string(component) +
          " does not exist (dim = " + std::to_string(dim) + ").");
    for (const auto &[id, component] : boundary_conditions.planar_components)
      if (component >= dim)
        throw ParameterError("Planar boundary " + std::to_string(id) +
                             ": component " + std::to_string(component) +
                             " does not exist (dim = " + std::to_string(dim) +
                             ").");

    // Planar boundaries tie every dof of their component to one master dof,
    // which may live on another process: its row is added to the rows this
    // process writes (constraints, sparsity pattern).
    dealii::IndexSet              relevant_with_masters = locally_relevant_dofs;
    std::vector<dealii::IndexSet> planar_dofs;
    planar_masters.clear();
    constraints.clear();
    constraints.reinit(locally_relevant_dofs);
    dealii::DoFTools::make_hanging_node_constraints(dof_handler, constraints);
    for (const auto &[id, component] : boundary_conditions.fixed_components)
      {
        dealii::ComponentMask mask(dim, false);
        mask.set(component, true);
        dealii::VectorTools::interpolate_boundary_values(
          dof_handler,
          id,
          dealii::Functions::ZeroFunction<dim>(dim),
          constraints,
          mask);
      }
    // Masters: the first dof of each planar face not already fixed.
    for (const auto &[id, component] : boundary_conditions.planar_components)
      {
        dealii::ComponentMask mask(dim, false);
        mask.set(component, true);
        planar_dofs.push_back(
          dealii::DoFTools::extract_boundary_dofs(dof_handler, mask, {id}));
        dealii::types::global_dof_index first =
          std::numeric_limits<dealii::types::global_dof_index>::max();
        for (const auto i : planar_dofs.back())
          if (!constraints.is_constrained(i))
            {
              first = i;
              break;
            }
        first = dealii::Utilities::MPI::min(first, mpi_communicator);
        if (first ==
            std::numeric_limits<dealii::types::global_dof_index>::max())
          throw ParameterError("Planar boundary " + std::to_string(id) +
                               " has no free degree of freedom of component " +
                               std::to_string(component) +
                               " (missing from the mesh, or all fixed).");
        planar_masters.push_back(first);
        relevant_with_masters.add_index(first);
      }
    for (unsigned int b = 0; b < planar_masters.size(); ++b)
      for (const auto i : planar_dofs[b])
        if (i != planar_masters[b] && !constraints.is_constrained(i))
          {
            constraints.add_line(i);
            constraints.add_entry(i, planar_masters[b], 1.);
          }
    constraints.close();

    dealii::DynamicSparsityPattern dsp(relevant_with_masters);
    dealii::DoFTools::make_sparsity_pattern(dof_handler,
                                            dsp,
                                            constraints,
                                            false);
    dealii::SparsityTools::distribute_sparsity_pattern(dsp,
                                                       locally_owned_dofs,
                                                       mpi_communicator,
                                                       relevant_with_masters);
    tangent.reinit(locally_owned_dofs,
                   locally_owned_dofs,
                   dsp,
                   mpi_communicator);

    residual.reinit(locally_owned_dofs, mpi_communicator);
    border_b.reinit(locally_owned_dofs, mpi_communicator);
    border_c.reinit(locally_owned_dofs, mpi_communicator);
    solution.reinit(locally_owned_dofs,
                    locally_relevant_dofs,
                    mpi_communicator);
    old_solution.reinit(locally_owned_dofs,
                        locally_relevant_dofs,
                        mpi_communicator);
    platen_h = old_platen_h = initial_platen_height;
    last_increment.reinit(locally_owned_dofs, mpi_communicator);
    last_platen_increment = last_time_step = 0.;

    // Histories.
    const unsigned int n_q = quadrature.size();
    const unsigned int n_face_q =
      face_quadrature.size() * dealii::GeometryInfo<dim>::faces_per_cell;
    dealii::FEValues<dim> fe_values(*mapping,
                                    fe,
                                    quadrature,
                                    dealii::update_quadrature_points);
    double                E_ref = 0.;
    for (const auto &m : materials)
      {
        const double G = m.second->reference_shear_modulus();
        const double K = m.second->reference_bulk_modulus();
        E_ref          = std::max(E_ref, 9. * K * G / (3. * K + G));
      }
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          quadrature_point_data.initialize(cell, n_q);
          const auto  data  = quadrature_point_data.get_data(cell);
          const auto &model = *materials.at(cell->material_id());
          fe_values.reinit(cell);
          for (unsigned int q = 0; q < n_q; ++q)
            {
              data[q]->converged = data[q]->trial = model.initial_state();
              data[q]->F           = dealii::unit_symmetric_tensor<3>();
              data[q]->committed_F = data[q]->F;
              if (direction_function)
                data[q]->material_direction =
                  direction_function(fe_values.quadrature_point(q),
                                     cell->material_id());
            }
          bool candidate = false;
          for (const auto &face : cell->face_iterators())
            if (face->at_boundary() && is_contact_boundary(face->boundary_id()))
              candidate = true;
          if (candidate)
            {
              // The platen starts touching the top face.
              contact_point_data.initialize(cell, n_face_q);
              const auto points = contact_point_data.get_data(cell);
              for (const auto f : cell->face_indices())
                if (cell->face(f)->at_boundary() &&
                    is_initially_touching(cell->face(f)->boundary_id()))
                  for (unsigned int q = 0; q < face_quadrature.size(); ++q)
                    points[f * face_quadrature.size() + q]
                      ->converged.in_contact = true;
            }
        }

    reference_length = initial_platen_height;
    platen           = std::make_unique<RigidPlaten>(platen_parameters,
                                           platen_parameters.penalty_factor *
                                             E_ref / reference_length);

    // Force scale for the convergence test: the force of a 1e-6 strain on
    // the top face, used when the applied force is smaller.
    dealii::FEFaceValues<dim> fe_face(*mapping,
                                      fe,
                                      face_quadrature,
                                      dealii::update_quadrature_points |
                                        dealii::update_JxW_values);
    double                    top_area = 0., pressure_area = 0.;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto f : cell->face_indices())
          if (cell->face(f)->at_boundary())
            {
              const auto id = cell->face(f)->boundary_id();
              const bool top =
                is_initially_touching(id) ||
                std::count(boundary_conditions.force_boundaries.begin(),
                           boundary_conditions.force_boundaries.end(),
                           id) > 0;
              const bool loaded =
                std::count(boundary_conditions.pressure_boundaries.begin(),
                           boundary_conditions.pressure_boundaries.end(),
                           id) > 0;
              if (!top && !loaded)
                continue;
              fe_face.reinit(cell, f);
              double area = 0.;
              for (unsigned int q = 0; q < face_quadrature.size(); ++q)
                area +=
                  fe_face.JxW(q) *
                  (dim == 2 ? 2. * M_PI * fe_face.quadrature_point(q)[0] : 1.);
              (top ? top_area : pressure_area) += area;
            }
    pressure_area =
      dealii::Utilities::MPI::sum(pressure_area, mpi_communicator);
    pressure_force_scale = pressure_area;
    top_area        = dealii::Utilities::MPI::sum(top_area, mpi_communicator);
    top_area_meshed = top_area;
    reference_force_scale = 1e-6 * E_ref * std::max(top_area, pressure_area);

    if (!use_direct_solver())
      compute_rigid_body_modes();
  }



  template <int dim>
  void
  QuasiStaticSolid<dim>::compute_rigid_body_modes()
  {
    // Null space of elasticity for ML: translations and rotations at the
    // support points, stored column by column over the locally owned rows.
    const unsigned int n_modes = dim == 2 ? 3 : 6;
    const unsigned int n_local = locally_owned_dofs.n_elements();
    rigid_body_modes.assign(n_modes * n_local, 0.);
    std::map<dealii::types::global_dof_index, dealii::Point<dim>> points;
    dealii::DoFTools::map_dofs_to_support_points(*mapping, dof_handler, points);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          std::vector<dealii::types::global_dof_index> dofs(
            fe.n_dofs_per_cell());
          cell->get_dof_indices(dofs);
          for (unsigned int i = 0; i < dofs.size(); ++i)
            if (locally_owned_dofs.is_element(dofs[i]))
              {
                const unsigned int row =
                  locally_owned_dofs.index_within_set(dofs[i]);
                const unsigned int c = fe.system_to_component_index(i).first;
                const auto        &x = points.at(dofs[i]);
                rigid_body_modes[c * n_local + row] = 1.;
                if (dim == 2)
                  {
                    // rotation in the plane: (-y, x)
                    rigid_body_modes[2 * n_local + row] =
                      (c == 0 ? -x[1] : x[0]);
                  }
                else
                  {
                    // rotations about x, y, z: omega x X
                    // mode 3 + k: rotation about axis k, (e_k x X)_c
                    for (unsigned int k = 0; k < 3; ++k)
                      {
                        double value = 0.;
                        if (k == 0)
                          value = (c == 1 ? -x[2] : c == 2 ? x[1] : 0.);
                        else if (k == 1)
                          value = (c == 0 ? x[2] : c == 2 ? -x[0] : 0.);
                        else
                          value = (c == 0 ? -x[1] : c == 1 ? x[0] : 0.);
                        rigid_body_modes[(3 + k) * n_local + row] = value;
                      }
                  }
              }
        }
  }



  // ---------------------------------------------------------------------
  // Commit, revert and measures
  // ---------------------------------------------------------------------
  template <int dim>
  void
  QuasiStaticSolid<dim>::commit_step()
  {
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          for (const auto &d : quadrature_point_data.get_data(cell))
            {
              d->converged                  = d->trial;
              d->committed_kirchhoff_stress = d->kirchhoff_stress;
              d->committed_F                = d->F;
            }
          if (const auto c = contact_point_data.try_get_data(cell))
            for (const auto &d : *c)
              {
                d->converged                 = d->trial;
                d->committed_normal_traction = d->normal_traction;
              }
        }
    committed_force_meshed = force_meshed;
    committed_area_meshed  = area_meshed;
    committed_penetration  = penetration;
    last_increment         = solution;
    dealii::TrilinosWrappers::MPI::Vector old_owned(locally_owned_dofs,
                                                    mpi_communicator);
    old_owned = old_solution;
    last_increment.add(-1., old_owned);
    last_platen_increment = platen_h - old_platen_h;
    last_time_step        = trial_time_step;
    old_solution          = solution;
    old_platen_h          = platen_h;
  }



  template <int dim>
  void
  QuasiStaticSolid<dim>::revert_step()
  {
    solution = old_solution;
    platen_h = old_platen_h;
    // Back to the committed state, including what the last (rejected)
    // assembly left in the stresses, the contact tractions and the
    // measures, so that output after a rejection shows the committed state.
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          for (const auto &d : quadrature_point_data.get_data(cell))
            {
              d->trial            = d->converged;
              d->kirchhoff_stress = d->committed_kirchhoff_stress;
              d->F                = d->committed_F;
            }
          if (const auto c = contact_point_data.try_get_data(cell))
            for (const auto &d : *c)
              {
                d->trial           = d->converged;
                d->normal_traction = d->committed_normal_traction;
              }
        }
    force_meshed = committed_force_meshed;
    area_meshed  = committed_area_meshed;
    penetration  = committed_penetration;
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::platen_position() const
  {
    return platen_h;
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::contact_force() const
  {
    return multiplicity * force_meshed;
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::contact_area() const
  {
    return multiplicity * area_meshed;
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
    std::vector<ContactPoint>                points;
    const dealii::FEValuesExtractors::Vector u(0);
    dealii::FEFaceValues<dim>                fe_face(*mapping,
                                      fe,
                                      face_quadrature,
                                      dealii::update_values |
                                        dealii::update_quadrature_points |
                                        dealii::update_JxW_values);
    std::vector<dealii::Tensor<1, dim>>      values(face_quadrature.size());
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        if (const auto data = contact_point_data.try_get_data(cell))
          for (const auto f : cell->face_indices())
            if (cell->face(f)->at_boundary() &&
                is_contact_boundary(cell->face(f)->boundary_id()))
              {
                fe_face.reinit(cell, f);
                fe_face[u].get_function_values(solution, values);
                for (unsigned int q = 0; q < face_quadrature.size(); ++q)
                  {
                    const double t_N =
                      (*data)[f * face_quadrature.size() + q]->normal_traction;
                    if (!(t_N > 0.))
                      continue;
                    const auto &X = fe_face.quadrature_point(q);
                    points.push_back(
                      {X + values[q],
                       t_N,
                       fe_face.JxW(q) * (dim == 2 ? 2. * M_PI * X[0] : 1.)});
                  }
              }
    return points;
  }



  template <int dim>
  double
  QuasiStaticSolid<dim>::max_penetration() const
  {
    return penetration;
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
    dealii::FEValues<dim> fe_values(*mapping,
                                    fe,
                                    quadrature,
                                    dealii::update_JxW_values |
                                      dealii::update_quadrature_points);
    double                volume = 0., integral = 0.;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          fe_values.reinit(cell);
          const auto data = quadrature_point_data.get_data(cell);
          for (unsigned int q = 0; q < quadrature.size(); ++q)
            {
              const double w =
                fe_values.JxW(q) *
                (dim == 2 ? 2. * M_PI * fe_values.quadrature_point(q)[0] : 1.);
              volume += w;
              integral += w * data[q]->converged.equivalent_creep_strain;
            }
        }
    return dealii::Utilities::MPI::sum(integral, mpi_communicator) /
           dealii::Utilities::MPI::sum(volume, mpi_communicator);
  }



  template <int dim>
  typename QuasiStaticSolid<dim>::CellAverages
  QuasiStaticSolid<dim>::cell_averages() const
  {
    const unsigned int n_cells = triangulation.n_active_cells();
    CellAverages       averages;
    averages.cauchy_stress.resize(n_cells);
    averages.equivalent_creep_strain.resize(n_cells, 0.);
    averages.contact_pressure.resize(n_cells, 0.);

    dealii::FEValues<dim>     fe_values(*mapping,
                                    fe,
                                    quadrature,
                                    dealii::update_JxW_values |
                                      dealii::update_quadrature_points);
    dealii::FEFaceValues<dim> fe_face(*mapping,
                                      fe,
                                      face_quadrature,
                                      dealii::update_JxW_values |
                                        dealii::update_quadrature_points);
    const auto                radial_weight = [](const dealii::Point<dim> &x) {
      return dim == 2 ? 2. * M_PI * x[0] : 1.;
    };
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const unsigned int c = cell->active_cell_index();
          fe_values.reinit(cell);
          const auto data   = quadrature_point_data.get_data(cell);
          double     volume = 0.;
          for (unsigned int q = 0; q < quadrature.size(); ++q)
            {
              const double w =
                fe_values.JxW(q) * radial_weight(fe_values.quadrature_point(q));
              volume += w;
              averages.cauchy_stress[c] +=
                w / dealii::determinant(data[q]->F) * data[q]->kirchhoff_stress;
              averages.equivalent_creep_strain[c] +=
                w * data[q]->converged.equivalent_creep_strain;
            }
          averages.cauchy_stress[c] /= volume;
          averages.equivalent_creep_strain[c] /= volume;

          const auto contact = contact_point_data.try_get_data(cell);
          if (!contact)
            continue;
          double area = 0., force = 0.;
          for (const auto f : cell->face_indices())
            if (cell->face(f)->at_boundary() &&
                is_contact_boundary(cell->face(f)->boundary_id()))
              {
                fe_face.reinit(cell, f);
                for (unsigned int q = 0; q < face_quadrature.size(); ++q)
                  {
                    const double w = fe_face.JxW(q) *
                                     radial_weight(fe_face.quadrature_point(q));
                    area += w;
                    force +=
                      w * std::max(0.,
                                   (*contact)[f * face_quadrature.size() + q]
                                     ->normal_traction);
                  }
              }
          if (area > 0.)
            averages.contact_pressure[c] = force / area;
        }
    return averages;
  }



  template <int dim>
  const dealii::Mapping<dim> &
  QuasiStaticSolid<dim>::get_mapping() const
  {
    return *mapping;
  }



  template <int dim>
  dealii::types::global_dof_index
  QuasiStaticSolid<dim>::n_dofs() const
  {
    return dof_handler.n_dofs();
  }



  template <int dim>
  const dealii::DoFHandler<dim> &
  QuasiStaticSolid<dim>::get_dof_handler() const
  {
    return dof_handler;
  }



  template <int dim>
  const dealii::TrilinosWrappers::MPI::Vector &
  QuasiStaticSolid<dim>::get_solution() const
  {
    return solution;
  }



  template <int dim>
  const typename QuasiStaticSolid<dim>::Parameters &
  QuasiStaticSolid<dim>::get_parameters() const
  {
    return parameters;
  }



  template <int dim>
  dealii::TimerOutput &
  QuasiStaticSolid<dim>::get_timer()
  {
    return timer;
  }



  template <int dim>
  MPI_Comm
  QuasiStaticSolid<dim>::get_mpi_communicator() const
  {
    return mpi_communicator;
  }



  template <int dim>
  const dealii::Quadrature<dim> &
  QuasiStaticSolid<dim>::get_quadrature() const
  {
    return quadrature;
  }



  template <int dim>
  std::vector<
    std::shared_ptr<const typename QuasiStaticSolid<dim>::QuadraturePointData>>
  QuasiStaticSolid<dim>::get_quadrature_point_data(
    const typename dealii::Triangulation<dim>::cell_iterator &cell) const
  {
    return quadrature_point_data.get_data(cell);
  }



  template class QuasiStaticSolid<2>;
  template class QuasiStaticSolid<3>;
} // namespace anodemech
