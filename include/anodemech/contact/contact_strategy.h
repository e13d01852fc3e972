#pragma once

#include <anodemech/mechanics/solution_state.h>

#include <deal.II/base/index_set.h>
#include <deal.II/base/point.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/base/types.h>

#include <mpi.h>

#include <vector>

namespace dealii
{
  template <int dim, int spacedim>
  class DoFHandler;
  template <int dim, int spacedim>
  class Mapping;
  template <typename number>
  class AffineConstraints;
} // namespace dealii

namespace anodemech
{
  /// Contact traction at one contact node (the field output).
  template <int dim>
  struct ContactPoint
  {
    dealii::Point<dim> position;        ///< current position [m]
    double             normal_traction; ///< per reference area [Pa]
    double             weight;          ///< reference area of the node [m^2]
  };

  /**
   * How the contact between the body and a rigid platen under force control
   * enters the Newton iterations of QuasiStaticSolid: the interface between
   * the solid (which assembles the body's residual and tangent) and a
   * contact method. A strategy turns the body's bordered system into that
   * of the contact problem (rows of contact nodes, the border terms of the
   * platen position and the platen's force equation), keeps the contact
   * history with commit and revert, and reports the measures of the
   * contact. ActiveSetContact is the semi-smooth Newton (primal-dual
   * active set) method.
   */
  template <int dim>
  class ContactStrategy
  {
  public:
    struct Setup
    {
      const dealii::DoFHandler<dim, dim>      *dof_handler     = nullptr;
      const dealii::Mapping<dim, dim>         *mapping         = nullptr;
      const dealii::Quadrature<dim - 1>       *face_quadrature = nullptr;
      const dealii::AffineConstraints<double> *constraints     = nullptr;
      dealii::IndexSet                         locally_owned_dofs;
      dealii::IndexSet                         locally_relevant_dofs;
      MPI_Comm                                 communicator = MPI_COMM_WORLD;
      /// Boundaries that may touch the platen.
      std::vector<dealii::types::boundary_id> contact_boundaries;
      /// Boundaries touching the platen at the start (zero force).
      std::vector<dealii::types::boundary_id> initially_touching;
    };

    /// The state at which apply() linearises.
    struct Input
    {
      /// Current and last committed displacements, with ghosts [m].
      const dealii::TrilinosWrappers::MPI::Vector *displacement     = nullptr;
      const dealii::TrilinosWrappers::MPI::Vector *old_displacement = nullptr;
      double                                       platen_position  = 0.;
      /// Prescribed force on the meshed part [N].
      double force = 0.;
    };

    struct Evaluation
    {
      /// Contact force on the meshed part at this iterate [N].
      double force = 0.;
      /// Largest penetration of the platen into the body [m].
      double penetration = 0.;
      /// Nodes whose status changed, summed over the ranks.
      unsigned int set_changes = 0;
      /// Nodes in contact, summed over the ranks.
      unsigned int n_active = 0;
    };

    virtual ~ContactStrategy() = default;

    /// Find the contact nodes (after the dofs are distributed).
    virtual void
    setup(const Setup &setup) = 0;

    /// Start a step from the committed contact state.
    virtual void
    begin_step() = 0;

    /**
     * Turn the body's system at @p input (matrix, rhs = -R_u of the body
     * alone) into the system of the contact problem, including the border
     * terms and rhs_h. Collective.
     */
    virtual Evaluation
    apply(const Input &input, BorderedSystem &system) = 0;

    /// Keep the contact statuses fixed in apply() (for derivative checks).
    virtual void
    set_frozen(bool frozen) = 0;

    /// Contact nodes whose status was held fixed in this step because it
    /// kept changing (chattering), summed over the ranks (collective).
    virtual unsigned int
    n_held_nodes() const = 0;

    /// Contact nodes whose status differs from the committed one, summed
    /// over the ranks (collective).
    virtual unsigned int
    n_changes_since_commit() const = 0;

    virtual void
    commit() = 0;

    virtual void
    revert() = 0;

    /// Contact force on the meshed part at the last apply() (or the
    /// committed one after commit() and revert()) [N].
    virtual double
    force() const = 0;

    /// Largest penetration at the last apply() [m].
    virtual double
    max_penetration() const = 0;

    /// Current area in contact, meshed part [m^2] (collective).
    virtual double
    contact_area(
      const dealii::TrilinosWrappers::MPI::Vector &displacement) const = 0;

    /// The locally owned contact nodes in contact.
    virtual std::vector<ContactPoint<dim>>
    contact_points(
      const dealii::TrilinosWrappers::MPI::Vector &displacement) const = 0;

    /**
     * Mean normal traction over each locally owned cell's faces on contact
     * boundaries [Pa], by active cell index (zero elsewhere).
     */
    virtual std::vector<double>
    cell_contact_pressure() const = 0;

    /// The committed contact state as dof vectors with ghosts, for a
    /// checkpoint (they follow the cells through SolutionTransfer).
    virtual std::vector<dealii::TrilinosWrappers::MPI::Vector>
    checkpoint_vectors() const = 0;

    /// Number of vectors of checkpoint_vectors().
    virtual unsigned int
    n_checkpoint_vectors() const = 0;

    /**
     * Continue from checkpoint_vectors() (locally owned entries) and the
     * committed force() and max_penetration() of that moment.
     */
    virtual void
    restore(const std::vector<dealii::TrilinosWrappers::MPI::Vector> &vectors,
            double                                                    force,
            double penetration) = 0;
  };
} // namespace anodemech
