#include <anodemech/base/parameter_error.h>
#include <anodemech/contact/active_set_contact.h>
#include <anodemech/mechanics/linear_solver.h>
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

#include "bulk_assembler.h"

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
    prm.declare_entry("Creep time integration",
                      d.time_integration,
                      Selection("bdf2|backward euler"),
                      "Time integration of the creep laws at the quadrature "
                      "points: bdf2, the second-order two-step backward "
                      "differentiation formula (backward Euler in the first "
                      "step), or backward euler (first order). Both are "
                      "L-stable; BDF2 reaches a given accuracy in far fewer "
                      "steps.");
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
    time_integration      = prm.get("Creep time integration");
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
    if (time_integration != "bdf2" && time_integration != "backward euler")
      throw ParameterError("Parameter 'Creep time integration' must be bdf2 "
                           "or backward euler, not '" +
                           time_integration + "'.");
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
  QuasiStaticSolid<dim>::is_listed(
    const std::vector<dealii::types::boundary_id> &ids,
    const dealii::types::boundary_id               id) const
  {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
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
    // The parts refer to the dof handler: release them first.
    contact.reset();
    assembler.reset();
    linear_solver.reset();
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
    system.matrix.reinit(locally_owned_dofs,
                         locally_owned_dofs,
                         dsp,
                         mpi_communicator);
    system.rhs.reinit(locally_owned_dofs, mpi_communicator);
    system.border_b.reinit(locally_owned_dofs, mpi_communicator);
    system.border_c.reinit(locally_owned_dofs, mpi_communicator);
    current.displacement.reinit(locally_owned_dofs, mpi_communicator);
    current.platen_position        = initial_platen_height;
    committed                      = current;
    last_increment                 = current;
    last_increment.platen_position = 0.;
    last_time_step = trial_time_step = 0.;
    contact_changed_last_step        = false;
    solution.reinit(locally_owned_dofs,
                    locally_relevant_dofs,
                    mpi_communicator);
    old_solution.reinit(locally_owned_dofs,
                        locally_relevant_dofs,
                        mpi_communicator);

    history.initialize(
      triangulation, *mapping, quadrature, materials, direction_function);
    assembler =
      std::make_unique<internal::BulkAssembler<dim>>(*mapping,
                                                     fe,
                                                     quadrature,
                                                     face_quadrature,
                                                     materials,
                                                     parameters.temperature);

    double E_ref = 0.;
    for (const auto &m : materials)
      {
        const double G = m.second->reference_shear_modulus();
        const double K = m.second->reference_bulk_modulus();
        E_ref          = std::max(E_ref, 9. * K * G / (3. * K + G));
      }
    reference_length = initial_platen_height;

    if (has_platen())
      {
        typename ContactStrategy<dim>::Setup contact_setup;
        contact_setup.dof_handler           = &dof_handler;
        contact_setup.mapping               = mapping.get();
        contact_setup.face_quadrature       = &face_quadrature;
        contact_setup.constraints           = &constraints;
        contact_setup.locally_owned_dofs    = locally_owned_dofs;
        contact_setup.locally_relevant_dofs = locally_relevant_dofs;
        contact_setup.communicator          = mpi_communicator;
        contact_setup.contact_boundaries =
          boundary_conditions.contact_boundaries;
        contact_setup.initially_touching =
          boundary_conditions.initially_touching;
        contact = std::make_unique<ActiveSetContact<dim>>(platen_parameters);
        contact->setup(contact_setup);
      }
    else
      contact.reset();

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
                is_listed(boundary_conditions.initially_touching, id) ||
                is_listed(boundary_conditions.force_boundaries, id);
              const bool loaded =
                is_listed(boundary_conditions.pressure_boundaries, id);
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
    pressure_force_scale =
      dealii::Utilities::MPI::sum(pressure_area, mpi_communicator);
    top_area_meshed = dealii::Utilities::MPI::sum(top_area, mpi_communicator);
    reference_force_scale =
      1e-6 * E_ref * std::max(top_area_meshed, pressure_force_scale);

    LinearSolver::Settings linear;
    linear.direct            = use_direct_solver();
    linear.tolerance         = parameters.linear_tolerance;
    linear.max_iterations    = parameters.max_linear_iterations;
    linear.polynomial_degree = parameters.polynomial_degree;
    if (!linear.direct)
      {
        linear.null_space =
          rigid_body_modes<dim>(*mapping, dof_handler, locally_owned_dofs);
        linear.n_null_space_vectors = dim == 2 ? 3 : 6;
      }
    linear_solver = std::make_unique<LinearSolver>(linear);
  }



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
    return history.get(cell);
  }



  template <int dim>
  const ContactStrategy<dim> *
  QuasiStaticSolid<dim>::get_contact() const
  {
    return contact.get();
  }



  template class QuasiStaticSolid<2>;
  template class QuasiStaticSolid<3>;
} // namespace anodemech
