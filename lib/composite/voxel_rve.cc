#include <anodemech/base/parameter_error.h>
#include <anodemech/composite/voxel_rve.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria.h>

#include <hdf5.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <deque>
#include <filesystem>
#include <limits>
#include <sstream>

namespace anodemech
{
  namespace composite
  {
    namespace
    {
      /// Largest fibre volume fraction, hexagonal packing pi / (2 sqrt 3).
      constexpr double hexagonal_packing_limit = 0.9069;

      std::string
      lower_case_words(const std::string &text)
      {
        std::istringstream in(text);
        std::string        word, result;
        while (in >> word)
          {
            if (!result.empty())
              result += ' ';
            for (char &c : word)
              c =
                static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            result += word;
          }
        return result;
      }

      /// @p value wrapped into [-period/2, period/2).
      double
      wrap(const double value, const double period)
      {
        return value - period * std::floor(value / period + 0.5);
      }

      /// (-1)^n for the tow n = floor(coordinate / s), periodic.
      double
      alternating_sign(const double coordinate, const double spacing)
      {
        const long n = static_cast<long>(std::floor(coordinate / spacing));
        return (n % 2 == 0) ? 1. : -1.;
      }

      /// While it exists, HDF5 does not print its error stack: failures are
      /// reported by the exceptions of this file.
      class QuietHdf5Errors
      {
      public:
        QuietHdf5Errors()
        {
          H5Eget_auto2(H5E_DEFAULT, &function, &data);
          H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        }

        ~QuietHdf5Errors()
        {
          H5Eset_auto2(H5E_DEFAULT, function, data);
        }

        QuietHdf5Errors(const QuietHdf5Errors &) = delete;
        QuietHdf5Errors &
        operator=(const QuietHdf5Errors &) = delete;

      private:
        H5E_auto2_t function = nullptr;
        void       *data     = nullptr;
      };

      /// An HDF5 identifier closed when it goes out of scope; a negative
      /// identifier (a failed call) throws a ParameterError @p what.
      class Handle
      {
      public:
        Handle(const hid_t id, herr_t (*close)(hid_t), const std::string &what)
          : id(id)
          , close(close)
        {
          if (id < 0)
            throw ParameterError(what);
        }

        Handle(Handle &&other) noexcept
          : id(other.id)
          , close(other.close)
        {
          other.id = -1;
        }

        ~Handle()
        {
          if (id >= 0)
            close(id);
        }

        Handle(const Handle &) = delete;
        Handle &
        operator=(const Handle &) = delete;
        Handle &
        operator=(Handle &&) = delete;

        operator hid_t() const
        {
          return id;
        }

        /// Close now and report a failure (which the destructor cannot).
        void
        close_checked(const std::string &what)
        {
          const herr_t status = close(id);
          id                  = -1;
          if (status < 0)
            throw ParameterError(what);
        }

      private:
        hid_t id;
        herr_t (*close)(hid_t);
      };

      void
      check(const herr_t status, const std::string &what)
      {
        if (status < 0)
          throw ParameterError(what);
      }

      /// File access without file locking (file systems without locks).
      Handle
      file_access(const std::string &what)
      {
        Handle properties(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, what);
#if (H5_VERS_MAJOR == 1 && H5_VERS_MINOR == 10 && H5_VERS_RELEASE >= 7) || \
  H5_VERSION_GE(1, 12, 1)
        check(H5Pset_file_locking(properties, false, true), what);
#endif
        return properties;
      }

      void
      write_string_attribute(const hid_t        object,
                             const std::string &name,
                             const std::string &value,
                             const std::string &what)
      {
        const Handle type(H5Tcopy(H5T_C_S1), H5Tclose, what);
        check(H5Tset_size(type, H5T_VARIABLE), what);
        check(H5Tset_cset(type, H5T_CSET_UTF8), what);
        const Handle space(H5Screate(H5S_SCALAR), H5Sclose, what);
        const Handle attribute(
          H5Acreate2(
            object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
          H5Aclose,
          what);
        const char *text = value.c_str();
        check(H5Awrite(attribute, type, &text), what);
      }
    } // namespace



    std::string
    phase_name(const dealii::types::material_id id)
    {
      switch (id)
        {
          case phase_ids::void_phase:
            return "void";
          case phase_ids::warp_tow:
            return "warp tow";
          case phase_ids::weft_tow:
            return "weft tow";
          case phase_ids::lithium:
            return "lithium";
          case phase_ids::electrolyte:
            return "electrolyte";
          default:
            throw ParameterError("Unknown phase id " + std::to_string(id) +
                                 "; the phase ids are 0 to " +
                                 std::to_string(phase_ids::n_phases - 1) +
                                 " (" + label_legend() + ").");
        }
    }



    std::size_t
    VoxelRVE::n_total_voxels() const
    {
      return std::size_t(n_voxels[0]) * n_voxels[1] * n_voxels[2];
    }



    std::size_t
    VoxelRVE::voxel_index(const unsigned int i,
                          const unsigned int j,
                          const unsigned int k) const
    {
      return i + std::size_t(n_voxels[0]) * (j + std::size_t(n_voxels[1]) * k);
    }



    dealii::Point<3>
    VoxelRVE::voxel_center(const unsigned int i,
                           const unsigned int j,
                           const unsigned int k) const
    {
      return dealii::Point<3>((i + 0.5) * voxel_size[0],
                              (j + 0.5) * voxel_size[1],
                              (k + 0.5) * voxel_size[2]);
    }



    std::size_t
    VoxelRVE::voxel_containing(const dealii::Point<3> &p) const
    {
      std::array<unsigned int, 3> ijk{};
      for (unsigned int d = 0; d < 3; ++d)
        {
          const double x = std::floor(p[d] / voxel_size[d]);
          ijk[d]         = x < 0.           ? 0 :
                           x >= n_voxels[d] ? n_voxels[d] - 1 :
                                              static_cast<unsigned int>(x);
        }
      return voxel_index(ijk[0], ijk[1], ijk[2]);
    }



    std::array<double, 3>
    VoxelRVE::size() const
    {
      return {{n_voxels[0] * voxel_size[0],
               n_voxels[1] * voxel_size[1],
               n_voxels[2] * voxel_size[2]}};
    }



    std::array<double, phase_ids::n_phases>
    VoxelRVE::phase_fractions() const
    {
      validate();
      std::array<std::size_t, phase_ids::n_phases> count{};
      for (const std::uint8_t label : labels)
        ++count[label];
      std::array<double, phase_ids::n_phases> fractions{};
      for (unsigned int p = 0; p < phase_ids::n_phases; ++p)
        fractions[p] = double(count[p]) / labels.size();
      return fractions;
    }



    dealii::Tensor<1, 3>
    VoxelRVE::fiber_direction(
      const dealii::Point<3>          &p,
      const dealii::types::material_id material_id) const
    {
      dealii::Tensor<1, 3> a;
      if (material_id != phase_ids::warp_tow &&
          material_id != phase_ids::weft_tow)
        return a;
      if (fiber_direction_function)
        return fiber_direction_function(p, material_id);
      a[material_id == phase_ids::warp_tow ? 0 : 1] = 1.;
      return a;
    }



    void
    VoxelRVE::validate() const
    {
      for (unsigned int d = 0; d < 3; ++d)
        {
          const std::string axis(1, "xyz"[d]);
          if (n_voxels[d] < 1)
            throw ParameterError("Voxel volume: the number of voxels along " +
                                 axis + " must be at least 1.");
          checks::positive("Voxel size " + axis, voxel_size[d], "m");
        }
      if (labels.size() != n_total_voxels())
        throw ParameterError("Voxel volume: " + std::to_string(labels.size()) +
                             " labels for " + std::to_string(n_total_voxels()) +
                             " voxels.");
      for (const std::uint8_t label : labels)
        if (label >= phase_ids::n_phases)
          throw ParameterError("Voxel volume: label " + std::to_string(label) +
                               " is no phase id (" + label_legend() + ").");
    }



    void
    PlainWeaveParameters::declare_parameters(dealii::ParameterHandler &prm)
    {
      const PlainWeaveParameters d;
      prm.declare_entry(
        "Tow spacing",
        format_number(d.tow_spacing),
        dealii::Patterns::Double(0.),
        "Centre-to-centre distance s of neighbouring parallel tows [m]; the "
        "unit cell is 2s x 2s. Must be > 0. The default is an assumed value "
        "for a 3K plain-weave carbon cloth.");
      prm.declare_entry("Tow width",
                        format_number(d.tow_width),
                        dealii::Patterns::Double(0.),
                        "Width w of a tow [m]; 0 < w <= s.");
      prm.declare_entry(
        "Tow thickness",
        format_number(d.tow_thickness),
        dealii::Patterns::Double(0.),
        "Thickness t of a tow [m]; > 0. Default: half the 0.33 mm thickness "
        "of the WOS1009 cloth.");
      prm.declare_entry(
        "Crimp amplitude",
        format_number(d.crimp_amplitude),
        dealii::Patterns::Double(0.),
        "Amplitude A of the sinusoidal undulation of a tow centre line [m]; "
        "0 means t/2 (the cloth layer is then 2A + t thick). Must be >= t/2 "
        "(and more for w > 2s/pi), else warp and weft tows interpenetrate.");
      prm.declare_entry("Fiber fraction in tow",
                        format_number(d.fiber_fraction_in_tow),
                        dealii::Patterns::Double(0., 1.),
                        "Fibre volume fraction inside a tow [-]; in (0, "
                        "0.9069] (hexagonal packing). Used by the tow "
                        "material, not by the geometry.");
      prm.declare_entry(
        "Coating thickness",
        format_number(d.coating_thickness),
        dealii::Patterns::Double(0.),
        "Thickness c of the electrolyte layer space on each face of the "
        "cloth [m]; >= 0. The cell height is H = 2A + t + 2c.");
      prm.declare_entry("Lithium fraction",
                        format_number(d.lithium_fraction),
                        dealii::Patterns::Double(0., 1.),
                        "Lithium volume fraction of the whole cell [-]; in "
                        "[0, 1], at most the space between the tows in the "
                        "cloth layer.");
      prm.declare_entry("Electrolyte fraction",
                        format_number(d.electrolyte_fraction),
                        dealii::Patterns::Double(0., 1.),
                        "Gel polymer electrolyte volume fraction of the whole "
                        "cell [-]; in [0, 1]; lithium + electrolyte + tow "
                        "fractions at most 1.");
      prm.declare_entry("Voxels along x and y",
                        std::to_string(d.voxels_in_plane),
                        dealii::Patterns::Integer(2, 4096),
                        "Voxels nx = ny along x and along y [-]; even. "
                        "Voxel size dx = dy = 2s/nx [m].");
      prm.declare_entry("Voxels through thickness",
                        std::to_string(d.voxels_through_thickness),
                        dealii::Patterns::Integer(1, 4096),
                        "Voxels nz through the cell height [-]; >= 1. Voxel "
                        "size dz = H/nz [m].");
    }



    void
    PlainWeaveParameters::parse_parameters(const dealii::ParameterHandler &prm)
    {
      tow_spacing              = prm.get_double("Tow spacing");
      tow_width                = prm.get_double("Tow width");
      tow_thickness            = prm.get_double("Tow thickness");
      crimp_amplitude          = prm.get_double("Crimp amplitude");
      fiber_fraction_in_tow    = prm.get_double("Fiber fraction in tow");
      coating_thickness        = prm.get_double("Coating thickness");
      lithium_fraction         = prm.get_double("Lithium fraction");
      electrolyte_fraction     = prm.get_double("Electrolyte fraction");
      voxels_in_plane          = prm.get_integer("Voxels along x and y");
      voxels_through_thickness = prm.get_integer("Voxels through thickness");
      validate();
    }



    double
    PlainWeaveParameters::effective_crimp_amplitude() const
    {
      return crimp_amplitude == 0. ? tow_thickness / 2. : crimp_amplitude;
    }



    double
    PlainWeaveParameters::cell_height() const
    {
      return 2. * effective_crimp_amplitude() + tow_thickness +
             2. * coating_thickness;
    }



    double
    PlainWeaveParameters::tow_volume_fraction() const
    {
      return M_PI * tow_width * tow_thickness /
             (2. * tow_spacing * cell_height());
    }



    double
    PlainWeaveParameters::minimum_crimp_amplitude() const
    {
      // Near a crossover, at the offsets u (along the warp) and v (along the
      // weft) from it, the centre lines are A (cos(pi u/s) + cos(pi v/s))
      // apart and the half thicknesses of the elliptic sections are
      // t/2 f(v) and t/2 f(u), f(u) = sqrt(1 - (2u/w)^2). The tows are
      // disjoint for all |u|, |v| <= w/2 if and only if
      // A cos(pi u/s) >= t/2 f(u) for every u (set u = v for "only if",
      // add the two inequalities for "if"). Since sin x <= x, the ratio
      // f(u) / cos(pi u/s) is largest at u = 0 when w <= 2s/pi.
      const unsigned int n     = 4096;
      double             ratio = 1.;
      for (unsigned int m = 1; m < n; ++m)
        {
          const double u = 0.5 * tow_width * m / n;
          const double f = std::sqrt(1. - std::pow(2. * u / tow_width, 2));
          ratio = std::max(ratio, f / std::cos(M_PI * u / tow_spacing));
        }
      return tow_thickness / 2. * ratio;
    }



    void
    PlainWeaveParameters::validate() const
    {
      checks::positive("Tow spacing", tow_spacing, "m");
      checks::in_range(
        "Tow width", tow_width, 0., false, tow_spacing, true, "m (0 < w <= s)");
      checks::positive("Tow thickness", tow_thickness, "m");
      checks::non_negative("Crimp amplitude", crimp_amplitude, "m");
      const double A = effective_crimp_amplitude();
      if (A < tow_thickness / 2.)
        throw ParameterError(
          "Parameter 'Crimp amplitude' = " + format_number(crimp_amplitude) +
          " m is out of range; it must be 0 (meaning t/2) or >= t/2 = " +
          format_number(tow_thickness / 2.) +
          " m: with a smaller amplitude the warp and weft tows interpenetrate "
          "at the crossovers.");
      const double A_min = minimum_crimp_amplitude();
      if (A < A_min)
        throw ParameterError(
          "Parameter 'Crimp amplitude' = " + format_number(A) +
          " m is too small for 'Tow width' = " + format_number(tow_width) +
          " m: the warp and weft tows interpenetrate near the crossovers "
          "unless A >= " +
          format_number(A_min) + " m (t/2 suffices only for w <= 2s/pi = " +
          format_number(2. * tow_spacing / M_PI) + " m).");
      checks::in_range("Fiber fraction in tow",
                       fiber_fraction_in_tow,
                       0.,
                       false,
                       hexagonal_packing_limit,
                       true,
                       "(hexagonal packing limit)");
      checks::non_negative("Coating thickness", coating_thickness, "m");
      checks::in_range(
        "Lithium fraction", lithium_fraction, 0, true, 1, true, "");
      checks::in_range(
        "Electrolyte fraction", electrolyte_fraction, 0, true, 1, true, "");
      if (voxels_in_plane < 2 || voxels_in_plane % 2 != 0)
        throw ParameterError("Parameter 'Voxels along x and y' = " +
                             std::to_string(voxels_in_plane) +
                             " is out of range; it must be an even number >= "
                             "2.");
      if (voxels_through_thickness < 1)
        throw ParameterError(
          "Parameter 'Voxels through thickness' must be at least 1.");

      const double H        = cell_height();
      const double phi_tow  = tow_volume_fraction();
      const double interior = (2. * A + tow_thickness) / H - phi_tow;
      if (lithium_fraction > interior)
        throw ParameterError(
          "Parameter 'Lithium fraction' = " + format_number(lithium_fraction) +
          " is larger than the space between the tows inside the cloth "
          "layer, " +
          format_number(interior) +
          " of the cell volume ((2A + t)/H - pi w t/(2 s H)); it must be at "
          "most that.");
      const double total = lithium_fraction + electrolyte_fraction + phi_tow;
      if (total > 1.)
        throw ParameterError(
          "Parameters 'Lithium fraction' (" + format_number(lithium_fraction) +
          ") + 'Electrolyte fraction' (" + format_number(electrolyte_fraction) +
          ") + the tow volume fraction pi w t/(2 s H) (" +
          format_number(phi_tow) + ") = " + format_number(total) +
          " exceed 1; lower the lithium or the electrolyte fraction.");
    }



    VoxelRVE
    generate_plain_weave(const PlainWeaveParameters &p)
    {
      p.validate();
      const double       s  = p.tow_spacing;
      const double       A  = p.effective_crimp_amplitude();
      const double       H  = p.cell_height();
      const double       z0 = H / 2.;
      const double       a = p.tow_width / 2., b = p.tow_thickness / 2.;
      const unsigned int n = p.voxels_in_plane, nz = p.voxels_through_thickness;

      VoxelRVE rve;
      rve.n_voxels                = {{n, n, nz}};
      rve.voxel_size              = {{2. * s / n, 2. * s / n, H / nz}};
      rve.analytical_tow_fraction = p.tow_volume_fraction();
      rve.tow_fiber_fraction      = p.fiber_fraction_in_tow;
      rve.fiber_direction_function =
        [s, A](const dealii::Point<3> &x, const dealii::types::material_id id) {
          // Warp tow j lies in s j <= y <= s (j + 1) (w <= s), weft tow i in
          // s i <= x <= s (i + 1); the slope of the centre line follows.
          const bool   warp  = (id == phase_ids::warp_tow);
          const double along = warp ? x[0] : x[1];
          const double sign =
            warp ? alternating_sign(x[1], s) : -alternating_sign(x[0], s);
          dealii::Tensor<1, 3> t;
          t[warp ? 0 : 1] = 1.;
          t[2]            = sign * A * M_PI / s * std::cos(M_PI * along / s);
          return t / t.norm();
        };

      const std::size_t N = rve.n_total_voxels();
      rve.labels.assign(N, phase_ids::void_phase);
      std::vector<bool> in_cloth_layer(N);
      const double      half_layer = A + b + 1e-12 * H;
      for (unsigned int k = 0; k < nz; ++k)
        for (unsigned int j = 0; j < n; ++j)
          for (unsigned int i = 0; i < n; ++i)
            {
              const dealii::Point<3> x     = rve.voxel_center(i, j, k);
              const std::size_t      index = rve.voxel_index(i, j, k);
              in_cloth_layer[index]        = std::abs(x[2] - z0) <= half_layer;
              // Squared normalised radius of the elliptic section of the
              // nearer warp and weft tows (periodic in x and y).
              double warp = std::numeric_limits<double>::max(), weft = warp;
              for (unsigned int m = 0; m < 2; ++m)
                {
                  const double sign   = (m == 0) ? 1. : -1.;
                  const double centre = s / 2. + m * s;
                  const double dy     = wrap(x[1] - centre, 2. * s);
                  const double dzw =
                    x[2] - (z0 + sign * A * std::sin(M_PI * x[0] / s));
                  warp =
                    std::min(warp, std::pow(dy / a, 2) + std::pow(dzw / b, 2));
                  const double dx = wrap(x[0] - centre, 2. * s);
                  const double dzf =
                    x[2] - (z0 - sign * A * std::sin(M_PI * x[1] / s));
                  weft =
                    std::min(weft, std::pow(dx / a, 2) + std::pow(dzf / b, 2));
                }
              if (warp <= 1. && weft <= 1.)
                ++rve.n_voxels_in_both_tows;
              if (warp <= 1. && warp <= weft)
                rve.labels[index] = phase_ids::warp_tow;
              else if (weft <= 1.)
                rve.labels[index] = phase_ids::weft_tow;
            }

      // 6-connected voxel distance from the nearest tow voxel: a breadth-
      // first search from all tow voxels, periodic in x and y.
      const auto is_tow = [&rve](const std::size_t index) {
        return rve.labels[index] == phase_ids::warp_tow ||
               rve.labels[index] == phase_ids::weft_tow;
      };
      constexpr unsigned int unreached =
        std::numeric_limits<unsigned int>::max();
      std::vector<unsigned int> distance(N, unreached);
      std::deque<std::size_t>   queue;
      for (std::size_t index = 0; index < N; ++index)
        if (is_tow(index))
          {
            distance[index] = 0;
            queue.push_back(index);
          }
      while (!queue.empty())
        {
          const std::size_t index = queue.front();
          queue.pop_front();
          const unsigned int i = index % n, j = (index / n) % n,
                             k = index / (std::size_t(n) * n);
          const std::array<std::size_t, 6> neighbours{
            {rve.voxel_index((i + 1) % n, j, k),
             rve.voxel_index((i + n - 1) % n, j, k),
             rve.voxel_index(i, (j + 1) % n, k),
             rve.voxel_index(i, (j + n - 1) % n, k),
             k + 1 < nz ? rve.voxel_index(i, j, k + 1) : index,
             k > 0 ? rve.voxel_index(i, j, k - 1) : index}};
          for (const std::size_t next : neighbours)
            if (distance[next] == unreached)
              {
                distance[next] = distance[index] + 1;
                queue.push_back(next);
              }
        }

      // Lithium: the non-tow voxels of the cloth layer nearest to the tows.
      std::vector<std::size_t> candidates;
      for (std::size_t index = 0; index < N; ++index)
        if (in_cloth_layer[index] && !is_tow(index))
          candidates.push_back(index);
      std::stable_sort(candidates.begin(),
                       candidates.end(),
                       [&distance](const std::size_t x, const std::size_t y) {
                         return distance[x] < distance[y];
                       });
      const std::size_t n_lithium =
        static_cast<std::size_t>(std::llround(p.lithium_fraction * N));
      if (n_lithium > candidates.size())
        throw ParameterError(
          "Parameter 'Lithium fraction' = " +
          format_number(p.lithium_fraction) + " asks for " +
          std::to_string(n_lithium) + " of " + std::to_string(N) +
          " voxels, but the cloth layer has only " +
          std::to_string(candidates.size()) + " voxels (fraction " +
          format_number(double(candidates.size()) / N) + ") outside the tows.");
      for (std::size_t m = 0; m < n_lithium; ++m)
        rve.labels[candidates[m]] = phase_ids::lithium;

      // Electrolyte: the remaining voxels nearest to an outer face.
      candidates.clear();
      for (std::size_t index = 0; index < N; ++index)
        if (rve.labels[index] == phase_ids::void_phase)
          candidates.push_back(index);
      const auto layer = [n, nz](const std::size_t index) {
        const unsigned int k = index / (std::size_t(n) * n);
        return std::min(k, nz - 1 - k);
      };
      std::stable_sort(candidates.begin(),
                       candidates.end(),
                       [&layer](const std::size_t x, const std::size_t y) {
                         return layer(x) < layer(y);
                       });
      const std::size_t n_electrolyte =
        static_cast<std::size_t>(std::llround(p.electrolyte_fraction * N));
      if (n_electrolyte > candidates.size())
        throw ParameterError("Parameter 'Electrolyte fraction' = " +
                             format_number(p.electrolyte_fraction) +
                             " asks for " + std::to_string(n_electrolyte) +
                             " of " + std::to_string(N) + " voxels, but only " +
                             std::to_string(candidates.size()) + " (fraction " +
                             format_number(double(candidates.size()) / N) +
                             ") are left by the tows and the lithium.");
      for (std::size_t m = 0; m < n_electrolyte; ++m)
        rve.labels[candidates[m]] = phase_ids::electrolyte;
      return rve;
    }



    std::string
    label_legend()
    {
      std::string legend;
      for (unsigned int id = 0; id < phase_ids::n_phases; ++id)
        legend += (id > 0 ? ", " : "") + std::to_string(id) + ":" +
                  phase_name(static_cast<dealii::types::material_id>(id));
      return legend;
    }



    std::map<int, dealii::types::material_id>
    parse_label_map(const std::string &text, const std::string &parameter_name)
    {
      const std::string prefix = "Parameter '" + parameter_name + "': ";
      const std::string format =
        " Expected comma-separated entries 'label:phase', e.g. '" +
        label_legend() + "'.";
      std::map<int, dealii::types::material_id> map;
      std::istringstream                        in(text);
      std::string                               entry;
      while (std::getline(in, entry, ','))
        {
          const std::string quoted = "entry '" + entry + "'";
          const auto        colon  = entry.find(':');
          if (colon == std::string::npos)
            throw ParameterError(prefix + quoted + " has no ':'." + format);
          const std::string label_text =
            lower_case_words(entry.substr(0, colon));
          const std::string name  = lower_case_words(entry.substr(colon + 1));
          int               label = 0;
          std::size_t       used  = 0;
          try
            {
              label = std::stoi(label_text, &used);
            }
          catch (const std::exception &)
            {
              used = 0;
            }
          if (label_text.empty() || used != label_text.size())
            throw ParameterError(prefix + quoted + ": the label '" +
                                 label_text + "' is not an integer." + format);
          dealii::types::material_id phase = phase_ids::n_phases;
          for (unsigned int id = 0; id < phase_ids::n_phases; ++id)
            if (name == phase_name(static_cast<dealii::types::material_id>(id)))
              phase = static_cast<dealii::types::material_id>(id);
          if (phase == phase_ids::n_phases)
            throw ParameterError(prefix + quoted + ": unknown phase '" + name +
                                 "'; the phases are " + label_legend() + ".");
          if (!map.emplace(label, phase).second)
            throw ParameterError(prefix + "label " + std::to_string(label) +
                                 " is given twice.");
        }
      if (map.empty())
        throw ParameterError(prefix + "the label map is empty." + format);
      return map;
    }



    VoxelRVE
    read_label_volume(
      const std::string                               &hdf5_file,
      const std::string                               &dataset_name,
      const std::array<double, 3>                     &voxel_size,
      const std::map<int, dealii::types::material_id> &label_to_phase)
    {
      const std::string in = " in the label volume '" + hdf5_file + "'";
      for (unsigned int d = 0; d < 3; ++d)
        checks::positive(std::string("Voxel size ") + "xyz"[d],
                         voxel_size[d],
                         "m");
      for (const auto &[label, phase] : label_to_phase)
        if (phase >= phase_ids::n_phases)
          throw ParameterError(
            "The label map sends label " + std::to_string(label) + " to " +
            std::to_string(phase) + ", which is no phase id (" +
            label_legend() + ").");
      if (!std::filesystem::is_regular_file(hdf5_file))
        throw ParameterError("The label volume file '" + hdf5_file +
                             "' does not exist.");

      const QuietHdf5Errors quiet;
      const Handle access = file_access("cannot read '" + hdf5_file + "'");
      const Handle file(H5Fopen(hdf5_file.c_str(), H5F_ACC_RDONLY, access),
                        H5Fclose,
                        "The label volume file '" + hdf5_file +
                          "' cannot be opened as an HDF5 file.");
      const htri_t exists =
        H5Lexists(file, dataset_name.c_str(), H5P_DEFAULT) > 0 ?
          H5Oexists_by_name(file, dataset_name.c_str(), H5P_DEFAULT) :
          0;
      if (exists <= 0)
        throw ParameterError("The HDF5 file '" + hdf5_file +
                             "' has no dataset '" + dataset_name + "'.");
      const std::string what =
        "cannot read the dataset '" + dataset_name + "'" + in;
      const Handle dataset(H5Dopen2(file, dataset_name.c_str(), H5P_DEFAULT),
                           H5Dclose,
                           "'" + dataset_name + "'" + in + " is no dataset.");
      {
        const Handle type(H5Dget_type(dataset), H5Tclose, what);
        if (H5Tget_class(type) != H5T_INTEGER)
          throw ParameterError("The dataset '" + dataset_name + "'" + in +
                               " does not hold integer labels.");
      }
      const Handle space(H5Dget_space(dataset), H5Sclose, what);
      const int    rank = H5Sget_simple_extent_ndims(space);
      if (rank != 3)
        throw ParameterError("The dataset '" + dataset_name + "'" + in +
                             " has " + std::to_string(rank) +
                             " dimensions; a label volume is 3D, of shape "
                             "(nz, ny, nx).");
      std::array<hsize_t, 3> dims{};
      check(H5Sget_simple_extent_dims(space, dims.data(), nullptr), what);
      for (const hsize_t d : dims)
        if (d < 1 || d > UINT_MAX)
          throw ParameterError("The dataset '" + dataset_name + "'" + in +
                               " is empty or too large.");

      VoxelRVE rve;
      rve.n_voxels   = {{static_cast<unsigned int>(dims[2]),
                         static_cast<unsigned int>(dims[1]),
                         static_cast<unsigned int>(dims[0])}};
      rve.voxel_size = voxel_size;
      rve.labels.resize(rve.n_total_voxels());

      // One z slice at a time, so that a large scan needs little memory
      // beyond its labels.
      const std::size_t            slice = std::size_t(dims[1]) * dims[2];
      std::vector<long long>       buffer(slice);
      const std::array<hsize_t, 3> count{{1, dims[1], dims[2]}};
      const Handle memory(H5Screate_simple(3, count.data(), nullptr),
                          H5Sclose,
                          what);
      long long    cached_label               = 0;
      dealii::types::material_id cached_phase = phase_ids::n_phases;
      for (hsize_t k = 0; k < dims[0]; ++k)
        {
          const std::array<hsize_t, 3> start{{k, 0, 0}};
          check(H5Sselect_hyperslab(space,
                                    H5S_SELECT_SET,
                                    start.data(),
                                    nullptr,
                                    count.data(),
                                    nullptr),
                what);
          check(H5Dread(dataset,
                        H5T_NATIVE_LLONG,
                        memory,
                        space,
                        H5P_DEFAULT,
                        buffer.data()),
                what);
          for (std::size_t m = 0; m < slice; ++m)
            {
              const long long label = buffer[m];
              if (label != cached_label || cached_phase == phase_ids::n_phases)
                {
                  const auto it =
                    (label < INT_MIN || label > INT_MAX) ?
                      label_to_phase.end() :
                      label_to_phase.find(static_cast<int>(label));
                  if (it == label_to_phase.end())
                    throw ParameterError("Label " + std::to_string(label) + in +
                                         " (dataset '" + dataset_name +
                                         "') is not in the label map; add it, "
                                         "e.g. '" +
                                         std::to_string(label) + ":void'.");
                  cached_label = label;
                  cached_phase = it->second;
                }
              rve.labels[k * slice + m] =
                static_cast<std::uint8_t>(cached_phase);
            }
        }
      return rve;
    }



    void
    write_label_volume(const VoxelRVE    &rve,
                       const std::string &hdf5_file,
                       const std::string &dataset_name)
    {
      rve.validate();
      const std::string tmp  = hdf5_file + ".tmp";
      const std::string what = "Cannot write the label volume '" + hdf5_file +
                               "' (dataset '" + dataset_name + "').";
      try
        {
          const QuietHdf5Errors quiet;
          const Handle          access = file_access(what);
          Handle                file(
            H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access),
            H5Fclose,
            what);
          {
            const std::array<hsize_t, 3> dims{
              {rve.n_voxels[2], rve.n_voxels[1], rve.n_voxels[0]}};
            const Handle space(H5Screate_simple(3, dims.data(), nullptr),
                               H5Sclose,
                               what);
            const Handle link(H5Pcreate(H5P_LINK_CREATE), H5Pclose, what);
            check(H5Pset_create_intermediate_group(link, 1), what);
            const Handle create(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, what);
            if (H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0)
              {
                const std::array<hsize_t, 3> chunk{{1, dims[1], dims[2]}};
                check(H5Pset_chunk(create, 3, chunk.data()), what);
                check(H5Pset_deflate(create, 4), what);
              }
            const Handle dataset(H5Dcreate2(file,
                                            dataset_name.c_str(),
                                            H5T_STD_U8LE,
                                            space,
                                            link,
                                            create,
                                            H5P_DEFAULT),
                                 H5Dclose,
                                 what);
            check(H5Dwrite(dataset,
                           H5T_NATIVE_UINT8,
                           H5S_ALL,
                           H5S_ALL,
                           H5P_DEFAULT,
                           rve.labels.data()),
                  what);
            const hsize_t three = 3;
            const Handle  vector_space(H5Screate_simple(1, &three, nullptr),
                                      H5Sclose,
                                      what);
            const Handle  attribute(H5Acreate2(dataset,
                                              "voxel_size",
                                              H5T_IEEE_F64LE,
                                              vector_space,
                                              H5P_DEFAULT,
                                              H5P_DEFAULT),
                                   H5Aclose,
                                   what);
            check(H5Awrite(attribute, H5T_NATIVE_DOUBLE, rve.voxel_size.data()),
                  what);
            write_string_attribute(dataset, "voxel_size_units", "m", what);
            write_string_attribute(dataset,
                                   "voxel_size_order",
                                   "x, y, z (the dataset shape is nz, ny, nx)",
                                   what);
            write_string_attribute(dataset,
                                   "label_legend",
                                   label_legend(),
                                   what);
          }
          file.close_checked(what);
        }
      catch (...)
        {
          std::error_code ignored;
          std::filesystem::remove(tmp, ignored);
          throw;
        }
      std::error_code error;
      std::filesystem::rename(tmp, hdf5_file, error);
      if (error)
        throw ParameterError(what + " " + error.message() + ".");
    }



    void
    create_voxel_mesh(const VoxelRVE &rve, dealii::Triangulation<3, 3> &tria)
    {
      rve.validate();
      const auto size = rve.size();
      dealii::GridGenerator::subdivided_hyper_rectangle(
        tria,
        std::vector<unsigned int>(rve.n_voxels.begin(), rve.n_voxels.end()),
        dealii::Point<3>(),
        dealii::Point<3>(size[0], size[1], size[2]),
        /*colorize=*/false);

      const double tolerance =
        1e-6 * *std::min_element(rve.voxel_size.begin(), rve.voxel_size.end());
      for (const auto &cell : tria.active_cell_iterators())
        {
          cell->set_material_id(
            rve.labels[rve.voxel_containing(cell->center())]);
          for (const auto &face : cell->face_iterators())
            if (face->at_boundary())
              {
                const dealii::Point<3> c = face->center();
                for (unsigned int d = 0; d < 3; ++d)
                  {
                    if (std::abs(c[d]) < tolerance)
                      face->set_boundary_id(
                        static_cast<dealii::types::boundary_id>(2 * d));
                    else if (std::abs(c[d] - size[d]) < tolerance)
                      face->set_boundary_id(
                        static_cast<dealii::types::boundary_id>(2 * d + 1));
                  }
              }
        }
    }
  } // namespace composite
} // namespace anodemech
