// find_spread_crossing(): the pressure at which the diameter change of a
// compression history first reaches a limit, against hand-computed values
// (safe stack pressure map, issue 7 point 3), and the cloth-fraction
// mapping of SafePressureMap.

#include <anodemech/base/parameter_error.h>
#include <anodemech/calibration/safe_pressure_map.h>

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace anodemech
{
  namespace
  {
    // Pressures [Pa] and diameter changes [%] of a made-up history: the
    // initial state, a ramp, a hold at 6 MPa (creep) and a ramp to 10 MPa.
    const std::vector<double> p{0., 2e6, 4e6, 6e6, 6e6, 8e6, 10e6};
    const std::vector<double> d{0., 0.5, 1.5, 3.0, 4.0, 6.0, 9.0};

    TEST(SpreadCrossing, FirstCrossingIsInterpolatedLinearly)
    {
      // 2 % lies between (4 MPa, 1.5 %) and (6 MPa, 3.0 %):
      // p = 4 + (2 - 1.5) / (3 - 1.5) x 2 = 4.6667 MPa.
      const auto c = find_spread_crossing(p, d, 2.);
      EXPECT_TRUE(c.reached);
      EXPECT_EQ(c.record, 3u);
      EXPECT_NEAR(c.pressure, 4e6 + 0.5 / 1.5 * 2e6, 1e-6);

      // 5 % is crossed on the ramp after the hold, not earlier:
      // between (6 MPa, 4 %) and (8 MPa, 6 %): p = 7 MPa.
      const auto c5 = find_spread_crossing(p, d, 5.);
      EXPECT_TRUE(c5.reached);
      EXPECT_EQ(c5.record, 5u);
      EXPECT_NEAR(c5.pressure, 7e6, 1e-6);
    }

    TEST(SpreadCrossing, CrossingDuringAHoldGivesTheHoldPressure)
    {
      // 3.5 % is crossed between (6 MPa, 3 %) and (6 MPa, 4 %).
      const auto c = find_spread_crossing(p, d, 3.5);
      EXPECT_TRUE(c.reached);
      EXPECT_EQ(c.record, 4u);
      EXPECT_DOUBLE_EQ(c.pressure, 6e6);
    }

    TEST(SpreadCrossing, ExactHitGivesThatRecordsPressure)
    {
      // 1.5 % is reached exactly at 4 MPa (record 2); "first reaches" means
      // the record itself, not the interval after it.
      const auto c = find_spread_crossing(p, d, 1.5);
      EXPECT_TRUE(c.reached);
      EXPECT_EQ(c.record, 2u);
      EXPECT_DOUBLE_EQ(c.pressure, 4e6);
      // The last record hit exactly.
      const auto last = find_spread_crossing(p, d, 9.);
      EXPECT_TRUE(last.reached);
      EXPECT_EQ(last.record, 6u);
      EXPECT_DOUBLE_EQ(last.pressure, 10e6);
    }

    TEST(SpreadCrossing, NeverReachedIsCensoredAtTheLargestPressure)
    {
      const auto c = find_spread_crossing(p, d, 9.5);
      EXPECT_FALSE(c.reached);
      EXPECT_EQ(c.record, p.size());
      EXPECT_DOUBLE_EQ(c.pressure, 10e6);
      // The largest pressure, not the last one (an unloading at the end).
      const auto u = find_spread_crossing({0., 5e6, 3e6}, {0., 1., 1.2}, 2.);
      EXPECT_FALSE(u.reached);
      EXPECT_DOUBLE_EQ(u.pressure, 5e6);
    }

    TEST(SpreadCrossing, CrossingInTheFirstInterval)
    {
      // Between the initial state (0, 0 %) and (2 MPa, 0.5 %): 0.1 % at
      // 0.4 MPa.
      const auto c = find_spread_crossing(p, d, 0.1);
      EXPECT_TRUE(c.reached);
      EXPECT_EQ(c.record, 1u);
      EXPECT_NEAR(c.pressure, 0.4e6, 1e-6);
    }

    TEST(SpreadCrossing, FirstRecordAtTheLimit)
    {
      const auto c = find_spread_crossing({1e6, 2e6}, {3., 4.}, 2.);
      EXPECT_TRUE(c.reached);
      EXPECT_EQ(c.record, 0u);
      EXPECT_DOUBLE_EQ(c.pressure, 1e6);
    }

    TEST(SpreadCrossing, RecordsOfARun)
    {
      std::vector<CompressionRecord> history(p.size());
      for (std::size_t k = 0; k < p.size(); ++k)
        {
          history[k].nominal_pressure    = p[k];
          history[k].diameter_change_pct = d[k];
        }
      const auto c = find_spread_crossing(history, 2.);
      EXPECT_TRUE(c.reached);
      EXPECT_NEAR(c.pressure, 4e6 + 0.5 / 1.5 * 2e6, 1e-6);
    }

    TEST(SpreadCrossing, RejectsBadArguments)
    {
      EXPECT_THROW(find_spread_crossing(p, d, 0.), std::invalid_argument);
      EXPECT_THROW(find_spread_crossing(p, d, -1.), std::invalid_argument);
      EXPECT_THROW(find_spread_crossing({}, {}, 5.), std::invalid_argument);
      EXPECT_THROW(find_spread_crossing({0., 1e6}, {0.}, 5.),
                   std::invalid_argument);
    }

    TEST(SafePressureMap, ClothFractionMapping)
    {
      const std::string network = "Material 0/Composite mixture/Network/";
      const std::map<std::string, double> base{
        {network + "Axial Young's modulus", 2.26e9},
        {network + "Transverse Young's modulus", 23.9e9},
        {network + "Axial shear modulus", 1.07e9},
        {"Material 0/Composite mixture/Lithium weight", 0.0714}};
      const auto value = [&base](const std::string &path) {
        return base.at(path);
      };
      // Twice the reference fibre fraction 0.2 at void 0.2: moduli x 2,
      // lithium fraction 0.6 -> 0.4, weight x 2/3.
      const auto o =
        SafePressureMap::cloth_fraction_overrides(0.4, 0.2, 0.2, value);
      std::map<std::string, double> got;
      for (const auto &[path, text] : o)
        got[path] = std::stod(text);
      ASSERT_EQ(got.size(), 4u);
      EXPECT_NEAR(got[network + "Axial Young's modulus"], 4.52e9, 1e-3);
      EXPECT_NEAR(got[network + "Transverse Young's modulus"], 47.8e9, 1e-2);
      EXPECT_NEAR(got[network + "Axial shear modulus"], 2.14e9, 1e-3);
      EXPECT_NEAR(got["Material 0/Composite mixture/Lithium weight"],
                  0.0714 * 0.4 / 0.6,
                  1e-12);
      // The reference fraction reproduces the base values.
      for (const auto &[path, text] :
           SafePressureMap::cloth_fraction_overrides(0.2, 0.2, 0.2, value))
        EXPECT_NEAR(std::stod(text), base.at(path), 1e-9 * base.at(path));
      // No room for lithium beyond 1 - void; a fraction of 0 is no cloth.
      EXPECT_THROW(
        SafePressureMap::cloth_fraction_overrides(0.9, 0.2, 0.2, value),
        ParameterError);
      EXPECT_THROW(
        SafePressureMap::cloth_fraction_overrides(0., 0.2, 0.2, value),
        ParameterError);
    }
  } // namespace
} // namespace anodemech
