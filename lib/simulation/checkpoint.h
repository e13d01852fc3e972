#pragma once
// Internal header of the simulation drivers (not installed): the checkpoint
// folders of a run and the run state stored in them.
//
// Layout: <results folder>/checkpoints/step_NNNNNN/ with
//   solid, solid.info, solid_fixed.data, solid_variable.data, solid.solid
//                 QuasiStaticSolid::save_checkpoint()
//   run.txt       the time stepper, the summary and the history so far
//   results.txt   ResultsFile::checkpoint_state()
//   input.prm     the full parameter set of the run
// A checkpoint is written to step_NNNNNN.partial and renamed when complete,
// so a run killed while writing leaves only complete checkpoints (and a
// .partial folder that the next checkpoint removes).

#include <anodemech/loading/time_stepper.h>
#include <anodemech/mechanics/compression_run.h>

#include <mpi.h>

#include <map>
#include <string>

namespace anodemech
{
  namespace internal
  {
    /// <results folder>/checkpoints
    std::string
    checkpoint_folder(const std::string &results_folder);

    /**
     * The newest complete checkpoint of the run writing to
     * @p results_folder, or an empty string if there is none. Collective:
     * rank 0 looks, all ranks get the answer.
     */
    std::string
    latest_checkpoint(const std::string &results_folder, MPI_Comm comm);

    /**
     * Start the checkpoint after accepted step @p step: (re)create the
     * folder <checkpoints>/step_NNNNNN.partial and return its path.
     * Collective; throws a ParameterError naming the folder.
     */
    std::string
    begin_checkpoint(const std::string &results_folder,
                     unsigned int       step,
                     MPI_Comm           comm);

    /**
     * Write @p files (name -> contents) into @p partial (rank 0), rename it
     * to its final name and remove all but the newest @p keep complete
     * checkpoints. Collective; throws a ParameterError naming the folder.
     * Returns the final path.
     */
    std::string
    finish_checkpoint(const std::string                        &partial,
                      const std::map<std::string, std::string> &files,
                      unsigned int                              keep,
                      MPI_Comm                                  comm);

    /// The contents of a file; throws a ParameterError naming it if it
    /// cannot be read.
    std::string
    read_text_file(const std::string &path);

    /// The run state as text: stepper, summary and history (exact doubles)
    /// and whether the last step's fields were written.
    std::string
    run_state_text(const TimeStepper::State &stepper,
                   const CompressionSummary &summary,
                   bool                      last_fields_written);

    /// Parse run_state_text(); throws a ParameterError naming @p path.
    void
    parse_run_state(const std::string &text,
                    const std::string &path,
                    CompressionResume &resume,
                    bool              &last_fields_written);
  } // namespace internal
} // namespace anodemech
