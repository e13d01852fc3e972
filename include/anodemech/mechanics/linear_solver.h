#pragma once

#include <deal.II/base/index_set.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <memory>
#include <string>
#include <vector>

namespace dealii
{
  template <int dim, int spacedim>
  class DoFHandler;
  template <int dim, int spacedim>
  class Mapping;
} // namespace dealii

namespace anodemech
{
  /**
   * The linear solver of the Newton iterations: sparse LU (Amesos KLU) or
   * GMRES preconditioned by smoothed-aggregation AMG (Trilinos ML) whose
   * null space is given by the rigid-body modes of the mesh. One
   * factorisation (or AMG hierarchy) serves every solve with the same
   * matrix, e.g. the two solves of a bordered system.
   */
  class LinearSolver
  {
  public:
    struct Settings
    {
      /// Use the direct solver (else GMRES + AMG).
      bool direct = true;
      /// Relative residual of GMRES [-].
      double tolerance = 1e-10;
      /// GMRES iterations [-].
      unsigned int max_iterations = 2000;
      /// Degree of the elements (AMG treats degree > 1 differently).
      unsigned int polynomial_degree = 2;
      /// Rigid-body modes for AMG, column by column over the locally owned
      /// rows (see rigid_body_modes()); empty for the direct solver.
      std::vector<double> null_space;
      unsigned int        n_null_space_vectors = 0;
    };

    explicit LinearSolver(const Settings &settings);
    ~LinearSolver();

    /// Factorise @p matrix (or build the AMG hierarchy for it).
    void
    initialize(const dealii::TrilinosWrappers::SparseMatrix &matrix);

    /**
     * Solve matrix x = b with the matrix of the last initialize(). Returns
     * the number of linear iterations (1 for the direct solver). Throws on
     * failure (no convergence, singular matrix).
     */
    unsigned int
    solve(const dealii::TrilinosWrappers::SparseMatrix &matrix,
          dealii::TrilinosWrappers::MPI::Vector        &x,
          const dealii::TrilinosWrappers::MPI::Vector  &b);

    /// Drop the factorisation (after a failure).
    void
    clear();

  private:
    struct Implementation;
    Settings                        settings;
    std::unique_ptr<Implementation> implementation;
  };

  /**
   * The rigid-body modes of a vector-valued displacement field (dim
   * translations and dim(dim-1)/2 rotations) at the support points of the
   * locally owned dofs, stored mode by mode over the locally owned rows, as
   * ML's "null space: vectors" expects.
   */
  template <int dim>
  std::vector<double>
  rigid_body_modes(const dealii::Mapping<dim, dim>    &mapping,
                   const dealii::DoFHandler<dim, dim> &dof_handler,
                   const dealii::IndexSet             &locally_owned_dofs);
} // namespace anodemech
