#pragma once

#include <mpi.h>

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace dealii
{
  template <int dim, int spacedim>
  class DataOut;
}

namespace anodemech
{
  /**
   * One column of the curves table of a ResultsFile.
   */
  struct CurveColumn
  {
    /// Name of the column, e.g. "time"; also the name of its HDF5 dataset.
    std::string name;
    /// SI unit of the values, e.g. "s", "Pa", "N", "%", "m^2", "-".
    std::string unit;
    /// One sentence saying what the column holds.
    std::string description;
  };

  /**
   * The results of one run in one folder: a single HDF5 file with the
   * curves, the field output steps and the input, an XDMF index of the
   * field steps that ParaView opens as one time series, and the curves as
   * CSV.
   *
   * Files in @p folder:
   * - `results.h5`:
   *   - `/input`: the full parameter set as one string, attribute `format`
   *     ("prm" or "json");
   *   - `/curves/<column name>`: 1-D float64 datasets, one value per row,
   *     each with the string attributes `units` and `description`;
   *   - `/fields/step_NNNNN/` (NNNNN = 00000, 00001, ...), with the float64
   *     attribute `time` [s] and any further scalar attributes given to
   *     write_field_step():
   *     - `nodes`: n_nodes x 3 float64 coordinates [m] (z = 0 in 2D),
   *     - `cells`: n_cells x 4 (quadrilaterals, 2D) or n_cells x 8
   *       (hexahedra, 3D) uint32 node indices in VTK/XDMF vertex order,
   *     - one n_nodes x n_components float64 dataset per data set of the
   *       DataOut: scalars have 1 component, vectors are padded to 3 and
   *       second-order tensors to 9 (row-major) components, so that 2D
   *       output works with ParaView's vector and tensor filters; the
   *       attribute `units` is set for the names given to
   *       set_field_units().
   * - `results.xdmf`: XDMF 2 temporal collection of the field steps that
   *   refers to `results.h5:/fields/...`.
   * - `curves.csv`: the curves table, a header line with the column names
   *   (the units are in results.h5), then one line per row.
   *
   * Every file is replaced as a whole, never modified in place: each write
   * goes to `<file>.tmp` (for results.h5 a copy of the current file that is
   * then extended), which is flushed to disk and renamed over the file. A
   * run killed at any moment leaves the last complete version of each file,
   * and a program reading the files while the run goes on sees complete
   * files. results.h5 is replaced before results.xdmf, so the XDMF index
   * never refers to a step that is not in results.h5. A stale `.tmp` file
   * from a killed run is overwritten by the next write. The price: every
   * write_field_step() and flush_curves() copies results.h5, so its cost
   * grows with the file; write field steps at the report points of a run,
   * not at every time step.
   *
   * Parallel use: every member function that writes is collective over the
   * communicator given to the constructor; only rank 0 touches the files.
   * Field data are gathered to rank 0, and an error on rank 0 is sent to all
   * ranks, so that all of them throw the same ParameterError.
   */
  class ResultsFile
  {
  public:
    /**
     * Create @p folder if needed and write (replacing what is there)
     * `results.h5` with @p input_text in `/input` and an empty curves table,
     * an empty `results.xdmf` and `curves.csv` with the header only.
     *
     * @p input_text: the full parameter set of the run, e.g. the output of
     * ParameterHandler::print_parameters(); @p input_format: "prm" or
     * "json".
     *
     * Collective over @p communicator. Throws a ParameterError that names
     * @p folder if the folder cannot be created or written, or naming the
     * offending column if a column name is empty, repeated or contains a
     * '/'.
     */
    ResultsFile(const std::string              &folder,
                MPI_Comm                        communicator,
                const std::vector<CurveColumn> &columns,
                const std::string              &input_text,
                const std::string              &input_format);

    /**
     * Continue the results of a run that was stopped (restart): take the
     * rows and field steps recorded in @p checkpoint_state (written by
     * checkpoint_state() of the earlier run), drop from `results.h5` the
     * field steps that came after it, and rewrite `/curves`,
     * `results.xdmf` and `curves.csv` to hold exactly the recorded rows and
     * steps, so that the continued run appends without duplicate or missing
     * steps. `/input` is kept. Collective; every rank passes the same
     * state. Throws a ParameterError naming the folder if `results.h5` is
     * missing or holds fewer field steps than the state.
     */
    ResultsFile(const std::string              &folder,
                MPI_Comm                        communicator,
                const std::vector<CurveColumn> &columns,
                const std::string              &checkpoint_state);

    /**
     * What a checkpoint must keep to continue these files later: the curve
     * rows (17 significant digits, exact) and the list of field steps, as
     * text. Complete on rank 0 only (the field steps are known there).
     */
    std::string
    checkpoint_state() const;

    /// Frees the duplicated communicator (collective).
    ~ResultsFile();

    ResultsFile(const ResultsFile &) = delete;
    ResultsFile &
    operator=(const ResultsFile &) = delete;

    /**
     * Units of the field data sets, by data set name, e.g.
     * {{"displacement", "m"}, {"stress", "Pa"}}; recorded as the attribute
     * `units` of the datasets of the following field steps.
     */
    void
    set_field_units(const std::map<std::string, std::string> &units);

    /**
     * Whether vertices shared by patches are written once (true) or once per
     * patch (false, the default). Merging makes smaller files but keeps only
     * one value per vertex, which is right for continuous fields
     * (displacement) and wrong for cell-wise ones (cell-averaged stresses,
     * material id): without merging, every cell shows its own values.
     */
    void
    set_merge_shared_vertices(bool merge);

    /**
     * Append one row of the curves table, one value per column in the order
     * of the constructor's columns, and rewrite curves.csv (for each of the
     * first 100 rows, then every 25th row; write_field_step() and
     * flush_curves() bring it up to date). results.h5 gets
     * the new rows with the next write_field_step() or flush_curves().
     * Collective; the row of rank 0 is written. Throws std::invalid_argument
     * if the row has the wrong length and a ParameterError naming the folder
     * if curves.csv cannot be written.
     */
    void
    append_curve_row(const std::vector<double> &row);

    /**
     * Write one field step from @p data_out, on which build_patches() has
     * been called (on each rank with its own cells), as
     * `/fields/step_NNNNN` at @p time [s] with the float64 attributes
     * @p attributes (e.g. {"nominal_pressure", 5e6}); also rewrite
     * `/curves` with all rows so far, and rewrite results.xdmf.
     *
     * With set_merge_shared_vertices(true), vertices shared by patches (on
     * the same or on different ranks) are written once; for data that differ
     * between the patches at a shared vertex (cell data), the value of the
     * patch written last (on the highest rank) is kept.
     *
     * Collective. Throws a ParameterError naming the folder if the files
     * cannot be written or @p data_out holds no patches on any rank.
     */
    template <int dim>
    void
    write_field_step(const dealii::DataOut<dim, dim>     &data_out,
                     double                               time,
                     const std::map<std::string, double> &attributes = {});

    /**
     * Rewrite `/curves` in results.h5 with all rows so far (without field
     * output), e.g. at the end of a run; does nothing if results.h5 is up to
     * date. Collective. Throws a ParameterError naming the folder if
     * results.h5 cannot be written.
     */
    void
    flush_curves();

    /// The folder given to the constructor.
    const std::string &
    get_folder() const;

    /// Path of results.h5.
    std::string
    results_path() const;

    /// Path of results.xdmf.
    std::string
    xdmf_path() const;

    /// Path of curves.csv.
    std::string
    csv_path() const;

    /// Number of field steps written so far.
    unsigned int
    n_field_steps() const;

    /// Number of curve rows appended so far.
    std::size_t
    n_curve_rows() const;

  private:
    /// What results.xdmf needs to know of one field step.
    struct FieldStep
    {
      std::string  group; ///< HDF5 path, e.g. "/fields/step_00000"
      double       time;  ///< [s]
      unsigned int dim;   ///< 2: quadrilaterals, 3: hexahedra
      std::size_t  n_nodes;
      std::size_t  n_cells;
      /// Name and (padded) number of components of each data set.
      std::vector<std::pair<std::string, unsigned int>> data_sets;
    };

    /**
     * Run @p write on rank 0, send the error it threw (if any) to all ranks
     * and throw it on all of them as a ParameterError naming the folder and
     * @p what.
     */
    template <typename Function>
    void
    run_on_root(const std::string &what, const Function &write);

    /// Write results.xdmf for field_steps (rank 0).
    void
    write_xdmf() const;

    /// Copy results.h5, call @p extend on the open copy, replace results.h5.
    template <typename Function>
    void
    extend_results(const Function &extend) const;

    std::string folder;
    /// Duplicate of the constructor's communicator, for this class alone.
    MPI_Comm                         communicator;
    bool                             is_root;
    std::vector<CurveColumn>         columns;
    std::vector<std::vector<double>> rows;
    /// Number of rows in /curves of results.h5.
    std::size_t rows_in_results;
    /// Number of field steps in results.h5 (on all ranks).
    unsigned int n_steps;
    /// Contents of curves.csv (rank 0).
    std::string csv_text;
    std::size_t rows_in_csv = 0;

    /// Rewrite curves.csv with all rows so far (collective).
    void
                                       write_csv();
    std::map<std::string, std::string> field_units;
    /// The field steps in results.h5 (rank 0).
    std::vector<FieldStep> field_steps;
    bool                   merge_vertices = false;
  };
} // namespace anodemech
