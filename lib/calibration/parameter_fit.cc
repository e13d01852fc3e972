#include <anodemech/base/application.h>
#include <anodemech/base/parameter_error.h>
#include <anodemech/calibration/measured_data.h>
#include <anodemech/calibration/parameter_fit.h>
#include <anodemech/loading/load_protocol.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <limits>
#include <sstream>

#include "../base/text.h"

namespace anodemech
{
  namespace
  {
    constexpr unsigned int max_parameters = 6;

    /// 17 significant digits: a value that reads back exactly.
    std::string
    exact(const double value)
    {
      std::ostringstream s;
      s << std::setprecision(17) << value;
      return s.str();
    }

    std::string
    fixed(const double value, const int digits)
    {
      std::ostringstream s;
      s << std::fixed << std::setprecision(digits) << value;
      return s.str();
    }

    std::string
    general(const double value, const int digits = 4)
    {
      if (std::isnan(value))
        return "n/a";
      std::ostringstream s;
      s << std::setprecision(digits) << value;
      return s.str();
    }

    /// A 'subsection ... set ... end' block that sets the entry at @p path.
    std::string
    set_block(const std::string &path,
              const std::string &value,
              const std::string &comment)
    {
      std::vector<std::string> sections;
      std::size_t              start = 0;
      for (std::size_t slash;
           (slash = path.find('/', start)) != std::string::npos;
           start = slash + 1)
        sections.push_back(path.substr(start, slash - start));
      std::string text, indent;
      for (const auto &s : sections)
        {
          text += indent + "subsection " + s + "\n";
          indent += "  ";
        }
      text += indent + "set " + path.substr(start) + " = " + value +
              (comment.empty() ? "" : "   # " + comment) + "\n";
      for (std::size_t i = sections.size(); i-- > 0;)
        text += std::string(2 * i, ' ') + "end\n";
      return text;
    }

    double
    seconds_since(const std::chrono::steady_clock::time_point start)
    {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                           start)
        .count();
    }
  } // namespace



  /// One measured value the fit compares with the model.
  struct FittedValue
  {
    std::size_t point;    ///< index into Data::points
    bool        diameter; ///< diameter change, else thickness change
    double      measured; ///< [%]
    double      weight;   ///< [-]
  };

  struct ParameterFit::Data
  {
    DiscCase                             base;
    std::string                          base_report_pressures;
    std::string                          run_report_pressures;
    std::string                          calibrated_report_pressures;
    std::vector<MeasuredPoint>           points;
    std::string                          data_file;
    ComparePoint                         compare = ComparePoint::end_of_hold;
    std::vector<FittedValue>             values;
    std::vector<LeastSquares::Parameter> parameters;
    LeastSquares::Settings               settings;
    double                               step_limit_factor = 4.;
    // The prediction: a second input that takes over fitted values.
    DiscCase                                         prediction;
    std::vector<std::pair<std::size_t, std::string>> transfers;
    std::string                                      prediction_set;
    std::vector<MeasuredPoint>                       prediction_points;
    std::string              prediction_report_pressures;
    std::string              folder;
    std::string              calibrated_name;
    std::vector<std::string> paths;
  };



  void
  ParameterFit::declare_parameters(dealii::ParameterHandler &prm)
  {
    using namespace dealii::Patterns;
    prm.enter_subsection("Model");
    prm.declare_entry("Base input",
                      "",
                      Anything(),
                      "The compress_disc input file of the model to fit "
                      "(relative to this file's folder); its values are "
                      "the start values and stay fixed unless fitted.");
    prm.declare_entry(
      "Overrides",
      "",
      Anything(),
      "Fixed changes to the base input before fitting, like "
      "compress_disc --set: 'Path/Entry=value' separated by '|' (e.g. "
      "'Loading/Protocol=ramp and hold | Geometry/Radial elements=20'). "
      "They are written into the calibrated input.");
    prm.leave_subsection();

    prm.enter_subsection("Data");
    prm.declare_entry(
      "File",
      "",
      Anything(),
      "CSV file of measured points (relative to this file's folder): a "
      "header row naming the columns pressure_MPa (or pressure_Pa), "
      "diameter_change_pct, thickness_change_pct [%], optionally weight, "
      "diameter_weight, thickness_weight [-] and material; an empty cell "
      "is a value not measured.");
    prm.declare_entry("Data set",
                      "",
                      Anything(),
                      "Only rows whose 'material' column equals this are "
                      "fitted; empty: every row.");
    prm.declare_entry("Quantities",
                      "diameter, thickness",
                      MultipleSelection("diameter|thickness"),
                      "Which measured changes are fitted: diameter growth "
                      "and/or thickness reduction.");
    prm.declare_entry(
      "Compare at",
      "end of hold",
      Selection("end of hold|first reaching"),
      "Which model state stands for a measurement at pressure p: the end "
      "of the time held at p, or the moment p is first reached.");
    prm.declare_entry("Diameter weight",
                      "1",
                      Double(0.),
                      "Weight of every diameter change (times the row's "
                      "weight) [1/%^2], >= 0.");
    prm.declare_entry("Thickness weight",
                      "1",
                      Double(0.),
                      "Weight of every thickness change (times the row's "
                      "weight) [1/%^2], >= 0.");
    prm.leave_subsection();

    for (unsigned int i = 1; i <= max_parameters; ++i)
      {
        prm.enter_subsection("Parameter " + std::to_string(i));
        prm.declare_entry(
          "Path",
          "",
          Anything(),
          "The compress_disc entry to fit, 'Subsection/Entry' (e.g. "
          "'Platen/Friction coefficient', 'Loading/Hold time', 'Material "
          "0/Norton creep/Creep prefactor'); empty: unused.");
        prm.declare_entry("Lower bound",
                          "0",
                          Double(),
                          "Smallest allowed value [the entry's unit].");
        prm.declare_entry("Upper bound",
                          "1",
                          Double(),
                          "Largest allowed value [the entry's unit], > "
                          "Lower bound.");
        prm.declare_entry("Initial value",
                          "",
                          Anything(),
                          "Start value [the entry's unit], strictly between "
                          "the bounds; empty: the base input's value.");
        prm.declare_entry("Scale",
                          "linear",
                          Selection("linear|log"),
                          "Fit the value (linear) or its logarithm (log: for "
                          "values that span decades; bounds > 0).");
        prm.leave_subsection();
      }

    prm.enter_subsection("Least squares");
    prm.declare_entry("Maximum iterations",
                      "30",
                      Integer(1),
                      "Largest number of Levenberg-Marquardt iterations [-].");
    prm.declare_entry("Parameter tolerance",
                      "1e-6",
                      Double(0.),
                      "Converged when each parameter (in its internal "
                      "scaling) changes by less than this, relative [-].");
    prm.declare_entry("Gradient tolerance",
                      "1e-8",
                      Double(0.),
                      "Converged when the scaled gradient of chi^2 is below "
                      "this [-].");
    prm.declare_entry("Cost tolerance",
                      "1e-10",
                      Double(0.),
                      "GSL's ftol: relative change of the residual [-].");
    prm.declare_entry(
      "Finite-difference step",
      "1e-3",
      Double(0.),
      "Step of the finite-difference Jacobian, relative to the span of the "
      "bounds (of the logarithm for log-scaled parameters) [-], in (0, "
      "0.1]. It must exceed the model's numerical noise (Newton tolerance, "
      "time stepping).");
    prm.declare_entry("Finite differences",
                      "forward",
                      Selection("forward|central"),
                      "Forward (one run per parameter) or central (two) "
                      "differences.");
    prm.declare_entry(
      "Step limit factor",
      "4",
      Double(0.),
      "A model run that needs more than this many times the time steps of "
      "the longest successful run so far (at first: the run at the start "
      "values) is stopped and counts as failed, so that the trust region "
      "shrinks; it keeps a wild trial point (say, a hold time at its upper "
      "bound) from running for hours, and it grows with the runs the fit "
      "accepts [-]. 0: no limit; otherwise >= 1.");
    prm.declare_entry(
      "Weights",
      "relative",
      Selection("relative|inverse variance"),
      "relative: standard errors are scaled by chi^2 / (n - p) (the scatter "
      "of the data sets the uncertainty); inverse variance: the weights are "
      "1 / sigma^2 of each value and are used as they are.");
    prm.leave_subsection();

    prm.enter_subsection("Prediction");
    prm.declare_entry(
      "Input",
      "",
      Anything(),
      "A compress_disc input run after the fit with fitted values "
      "transferred to it (relative to this file's folder), e.g. the "
      "composite anode after a fit of the lithium sheet; empty: none.");
    prm.declare_entry(
      "Transfer",
      "",
      Anything(),
      "Which fitted values go where: 'fitted path -> entry of the "
      "prediction input' separated by '|' (e.g. 'Material 0/Norton "
      "creep/Creep prefactor -> Material 0/Composite mixture/Lithium/Creep "
      "prefactor').");
    prm.declare_entry("Data set",
                      "",
                      Anything(),
                      "Rows of the data file (column 'material') that the "
                      "prediction is compared with; they are never "
                      "fitted. Empty: no comparison.");
    prm.leave_subsection();

    prm.enter_subsection("Output");
    prm.declare_entry("Folder",
                      "results/fit",
                      Anything(),
                      "Folder of the fit's report, tables, calibrated input "
                      "and runs; created if needed. Relative to the working "
                      "directory.");
    prm.declare_entry("Calibrated input",
                      "calibrated.prm",
                      Anything(),
                      "File name (in Folder) of the calibrated compress_disc "
                      "input: the base input with the fixed overrides and "
                      "the fitted values appended.");
    prm.leave_subsection();
  }



  ParameterFit::ParameterFit(dealii::ParameterHandler &prm,
                             const std::string        &input_directory)
  {
    namespace fs                 = std::filesystem;
    auto       d                 = std::make_unique<Data>();
    const auto relative_to_input = [&](const std::string &name) {
      fs::path path(name);
      if (path.is_relative() && !input_directory.empty())
        path = fs::path(input_directory) / path;
      return path.lexically_normal().string();
    };

    prm.enter_subsection("Model");
    const std::string base      = prm.get("Base input");
    const std::string overrides = prm.get("Overrides");
    prm.leave_subsection();
    if (internal::trim(base).empty())
      throw ParameterError("Parameter 'Base input' (subsection Model) must "
                           "name a compress_disc input file.");
    d->base.input_file = relative_to_input(internal::trim(base));
    d->base.overrides =
      parse_override_list(overrides, "'Overrides' (subsection Model)");
    try
      {
        d->base_report_pressures = d->base.get("Loading/Report pressures");
      }
    catch (const ParameterError &e)
      {
        throw ParameterError("In the base input (subsection Model): " +
                             std::string(e.what()));
      }

    // The parameters to fit.
    for (unsigned int i = 1; i <= max_parameters; ++i)
      {
        const std::string section = "Parameter " + std::to_string(i);
        prm.enter_subsection(section);
        const std::string path    = internal::trim(prm.get("Path"));
        const double      lower   = prm.get_double("Lower bound");
        const double      upper   = prm.get_double("Upper bound");
        const std::string initial = internal::trim(prm.get("Initial value"));
        const bool        log     = prm.get("Scale") == "log";
        prm.leave_subsection();
        if (path.empty())
          continue;
        if (std::find(d->paths.begin(), d->paths.end(), path) != d->paths.end())
          throw ParameterError("Parameter 'Path' (subsection " + section +
                               "): '" + path + "' is fitted twice.");
        // The entry must exist and hold a number in the base input; the
        // start value is that number unless given.
        std::string base_value;
        try
          {
            base_value = d->base.get(path);
          }
        catch (const ParameterError &e)
          {
            throw ParameterError("Parameter 'Path' (subsection " + section +
                                 "): " + e.what());
          }
        const auto number = [](const std::string &text, double &value) {
          const auto v = internal::to_number(text);
          if (v)
            value = *v;
          return v.has_value();
        };
        double value = 0.;
        if (!number(base_value, value))
          throw ParameterError("Parameter 'Path' (subsection " + section +
                               "): the entry '" + path + "' holds '" +
                               base_value +
                               "', not a number, so it cannot be fitted.");
        if (!initial.empty() && !number(initial, value))
          throw ParameterError("Parameter 'Initial value' (subsection " +
                               section + "): '" + initial +
                               "' is not a number.");
        d->paths.push_back(path);
        d->parameters.push_back({path, lower, upper, value, log});
      }
    if (d->parameters.empty())
      throw ParameterError("No parameter to fit: set 'Path' in subsection "
                           "'Parameter 1' (up to 'Parameter " +
                           std::to_string(max_parameters) + "').");

    // The data.
    prm.enter_subsection("Data");
    const std::string file        = internal::trim(prm.get("File"));
    const std::string data_set    = internal::trim(prm.get("Data set"));
    const std::string quantities  = prm.get("Quantities");
    d->compare                    = prm.get("Compare at") == "end of hold" ?
                                      ComparePoint::end_of_hold :
                                      ComparePoint::first_reaching;
    const double diameter_weight  = prm.get_double("Diameter weight");
    const double thickness_weight = prm.get_double("Thickness weight");
    prm.leave_subsection();
    if (file.empty())
      throw ParameterError("Parameter 'File' (subsection Data) must name the "
                           "CSV file of measured points.");
    if (quantities.empty())
      throw ParameterError("Parameter 'Quantities' (subsection Data) must "
                           "name diameter and/or thickness.");
    d->data_file            = relative_to_input(file);
    d->points               = read_measured_points(d->data_file, data_set);
    const bool fit_diameter = quantities.find("diameter") != std::string::npos;
    const bool fit_thickness =
      quantities.find("thickness") != std::string::npos;
    for (std::size_t k = 0; k < d->points.size(); ++k)
      {
        const auto &q = d->points[k];
        if (fit_diameter && q.diameter_change_pct)
          d->values.push_back({k,
                               true,
                               *q.diameter_change_pct,
                               diameter_weight * q.diameter_weight});
        if (fit_thickness && q.thickness_change_pct)
          d->values.push_back({k,
                               false,
                               *q.thickness_change_pct,
                               thickness_weight * q.thickness_weight});
      }

    prm.enter_subsection("Least squares");
    d->settings.max_iterations      = prm.get_integer("Maximum iterations");
    d->settings.parameter_tolerance = prm.get_double("Parameter tolerance");
    d->settings.gradient_tolerance  = prm.get_double("Gradient tolerance");
    d->settings.cost_tolerance      = prm.get_double("Cost tolerance");
    d->settings.difference_step     = prm.get_double("Finite-difference step");
    d->settings.central_differences =
      prm.get("Finite differences") == "central";
    d->settings.relative_weights = prm.get("Weights") == "relative";
    d->step_limit_factor         = prm.get_double("Step limit factor");
    prm.leave_subsection();
    if (d->step_limit_factor != 0.)
      checks::in_range("Step limit factor",
                       d->step_limit_factor,
                       1.,
                       true,
                       std::numeric_limits<double>::infinity(),
                       false,
                       "-");
    std::vector<double> weights;
    for (const auto &v : d->values)
      weights.push_back(v.weight);
    LeastSquares::check(d->parameters, weights, d->settings);

    // Report pressures of the runs: the measured pressures are added; with
    // a ramp-and-hold protocol those above the largest measured one are
    // dropped (the runs end there).
    std::vector<double> measured;
    for (const auto &q : d->points)
      measured.push_back(q.pressure);
    std::vector<double> all;
    for (const auto &item :
         dealii::Utilities::split_string_list(d->base_report_pressures, ','))
      all.push_back(dealii::Utilities::string_to_double(item));
    all.insert(all.end(), measured.begin(), measured.end());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(),
                          all.end(),
                          [](const double a, const double b) {
                            return std::abs(a - b) <= 1e-9 * std::abs(b);
                          }),
              all.end());
    const auto list = [](const std::vector<double> &values) {
      std::string text;
      for (const double v : values)
        text += (text.empty() ? "" : ", ") + exact(v);
      return text;
    };
    d->calibrated_report_pressures = list(all);
    const double p_max = *std::max_element(measured.begin(), measured.end());
    const bool   ramp_and_hold =
      d->base.get("Loading/Protocol") == "ramp and hold";
    if (ramp_and_hold)
      all.erase(std::remove_if(all.begin(),
                               all.end(),
                               [p_max](const double p) {
                                 return p > p_max * (1. + 1e-9);
                               }),
                all.end());
    else
      {
        const LoadProtocol protocol =
          LoadProtocol::parse(d->base.get("Loading/Load protocol"));
        for (const auto &q : d->points)
          if (protocol.times_of_first_reaching({q.pressure}).empty())
            throw ParameterError(
              "The measured point at " + format_number(q.pressure / 1e6) +
              " MPa (" + d->data_file + ", line " + std::to_string(q.line) +
              ") is never reached by the base input's 'Load protocol' "
              "(subsection Loading): extend the protocol, or leave the point "
              "out.");
      }
    d->run_report_pressures = list(all);

    prm.enter_subsection("Prediction");
    const std::string prediction_input = internal::trim(prm.get("Input"));
    const std::string transfer         = prm.get("Transfer");
    d->prediction_set                  = internal::trim(prm.get("Data set"));
    prm.leave_subsection();
    if (!prediction_input.empty())
      {
        d->prediction.input_file = relative_to_input(prediction_input);
        for (const auto &item :
             dealii::Utilities::split_string_list(transfer, '|'))
          {
            const auto        arrow = item.find("->");
            const std::string from  = internal::trim(item.substr(0, arrow));
            const std::string to    = arrow == std::string::npos ?
                                        std::string() :
                                        internal::trim(item.substr(arrow + 2));
            const auto        fitted =
              std::find(d->paths.begin(), d->paths.end(), from);
            if (to.empty() || fitted == d->paths.end())
              throw ParameterError(
                "Parameter 'Transfer' (subsection Prediction): '" + item +
                "' is not 'fitted path -> entry', with a fitted path (one "
                "of the 'Path' entries of the Parameter subsections).");
            std::string value;
            try
              {
                value = d->prediction.get(to);
              }
            catch (const ParameterError &e)
              {
                throw ParameterError(
                  "Parameter 'Transfer' (subsection Prediction): " +
                  std::string(e.what()));
              }
            if (!internal::to_number(value))
              throw ParameterError(
                "Parameter 'Transfer' (subsection Prediction): the entry '" +
                to + "' of the prediction input is not a number.");
            d->transfers.emplace_back(fitted - d->paths.begin(), to);
          }
        std::vector<double> pressures;
        for (const auto &item : dealii::Utilities::split_string_list(
               d->prediction.get("Loading/Report pressures"), ','))
          pressures.push_back(dealii::Utilities::string_to_double(item));
        if (!d->prediction_set.empty())
          d->prediction_points =
            read_measured_points(d->data_file, d->prediction_set);
        for (const auto &q : d->prediction_points)
          pressures.push_back(q.pressure);
        std::sort(pressures.begin(), pressures.end());
        pressures.erase(std::unique(pressures.begin(),
                                    pressures.end(),
                                    [](const double a, const double b) {
                                      return std::abs(a - b) <=
                                             1e-9 * std::abs(b);
                                    }),
                        pressures.end());
        d->prediction_report_pressures = list(pressures);
      }
    else if (!internal::trim(transfer).empty() || !d->prediction_set.empty())
      throw ParameterError("Parameters 'Transfer' and 'Data set' (subsection "
                           "Prediction) need a prediction 'Input'.");

    prm.enter_subsection("Output");
    d->folder          = internal::trim(prm.get("Folder"));
    d->calibrated_name = internal::trim(prm.get("Calibrated input"));
    prm.leave_subsection();
    if (d->folder.empty())
      throw ParameterError("Parameter 'Folder' (subsection Output) must not "
                           "be empty.");
    if (d->calibrated_name.empty() ||
        d->calibrated_name.find('/') != std::string::npos)
      throw ParameterError("Parameter 'Calibrated input' (subsection Output) "
                           "must be a file name without a folder, not '" +
                           d->calibrated_name + "'.");
    data = std::move(d);
  }



  ParameterFit::~ParameterFit() = default;



  const std::string &
  ParameterFit::output_folder() const
  {
    return data->folder;
  }



  ParameterFit::Summary
  ParameterFit::run(const MPI_Comm communicator, std::ostream &out) const
  {
    namespace fs  = std::filesystem;
    const Data &d = *data;
    const bool  root =
      dealii::Utilities::MPI::this_mpi_process(communicator) == 0;
    const unsigned int rank =
      dealii::Utilities::MPI::this_mpi_process(communicator);
    const unsigned int n_ranks =
      dealii::Utilities::MPI::n_mpi_processes(communicator);
    const std::size_t p          = d.parameters.size();
    const std::size_t n          = d.values.size();
    const auto        start_time = std::chrono::steady_clock::now();

    std::error_code error;
    fs::create_directories(d.folder + "/runs", error);
    if (!fs::is_directory(d.folder + "/runs"))
      throw ParameterError("Parameter 'Folder' (subsection Output): the "
                           "folder '" +
                           d.folder + "' cannot be created.");

    // Every model run: the base input, the overrides, the values; after
    // the start run, a step limit.
    unsigned int step_limit = 0;
    const auto   model_case = [&](const std::vector<double> &x,
                                const std::string         &folder) {
      DiscCase c = d.base;
      if (step_limit > 0)
        c.overrides.emplace_back("Time stepping/Maximum steps",
                                 std::to_string(step_limit));
      c.overrides.emplace_back("Loading/Report pressures",
                               d.run_report_pressures);
      for (std::size_t j = 0; j < p; ++j)
        c.overrides.emplace_back(d.paths[j], exact(x[j]));
      c.overrides.emplace_back("Output/Folder", folder);
      c.overrides.emplace_back("Output/Field output", "none");
      c.overrides.emplace_back("Output/Checkpoint interval", "0");
      return c;
    };
    // Model values at the measured points, in the order of d.values.
    const auto model_values = [&](const CompressionSummary &summary) {
      std::vector<double> values;
      for (const auto &v : d.values)
        {
          const double             pressure = d.points[v.point].pressure;
          const CompressionRecord *r =
            record_at_pressure(summary, pressure, d.compare);
          if (r == nullptr)
            {
              const auto &last = summary.history.back();
              throw std::runtime_error(
                "the disc did not reach " + format_number(pressure / 1e6) +
                " MPa (it stopped at " + fixed(last.nominal_pressure / 1e6, 3) +
                " MPa, t = " + general(last.time, 6) +
                " s: " + summary.failure_reason + ")");
            }
          values.push_back(v.diameter ? r->diameter_change_pct :
                                        r->thickness_change_pct);
        }
      return values;
    };

    std::ofstream history;
    if (root)
      {
        history.open(d.folder + "/fit_history.csv");
        history << "run";
        for (const auto &path : d.paths)
          history << ",\"" << path << '"';
        history << ",ok,chi2,seconds,message\n";
      }
    unsigned int run_counter = 0;

    const LeastSquares::Model model =
      [&](const std::vector<std::vector<double>> &points) {
        const auto batch_start = std::chrono::steady_clock::now();
        auto       results     = run_tasks(
          points.size(),
          [&](const unsigned int k) {
            const std::string folder =
              d.folder + "/runs/rank_" + std::to_string(rank);
            fs::create_directories(folder);
            std::ofstream log(folder + "/log.txt");
            const auto    summary =
              model_case(points[k], folder).run(MPI_COMM_SELF, log);
            auto values = model_values(summary);
            for (std::size_t i = 0; i < n; ++i)
              values[i] -= d.values[i].measured;
            values.push_back(summary.steps); // taken off below
            return TaskOutput{values, ""};
          },
          communicator);
        for (auto &r : results)
          if (r.ok)
            {
              // The limit follows the longest successful run: a start at
              // a point where the disc barely creeps must not fail the
              // runs near the minimum, which need many more steps.
              if (d.step_limit_factor > 0.)
                step_limit =
                  std::max(step_limit,
                           static_cast<unsigned int>(
                             std::ceil(d.step_limit_factor * r.values.back())));
              r.values.pop_back();
            }
        const double seconds = seconds_since(batch_start);
        if (root)
          {
            unsigned int failed = 0;
            for (std::size_t k = 0; k < points.size(); ++k)
              {
                double chi2 = 0.;
                if (results[k].ok)
                  for (std::size_t i = 0; i < n; ++i)
                    chi2 +=
                      d.values[i].weight * std::pow(results[k].values[i], 2);
                history << ++run_counter;
                for (const double x : points[k])
                  history << ',' << exact(x);
                history << ',' << (results[k].ok ? 1 : 0) << ','
                        << (results[k].ok ? exact(chi2) : "") << ','
                        << fixed(seconds, 2) << ",\""
                        << internal::one_line(results[k].message) << "\"\n";
                failed += !results[k].ok;
              }
            history.flush();
            out << "    " << points.size() << " model run(s) on "
                << std::min<std::size_t>(points.size(), n_ranks)
                << " process(es) in " << fixed(seconds, 1) << " s";
            if (failed > 0)
              out << ", " << failed << " failed: "
                  << internal::one_line(
                       std::find_if(results.begin(),
                                    results.end(),
                                    [](const TaskResult &r) { return !r.ok; })
                         ->message);
            out << std::endl;
          }
        return results;
      };

    if (root)
      {
        out << "fit_parameters: " << p << " parameter(s) to " << n
            << " measured value(s) of " << d.points.size() << " point(s) in "
            << d.data_file << "\nbase input: " << d.base.input_file;
        for (const auto &[path, value] : d.base.overrides)
          out << "\n  override: " << path << " = " << value;
        out << "\nruns report at (and land on): " << d.run_report_pressures
            << " Pa\nparameters (start value, bounds):\n";
        for (const auto &q : d.parameters)
          out << "  " << q.name << " = " << general(q.initial, 6) << " in ["
              << general(q.lower, 6) << ", " << general(q.upper, 6) << "]"
              << (q.log_scale ? " (log scale)" : "") << '\n';
        out << "model runs spread over " << n_ranks
            << " MPI process(es); each run's log: " << d.folder
            << "/runs/rank_*/log.txt\n\nstart:" << std::endl;
      }
    const LeastSquares::Monitor monitor = [&](const unsigned int iteration,
                                              const std::vector<double> &x,
                                              const double               chi2) {
      if (!root)
        return;
      out << "iteration " << std::setw(2) << iteration
          << ": chi^2 = " << general(chi2, 6);
      for (std::size_t j = 0; j < p; ++j)
        out << (j == 0 ? ", " : "; ") << d.paths[j] << " = "
            << general(x[j], 6);
      out << " (" << fixed(seconds_since(start_time), 0) << " s)" << std::endl;
    };
    std::vector<double> weights;
    for (const auto &v : d.values)
      weights.push_back(v.weight);

    Summary summary;
    summary.result =
      LeastSquares::fit(d.parameters, weights, model, d.settings, monitor);
    const auto &result = summary.result;

    // Why the fit might not be acceptable.
    std::string problems;
    if (result.outcome == LeastSquares::Outcome::iteration_limit)
      problems += "The fit did not converge in " +
                  std::to_string(result.iterations) +
                  " iterations (raise 'Maximum iterations' in subsection "
                  "'Least squares', or start closer).\n";
    for (std::size_t j = 0; j < p; ++j)
      if (result.at_bound[j])
        {
          const bool upper = result.values[j] > 0.5 * (d.parameters[j].lower +
                                                       d.parameters[j].upper);
          problems +=
            "'" + d.paths[j] + "' ended at its " + (upper ? "upper" : "lower") +
            " bound (" + general(result.values[j], 6) +
            "): the data ask for a value outside the bounds. Widen them if "
            "the physics allows; otherwise the model cannot fit these data "
            "with the other parameters as they are.\n";
        }
    if (!result.identifiability.empty())
      problems += "The parameters are not all determined by these data: " +
                  result.identifiability +
                  ". Fix one of them, or fit more data.\n";
    summary.acceptable = problems.empty();
    summary.problems   = problems;

    // The report.
    std::ostringstream report;
    report << "\nFit of " << p << " parameter(s) to " << n
           << " measured value(s): " << result.outcome_text << " after "
           << result.iterations << " iteration(s), " << result.model_evaluations
           << " model runs, " << fixed(seconds_since(start_time), 1) << " s on "
           << n_ranks << " process(es)\n"
           << "chi^2 = " << general(result.chi2, 6)
           << ", degrees of freedom n - p = " << result.degrees_of_freedom
           << ", condition number of the weighted Jacobian = "
           << general(result.condition_number, 3) << '\n'
           << (step_limit > 0 ?
                 "runs were limited to " + std::to_string(step_limit) +
                   " time steps at the end ('Step limit factor' x the "
                   "longest successful run's)\n" :
                 std::string())
           << '\n'
           << "  " << std::left << std::setw(44) << "parameter" << std::right
           << std::setw(14) << "fitted" << std::setw(14) << "std. error"
           << std::setw(12) << "start" << std::setw(26) << "bounds" << '\n';
    for (std::size_t j = 0; j < p; ++j)
      report << "  " << std::left << std::setw(44) << d.paths[j] << std::right
             << std::setw(14) << general(result.values[j], 6) << std::setw(14)
             << general(result.standard_errors[j], 3) << std::setw(12)
             << general(d.parameters[j].initial, 4) << std::setw(26)
             << ("[" + general(d.parameters[j].lower, 4) + ", " +
                 general(d.parameters[j].upper, 4) + "]" +
                 (result.at_bound[j] ? " AT BOUND" : ""))
             << '\n';
    // On a log scale the linearisation holds in log x: one standard error
    // is a factor exp(se / x) either way, which the linear figure hides
    // when it is comparable with the value itself.
    for (std::size_t j = 0; j < p; ++j)
      if (d.parameters[j].log_scale && std::isfinite(result.standard_errors[j]))
        {
          const double factor =
            std::exp(result.standard_errors[j] / result.values[j]);
          report << "  " << d.paths[j] << " (log scale): one standard error is "
                 << "a factor of " << general(factor, 3) << ", ["
                 << general(result.values[j] / factor, 3) << ", "
                 << general(result.values[j] * factor, 3) << "]\n";
        }
    if (d.settings.relative_weights && result.degrees_of_freedom == 0)
      report << "  (no standard errors: with relative weights they need more "
                "measured values than parameters)\n";
    report << "\ncorrelation matrix:\n";
    for (std::size_t j = 0; j < p; ++j)
      {
        report << "  ";
        for (std::size_t k = 0; k < p; ++k)
          report << std::setw(9)
                 << (std::isnan(result.correlation[j][k]) ?
                       std::string("n/a") :
                       fixed(result.correlation[j][k], 4));
        report << "   " << d.paths[j] << '\n';
      }
    for (std::size_t j = 0; j < p; ++j)
      for (std::size_t k = j + 1; k < p; ++k)
        if (!std::isnan(result.correlation[j][k]) &&
            std::abs(result.correlation[j][k]) > 0.99)
          report << "  note: '" << d.paths[j] << "' and '" << d.paths[k]
                 << "' are strongly correlated ("
                 << general(result.correlation[j][k], 5)
                 << "): the data determine mainly a combination of the "
                    "two.\n";
    report << "\nresiduals (model - measured):\n  " << std::setw(9) << "p [MPa]"
           << std::setw(12) << "quantity" << std::setw(12) << "measured"
           << std::setw(10) << "model" << std::setw(12) << "residual"
           << std::setw(9) << "weight"
           << "   [%]\n";
    for (std::size_t i = 0; i < n; ++i)
      {
        const auto &v = d.values[i];
        report << "  " << std::setw(9)
               << fixed(d.points[v.point].pressure / 1e6, 2) << std::setw(12)
               << (v.diameter ? "diameter" : "thickness") << std::setw(12)
               << fixed(v.measured, 3) << std::setw(10)
               << fixed(v.measured + result.residuals[i], 3) << std::setw(12)
               << fixed(result.residuals[i], 3) << std::setw(9)
               << general(v.weight, 3) << '\n';
      }
    if (!problems.empty())
      report << "\nNOT ACCEPTED:\n" << problems;

    // The calibrated input: the base input with the overrides and the
    // fitted values appended (a later 'set' replaces an earlier one).
    const std::string calibrated = d.folder + "/" + d.calibrated_name;
    summary.calibrated_input     = calibrated;
    if (root)
      {
        std::ofstream file(calibrated);
        {
          std::ifstream base(d.base.input_file);
          file << std::string(std::istreambuf_iterator<char>(base),
                              std::istreambuf_iterator<char>());
        }
        const std::time_t now = std::time(nullptr);
        char              date[32];
        std::strftime(date, sizeof(date), "%Y-%m-%d %H:%M", std::gmtime(&now));
        file << "\n\n# ------------------------------------------------------"
                "---------------\n# Calibrated by fit_parameters ("
             << date << " UTC) from " << d.base.input_file << "\n# to "
             << d.data_file << ": chi^2 = " << general(result.chi2, 6)
             << ", n - p = " << result.degrees_of_freedom << ", "
             << result.outcome_text << ".\n"
             << (problems.empty() ?
                   "" :
                   "# NOT ACCEPTED (see fit_report.txt): these values are "
                   "where the fit stopped.\n")
             << "# The entries below replace those above.\n"
             << "# -------------------------------------------------------"
                "--------------\n";
        for (const auto &[path, value] : d.base.overrides)
          file << set_block(path, value, "fixed override of the fit");
        const std::string mesh = d.base.get("Geometry/Mesh file");
        if (!mesh.empty() && fs::path(mesh).is_relative())
          file << set_block("Geometry/Mesh file",
                            fs::absolute(
                              fs::path(d.base.input_file).parent_path() / mesh)
                              .lexically_normal()
                              .string(),
                            "the base input's mesh, from this file's folder");
        file << set_block("Loading/Report pressures",
                          d.calibrated_report_pressures,
                          "Pa: the base input's and the measured ones");
        for (std::size_t j = 0; j < p; ++j)
          file << set_block(d.paths[j],
                            exact(result.values[j]),
                            "FITTED, standard error " +
                              general(result.standard_errors[j], 3));
        file << set_block("Output/Folder",
                          d.folder + "/best_fit",
                          "the calibrated model's own run");
        if (!file)
          throw ParameterError("Cannot write the calibrated input '" +
                               calibrated + "'.");
      }
    MPI_Barrier(communicator);

    // The calibrated input's own run: the model with fields, for ParaView,
    // and a check that the file reproduces the fitted values.
    if (root)
      out << "\nrunning the calibrated input " << calibrated << " ..."
          << std::endl;
    double reproduction = 0.;
    {
      fs::create_directories(d.folder + "/best_fit");
      std::ofstream log;
      if (root)
        log.open(d.folder + "/best_fit/log.txt");
      const DiscCase           best{calibrated, {}};
      const CompressionSummary run    = best.run(communicator, log);
      const auto               values = model_values(run);
      for (std::size_t i = 0; i < n; ++i)
        reproduction = std::max(reproduction,
                                std::abs(values[i] - (d.values[i].measured +
                                                      result.residuals[i])));
    }
    report << "\nThe calibrated input " << calibrated
           << " reproduces the fitted model values to "
           << general(reproduction, 2) << " % (its run: " << d.folder
           << "/best_fit)\n";

    if (!d.prediction.input_file.empty())
      {
        // The prediction: the second input with the fitted values
        // transferred; its measured points were never fitted.
        DiscCase c = d.prediction;
        report << "\nPREDICTION (not fitted): " << c.input_file;
        for (const auto &[j, to] : d.transfers)
          {
            c.overrides.emplace_back(to, exact(result.values[j]));
            report << "\n  " << to << " = " << general(result.values[j], 6)
                   << " (fitted " << d.paths[j] << ")";
          }
        c.overrides.emplace_back("Loading/Report pressures",
                                 d.prediction_report_pressures);
        c.overrides.emplace_back("Output/Folder", d.folder + "/prediction");
        c.overrides.emplace_back("Output/Checkpoint interval", "0");
        if (root)
          out << "running the prediction " << c.input_file << " ..."
              << std::endl;
        fs::create_directories(d.folder + "/prediction");
        std::ofstream log;
        if (root)
          log.open(d.folder + "/prediction/log.txt");
        const CompressionSummary run = c.run(communicator, log);
        report << "\n  results: " << d.folder << "/prediction"
               << (run.completed ?
                     std::string() :
                     "; the run stopped early: " + run.failure_reason)
               << '\n';
        if (!d.prediction_points.empty())
          {
            std::ofstream table;
            if (root)
              {
                table.open(d.folder + "/prediction.csv");
                table << "line,pressure_MPa,quantity,measured_pct,"
                         "predicted_pct\n";
              }
            report << "  " << std::setw(9) << "p [MPa]" << std::setw(12)
                   << "quantity" << std::setw(12) << "measured" << std::setw(12)
                   << "predicted"
                   << "   [%], data set '" << d.prediction_set << "'\n";
            for (const auto &q : d.prediction_points)
              {
                const CompressionRecord *r =
                  record_at_pressure(run, q.pressure, d.compare);
                for (const bool diameter : {true, false})
                  {
                    const auto &measured =
                      diameter ? q.diameter_change_pct : q.thickness_change_pct;
                    const std::string predicted =
                      r == nullptr ? std::string("not reached") :
                                     fixed(diameter ? r->diameter_change_pct :
                                                      r->thickness_change_pct,
                                           3);
                    report << "  " << std::setw(9) << fixed(q.pressure / 1e6, 2)
                           << std::setw(12)
                           << (diameter ? "diameter" : "thickness")
                           << std::setw(12)
                           << (measured ? fixed(*measured, 3) :
                                          std::string("-"))
                           << std::setw(12) << predicted << '\n';
                    table << q.line << ',' << exact(q.pressure / 1e6) << ','
                          << (diameter ? "diameter" : "thickness") << ','
                          << (measured ? exact(*measured) : std::string())
                          << ','
                          << (r == nullptr ?
                                std::string() :
                                exact(diameter ? r->diameter_change_pct :
                                                 r->thickness_change_pct))
                          << '\n';
                  }
              }
          }
      }

    if (root)
      {
        out << report.str();
        std::ofstream(d.folder + "/fit_report.txt") << report.str();

        std::ofstream table(d.folder + "/fit_parameters.csv");
        table << "path,value,standard_error,initial,lower,upper,scale,"
                 "at_bound\n";
        for (std::size_t j = 0; j < p; ++j)
          table << '"' << d.paths[j] << "\"," << exact(result.values[j]) << ','
                << (std::isnan(result.standard_errors[j]) ?
                      std::string() :
                      exact(result.standard_errors[j]))
                << ',' << exact(d.parameters[j].initial) << ','
                << exact(d.parameters[j].lower) << ','
                << exact(d.parameters[j].upper) << ','
                << (d.parameters[j].log_scale ? "log" : "linear") << ','
                << (result.at_bound[j] ? 1 : 0) << '\n';

        std::ofstream correlation(d.folder + "/fit_correlation.csv");
        correlation << "path";
        for (const auto &path : d.paths)
          correlation << ",\"" << path << '"';
        correlation << '\n';
        for (std::size_t j = 0; j < p; ++j)
          {
            correlation << '"' << d.paths[j] << '"';
            for (std::size_t k = 0; k < p; ++k)
              correlation << ','
                          << (std::isnan(result.correlation[j][k]) ?
                                std::string() :
                                exact(result.correlation[j][k]));
            correlation << '\n';
          }

        std::ofstream residuals(d.folder + "/fit_residuals.csv");
        residuals << "line,pressure_MPa,quantity,measured_pct,model_pct,"
                     "residual_pct,weight\n";
        for (std::size_t i = 0; i < n; ++i)
          {
            const auto &v = d.values[i];
            residuals << d.points[v.point].line << ','
                      << exact(d.points[v.point].pressure / 1e6) << ','
                      << (v.diameter ? "diameter" : "thickness") << ','
                      << exact(v.measured) << ','
                      << exact(v.measured + result.residuals[i]) << ','
                      << exact(result.residuals[i]) << ',' << exact(v.weight)
                      << '\n';
          }
        out << "Results: " << d.folder
            << "/fit_report.txt, fit_parameters.csv, fit_correlation.csv, "
               "fit_residuals.csv, fit_history.csv, "
            << d.calibrated_name << ", best_fit/\n";
      }
    return summary;
  }
} // namespace anodemech
