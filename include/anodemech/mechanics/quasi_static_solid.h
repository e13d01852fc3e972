#pragma once

#include <anodemech/contact/contact_strategy.h>
#include <anodemech/contact/rigid_platen.h>
#include <anodemech/loading/step_controller.h>
#include <anodemech/materials/constitutive_model.h>
#include <anodemech/mechanics/newton_solver.h>
#include <anodemech/mechanics/quadrature_history.h>
#include <anodemech/mechanics/solution_state.h>

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/point.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  class LinearSolver;
  namespace internal
  {
    template <int dim>
    class BulkAssembler;
  }

  /**
   * Quasi-static finite-strain solid pressed by a rigid platen under force
   * control: the facade that holds the mesh's unknowns and ties together
   * the parts of the solver, each in its own file:
   * - QuadratureHistory: the material states of the quadrature points;
   * - internal::BulkAssembler (lib/mechanics/bulk_assembler.cc): the body's
   *   residual and consistent tangent;
   * - ContactStrategy / ActiveSetContact: the platen's frictional contact,
   *   a semi-smooth Newton (primal-dual active set) method;
   * - NewtonSolver: Newton's method with line search on the bordered system
   *   whose extra unknown is the platen position;
   * - LinearSolver: sparse LU or GMRES + AMG;
   * - StepController (through TimeStepper and run_compression()): accepting,
   *   rejecting and sizing the time steps.
   *
   * Total-Lagrangian displacement formulation: find u and the platen
   * position h such that
   *   R_u = int_Omega0 tau : (Grad v F^{-1}) dV - f_c = 0,
   *   R_h = sum_k m_k lambda_N,k - F(t) / m = 0,
   * with tau the Kirchhoff stress of the material at each quadrature point,
   * f_c the nodal contact forces of the platen, lambda_N the contact
   * pressure at the contact nodes and m the number of symmetric copies of
   * the meshed part (1 axisymmetric, 4 for a 3D quarter disc).
   *
   * dim = 2 is axisymmetric: the mesh is the meridian plane (r, z), the
   * deformation gradient is the 3x3 tensor with the hoop stretch
   * F_thetatheta = 1 + u_r / R in the third slot, and every volume and
   * surface integral carries the weight 2 pi R. dim = 3 is the plain 3D
   * problem. Both call the same three-dimensional ConstitutiveModel.
   *
   * Element: continuous Lagrange Q_p displacements (default p = 2) with full
   * (p+1)-point Gauss quadrature. Quadratic elements do not lock for
   * isochoric creep flow (Hughes, The Finite Element Method, 2000, ch. 4,
   * and tests/solver/test_refinement.cc); Q1 does.
   *
   * A step is computed with solve_step(), then either committed with
   * commit_step() or undone with revert_step().
   */
  template <int dim>
  class QuasiStaticSolid
  {
  public:
    struct Parameters
    {
      unsigned int polynomial_degree = 2;
      /// Degree of the geometry mapping [-]: 1 straight-sided cells; 2 or
      /// more follows the manifolds of the mesh (the curved edge of the 3D
      /// disc), isoparametric for quadratic elements.
      unsigned int mapping_degree        = 2;
      double       temperature           = 298.15; ///< [K]
      unsigned int max_newton_iterations = 20;
      double       residual_tolerance    = 1e-8; ///< relative to the force
      double       update_tolerance      = 1e-6; ///< relative to h/2
      unsigned int max_line_search_steps = 5;
      /// "direct", "iterative" or "auto" (direct in 2D and for 3D problems
      /// below 20000 unknowns, iterative otherwise).
      std::string  linear_solver         = "auto";
      double       linear_tolerance      = 1e-10; ///< relative residual
      unsigned int max_linear_iterations = 2000;
      /// Start each step from the last step's rate (linear extrapolation).
      bool extrapolate = true;
      /// Time integration of the creep laws: "bdf2" (second order, from
      /// the second step on) or "backward euler".
      std::string time_integration = "bdf2";

      static void
      declare_parameters(dealii::ParameterHandler &prm);

      void
      parse_parameters(const dealii::ParameterHandler &prm);

      void
      validate() const;
    };

    /**
     * Boundary conditions by boundary id. The default, half_disc(), is the
     * disc of disc_mesh.h between the platen and its mid-plane.
     */
    struct BoundaryConditions
    {
      /// (boundary id, displacement component) pairs held at zero.
      std::vector<std::pair<dealii::types::boundary_id, unsigned int>>
        fixed_components;
      /// Boundaries that may touch the platen; none: no platen at all.
      std::vector<dealii::types::boundary_id> contact_boundaries;
      /// Boundaries in contact with the platen at the start (zero force).
      std::vector<dealii::types::boundary_id> initially_touching;
      /// Boundaries that may carry a pressure (set_boundary_pressure()).
      std::vector<dealii::types::boundary_id> pressure_boundaries;
      /**
       * (boundary id, displacement component) pairs whose face stays plane:
       * the component takes one common, unknown value on the whole boundary
       * and the boundary carries no net force in that direction, as if held
       * by a rigid frictionless wall that moves freely (the lateral faces of
       * a representative volume under uniaxial nominal stress).
       * boundary_displacement() returns the common value.
       */
      std::vector<std::pair<dealii::types::boundary_id, unsigned int>>
        planar_components;
      /**
       * Boundaries that carry the force of solve_step() as a dead load
       * uniformly distributed over their reference area (nominal pressure
       * force / area, along the inward reference normal), for problems
       * without a platen. Made planar in the normal component, such a face
       * is pressed by a rigid, frictionless platen bonded to it, without the
       * contact iteration. Their area is initial_top_area().
       */
      std::vector<dealii::types::boundary_id> force_boundaries;

      /// Axis (or x = 0 and y = 0 symmetry planes in 3D) and mid-plane
      /// fixed; top face and lateral surface may touch the platen.
      static BoundaryConditions
      half_disc();
    };

    /// Materials by material id.
    using MaterialMap = typename QuadratureHistory<dim>::MaterialMap;

    /// Optional per-point material direction (reference configuration).
    using DirectionFunction =
      typename QuadratureHistory<dim>::DirectionFunction;

    using QuadraturePointData = anodemech::QuadraturePointData;

    /// What one call of solve_step() did.
    struct StepReport
    {
      bool converged = false;
      /// Newton iterations of the step.
      unsigned int newton_iterations = 0;
      unsigned int linear_iterations = 0;
      unsigned int line_search_cuts  = 0;
      /// Merit (scaled residual norm) at each iterate, the first being the
      /// initial residual of the step.
      std::vector<double> residual_norms;
      /// |du|_inf / (h/2) of each applied Newton update.
      std::vector<double> update_norms;
      /// Contact nodes whose status (open, touching, stick, slip) changed at
      /// each iterate (same length as residual_norms).
      std::vector<unsigned int> contact_changes;
      /// Contact nodes whose status at the end of the step differs from
      /// that at its start (converged steps).
      unsigned int contact_events = 0;
      /// Contact nodes whose status was held because it kept changing
      /// (see ActiveSetContact::changes_before_holding).
      unsigned int held_contact_nodes = 0;
      /// Smallest factor the materials suggested for the next step.
      double material_factor = 1.;
      /// Local time-integration error of the creep strain (converged
      /// steps).
      TimeErrorEstimate creep_error;
      std::string       failure_reason;
    };

    /**
     * @p tria must hold the half-disc mesh with the boundary ids of
     * disc_mesh.h; @p platen_height is the initial height of the top face
     * (h/2) [m]; @p symmetry_multiplicity the number of copies of the mesh
     * that make the whole body (1 axisymmetric, 4 quarter disc).
     */
    QuasiStaticSolid(dealii::parallel::distributed::Triangulation<dim> &tria,
                     const Parameters              &parameters,
                     const MaterialMap             &materials,
                     const RigidPlaten::Parameters &platen,
                     double                         platen_height,
                     double                         symmetry_multiplicity,
                     const BoundaryConditions      &boundary_conditions =
                       BoundaryConditions::half_disc());

    ~QuasiStaticSolid();

    /**
     * Dead pressure @p pressure [Pa] on boundary @p id (one of the
     * pressure_boundaries): traction -p N on the reference surface, i.e. a
     * force p per reference area along the inward reference normal. Takes
     * effect in the next solve_step().
     */
    void
    set_boundary_pressure(dealii::types::boundary_id id, double pressure);

    /// Per-point material directions; call before setup().
    void
    set_material_direction_function(const DirectionFunction &f);

    /// Distribute DoFs, build the matrix pattern and the histories.
    void
    setup();

    /**
     * Compute the state at t + dt for the platen force @p platen_force
     * on the whole disc [N], starting from the last committed state. The
     * result is a trial: commit_step() or revert_step() must follow.
     */
    StepReport
    solve_step(double dt, double platen_force);

    /**
     * Check the consistent tangent of the bordered system at the current
     * iterate (for tests, like MOOSE's Jacobian tester): for a random
     * direction (du, dh) compare [K b; c^T k] (du, dh) with the central
     * difference of the residual (R_u, R_h) at (u +- eta du, h +- eta dh),
     * the contact statuses held fixed. Returns the relative difference
     * |J d - FD| / |J d|. @p eta is relative to the half thickness. Leaves
     * the solution unchanged.
     */
    double
    tangent_consistency_error(double       dt,
                              double       platen_force,
                              double       eta,
                              unsigned int seed = 1);

    /// Make the last converged trial the new committed state.
    void
    commit_step();

    /// Return to the last committed state.
    void
    revert_step();

    /**
     * Write the committed state to files that start with @p filename (all
     * ranks must see the same file system): the mesh (p4est forest), the
     * committed displacement and the last increment (for the predictor),
     * every quadrature point's converged material state, stress and F, the
     * contact nodes' multipliers and statuses, and the platen position and
     * measures (in <filename>.solid, exact to the last bit). Collective.
     * Throws a ParameterError naming the file if it cannot be written.
     */
    void
    save_checkpoint(const std::string &filename) const;

    /**
     * Instead of setup(): continue from the state written by
     * save_checkpoint(@p filename), on any number of MPI ranks. The
     * triangulation must hold the same coarse mesh as the saved run had
     * before its setup() (re-create it the same way), with no refinement.
     * Calls setup(), then overwrites the committed state. Collective.
     * Throws a ParameterError if the files are missing or do not belong to
     * this mesh, element and material map.
     */
    void
    load_checkpoint(const std::string &filename);

    /// Platen position h (top of the meshed half) [m].
    double
    platen_position() const;

    /// Contact force on the whole disc at the current iterate [N].
    double
    contact_force() const;

    /// Current contact area on one platen, whole disc [m^2].
    double
    contact_area() const;

    /// Initial area of the top face, whole disc [m^2] (the mesh's, which
    /// for a polygonal 3D mesh is slightly less than pi D^2 / 4).
    double
    initial_top_area() const;

    using ContactPoint = anodemech::ContactPoint<dim>;

    /**
     * The contact tractions at the locally owned contact nodes that touch
     * the platen at the last evaluation (after a converged step: the
     * converged field). Summing normal_traction x weight over all processes
     * and multiplying by the symmetry multiplicity gives contact_force().
     */
    std::vector<ContactPoint>
    contact_points() const;

    /**
     * Cell averages of the converged state for output, indexed by
     * active_cell_index(); filled on locally owned cells, zero elsewhere.
     * Volume averages (weights JxW, and 2 pi r in the axisymmetric case).
     */
    struct CellAverages
    {
      /// Cauchy stress sigma = tau / J [Pa]; axisymmetric: components in
      /// the order (r, z, theta).
      std::vector<dealii::SymmetricTensor<2, 3>> cauchy_stress;
      /// Accumulated equivalent creep strain [-].
      std::vector<double> equivalent_creep_strain;
      /**
       * Mean normal contact traction over the cell's faces on contact
       * boundaries, per reference area [Pa]; zero for cells without such a
       * face and where the platen does not touch.
       */
      std::vector<double> contact_pressure;
    };

    CellAverages
    cell_averages() const;

    /// Largest penetration of the platen into the disc [m].
    double
    max_penetration() const;

    /// Largest current radius of the disc (edge, bulge included) [m].
    double
    max_radius() const;

    /**
     * Common displacement [m] of component @p component on the planar
     * boundary @p id (one of BoundaryConditions::planar_components), in the
     * current solution.
     */
    double
    boundary_displacement(dealii::types::boundary_id id,
                          unsigned int               component) const;

    /// Mean equivalent creep strain over the volume [-] (converged state).
    double
    mean_equivalent_creep_strain() const;

    dealii::types::global_dof_index
    n_dofs() const;

    const dealii::DoFHandler<dim> &
    get_dof_handler() const;

    /// Displacement with ghost entries [m].
    const dealii::TrilinosWrappers::MPI::Vector &
    get_solution() const;

    const Parameters &
    get_parameters() const;

    dealii::TimerOutput &
    get_timer();

    MPI_Comm
    get_mpi_communicator() const;

    /// Geometry mapping of the cells (see Parameters::mapping_degree).
    const dealii::Mapping<dim> &
    get_mapping() const;

    /// Quadrature formula of the cells (for post-processing).
    const dealii::Quadrature<dim> &
    get_quadrature() const;

    /// The history of the quadrature points of @p cell.
    std::vector<std::shared_ptr<const QuadraturePointData>>
    get_quadrature_point_data(
      const typename dealii::Triangulation<dim>::cell_iterator &cell) const;

    /// The contact method (null without contact boundaries).
    const ContactStrategy<dim> *
    get_contact() const;

  private:
    /// The Newton problem of one step (quasi_static_solid_step.cc).
    class StepProblem;

    bool
    has_platen() const;

    bool
    is_listed(const std::vector<dealii::types::boundary_id> &ids,
              dealii::types::boundary_id                     id) const;

    bool
    use_direct_solver() const;

    /// The previous step for the BDF2 creep integration of a step @p dt
    /// (0: backward Euler).
    double
    bdf2_previous_step(double dt) const;

    /// Evaluate the step's system at @p x: bulk assembly, contact rows.
    NewtonSolver::Evaluation
    evaluate(const SolutionState &x, double dt, double force_meshed_part);

    MPI_Comm                                           mpi_communicator;
    dealii::parallel::distributed::Triangulation<dim> &triangulation;
    Parameters                                         parameters;
    MaterialMap                                        materials;
    RigidPlaten::Parameters                            platen_parameters;
    double                                             initial_platen_height;
    double                                             multiplicity;
    DirectionFunction                                  direction_function;
    BoundaryConditions                                 boundary_conditions;
    std::map<dealii::types::boundary_id, double>       boundary_pressures;
    double pressure_force_scale = 0.;

    std::unique_ptr<const dealii::Mapping<dim>> mapping;
    dealii::FESystem<dim>                       fe;
    dealii::DoFHandler<dim>                     dof_handler;
    dealii::QGauss<dim>                         quadrature;
    dealii::QGauss<dim - 1>                     face_quadrature;
    dealii::IndexSet                            locally_owned_dofs;
    dealii::IndexSet                            locally_relevant_dofs;
    /// The master dof of each entry of planar_components (same order).
    std::vector<dealii::types::global_dof_index> planar_masters;
    dealii::AffineConstraints<double>            constraints;

    BorderedSystem system;
    /// Current iterate (displacement without ghosts, platen position).
    SolutionState current;
    /// The last committed state.
    SolutionState committed;
    /// Displacements with ghosts: current iterate, committed.
    dealii::TrilinosWrappers::MPI::Vector solution;
    dealii::TrilinosWrappers::MPI::Vector old_solution;
    /// Increment of the last committed step, for the predictor.
    SolutionState last_increment;
    double        last_time_step  = 0.;
    double        trial_time_step = 0.;
    /// The last committed step changed the contact: the creep rates jump
    /// there, and the next step restarts the two-step BDF2 formula with
    /// backward Euler rather than differencing across the jump.
    bool contact_changed_last_step = false;

    QuadratureHistory<dim>                        history;
    std::unique_ptr<ContactStrategy<dim>>         contact;
    std::unique_ptr<internal::BulkAssembler<dim>> assembler;
    std::unique_ptr<LinearSolver>                 linear_solver;

    double reference_force_scale = 0.;
    double top_area_meshed       = 0.;
    double reference_length      = 0.;

    dealii::ConditionalOStream pcout;
    dealii::TimerOutput        timer;
  };
} // namespace anodemech
