#include <anodemech/base/parameter_error.h>
#include <anodemech/calibration/measured_data.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include "../base/text.h"

namespace anodemech
{
  namespace
  {
    /// Split one CSV line into fields; "..." may hold commas, "" is a quote.
    std::vector<std::string>
    split_csv_line(const std::string &line)
    {
      std::vector<std::string> fields(1);
      bool                     quoted = false;
      for (std::size_t i = 0; i < line.size(); ++i)
        {
          const char c = line[i];
          if (quoted)
            {
              if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
                fields.back() += line[++i];
              else if (c == '"')
                quoted = false;
              else
                fields.back() += c;
            }
          else if (c == '"')
            quoted = true;
          else if (c == ',')
            fields.emplace_back();
          else if (c != '\r')
            fields.back() += c;
        }
      for (auto &f : fields)
        f = internal::trim(f);
      return fields;
    }
  } // namespace



  std::vector<MeasuredPoint>
  read_measured_points(const std::string &file, const std::string &data_set)
  {
    std::ifstream input(file);
    if (!input)
      throw ParameterError("The data file '" + file +
                           "' cannot be opened for reading.");
    std::string                        line;
    unsigned int                       line_number = 0;
    std::map<std::string, std::size_t> column;
    while (std::getline(input, line))
      {
        ++line_number;
        const std::string t = internal::trim(line);
        if (t.empty() || t[0] == '#')
          continue;
        const auto names = split_csv_line(t);
        for (std::size_t i = 0; i < names.size(); ++i)
          column[names[i]] = i;
        break;
      }
    const std::string where = "The data file '" + file + "'";
    const std::string expected =
      " (columns: pressure_MPa or pressure_Pa, diameter_change_pct and/or "
      "thickness_change_pct; optional weight, diameter_weight, "
      "thickness_weight, material)";
    if (column.empty())
      throw ParameterError(where + " has no header row" + expected + ".");
    const bool in_mpa = column.count("pressure_MPa") > 0;
    if (!in_mpa && column.count("pressure_Pa") == 0)
      throw ParameterError(where +
                           " has no column 'pressure_MPa' or "
                           "'pressure_Pa'" +
                           expected + ".");
    if (column.count("diameter_change_pct") == 0 &&
        column.count("thickness_change_pct") == 0)
      throw ParameterError(where +
                           " has neither 'diameter_change_pct' nor "
                           "'thickness_change_pct'" +
                           expected + ".");
    if (!data_set.empty() && column.count("material") == 0)
      throw ParameterError(where +
                           " has no column 'material', so the data "
                           "set '" +
                           data_set +
                           "' cannot be selected (leave 'Data set' empty to "
                           "read every row).");

    std::vector<MeasuredPoint> points;
    std::vector<std::string>   materials_seen;
    while (std::getline(input, line))
      {
        ++line_number;
        const std::string t = internal::trim(line);
        if (t.empty() || t[0] == '#')
          continue;
        const auto fields = split_csv_line(t);
        const auto field  = [&](const std::string &name) -> std::string {
          const auto c = column.find(name);
          return c == column.end() || c->second >= fields.size() ?
                    std::string() :
                    fields[c->second];
        };
        const auto number =
          [&](const std::string &name) -> std::optional<double> {
          const std::string text = field(name);
          if (text.empty())
            return std::nullopt;
          const auto value = internal::to_number(text);
          if (!value)
            throw ParameterError(where + ", line " +
                                 std::to_string(line_number) + ", column '" +
                                 name + "': '" + text + "' is not a number.");
          return value;
        };
        if (!data_set.empty())
          {
            const std::string material = field("material");
            if (std::find(materials_seen.begin(),
                          materials_seen.end(),
                          material) == materials_seen.end())
              materials_seen.push_back(material);
            if (material != data_set)
              continue;
          }
        MeasuredPoint point;
        point.line          = line_number;
        const auto pressure = number(in_mpa ? "pressure_MPa" : "pressure_Pa");
        point.diameter_change_pct  = number("diameter_change_pct");
        point.thickness_change_pct = number("thickness_change_pct");
        const std::string at =
          where + ", line " + std::to_string(line_number) + ": ";
        if (!pressure || !(*pressure > 0.))
          throw ParameterError(at + "the pressure must be a number > 0.");
        point.pressure        = *pressure * (in_mpa ? 1e6 : 1.);
        const double weight   = number("weight").value_or(1.);
        point.diameter_weight = weight * number("diameter_weight").value_or(1.);
        point.thickness_weight =
          weight * number("thickness_weight").value_or(1.);
        if (!(point.diameter_weight >= 0.) || !(point.thickness_weight >= 0.))
          throw ParameterError(at + "weights must be >= 0.");
        if (!point.diameter_change_pct && !point.thickness_change_pct)
          continue; // nothing measured at this pressure
        points.push_back(point);
      }
    if (points.empty())
      {
        std::string known;
        for (const auto &m : materials_seen)
          known += (known.empty() ? "" : ", ") + ("'" + m + "'");
        throw ParameterError(
          where + " holds no measured point" +
          (data_set.empty() ?
             std::string() :
             " of the data set '" + data_set + "' (it has: " + known + ")") +
          ".");
      }
    return points;
  }
} // namespace anodemech
