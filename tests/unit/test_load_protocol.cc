// LoadProtocol: the text form "t : p; t : p", piecewise linear pressure,
// corner times, first-reaching times, and errors that name the parameter.

#include <anodemech/base/parameter_error.h>
#include <anodemech/loading/load_protocol.h>

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "../test_utilities.h"

namespace anodemech
{
  namespace test
  {
    namespace
    {
      // Shared helpers of the parameter tests (tests/test_utilities.h).
      constexpr auto protocol_error_of = &test::parameter_error_message;
      constexpr auto has               = &test::contains_text;
      // Runs f, expects a ParameterError, returns its message.

    } // namespace
  }   // namespace test

  namespace
  {
    using test::has;
    using test::protocol_error_of;

    TEST(LoadProtocol, ParsesCornersOfTheDocumentedExample)
    {
      const auto  p = LoadProtocol::parse("0 : 0; 300 : 30e6; 360 : 30e6");
      const auto &c = p.get_corners();
      ASSERT_EQ(c.size(), 3u);
      EXPECT_EQ(c[0].time, 0.);
      EXPECT_EQ(c[0].pressure, 0.);
      EXPECT_EQ(c[1].time, 300.);
      EXPECT_EQ(c[1].pressure, 30e6);
      EXPECT_EQ(c[2].time, 360.);
      EXPECT_EQ(c[2].pressure, 30e6);
      EXPECT_EQ(p.end_time(), 360.);
      EXPECT_EQ(p.corner_times(), (std::vector<double>{0., 300., 360.}));
    }

    TEST(LoadProtocol, ToleratesWhitespaceAndEmptyItems)
    {
      const auto p =
        LoadProtocol::parse("  0:0 ;\n 10 :\t5e3;  ; 25: -1.5e2 ;");
      const auto &c = p.get_corners();
      ASSERT_EQ(c.size(), 3u);
      EXPECT_EQ(c[1].time, 10.);
      EXPECT_EQ(c[1].pressure, 5e3);
      EXPECT_EQ(c[2].time, 25.);
      EXPECT_EQ(c[2].pressure, -150.);
      EXPECT_EQ(p.end_time(), 25.);
    }

    TEST(LoadProtocol, PressureIsPiecewiseLinear)
    {
      // Ramp to 100 in 10 s, unload to 40 by 20 s, hold until 30 s.
      const auto   p   = LoadProtocol::parse("0:0; 10:100; 20:40; 30:40");
      const double tol = 1e-12 * 100.;
      EXPECT_NEAR(p.pressure(0.), 0., tol);
      EXPECT_NEAR(p.pressure(2.5), 25., tol);
      EXPECT_NEAR(p.pressure(10.), 100., tol);
      EXPECT_NEAR(p.pressure(15.), 70., tol);
      EXPECT_NEAR(p.pressure(17.5), 55., tol);
      EXPECT_NEAR(p.pressure(20.), 40., tol);
      EXPECT_NEAR(p.pressure(26.), 40., tol);
      // Constant beyond the last corner, and the first value before t = 0.
      EXPECT_EQ(p.pressure(30.), 40.);
      EXPECT_EQ(p.pressure(1e6), 40.);
      EXPECT_EQ(p.pressure(-3.), 0.);

      // Continuity at the corners: values just either side agree.
      for (const double t : {10., 20.})
        EXPECT_NEAR(p.pressure(t - 1e-9), p.pressure(t + 1e-9), 1e-6);
    }

    TEST(LoadProtocol, RampIsASingleLinearSegment)
    {
      const auto p = LoadProtocol::ramp(30e6, 300.);
      EXPECT_EQ(p.corner_times(), (std::vector<double>{0., 300.}));
      EXPECT_EQ(p.end_time(), 300.);
      EXPECT_NEAR(p.pressure(100.), 10e6, 1e-6);
      EXPECT_EQ(p.pressure(300.), 30e6);
      EXPECT_EQ(p.pressure(400.), 30e6);

      // A non-positive ramp time is an error of the load protocol.
      const auto m = protocol_error_of([] { LoadProtocol::ramp(1e6, 0.); });
      EXPECT_TRUE(has(m, "Load protocol")) << m;
    }

    TEST(LoadProtocol, TimesOfFirstReachingOnARampAndHold)
    {
      const auto p = LoadProtocol::parse("0 : 0; 300 : 30e6; 360 : 30e6");
      // Unsorted, with a duplicate and a pressure that is never reached.
      const auto t =
        p.times_of_first_reaching({20e6, 10e6, 40e6, 30e6, 10e6, 0.});
      ASSERT_EQ(t.size(), 4u);
      EXPECT_EQ(t[0], 0.);
      EXPECT_NEAR(t[1], 100., 1e-10);
      EXPECT_NEAR(t[2], 200., 1e-10);
      EXPECT_EQ(t[3], 300.); // the end of the ramp, not later in the hold
      EXPECT_TRUE(p.times_of_first_reaching({}).empty());
      EXPECT_TRUE(p.times_of_first_reaching({31e6, 1e9}).empty());
    }

    TEST(LoadProtocol, TimesOfFirstReachingTakeTheFirstRisingCrossing)
    {
      // Up to 100, down to 0, up to 200.
      const auto p = LoadProtocol::parse("0:0; 10:100; 20:0; 30:200");
      const auto t = p.times_of_first_reaching({50., 150., 100.});
      ASSERT_EQ(t.size(), 3u);
      EXPECT_NEAR(t[0], 5., 1e-12);   // 50 on the first ramp, not at 25 s
      EXPECT_NEAR(t[1], 10., 1e-12);  // 100 at the first peak
      EXPECT_NEAR(t[2], 27.5, 1e-12); // 150 only on the second ramp

      // Falling first: a pressure below the start is reached while rising.
      const auto q = LoadProtocol::parse("0:100; 10:0; 20:100; 30:300");
      const auto s = q.times_of_first_reaching({50., 200.});
      ASSERT_EQ(s.size(), 2u);
      EXPECT_NEAR(s[0], 15., 1e-12); // not 5 s, where it is falling
      EXPECT_NEAR(s[1], 25., 1e-12);
    }

    TEST(LoadProtocol, ToStringParsesBackToTheSameProtocol)
    {
      const LoadProtocol p({{0., 0.},
                            {12.5, 1.25e6},
                            {300., 30e6},
                            {360.25, 30e6},
                            {1e4, -2.5e-3}});
      const auto         text = p.to_string();
      const auto         q    = LoadProtocol::parse(text);
      ASSERT_EQ(q.get_corners().size(), p.get_corners().size()) << text;
      for (std::size_t i = 0; i < p.get_corners().size(); ++i)
        {
          EXPECT_EQ(q.get_corners()[i].time, p.get_corners()[i].time) << text;
          EXPECT_EQ(q.get_corners()[i].pressure, p.get_corners()[i].pressure)
            << text;
        }
      // And the text is stable: printing the parsed protocol gives it again.
      EXPECT_EQ(q.to_string(), text);

      const auto r = LoadProtocol::parse("0 : 0; 300 : 30e6; 360 : 30e6");
      EXPECT_EQ(LoadProtocol::parse(r.to_string()).corner_times(),
                r.corner_times());
    }

    TEST(LoadProtocol, ToStringRoundTripsComputedValues)
    {
      // Corners computed in the program (e.g. ramp(p, t_end / 3)) need 17
      // significant digits; to_string() promises that parse() reads back
      // the same protocol.

      const double       t1 = 0.1 + 0.2;
      const double       t2 = 1000. / 3.;
      const LoadProtocol p({{0., 0.}, {t1, 1e6 / 3.}, {t2, 2e7 / 3.}});
      const auto         q = LoadProtocol::parse(p.to_string());
      ASSERT_EQ(q.get_corners().size(), 3u);
      EXPECT_EQ(q.get_corners()[1].time, t1) << p.to_string();
      EXPECT_EQ(q.get_corners()[2].time, t2) << p.to_string();
      EXPECT_EQ(q.get_corners()[1].pressure, 1e6 / 3.) << p.to_string();
    }

    TEST(LoadProtocol, FewerThanTwoCornersAreRejected)
    {
      for (const std::string text : {"", "  ; ", "0 : 0"})
        {
          const auto m = protocol_error_of([&] { LoadProtocol::parse(text); });
          EXPECT_TRUE(has(m, "'Load protocol'")) << m;
          EXPECT_TRUE(has(m, "two corners")) << m;
        }
      // The message names the parameter given by the caller.
      const auto m =
        protocol_error_of([] { LoadProtocol::parse("0:0", "Unloading"); });
      EXPECT_TRUE(has(m, "'Unloading'")) << m;
      EXPECT_FALSE(has(m, "Load protocol")) << m;

      const auto c = protocol_error_of([] { LoadProtocol({{0., 1.}}); });
      EXPECT_TRUE(has(c, "'Load protocol'")) << c;
    }

    TEST(LoadProtocol, FirstCornerMustBeAtTimeZero)
    {
      const auto m =
        protocol_error_of([] { LoadProtocol::parse("5 : 0; 10 : 1e6"); });
      EXPECT_TRUE(has(m, "'Load protocol'")) << m;
      EXPECT_TRUE(has(m, "time 0")) << m;
      EXPECT_TRUE(has(m, "5 s")) << m;
    }

    TEST(LoadProtocol, TimesMustIncreaseStrictly)
    {
      for (const std::string text :
           {"0:0; 5:1; 5:2", "0:0; 5:1; 4:2", "0:0; 0:1"})
        {
          const auto m =
            protocol_error_of([&] { LoadProtocol::parse(text, "Protocol A"); });
          EXPECT_TRUE(has(m, "'Protocol A'")) << text << ": " << m;
          EXPECT_TRUE(has(m, "increase strictly")) << text << ": " << m;
        }
    }

    TEST(LoadProtocol, NonNumericTextIsRejected)
    {
      for (const std::string text : {"0:0; abc:5",
                                     "0:0; 5:1e6x",
                                     "0:0; 5:",
                                     "0:0; :5",
                                     "0:0; 5 : 1 2",
                                     "0:0; 1e999:1"})
        {
          const auto m = protocol_error_of([&] { LoadProtocol::parse(text); });
          EXPECT_TRUE(has(m, "'Load protocol'")) << text << ": " << m;
          EXPECT_TRUE(has(m, "not a number")) << text << ": " << m;
        }
      // The offending text is quoted.
      const auto m =
        protocol_error_of([] { LoadProtocol::parse("0:0; 10:thirty"); });
      EXPECT_TRUE(has(m, "'thirty'")) << m;
    }

    TEST(LoadProtocol, MissingColonIsRejected)
    {
      const auto m =
        protocol_error_of([] { LoadProtocol::parse("0:0; 10 30e6"); });
      EXPECT_TRUE(has(m, "'Load protocol'")) << m;
      EXPECT_TRUE(has(m, "':'")) << m;
      EXPECT_TRUE(has(m, "10 30e6")) << m;
    }

    TEST(LoadProtocol, NonFiniteValuesAreRejected)
    {
      const double inf = std::numeric_limits<double>::infinity();
      auto m = protocol_error_of([&] { LoadProtocol({{0., 0.}, {1., inf}}); });
      EXPECT_TRUE(has(m, "'Load protocol'")) << m;
      EXPECT_TRUE(has(m, "finite")) << m;
      m = protocol_error_of([] { LoadProtocol::parse("0:0; inf:1"); });
      EXPECT_TRUE(has(m, "'Load protocol'")) << m;
    }

    // 'ramp and hold' from the report pressures gives the li_sheet table:
    // 0 : 0; 51.9 : 5.19e6; 171.9 : 5.19e6; 297.9 : 17.79e6; 417.9 :
    // 17.79e6; 540 : 30e6; 660 : 30e6 (0.1 MPa/s ramps, 120 s holds).
    TEST(LoadProtocol, RampAndHoldReproducesTheLithiumSheetTable)
    {
      const auto table = LoadProtocol::parse(
        "0 : 0; 51.9 : 5.19e6; 171.9 : 5.19e6; 297.9 : 17.79e6; "
        "417.9 : 17.79e6; 540 : 30e6; 660 : 30e6");
      // Unsorted and with a duplicate: sorted and merged.
      const auto generated =
        LoadProtocol::ramp_and_hold({17.79e6, 5.19e6, 30e6, 5.19e6}, 1e5, 120.);
      const auto &a = table.get_corners();
      const auto &b = generated.get_corners();
      ASSERT_EQ(a.size(), b.size());
      for (std::size_t i = 0; i < a.size(); ++i)
        {
          EXPECT_NEAR(b[i].time, a[i].time, 1e-9) << i;
          EXPECT_EQ(b[i].pressure, a[i].pressure) << i;
        }
      // Without a hold: one corner per pressure.
      const auto ramps = LoadProtocol::ramp_and_hold({1e6, 3e6}, 2e4, 0.);
      ASSERT_EQ(ramps.get_corners().size(), 3u);
      EXPECT_NEAR(ramps.end_time(), 150., 1e-12);
    }

    TEST(LoadProtocol, RampAndHoldRejectsBadEntries)
    {
      auto m =
        protocol_error_of([] { LoadProtocol::ramp_and_hold({1e6}, 0., 10.); });
      EXPECT_TRUE(has(m, "'Ramp rate'")) << m;
      m =
        protocol_error_of([] { LoadProtocol::ramp_and_hold({1e6}, 1e5, -1.); });
      EXPECT_TRUE(has(m, "'Hold time'")) << m;
      m = protocol_error_of([] { LoadProtocol::ramp_and_hold({}, 1e5, 1.); });
      EXPECT_TRUE(has(m, "'Report pressures'")) << m;
      m = protocol_error_of([] {
        LoadProtocol::ramp_and_hold({0., 1e6}, 1e5, 1.);
      });
      EXPECT_TRUE(has(m, "positive")) << m;
    }
  } // namespace
} // namespace anodemech
