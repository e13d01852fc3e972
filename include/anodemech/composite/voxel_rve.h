#pragma once

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>
#include <deal.II/base/types.h>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
  template <int dim, int spacedim>
  class Triangulation;
} // namespace dealii

namespace anodemech
{
  namespace composite
  {
    /**
     * Phase ids of the mesoscale representative volume of the composite
     * (woven carbon cloth, lithium, gel polymer electrolyte, void): the
     * labels of the voxels and the material ids of the voxel mesh.
     */
    namespace phase_ids
    {
      /// Empty space (pores the lithium and the electrolyte leave).
      constexpr dealii::types::material_id void_phase = 0;
      /// Carbon-fibre tow running along x (with fibres and matrix gaps).
      constexpr dealii::types::material_id warp_tow = 1;
      /// Carbon-fibre tow running along y.
      constexpr dealii::types::material_id weft_tow = 2;
      /// Lithium metal.
      constexpr dealii::types::material_id lithium = 3;
      /// Gel polymer electrolyte.
      constexpr dealii::types::material_id electrolyte = 4;
      /// Number of phases; the ids are 0 to n_phases - 1.
      constexpr unsigned int n_phases = 5;
    } // namespace phase_ids

    /// Boundary ids of the voxel mesh of create_voxel_mesh().
    namespace voxel_boundary_ids
    {
      constexpr dealii::types::boundary_id x_min = 0; ///< x = 0
      constexpr dealii::types::boundary_id x_max = 1; ///< x = size()[0]
      constexpr dealii::types::boundary_id y_min = 2; ///< y = 0
      constexpr dealii::types::boundary_id y_max = 3; ///< y = size()[1]
      constexpr dealii::types::boundary_id z_min = 4; ///< z = 0
      constexpr dealii::types::boundary_id z_max = 5; ///< z = size()[2]
    } // namespace voxel_boundary_ids

    /**
     * Name of the phase @p id: "void", "warp tow", "weft tow", "lithium",
     * "electrolyte". Throws a ParameterError for an id that is no phase.
     */
    std::string
    phase_name(dealii::types::material_id id);

    /**
     * A representative volume of the composite on a regular grid of
     * hexahedral voxels filling the box [0, size()[0]] x [0, size()[1]] x
     * [0, size()[2]], each voxel labelled with a phase id.
     */
    struct VoxelRVE
    {
      /// Unit fibre direction at a reference point of a tow of a given id.
      using FiberDirectionFunction =
        std::function<dealii::Tensor<1, 3>(const dealii::Point<3> &,
                                           dealii::types::material_id)>;

      /// Voxels along x, y and z [-].
      std::array<unsigned int, 3> n_voxels{{0, 0, 0}};

      /// Edge lengths dx, dy, dz of one voxel [m].
      std::array<double, 3> voxel_size{{0., 0., 0.}};

      /**
       * Phase id of every voxel; voxel (i, j, k) (along x, y, z) has the
       * index i + nx (j + ny k), x fastest. Its centre is at
       * ((i + 1/2) dx, (j + 1/2) dy, (k + 1/2) dz).
       */
      std::vector<std::uint8_t> labels;

      /**
       * Fibre direction of the tows; called for warp and weft tow ids only.
       * Empty: warp along x, weft along y (a scanned volume, where the crimp
       * is not known).
       */
      FiberDirectionFunction fiber_direction_function;

      /// Generated weaves: the exact tow volume fraction of the geometry [-].
      std::optional<double> analytical_tow_fraction;

      /// Generated weaves: fibre volume fraction inside a tow [-].
      std::optional<double> tow_fiber_fraction;

      /**
       * Generated weaves: voxels whose centre lies inside a warp and a weft
       * tow at once (each is given to the tow whose elliptic section it is
       * deeper in). Zero for a valid weave, unless a voxel centre falls
       * exactly on a point where two tows touch.
       */
      unsigned int n_voxels_in_both_tows = 0;

      /// Total number of voxels, nx ny nz.
      std::size_t
      n_total_voxels() const;

      /// Index i + nx (j + ny k) of voxel (i, j, k).
      std::size_t
      voxel_index(unsigned int i, unsigned int j, unsigned int k) const;

      /// Centre of voxel (i, j, k) [m].
      dealii::Point<3>
      voxel_center(unsigned int i, unsigned int j, unsigned int k) const;

      /**
       * Index of the voxel that contains @p p [m]; points outside the box
       * are taken to the nearest voxel.
       */
      std::size_t
      voxel_containing(const dealii::Point<3> &p) const;

      /// Edge lengths of the box, n_voxels[d] * voxel_size[d] [m].
      std::array<double, 3>
      size() const;

      /**
       * Volume fraction of each phase [-], the share of the voxels with that
       * label; indexed by phase id.
       */
      std::array<double, phase_ids::n_phases>
      phase_fractions() const;

      /**
       * Unit fibre direction in the reference configuration at @p p [m] for
       * a cell or voxel of phase @p material_id: the tangent of the tow
       * centre line for warp and weft tows, the zero vector for every other
       * phase.
       */
      dealii::Tensor<1, 3>
      fiber_direction(const dealii::Point<3>          &p,
                      const dealii::types::material_id material_id) const;

      /**
       * Throw a ParameterError if the sizes do not match, a voxel size is
       * not positive or a label is no phase id.
       */
      void
      validate() const;
    };

    /**
     * Geometry and filling of a plain-weave unit cell of a carbon cloth with
     * lithium and gel polymer electrolyte (GPE).
     *
     * The unit cell is [0, 2s] x [0, 2s] x [0, H], H = 2A + t + 2c, with the
     * mid-plane z0 = H/2. Warp tow j (j = 0, 1) runs along x at
     * y_j = s/2 + j s with the centre line z = z0 + (-1)^j A sin(pi x / s);
     * weft tow i runs along y at x_i = s/2 + i s with the centre line
     * z = z0 - (-1)^i A sin(pi y / s). A tow's section in the vertical plane
     * across it is the ellipse of axes w (horizontal) and t (vertical)
     * about the centre line, so each tow has the volume (pi w t / 4) 2s and
     * the tow volume fraction is pi w t / (2 s H). At each crossover the
     * centre lines are 2A apart; warp and weft touch when A = t/2.
     *
     * Filling (deterministic): lithium fills the voxels of the cloth layer
     * |z - z0| <= A + t/2 that are not tow in order of increasing
     * 6-connected voxel distance from the nearest tow voxel (molten lithium
     * wets the lithiophilic fibres; periodic in x and y), ties broken by the
     * voxel index; then electrolyte fills the remaining non-tow voxels in
     * order of increasing distance (in voxel layers) from the nearer outer
     * face z = 0 or z = H, the coating first; the rest is void.
     */
    struct PlainWeaveParameters
    {
      /**
       * Tow spacing s, the centre-to-centre distance of neighbouring
       * parallel tows [m]. Assumed for a 3K plain-weave cloth.
       */
      double tow_spacing = 1.0e-3;
      /// Tow width w, 0 < w <= s [m].
      double tow_width = 0.5e-3;
      /// Tow thickness t [m]: half the 0.33 mm cloth thickness (WOS1009).
      double tow_thickness = 0.165e-3;
      /**
       * Crimp amplitude A, the amplitude of the sinusoidal undulation of a
       * tow centre line [m]; 0 means t/2 (the cloth layer is 2A + t thick).
       */
      double crimp_amplitude = 0.;
      /// Fibre volume fraction inside a tow [-]; for the tow material only.
      double fiber_fraction_in_tow = 0.6;
      /// Thickness c of the electrolyte layer space on each face [m].
      double coating_thickness = 0.05e-3;
      /// Lithium volume fraction of the whole cell [-] (voxel target).
      double lithium_fraction = 0.4;
      /// Electrolyte volume fraction of the whole cell [-] (voxel target).
      double electrolyte_fraction = 0.25;
      /// Voxels along x and along y, nx = ny (even) [-].
      unsigned int voxels_in_plane = 32;
      /// Voxels through the thickness, nz [-].
      unsigned int voxels_through_thickness = 32;

      /// Declare in the current subsection.
      static void
      declare_parameters(dealii::ParameterHandler &prm);

      /// Read from the current subsection and validate().
      void
      parse_parameters(const dealii::ParameterHandler &prm);

      /**
       * Throw a ParameterError naming the first invalid entry, its unit and
       * its allowed range: also when the tows interpenetrate, or the lithium
       * does not fit into the space between the tows of the cloth layer, or
       * lithium, electrolyte and tows together exceed the cell.
       */
      void
      validate() const;

      /// The crimp amplitude A in use: crimp_amplitude, or t/2 if it is 0 [m].
      double
      effective_crimp_amplitude() const;

      /// Height H = 2A + t + 2c of the unit cell [m].
      double
      cell_height() const;

      /// Tow volume fraction pi w t / (2 s H) [-].
      double
      tow_volume_fraction() const;

      /**
       * Smallest crimp amplitude [m] at which warp and weft do not
       * interpenetrate: t/2 for w <= 2 s / pi, larger for wider tows.
       */
      double
      minimum_crimp_amplitude() const;
    };

    /**
     * Generate the voxel volume of the plain-weave unit cell described by
     * @p parameters (validated first). Throws a ParameterError if the
     * requested lithium or electrolyte volume does not fit into the voxels
     * available to it.
     */
    VoxelRVE
    generate_plain_weave(const PlainWeaveParameters &parameters);

    /**
     * Read a segmented label volume (e.g. an X-ray microscopy scan): the
     * integer dataset @p dataset of the HDF5 file @p hdf5_file, of shape
     * (nz, ny, nx) in C order, as numpy writes a z-stack. Each label is
     * turned into a phase id by @p label_to_phase. @p voxel_size holds dx,
     * dy, dz [m]. A scan carries no crimp: the fibre direction of warp tows
     * is x, that of weft tows y.
     *
     * Throws a ParameterError naming the file if it is missing or no HDF5
     * file, if it has no such dataset, if the dataset is not a 3D integer
     * array, or if it holds a label that @p label_to_phase does not map (the
     * message gives the label value).
     */
    VoxelRVE
    read_label_volume(
      const std::string                               &hdf5_file,
      const std::string                               &dataset,
      const std::array<double, 3>                     &voxel_size,
      const std::map<int, dealii::types::material_id> &label_to_phase);

    /**
     * Write the labels of @p rve to the dataset @p dataset (created with its
     * parent groups) of a new HDF5 file @p hdf5_file, replacing any file of
     * that name: unsigned 8-bit integers of shape (nz, ny, nx) as
     * read_label_volume() reads them, with the attributes "voxel_size"
     * (dx, dy, dz in metres), "voxel_size_units" ("m") and "label_legend",
     * the legend in the format of parse_label_map() ("0:void, 1:warp tow,
     * ..."). The file is written under a temporary name and renamed.
     */
    void
    write_label_volume(const VoxelRVE    &rve,
                       const std::string &hdf5_file,
                       const std::string &dataset);

    /**
     * The label legend "0:void, 1:warp tow, 2:weft tow, 3:lithium,
     * 4:electrolyte" of write_label_volume().
     */
    std::string
    label_legend();

    /**
     * Parse a label map such as "0:void, 1:warp tow, 2:weft tow, 3:lithium,
     * 4:electrolyte": comma-separated entries "label:phase name" with an
     * integer label and a phase name of phase_name() (case and surrounding
     * blanks ignored). Throws a ParameterError naming @p parameter_name and
     * the offending entry for a malformed entry, an unknown phase name, a
     * label given twice or an empty map.
     */
    std::map<int, dealii::types::material_id>
    parse_label_map(const std::string &text,
                    const std::string &parameter_name = "Label map");

    /**
     * Fill the empty triangulation @p tria (serial, or
     * parallel::distributed passed as its base class) with one hexahedral
     * cell per voxel of @p rve on [0, size()], without refinement. Each
     * cell's material id is the label of the voxel containing its centre;
     * the boundary ids are those of voxel_boundary_ids: 0 on x = 0, 1 on
     * x = size()[0], 2 on y = 0, 3 on y = size()[1], 4 on z = 0 and 5 on
     * z = size()[2].
     */
    void
    create_voxel_mesh(const VoxelRVE &rve, dealii::Triangulation<3, 3> &tria);
  } // namespace composite
} // namespace anodemech
