// material_point_creep: uniaxial compression creep of one material point.
// All logic lives in anodemech::UniaxialCreepTest; this file only parses the
// command line.

#include <anodemech/materials/uniaxial_creep_test.h>

#include <deal.II/base/exceptions.h>
#include <deal.II/base/parameter_handler.h>

#include <exception>
#include <iostream>
#include <string>

namespace
{
  void
  print_usage(std::ostream &out)
  {
    out << "Usage: material_point_creep [options] <input.prm>\n"
           "\n"
           "Compresses one material point under a dead load (ramp, then "
           "hold) with\ntraction-free sides and writes the creep curve "
           "(height, diameter, creep\nstrain against time) to CSV.\n"
           "\n"
           "Options:\n"
           "  --help               this text\n"
           "  --print-parameters   write every parameter with its default, "
           "units and\n"
           "                       description to standard output, then "
           "exit\n";
  }
} // namespace

int
main(int argc, char **argv)
{
  try
    {
      dealii::ParameterHandler prm;
      anodemech::UniaxialCreepTest::declare_parameters(prm);

      std::string input_file;
      for (int i = 1; i < argc; ++i)
        {
          const std::string arg = argv[i];
          if (arg == "--help" || arg == "-h")
            {
              print_usage(std::cout);
              return 0;
            }
          if (arg == "--print-parameters")
            {
              prm.print_parameters(
                std::cout,
                dealii::ParameterHandler::PRM |
                  dealii::ParameterHandler::KeepDeclarationOrder);
              return 0;
            }
          if (!arg.empty() && arg[0] == '-')
            {
              std::cerr << "Error: unknown option '" << arg << "'.\n\n";
              print_usage(std::cerr);
              return 2;
            }
          if (!input_file.empty())
            {
              std::cerr << "Error: more than one input file given.\n";
              return 2;
            }
          input_file = arg;
        }
      if (input_file.empty())
        {
          print_usage(std::cerr);
          return 2;
        }

      prm.parse_input(input_file);
      const anodemech::UniaxialCreepTest test(prm);
      const auto                         summary = test.run(std::cout);
      return summary.completed ? 0 : 3;
    }
  catch (const dealii::ExceptionBase &error)
    {
      // Input errors found by ParameterHandler: print only the explanation
      // (which names the file, line and entry), not deal.II's stack trace.
      std::cerr << "Error: ";
      error.print_info(std::cerr);
      return 1;
    }
  catch (const std::exception &error)
    {
      std::cerr << "Error: " << error.what() << '\n';
      return 1;
    }
}
