#pragma once

#include <anodemech/mechanics/compression_run.h>

#include <mpi.h>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /**
   * The disc-compression job of the compress_disc app: a disc (bare lithium,
   * or layered) between two rigid platens, pressed by a nominal pressure
   * history, axisymmetric (dimension 2) or as a 3D quarter disc
   * (dimension 3); results in one folder (results.h5, results.xdmf,
   * curves.csv, see ResultsFile).
   *
   * Parameter layout (all SI units; `compress_disc --print-parameters`
   * lists every entry with its default, unit and description):
   * @code
   * set Dimension = 2
   * subsection Geometry        # DiscGeometry, plus Mesh file, Top layer
   * subsection Material 0      # MaterialFactory: the disc (lithium)
   * subsection Material 1      # MaterialFactory: the top layer, if any
   * subsection Platen          # RigidPlaten::Parameters
   * subsection Loading         # Load protocol, Report pressures
   * subsection Time stepping   # TimeStepper::Parameters
   * subsection Solver          # QuasiStaticSolid::Parameters
   * subsection Output          # Folder, field output, progress
   * @endcode
   *
   * The constructor reads and checks every parameter, so that bad input is
   * reported before any computing starts.
   */
  class DiscCompression
  {
  public:
    /// Declare every parameter of the job in @p prm.
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /**
     * Read the parameters from @p prm (on which the input file was parsed),
     * check them and create the material models; throws a ParameterError naming
     * the parameter and its
     * allowed values. @p input_text is the full parameter set stored in
     * results.h5; a relative mesh file name is taken relative to
     * @p input_directory (the folder of the input file).
     */
    DiscCompression(dealii::ParameterHandler &prm,
                    const std::string        &input_text,
                    const std::string        &input_directory);

    /**
     * Run the job on @p communicator, printing progress to @p out on rank
     * 0. Returns the summary; summary.completed is false if the run stopped
     * early (the results up to the last converged step are written).
     * Throws a ParameterError for a mesh or output folder that cannot be
     * used, before the first step.
     *
     * Checkpoints (Output/Checkpoint interval) go to
     * <Output folder>/checkpoints; with @p restart the run continues from
     * the newest one (the same parameters are required; any number of MPI
     * ranks): results.h5, results.xdmf and curves.csv are cut back to that
     * checkpoint and extended, so that they hold every step once.
     *
     * A new run (not @p restart) into a folder that holds another run's
     * results.h5, results.xdmf or checkpoints throws a ParameterError
     * naming the folder, before any computing, unless @p overwrite: then
     * those files are removed first. Each run has a run id (in
     * <folder>/run_id and in each checkpoint) and prunes only its own
     * checkpoints; a restart continues the run id of its checkpoint.
     */
    CompressionSummary
    run(MPI_Comm      communicator,
        std::ostream &out,
        bool          restart   = false,
        bool          overwrite = false) const;

    /// The output folder.
    const std::string &
    output_folder() const;

    ~DiscCompression();

  private:
    template <int dim>
    CompressionSummary
    run_dim(MPI_Comm      communicator,
            std::ostream &out,
            bool          restart,
            bool          overwrite) const;

    struct Data;
    std::unique_ptr<const Data> data;
  };
} // namespace anodemech
