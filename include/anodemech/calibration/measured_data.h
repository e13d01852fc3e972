#pragma once

#include <optional>
#include <string>
#include <vector>

namespace anodemech
{
  /// One measured state of a pressed disc.
  struct MeasuredPoint
  {
    /// Nominal pressure [Pa].
    double pressure = 0.;
    /// Diameter growth [%], if measured.
    std::optional<double> diameter_change_pct;
    /// Thickness reduction [%], if measured.
    std::optional<double> thickness_change_pct;
    /// Weights of the two values in the least squares [-], >= 0.
    double diameter_weight  = 1.;
    double thickness_weight = 1.;
    /// Line of the file it was read from (for messages).
    unsigned int line = 0;
  };

  /**
   * Read measured points from a CSV file with a header row. Columns, by
   * name (any order; other columns, such as a remark, are ignored):
   * - `pressure_MPa` or `pressure_Pa`: the nominal pressure (required);
   * - `diameter_change_pct`, `thickness_change_pct`: diameter growth and
   *   thickness reduction in % (at least one column; an empty cell: not
   *   measured);
   * - `weight` (both values), `diameter_weight`, `thickness_weight`:
   *   optional weights >= 0 (multiplied if both are given; default 1);
   * - `material`: with a non-empty @p data_set, only the rows whose
   *   material is @p data_set are read.
   *
   * Fields may be quoted ("a, b"); lines starting with '#' and empty lines
   * are skipped. Throws a ParameterError naming the file, the line and the
   * column for anything it cannot read, and if no point is left.
   */
  std::vector<MeasuredPoint>
  read_measured_points(const std::string &file, const std::string &data_set);
} // namespace anodemech
