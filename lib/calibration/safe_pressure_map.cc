#include <anodemech/base/application.h>
#include <anodemech/base/parameter_error.h>
#include <anodemech/calibration/safe_pressure_map.h>
#include <anodemech/simulation/disc_compression.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "../base/text.h"

namespace anodemech
{
  SpreadCrossing
  find_spread_crossing(const std::vector<double> &nominal_pressure,
                       const std::vector<double> &diameter_change_pct,
                       const double               limit_pct)
  {
    if (nominal_pressure.size() != diameter_change_pct.size())
      throw std::invalid_argument(
        "find_spread_crossing: the pressure and diameter-change histories "
        "differ in length.");
    if (nominal_pressure.empty())
      throw std::invalid_argument(
        "find_spread_crossing: the history is empty.");
    if (!std::isfinite(limit_pct) || !(limit_pct > 0.))
      throw std::invalid_argument(
        "find_spread_crossing: the spread limit must be a positive number "
        "[%], not " +
        format_number(limit_pct) + ".");

    SpreadCrossing    crossing;
    const std::size_t n = nominal_pressure.size();
    for (std::size_t k = 0; k < n; ++k)
      if (diameter_change_pct[k] >= limit_pct)
        {
          crossing.reached = true;
          crossing.record  = k;
          if (k == 0 || diameter_change_pct[k] == limit_pct)
            crossing.pressure = nominal_pressure[k];
          else
            {
              // d_{k-1} < limit < d_k, so the denominator is positive.
              const double p0   = nominal_pressure[k - 1];
              const double p1   = nominal_pressure[k];
              const double d0   = diameter_change_pct[k - 1];
              const double d1   = diameter_change_pct[k];
              crossing.pressure = p0 + (limit_pct - d0) * (p1 - p0) / (d1 - d0);
            }
          return crossing;
        }
    crossing.record = n;
    crossing.pressure =
      *std::max_element(nominal_pressure.begin(), nominal_pressure.end());
    return crossing;
  }



  SpreadCrossing
  find_spread_crossing(const std::vector<CompressionRecord> &history,
                       const double                          limit_pct)
  {
    std::vector<double> p, d;
    p.reserve(history.size());
    d.reserve(history.size());
    for (const auto &r : history)
      {
        p.push_back(r.nominal_pressure);
        d.push_back(r.diameter_change_pct);
      }
    return find_spread_crossing(p, d, limit_pct);
  }



  std::string
  to_string(const SafePressureMap::Status status)
  {
    switch (status)
      {
        case SafePressureMap::Status::reached:
          return "reached";
        case SafePressureMap::Status::not_reached:
          return "not reached";
        case SafePressureMap::Status::failed:
          return "failed";
      }
    return "failed";
  }



  namespace
  {
    constexpr unsigned int n_axes = 4;

    /// 0 degrees Celsius [K].
    constexpr double celsius_zero = 273.15;

    /// Melting point of lithium [C]: the creep law is for the solid.
    constexpr double lithium_melting_point = 180.5;

    const char *const quantity_names =
      "none|diameter-to-thickness ratio|friction coefficient|temperature|"
      "cloth fraction|parameter";

    const std::string cloth_section = "Material 0/Composite mixture/Network/";

    using internal::one_line;
    using internal::trim;

    /// The number in @p text, or throws a ParameterError naming @p what.
    double
    parse_double(const std::string &text, const std::string &what)
    {
      const std::string t   = trim(text);
      char             *end = nullptr;
      const double      v   = std::strtod(t.c_str(), &end);
      if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v))
        throw ParameterError(what + " must be a finite number, not '" + text +
                             "'.");
      return v;
    }

    /// Comma-separated numbers.
    std::vector<double>
    parse_values(const std::string &text, const std::string &where)
    {
      std::vector<double> values;
      if (trim(text).empty())
        return values;
      std::size_t start = 0;
      while (true)
        {
          const auto comma = text.find(',', start);
          const auto item =
            text.substr(start,
                        comma == std::string::npos ? std::string::npos :
                                                     comma - start);
          if (trim(item).empty())
            throw ParameterError(where +
                                 " must be a comma-separated list of numbers "
                                 "without empty items, not '" +
                                 text + "'.");
          values.push_back(parse_double(item, where + ": the item"));
          if (comma == std::string::npos)
            break;
          start = comma + 1;
        }
      return values;
    }

    SafePressureMap::Quantity
    quantity_from_name(const std::string &name)
    {
      using Q = SafePressureMap::Quantity;
      if (name == "diameter-to-thickness ratio")
        return Q::diameter_to_thickness_ratio;
      if (name == "friction coefficient")
        return Q::friction_coefficient;
      if (name == "temperature")
        return Q::temperature;
      if (name == "cloth fraction")
        return Q::cloth_fraction;
      return Q::parameter;
    }

    std::string
    csv_field(const std::string &s)
    {
      if (s.find_first_of(",\"\n") == std::string::npos)
        return s;
      std::string quoted = "\"";
      for (const char c : s)
        quoted += (c == '"' ? std::string("\"\"") : std::string(1, c));
      return quoted + '"';
    }

    std::string
    number(const double value, const int precision = 15)
    {
      std::ostringstream s;
      s << std::setprecision(precision) << value;
      return s.str();
    }

    /// @p s quoted for a POSIX shell: in single quotes, or in double quotes
    /// if it holds a single quote (Young's modulus).
    std::string
    shell_quoted(const std::string &s)
    {
      if (s.find('\'') == std::string::npos)
        return "'" + s + "'";
      std::string q = "\"";
      for (const char c : s)
        {
          if (c == '"' || c == '$' || c == '`' || c == '\\')
            q += '\\';
          q += c;
        }
      return q + '"';
    }

    std::string
    case_name(const unsigned int index)
    {
      std::ostringstream s;
      s << "case_" << std::setw(4) << std::setfill('0') << index;
      return s.str();
    }

    /// Number of values of a task (see run()); its text is the reason a
    /// run stopped early.
    constexpr std::size_t n_numbers = 6;
  } // namespace



  void
  SafePressureMap::declare_parameters(dealii::ParameterHandler &prm)
  {
    using namespace dealii::Patterns;
    prm.enter_subsection("Sweep");
    {
      prm.declare_entry(
        "Base input",
        "../compress_disc/g_licfc.prm",
        Anything(),
        "The compress_disc input file that every case starts from; a "
        "relative name is relative to this input file's folder. Its "
        "Output entries are replaced per case.");
      prm.declare_entry(
        "Base overrides",
        "",
        Anything(),
        "Changes of the base input for every case, 'Subsection/Entry=value' "
        "(like compress_disc --set) separated by '|', e.g. 'Loading/Protocol"
        "=ramp and hold | Loading/Ramp rate=1e5'; applied before the axes. "
        "Units as in compress_disc --print-parameters (SI).");
      prm.declare_entry(
        "Spread limit",
        "5",
        Double(0.),
        "Diameter growth that defines the safe stack pressure [%], > 0: a "
        "case's safe pressure is the nominal pressure [Pa] at which "
        "(D - D0) / D0 first reaches this, interpolated linearly between "
        "time steps.");
    }
    prm.leave_subsection();

    for (unsigned int a = 1; a <= n_axes; ++a)
      {
        prm.enter_subsection("Axis " + std::to_string(a));
        prm.declare_entry(
          "Quantity",
          "none",
          Selection(quantity_names),
          "What this axis varies: 'none' (axis not used); "
          "'diameter-to-thickness ratio' D/h [-] (sets Geometry/Thickness = "
          "Geometry/Diameter / ratio; not with a Mesh file); 'friction "
          "coefficient' mu [-] (Platen/Friction coefficient, with the "
          "coulomb friction model); 'temperature' [C] (Solver/Temperature, "
          "given here in degrees Celsius); 'cloth fraction' [-] (fibre "
          "volume fraction of the cloth layer, Material 0 = composite "
          "mixture, see subsection 'Cloth fraction'); 'parameter' (the "
          "compress_disc entry named by 'Path', in its own unit). The grid "
          "is every combination of the values of the used axes.");
        prm.declare_entry("Values",
                          "",
                          Anything(),
                          "The values of the axis, comma-separated, distinct, "
                          "in the unit of the quantity: D/h [-], mu [-], "
                          "temperature [C], fibre fraction [-], or the "
                          "entry's own unit for 'parameter'.");
        prm.declare_entry("Path",
                          "",
                          Anything(),
                          "With 'Quantity = parameter': the compress_disc "
                          "entry 'Subsection/Entry' to vary, e.g. 'Material "
                          "0/Norton creep/Creep prefactor'.");
        prm.declare_entry("Unit",
                          "",
                          Anything(),
                          "With 'Quantity = parameter': the unit of the "
                          "values, for the CSV header and the plot (e.g. "
                          "'1/s'); empty: none given.");
        prm.leave_subsection();
      }

    prm.enter_subsection("Cloth fraction");
    {
      prm.declare_entry(
        "Reference fibre fraction",
        "0.208",
        Double(0., 1.),
        "Fibre volume fraction of the cloth layer for which the base input's "
        "'composite mixture' constants hold [-], in (0, 1) (G-LiCFC recipe: "
        "0.208, composite_recipe).");
      prm.declare_entry(
        "Void fraction",
        "0.2364",
        Double(0., 1.),
        "Void volume fraction of the cloth layer, kept fixed when the fibre "
        "fraction changes [-], in [0, 1) (G-LiCFC recipe: 0.2364); the "
        "lithium fraction is 1 - void - fibre.");
    }
    prm.leave_subsection();

    prm.enter_subsection("Output");
    {
      prm.declare_entry("Folder",
                        "results/safe_pressure_map",
                        Anything(),
                        "Folder of safe_pressure_map.csv, "
                        "safe_pressure_map.png and the cases (cases/"
                        "case_NNNN/); created if needed, its results "
                        "replaced. A relative name is relative to the "
                        "working directory.");
      prm.declare_entry("Plot",
                        "true",
                        Bool(),
                        "Draw safe_pressure_map.png with "
                        "plot_safe_pressure_map.py (python3 with "
                        "matplotlib) after the cases [-].");
    }
    prm.leave_subsection();
  }



  std::vector<std::pair<std::string, std::string>>
  SafePressureMap::cloth_fraction_overrides(
    const double                                      fibre_fraction,
    const double                                      reference_fraction,
    const double                                      void_fraction,
    const std::function<double(const std::string &)> &base)
  {
    checks::in_range("Void fraction (subsection Cloth fraction)",
                     void_fraction,
                     0.,
                     true,
                     1.,
                     false,
                     "-");
    const double most = 1. - void_fraction;
    checks::in_range("Reference fibre fraction (subsection Cloth fraction)",
                     reference_fraction,
                     0.,
                     false,
                     most,
                     false,
                     "-");
    checks::in_range("cloth fraction (fibre volume fraction of the cloth "
                     "layer, 1 - 'Void fraction' at most)",
                     fibre_fraction,
                     0.,
                     false,
                     most,
                     true,
                     "-");
    const double fibre_scale = fibre_fraction / reference_fraction;
    const double lithium_scale =
      (most - fibre_fraction) / (most - reference_fraction);
    std::vector<std::pair<std::string, std::string>> overrides;
    for (const std::string entry : {"Axial Young's modulus",
                                    "Transverse Young's modulus",
                                    "Axial shear modulus"})
      overrides.emplace_back(cloth_section + entry,
                             number(base(cloth_section + entry) * fibre_scale));
    const std::string weight_path =
      "Material 0/Composite mixture/Lithium weight";
    const double weight = base(weight_path) * lithium_scale;
    if (weight > 1.)
      throw ParameterError(
        "The cloth fraction " + format_number(fibre_fraction) +
        " gives a lithium weight of " + format_number(weight) +
        " (base value x lithium fraction / reference lithium fraction), "
        "above 1 [-]: choose a fibre fraction closer to the 'Reference fibre "
        "fraction' (" +
        format_number(reference_fraction) + ").");
    overrides.emplace_back(weight_path, number(weight));
    return overrides;
  }



  SafePressureMap::SafePressureMap(dealii::ParameterHandler &prm,
                                   const std::string        &input_directory)
  {
    prm.enter_subsection("Sweep");
    {
      base_input = prm.get("Base input");
      if (trim(base_input).empty())
        {
          prm.leave_subsection();
          throw ParameterError("Parameter 'Base input' (subsection Sweep) "
                               "must name a compress_disc input file; it is "
                               "empty.");
        }
      std::filesystem::path path(base_input);
      if (path.is_relative() && !input_directory.empty())
        base_input = (std::filesystem::path(input_directory) / path).string();
      try
        {
          base_overrides =
            parse_override_list(prm.get("Base overrides"),
                                "'Base overrides' (subsection Sweep)");
        }
      catch (...)
        {
          prm.leave_subsection();
          throw;
        }
      limit_pct = prm.get_double("Spread limit");
    }
    prm.leave_subsection();
    if (!(limit_pct > 0.))
      throw ParameterError("Parameter 'Spread limit' (subsection Sweep) must "
                           "be a diameter growth > 0 [%], not " +
                           format_number(limit_pct) + ".");

    prm.enter_subsection("Cloth fraction");
    reference_fibre = prm.get_double("Reference fibre fraction");
    void_fraction   = prm.get_double("Void fraction");
    prm.leave_subsection();

    prm.enter_subsection("Output");
    folder    = prm.get("Folder");
    make_plot = prm.get_bool("Plot");
    prm.leave_subsection();
    if (trim(folder).empty())
      throw ParameterError("Parameter 'Folder' (subsection Output) must not "
                           "be empty.");

    // The base input must exist and parse with the base overrides.
    if (!std::filesystem::is_regular_file(base_input))
      throw ParameterError("Parameter 'Base input' (subsection Sweep) = '" +
                           base_input +
                           "': there is no such file; it must name a "
                           "compress_disc input file (relative to this input "
                           "file's folder).");
    const DiscCase base{base_input, base_overrides};
    try
      {
        dealii::ParameterHandler base_prm;
        DiscCompression::declare_parameters(base_prm);
        base.parse(base_prm);
      }
    catch (const std::exception &e)
      {
        throw ParameterError(
          std::string(base_overrides.empty() ?
                        "Parameter 'Base input' (subsection Sweep) = '" +
                          base_input + "'" :
                        "Parameters 'Base input' and 'Base overrides' "
                        "(subsection Sweep)") +
          ": " + one_line(e.what()));
      }
    const auto base_value = [&base](const std::string &path) {
      return base.get(path);
    };
    const auto base_number = [&base](const std::string &path) {
      return parse_double(base.get(path),
                          "The base input's entry '" + path + "'");
    };

    // The axes.
    std::set<std::string> used;
    for (unsigned int a = 1; a <= n_axes; ++a)
      {
        const std::string section = "Axis " + std::to_string(a);
        prm.enter_subsection(section);
        const std::string quantity = prm.get("Quantity");
        const std::string values   = prm.get("Values");
        const std::string path     = trim(prm.get("Path"));
        const std::string unit     = trim(prm.get("Unit"));
        prm.leave_subsection();
        const std::string where =
          "Parameter 'Values' (subsection " + section + ", " + quantity + ")";
        if (quantity == "none")
          {
            if (!trim(values).empty())
              throw ParameterError(
                "Parameter 'Values' (subsection " + section +
                ") is given but 'Quantity' is 'none': set 'Quantity' to "
                "one of 'diameter-to-thickness ratio', 'friction "
                "coefficient', 'temperature', 'cloth fraction', "
                "'parameter', or remove the values.");
            continue;
          }
        Axis axis;
        axis.quantity = quantity_from_name(quantity);
        axis.name     = quantity;
        axis.values   = parse_values(values, where);
        if (axis.values.empty())
          throw ParameterError(where +
                               " is empty; it must list at least one value "
                               "(comma-separated).");
        {
          std::vector<double> sorted = axis.values;
          std::sort(sorted.begin(), sorted.end());
          if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
            throw ParameterError(where + " = '" + values +
                                 "' holds a value twice; the values must be "
                                 "distinct.");
        }
        if (!used
               .insert(quantity == "parameter" ? "parameter " + path : quantity)
               .second)
          throw ParameterError("Parameter 'Quantity' (subsection " + section +
                               ") = '" + quantity +
                               "': another axis varies it already; each "
                               "quantity may be on one axis only.");
        const std::string values_name = section + "/Values";
        const auto        each        = [&](const double       lower,
                              const bool         lower_included,
                              const double       upper,
                              const bool         upper_included,
                              const std::string &unit_name) {
          for (const double v : axis.values)
            checks::in_range(values_name,
                             v,
                             lower,
                             lower_included,
                             upper,
                             upper_included,
                             unit_name);
        };
        switch (axis.quantity)
          {
            case Quantity::diameter_to_thickness_ratio:
              {
                axis.unit   = "-";
                axis.column = "diameter_to_thickness_ratio";
                for (const double v : axis.values)
                  checks::positive(values_name, v, "-");
                const std::string mesh = trim(base_value("Geometry/Mesh file"));
                if (!mesh.empty())
                  throw ParameterError(
                    "Parameter 'Quantity' (subsection " + section +
                    ") = 'diameter-to-thickness ratio' needs the built-in "
                    "disc mesh, but the base input uses 'Geometry/Mesh file' "
                    "= '" +
                    mesh +
                    "', whose thickness is fixed by the mesh: use a base "
                    "input with an empty Mesh file (Diameter and Thickness "
                    "[m]).");
                break;
              }
            case Quantity::friction_coefficient:
              {
                axis.unit   = "-";
                axis.column = "friction_coefficient";
                for (const double v : axis.values)
                  checks::non_negative(values_name, v, "-");
                const std::string model = base_value("Platen/Friction model");
                if (model != "coulomb")
                  note_list.push_back(
                    section +
                    " (friction coefficient): the base input's friction "
                    "model is '" +
                    model +
                    "'; every case uses 'coulomb' with the axis's "
                    "coefficient.");
                break;
              }
            case Quantity::temperature:
              axis.unit   = "C";
              axis.column = "temperature_C";
              each(-celsius_zero, false, lithium_melting_point, false, "C");
              break;
            case Quantity::cloth_fraction:
              {
                axis.unit                = "-";
                axis.column              = "cloth_fibre_fraction";
                const std::string model0 = base_value("Material 0/Model");
                if (model0 != "composite mixture")
                  throw ParameterError(
                    "Parameter 'Quantity' (subsection " + section +
                    ") = 'cloth fraction' needs Material 0 of the base "
                    "input to be a 'composite mixture' (the cloth layer), "
                    "not '" +
                    model0 + "'.");
                each(0., false, 1. - void_fraction, true, "-");
                break;
              }
            case Quantity::parameter:
              {
                if (path.empty())
                  throw ParameterError(
                    "Parameter 'Path' (subsection " + section +
                    ") must name the compress_disc entry to vary "
                    "('Subsection/Entry') with 'Quantity = parameter'; it is "
                    "empty.");
                if (path.rfind("Output/", 0) == 0)
                  throw ParameterError(
                    "Parameter 'Path' (subsection " + section + ") = '" + path +
                    "': the Output entries are set per case; vary another "
                    "entry.");
                base.get(path); // throws if there is no such entry
                axis.path   = path;
                axis.unit   = unit;
                axis.column = path + (unit.empty() ? "" : " [" + unit + "]");
                break;
              }
          }
        axis_list.push_back(std::move(axis));
      }
    if (axis_list.empty())
      throw ParameterError(
        "Parameter 'Quantity' (subsections Axis 1 to Axis 4): no axis is "
        "used; set 'Quantity' and 'Values' of at least 'Axis 1'.");
    // A parameter axis must not set what a named axis sets.
    for (const auto &axis : axis_list)
      if (axis.quantity == Quantity::parameter)
        for (const auto &[q, p] :
             {std::pair<Quantity, std::string>{
                Quantity::diameter_to_thickness_ratio, "Geometry/Thickness"},
              {Quantity::friction_coefficient, "Platen/Friction coefficient"},
              {Quantity::temperature, "Solver/Temperature"}})
          if (axis.path == p)
            for (const auto &other : axis_list)
              if (other.quantity == q)
                throw ParameterError("Parameter 'Path' = '" + p +
                                     "': the axis '" + other.name +
                                     "' sets this entry already.");

    // Every case: its overrides, checked as compress_disc would check them
    // (this creates the cases' folders).
    const unsigned int n = n_cases();
    case_overrides.resize(n);
    const std::string base_folder =
      std::filesystem::path(base_input).parent_path().string();
    for (unsigned int i = 0; i < n; ++i)
      {
        const auto values = axis_values(i);
        auto      &o      = case_overrides[i];
        for (unsigned int a = 0; a < axis_list.size(); ++a)
          {
            const Axis  &axis = axis_list[a];
            const double v    = values[a];
            switch (axis.quantity)
              {
                case Quantity::diameter_to_thickness_ratio:
                  o.emplace_back("Geometry/Thickness",
                                 number(base_number("Geometry/Diameter") / v));
                  break;
                case Quantity::friction_coefficient:
                  o.emplace_back("Platen/Friction model", "coulomb");
                  o.emplace_back("Platen/Friction coefficient", number(v));
                  break;
                case Quantity::temperature:
                  o.emplace_back("Solver/Temperature",
                                 number(v + celsius_zero));
                  break;
                case Quantity::cloth_fraction:
                  for (auto &c : cloth_fraction_overrides(
                         v, reference_fibre, void_fraction, base_number))
                    o.push_back(std::move(c));
                  break;
                case Quantity::parameter:
                  o.emplace_back(axis.path, number(v));
                  break;
              }
          }
        const DiscCase c = disc_case(i);
        try
          {
            dealii::ParameterHandler case_prm;
            DiscCompression::declare_parameters(case_prm);
            c.parse(case_prm);
            const DiscCompression check(case_prm, "", base_folder);
          }
        catch (const std::exception &e)
          {
            std::ostringstream what;
            for (unsigned int a = 0; a < axis_list.size(); ++a)
              what << (a == 0 ? "" : ", ")
                   << (axis_list[a].quantity == Quantity::parameter ?
                         "'" + axis_list[a].path + "'" :
                         axis_list[a].name)
                   << " = " << format_number(values[a]);
            throw ParameterError("Case " + std::to_string(i) + " (" +
                                 what.str() + ") of base input '" + base_input +
                                 "': " + one_line(e.what()));
          }
      }

    // The output folder.
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error || !std::filesystem::is_directory(folder))
      throw ParameterError("Parameter 'Folder' (subsection Output) = '" +
                           folder +
                           "': the folder cannot be created; it must name a "
                           "folder that can be created and written.");
  }



  unsigned int
  SafePressureMap::n_cases() const
  {
    unsigned int n = 1;
    for (const auto &axis : axis_list)
      n *= axis.values.size();
    return n;
  }



  std::vector<double>
  SafePressureMap::axis_values(const unsigned int index) const
  {
    std::vector<double> values(axis_list.size());
    unsigned int        rest = index;
    for (unsigned int a = axis_list.size(); a-- > 0;)
      {
        const unsigned int m = axis_list[a].values.size();
        values[a]            = axis_list[a].values[rest % m];
        rest /= m;
      }
    return values;
  }



  DiscCase
  SafePressureMap::disc_case(const unsigned int index) const
  {
    DiscCase c{base_input, base_overrides};
    if (index < case_overrides.size())
      c.overrides.insert(c.overrides.end(),
                         case_overrides[index].begin(),
                         case_overrides[index].end());
    c.overrides.emplace_back(
      "Output/Folder",
      (std::filesystem::path(folder) / "cases" / case_name(index)).string());
    c.overrides.emplace_back("Output/Field output", "none");
    c.overrides.emplace_back("Output/Checkpoint interval", "0");
    return c;
  }



  const std::vector<SafePressureMap::Axis> &
  SafePressureMap::axes() const
  {
    return axis_list;
  }



  double
  SafePressureMap::spread_limit() const
  {
    return limit_pct;
  }



  const std::string &
  SafePressureMap::output_folder() const
  {
    return folder;
  }



  std::string
  SafePressureMap::csv_file() const
  {
    return (std::filesystem::path(folder) / "safe_pressure_map.csv").string();
  }



  std::string
  SafePressureMap::png_file() const
  {
    return (std::filesystem::path(folder) / "safe_pressure_map.png").string();
  }



  bool
  SafePressureMap::plot() const
  {
    return make_plot;
  }



  const std::vector<std::string> &
  SafePressureMap::notes() const
  {
    return note_list;
  }



  std::vector<SafePressureMap::CaseResult>
  SafePressureMap::run(const MPI_Comm communicator, std::ostream &out) const
  {
    using Clock              = std::chrono::steady_clock;
    const auto         start = Clock::now();
    const unsigned int n     = n_cases();
    const unsigned int n_ranks =
      dealii::Utilities::MPI::n_mpi_processes(communicator);
    const bool root =
      dealii::Utilities::MPI::this_mpi_process(communicator) == 0;

    out << "Safe stack pressure map: " << n << " case" << (n == 1 ? "" : "s")
        << " on " << n_ranks << " rank" << (n_ranks == 1 ? "" : "s")
        << ", spread limit " << format_number(limit_pct)
        << " % of the diameter\n  base input: " << base_input << '\n';
    for (const auto &[path, value] : base_overrides)
      out << "  base override: " << path << " = " << value << '\n';
    for (const auto &axis : axis_list)
      {
        out << "  axis: " << axis.name
            << (axis.quantity == Quantity::parameter ? " '" + axis.path + "'" :
                                                       std::string())
            << " [" << (axis.unit.empty() ? "?" : axis.unit) << "] =";
        for (const double v : axis.values)
          out << ' ' << format_number(v);
        out << '\n';
      }
    for (const auto &note : note_list)
      out << "  note: " << note << '\n';
    out << "  cases: " << folder << "/cases/case_NNNN/\n\n" << std::flush;

    // One task: run case i, return the numbers and the failure reason (its
    // characters, as doubles).
    const auto task = [this](const unsigned int i) {
      const auto                  t0 = Clock::now();
      const DiscCase              c  = disc_case(i);
      const std::filesystem::path case_folder =
        std::filesystem::path(folder) / "cases" / case_name(i);
      std::filesystem::create_directories(case_folder);
      {
        std::ofstream command(case_folder / "case.txt");
        command << "# compress_disc command of this case:\ncompress_disc "
                << shell_quoted(c.input_file);
        for (const auto &[path, value] : c.overrides)
          command << " \\\n  --set " << shell_quoted(path + '=' + value);
        command << '\n';
      }
      std::ofstream            log(case_folder / "log.txt");
      const CompressionSummary summary = c.run(MPI_COMM_SELF, log);

      Status         status = Status::failed;
      SpreadCrossing crossing;
      double         p_max = 0., d_at_max = 0.;
      if (!summary.history.empty())
        {
          crossing = find_spread_crossing(summary.history, limit_pct);
          for (const auto &r : summary.history)
            p_max = std::max(p_max, r.nominal_pressure);
          for (const auto &r : summary.history)
            if (r.nominal_pressure >= p_max * (1. - 1e-9))
              d_at_max = r.diameter_change_pct;
          status = crossing.reached  ? Status::reached :
                   summary.completed ? Status::not_reached :
                                       Status::failed;
        }
      std::vector<double> values{
        static_cast<double>(status),
        crossing.reached ? crossing.pressure : 0.,
        p_max,
        d_at_max,
        static_cast<double>(summary.steps),
        std::chrono::duration<double>(Clock::now() - t0).count()};
      // Why the run stopped early, also for a case that crossed the limit
      // before (its safe pressure stands).
      const std::string reason =
        summary.completed ?
          std::string() :
          (summary.failure_reason.empty() ? std::string("no step converged") :
                                            one_line(summary.failure_reason));
      return TaskOutput{values, reason};
    };

    std::vector<CaseResult> results(n);
    for (unsigned int first = 0; first < n; first += n_ranks)
      {
        const unsigned int batch = std::min(n_ranks, n - first);
        const auto         done  = run_tasks(
          batch,
          [&task, first](const unsigned int t) { return task(first + t); },
          communicator);
        for (unsigned int t = 0; t < batch; ++t)
          {
            CaseResult &r = results[first + t];
            r.index       = first + t;
            r.axis_values = axis_values(r.index);
            r.folder =
              (std::filesystem::path(folder) / "cases" / case_name(r.index))
                .string();
            const TaskResult &d = done[t];
            if (d.ok && d.values.size() == n_numbers)
              {
                r.status = static_cast<Status>(static_cast<int>(d.values[0]));
                r.safe_pressure                   = d.values[1];
                r.max_pressure                    = d.values[2];
                r.diameter_change_at_max_pressure = d.values[3];
                r.steps          = static_cast<unsigned int>(d.values[4]);
                r.wall_time      = d.values[5];
                r.failure_reason = d.text;
              }
            else
              {
                r.status         = Status::failed;
                r.failure_reason = one_line(d.message);
                if (r.failure_reason.empty())
                  r.failure_reason = "unknown error";
              }

            // The progress line.
            std::ostringstream line;
            line << "case " << std::setw(4) << std::setfill('0') << r.index
                 << std::setfill(' ') << " (" << (r.index + 1) << '/' << n
                 << ")";
            for (unsigned int a = 0; a < axis_list.size(); ++a)
              {
                const Axis &axis = axis_list[a];
                line << (a == 0 ? "  " : ", ")
                     << (axis.quantity == Quantity::parameter ?
                           axis.path.substr(axis.path.rfind('/') + 1) :
                           axis.name)
                     << ' ' << format_number(r.axis_values[a])
                     << (axis.unit.empty() || axis.unit == "-" ?
                           std::string() :
                           " " + axis.unit);
              }
            line << ": " << std::fixed << std::setprecision(2);
            switch (r.status)
              {
                case Status::reached:
                  line << "safe pressure " << r.safe_pressure / 1e6 << " MPa";
                  if (!r.failure_reason.empty())
                    line << " (the run stopped early later, at "
                         << r.max_pressure / 1e6 << " MPa)";
                  break;
                case Status::not_reached:
                  line << "not reached (dD/D "
                       << r.diameter_change_at_max_pressure << " % at "
                       << r.max_pressure / 1e6 << " MPa)";
                  break;
                case Status::failed:
                  line << "FAILED at " << r.max_pressure / 1e6
                       << " MPa: " << r.failure_reason;
                  break;
              }
            line << std::setprecision(0) << "  [" << r.steps << " steps, "
                 << r.wall_time << " s]";
            out << line.str() << '\n' << std::flush;
          }
      }

    // The CSV file (rank 0), through a temporary file and a rename.
    if (root)
      {
        const std::string csv = csv_file();
        const std::string tmp = csv + ".tmp";
        {
          std::ofstream f(tmp);
          f << "case";
          for (const auto &axis : axis_list)
            f << ',' << csv_field(axis.column);
          f << ",safe_pressure_MPa,status,max_pressure_MPa,"
               "diameter_change_at_max_pressure_pct,failure_reason\n";
          for (const auto &r : results)
            {
              f << r.index;
              for (const double v : r.axis_values)
                f << ',' << number(v);
              f << ','
                << (r.status == Status::reached ?
                      number(r.safe_pressure / 1e6) :
                      std::string())
                << ',' << to_string(r.status) << ','
                << number(r.max_pressure / 1e6) << ','
                << number(r.diameter_change_at_max_pressure) << ','
                << csv_field(r.failure_reason) << '\n';
            }
          f.close();
          if (!f)
            throw ParameterError("Parameter 'Folder' (subsection Output) = '" +
                                 folder + "': cannot write " + tmp + ".");
        }
        std::filesystem::rename(tmp, csv);
      }

    // The summary table.
    const double total =
      std::chrono::duration<double>(Clock::now() - start).count();
    unsigned int counts[3] = {0, 0, 0};
    for (const auto &r : results)
      ++counts[static_cast<int>(r.status)];
    out << "\nSummary: safe stack pressure (diameter +"
        << format_number(limit_pct) << " %)\n  case";
    for (const auto &axis : axis_list)
      {
        std::string head = axis.quantity == Quantity::parameter ?
                             axis.path.substr(axis.path.rfind('/') + 1) :
                             axis.name;
        if (!axis.unit.empty() && axis.unit != "-")
          head += " [" + axis.unit + "]";
        out << "  " << std::setw(std::max<int>(10, head.size())) << head;
      }
    out << "  " << std::setw(11) << "p_safe[MPa]"
        << "  " << std::setw(11) << "status"
        << "  " << std::setw(9) << "p_max[MPa]"
        << "  " << std::setw(10) << "dD/D[%]@max"
        << "  " << std::setw(7) << "time[s]" << '\n';
    for (const auto &r : results)
      {
        out << "  " << std::setw(4) << r.index;
        for (unsigned int a = 0; a < axis_list.size(); ++a)
          {
            const auto &axis = axis_list[a];
            std::string head = axis.quantity == Quantity::parameter ?
                                 axis.path.substr(axis.path.rfind('/') + 1) :
                                 axis.name;
            if (!axis.unit.empty() && axis.unit != "-")
              head += " [" + axis.unit + "]";
            out << "  " << std::setw(std::max<int>(10, head.size()))
                << format_number(r.axis_values[a]);
          }
        std::ostringstream p;
        p << std::fixed << std::setprecision(2);
        if (r.status == Status::reached)
          p << r.safe_pressure / 1e6;
        else if (r.status == Status::not_reached)
          p << '>' << r.max_pressure / 1e6;
        else
          p << '-';
        out << "  " << std::setw(11) << p.str() << "  " << std::setw(11)
            << to_string(r.status) << "  " << std::fixed << std::setprecision(2)
            << std::setw(10) << r.max_pressure / 1e6 << "  "
            << std::setprecision(3) << std::setw(11)
            << r.diameter_change_at_max_pressure << "  " << std::setprecision(0)
            << std::setw(7) << r.wall_time << std::defaultfloat
            << std::setprecision(6) << '\n';
      }
    out << "  " << n << " cases: " << counts[0] << " reached, " << counts[1]
        << " not reached, " << counts[2] << " failed; " << std::fixed
        << std::setprecision(0) << total << " s on " << n_ranks << " rank"
        << (n_ranks == 1 ? "" : "s") << std::defaultfloat
        << std::setprecision(6) << "\nResults: " << csv_file() << '\n';
    for (const auto &r : results)
      if (!r.failure_reason.empty())
        out << "  case " << r.index
            << (r.status == Status::failed ?
                  " failed: " :
                  " reached the limit, then stopped early: ")
            << r.failure_reason << " (see " << r.folder << "/log.txt)\n";
    return results;
  }
} // namespace anodemech
