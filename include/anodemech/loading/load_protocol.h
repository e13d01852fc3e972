#pragma once

#include <string>
#include <vector>

namespace anodemech
{
  /**
   * A load protocol in real time: the nominal pressure p(t) [Pa] applied by
   * the platen, piecewise linear between corner points (t_i, p_i) with
   * strictly increasing times. Ramps and holds are both segments: a hold is
   * a segment whose two corners carry the same pressure.
   *
   * Text form (the "Load protocol" parameter of the apps): corners separated
   * by ';', each "time [s] : pressure [Pa]", e.g.
   * @code
   * 0 : 0; 300 : 30e6; 360 : 30e6
   * @endcode
   * ramps from 0 to 30 MPa in 300 s and holds for 60 s. The first corner must
   * be at t = 0.
   */
  class LoadProtocol
  {
  public:
    struct Corner
    {
      double time;     ///< [s]
      double pressure; ///< nominal pressure [Pa]
    };

    /**
     * Build from corners; throws ParameterError (naming @p parameter_name)
     * if there are fewer than two corners, the first time is not 0, times
     * do not increase strictly, or a value is not finite.
     */
    explicit LoadProtocol(const std::vector<Corner> &corners,
                          const std::string &parameter_name = "Load protocol");

    /// Parse the text form described above; errors name @p parameter_name.
    static LoadProtocol
    parse(const std::string &text,
          const std::string &parameter_name = "Load protocol");

    /// A single linear ramp from 0 at t = 0 to @p pressure at @p ramp_time.
    static LoadProtocol
    ramp(double pressure, double ramp_time);

    /**
     * Ramps at @p ramp_rate [Pa/s] from 0 up through @p pressures [Pa]
     * (sorted, duplicates removed), holding each for @p hold_time [s] (no
     * hold corner if it is 0). Throws a ParameterError naming the
     * "Loading" entries if there is no pressure, a pressure is not
     * positive, the rate is not positive or the hold is negative.
     */
    static LoadProtocol
    ramp_and_hold(std::vector<double> pressures,
                  double              ramp_rate,
                  double              hold_time);

    /// Nominal pressure at time @p t [Pa]; constant after the last corner.
    double
    pressure(double t) const;

    /// Time of the last corner [s].
    double
    end_time() const;

    /// The corner times [s], in increasing order.
    std::vector<double>
    corner_times() const;

    /**
     * Times at which the pressure first reaches each of @p pressures while
     * it rises (the first crossing, found exactly on the linear segment);
     * pressures never reached are skipped. Sorted, no duplicates.
     */
    std::vector<double>
    times_of_first_reaching(const std::vector<double> &pressures) const;

    const std::vector<Corner> &
    get_corners() const;

    /// The text form, which parse() reads back to the same protocol.
    std::string
    to_string() const;

  private:
    std::vector<Corner> corners;
  };
} // namespace anodemech
