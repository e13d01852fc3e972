// read_measured_points: the bundled paper data, columns by name, quoted
// fields, missing values, weights, and errors that name file, line and
// column.

#include <anodemech/base/parameter_error.h>
#include <anodemech/calibration/measured_data.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "../test_utilities.h"

namespace anodemech
{
  namespace
  {
    std::string
    write(const std::string &name, const std::string &text)
    {
      const std::string path = testing::TempDir() + name;
      std::ofstream(path) << text;
      return path;
    }

    std::string
    error_of(const std::string &text, const std::string &set = "")
    {
      const std::string file = write("measured_bad.csv", text);
      return test::parameter_error_message(
        [&] { read_measured_points(file, set); });
    }

    TEST(MeasuredData, ReadsThePaperPointsOfOneMaterial)
    {
      const auto li = read_measured_points(std::string(ANODEMECH_DATA_DIR) +
                                             "/zhu2026_compression.csv",
                                           "li_sheet");
      ASSERT_EQ(li.size(), 2u);
      EXPECT_DOUBLE_EQ(li[0].pressure, 5.19e6);
      EXPECT_DOUBLE_EQ(*li[0].diameter_change_pct, 3.74);
      EXPECT_DOUBLE_EQ(*li[0].thickness_change_pct, 3.00);
      EXPECT_DOUBLE_EQ(li[1].pressure, 17.79e6);
      EXPECT_DOUBLE_EQ(*li[1].diameter_change_pct, 37.03);
      EXPECT_DOUBLE_EQ(*li[1].thickness_change_pct, 46.20);
      EXPECT_EQ(li[1].line, 3u);

      // The composite's 30 MPa point has no thickness value (empty cell).
      const auto composite =
        read_measured_points(std::string(ANODEMECH_DATA_DIR) +
                               "/zhu2026_compression.csv",
                             "g_licfc_composite");
      ASSERT_EQ(composite.size(), 2u);
      EXPECT_DOUBLE_EQ(*composite[1].diameter_change_pct, 8.27);
      EXPECT_FALSE(composite[1].thickness_change_pct.has_value());
    }

    TEST(MeasuredData, ReadsColumnsByNameWithWeightsAndComments)
    {
      const auto points = read_measured_points(
        write("measured_ok.csv",
              "# my lab, 2026\n"
              "remark,thickness_change_pct,pressure_Pa,weight,"
              "diameter_weight\n"
              "\"first, soft\",1.5,2e6,2,0.5\n"
              "\n"
              "x,,4e6,,\n"
              "y,,5e6,,\n"),
        "");
      // The 5e6 row has no value at all and is skipped.
      ASSERT_EQ(points.size(), 1u);
      EXPECT_DOUBLE_EQ(points[0].pressure, 2e6);
      EXPECT_DOUBLE_EQ(*points[0].thickness_change_pct, 1.5);
      EXPECT_FALSE(points[0].diameter_change_pct.has_value());
      EXPECT_DOUBLE_EQ(points[0].thickness_weight, 2.);
      EXPECT_DOUBLE_EQ(points[0].diameter_weight, 1.);
      EXPECT_EQ(points[0].line, 3u);
    }

    TEST(MeasuredData, ErrorsNameFileLineAndColumn)
    {
      using test::contains_text;
      EXPECT_TRUE(contains_text(error_of("p,diameter_change_pct\n1,2\n"),
                                "no column 'pressure_MPa' or 'pressure_Pa'"));
      EXPECT_TRUE(contains_text(error_of("pressure_MPa,x\n1,2\n"),
                                "neither 'diameter_change_pct'"));
      const auto bad = error_of("pressure_MPa,diameter_change_pct\n"
                                "1,2\n5,two\n");
      EXPECT_TRUE(contains_text(bad, "line 3")) << bad;
      EXPECT_TRUE(contains_text(bad, "'diameter_change_pct'")) << bad;
      EXPECT_TRUE(contains_text(bad, "'two' is not a number")) << bad;
      EXPECT_TRUE(
        contains_text(error_of("pressure_MPa,diameter_change_pct\n-1,2\n"),
                      "> 0"));
      EXPECT_TRUE(contains_text(
        error_of("pressure_MPa,diameter_change_pct,weight\n1,2,-1\n"),
        "weights must be >= 0"));
      const auto set =
        error_of("material,pressure_MPa,diameter_change_pct\nli,1,2\ncfc,2,3\n",
                 "lI");
      EXPECT_TRUE(contains_text(set, "no measured point of the data set 'lI'"))
        << set;
      EXPECT_TRUE(contains_text(set, "'li', 'cfc'")) << set;
      EXPECT_TRUE(
        contains_text(error_of("pressure_MPa,diameter_change_pct\n1,2\n", "li"),
                      "no column 'material'"));
      EXPECT_TRUE(contains_text(test::parameter_error_message([] {
                                  read_measured_points("/nonexistent/data.csv",
                                                       "");
                                }),
                                "cannot be opened"));
    }
  } // namespace
} // namespace anodemech
