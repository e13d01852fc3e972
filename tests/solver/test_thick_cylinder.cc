// Steady creep of a pressurised thick-walled cylinder (plane strain,
// internal pressure p, radii a < b) against the closed form for a Norton
// material (e.g. Kraus, Creep Analysis, 1980, ch. 3; Boyle & Spence,
// Stress Analysis for Creep, 1983): with m = 2/n,
//   sigma_rr = -p ((b/r)^m - 1) / ((b/a)^m - 1),
//   sigma_tt = sigma_rr + m p (b/r)^m / ((b/a)^m - 1).
// In steady state the elastic strain no longer changes, so the creep flow
// (incompressible) alone sets the stress field, whatever the elastic
// constants. The axisymmetric solver with a dead internal pressure, u_z = 0
// on both ends and no platen runs the transient into steady state.
//
// Measured (16 Q2 elements across the wall, t = 4 s, creep strain 0.3 %):
// cell-averaged hoop stress within 0.18 %, sigma_tt - sigma_rr within
// 0.05 % point by point. The hydrostatic pressure at single quadrature
// points oscillates (displacement-only Q2 elements under isochoric flow):
// at t = 40 s a point value is off by 190 kPa of 500, while cell averages
// stay within 1 %. Point values of the pressure need smoothing (or a mixed
// u-p element) before they are shown as fields.
#include <anodemech/loading/time_stepper.h>
#include <anodemech/materials/norton_creep.h>
#include <anodemech/mechanics/quasi_static_solid.h>

#include <deal.II/distributed/tria.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/grid/grid_generator.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../test_utilities.h"

namespace anodemech
{
  TEST(ThickCylinder, SteadyCreepHoopStressMatchesClosedForm)
  {
    const double a = 5e-3, b = 10e-3, L = 1e-3, p = 0.5e6;
    dealii::parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
    dealii::GridGenerator::subdivided_hyper_rectangle(
      tria, {16, 1}, dealii::Point<2>(a, 0.), dealii::Point<2>(b, L), true);
    for (const auto &cell : tria.active_cell_iterators())
      cell->set_material_id(0);

    const auto                              material = test::lithium_creep(0.);
    QuasiStaticSolid<2>::BoundaryConditions bc;
    bc.fixed_components    = {{2, 1}, {3, 1}}; // plane strain: u_z = 0
    bc.pressure_boundaries = {0};              // inner surface r = a
    QuasiStaticSolid<2>::Parameters parameters;
    parameters.temperature = material.reference_temperature;
    QuasiStaticSolid<2> solid(tria,
                              parameters,
                              {{0, std::make_shared<NortonCreep>(material)}},
                              RigidPlaten::Parameters(),
                              b - a,
                              1.,
                              bc);
    solid.setup();
    solid.set_boundary_pressure(0, p);

    // Transient into steady state: about 20 relaxation times
    // sigma / (E eps_dot) at the inner wall; the creep strain stays < 0.5 %.
    TimeStepper::Parameters stepping;
    stepping.initial_time_step = 1e-4;
    stepping.maximum_time_step = 0.2;
    TimeStepper stepper(stepping, {4.});
    while (!stepper.finished())
      {
        const auto report = solid.solve_step(stepper.next_step(), 0.);
        ASSERT_TRUE(report.converged) << report.failure_reason;
        solid.commit_step();
        stepper.accept(report.newton_iterations, report.material_factor);
      }

    const double m = 2. / material.stress_exponent;
    const double c = std::pow(b / a, m) - 1.;
    // Cell averages of the hoop stress (volume weighted): displacement
    // elements for nearly incompressible flow carry a spurious hydrostatic
    // pressure that oscillates between quadrature points (the deviatoric
    // stress is right point by point), so the hoop stress is compared as
    // cell averages, and sigma_tt - sigma_rr point by point.
    dealii::FEValues<2> fe_jxw(solid.get_dof_handler().get_fe(),
                               solid.get_quadrature(),
                               dealii::update_quadrature_points |
                                 dealii::update_JxW_values);
    double worst = 0., largest = 0., creep = 0., worst_deviator = 0.;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          fe_jxw.reinit(cell);
          const auto data   = solid.get_quadrature_point_data(cell);
          double     volume = 0., computed = 0., expected = 0.;
          for (unsigned int q = 0; q < data.size(); ++q)
            {
              const double r   = fe_jxw.quadrature_point(q)[0];
              const double w   = fe_jxw.JxW(q) * r;
              const double J   = dealii::determinant(data[q]->F);
              const double st  = data[q]->kirchhoff_stress[2][2] / J;
              const double sr  = data[q]->kirchhoff_stress[0][0] / J;
              const double srr = -p * (std::pow(b / r, m) - 1.) / c;
              const double stt = srr + m * p * std::pow(b / r, m) / c;
              volume += w;
              computed += w * st;
              expected += w * stt;
              worst_deviator =
                std::max(worst_deviator, std::abs((st - sr) - (stt - srr)));
              creep =
                std::max(creep, data[q]->converged.equivalent_creep_strain);
            }
          worst   = std::max(worst, std::abs(computed - expected) / volume);
          largest = std::max(largest, std::abs(expected) / volume);
        }
    worst_deviator =
      dealii::Utilities::MPI::max(worst_deviator, MPI_COMM_WORLD);
    worst   = dealii::Utilities::MPI::max(worst, MPI_COMM_WORLD);
    largest = dealii::Utilities::MPI::max(largest, MPI_COMM_WORLD);
    std::cout << "    hoop stress (cell averages): max error "
              << worst / largest
              << " of the largest; sigma_tt - sigma_rr (points): max error "
              << worst_deviator / largest << "; max creep strain " << creep
              << '\n';
    EXPECT_LT(worst, 0.01 * largest);
    EXPECT_LT(worst_deviator, 0.01 * largest);
    EXPECT_LT(creep, 5e-3);
  }
} // namespace anodemech
