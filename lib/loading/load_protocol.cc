#include <anodemech/base/parameter_error.h>
#include <anodemech/loading/load_protocol.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "../base/text.h"

namespace anodemech
{
  namespace
  {
    using internal::to_number;
    using internal::trim;

    double
    parse_number(const std::string &text,
                 const std::string &parameter_name,
                 const std::string &what)
    {
      const std::string t     = trim(text);
      const auto        value = to_number(t);
      if (!value)
        throw ParameterError("Parameter '" + parameter_name + "': the " + what +
                             " '" + t +
                             "' is not a number. Expected corners "
                             "'time [s] : pressure [Pa]' separated by ';'.");
      return *value;
    }
  } // namespace



  LoadProtocol::LoadProtocol(const std::vector<Corner> &corners_in,
                             const std::string         &parameter_name)
    : corners(corners_in)
  {
    const std::string prefix = "Parameter '" + parameter_name + "': ";
    if (corners.size() < 2)
      throw ParameterError(prefix +
                           "needs at least two corners 'time : pressure' "
                           "(for example '0 : 0; 300 : 30e6').");
    for (const auto &c : corners)
      if (!std::isfinite(c.time) || !std::isfinite(c.pressure))
        throw ParameterError(prefix + "times and pressures must be finite.");
    if (corners.front().time != 0.)
      throw ParameterError(prefix +
                           "the first corner must be at time 0 s, "
                           "not at " +
                           format_number(corners.front().time) + " s.");
    for (std::size_t i = 1; i < corners.size(); ++i)
      if (!(corners[i].time > corners[i - 1].time))
        throw ParameterError(
          prefix + "corner times must increase strictly, but corner " +
          std::to_string(i + 1) + " (t = " + format_number(corners[i].time) +
          " s) does not come after corner " + std::to_string(i) +
          " (t = " + format_number(corners[i - 1].time) + " s).");
  }



  LoadProtocol
  LoadProtocol::parse(const std::string &text,
                      const std::string &parameter_name)
  {
    std::vector<Corner> corners;
    std::stringstream   stream(text);
    std::string         item;
    while (std::getline(stream, item, ';'))
      {
        if (trim(item).empty())
          continue;
        const auto colon = item.find(':');
        if (colon == std::string::npos)
          throw ParameterError("Parameter '" + parameter_name +
                               "': the corner '" + trim(item) +
                               "' has no ':'. Expected corners "
                               "'time [s] : pressure [Pa]' separated by ';'.");
        corners.push_back(
          {parse_number(item.substr(0, colon), parameter_name, "time"),
           parse_number(item.substr(colon + 1), parameter_name, "pressure")});
      }
    return LoadProtocol(corners, parameter_name);
  }



  LoadProtocol
  LoadProtocol::ramp(const double pressure, const double ramp_time)
  {
    return LoadProtocol({{0., 0.}, {ramp_time, pressure}});
  }



  LoadProtocol
  LoadProtocol::ramp_and_hold(std::vector<double> pressures,
                              const double        ramp_rate,
                              const double        hold_time)
  {
    if (!(ramp_rate > 0.) || !std::isfinite(ramp_rate))
      throw ParameterError("Parameter 'Ramp rate' (subsection Loading) must "
                           "be a positive pressure rate [Pa/s], not " +
                           format_number(ramp_rate) + ".");
    if (!(hold_time >= 0.) || !std::isfinite(hold_time))
      throw ParameterError("Parameter 'Hold time' (subsection Loading) must "
                           "be >= 0 [s], not " +
                           format_number(hold_time) + ".");
    if (pressures.empty())
      throw ParameterError(
        "With 'Protocol = ramp and hold' (subsection Loading), parameter "
        "'Report pressures' must list the pressures to ramp to and hold at "
        "[Pa]; it is empty.");
    std::sort(pressures.begin(), pressures.end());
    pressures.erase(std::unique(pressures.begin(), pressures.end()),
                    pressures.end());
    if (!(pressures.front() > 0.))
      throw ParameterError("Parameter 'Report pressures' (subsection Loading) "
                           "must hold positive pressures [Pa], not " +
                           format_number(pressures.front()) + ".");
    std::vector<Corner> corners{{0., 0.}};
    for (const double p : pressures)
      {
        const Corner &last = corners.back();
        corners.push_back({last.time + (p - last.pressure) / ramp_rate, p});
        if (hold_time > 0.)
          corners.push_back({corners.back().time + hold_time, p});
      }
    return LoadProtocol(corners, "Load protocol");
  }



  double
  LoadProtocol::pressure(const double t) const
  {
    if (t <= corners.front().time)
      return corners.front().pressure;
    if (t >= corners.back().time)
      return corners.back().pressure;
    const auto   upper = std::upper_bound(corners.begin(),
                                        corners.end(),
                                        t,
                                        [](const double a, const Corner &c) {
                                          return a < c.time;
                                        });
    const auto   lower = upper - 1;
    const double s     = (t - lower->time) / (upper->time - lower->time);
    return (1. - s) * lower->pressure + s * upper->pressure;
  }



  double
  LoadProtocol::end_time() const
  {
    return corners.back().time;
  }



  std::vector<double>
  LoadProtocol::corner_times() const
  {
    std::vector<double> times;
    for (const auto &c : corners)
      times.push_back(c.time);
    return times;
  }



  std::vector<double>
  LoadProtocol::times_of_first_reaching(
    const std::vector<double> &pressures) const
  {
    std::vector<double> times;
    for (const double p : pressures)
      for (std::size_t i = 1; i < corners.size(); ++i)
        {
          const Corner &a = corners[i - 1];
          const Corner &b = corners[i];
          if (b.pressure > a.pressure && p > a.pressure && p <= b.pressure)
            {
              times.push_back(a.time + (p - a.pressure) /
                                         (b.pressure - a.pressure) *
                                         (b.time - a.time));
              break;
            }
          if (i == 1 && p == a.pressure)
            {
              times.push_back(a.time);
              break;
            }
        }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    return times;
  }



  const std::vector<LoadProtocol::Corner> &
  LoadProtocol::get_corners() const
  {
    return corners;
  }



  std::string
  LoadProtocol::to_string() const
  {
    std::string text;
    for (std::size_t i = 0; i < corners.size(); ++i)
      text += (i ? "; " : "") + format_number(corners[i].time) + " : " +
              format_number(corners[i].pressure);
    return text;
  }
} // namespace anodemech
