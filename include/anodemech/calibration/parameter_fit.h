#pragma once

#include <anodemech/calibration/least_squares.h>

#include <mpi.h>

#include <iosfwd>
#include <memory>
#include <string>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /**
   * The job of the fit_parameters app: fit chosen parameters of a
   * compress_disc input to measured diameter and thickness changes by
   * weighted nonlinear least squares (LeastSquares::fit), each model
   * evaluation a full disc simulation (DiscCase), the finite-difference
   * columns of the Jacobian run in parallel processes (run_tasks()).
   *
   * Parameter layout (all SI units; `fit_parameters --print-parameters`
   * lists every entry with its default and description):
   * @code
   * subsection Model           # Base input (a compress_disc input), Overrides
   * subsection Data            # File (CSV), Data set, Quantities, Compare at,
   *                            # Diameter weight, Thickness weight
   * subsection Parameter 1     # Path, Lower bound, Upper bound,
   * ...                        # Initial value, Scale (up to Parameter 6)
   * subsection Least squares   # tolerances, iterations, differences,
   *                            # step limit, weights
   * subsection Prediction      # Input, Transfer, Data set (optional)
   * subsection Output          # Folder, Calibrated input
   * @endcode
   *
   * The runs use the base input with the overrides, Output/Field output =
   * none and no checkpoints. The measured pressures are added to its
   * report pressures (so that time steps land on them). With
   * 'Loading/Protocol = ramp and hold' the runs end after the hold at the
   * largest measured pressure (report pressures above it are dropped: the
   * history up to it is the same).
   *
   * Output (Output/Folder): fit_report.txt (also printed), fit_parameters.csv,
   * fit_correlation.csv, fit_residuals.csv, fit_history.csv (every model
   * run), the calibrated input (the base input with the overrides and the
   * fitted values appended, marked as fitted) and best_fit/ (the
   * calibrated input's own run, with fields, which is checked to reproduce
   * the fitted model values).
   */
  class ParameterFit
  {
  public:
    /// Declare every parameter of the job in @p prm.
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /**
     * Read and check every parameter, the base input, the data file and
     * that the base input's load protocol reaches every measured pressure;
     * files named relative to @p input_directory (the folder of the fit's
     * input file). Throws a ParameterError naming the parameter, before
     * any simulation.
     */
    ParameterFit(dealii::ParameterHandler &prm,
                 const std::string        &input_directory);

    ~ParameterFit();

    struct Summary
    {
      LeastSquares::Result result;
      /// Converged (or no further progress), every parameter determined
      /// by the data and inside its bounds.
      bool acceptable = false;
      /// Why not, if not acceptable: one line per problem.
      std::string problems;
      /// Path of the calibrated input file.
      std::string calibrated_input;
    };

    /**
     * Run the fit on @p communicator (its ranks run the model evaluations of
     * a batch in parallel, one disc each) and write the output files; prints
     * progress and the report to @p out on rank 0. Throws a
     * LeastSquares::FitError with the reason if the data cannot be fitted at
     * all (the model fails at the start, or a parameter has no influence
     * on the data).
     */
    Summary
    run(MPI_Comm communicator, std::ostream &out) const;

    /// The output folder.
    const std::string &
    output_folder() const;

  private:
    struct Data;
    std::unique_ptr<const Data> data;
  };
} // namespace anodemech
