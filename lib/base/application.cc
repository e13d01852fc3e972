#include <anodemech/base/application.h>
#include <anodemech/base/parameter_error.h>

#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>
#include <vector>

namespace anodemech
{
  namespace Application
  {
    namespace
    {
      void
      print_usage(std::ostream &out, const Info &info)
      {
        out << "Usage: " << info.name << " [options] "
            << (info.input_optional ? "[input.prm|input.json]" :
                                      "<input.prm|input.json>")
            << "\n\n"
            << info.purpose << "\n\n"
            << "Options:\n"
               "  --help               this text\n"
               "  --print-parameters   write every parameter with its "
               "default, units and\n"
               "                       description to standard output, then "
               "exit\n"
               "  --set 'Path/Entry=value'\n"
               "                       override one entry of the input, "
               "e.g.\n"
               "                       --set '"
            << info.set_example
            << "' (repeatable)\n"
               "\n"
               "Exit codes: 0 done; 1 bad input; 2 bad command line; 3 the "
               "run stopped\nbefore its end (the results up to the last "
               "converged step are written);\n4 other run-time error.\n"
               "\n"
               "Run in parallel with mpirun -np N "
            << info.name << " <input>.\n";
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
      const std::string entry   = path.substr(start);
      std::size_t       entered = 0;
      try
        {
          for (const auto &part : parts)
            {
              prm.enter_subsection(part);
              ++entered;
            }
          prm.set(entry, value);
        }
      catch (const dealii::ExceptionBase &)
        {
          for (std::size_t k = 0; k < entered; ++k)
            prm.leave_subsection();
          throw ParameterError(
            "--set '" + path + "=" + value +
            "': no such entry, or the value does not match its pattern (see "
            "--print-parameters).");
        }
      for (std::size_t k = 0; k < entered; ++k)
        prm.leave_subsection();
    }



    int
    run(int                       argc,
        char                    **argv,
        const Info               &info,
        dealii::ParameterHandler &prm,
        const Job                &job)
    {
      const bool root =
        dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
      std::ostringstream silent; // the other ranks' messages
      std::ostream      &err = root ? std::cerr : silent;
      std::ostream      &out = root ? std::cout : silent;

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
                  err << "Error: --set needs 'Path/Entry=value', not '"
                      << setting << "'.\n";
                  return usage;
                }
              overrides.emplace_back(setting.substr(0, equal),
                                     setting.substr(equal + 1));
              continue;
            }
          if (arg == "--help" || arg == "-h")
            {
              print_usage(out, info);
              return ok;
            }
          if (arg == "--print-parameters")
            {
              if (root)
                prm.print_parameters(
                  std::cout,
                  dealii::ParameterHandler::PRM |
                    dealii::ParameterHandler::KeepDeclarationOrder);
              return ok;
            }
          if (!arg.empty() && arg[0] == '-')
            {
              err << "Error: unknown option '" << arg << "'.\n\n";
              print_usage(err, info);
              return usage;
            }
          if (!input_file.empty())
            {
              err << "Error: more than one input file given.\n";
              return usage;
            }
          input_file = arg;
        }
      if (input_file.empty() && !info.input_optional)
        {
          print_usage(err, info);
          return usage;
        }

      const std::string where =
        input_file.empty() ? std::string("the input") : input_file;
      std::string input_text;
      try
        {
          if (!input_file.empty())
            {
              if (!std::filesystem::is_regular_file(input_file))
                throw ParameterError("Input file '" + input_file +
                                     "' does not exist or is not a file.");
              prm.parse_input(input_file);
            }
          for (const auto &[path, value] : overrides)
            apply_override(prm, path, value);
          std::ostringstream full;
          prm.print_parameters(
            full,
            dealii::ParameterHandler::PRM |
              dealii::ParameterHandler::KeepDeclarationOrder);
          input_text =
            (input_file.empty() ?
               std::string("# no input file\n") :
               "# input file: " + input_file + "\n" + read_file(input_file)) +
            "\n# command-line overrides: " + std::to_string(overrides.size()) +
            "\n# full parameter set:\n" + full.str();
        }
      catch (const dealii::ExceptionBase &error)
        {
          // ParameterHandler's errors name the file, line and entry; print
          // only that explanation, not deal.II's stack trace.
          err << "Error in " << where << ": ";
          error.print_info(err);
          return input_error;
        }
      catch (const std::exception &error)
        {
          err << "Error in " << where << ": " << error.what() << '\n';
          return input_error;
        }

      try
        {
          const std::string directory =
            std::filesystem::path(input_file).parent_path().string();
          return job(prm, input_text, directory, out, err) ? ok : stopped_early;
        }
      catch (const ParameterError &error)
        {
          err << "Error in " << where << ": " << error.what() << '\n';
          return input_error;
        }
      catch (const dealii::ExceptionBase &error)
        {
          err << "Error: ";
          error.print_info(err);
          return runtime_error;
        }
      catch (const std::exception &error)
        {
          err << "Error: " << error.what() << '\n';
          return runtime_error;
        }
    }
  } // namespace Application
} // namespace anodemech
