// compress_disc: a 15 mm anode disc pressed between rigid platens.
// All logic lives in anodemech::DiscCompression; the command line and the
// exit codes are anodemech::Application's.

#include <anodemech/base/application.h>
#include <anodemech/simulation/disc_compression.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <ostream>

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);

  dealii::ParameterHandler prm;
  anodemech::DiscCompression::declare_parameters(prm);

  anodemech::Application::Info info;
  info.name        = "compress_disc";
  info.purpose     = "Presses a disc (bare lithium or layered) between two "
                     "rigid platens under a\nnominal-pressure history and "
                     "writes results.h5, results.xdmf (ParaView) and\n"
                     "curves.csv to the output folder of the input.";
  info.set_example = "Geometry/Radial elements=20";
  info.supports_restart = true;

  return anodemech::Application::run(
    argc,
    argv,
    info,
    prm,
    [](dealii::ParameterHandler              &parameters,
       const std::string                     &input_text,
       const std::string                     &input_directory,
       const anodemech::Application::Options &options,
       std::ostream                          &out,
       std::ostream                          &err) {
      // The constructor checks every parameter before any computing.
      const anodemech::DiscCompression job(parameters,
                                           input_text,
                                           input_directory);
      const auto                       summary =
        job.run(MPI_COMM_WORLD, out, options.restart, options.overwrite);
      if (!summary.completed)
        err << "compress_disc stopped early: " << summary.failure_reason
            << "\nThe results up to the last converged step are in "
            << job.output_folder() << ".\n";
      return summary.completed;
    });
}
