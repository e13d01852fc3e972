#pragma once

#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

namespace anodemech
{
  /**
   * The unknowns of a force-controlled contact problem: the nodal
   * displacements u [m] (locally owned entries, no ghosts) and the position
   * h of the rigid platen [m]. Newton iterates, increments and predictors
   * are all of this type.
   */
  struct SolutionState
  {
    dealii::TrilinosWrappers::MPI::Vector displacement;
    double                                platen_position = 0.;

    /// *this += a x.
    void
    add(const double a, const SolutionState &x)
    {
      displacement.add(a, x.displacement);
      platen_position += a * x.platen_position;
    }
  };

  /**
   * The linearised equations of one Newton iteration with the platen
   * position as an extra, scalar unknown:
   *
   *   [ K    b ] [du]   [rhs  ]
   *   [ c^T  k ] [dh] = [rhs_h],
   *
   * K = dR_u/du, b = dR_u/dh, c = dR_h/du, k = dR_h/dh, rhs = -R_u,
   * rhs_h = -R_h (R_h: the force equation of the platen). Without a platen
   * (has_border = false) only K du = rhs is solved and dh = 0.
   */
  struct BorderedSystem
  {
    dealii::TrilinosWrappers::SparseMatrix matrix;
    dealii::TrilinosWrappers::MPI::Vector  rhs;
    dealii::TrilinosWrappers::MPI::Vector  border_b;
    dealii::TrilinosWrappers::MPI::Vector  border_c;
    double                                 border_k   = 0.;
    double                                 rhs_h      = 0.;
    bool                                   has_border = false;
  };
} // namespace anodemech
