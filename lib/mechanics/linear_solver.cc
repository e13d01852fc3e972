#include <anodemech/mechanics/linear_solver.h>

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_solver.h>

#include <Teuchos_ParameterList.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace anodemech
{
  struct LinearSolver::Implementation
  {
    dealii::SolverControl                                      control{1, 0.};
    std::unique_ptr<dealii::TrilinosWrappers::SolverDirect>    direct;
    std::unique_ptr<dealii::TrilinosWrappers::PreconditionAMG> amg;
  };



  LinearSolver::LinearSolver(const Settings &settings_in)
    : settings(settings_in)
    , implementation(std::make_unique<Implementation>())
  {}



  LinearSolver::~LinearSolver() = default;



  void
  LinearSolver::clear()
  {
    implementation = std::make_unique<Implementation>();
  }



  void
  LinearSolver::initialize(const dealii::TrilinosWrappers::SparseMatrix &matrix)
  {
    if (settings.direct)
      {
        implementation->direct =
          std::make_unique<dealii::TrilinosWrappers::SolverDirect>(
            implementation->control,
            dealii::TrilinosWrappers::SolverDirect::AdditionalData(
              false, "Amesos_Klu"));
        implementation->direct->initialize(matrix);
        return;
      }
    implementation->amg =
      std::make_unique<dealii::TrilinosWrappers::PreconditionAMG>();
    dealii::TrilinosWrappers::PreconditionAMG::AdditionalData data;
    data.elliptic              = true;
    data.higher_order_elements = settings.polynomial_degree > 1;
    data.n_cycles              = 1;
    data.aggregation_threshold = 1e-3;
    data.smoother_sweeps       = 2;
    Teuchos::ParameterList              list;
    std::unique_ptr<Epetra_MultiVector> modes;
    data.set_parameters(list, modes, matrix);
    // deal.II 9.4 passes translations only (constant_modes); rotations go
    // to ML as pre-computed null-space vectors.
    if (settings.n_null_space_vectors > 0)
      {
        list.set("null space: type", "pre-computed");
        list.set("null space: dimension",
                 static_cast<int>(settings.n_null_space_vectors));
        list.set("null space: vectors", settings.null_space.data());
      }
    implementation->amg->initialize(matrix, list);
  }



  unsigned int
  LinearSolver::solve(const dealii::TrilinosWrappers::SparseMatrix &matrix,
                      dealii::TrilinosWrappers::MPI::Vector        &x,
                      const dealii::TrilinosWrappers::MPI::Vector  &b)
  {
    if (settings.direct)
      {
        if (!implementation->direct)
          initialize(matrix);
        implementation->direct->solve(x, b);
        return 1;
      }
    if (!implementation->amg)
      initialize(matrix);
    // A zero right-hand side (e.g. the first step of a force-controlled
    // contact problem, where only the force equation is out of balance)
    // has the zero solution; GMRES would divide by its norm.
    const double b_norm = b.l2_norm();
    if (b_norm == 0.)
      {
        x = 0.;
        return 0;
      }
    dealii::SolverControl control(settings.max_iterations,
                                  settings.tolerance * b_norm);
    // AztecOO allocates the (restart + 1) Krylov vectors of a rank in one
    // block whose size in bytes it keeps in an unsigned int (az_aztec.h):
    // above 4 GiB it wraps and GMRES writes past the block (a heap
    // corruption seen at 2.7 million unknowns on one rank). Shorten the
    // restart so that the block stays below 2^32 bytes.
    const double local_bytes =
      8. * std::max<double>(1., x.locally_owned_elements().n_elements());
    const unsigned int restart = static_cast<unsigned int>(
      std::max(10.,
               std::min(200., std::floor(4294967295. / local_bytes) - 2.)));
    dealii::TrilinosWrappers::SolverGMRES::AdditionalData gmres_data(false,
                                                                     restart);
    dealii::TrilinosWrappers::SolverGMRES solver(control, gmres_data);
    x = 0.;
    solver.solve(matrix, x, b, *implementation->amg);
    return control.last_step();
  }



  template <int dim>
  std::vector<double>
  rigid_body_modes(const dealii::Mapping<dim, dim>    &mapping,
                   const dealii::DoFHandler<dim, dim> &dof_handler,
                   const dealii::IndexSet             &locally_owned_dofs)
  {
    const unsigned int  n_modes = dim == 2 ? 3 : 6;
    const unsigned int  n_local = locally_owned_dofs.n_elements();
    std::vector<double> modes(n_modes * n_local, 0.);
    std::map<dealii::types::global_dof_index, dealii::Point<dim>> points;
    dealii::DoFTools::map_dofs_to_support_points(mapping, dof_handler, points);
    const auto                                  &fe = dof_handler.get_fe();
    std::vector<dealii::types::global_dof_index> dofs(fe.n_dofs_per_cell());
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_indices(dofs);
          for (unsigned int i = 0; i < dofs.size(); ++i)
            if (locally_owned_dofs.is_element(dofs[i]))
              {
                const unsigned int row =
                  locally_owned_dofs.index_within_set(dofs[i]);
                const unsigned int c = fe.system_to_component_index(i).first;
                const auto        &x = points.at(dofs[i]);
                modes[c * n_local + row] = 1.;
                if (dim == 2)
                  modes[2 * n_local + row] = (c == 0 ? -x[1] : x[0]);
                else
                  // Rotation about axis k: (e_k x X)_c.
                  for (unsigned int k = 0; k < 3; ++k)
                    {
                      const unsigned int a = (k + 1) % 3, b = (k + 2) % 3;
                      const double       value       = c == a ? -x[b % dim] :
                                                       c == b ? x[a % dim] :
                                                                0.;
                      modes[(3 + k) * n_local + row] = value;
                    }
              }
        }
    return modes;
  }



  template std::vector<double>
  rigid_body_modes<2>(const dealii::Mapping<2, 2> &,
                      const dealii::DoFHandler<2, 2> &,
                      const dealii::IndexSet &);
  template std::vector<double>
  rigid_body_modes<3>(const dealii::Mapping<3, 3> &,
                      const dealii::DoFHandler<3, 3> &,
                      const dealii::IndexSet &);
} // namespace anodemech
