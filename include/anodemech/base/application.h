#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /**
   * The command line and error handling shared by the anodemech apps, so
   * that every app reads its input and reports errors the same way.
   *
   * Command line: `<app> [options] <input.prm|input.json>`, with
   * - `--help`: the usage text, exit 0;
   * - `--print-parameters`: every parameter with its default, pattern and
   *   description (units in the descriptions), exit 0;
   * - `--set 'Path/Entry=value'`: override one entry (repeatable);
   * - `--restart` (apps with Info::supports_restart): continue a stopped or
   *   killed run from its newest checkpoint;
   * - `--overwrite` (the same apps): a new run into an output folder that
   *   holds another run's results or checkpoints removes them first
   *   (without it, or --restart, such a run is refused with exit code 1).
   *
   * Exit codes (Application::ExitCode): 0 done; 1 bad input (a
   * ParameterError, or deal.II's ParameterHandler naming the file, line and
   * entry), no stack trace; 2 bad command line; 3 the job stopped before
   * its end (it returns false and has said why); 4 another run-time error.
   */
  namespace Application
  {
    enum ExitCode : int
    {
      ok            = 0,
      input_error   = 1,
      usage         = 2,
      stopped_early = 3,
      runtime_error = 4
    };

    struct Info
    {
      /// Program name, e.g. "compress_disc".
      std::string name;
      /// What the program does, a few lines (printed by --help).
      std::string purpose;
      /// Example for --set, e.g. "Geometry/Radial elements=20".
      std::string set_example;
      /// Whether the input file may be omitted (then: the defaults).
      bool input_optional = false;
      /// Whether the app accepts --restart and --overwrite (passed to the
      /// job).
      bool supports_restart = false;
    };

    /// Options of the command line that the job needs.
    struct Options
    {
      /// --restart was given.
      bool restart = false;
      /// --overwrite was given.
      bool overwrite = false;
    };

    /**
     * The job: called with the parsed parameters, the full input text to
     * store with the results (the file, the overrides and the complete
     * parameter set), the folder of the input file and the command-line
     * options. Prints to @p out on rank 0; returns false if it stopped early
     * (after saying why on @p err).
     */
    using Job = std::function<bool(dealii::ParameterHandler &prm,
                                   const std::string        &input_text,
                                   const std::string        &input_directory,
                                   const Options            &options,
                                   std::ostream             &out,
                                   std::ostream             &err)>;

    /**
     * Parse the command line, read the input into @p prm (on which the
     * parameters are declared), run @p job and map errors to exit codes.
     * MPI must be initialised; only rank 0 prints.
     */
    int
    run(int                       argc,
        char                    **argv,
        const Info               &info,
        dealii::ParameterHandler &prm,
        const Job                &job);

    /**
     * Parse @p input_file (.prm, .json or .xml) into @p prm, as run() does
     * for the input of an app; throws a ParameterError with run()'s
     * explanation (the file, the line, the entry and its allowed values) if
     * the file cannot be read or parsed. For apps that read a second input
     * file, such as the base input of a fit.
     */
    void
    parse_input_file(dealii::ParameterHandler &prm,
                     const std::string        &input_file);

    /// Set the entry at @p path ("Sub/Sub/Entry") to @p value; throws a
    /// ParameterError naming the path if there is no such entry or the
    /// value does not match its pattern.
    void
    apply_override(dealii::ParameterHandler &prm,
                   const std::string        &path,
                   const std::string        &value);
  } // namespace Application
} // namespace anodemech
