#include <anodemech/base/parameter_error.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace anodemech
{
  ParameterError::ParameterError(const std::string &message)
    : std::invalid_argument(message)
  {}

  std::string
  format_number(const double value)
  {
    // 15 significant digits read well (0.1 rather than
    // 0.10000000000000001); fall back to 17, which always reads back to
    // the same double, when 15 do not.
    std::ostringstream s;
    s.precision(15);
    s << value;
    if (std::isfinite(value) && std::strtod(s.str().c_str(), nullptr) != value)
      {
        s.str("");
        s.precision(std::numeric_limits<double>::max_digits10);
        s << value;
      }
    return s.str();
  }



  namespace checks
  {
    namespace
    {
      /// The unit after a range: " m", or " [-]" for a dimensionless one.
      std::string
      with_unit(const std::string &unit)
      {
        if (unit == "-")
          return " [-]";
        return unit.empty() ? std::string() : " " + unit;
      }

      /// The unit after a value: " m", nothing for a dimensionless one.
      std::string
      value_unit(const std::string &unit)
      {
        return unit.empty() || unit == "-" ? std::string() : " " + unit;
      }

      void
      require_set(const std::string &name,
                  double             value,
                  const std::string &range_text)
      {
        if (std::isnan(value))
          throw ParameterError("Parameter '" + name +
                               "' is not set; it must be " + range_text + ".");
        if (!std::isfinite(value))
          throw ParameterError("Parameter '" + name +
                               "' is infinite; it must be " + range_text + ".");
      }

      std::string
      number(const double x)
      {
        return format_number(x);
      }
    } // namespace

    void
    positive(const std::string &name, double value, const std::string &unit)
    {
      const std::string range = "a number > 0" + with_unit(unit);
      require_set(name, value, range);
      if (!(value > 0.))
        throw ParameterError("Parameter '" + name + "' = " + number(value) +
                             value_unit(unit) +
                             " is out of range; it must be " + range + ".");
    }

    void
    non_negative(const std::string &name, double value, const std::string &unit)
    {
      const std::string range = "a number >= 0" + with_unit(unit);
      require_set(name, value, range);
      if (!(value >= 0.))
        throw ParameterError("Parameter '" + name + "' = " + number(value) +
                             value_unit(unit) +
                             " is out of range; it must be " + range + ".");
    }

    void
    in_range(const std::string &name,
             double             value,
             double             lower,
             bool               lower_included,
             double             upper,
             bool               upper_included,
             const std::string &unit)
    {
      const std::string range =
        "in " + std::string(lower_included ? "[" : "(") + number(lower) + ", " +
        number(upper) + (upper_included ? "]" : ")") + with_unit(unit);
      require_set(name, value, range);
      const bool above = lower_included ? value >= lower : value > lower;
      const bool below = upper_included ? value <= upper : value < upper;
      if (!(above && below))
        throw ParameterError("Parameter '" + name + "' = " + number(value) +
                             value_unit(unit) +
                             " is out of range; it must be " + range + ".");
    }
  } // namespace checks
} // namespace anodemech
