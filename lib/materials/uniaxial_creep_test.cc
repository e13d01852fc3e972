#include <anodemech/base/parameter_error.h>
#include <anodemech/materials/homogeneous_driver.h>
#include <anodemech/materials/material_factory.h>
#include <anodemech/materials/uniaxial_creep_test.h>

#include <deal.II/base/parameter_handler.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <limits>
#include <ostream>

namespace anodemech
{
  void
  UniaxialCreepTest::declare_parameters(dealii::ParameterHandler &prm)
  {
    const Settings d;
    prm.enter_subsection("Material");
    MaterialFactory::declare_parameters(prm, "norton creep");
    prm.leave_subsection();

    prm.enter_subsection("Loading");
    prm.declare_entry("Temperature",
                      format_number(d.temperature),
                      dealii::Patterns::Double(0.),
                      "Absolute temperature [K]. Must be > 0.");
    prm.declare_entry("Compressive nominal stress",
                      format_number(d.nominal_stress),
                      dealii::Patterns::Double(0.),
                      "Axial dead load at the end of the ramp, as force per "
                      "initial area, compressive positive [Pa]. Must be >= 0.");
    prm.declare_entry("Ramp time",
                      format_number(d.ramp_time),
                      dealii::Patterns::Double(0.),
                      "Duration of the linear load ramp [s]. Must be > 0.");
    prm.declare_entry("Hold time",
                      format_number(d.hold_time),
                      dealii::Patterns::Double(0.),
                      "Duration of the hold at constant load [s]. Must be "
                      ">= 0.");
    prm.declare_entry("Maximum height reduction",
                      format_number(d.maximum_height_reduction),
                      dealii::Patterns::Double(0., 99.),
                      "The test stops when the height has fallen by this "
                      "much [%]. Must lie in (0, 99].");
    prm.leave_subsection();

    prm.enter_subsection("Time stepping");
    prm.declare_entry("Initial time step",
                      format_number(d.initial_time_step),
                      dealii::Patterns::Double(0.),
                      "First time step [s]. Must be > 0.");
    prm.declare_entry("Maximum time step",
                      format_number(d.maximum_time_step),
                      dealii::Patterns::Double(0.),
                      "Largest time step [s]. Must be >= the initial step.");
    prm.declare_entry("Minimum time step",
                      format_number(d.minimum_time_step),
                      dealii::Patterns::Double(0.),
                      "Smallest time step; a step that fails below it stops "
                      "the run [s]. Must be > 0 and <= the initial step.");
    prm.leave_subsection();

    prm.enter_subsection("Output");
    prm.declare_entry("CSV file",
                      d.csv_file,
                      dealii::Patterns::Anything(),
                      "Creep curve output (comma separated, one row per "
                      "step); empty for none.");
    prm.declare_entry("Progress interval",
                      std::to_string(d.progress_interval),
                      dealii::Patterns::Integer(1),
                      "Print a progress line every this many steps [-].");
    prm.leave_subsection();
  }



  UniaxialCreepTest::UniaxialCreepTest(dealii::ParameterHandler &prm)
  {
    prm.enter_subsection("Material");
    owned_model = MaterialFactory::create(prm);
    prm.leave_subsection();
    model = owned_model.get();

    prm.enter_subsection("Loading");
    settings.temperature    = prm.get_double("Temperature");
    settings.nominal_stress = prm.get_double("Compressive nominal stress");
    settings.ramp_time      = prm.get_double("Ramp time");
    settings.hold_time      = prm.get_double("Hold time");
    settings.maximum_height_reduction =
      prm.get_double("Maximum height reduction");
    prm.leave_subsection();
    prm.enter_subsection("Time stepping");
    settings.initial_time_step = prm.get_double("Initial time step");
    settings.maximum_time_step = prm.get_double("Maximum time step");
    settings.minimum_time_step = prm.get_double("Minimum time step");
    prm.leave_subsection();
    prm.enter_subsection("Output");
    settings.csv_file          = prm.get("CSV file");
    settings.progress_interval = prm.get_integer("Progress interval");
    prm.leave_subsection();
    validate();
  }



  UniaxialCreepTest::UniaxialCreepTest(const ConstitutiveModel &m,
                                       const Settings          &s)
    : model(&m)
    , settings(s)
  {
    validate();
  }



  void
  UniaxialCreepTest::validate() const
  {
    checks::positive("Temperature", settings.temperature, "K");
    checks::non_negative("Compressive nominal stress",
                         settings.nominal_stress,
                         "Pa");
    checks::positive("Ramp time", settings.ramp_time, "s");
    checks::non_negative("Hold time", settings.hold_time, "s");
    checks::in_range("Maximum height reduction",
                     settings.maximum_height_reduction,
                     0.,
                     false,
                     99.,
                     true,
                     "%");
    checks::positive("Initial time step", settings.initial_time_step, "s");
    checks::in_range("Maximum time step",
                     settings.maximum_time_step,
                     settings.initial_time_step,
                     true,
                     std::numeric_limits<double>::max(),
                     true,
                     "s");
    checks::in_range("Minimum time step",
                     settings.minimum_time_step,
                     0.,
                     false,
                     settings.initial_time_step,
                     true,
                     "s");
  }



  UniaxialCreepTest::Summary
  UniaxialCreepTest::run(std::ostream &out) const
  {
    using Control = HomogeneousDeformationDriver::Control;
    HomogeneousDeformationDriver driver(*model, settings.temperature);

    // Rows are written to a temporary file that replaces the output file
    // after every progress interval, so a killed run leaves a readable
    // curve up to its last progress line.
    const std::string tmp_file = settings.csv_file + ".tmp";
    std::ofstream     csv;
    const auto        open_csv = [&]() {
      if (settings.csv_file.empty())
        return;
      csv.open(tmp_file);
      if (!csv)
        throw ParameterError("Parameter 'CSV file': cannot write '" + tmp_file +
                             "'.");
      csv << "time_s,nominal_stress_Pa,cauchy_stress_Pa,height_change_pct,"
                    "diameter_change_pct,axial_log_strain,equivalent_creep_strain,"
                    "equivalent_creep_rate_per_s\n";
      csv << std::setprecision(12);
    };
    const auto publish_csv = [&]() {
      if (settings.csv_file.empty())
        return;
      csv.flush();
      std::ifstream     src(tmp_file, std::ios::binary);
      const std::string part = settings.csv_file + ".part";
      {
        std::ofstream dst(part, std::ios::binary);
        dst << src.rdbuf();
      }
      std::rename(part.c_str(), settings.csv_file.c_str());
    };
    open_csv();

    const double t_ramp  = settings.ramp_time;
    const double t_end   = settings.ramp_time + settings.hold_time;
    const auto   load_at = [&](const double t) {
      return settings.nominal_stress * std::min(t / t_ramp, 1.);
    };
    const auto write_row = [&](const double t, const double P) {
      const auto   lambda = driver.stretches();
      const double sigma  = driver.cauchy_stress()[2][2];
      if (csv.is_open())
        csv << t << ',' << P << ',' << -sigma << ',' << 100. * (lambda[2] - 1.)
            << ',' << 100. * (lambda[0] - 1.) << ',' << std::log(lambda[2])
            << ',' << driver.state().equivalent_creep_strain << ','
            << driver.state().equivalent_creep_rate << '\n';
    };
    write_row(0., 0.);

    out << "Uniaxial creep test: model '" << model->name() << "', "
        << settings.nominal_stress / 1e6 << " MPa nominal, ramp " << t_ramp
        << " s, hold " << settings.hold_time
        << " s, T = " << settings.temperature << " K\n";
    out << std::setw(6) << "step" << std::setw(13) << "time [s]"
        << std::setw(12) << "dt [s]" << std::setw(12) << "P [MPa]"
        << std::setw(12) << "dH/H [%]" << std::setw(12) << "dD/D [%]"
        << std::setw(8) << "iter" << '\n';

    Summary summary;
    double  t  = 0.;
    double  dt = settings.initial_time_step;
    while (t < t_end * (1. - 1e-14))
      {
        // Land exactly on the end of the ramp and of the hold.
        double step = std::min(dt, t_end - t);
        if (t < t_ramp && t + step > t_ramp)
          step = t_ramp - t;
        const double P = load_at(t + step);

        std::array<HomogeneousDeformationDriver::AxisLoad, 3> loads;
        loads[0]          = {Control::cauchy_stress, 0.};
        loads[1]          = {Control::cauchy_stress, 0.};
        loads[2]          = {Control::nominal_stress, -P};
        const auto result = driver.step(step, loads);
        if (!result.converged)
          {
            ++summary.cutbacks;
            dt = step * std::min(0.5, result.suggested_time_step_factor);
            if (dt < settings.minimum_time_step)
              {
                summary.message =
                  std::string("time step fell below the minimum time step (") +
                  format_number(settings.minimum_time_step) +
                  " s) at t = " + format_number(t) +
                  " s: " + (result.failure_reason ? result.failure_reason : "");
                break;
              }
            continue;
          }
        t = driver.time();
        ++summary.steps;
        write_row(t, P);
        dt = std::clamp(step * result.suggested_time_step_factor,
                        settings.minimum_time_step,
                        settings.maximum_time_step);

        const auto   lambda = driver.stretches();
        const double dH     = 100. * (lambda[2] - 1.);
        const bool   stop   = -dH >= settings.maximum_height_reduction;
        const bool   last   = stop || t >= t_end * (1. - 1e-14);
        if (summary.steps % settings.progress_interval == 0 || last)
          {
            out << std::setw(6) << summary.steps << std::setw(13)
                << std::setprecision(6) << t << std::setw(12)
                << std::setprecision(3) << step << std::setw(12)
                << std::setprecision(5) << P / 1e6 << std::setw(12) << dH
                << std::setw(12) << 100. * (lambda[0] - 1.) << std::setw(8)
                << result.iterations << '\n';
            publish_csv();
          }
        if (stop)
          {
            summary.message = "height reduction reached the limit of " +
                              format_number(settings.maximum_height_reduction) +
                              " %";
            break;
          }
      }

    const auto lambda               = driver.stretches();
    summary.end_time                = driver.time();
    summary.height_change_percent   = 100. * (lambda[2] - 1.);
    summary.diameter_change_percent = 100. * (lambda[0] - 1.);
    summary.completed = summary.end_time >= t_end * (1. - 1e-14) ||
                        summary.message.rfind("height", 0) == 0;
    if (csv.is_open())
      {
        csv.close();
        std::rename(tmp_file.c_str(), settings.csv_file.c_str());
      }
    out << "Finished at t = " << summary.end_time << " s after "
        << summary.steps << " steps (" << summary.cutbacks
        << " cut back): height " << summary.height_change_percent
        << " %, diameter " << summary.diameter_change_percent << " %.\n";
    if (!summary.message.empty())
      out << "Stopped: " << summary.message << '\n';
    if (!settings.csv_file.empty())
      out << "Creep curve written to " << settings.csv_file << '\n';
    return summary;
  }
} // namespace anodemech
