// compress_disc: a 15 mm anode disc pressed between rigid platens.
// All logic lives in anodemech::DiscCompression; this file only parses the
// command line and maps errors to exit codes.

#include <anodemech/base/parameter_error.h>
#include <anodemech/simulation/disc_compression.h>

#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace
{
  // Exit codes.
  constexpr int exit_ok            = 0;
  constexpr int exit_input_error   = 1;
  constexpr int exit_usage         = 2;
  constexpr int exit_stopped_early = 3;
  constexpr int exit_runtime_error = 4;

  void
  print_usage(std::ostream &out)
  {
    out << "Usage: compress_disc [options] <input.prm|input.json>\n"
           "\n"
           "Presses a disc (bare lithium or layered) between two rigid "
           "platens under a\nnominal-pressure history and writes "
           "results.h5, results.xdmf (ParaView) and\ncurves.csv to the "
           "output folder of the input.\n"
           "\n"
           "Options:\n"
           "  --help               this text\n"
           "  --print-parameters   write every parameter with its default, "
           "units and\n"
           "                       description to standard output, then "
           "exit\n"
           "  --set 'Path/Entry=value'\n"
           "                       override one entry of the input, e.g.\n"
           "                       --set 'Geometry/Radial elements=20' "
           "(repeatable)\n"
           "\n"
           "Exit codes: 0 done; 1 bad input; 2 bad command line; 3 the run "
           "stopped\nbefore the end of the load protocol (time step below "
           "its minimum; the\nresults up to the last converged step are "
           "written); 4 other run-time error.\n"
           "\n"
           "Run in parallel with mpirun -np N compress_disc <input>.\n";
  }

  /// Set the entry at @p path ("Sub/Sub/Entry") to @p value.
  void
  apply_override(dealii::ParameterHandler &prm,
                 const std::string        &path,
                 const std::string        &value)
  {
    std::vector<std::string> parts;
    std::size_t              start = 0;
    for (std::size_t slash;
         (slash = path.find('/', start)) != std::string::npos;
         start = slash + 1)
      parts.push_back(path.substr(start, slash - start));
    const std::string entry = path.substr(start);
    for (const auto &part : parts)
      prm.enter_subsection(part);
    try
      {
        prm.set(entry, value);
      }
    catch (const dealii::ExceptionBase &)
      {
        for (std::size_t k = 0; k < parts.size(); ++k)
          prm.leave_subsection();
        throw anodemech::ParameterError(
          "--set '" + path + "=" + value +
          "': no such entry, or the value does not match its pattern (see "
          "--print-parameters).");
      }
    for (std::size_t k = 0; k < parts.size(); ++k)
      prm.leave_subsection();
  }

  std::string
  read_file(const std::string &name)
  {
    std::ifstream      file(name);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const bool                               root =
    dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
  std::ostringstream silent; // the other ranks' messages
  std::ostream      &err = root ? std::cerr : silent;

  dealii::ParameterHandler prm;
  anodemech::DiscCompression::declare_parameters(prm);

  std::string                                      input_file;
  std::vector<std::pair<std::string, std::string>> overrides;
  for (int i = 1; i < argc; ++i)
    {
      const std::string arg = argv[i];
      if (arg == "--set")
        {
          const std::string setting = i + 1 < argc ? argv[++i] : "";
          const auto        equal   = setting.find('=');
          if (equal == std::string::npos || equal == 0)
            {
              err << "Error: --set needs 'Path/Entry=value', not '" << setting
                  << "'.\n";
              return exit_usage;
            }
          overrides.emplace_back(setting.substr(0, equal),
                                 setting.substr(equal + 1));
          continue;
        }
      if (arg == "--help" || arg == "-h")
        {
          if (root)
            print_usage(std::cout);
          return exit_ok;
        }
      if (arg == "--print-parameters")
        {
          if (root)
            prm.print_parameters(
              std::cout,
              dealii::ParameterHandler::PRM |
                dealii::ParameterHandler::KeepDeclarationOrder);
          return exit_ok;
        }
      if (!arg.empty() && arg[0] == '-')
        {
          err << "Error: unknown option '" << arg << "'.\n\n";
          print_usage(err);
          return exit_usage;
        }
      if (!input_file.empty())
        {
          err << "Error: more than one input file given.\n";
          return exit_usage;
        }
      input_file = arg;
    }
  if (input_file.empty())
    {
      print_usage(err);
      return exit_usage;
    }

  std::unique_ptr<anodemech::DiscCompression> job;
  try
    {
      if (!std::filesystem::is_regular_file(input_file))
        throw anodemech::ParameterError("Input file '" + input_file +
                                        "' does not exist or is not a file.");
      prm.parse_input(input_file);
      for (const auto &[path, value] : overrides)
        apply_override(prm, path, value);
      std::ostringstream full;
      prm.print_parameters(full,
                           dealii::ParameterHandler::PRM |
                             dealii::ParameterHandler::KeepDeclarationOrder);
      job = std::make_unique<anodemech::DiscCompression>(
        prm,
        "# input file: " + input_file + "\n" + read_file(input_file) +
          "\n# command-line overrides: " + std::to_string(overrides.size()) +
          "\n# full parameter set:\n" + full.str(),
        std::filesystem::path(input_file).parent_path().string());
    }
  catch (const dealii::ExceptionBase &error)
    {
      // ParameterHandler's errors name the file, line and entry; print
      // only that explanation, not deal.II's stack trace.
      err << "Error in " << input_file << ": ";
      error.print_info(err);
      return exit_input_error;
    }
  catch (const std::exception &error)
    {
      err << "Error in " << input_file << ": " << error.what() << '\n';
      return exit_input_error;
    }

  try
    {
      std::ostringstream discard;
      const auto summary = job->run(MPI_COMM_WORLD, root ? std::cout : discard);
      if (!summary.completed)
        {
          err << "compress_disc stopped early: " << summary.failure_reason
              << "\nThe results up to the last converged step are in "
              << job->output_folder() << ".\n";
          return exit_stopped_early;
        }
      return exit_ok;
    }
  catch (const anodemech::ParameterError &error)
    {
      err << "Error in " << input_file << ": " << error.what() << '\n';
      return exit_input_error;
    }
  catch (const dealii::ExceptionBase &error)
    {
      err << "Error: ";
      error.print_info(err);
      return exit_runtime_error;
    }
  catch (const std::exception &error)
    {
      err << "Error: " << error.what() << '\n';
      return exit_runtime_error;
    }
}
