#pragma once

#include <anodemech/mechanics/compression_run.h>

#include <mpi.h>

#include <array>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /// The state of a representative volume after one converged step.
  struct RVERecord
  {
    /// Time, nominal pressure, platen force, thickness change, ... (the
    /// diameter entries of the record are not used for an RVE).
    CompressionRecord step;
    /// Through-thickness nominal strain, (H - H0) / H0 x 100 (negative in
    /// compression) [%].
    double thickness_strain_pct = 0.;
    /// Lateral nominal strains along x and y, mean displacement of the
    /// x (y) = L face over L, x 100 [%].
    std::array<double, 2> lateral_strain_pct{{0., 0.}};
    /**
     * Volume average of the Cauchy stress sigma_zz over the cells of each
     * phase (void, warp tow, weft tow, lithium, electrolyte; reference
     * volume weights) [Pa]; zero for an absent phase.
     */
    std::array<double, 5> phase_stress_zz{{0., 0., 0., 0., 0.}};
    /**
     * Share of each phase in the through-thickness load, f_p <sigma_zz>_p /
     * sum_q f_q <sigma_zz>_q, with f_p the reference volume fraction [-].
     */
    std::array<double, 5> phase_load_share{{0., 0., 0., 0., 0.}};
  };

  /// What an RVE run returns.
  struct RVEResult
  {
    CompressionSummary      summary;
    std::vector<RVERecord>  records; ///< the initial state first
    std::array<double, 5>   phase_fractions{{0., 0., 0., 0., 0.}};
    std::array<double, 3>   size{{0., 0., 0.}}; ///< [m]
    std::array<unsigned, 3> n_voxels{{0, 0, 0}};
    std::string             lateral_faces; ///< "planar" or "free"
  };

  /**
   * The job of the rve_compress app: a representative volume of the
   * composite anode on a hexahedral voxel grid (a generated plain weave of
   * carbon-fibre tows with lithium, gel electrolyte and voids; a segmented
   * label volume read from HDF5; or one uniform phase), compressed through
   * its thickness by a rigid frictionless platen under a nominal pressure
   * history, in 3D with MPI.
   *
   * Boundary conditions (Lateral faces = planar): the faces x = 0, y = 0 and
   * z = 0 are symmetry planes; the faces x = L_x and y = L_y stay plane and
   * carry no net force (they move freely, as if held by frictionless rigid
   * walls that follow the material); the face z = H stays plane and carries
   * the force as a dead nominal pressure (a rigid frictionless platen bonded
   * to it; no contact iteration).
   * Under a homogeneous material this is uniaxial nominal stress. These are
   * not periodic conditions: the weave's lateral faces are held plane,
   * which is stiffer than periodicity by a boundary layer of about one tow.
   * With Lateral faces = free, x = L_x and y = L_y are traction free.
   *
   * Parameter layout (`rve_compress --print-parameters` lists every entry
   * with its default, unit and description):
   * @code
   * subsection RVE                # Source, Lateral faces, recipe switch,
   *   subsection Plain weave      #   composite::PlainWeaveParameters
   *   subsection Label volume     #   File, Dataset, Voxel size, Label map
   *   subsection Uniform          #   one phase on a box
   * subsection Recipe             # composite::CompositeRecipe
   * subsection Tow                # fibre constants, matrix of the tow
   * subsection Material lithium   # MaterialFactory
   * subsection Material electrolyte
   * subsection Material void
   * subsection Loading            # Load protocol, Report pressures
   * subsection Time stepping
   * subsection Solver             # QuasiStaticSolid<3>::Parameters
   * subsection Output             # Folder, Field output
   * @endcode
   *
   * Output (Folder): results.h5 with /curves (time, pressure, effective
   * through-thickness and lateral strains, phase-averaged stresses and load
   * shares, Newton iterations), /fields/step_N and /input; results.xdmf;
   * curves.csv; labels.h5 with the voxel labels.
   */
  class RVECompression
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /**
     * Read and check every parameter and build the voxel RVE and the
     * materials; throws a ParameterError naming the parameter and its
     * allowed values. @p input_text is stored in results.h5; a relative
     * label-volume file name is taken relative to @p input_directory.
     */
    RVECompression(dealii::ParameterHandler &prm,
                   const std::string        &input_text,
                   const std::string        &input_directory);

    ~RVECompression();

    /**
     * Run on @p communicator, printing progress to @p out on rank 0.
     * result.summary.completed is false if the run stopped early (results
     * up to the last converged step are written).
     */
    RVEResult
    run(MPI_Comm communicator, std::ostream &out) const;

    /// Phase volume fractions of the voxel RVE (by phase id) [-].
    std::array<double, 5>
    phase_fractions() const;

    /// A description of the RVE and its phase materials, for the log.
    std::string
    description() const;

    const std::string &
    output_folder() const;

  private:
    struct Data;
    std::unique_ptr<const Data> data;
  };
} // namespace anodemech
