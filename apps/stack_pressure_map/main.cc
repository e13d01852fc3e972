// stack_pressure_map: the safe stack pressure of a disc over a grid of
// cases (issue 7 point 3). All logic lives in anodemech::SafePressureMap;
// the command line and the exit codes are anodemech::Application's. This
// file adds the plot (plot_safe_pressure_map.py, run by rank 0).

#include <anodemech/base/application.h>
#include <anodemech/base/parameter_error.h>
#include <anodemech/calibration/safe_pressure_map.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

namespace
{
  /// The text in single quotes for the shell.
  std::string
  shell_quote(const std::string &s)
  {
    std::string q = "'";
    for (const char c : s)
      q += (c == '\'' ? std::string("'\\''") : std::string(1, c));
    return q + "'";
  }

  /**
   * The plot script: next to the installed executable
   * (<prefix>/<bindir>/../<datadir>/anodemech/apps/stack_pressure_map/) if
   * it is there, else the one in the source tree; empty if neither exists.
   */
  std::string
  plot_script()
  {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path  exe = fs::read_symlink("/proc/self/exe", error);
    if (!error)
      {
        const fs::path installed =
          exe.parent_path() / ".." / ANODEMECH_INSTALL_DATADIR / "anodemech" /
          "apps" / "stack_pressure_map" / "plot_safe_pressure_map.py";
        if (fs::is_regular_file(installed, error))
          return fs::weakly_canonical(installed, error).string();
      }
    const fs::path source = ANODEMECH_PLOT_SCRIPT_SOURCE;
    if (fs::is_regular_file(source, error))
      return source.string();
    return "";
  }

  /// Draw the PNG; on failure, say so and how to draw it later.
  void
  draw_map(const anodemech::SafePressureMap &map,
           std::ostream                     &out,
           std::ostream                     &err)
  {
    const std::string script    = plot_script();
    const std::string python    = std::filesystem::exists("/usr/bin/python3") ?
                                    "/usr/bin/python3" :
                                    "python3";
    const std::string arguments = " " + shell_quote(map.csv_file()) +
                                  " --output " + shell_quote(map.png_file()) +
                                  " --limit " +
                                  anodemech::format_number(map.spread_limit());
    if (script.empty())
      {
        err << "Warning: plot_safe_pressure_map.py was not found, so "
            << map.png_file() << " was not drawn; the CSV is written. Draw "
            << "it with:\n  python3 plot_safe_pressure_map.py" << arguments
            << '\n';
        return;
      }
    const std::string command = python + " " + shell_quote(script) + arguments;
    std::error_code   error; // a PNG of an earlier run must not stay
    std::filesystem::remove(map.png_file(), error);
    const int status = std::system(command.c_str());
    if (status == 0 && std::filesystem::is_regular_file(map.png_file()))
      out << "Plot: " << map.png_file() << '\n';
    else
      {
        err << "Warning: the plot was not drawn (plot_safe_pressure_map.py ";
        if (status == 0)
          err << "wrote no " << map.png_file();
        else
          err << "exit status "
              << (status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        err << "; it needs python3 with matplotlib and numpy); the CSV is "
            << "written. Draw it with:\n  " << command << '\n';
      }
  }
} // namespace



int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);

  dealii::ParameterHandler prm;
  anodemech::SafePressureMap::declare_parameters(prm);

  anodemech::Application::Info info;
  info.name    = "stack_pressure_map";
  info.purpose = "Runs a grid of compress_disc cases (diameter-to-thickness "
                 "ratio, friction,\ntemperature, cloth fraction or any "
                 "entry), one case per MPI rank at a time,\nand maps the "
                 "safe stack pressure: the nominal pressure at which the "
                 "disc's\ndiameter has grown by the spread limit. Writes "
                 "safe_pressure_map.csv,\nsafe_pressure_map.png and "
                 "cases/case_NNNN/ to the output folder.";
  info.set_example = "Sweep/Spread limit=2";

  return anodemech::Application::run(
    argc,
    argv,
    info,
    prm,
    [](dealii::ParameterHandler &parameters,
       const std::string        &input_text,
       const std::string        &input_directory,
       const anodemech::Application::Options &,
       std::ostream &out,
       std::ostream &err) {
      // The constructor checks every parameter and every case before any
      // computing.
      const anodemech::SafePressureMap map(parameters, input_directory);
      const bool                       root =
        dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
      if (root)
        {
          std::ofstream file(std::filesystem::path(map.output_folder()) /
                             "input.prm");
          file << input_text;
        }
      const auto results = map.run(MPI_COMM_WORLD, out);
      if (root && map.plot())
        draw_map(map, out, err);
      unsigned int failed = 0;
      for (const auto &r : results)
        failed += r.status == anodemech::SafePressureMap::Status::failed;
      if (failed > 0)
        err << "stack_pressure_map: " << failed << " of " << results.size()
            << " cases failed (status 'failed' in " << map.csv_file()
            << "); the others are mapped.\n";
      return failed == 0;
    });
}
