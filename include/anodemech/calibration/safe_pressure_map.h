#pragma once

#include <anodemech/calibration/disc_case.h>
#include <anodemech/mechanics/compression_run.h>

#include <mpi.h>

#include <cstddef>
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
  /// Where a pressure history first reaches a spread limit.
  struct SpreadCrossing
  {
    /// Whether the diameter change reached the limit.
    bool reached = false;
    /**
     * If reached: the nominal pressure at which the diameter change first
     * reaches the limit [Pa]. If not: the largest nominal pressure of the
     * history [Pa], a lower bound of that pressure (censored).
     */
    double pressure = 0.;
    /// If reached: the first record at or above the limit; if not: the
    /// number of records.
    std::size_t record = 0;
  };

  /**
   * The nominal pressure at which the diameter change of a compression
   * history first reaches @p limit_pct [%]: with k the first record whose
   * diameter change d_k >= limit (records in time order, the initial state
   * first),
   *   p = p_{k-1} + (limit - d_{k-1}) (p_k - p_{k-1}) / (d_k - d_{k-1}),
   * linear interpolation between the two records around the crossing
   * (d_{k-1} < limit <= d_k). An exact hit (d_k = limit) gives p_k; a
   * crossing during a hold (p_{k-1} = p_k) gives that pressure; k = 0 (the
   * first record already at the limit) gives p_0. If no record reaches the
   * limit, reached = false and the pressure is the largest of the history.
   *
   * @p nominal_pressure [Pa] and @p diameter_change_pct [%] are the
   * columns of the history (CompressionRecord, curves.csv). Throws
   * std::invalid_argument if they differ in length or are empty, or if
   * @p limit_pct is not a positive finite number.
   */
  SpreadCrossing
  find_spread_crossing(const std::vector<double> &nominal_pressure,
                       const std::vector<double> &diameter_change_pct,
                       double                     limit_pct);

  /// find_spread_crossing() on the records of a run.
  SpreadCrossing
  find_spread_crossing(const std::vector<CompressionRecord> &history,
                       double                                limit_pct);

  /**
   * A map of the safe stack pressure over a grid of compress_disc cases
   * (issue 7, point 3): the nominal pressure at which the disc's diameter
   * has grown by a given percentage, for every combination of the values of
   * up to four axes (diameter-to-thickness ratio, friction coefficient,
   * temperature, fibre fraction of the cloth, or any compress_disc entry).
   * Each case is a DiscCase (a base compress_disc input plus overrides) run
   * on MPI_COMM_SELF; the cases are spread over the ranks by run_tasks().
   *
   * Parameter layout (SI units inside; `stack_pressure_map
   * --print-parameters` lists every entry with its unit):
   * @code
   * subsection Sweep           # Base input, Base overrides, Spread limit [%]
   * subsection Axis 1 .. 4     # Quantity, Values, Path, Unit
   * subsection Cloth fraction  # Reference fibre fraction, Void fraction
   * subsection Output          # Folder, Plot
   * @endcode
   * See doc/safe_pressure_map.md.
   *
   * Output (rank 0): <Folder>/safe_pressure_map.csv, one row per case, and
   * per case <Folder>/cases/case_NNNN/ (curves.csv, results.h5, log.txt,
   * case.txt with the compress_disc command that reproduces it).
   */
  class SafePressureMap
  {
  public:
    /// What an axis varies.
    enum class Quantity
    {
      /// Geometry/Thickness = Geometry/Diameter / ratio [-].
      diameter_to_thickness_ratio,
      /// Platen/Friction coefficient [-], with the Coulomb friction model.
      friction_coefficient,
      /// Solver/Temperature, given in degrees Celsius [C].
      temperature,
      /// Fibre volume fraction of the cloth layer (Material 0, a
      /// 'composite mixture') [-]; see cloth_fraction_overrides().
      cloth_fraction,
      /// Any compress_disc entry (Axis N/Path), values as they are.
      parameter
    };

    /// One axis of the grid.
    struct Axis
    {
      Quantity quantity = Quantity::parameter;
      /// The entry for Quantity::parameter ("Subsection/Entry").
      std::string path;
      /// The unit of the values (Quantity::parameter: as given).
      std::string unit;
      /// The values, in the unit above (temperature in C).
      std::vector<double> values;
      /// Column name in the CSV file (name and unit).
      std::string column;
      /// Human-readable name.
      std::string name;
    };

    /// What became of a case.
    enum class Status
    {
      /// The diameter change reached the limit.
      reached,
      /// The run ended without reaching it (censored: the safe pressure is
      /// above the largest pressure).
      not_reached,
      /// The run stopped early (or threw) before reaching the limit.
      failed
    };

    /// The result of one case.
    struct CaseResult
    {
      /// Index of the case in the grid (0-based).
      unsigned int index = 0;
      /// The axis values of the case, in the axes' units.
      std::vector<double> axis_values;
      Status              status = Status::failed;
      /// The safe pressure [Pa] (reached only, else 0).
      double safe_pressure = 0.;
      /// The largest nominal pressure of the run [Pa].
      double max_pressure = 0.;
      /// The diameter change at the end of the time at max_pressure [%].
      double diameter_change_at_max_pressure = 0.;
      /// Accepted time steps.
      unsigned int steps = 0;
      /// Wall time of the case [s].
      double wall_time = 0.;
      /// Why the run stopped early (status failed, or reached before it
      /// stopped), one line; empty if it ran to its end.
      std::string failure_reason;
      /// The case's output folder.
      std::string folder;
    };

    /// Declare every parameter of the map in @p prm.
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /**
     * Read the parameters from @p prm and check all of them, and every
     * case of the grid (the base input with the case's overrides, as
     * compress_disc would check them), before any computing; creates the
     * output folder. Throws a ParameterError naming the parameter, its
     * allowed range and unit. A relative base input is taken relative to
     * @p input_directory (the folder of the map's input file). Notes (such
     * as a change of the friction model) are in notes().
     */
    SafePressureMap(dealii::ParameterHandler &prm,
                    const std::string        &input_directory);

    /**
     * Run every case, spread over the ranks of @p communicator, each on
     * MPI_COMM_SELF (collective). @p out (rank 0) gets one line per
     * finished case (per batch of as many cases as ranks) and a summary
     * table; rank 0 writes the CSV file. Every rank returns every result,
     * in case order. A case that fails does not stop the others.
     */
    std::vector<CaseResult>
    run(MPI_Comm communicator, std::ostream &out) const;

    /// The cases, in grid order: the last axis varies fastest.
    unsigned int
    n_cases() const;

    /// Case @p index: the base input with its overrides.
    DiscCase
    disc_case(unsigned int index) const;

    /// The axis values of case @p index, in the axes' units.
    std::vector<double>
    axis_values(unsigned int index) const;

    const std::vector<Axis> &
    axes() const;

    /// The spread limit [%].
    double
    spread_limit() const;

    const std::string &
    output_folder() const;

    /// <Output folder>/safe_pressure_map.csv
    std::string
    csv_file() const;

    /// <Output folder>/safe_pressure_map.png
    std::string
    png_file() const;

    /// Output/Plot: whether the app should draw the PNG.
    bool
    plot() const;

    /// Notes about how the input was applied (printed by run()).
    const std::vector<std::string> &
    notes() const;

    /**
     * The overrides of a 'composite mixture' cloth layer (Material 0) for
     * fibre volume fraction @p fibre_fraction [-], from the base input's
     * values at @p reference_fraction [-] with @p void_fraction [-] fixed:
     * the network moduli (axial and transverse Young's moduli, axial shear
     * modulus) scale with the fibre fraction, f / f_ref, the Poisson's
     * ratios stay, and the lithium weight scales with the lithium fraction
     * (1 - v - f) / (1 - v - f_ref). @p base gives the base value of an
     * entry path. Throws a ParameterError if the fractions are out of range
     * or the lithium weight would exceed 1.
     */
    static std::vector<std::pair<std::string, std::string>>
    cloth_fraction_overrides(
      double                                            fibre_fraction,
      double                                            reference_fraction,
      double                                            void_fraction,
      const std::function<double(const std::string &)> &base);

  private:
    std::string                                      base_input;
    std::vector<std::pair<std::string, std::string>> base_overrides;
    double                                           limit_pct = 5.;
    std::vector<Axis>                                axis_list;
    double                                           reference_fibre = 0.208;
    double                                           void_fraction   = 0.2364;
    std::string                                      folder;
    bool                                             make_plot = true;
    std::vector<std::string>                         note_list;
    /// Per case, the overrides of the axes (computed and checked by the
    /// constructor).
    std::vector<std::vector<std::pair<std::string, std::string>>>
      case_overrides;
  };

  /// "reached", "not reached" or "failed".
  std::string
  to_string(SafePressureMap::Status status);
} // namespace anodemech
