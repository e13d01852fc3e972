// rve_compress: a representative volume of the composite anode (woven
// carbon-fibre cloth, lithium, gel electrolyte, voids) on a voxel grid,
// compressed through its thickness. All logic lives in
// anodemech::RVECompression.

#include <anodemech/base/application.h>
#include <anodemech/simulation/rve_compression.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <ostream>

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);

  dealii::ParameterHandler prm;
  anodemech::RVECompression::declare_parameters(prm);

  anodemech::Application::Info info;
  info.name        = "rve_compress";
  info.purpose     = "Compresses a voxel representative volume of the "
                     "composite anode (a generated\nplain weave, a segmented "
                     "scan, or one phase) through its thickness under a\n"
                     "nominal-pressure history; writes effective stress-strain "
                     "curves, phase-averaged\nstresses and fields (results.h5, "
                     "results.xdmf, curves.csv, labels.h5).";
  info.set_example = "RVE/Plain weave/Voxels along x and y=16";

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
      const anodemech::RVECompression job(parameters,
                                          input_text,
                                          input_directory);
      const auto                      result = job.run(MPI_COMM_WORLD, out);
      if (!result.summary.completed)
        err << "rve_compress stopped early: " << result.summary.failure_reason
            << "\nThe results up to the last converged step are in "
            << job.output_folder() << ".\n";
      return result.summary.completed;
    });
}
