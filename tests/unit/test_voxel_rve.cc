// Mesoscale voxel RVE of the woven carbon cloth: the generated plain weave
// against its analytical geometry (tow fraction, centre lines, contact of
// warp and weft), the lithium and electrolyte filling rule, the HDF5 label
// volumes, the parameter checks and the voxel mesh.

#include <anodemech/base/parameter_error.h>
#include <anodemech/composite/voxel_rve.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/tria.h>

#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <deque>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "../test_utilities.h"

namespace anodemech
{
  namespace composite
  {
    namespace test
    {
      namespace
      {
        using anodemech::test::contains_text;
        using anodemech::test::parameter_error_message;

        PlainWeaveParameters
        weave(const unsigned int n_in_plane, const unsigned int n_thickness)
        {
          PlainWeaveParameters p;
          p.voxels_in_plane          = n_in_plane;
          p.voxels_through_thickness = n_thickness;
          return p;
        }

        /// Centre line z of warp tow j at x (i.e. of the tow at y_j).
        double
        warp_centre(const PlainWeaveParameters &p,
                    const unsigned int          j,
                    const double                x)
        {
          const double A = p.effective_crimp_amplitude();
          return p.cell_height() / 2. +
                 (j == 0 ? 1. : -1.) * A * std::sin(M_PI * x / p.tow_spacing);
        }

        /// Centre line z of weft tow i at y.
        double
        weft_centre(const PlainWeaveParameters &p,
                    const unsigned int          i,
                    const double                y)
        {
          const double A = p.effective_crimp_amplitude();
          return p.cell_height() / 2. -
                 (i == 0 ? 1. : -1.) * A * std::sin(M_PI * y / p.tow_spacing);
        }

        /// Index 0 or 1 of the tow whose band s m <= coordinate < s (m+1)
        /// holds @p coordinate (tows at s/2 + m s, w <= s).
        unsigned int
        tow_index(const PlainWeaveParameters &p, const double coordinate)
        {
          return static_cast<unsigned int>(
                   std::floor(coordinate / p.tow_spacing)) %
                 2;
        }

        /// Is @p x inside (or on) the elliptic section of a warp tow?
        bool
        in_warp(const PlainWeaveParameters &p, const dealii::Point<3> &x)
        {
          const unsigned int j  = tow_index(p, x[1]);
          const double       yj = p.tow_spacing * (0.5 + j);
          return std::pow((x[1] - yj) / (p.tow_width / 2.), 2) +
                   std::pow((x[2] - warp_centre(p, j, x[0])) /
                              (p.tow_thickness / 2.),
                            2) <=
                 1.;
        }

        bool
        in_weft(const PlainWeaveParameters &p, const dealii::Point<3> &x)
        {
          const unsigned int i  = tow_index(p, x[0]);
          const double       xi = p.tow_spacing * (0.5 + i);
          return std::pow((x[0] - xi) / (p.tow_width / 2.), 2) +
                   std::pow((x[2] - weft_centre(p, i, x[1])) /
                              (p.tow_thickness / 2.),
                            2) <=
                 1.;
        }

        /// Number of voxels of each phase.
        std::array<std::size_t, phase_ids::n_phases>
        label_counts(const VoxelRVE &rve)
        {
          std::array<std::size_t, phase_ids::n_phases> count{};
          for (const auto label : rve.labels)
            ++count.at(label);
          return count;
        }

        /// Calls f(i, j, k, index, centre) for every voxel.
        void
        for_each_voxel(const VoxelRVE                                      &rve,
                       const std::function<void(unsigned int,
                                                unsigned int,
                                                unsigned int,
                                                std::size_t,
                                                const dealii::Point<3> &)> &f)
        {
          for (unsigned int k = 0; k < rve.n_voxels[2]; ++k)
            for (unsigned int j = 0; j < rve.n_voxels[1]; ++j)
              for (unsigned int i = 0; i < rve.n_voxels[0]; ++i)
                f(i, j, k, rve.voxel_index(i, j, k), rve.voxel_center(i, j, k));
        }

        /// A file name in the test temporary folder, unique to this process.
        std::string
        temporary_file(const std::string &name)
        {
          return (std::filesystem::path(::testing::TempDir()) /
                  ("anodemech_voxel_rve_" + std::to_string(::getpid()) + "_" +
                   name))
            .string();
        }

        /// Write a dataset of @p dims (any rank) of type @p type to a new
        /// file, filled with zeros.
        void
        write_raw_dataset(const std::string          &file_name,
                          const std::vector<hsize_t> &dims,
                          const hid_t                 file_type)
        {
          std::size_t n = 1;
          for (const hsize_t d : dims)
            n *= d;
          const std::vector<double> zeros(n, 0.);
          const hid_t               file = H5Fcreate(file_name.c_str(),
                                       H5F_ACC_TRUNC,
                                       H5P_DEFAULT,
                                       H5P_DEFAULT);
          ASSERT_GE(file, 0);
          const hid_t space   = H5Screate_simple(static_cast<int>(dims.size()),
                                               dims.data(),
                                               nullptr);
          const hid_t dataset = H5Dcreate2(file,
                                           "labels",
                                           file_type,
                                           space,
                                           H5P_DEFAULT,
                                           H5P_DEFAULT,
                                           H5P_DEFAULT);
          ASSERT_GE(dataset, 0);
          EXPECT_GE(H5Dwrite(dataset,
                             H5T_NATIVE_DOUBLE,
                             H5S_ALL,
                             H5S_ALL,
                             H5P_DEFAULT,
                             zeros.data()),
                    0);
          H5Dclose(dataset);
          H5Sclose(space);
          H5Fclose(file);
        }
      } // namespace
    }   // namespace test

    namespace
    {
      using namespace test;

      TEST(VoxelRVE, PhaseNamesAndLegend)
      {
        EXPECT_EQ(phase_name(phase_ids::void_phase), "void");
        EXPECT_EQ(phase_name(phase_ids::warp_tow), "warp tow");
        EXPECT_EQ(phase_name(phase_ids::weft_tow), "weft tow");
        EXPECT_EQ(phase_name(phase_ids::lithium), "lithium");
        EXPECT_EQ(phase_name(phase_ids::electrolyte), "electrolyte");
        EXPECT_EQ(label_legend(),
                  "0:void, 1:warp tow, 2:weft tow, 3:lithium, 4:electrolyte");
        EXPECT_TRUE(
          contains_text(parameter_error_message([] { phase_name(7); }),
                        "phase id 7"));
      }

      // The voxelised tow volume against pi w t / (2 s H). Voxels are
      // classified by their centre, so only voxels cut by a tow surface can
      // be wrong, and a point is misclassified only if it lies within half a
      // voxel of the surface: the error is at most one voxel layer over the
      // tow surfaces, S h_max / V. Bound on S (four tows, each the surface
      // (x, th) -> (x, y_j + w/2 cos th, z_c(x) + t/2 sin th), whose area
      // element |r_x x r_th| <= |r_x| |r_th|): S <= 4 L P with the centre-line
      // length L <= 2s sqrt(1 + (pi A / s)^2) (|z_c'| <= pi A / s) and the
      // ellipse perimeter P <= pi sqrt((w^2 + t^2) / 2).
      TEST(VoxelRVE, TowFractionConvergesToTheAnalyticalOne)
      {
        std::vector<double> errors;
        for (const unsigned int n : {32u, 96u})
          {
            const auto   p   = weave(n, n);
            const auto   rve = generate_plain_weave(p);
            const auto   f   = rve.phase_fractions();
            const double phi_voxels =
              f[phase_ids::warp_tow] + f[phase_ids::weft_tow];
            ASSERT_TRUE(rve.analytical_tow_fraction.has_value());
            const double phi_exact = *rve.analytical_tow_fraction;
            EXPECT_DOUBLE_EQ(phi_exact,
                             M_PI * p.tow_width * p.tow_thickness /
                               (2. * p.tow_spacing * p.cell_height()));

            const double s = p.tow_spacing, w = p.tow_width,
                         t = p.tow_thickness, A = p.effective_crimp_amplitude();
            const double S = 4. * 2. * s *
                             std::sqrt(1. + std::pow(M_PI * A / s, 2)) * M_PI *
                             std::sqrt((w * w + t * t) / 2.);
            const auto   size  = rve.size();
            const double V     = size[0] * size[1] * size[2];
            const double h_max = std::max(rve.voxel_size[0], rve.voxel_size[2]);
            const double error = std::abs(phi_voxels - phi_exact);
            EXPECT_LE(error, S * h_max / V) << "n = " << n;
            // Warp and weft are the same tows turned by 90 degrees.
            EXPECT_NEAR(f[phase_ids::warp_tow],
                        f[phase_ids::weft_tow],
                        2. / rve.n_total_voxels());
            errors.push_back(error);
          }
        EXPECT_LT(errors[1], errors[0]);
        EXPECT_LT(errors[1], 0.01);
      }

      TEST(VoxelRVE, LithiumAndElectrolyteFractionsMatchTheRequest)
      {
        const auto   p   = weave(32, 32);
        const auto   rve = generate_plain_weave(p);
        const auto   f   = rve.phase_fractions();
        const double N   = rve.n_total_voxels();
        EXPECT_LE(std::abs(f[phase_ids::lithium] - p.lithium_fraction), 1. / N);
        EXPECT_LE(std::abs(f[phase_ids::electrolyte] - p.electrolyte_fraction),
                  1. / N);
        const double sum = f[phase_ids::warp_tow] + f[phase_ids::weft_tow] +
                           f[phase_ids::lithium] + f[phase_ids::electrolyte];
        EXPECT_NEAR(f[phase_ids::void_phase], 1. - sum, 1e-12);
        EXPECT_GT(f[phase_ids::void_phase], 0.);

        // Lithium only in the cloth layer; the coating (closer to a face
        // than c) all electrolyte, since the request exceeds its volume.
        const double z0 = p.cell_height() / 2.;
        const double c  = p.coating_thickness;
        const double H  = p.cell_height();
        ASSERT_GT(p.electrolyte_fraction, 2. * c / H);
        std::size_t n_coating = 0;
        for_each_voxel(rve,
                       [&](unsigned int,
                           unsigned int,
                           unsigned int,
                           const std::size_t       index,
                           const dealii::Point<3> &x) {
                         if (rve.labels[index] == phase_ids::lithium)
                           {
                             EXPECT_LE(std::abs(x[2] - z0),
                                       p.effective_crimp_amplitude() +
                                         p.tow_thickness / 2.);
                           }
                         if (x[2] < c || x[2] > H - c)
                           {
                             ++n_coating;
                             EXPECT_EQ(rve.labels[index],
                                       phase_ids::electrolyte);
                           }
                       });
        EXPECT_GT(n_coating, 0u);
      }

      // The filling order: lithium is nearer to the tows (6-connected voxel
      // distance, periodic in x and y; computed here again) than any empty
      // voxel of the cloth layer; electrolyte is nearer to a face (in voxel
      // layers) than any void voxel.
      TEST(VoxelRVE, LithiumWetsTheTowsAndElectrolyteFillsFromTheFaces)
      {
        auto p                 = weave(24, 20);
        p.electrolyte_fraction = 0.1; // less than the coating
        p.lithium_fraction     = 0.3;
        const auto         rve = generate_plain_weave(p);
        const unsigned int n = rve.n_voxels[0], nz = rve.n_voxels[2];
        const std::size_t  N = rve.n_total_voxels();

        std::vector<unsigned int> distance(N, 1u << 30);
        std::deque<std::size_t>   queue;
        for (std::size_t m = 0; m < N; ++m)
          if (rve.labels[m] == phase_ids::warp_tow ||
              rve.labels[m] == phase_ids::weft_tow)
            {
              distance[m] = 0;
              queue.push_back(m);
            }
        while (!queue.empty())
          {
            const std::size_t m = queue.front();
            queue.pop_front();
            const unsigned int i = m % n, j = (m / n) % n, k = m / (n * n);
            std::vector<std::size_t> next{
              rve.voxel_index((i + 1) % n, j, k),
              rve.voxel_index((i + n - 1) % n, j, k),
              rve.voxel_index(i, (j + 1) % n, k),
              rve.voxel_index(i, (j + n - 1) % n, k)};
            if (k + 1 < nz)
              next.push_back(rve.voxel_index(i, j, k + 1));
            if (k > 0)
              next.push_back(rve.voxel_index(i, j, k - 1));
            for (const std::size_t q : next)
              if (distance[q] > distance[m] + 1)
                {
                  distance[q] = distance[m] + 1;
                  queue.push_back(q);
                }
          }

        const double z0 = p.cell_height() / 2.;
        const double half =
          p.effective_crimp_amplitude() + p.tow_thickness / 2.;
        unsigned int max_lithium = 0, min_empty_in_layer = 1u << 30;
        unsigned int max_electrolyte = 0, min_void = 1u << 30;
        for_each_voxel(rve,
                       [&](unsigned int,
                           unsigned int,
                           const unsigned int      k,
                           const std::size_t       m,
                           const dealii::Point<3> &x) {
                         const unsigned int layer = std::min(k, nz - 1 - k);
                         const auto         label = rve.labels[m];
                         if (label == phase_ids::lithium)
                           max_lithium = std::max(max_lithium, distance[m]);
                         else if ((label == phase_ids::void_phase ||
                                   label == phase_ids::electrolyte) &&
                                  std::abs(x[2] - z0) <= half)
                           min_empty_in_layer =
                             std::min(min_empty_in_layer, distance[m]);
                         if (label == phase_ids::electrolyte)
                           max_electrolyte = std::max(max_electrolyte, layer);
                         else if (label == phase_ids::void_phase)
                           min_void = std::min(min_void, layer);
                       });
        EXPECT_LE(max_lithium, min_empty_in_layer);
        EXPECT_LE(max_electrolyte, min_void);
        EXPECT_GT(max_lithium, 0u);
        const auto f = rve.phase_fractions();
        EXPECT_LE(std::abs(f[phase_ids::electrolyte] - 0.1), 1. / N);
        EXPECT_LE(std::abs(f[phase_ids::lithium] - 0.3), 1. / N);
      }

      // The fibre direction of every tow voxel is a unit vector along the
      // tangent (1, 0, dz_c/dx) of its warp centre line or (0, 1, dz_c/dy)
      // of its weft centre line, the slope from a central difference.
      TEST(VoxelRVE, FiberDirectionsAreUnitTangentsOfTheCentreLines)
      {
        const auto   p     = weave(32, 32);
        const auto   rve   = generate_plain_weave(p);
        const double h     = 1e-7 * p.tow_spacing;
        unsigned int n_tow = 0;
        for_each_voxel(
          rve,
          [&](unsigned int,
              unsigned int,
              unsigned int,
              const std::size_t       m,
              const dealii::Point<3> &x) {
            const auto                 id = rve.labels[m];
            const dealii::Tensor<1, 3> a  = rve.fiber_direction(x, id);
            if (id != phase_ids::warp_tow && id != phase_ids::weft_tow)
              {
                EXPECT_EQ(a.norm(), 0.);
                return;
              }
            ++n_tow;
            EXPECT_NEAR(a.norm(), 1., 1e-14);
            dealii::Tensor<1, 3> tangent;
            if (id == phase_ids::warp_tow)
              {
                const unsigned int j = tow_index(p, x[1]);
                tangent[0]           = 1.;
                tangent[2] =
                  (warp_centre(p, j, x[0] + h) - warp_centre(p, j, x[0] - h)) /
                  (2. * h);
              }
            else
              {
                const unsigned int i = tow_index(p, x[0]);
                tangent[1]           = 1.;
                tangent[2] =
                  (weft_centre(p, i, x[1] + h) - weft_centre(p, i, x[1] - h)) /
                  (2. * h);
              }
            tangent /= tangent.norm();
            EXPECT_NEAR((a - tangent).norm(), 0., 1e-7);
          });
        EXPECT_GT(n_tow, 0u);

        // The crimp tilts the fibres: at x = 0 the warp tow 0 rises with the
        // slope pi A / s.
        const double slope =
          M_PI * p.effective_crimp_amplitude() / p.tow_spacing;
        const auto a0 =
          rve.fiber_direction(dealii::Point<3>(0., p.tow_spacing / 2., 0.),
                              phase_ids::warp_tow);
        EXPECT_NEAR(a0[2] / a0[0], slope, 1e-12);

        // A scanned volume has no crimp information: warp x, weft y.
        VoxelRVE               scan;
        const dealii::Point<3> x(1e-4, 2e-4, 3e-4);
        EXPECT_EQ(scan.fiber_direction(x, phase_ids::warp_tow)[0], 1.);
        EXPECT_EQ(scan.fiber_direction(x, phase_ids::weft_tow)[1], 1.);
        EXPECT_EQ(scan.fiber_direction(x, phase_ids::lithium).norm(), 0.);
      }

      // With A = t/2 warp and weft touch at the crossovers. A voxel "claimed
      // by both" is one whose centre satisfies both ellipse inequalities;
      // the generator counts them (n_voxels_in_both_tows) and the test
      // counts them again with its own centre lines.
      TEST(VoxelRVE, WarpAndWeftNeverOverlap)
      {
        for (const auto &[n, nz] : std::vector<std::pair<unsigned, unsigned>>{
               {32, 32}, {48, 40}, {64, 64}, {30, 30}})
          {
            auto p            = weave(n, nz);
            p.crimp_amplitude = p.tow_thickness / 2.;
            const auto   rve  = generate_plain_weave(p);
            unsigned int both = 0, warp = 0, weft = 0;
            for_each_voxel(rve,
                           [&](unsigned int,
                               unsigned int,
                               unsigned int,
                               const std::size_t       m,
                               const dealii::Point<3> &x) {
                             const bool a = in_warp(p, x), b = in_weft(p, x);
                             both += (a && b);
                             warp += a;
                             weft += b;
                             EXPECT_EQ(rve.labels[m] == phase_ids::warp_tow, a);
                             EXPECT_EQ(rve.labels[m] == phase_ids::weft_tow, b);
                           });
            EXPECT_EQ(rve.n_voxels_in_both_tows, 0u) << n << " x " << nz;
            EXPECT_EQ(both, 0u) << n << " x " << nz;
            EXPECT_GT(warp, 0u);
            EXPECT_EQ(warp, weft);
          }

        // Wider tows need more crimp: w = 0.8 s > 2s/pi with the smallest
        // amplitude allowed still has no voxel in both.
        auto p            = weave(40, 40);
        p.tow_width       = 0.8 * p.tow_spacing;
        p.crimp_amplitude = p.minimum_crimp_amplitude();
        EXPECT_GT(p.crimp_amplitude, 0.5 * p.tow_thickness);
        p.lithium_fraction     = 0.3;
        p.electrolyte_fraction = 0.2;
        const auto rve         = generate_plain_weave(p);
        EXPECT_EQ(rve.n_voxels_in_both_tows, 0u);
      }

      // On a coarse grid the voxelised tows can leave less room than the
      // analytical geometry: the voxel count is checked again.
      TEST(VoxelRVE, GenerationChecksThatTheLithiumFitsTheVoxels)
      {
        const auto p = weave(8, 8);
        EXPECT_NO_THROW(p.validate());
        const auto message =
          parameter_error_message([&] { generate_plain_weave(p); });
        EXPECT_TRUE(contains_text(message, "'Lithium fraction' = 0.4"))
          << message;
        EXPECT_TRUE(contains_text(message, "205 of 512 voxels")) << message;
        EXPECT_TRUE(contains_text(message, "only 192 voxels")) << message;
      }

      TEST(VoxelRVE, LabelVolumeRoundTripThroughHdf5)
      {
        auto              p    = weave(16, 12);
        const VoxelRVE    rve  = generate_plain_weave(p);
        const std::string file = temporary_file("round_trip.h5");
        write_label_volume(rve, file, "scan/labels");
        EXPECT_FALSE(std::filesystem::exists(file + ".tmp"));

        const auto read = read_label_volume(file,
                                            "scan/labels",
                                            rve.voxel_size,
                                            parse_label_map(label_legend()));
        EXPECT_EQ(read.n_voxels, rve.n_voxels);
        EXPECT_EQ(read.voxel_size, rve.voxel_size);
        EXPECT_EQ(read.labels, rve.labels);
        EXPECT_FALSE(read.analytical_tow_fraction.has_value());

        // Another map: warp and weft both read as lithium.
        const auto merged =
          read_label_volume(file,
                            "/scan/labels",
                            rve.voxel_size,
                            parse_label_map(
                              "0:void, 1:lithium, 2:lithium, 3:lithium, "
                              "4:electrolyte"));
        const auto f = merged.phase_fractions(), g = rve.phase_fractions();
        EXPECT_NEAR(f[phase_ids::lithium],
                    g[phase_ids::lithium] + g[phase_ids::warp_tow] +
                      g[phase_ids::weft_tow],
                    1e-12);

        // The attributes: voxel size and legend.
        const hid_t h5   = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        const hid_t data = H5Dopen2(h5, "scan/labels", H5P_DEFAULT);
        std::array<double, 3> size{};
        const hid_t attribute = H5Aopen(data, "voxel_size", H5P_DEFAULT);
        EXPECT_GE(H5Aread(attribute, H5T_NATIVE_DOUBLE, size.data()), 0);
        EXPECT_EQ(size, rve.voxel_size);
        EXPECT_GT(H5Aexists(data, "label_legend"), 0);
        std::array<hsize_t, 3> dims{};
        const hid_t            space = H5Dget_space(data);
        H5Sget_simple_extent_dims(space, dims.data(), nullptr);
        EXPECT_EQ(dims[0], 12u); // nz
        EXPECT_EQ(dims[2], 16u); // nx
        H5Sclose(space);
        H5Aclose(attribute);
        H5Dclose(data);
        H5Fclose(h5);
        std::filesystem::remove(file);
      }

      TEST(VoxelRVE, ReadLabelVolumeErrorsNameTheCause)
      {
        const std::array<double, 3> h{{1e-5, 1e-5, 1e-5}};
        const auto                  map = parse_label_map(label_legend());

        const std::string missing = temporary_file("missing.h5");
        auto              message = parameter_error_message(
          [&] { read_label_volume(missing, "labels", h, map); });
        EXPECT_TRUE(contains_text(message, missing)) << message;
        EXPECT_TRUE(contains_text(message, "does not exist")) << message;

        // Unknown label 4 (electrolyte is not in this map).
        const std::string file = temporary_file("errors.h5");
        write_label_volume(generate_plain_weave(weave(16, 12)), file, "labels");
        auto partial = map;
        partial.erase(4);
        message = parameter_error_message(
          [&] { read_label_volume(file, "labels", h, partial); });
        EXPECT_TRUE(contains_text(message, "Label 4")) << message;
        EXPECT_TRUE(contains_text(message, file)) << message;

        message = parameter_error_message(
          [&] { read_label_volume(file, "segmentation", h, map); });
        EXPECT_TRUE(contains_text(message, "no dataset 'segmentation'"))
          << message;
        message = parameter_error_message(
          [&] { read_label_volume(file, "a/b/c", h, map); });
        EXPECT_TRUE(contains_text(message, "no dataset 'a/b/c'")) << message;

        message = parameter_error_message([&] {
          read_label_volume(file, "labels", {{1e-5, 0., 1e-5}}, map);
        });
        EXPECT_TRUE(contains_text(message, "Voxel size y")) << message;

        auto bad_phase = map;
        bad_phase[9]   = 7;
        message        = parameter_error_message(
          [&] { read_label_volume(file, "labels", h, bad_phase); });
        EXPECT_TRUE(contains_text(message, "label 9")) << message;

        write_raw_dataset(file, {4, 5}, H5T_STD_I32LE);
        message = parameter_error_message(
          [&] { read_label_volume(file, "labels", h, map); });
        EXPECT_TRUE(contains_text(message, "2 dimensions")) << message;

        write_raw_dataset(file, {2, 3, 4}, H5T_IEEE_F64LE);
        message = parameter_error_message(
          [&] { read_label_volume(file, "labels", h, map); });
        EXPECT_TRUE(contains_text(message, "integer")) << message;

        // A 32-bit integer volume of zeros reads as void.
        write_raw_dataset(file, {2, 3, 4}, H5T_STD_I32LE);
        const auto rve = read_label_volume(file, "labels", h, map);
        EXPECT_EQ(rve.n_voxels, (std::array<unsigned int, 3>{{4, 3, 2}}));
        EXPECT_EQ(rve.phase_fractions()[phase_ids::void_phase], 1.);

        // Not an HDF5 file.
        std::filesystem::remove(file);
        {
          std::FILE *text = std::fopen(file.c_str(), "w");
          ASSERT_NE(text, nullptr);
          std::fputs("not hdf5\n", text);
          std::fclose(text);
        }
        message = parameter_error_message(
          [&] { read_label_volume(file, "labels", h, map); });
        EXPECT_TRUE(contains_text(message, "HDF5")) << message;
        std::filesystem::remove(file);
      }

      TEST(VoxelRVE, ParseLabelMap)
      {
        const auto map = parse_label_map(
          " 10 : Void,20:warp   tow, 30:WEFT TOW,-1:lithium,255:electrolyte");
        EXPECT_EQ(map.size(), 5u);
        EXPECT_EQ(map.at(10), phase_ids::void_phase);
        EXPECT_EQ(map.at(20), phase_ids::warp_tow);
        EXPECT_EQ(map.at(30), phase_ids::weft_tow);
        EXPECT_EQ(map.at(-1), phase_ids::lithium);
        EXPECT_EQ(map.at(255), phase_ids::electrolyte);

        const auto error_of = [](const std::string &text) {
          return parameter_error_message(
            [&] { parse_label_map(text, "Scan label map"); });
        };
        auto message = error_of("0:void, 1:warp");
        EXPECT_TRUE(contains_text(message, "Scan label map")) << message;
        EXPECT_TRUE(contains_text(message, "unknown phase 'warp'")) << message;
        message = error_of("0 void");
        EXPECT_TRUE(contains_text(message, "no ':'")) << message;
        message = error_of("x:void");
        EXPECT_TRUE(contains_text(message, "'x' is not an integer")) << message;
        message = error_of("1.5:void");
        EXPECT_TRUE(contains_text(message, "not an integer")) << message;
        message = error_of("1:void, 1:lithium");
        EXPECT_TRUE(contains_text(message, "label 1 is given twice"))
          << message;
        message = error_of("");
        EXPECT_TRUE(contains_text(message, "empty")) << message;
      }

      TEST(VoxelRVE, ParametersDeclareAndParse)
      {
        dealii::ParameterHandler prm;
        prm.enter_subsection("Weave");
        PlainWeaveParameters::declare_parameters(prm);
        prm.leave_subsection();
        prm.parse_input_from_string("subsection Weave\n"
                                    "  set Tow width = 0.4e-3\n"
                                    "  set Crimp amplitude = 0.1e-3\n"
                                    "  set Voxels along x and y = 40\n"
                                    "end\n");
        PlainWeaveParameters p;
        prm.enter_subsection("Weave");
        p.parse_parameters(prm);
        prm.leave_subsection();
        const PlainWeaveParameters d;
        EXPECT_EQ(p.tow_spacing, d.tow_spacing);
        EXPECT_EQ(p.tow_width, 0.4e-3);
        EXPECT_EQ(p.crimp_amplitude, 0.1e-3);
        EXPECT_EQ(p.effective_crimp_amplitude(), 0.1e-3);
        EXPECT_EQ(p.voxels_in_plane, 40u);
        EXPECT_EQ(p.voxels_through_thickness, d.voxels_through_thickness);
        EXPECT_EQ(p.fiber_fraction_in_tow, d.fiber_fraction_in_tow);
        EXPECT_EQ(p.lithium_fraction, d.lithium_fraction);

        // Defaults: A = t/2, so the cloth layer is 2A + t = 0.33 mm.
        EXPECT_DOUBLE_EQ(d.effective_crimp_amplitude(), 0.0825e-3);
        EXPECT_DOUBLE_EQ(d.cell_height() - 2. * d.coating_thickness, 0.33e-3);
        EXPECT_DOUBLE_EQ(d.minimum_crimp_amplitude(), d.tow_thickness / 2.);
        EXPECT_NO_THROW(d.validate());
      }

      TEST(VoxelRVE, ValidateNamesTheParameter)
      {
        const auto error_of =
          [](const std::function<void(PlainWeaveParameters &)> &change) {
            PlainWeaveParameters p;
            change(p);
            return parameter_error_message([&] { p.validate(); });
          };
        auto message = error_of(
          [](PlainWeaveParameters &p) { p.crimp_amplitude = 0.05e-3; });
        EXPECT_TRUE(contains_text(message, "'Crimp amplitude'")) << message;
        EXPECT_TRUE(contains_text(message, "interpenetrate")) << message;
        EXPECT_TRUE(contains_text(message, " m")) << message;

        message =
          error_of([](PlainWeaveParameters &p) { p.tow_width = 1.2e-3; });
        EXPECT_TRUE(contains_text(message, "'Tow width'")) << message;
        EXPECT_TRUE(contains_text(message, "(0, 0.001]")) << message;

        // w > 2s/pi needs more crimp than t/2.
        message =
          error_of([](PlainWeaveParameters &p) { p.tow_width = 0.8e-3; });
        EXPECT_TRUE(contains_text(message, "'Crimp amplitude'")) << message;
        EXPECT_TRUE(contains_text(message, "'Tow width'")) << message;

        message =
          error_of([](PlainWeaveParameters &p) { p.voxels_in_plane = 33; });
        EXPECT_TRUE(contains_text(message, "'Voxels along x and y'"))
          << message;
        EXPECT_TRUE(contains_text(message, "even")) << message;

        message = error_of(
          [](PlainWeaveParameters &p) { p.electrolyte_fraction = 0.5; });
        EXPECT_TRUE(contains_text(message, "'Electrolyte fraction'"))
          << message;
        EXPECT_TRUE(contains_text(message, "exceed 1")) << message;

        message =
          error_of([](PlainWeaveParameters &p) { p.lithium_fraction = 0.6; });
        EXPECT_TRUE(contains_text(message, "'Lithium fraction'")) << message;
        EXPECT_TRUE(contains_text(message, "0.6")) << message;

        message = error_of(
          [](PlainWeaveParameters &p) { p.fiber_fraction_in_tow = 0.95; });
        EXPECT_TRUE(contains_text(message, "'Fiber fraction in tow'"))
          << message;
        EXPECT_TRUE(contains_text(message, "0.9069]")) << message;

        message = error_of(
          [](PlainWeaveParameters &p) { p.coating_thickness = -1e-6; });
        EXPECT_TRUE(contains_text(message, "'Coating thickness'")) << message;

        message =
          error_of([](PlainWeaveParameters &p) { p.tow_thickness = 0.; });
        EXPECT_TRUE(contains_text(message, "'Tow thickness'")) << message;

        message = error_of(
          [](PlainWeaveParameters &p) { p.voxels_through_thickness = 0; });
        EXPECT_TRUE(contains_text(message, "'Voxels through thickness'"))
          << message;
      }

      TEST(VoxelRVE, VoxelMeshCarriesLabelsAndBoundaryIds)
      {
        const auto               rve = generate_plain_weave(weave(12, 10));
        dealii::Triangulation<3> tria;
        create_voxel_mesh(rve, tria);
        EXPECT_EQ(tria.n_active_cells(), rve.n_total_voxels());

        std::array<std::size_t, phase_ids::n_phases> count{};
        std::map<dealii::types::boundary_id, double> area;
        for (const auto &cell : tria.active_cell_iterators())
          {
            ++count.at(cell->material_id());
            EXPECT_EQ(cell->material_id(),
                      rve.labels[rve.voxel_containing(cell->center())]);
            for (const auto &face : cell->face_iterators())
              if (face->at_boundary())
                area[face->boundary_id()] += face->measure();
          }
        EXPECT_EQ(count, label_counts(rve));

        const auto L = rve.size();
        EXPECT_EQ(area.size(), 6u);
        for (unsigned int d = 0; d < 3; ++d)
          {
            const double expected = L[(d + 1) % 3] * L[(d + 2) % 3];
            EXPECT_NEAR(area[2 * d], expected, 1e-12 * expected);
            EXPECT_NEAR(area[2 * d + 1], expected, 1e-12 * expected);
          }
        EXPECT_EQ(voxel_boundary_ids::z_max, 5);

        // Each face carries the id of its plane.
        for (const auto &cell : tria.active_cell_iterators())
          for (const auto &face : cell->face_iterators())
            if (face->at_boundary())
              {
                const unsigned int d = face->boundary_id() / 2;
                const double at      = face->boundary_id() % 2 == 0 ? 0. : L[d];
                EXPECT_NEAR(face->center()[d], at, 1e-9 * L[d]);
              }
      }
    } // namespace
  }   // namespace composite
} // namespace anodemech
