#pragma once

#include <deal.II/base/tensor.h>

#include <string>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /**
   * A flat rigid platen z = h above the disc, pressing it down, with
   * Coulomb friction. The platen position h is an unknown of the problem;
   * the force on it is prescribed (force control).
   *
   * Contact is enforced with a penalty at the quadrature points of every
   * boundary face that can touch the platen (the top face and the lateral
   * surface, which folds over at large strain). At a point with current
   * height z, the penetration is g = z - h and the normal traction (force
   * per reference area, pushing the body down) is t_N = <lambda + eps_N g>,
   * lambda being an augmented-Lagrangian multiplier (Uzawa updates
   * lambda <- t_N after each converged Newton solve until the penetration is
   * below a tolerance, Simo & Laursen, Comput. Struct. 42 (1992) 97). The
   * tangential traction follows a penalty-regularised Coulomb law with an
   * elastic predictor t_T^trial = t_T,n + eps_T (u_T - u_T,n) and the slip
   * condition |t_T| <= mu t_N (return to the cone when it is violated), see
   * Wriggers, Computational Contact Mechanics (2006), ch. 5 and 10, and
   * Laursen (2002). The frictional traction acting on the body is -t_T.
   *
   * The penalty is eps_N = eps_T = (penalty factor) E_ref / h_ref with E_ref
   * the largest reference Young's modulus of the body's materials and h_ref
   * the meshed half thickness, so that without augmentation the penetration
   * is about t_N h_ref / (factor E_ref).
   */
  class RigidPlaten
  {
  public:
    /**
     * Friction coefficient that stands for "sticking": no slip anywhere the
     * contact pressure is not nearly zero. A truly unbounded tangential
     * traction would jump to zero when a point lifts off (at the edge of
     * the contact zone), a discontinuous residual on which Newton cycles;
     * bounded by 1000 t_N it vanishes continuously.
     */
    static constexpr double sticking_friction_coefficient = 1e3;

    enum class FrictionModel
    {
      frictionless,
      coulomb,
      sticking
    };

    struct Parameters
    {
      FrictionModel friction_model       = FrictionModel::coulomb;
      double        friction_coefficient = 0.3;  ///< mu [-]
      double        penalty_factor       = 100.; ///< [-]
      /// Largest penetration accepted, relative to the half thickness [-].
      double penetration_tolerance = 1e-4;
      /// Augmented-Lagrangian updates of the normal traction per step [-].
      unsigned int max_augmentations = 10;
      /**
       * Half width delta of the stick-slip transition, relative to the
       * friction limit mu t_N [-], in [0, 0.5]. Trial tractions below
       * (1 - delta) mu t_N stick, above (1 + delta) mu t_N slip, and in
       * between a quadratic blend makes the tangential traction C1 in the
       * trial traction. 0 (default) is the sharp Coulomb return map. On
       * its kink Newton can cycle without end, and since linear elasticity
       * with Coulomb friction is scale-invariant, cutting the step back
       * does not help: the 15 mm lithium sheet with mu = 0.05 failed in its
       * first step with 0 and runs with 0.1. The smoothing is no cure-all
       * (the D/h = 20 friction-hill test fails in its first step with 0.1),
       * hence off by default; QuasiStaticSolid::solve_step() applies it
       * only at points that cycle between stick and slip, in a retry.
       */
      double friction_smoothing = 0.;

      /// Declare in the current subsection ("Platen" by convention).
      static void
      declare_parameters(dealii::ParameterHandler &prm);

      void
      parse_parameters(const dealii::ParameterHandler &prm);

      void
      validate() const;
    };

    /// State of the contact at one face quadrature point.
    template <int dim>
    struct PointState
    {
      /// Tangential traction t_T (components along the platen) [Pa].
      dealii::Tensor<1, dim> tangential_traction;
      /// Augmented-Lagrangian multiplier of the normal traction [Pa].
      double normal_multiplier = 0.;
      /**
       * In contact at the end of the step. A point that was not in contact
       * at the start of a step carries no friction in that step: where in
       * the step it touched is unknown, and measuring its slip from the
       * start of the step would make the friction force jump when it
       * touches (a discontinuous residual on which Newton cycles).
       */
      bool in_contact = false;
    };

    /// Contact response at one point for the current iterate.
    template <int dim>
    struct PointResponse
    {
      bool active   = false; ///< in contact (g >= 0)
      bool slipping = false;
      /// Normal traction t_N >= 0 [Pa] (per reference area).
      double normal_traction = 0.;
      /// Traction on the body per reference area [Pa].
      dealii::Tensor<1, dim> traction;
      /// d traction / d u at the point [Pa/m].
      dealii::Tensor<2, dim> dtraction_du;
      /// d traction / d h (platen position) [Pa/m].
      dealii::Tensor<1, dim> dtraction_dh;
      /// d t_N / d u and d t_N / d h [Pa/m].
      dealii::Tensor<1, dim> dnormal_du;
      double                 dnormal_dh = 0.;
      /// New state (to be committed if the step converges).
      PointState<dim> state;
    };

    RigidPlaten(const Parameters &parameters, double penalty_stiffness);

    /**
     * Response at a point of current height @p z (last coordinate of the
     * current position) with displacement increment @p du_step over the
     * step, for platen position @p h, the point's converged state @p old
     * and the current normal multiplier @p multiplier [Pa]. @p smoothing:
     * the half width of the stick-slip blend at this point (see
     * Parameters::friction_smoothing); negative: the platen's.
     */
    template <int dim>
    PointResponse<dim>
    evaluate(double                        z,
             double                        h,
             const dealii::Tensor<1, dim> &du_step,
             const PointState<dim>        &old,
             double                        multiplier,
             double                        smoothing = -1.) const;

    /// Penalty stiffness eps [Pa/m].
    double
    penalty_stiffness() const;

    const Parameters &
    get_parameters() const;

    static std::string
    friction_model_name(FrictionModel model);

  private:
    Parameters parameters;
    double     penalty;
  };
} // namespace anodemech
