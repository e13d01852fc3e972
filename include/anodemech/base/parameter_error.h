#pragma once

#include <limits>
#include <stdexcept>
#include <string>

namespace anodemech
{
  /**
   * Error raised for invalid user input: a parameter that is missing, of the
   * wrong type or outside its allowed range. The message always names the
   * parameter, its allowed range and, where it is known, its unit, so that an
   * application can print it as it is and exit with a non-zero code.
   */
  class ParameterError : public std::invalid_argument
  {
  public:
    explicit ParameterError(const std::string &message);
  };

  /**
   * Value that marks a physical parameter as "not set". Every physical
   * parameter of the library starts as NaN so that forgetting to set one is
   * an error, never a silent default.
   */
  inline constexpr double unset_parameter =
    std::numeric_limits<double>::quiet_NaN();

  /**
   * Shortest text that reads back as @p value (up to 15 significant digits),
   * for parameter defaults and messages: 7.82e+09 rather than 7820000000.0.
   */
  std::string
  format_number(double value);

  /**
   * Checks used by the parameter structures of the library. Each throws a
   * ParameterError whose message names @p name and the allowed range with
   * its @p unit (SI, e.g. "m", "Pa"; "-" for a dimensionless number, shown
   * as "[-]" after the range), and says "is not set" if @p value is NaN.
   * NaN is tested first, so these checks never raise a floating-point
   * exception.
   */
  namespace checks
  {
    /// @p value must be finite and strictly positive.
    void
    positive(const std::string &name, double value, const std::string &unit);

    /// @p value must be finite and non-negative.
    void
    non_negative(const std::string &name,
                 double             value,
                 const std::string &unit);

    /**
     * @p value must lie in the interval from @p lower to @p upper; the flags
     * say whether each bound is included.
     */
    void
    in_range(const std::string &name,
             double             value,
             double             lower,
             bool               lower_included,
             double             upper,
             bool               upper_included,
             const std::string &unit);
  } // namespace checks
} // namespace anodemech
