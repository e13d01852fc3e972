// fit_parameters: fit parameters of a compress_disc input to measured
// diameter and thickness changes. All logic lives in
// anodemech::ParameterFit; the command line and the exit codes are
// anodemech::Application's.

#include <anodemech/base/application.h>
#include <anodemech/calibration/parameter_fit.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <ostream>

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);

  dealii::ParameterHandler prm;
  anodemech::ParameterFit::declare_parameters(prm);

  anodemech::Application::Info info;
  info.name    = "fit_parameters";
  info.purpose = "Fits chosen parameters of a compress_disc input to measured "
                 "diameter and\nthickness changes (CSV) by weighted nonlinear "
                 "least squares, each model\nevaluation a disc simulation; "
                 "with mpirun -np N the finite-difference\nruns go N at a "
                 "time. Writes the fitted values with standard errors, the\n"
                 "correlation matrix, the residuals and the calibrated input "
                 "file.";
  info.set_example = "Parameter 1/Upper bound=0.5";

  return anodemech::Application::run(
    argc,
    argv,
    info,
    prm,
    [](dealii::ParameterHandler &parameters,
       const std::string &,
       const std::string &input_directory,
       const anodemech::Application::Options &,
       std::ostream &out,
       std::ostream &err) {
      const anodemech::ParameterFit    fit(parameters, input_directory);
      anodemech::ParameterFit::Summary summary;
      try
        {
          summary = fit.run(MPI_COMM_WORLD, out);
        }
      catch (const anodemech::LeastSquares::FitError &e)
        {
          err << "fit_parameters: these data cannot be fitted: " << e.what()
              << '\n';
          return false;
        }
      if (!summary.acceptable)
        err << "fit_parameters: the fit is not accepted:\n"
            << summary.problems << "The report is in " << fit.output_folder()
            << "/fit_report.txt.\n";
      return summary.acceptable;
    });
}
