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
   * The contact law of a flat rigid platen z = h pressing a body from above,
   * with Coulomb friction, at one contact node, written as the nonlinear
   * complementarity functions of a semi-smooth Newton method (primal-dual
   * active set; Alart & Curnier, CMAME 92 (1991) 353; Hueber, Stadler &
   * Wohlmuth, SIAM J. Sci. Comput. 30 (2008) 572; Popp et al., IJNME 79
   * (2009) 1354). ActiveSetContact applies it at the nodes of the contact
   * boundaries; this class holds the pointwise law so that it can be tested
   * on its own.
   *
   * At a node with gap (penetration, positive into the platen) g = z - h,
   * normal multiplier lambda_N (contact pressure per reference area,
   * pushing the body down) and tangential multiplier lambda_T (the friction
   * traction per reference area; the body feels -lambda_T), slip increment
   * over the step du_T and complementarity parameters c_N, c_T [Pa/m]:
   *   normal:  lambda_N - max(0, Lambda) = 0,  Lambda = lambda_N + c_N g,
   *   Coulomb: lambda_T - P_{B(mu max(0, Lambda))}(v) = 0,
   *            v = lambda_T + c_T du_T,
   * with P_B the projection onto the disc of radius mu max(0, Lambda). The
   * three cases are open (lambda = 0), stick (du_T = 0: an exact no-slip
   * condition) and slip (lambda_T = mu Lambda v / |v|). The parameters c
   * change the path of the iteration, not its solution.
   */
  class RigidPlaten
  {
  public:
    enum class FrictionModel
    {
      frictionless,
      coulomb,
      sticking
    };

    /// What a contact node does in the current iterate.
    enum class NodeStatus : unsigned char
    {
      /// Not touching: no traction.
      open = 0,
      /// Touching, without friction (frictionless, or the step in which the
      /// node first touches).
      contact = 1,
      /// Touching and sticking: no slip over the step.
      stick = 2,
      /// Touching and slipping: |lambda_T| = mu lambda_N.
      slip = 3
    };

    /// Most tangential components of a node (the platen's plane in 3D).
    static constexpr unsigned int max_tangential = 2;

    struct Parameters
    {
      FrictionModel friction_model       = FrictionModel::coulomb;
      double        friction_coefficient = 0.3; ///< mu [-]
      /**
       * c_N = c_T = factor x d_k / m_k at node k, d_k the diagonal stiffness
       * of its normal row and m_k its reference area [-], > 0. It weighs
       * the gap against the multiplier when the active set is predicted;
       * the converged solution does not depend on it.
       */
      double complementarity_factor = 1.;

      /// Declare in the current subsection ("Platen" by convention).
      static void
      declare_parameters(dealii::ParameterHandler &prm);

      void
      parse_parameters(const dealii::ParameterHandler &prm);

      void
      validate() const;
    };

    /// The values of one node at the current iterate.
    struct NodeValues
    {
      /// lambda_N [Pa].
      double normal_multiplier = 0.;
      /// g = z - h [m].
      double gap = 0.;
      /// Number of free tangential components (0, 1 or 2).
      unsigned int n_tangential = 0;
      /// lambda_T [Pa]; components beyond n_tangential are zero.
      dealii::Tensor<1, max_tangential> tangential_multiplier;
      /// du_T = u_T - u_T,n [m].
      dealii::Tensor<1, max_tangential> slip;
      /// c_N and c_T [Pa/m].
      double normal_parameter     = 0.;
      double tangential_parameter = 0.;
      /// In contact at the start of the step (friction acts only then).
      bool friction_active = false;
    };

    /**
     * The Coulomb slip condition G_T = lambda_T - mu Lambda v / |v| [Pa]
     * and its derivatives, for a slipping node (|v| > mu Lambda > 0).
     */
    struct SlipCondition
    {
      dealii::Tensor<1, max_tangential> residual;
      /// d G_T / d lambda_T = I - P, P = mu Lambda / |v| (I - s (x) s).
      dealii::Tensor<2, max_tangential> d_tangential_multiplier;
      /// d G_T / d lambda_N = -mu s.
      dealii::Tensor<1, max_tangential> d_normal_multiplier;
      /// d G_T / d g = -mu c_N s [Pa/m].
      dealii::Tensor<1, max_tangential> d_gap;
      /// d G_T / d du_T = -c_T P [Pa/m].
      dealii::Tensor<2, max_tangential> d_slip;
    };

    explicit RigidPlaten(const Parameters &parameters);

    /**
     * The status of a node from its values, given its status in the
     * previous iterate: Lambda = lambda_N + c_N g > 0 closes an open node,
     * Lambda < 0 opens a touching one (ties keep the status, so that a
     * node touching at zero force stays in contact); a touching node has
     * friction if it was touching at the start of the step, and then
     * sticks if |v| <= mu Lambda and slips otherwise (the sticking model
     * always sticks).
     */
    NodeStatus
    classify(const NodeValues &node, NodeStatus previous) const;

    /// The slip condition at a slipping node.
    SlipCondition
    slip_condition(const NodeValues &node) const;

    const Parameters &
    get_parameters() const;

    static std::string
    friction_model_name(FrictionModel model);

  private:
    Parameters parameters;
  };
} // namespace anodemech
