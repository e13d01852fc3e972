// Internal to the library: the linear-solver state of QuasiStaticSolid.
#pragma once

#include <anodemech/mechanics/quasi_static_solid.h>

#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_solver.h>

#include <memory>

namespace anodemech
{
  template <int dim>
  struct QuasiStaticSolid<dim>::LinearSolver
  {
    std::unique_ptr<dealii::TrilinosWrappers::SolverDirect>    direct;
    std::unique_ptr<dealii::TrilinosWrappers::PreconditionAMG> amg;
    dealii::SolverControl                                      control;
    LinearSolver()
      : control(1, 0.)
    {}
  };
} // namespace anodemech
