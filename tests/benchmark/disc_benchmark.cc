// Disc-solver benchmark: cost of a complete compression run of a creeping
// lithium disc (Norton creep with threshold, Coulomb friction, force
// control) on three meshes, for the axisymmetric and the 3D quarter-disc
// solver. A benchmark, not a test: it prints its figures and asserts
// nothing.
//
// For each mesh it prints the number of unknowns, the accepted and rejected
// steps, the Newton and linear iterations, the wall time spent in the
// solver's timer sections (setup, assembly, linear solve), the total wall
// time of the run (mesh, setup and all steps), the peak resident memory of
// the process (VmHWM) and the final diameter and thickness change; then how
// the time grows with the number of unknowns between consecutive meshes,
// as the exponent log(t2/t1) / log(n2/n1).
//
// Cases:
//   axisymmetric: D = 15 mm, h = 0.45 mm, p ramped 0 -> 30 MPa in 300 s;
//                 radial x thickness elements 20x1, 40x2, 80x4.
//   3d:           quarter disc, D = 15 mm, h = 1.5 mm, 0 -> 5 MPa in 50 s;
//                 4, 8, 16 elements along the radius with 1, 1, 2 layers.
// Both: lithium with sigma_y = 0.8 MPa (tests/test_utilities.h), T =
// 299.15 K, Coulomb friction mu = 0.3, Q2 elements, default solver and
// time-stepping parameters.
//
// Usage: disc_benchmark [axisymmetric|3d|all] [meshes] [--progress]
//                       [--linear-solver=auto|direct|iterative]
//   meshes: comma-separated mesh numbers 1-3 (default 1,2,3)
//   --progress: print one line per converged step
//   --linear-solver: the solver's "Linear solver" parameter (default auto:
//                    KLU for axisymmetric and 3D below 20000 unknowns,
//                    GMRES + AMG above)
// Runs with any number of MPI ranks (mpirun -np 2 ./disc_benchmark 3d 2);
// times are the largest over the ranks, memory the largest and the sum.

#include <anodemech/contact/rigid_platen.h>
#include <anodemech/geometry/disc_mesh.h>
#include <anodemech/loading/load_protocol.h>
#include <anodemech/loading/time_stepper.h>
#include <anodemech/materials/norton_creep.h>
#include <anodemech/mechanics/compression_run.h>
#include <anodemech/mechanics/quasi_static_solid.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>
#include <deal.II/distributed/tria.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "../test_utilities.h"

namespace
{
  using namespace anodemech;

  /// One mesh of one case.
  struct Mesh
  {
    unsigned int radial_elements;
    unsigned int thickness_elements;
  };

  /// A benchmark case: geometry, load and meshes.
  struct Case
  {
    std::string       name;
    double            diameter;  ///< [m]
    double            thickness; ///< [m]
    double            pressure;  ///< end of the ramp [Pa]
    double            ramp_time; ///< [s]
    std::vector<Mesh> meshes;
  };

  /// What one run cost and gave.
  struct Result
  {
    unsigned int                  mesh = 0; ///< 1-based
    std::string                   mesh_label;
    unsigned long long            n_dofs = 0;
    CompressionSummary            summary;
    std::map<std::string, double> section_times;     ///< [s], max over ranks
    double                        total_time   = 0.; ///< [s], max over ranks
    double                        peak_memory  = 0.; ///< [MiB], max rank
    double                        total_memory = 0.; ///< [MiB], all ranks
    /// Why the run was aborted by an exception (empty: it was not).
    std::string aborted;
  };

  /// The gist of an exception's message: deal.II's "Additional
  /// information" line if there is one, else the first line.
  std::string
  short_message(const std::string &what)
  {
    std::istringstream in(what);
    std::string        line, first;
    bool               next_is_it = false;
    while (std::getline(in, line))
      {
        const auto begin = line.find_first_not_of(" \t");
        if (begin == std::string::npos)
          continue;
        line = line.substr(begin);
        if (next_is_it)
          return line;
        if (line.rfind("Additional information:", 0) == 0)
          next_is_it = true;
        else if (first.empty())
          first = line;
      }
    return first;
  }

  /// Peak resident set size of this process (VmHWM) [MiB]; 0 if unknown.
  double
  peak_memory_mib()
  {
    std::ifstream status("/proc/self/status");
    std::string   line;
    while (std::getline(status, line))
      if (line.rfind("VmHWM:", 0) == 0)
        {
          std::istringstream in(line.substr(6));
          double             kib = 0.;
          in >> kib;
          return kib / 1024.;
        }
    return 0.;
  }

  /// Command-line options.
  struct Options
  {
    std::string               which = "all";
    std::vector<unsigned int> meshes;
    bool                      progress      = false;
    std::string               linear_solver = "auto";
  };

  template <int dim>
  Result
  run_case(const Case        &c,
           const unsigned int mesh_number,
           const Options     &options,
           std::ostream      &out)
  {
    const MPI_Comm comm = MPI_COMM_WORLD;
    const Mesh    &mesh = c.meshes.at(mesh_number - 1);
    Result         result;
    result.mesh       = mesh_number;
    result.mesh_label = std::to_string(mesh.radial_elements) + "x" +
                        std::to_string(mesh.thickness_elements);

    const auto start = std::chrono::steady_clock::now();

    DiscGeometry geometry;
    geometry.diameter           = c.diameter;
    geometry.thickness          = c.thickness;
    geometry.radial_elements    = mesh.radial_elements;
    geometry.thickness_elements = mesh.thickness_elements;
    dealii::parallel::distributed::Triangulation<dim> tria(comm);
    make_half_disc_mesh<dim>(tria, geometry);

    const auto material = test::lithium_creep(0.8e6);
    typename QuasiStaticSolid<dim>::Parameters parameters;
    parameters.temperature   = 299.15;
    parameters.linear_solver = options.linear_solver;
    RigidPlaten::Parameters platen;
    platen.friction_model       = RigidPlaten::FrictionModel::coulomb;
    platen.friction_coefficient = 0.3;

    QuasiStaticSolid<dim> solid(tria,
                                parameters,
                                typename QuasiStaticSolid<dim>::MaterialMap{
                                  {0, std::make_shared<NortonCreep>(material)}},
                                platen,
                                geometry.thickness / 2.,
                                disc_symmetry_multiplicity<dim>());
    solid.setup();
    result.n_dofs = solid.n_dofs();

    const LoadProtocol protocol = LoadProtocol::ramp(c.pressure, c.ramp_time);
    TimeStepper::Parameters stepping;
    if (options.progress)
      print_progress_header(out);
    // The records seen so far survive an exception that aborts the run
    // (the solver does not catch a failing linear solver, for example).
    std::vector<CompressionRecord> records;
    try
      {
        result.summary =
          run_compression<dim>(solid,
                               protocol,
                               stepping,
                               geometry.thickness,
                               geometry.diameter,
                               {},
                               [&](const CompressionRecord &record) {
                                 records.push_back(record);
                                 if (options.progress)
                                   print_progress_line(out, record);
                               });
      }
    catch (const std::exception &e)
      {
        result.aborted = short_message(e.what());
        auto &s        = result.summary;
        s.history      = records;
        s.steps        = records.empty() ? 0 : records.size() - 1;
        for (const auto &r : records)
          {
            s.newton_iterations += r.newton_iterations;
            s.linear_iterations += r.linear_iterations;
            s.rejected_steps += r.rejected_attempts;
          }
      }

    const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
        .count();
    result.total_time = dealii::Utilities::MPI::max(elapsed, comm);
    for (const auto &section : solid.get_timer().get_summary_data(
           dealii::TimerOutput::total_wall_time))
      result.section_times[section.first] =
        dealii::Utilities::MPI::max(section.second, comm);
    const double memory = peak_memory_mib();
    result.peak_memory  = dealii::Utilities::MPI::max(memory, comm);
    result.total_memory = dealii::Utilities::MPI::sum(memory, comm);
    return result;
  }

  double
  section(const Result &r, const std::string &name)
  {
    const auto it = r.section_times.find(name);
    return it == r.section_times.end() ? 0. : it->second;
  }

  void
  print_table(const Case                &c,
              const std::vector<Result> &results,
              const unsigned int         n_ranks,
              const std::string         &linear_solver,
              std::ostream              &out)
  {
    out << '\n'
        << c.name << ": D = " << c.diameter * 1e3
        << " mm, h = " << c.thickness * 1e3 << " mm, p 0 -> "
        << c.pressure / 1e6 << " MPa in " << c.ramp_time << " s, " << n_ranks
        << (n_ranks == 1 ? " MPI rank" : " MPI ranks") << ", linear solver "
        << linear_solver << '\n';
    out << "times: wall-clock seconds (largest over the ranks); memory: "
           "VmHWM [MiB]\n";
    out << std::left << std::setw(8) << "mesh" << std::right << std::setw(8)
        << "DoFs" << std::setw(7) << "steps" << std::setw(6) << "rej"
        << std::setw(8) << "Newton" << std::setw(8) << "N/step" << std::setw(8)
        << "linear" << std::setw(9) << "setup" << std::setw(10) << "assembly"
        << std::setw(9) << "solve" << std::setw(9) << "other" << std::setw(9)
        << "total" << std::setw(8) << "memory" << std::setw(9) << "dD/D[%]"
        << std::setw(9) << "-dh/h[%]"
        << "  status\n";
    for (const auto &r : results)
      {
        const auto  &s        = r.summary;
        const double setup    = section(r, "setup");
        const double assembly = section(r, "assembly");
        const double solve    = section(r, "linear solve");
        const double other    = r.total_time - setup - assembly - solve;
        const auto   last =
          s.history.empty() ? CompressionRecord{} : s.history.back();
        out << std::left << std::setw(8) << r.mesh_label << std::right
            << std::setw(8) << r.n_dofs << std::setw(7) << s.steps
            << std::setw(6) << s.rejected_steps << std::setw(8)
            << s.newton_iterations << std::setw(8) << std::fixed
            << std::setprecision(2)
            << (s.steps ? double(s.newton_iterations) / s.steps : 0.)
            << std::setw(8) << s.linear_iterations << std::setw(9)
            << std::setprecision(2) << setup << std::setw(10) << assembly
            << std::setw(9) << solve << std::setw(9) << other << std::setw(9)
            << r.total_time << std::setw(8) << std::setprecision(0)
            << r.peak_memory << std::setw(9) << std::setprecision(3)
            << last.diameter_change_pct << std::setw(9)
            << last.thickness_change_pct;
        out.unsetf(std::ios_base::floatfield);
        out << "  "
            << (!r.aborted.empty() ?
                  "aborted at t = " + std::to_string(last.time) +
                    " s by an exception: " + r.aborted :
                s.completed ? "completed" :
                              "stopped at t = " + std::to_string(last.time) +
                                " s: " + s.failure_reason)
            << '\n';
      }
    if (n_ranks > 1)
      {
        out << "memory summed over the ranks [MiB]:";
        for (const auto &r : results)
          out << ' ' << r.mesh_label << ' ' << std::fixed
              << std::setprecision(0) << r.total_memory;
        out.unsetf(std::ios_base::floatfield);
        out << '\n';
      }

    // Growth of the time with the number of unknowns.
    if (results.size() > 1)
      {
        out << "time ~ DoFs^k between consecutive meshes (k = log(t2/t1) / "
               "log(n2/n1)):\n";
        out << std::left << std::setw(16) << "meshes" << std::right
            << std::setw(9) << "total" << std::setw(10) << "assembly"
            << std::setw(9) << "solve" << std::setw(14) << "total/Newton"
            << '\n';
        for (std::size_t i = 1; i < results.size(); ++i)
          {
            const Result &a        = results[i - 1];
            const Result &b        = results[i];
            const double  log_n    = std::log(double(b.n_dofs) / a.n_dofs);
            const auto    exponent = [log_n](const double t1, const double t2) {
              return (t1 > 0. && t2 > 0.) ? std::log(t2 / t1) / log_n : NAN;
            };
            const double per_newton_a =
              a.total_time / std::max(1u, a.summary.newton_iterations);
            const double per_newton_b =
              b.total_time / std::max(1u, b.summary.newton_iterations);
            out << std::left << std::setw(16)
                << (a.mesh_label + " -> " + b.mesh_label) << std::right
                << std::fixed << std::setprecision(2) << std::setw(9)
                << exponent(a.total_time, b.total_time) << std::setw(10)
                << exponent(section(a, "assembly"), section(b, "assembly"))
                << std::setw(9)
                << exponent(section(a, "linear solve"),
                            section(b, "linear solve"))
                << std::setw(14) << exponent(per_newton_a, per_newton_b)
                << '\n';
            out.unsetf(std::ios_base::floatfield);
          }
      }
    out << std::flush;
  }

  template <int dim>
  void
  run_all(const Case &c, const Options &options, std::ostream &out)
  {
    std::vector<Result> results;
    for (const unsigned int m : options.meshes)
      {
        out << "running " << c.name << ", mesh " << m << " ("
            << c.meshes.at(m - 1).radial_elements << "x"
            << c.meshes.at(m - 1).thickness_elements << ") ..." << std::endl;
        results.push_back(run_case<dim>(c, m, options, out));
        const Result &r = results.back();
        out << "  " << r.n_dofs << " DoFs, " << r.summary.steps << " steps, "
            << r.total_time << " s" << std::endl;
      }
    print_table(c,
                results,
                dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD),
                options.linear_solver,
                out);
  }

  int
  usage(std::ostream &out)
  {
    out << "usage: disc_benchmark [axisymmetric|3d|all] [meshes, e.g. 1,2,3] "
           "[--progress] [--linear-solver=auto|direct|iterative]\n";
    return 1;
  }
} // namespace



int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const bool                               root =
    dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
  std::ostream  null_stream(nullptr);
  std::ostream &out = root ? std::cout : null_stream;

  Options options;
  for (int i = 1; i < argc; ++i)
    {
      const std::string arg    = argv[i];
      const std::string prefix = "--linear-solver=";
      if (arg == "--progress")
        options.progress = true;
      else if (arg.rfind(prefix, 0) == 0 &&
               (arg.substr(prefix.size()) == "auto" ||
                arg.substr(prefix.size()) == "direct" ||
                arg.substr(prefix.size()) == "iterative"))
        options.linear_solver = arg.substr(prefix.size());
      else if (arg == "axisymmetric" || arg == "3d" || arg == "all")
        options.which = arg;
      else if (!arg.empty() &&
               arg.find_first_not_of("123,") == std::string::npos)
        {
          std::stringstream list(arg);
          std::string       item;
          while (std::getline(list, item, ','))
            if (!item.empty())
              options.meshes.push_back(std::stoul(item));
        }
      else
        return usage(root ? std::cerr : null_stream);
    }
  if (options.meshes.empty())
    options.meshes = {1, 2, 3};

  const Case axisymmetric{"axisymmetric lithium disc",
                          15e-3,
                          0.45e-3,
                          30e6,
                          300.,
                          {{20, 1}, {40, 2}, {80, 4}}};
  const Case three_d{"3D quarter lithium disc",
                     15e-3,
                     1.5e-3,
                     5e6,
                     50.,
                     {{4, 1}, {8, 1}, {16, 2}}};

  out << "anodemech disc benchmark: Norton creep lithium (sigma_y = 0.8 MPa), "
         "T = 299.15 K, Coulomb mu = 0.3, Q2, force-controlled ramp; "
         "linear solver: "
      << options.linear_solver << '\n';
  try
    {
      if (options.which == "axisymmetric" || options.which == "all")
        run_all<2>(axisymmetric, options, out);
      if (options.which == "3d" || options.which == "all")
        run_all<3>(three_d, options, out);
    }
  catch (const std::exception &e)
    {
      std::cerr << "disc_benchmark: " << e.what() << '\n';
      return 1;
    }
  return 0;
}
