#pragma once

#include <anodemech/mechanics/compression_run.h>

#include <mpi.h>

#include <functional>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /**
   * One compress_disc case run inside the calling program: a base input
   * file with entry overrides on top, as `compress_disc --set ... <file>`
   * would run it. The calibration (ParameterFit) and the design studies
   * (SafePressureMap) are built from such cases.
   */
  struct DiscCase
  {
    /// The base input file (.prm, .json or .xml) of compress_disc.
    std::string input_file;

    /// Overrides ("Subsection/Entry", value), applied in order after the
    /// base input, like compress_disc's --set.
    std::vector<std::pair<std::string, std::string>> overrides;

    /**
     * Parse the base input and the overrides into @p prm, on which
     * DiscCompression's parameters are declared. Throws a ParameterError
     * naming the file (or the override), the entry and its allowed values.
     */
    void
    parse(dealii::ParameterHandler &prm) const;

    /// The value of the entry at @p path ("Subsection/Entry") after the
    /// overrides; throws a ParameterError if there is no such entry.
    std::string
    get(const std::string &path) const;

    /**
     * Run the case on @p communicator: compress_disc's progress lines go to
     * @p log (rank 0), its files to the case's Output/Folder. Throws a
     * ParameterError for bad input; a run that stops early returns with
     * summary.completed = false.
     */
    CompressionSummary
    run(MPI_Comm communicator, std::ostream &log) const;
  };

  /**
   * Parse a list of overrides "Path/Entry=value | Path/Entry=value" (the
   * '|'-separated form of compress_disc's --set, used by the input files of
   * fit_parameters and stack_pressure_map); blanks around items, paths and
   * values are dropped, an empty @p text gives no override. Throws a
   * ParameterError naming @p parameter (e.g. "'Overrides' (subsection
   * Model)") and the bad item.
   */
  std::vector<std::pair<std::string, std::string>>
  parse_override_list(const std::string &text, const std::string &parameter);

  /// Which state of a run stands for a measurement at a pressure.
  enum class ComparePoint
  {
    /// The step at which the nominal pressure first reaches it.
    first_reaching,
    /// The last step at that pressure: the end of a hold there (the same
    /// step as first_reaching if the protocol does not hold there).
    end_of_hold
  };

  /**
   * The record of @p summary at nominal pressure @p pressure [Pa] (matched
   * to 1e-9 relative: the pressure must be one of the run's report
   * pressures, on which steps land), or nullptr if the run did not reach
   * it.
   */
  const CompressionRecord *
  record_at_pressure(const CompressionSummary &summary,
                     double                    pressure,
                     ComparePoint              where);

  /// What one task of run_tasks() returns.
  struct TaskOutput
  {
    /// The task's numbers (their meaning is the caller's).
    std::vector<double> values;
    /// Free text besides the numbers, e.g. why a run whose result stands
    /// stopped early; may be empty.
    std::string text;
  };

  /// Outcome of one task of run_tasks().
  struct TaskResult
  {
    bool                ok = false;
    std::vector<double> values;
    /// The task's text (ok = true).
    std::string text;
    /// Why the task failed (ok = false): the message of what it threw.
    std::string message;
  };

  /**
   * Run the @p n_tasks independent tasks @p task(i), i = 0 .. n_tasks-1,
   * in parallel processes: task i runs on rank i mod size of
   * @p communicator (a task farm; each task uses MPI_COMM_SELF if it runs
   * a simulation). A task that throws gives ok = false and its message.
   * Collective: every rank returns every result, in task order.
   */
  std::vector<TaskResult>
  run_tasks(unsigned int                                        n_tasks,
            const std::function<TaskOutput(unsigned int task)> &task,
            MPI_Comm                                            communicator);
} // namespace anodemech
