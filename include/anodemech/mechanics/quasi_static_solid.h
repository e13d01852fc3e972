#pragma once

#include <anodemech/contact/rigid_platen.h>
#include <anodemech/materials/constitutive_model.h>

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/point.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/quadrature_point_data.h>
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
  /**
   * Quasi-static finite-strain solid pressed by a rigid platen under force
   * control.
   *
   * Total-Lagrangian displacement formulation: find u and the platen
   * position h such that
   *   R_u = int_Omega0 tau : (Grad v F^{-1}) dV - int_Gamma_c t . v dA = 0,
   *   R_h = int_Gamma_c t_N dA - F(t) / m = 0,
   * with tau the Kirchhoff stress of the material at each quadrature point,
   * t the platen's contact traction (RigidPlaten) and m the number of
   * symmetric copies of the meshed part (1 axisymmetric, 4 for a 3D
   * quarter disc).
   *
   * dim = 2 is axisymmetric: the mesh is the meridian plane (r, z), the
   * deformation gradient is the 3x3 tensor with the hoop stretch
   * F_thetatheta = 1 + u_r / R in the third slot, and every volume and
   * surface integral carries the weight 2 pi R. dim = 3 is the plain 3D
   * problem. Both call the same three-dimensional ConstitutiveModel.
   *
   * Element: continuous Lagrange Q_p displacements (default p = 2) with full
   * (p+1)-point Gauss quadrature. Quadratic elements do not lock for
   * isochoric creep flow (their displacement space holds enough
   * divergence-free modes; see Hughes, The Finite Element Method, 2000,
   * ch. 4, and tests/solver/test_refinement.cc); Q1 does. Full
   * integration of Q2 is not a stable mixed element: the hydrostatic
   * pressure at single quadrature points oscillates under long isochoric
   * flow (cell averages are accurate, tests/solver/test_thick_cylinder.cc).
   *
   * Newton's method with a backtracking line search solves the bordered
   * system [K b; c^T k][du; dh] = -[R_u; R_h] by two solves with K (Schur
   * complement for the scalar h). The axisymmetric problem uses a sparse
   * direct solver (Amesos KLU), the 3D problem GMRES with smoothed-aggregation
   * AMG (ML) given the six rigid-body modes as its null space (small 3D
   * problems also use the direct solver, see Parameters::linear_solver).
   *
   * Quadrature-point histories (material state and contact state) are kept
   * in CellDataStorage as converged and trial copies: a step is computed
   * with solve_step(), then either committed with commit_step() or undone
   * with revert_step().
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
    using MaterialMap = std::map<dealii::types::material_id,
                                 std::shared_ptr<const ConstitutiveModel>>;

    /// Optional per-point material direction (reference configuration).
    using DirectionFunction =
      std::function<dealii::Tensor<1, 3>(const dealii::Point<dim> &,
                                         dealii::types::material_id)>;

    /**
     * Half width of the stick-slip blend [-] (see
     * RigidPlaten::Parameters::friction_smoothing) at the contact points
     * whose changes between stick and slip keep a step's Newton solve from
     * converging: solve_step() retries the step once with it at those
     * points (a single point flipping between stick and slip on the sharp
     * Coulomb law makes Newton cycle whatever the time step). Tractions
     * stay within the Coulomb cone.
     */
    static constexpr double cycling_point_smoothing = 0.1;

    /// What one call of solve_step() did.
    struct StepReport
    {
      bool converged = false;
      /// Newton iterations of all solves of the step (the work done).
      unsigned int newton_iterations = 0;
      /**
       * Newton iterations of the hardest solve the step was taken from: each
       * augmentation starts a new solve, and a solve that failed after the
       * step's accepted iterate (see @p from_fallback) does not count. The
       * time-step control reads this, not the total, as the step's
       * difficulty (as Abaqus counts augmentation iterations apart from
       * equilibrium iterations).
       */
      unsigned int hardest_solve_iterations = 0;
      /**
       * True if the Newton solve after an augmentation failed and the step
       * was taken from the last converged iterate (its penetration within
       * ten times the tolerance).
       */
      bool from_fallback = false;
      /**
       * Contact points whose stick-slip changes kept Newton from converging
       * and at which the step was retried with a smoothed Coulomb law
       * (half width cycling_point_smoothing), summed over the ranks; 0
       * if the step needed no retry.
       */
      unsigned int smoothed_contact_points = 0;
      unsigned int linear_iterations       = 0;
      unsigned int line_search_cuts        = 0;
      /// max(|R_u|, |R_h|) / F_ref at each iterate, the first being the
      /// initial residual of the step.
      std::vector<double> residual_norms;
      /// |du|_inf / (h/2) of each Newton update.
      std::vector<double> update_norms;
      /// Augmented-Lagrangian updates of the contact tractions.
      unsigned int augmentations = 0;
      /// Smallest factor the materials suggested for the next step.
      double      material_factor = 1.;
      std::string failure_reason;
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
     * difference of the residual (R_u, R_h) at (u +- eta du, h +- eta dh).
     * Returns the relative difference |J d - FD| / |J d|. @p eta is relative
     * to the half thickness. Leaves the solution unchanged.
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
     * every quadrature point's converged material state, stress and F,
     * every contact point's converged state, and the platen position and
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

    /// Contact traction at one face quadrature point (the field output).
    struct ContactPoint
    {
      dealii::Point<dim> position;        ///< current position [m]
      double             normal_traction; ///< per reference area [Pa]
      double             weight; ///< reference area (2 pi R in 2D) [m^2]
    };

    /**
     * The contact tractions at the locally owned face quadrature points in
     * contact at the last assembly (after a converged step: the converged
     * field). Summing normal_traction x weight over all processes and
     * multiplying by the symmetry multiplicity gives contact_force().
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

    /// Quadrature-point history: converged and trial material states.
    struct QuadraturePointData
    {
      MaterialState        converged;
      MaterialState        trial;
      dealii::Tensor<1, 3> material_direction;
      /// Kirchhoff stress at the last assembly (converged after commit) [Pa].
      dealii::SymmetricTensor<2, 3> kirchhoff_stress;
      /// Deformation gradient at the last assembly [-].
      dealii::Tensor<2, 3> F;
      /// Kirchhoff stress and F of the committed state, which revert_step()
      /// restores (the last assembly may be a rejected iterate).
      dealii::SymmetricTensor<2, 3> committed_kirchhoff_stress;
      dealii::Tensor<2, 3>          committed_F;
    };

    /// Contact history at one face quadrature point.
    struct ContactPointData
    {
      RigidPlaten::PointState<dim> converged;
      RigidPlaten::PointState<dim> trial;
      /// Normal multiplier of the current step (augmented Lagrangian) [Pa].
      double multiplier      = 0.;
      double normal_traction = 0.; ///< [Pa]
      /// normal_traction of the committed state, restored by revert_step().
      double committed_normal_traction = 0.;
      /// Slipping at the last assembled iterate.
      bool slipping = false;
      /// Slipping at the last accepted Newton iterate.
      bool accepted_slipping = false;
      /// Changes between stick and slip over the accepted iterates of the
      /// current Newton solve.
      unsigned int stick_slip_changes = 0;
      /// This step is retried with a smoothed Coulomb law at this point.
      bool smoothed = false;
    };

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

  private:
    struct AssemblyResult
    {
      bool        ok              = true;
      double      material_factor = 1.;
      std::string failure_reason;
      double      residual_norm_u      = 0.;
      double      residual_h           = 0.;
      double      force_on_meshed_part = 0.;
    };

    AssemblyResult
    assemble(double dt, double force_meshed_part);

    /// Newton iterations from the current iterate; true if converged.
    bool
    newton(double dt, double force_meshed_part, StepReport &report);

    /**
     * One attempt at the step from the committed state: Newton solves and
     * augmentations (with the fallback iterate); adds to @p report.
     */
    StepReport
    attempt_step(double dt, double force_meshed_part, StepReport report);

    /// The contact points of the locally owned cells.
    std::vector<ContactPointData *>
    contact_points_data();

    /// Set the normal multipliers to the current normal tractions
    /// (@p reset: to the committed multipliers instead).
    void
    update_multipliers(bool reset);

    /// Solve K x = b; returns the number of linear iterations.
    unsigned int
    solve_linear(dealii::TrilinosWrappers::MPI::Vector       &x,
                 const dealii::TrilinosWrappers::MPI::Vector &b,
                 bool                                         new_matrix);

    void
    compute_rigid_body_modes();

    bool
    use_direct_solver() const;

    MPI_Comm                                           mpi_communicator;
    dealii::parallel::distributed::Triangulation<dim> &triangulation;
    Parameters                                         parameters;
    MaterialMap                                        materials;
    RigidPlaten::Parameters                            platen_parameters;
    std::unique_ptr<RigidPlaten>                       platen;
    double                                             initial_platen_height;
    double                                             multiplicity;
    DirectionFunction                                  direction_function;
    BoundaryConditions                                 boundary_conditions;
    std::map<dealii::types::boundary_id, double>       boundary_pressures;
    double pressure_force_scale = 0.;

    bool
    has_platen() const;

    bool
    is_contact_boundary(dealii::types::boundary_id id) const;

    bool
    is_initially_touching(dealii::types::boundary_id id) const;

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

    dealii::TrilinosWrappers::SparseMatrix tangent;
    dealii::TrilinosWrappers::MPI::Vector  residual;      // -R_u
    dealii::TrilinosWrappers::MPI::Vector  border_b;      // dR_u/dh
    dealii::TrilinosWrappers::MPI::Vector  border_c;      // dR_h/du
    double                                 border_k = 0.; // dR_h/dh
    dealii::TrilinosWrappers::MPI::Vector  solution;      // ghosted
    dealii::TrilinosWrappers::MPI::Vector  old_solution;  // ghosted
    double                                 platen_h     = 0.;
    double                                 old_platen_h = 0.;
    // Increment of the last committed step, for the predictor.
    dealii::TrilinosWrappers::MPI::Vector last_increment;
    double                                last_platen_increment = 0.;
    double                                last_time_step        = 0.;
    double                                trial_time_step       = 0.;

    dealii::CellDataStorage<typename dealii::Triangulation<dim>::cell_iterator,
                            QuadraturePointData>
      quadrature_point_data;
    dealii::CellDataStorage<typename dealii::Triangulation<dim>::cell_iterator,
                            ContactPointData>
      contact_point_data;

    // Linear solver state.
    struct LinearSolver;
    std::unique_ptr<LinearSolver> linear_solver;
    std::vector<double>           rigid_body_modes;

    // Measures at the current iterate.
    double force_meshed          = 0.;
    double area_meshed           = 0.;
    double penetration           = 0.;
    double reference_force_scale = 0.;
    double top_area_meshed       = 0.;
    // The measures of the committed state, restored by revert_step().
    double committed_force_meshed = 0.;
    double committed_area_meshed  = 0.;
    double committed_penetration  = 0.;
    double reference_length       = 0.;

    dealii::ConditionalOStream pcout;
    dealii::TimerOutput        timer;
  };
} // namespace anodemech
