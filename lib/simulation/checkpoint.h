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
//   run_id        the id of the run that wrote it (16 hex digits)
//   checksums     "<FNV-1a 64 hex> <bytes> <name>" of every other file,
//                 written last; a restart verifies them before loading
// The results folder holds the id of the run that writes it in <folder>/run_id.
// A run prunes only its own checkpoints (same run_id), ordered by their step
// number (not by name). A checkpoint is written to step_NNNNNN.partial and
// renamed when complete, so a run killed while writing leaves only complete
// checkpoints (and a .partial folder that the next checkpoint removes).

#include <anodemech/loading/time_stepper.h>
#include <anodemech/mechanics/compression_run.h>

#include <mpi.h>

#include <map>
#include <string>
#include <vector>

namespace anodemech
{
  namespace internal
  {
    /// <results folder>/checkpoints
    std::string
    checkpoint_folder(const std::string &results_folder);

    /// A new run id: 16 hex digits from std::random_device, the time and
    /// the process id (rank 0 draws it, every rank gets it). Collective.
    std::string
    new_run_id(MPI_Comm comm);

    /// <results folder>/run_id: the id of the run writing there, "" if the
    /// file does not exist.
    std::string
    folder_run_id(const std::string &results_folder);

    /// The run id stored in @p checkpoint, "" if it has none.
    std::string
    checkpoint_run_id(const std::string &checkpoint);

    /**
     * Before a new (not restarted) run into @p results_folder: if it holds
     * the results or checkpoints of an earlier run, throw a ParameterError
     * naming the folder and the files (use --overwrite or --restart) unless
     * @p overwrite; with @p overwrite, remove them (results.h5,
     * results.xdmf, curves.csv, curves.png, material, run_id, checkpoints/
     * and their .tmp files). Collective.
     */
    void
    prepare_new_run(const std::string &results_folder,
                    bool               overwrite,
                    MPI_Comm           comm);

    /**
     * The checkpoints a restart may use, newest first by step number: those
     * of the run named in <folder>/run_id, or all if there is no such file
     * or none of them matches. Collective.
     */
    std::vector<std::string>
    restart_candidates(const std::string &results_folder, MPI_Comm comm);

    /**
     * Whether @p checkpoint is intact: "" if its file `checksums` lists
     * every file with the size and FNV-1a hash it has now, else why not,
     * naming the file (missing, truncated, changed). Collective: rank 0
     * reads, every rank gets the answer.
     */
    std::string
    verify_checkpoint(const std::string &checkpoint, MPI_Comm comm);

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
     * Write @p files (name -> contents) and the file run_id (@p run_id)
     * into @p partial (rank 0), rename it to its final name and remove all
     * but the newest @p keep complete checkpoints of this run (those with
     * the same run id, by step number); other runs' checkpoints stay.
     * Collective; throws a ParameterError naming the folder. Returns the
     * final path.
     */
    std::string
    finish_checkpoint(const std::string                        &partial,
                      const std::map<std::string, std::string> &files,
                      unsigned int                              keep,
                      const std::string                        &run_id,
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
