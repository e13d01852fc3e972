#pragma once

#include <anodemech/contact/contact_strategy.h>
#include <anodemech/contact/rigid_platen.h>

#include <array>
#include <vector>

namespace anodemech
{
  /**
   * Frictional contact with a rigid flat platen by a semi-smooth Newton
   * method (primal-dual active set) on the nodal complementarity conditions
   * of RigidPlaten, with the multipliers condensed.
   *
   * The contact nodes are the support points on the contact boundaries.
   * Node k has the reference area m_k = int N_k dA (with 2 pi R
   * axisymmetric); its contact force on the body is -m_k (lambda_N e_z +
   * lambda_T). The multipliers are not unknowns of the linear systems: at
   * an iterate they are the tractions that balance the node,
   * lambda = -R_k / m_k with R_k the node's residual without contact (as
   * in deal.II's step-41), and each iteration
   * - classifies every node as open, touching without friction, sticking
   *   or slipping (RigidPlaten::classify()) at the current (u, h, lambda);
   * - replaces the node's rows of the body's system by the linearised
   *   conditions of its status, with the multipliers eliminated through
   *   lambda = -(R_k + K_k du) / m_k:
   *     touching, normal row:  d (du_z - dh) = -d g      (exact, no penalty)
   *     sticking, tangential:  d du_T = -d (u_T - u_T,n) (exact no-slip)
   *     slipping, tangential:  -m (G_T + dG_T/dlambda dlambda + ...) = 0,
   *   d being the row's diagonal entry, so that the constraint rows are
   *   scaled like the rows they replace;
   * - forms the platen's force equation sum_touching m_k lambda_N,k = F,
   *   whose row is c = -K^T chi (chi = 1 on the normal dofs of touching
   *   nodes).
   * For a fixed status this is Newton's method on a smooth system; with
   * the status updated every iteration it is the semi-smooth Newton method
   * of Hueber, Stadler & Wohlmuth (2008), locally superlinear, which does
   * not cycle on stick-slip and open-close changes the way a penalty
   * regularisation with return mapping can. The residual of the changed
   * rows is the complementarity residual: the Newton merit measures it.
   *
   * Friction acts at a node from the step after it first touches (the
   * slip over the step in which it touched is not defined); the top face
   * is touching at the start.
   */
  template <int dim>
  class ActiveSetContact : public ContactStrategy<dim>
  {
  public:
    using typename ContactStrategy<dim>::Setup;
    using typename ContactStrategy<dim>::Input;
    using typename ContactStrategy<dim>::Evaluation;

    explicit ActiveSetContact(const RigidPlaten::Parameters &parameters);

    void
    setup(const Setup &setup) override;

    void
    begin_step() override;

    Evaluation
    apply(const Input &input, BorderedSystem &system) override;

    void
    set_frozen(bool frozen) override;

    unsigned int
    n_changes_since_commit() const override;

    unsigned int
    n_held_nodes() const override;

    /**
     * Status changes of one node within a step after which its status is
     * held for the rest of the step's Newton solve. At a stick-slip front
     * the nodal tractions of quadratic elements alternate in sign from
     * vertex to midside node, and a node can cycle (stick, open, slip,
     * stick, ...) without end; held, it lets Newton converge, with at most
     * these nodes off their Coulomb or non-adhesion condition (reported).
     */
    static constexpr unsigned int changes_before_holding = 4;

    void
    commit() override;

    void
    revert() override;

    double
    force() const override;

    double
    max_penetration() const override;

    double
    contact_area(
      const dealii::TrilinosWrappers::MPI::Vector &displacement) const override;

    std::vector<ContactPoint<dim>>
    contact_points(
      const dealii::TrilinosWrappers::MPI::Vector &displacement) const override;

    std::vector<double>
    cell_contact_pressure() const override;

    std::vector<dealii::TrilinosWrappers::MPI::Vector>
    checkpoint_vectors() const override;

    unsigned int
    n_checkpoint_vectors() const override;

    void
    restore(const std::vector<dealii::TrilinosWrappers::MPI::Vector> &vectors,
            double                                                    force,
            double penetration) override;

    /// Number of locally owned contact nodes with status @p status.
    unsigned int
    n_nodes(RigidPlaten::NodeStatus status) const;

  private:
    struct Node
    {
      /// Global dof of each displacement component.
      std::array<dealii::types::global_dof_index, dim> dofs;
      /// Free tangential components (not constrained).
      std::vector<unsigned int> tangential;
      /// Reference position [m].
      dealii::Point<dim> position;
      /// Reference area m_k [m^2].
      double weight             = 0.;
      bool   initially_touching = false;
    };

    /// Tractions of one node [Pa].
    struct Multipliers
    {
      double                                         normal = 0.;
      dealii::Tensor<1, RigidPlaten::max_tangential> tangential;
    };

    /// Multiplier and status vectors in the displacement layout (for output
    /// and checkpoints): lambda_N at the normal dof, lambda_T at the
    /// tangential ones, the status code at the normal dof.
    void
    fill_vectors(const std::vector<Multipliers>             &multipliers,
                 const std::vector<RigidPlaten::NodeStatus> &statuses,
                 dealii::TrilinosWrappers::MPI::Vector      &multiplier,
                 dealii::TrilinosWrappers::MPI::Vector      &status) const;

    RigidPlaten                          law;
    Setup                                settings;
    std::vector<Node>                    nodes;
    std::vector<RigidPlaten::NodeStatus> status, committed_status;
    std::vector<Multipliers>             multipliers, committed_multipliers;
    /// Status changes of each node in the current step.
    std::vector<unsigned int> changes_in_step;
    bool                      frozen        = false;
    double                    current_force = 0., committed_force = 0.;
    double current_penetration = 0., committed_penetration = 0.;
  };
} // namespace anodemech
