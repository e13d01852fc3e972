// RigidPlaten: the nodal contact law of the semi-smooth Newton method (the
// classification of a node as open, touching, sticking or slipping, and the
// Coulomb slip condition with its derivatives against central finite
// differences), and its parameters.

#include <anodemech/base/parameter_error.h>
#include <anodemech/contact/rigid_platen.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/tensor.h>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "../test_utilities.h"

namespace anodemech
{
  namespace
  {
    using RP     = RigidPlaten;
    using Status = RP::NodeStatus;

    constexpr auto platen_error_of = &test::parameter_error_message;
    constexpr auto says            = &test::contains_text;

    RP
    platen(const RP::FrictionModel model, const double mu = 0.3)
    {
      RP::Parameters p;
      p.friction_model       = model;
      p.friction_coefficient = mu;
      return RP(p);
    }

    /// A touching node with friction: lambda_N = 1 MPa, c = 1e12 Pa/m.
    RP::NodeValues
    node(const unsigned int n_tangential = 1)
    {
      RP::NodeValues v;
      v.normal_multiplier    = 1e6;
      v.gap                  = 0.;
      v.n_tangential         = n_tangential;
      v.normal_parameter     = 1e12;
      v.tangential_parameter = 2e12;
      v.friction_active      = true;
      return v;
    }

    TEST(RigidPlaten, OpenAndClosedByTheSignOfLambdaPlusCGap)
    {
      const RP p = platen(RP::FrictionModel::frictionless);
      auto     v = node();
      // Lambda = lambda_N + c g.
      v.normal_multiplier = 0.;
      v.gap               = -1e-9; // Lambda = -1e3 < 0
      EXPECT_EQ(p.classify(v, Status::open), Status::open);
      EXPECT_EQ(p.classify(v, Status::contact), Status::open);
      v.gap = 1e-9; // penetrating: closes
      EXPECT_EQ(p.classify(v, Status::open), Status::contact);
      // A touching node that would need a tensile traction opens.
      v.gap               = 0.;
      v.normal_multiplier = -1.;
      EXPECT_EQ(p.classify(v, Status::contact), Status::open);
      // Lambda = 0 exactly keeps the status (touching at zero force, the
      // first step of a run, stays touching; an open node stays open).
      v.normal_multiplier = 0.;
      EXPECT_EQ(p.classify(v, Status::contact), Status::contact);
      EXPECT_EQ(p.classify(v, Status::open), Status::open);
      // A large penetration outweighs a tensile multiplier.
      v.normal_multiplier = -1e3;
      v.gap               = 2e-9;
      EXPECT_EQ(p.classify(v, Status::contact), Status::contact);
    }

    TEST(RigidPlaten, StickInsideTheCoulombConeAndSlipOutside)
    {
      const double mu = 0.3;
      const RP     p  = platen(RP::FrictionModel::coulomb, mu);
      for (const unsigned int n : {1u, 2u})
        {
          auto v = node(n);
          // |v| = |lambda_T + c_T du_T| against mu Lambda = 3e5 Pa.
          v.tangential_multiplier[0] = 2.9e5;
          EXPECT_EQ(p.classify(v, Status::stick), Status::stick) << n;
          v.tangential_multiplier[0] = 3.1e5;
          EXPECT_EQ(p.classify(v, Status::stick), Status::slip) << n;
          // The slip increment counts with c_T: 1e-8 m x 2e12 = 2e4 Pa.
          v.tangential_multiplier[0] = 2.9e5;
          v.slip[0]                  = 1e-8;
          EXPECT_EQ(p.classify(v, Status::stick), Status::slip) << n;
          v.slip[0] = -1e-8;
          EXPECT_EQ(p.classify(v, Status::slip), Status::stick) << n;
          if (n == 2)
            {
              // The norm of both components: (2.2e5, 2.2e5) -> 3.11e5.
              v.slip                     = {};
              v.tangential_multiplier[0] = 2.2e5;
              v.tangential_multiplier[1] = 2.2e5;
              EXPECT_EQ(p.classify(v, Status::stick), Status::slip);
              v.tangential_multiplier[1] = 2.0e5;
              EXPECT_EQ(p.classify(v, Status::slip), Status::stick);
            }
        }
    }

    TEST(RigidPlaten, FrictionOnlyWhereItCanAct)
    {
      auto v                     = node(2);
      v.tangential_multiplier[0] = 1e7; // far outside the cone
      // Frictionless, mu = 0, no free tangential component, or a node that
      // touches for the first time in this step: touching without friction.
      EXPECT_EQ(
        platen(RP::FrictionModel::frictionless).classify(v, Status::stick),
        Status::contact);
      EXPECT_EQ(
        platen(RP::FrictionModel::coulomb, 0.).classify(v, Status::stick),
        Status::contact);
      auto axis         = v;
      axis.n_tangential = 0;
      EXPECT_EQ(
        platen(RP::FrictionModel::coulomb).classify(axis, Status::stick),
        Status::contact);
      auto fresh            = v;
      fresh.friction_active = false;
      EXPECT_EQ(
        platen(RP::FrictionModel::coulomb).classify(fresh, Status::open),
        Status::contact);
      // Sticking sticks whatever the traction: an exact no-slip condition.
      EXPECT_EQ(platen(RP::FrictionModel::sticking).classify(v, Status::slip),
                Status::stick);
      // ... until the node opens.
      v.normal_multiplier = -1.;
      EXPECT_EQ(platen(RP::FrictionModel::sticking).classify(v, Status::stick),
                Status::open);
    }

    /// G_T of @p v (a slipping node).
    dealii::Tensor<1, RP::max_tangential>
    residual(const RP &p, const RP::NodeValues &v)
    {
      return p.slip_condition(v).residual;
    }

    TEST(RigidPlaten, SlipConditionDerivativesMatchCentralDifferences)
    {
      const RP p = platen(RP::FrictionModel::coulomb, 0.35);
      for (const unsigned int n : {1u, 2u})
        {
          auto v                     = node(n);
          v.gap                      = 3e-8;  // Lambda = 1.03e6 + ...
          v.tangential_multiplier[0] = 2.5e5; // |v| well above mu Lambda
          v.slip[0]                  = 2e-7;
          if (n == 2)
            {
              v.tangential_multiplier[1] = -1.5e5;
              v.slip[1]                  = 1.2e-7;
            }
          ASSERT_EQ(p.classify(v, Status::slip), Status::slip);
          const auto c = p.slip_condition(v);

          // @p scale: the size of that group of derivatives (1 for those by
          // a multiplier, c for those by a length), for the zero entries.
          const auto check = [&](const auto        &perturb,
                                 const double       h,
                                 const double       scale,
                                 const auto        &analytic,
                                 const std::string &what) {
            auto plus = v, minus = v;
            perturb(plus, h);
            perturb(minus, -h);
            const auto fd = (residual(p, plus) - residual(p, minus)) / (2. * h);
            for (unsigned int i = 0; i < n; ++i)
              EXPECT_NEAR(fd[i],
                          analytic(i),
                          1e-6 * (std::abs(analytic(i)) + scale))
                << what << ", component " << i << ", n_t = " << n;
          };
          check([](auto &x, const double h) { x.normal_multiplier += h; },
                1.,
                1.,
                [&](const unsigned int i) { return c.d_normal_multiplier[i]; },
                "d/d lambda_N");
          check([](auto &x, const double h) { x.gap += h; },
                1e-12,
                1e12,
                [&](const unsigned int i) { return c.d_gap[i]; },
                "d/d g");
          for (unsigned int l = 0; l < n; ++l)
            {
              check([l](auto        &x,
                        const double h) { x.tangential_multiplier[l] += h; },
                    1.,
                    1.,
                    [&](const unsigned int i) {
                      return c.d_tangential_multiplier[i][l];
                    },
                    "d/d lambda_T," + std::to_string(l));
              check([l](auto &x, const double h) { x.slip[l] += h; },
                    1e-12,
                    1e12,
                    [&](const unsigned int i) { return c.d_slip[i][l]; },
                    "d/d du_T," + std::to_string(l));
            }
          // Beyond the free components everything is zero.
          for (unsigned int i = n; i < RP::max_tangential; ++i)
            {
              EXPECT_EQ(c.residual[i], 0.);
              EXPECT_EQ(c.d_normal_multiplier[i], 0.);
              for (unsigned int l = 0; l < RP::max_tangential; ++l)
                EXPECT_EQ(c.d_slip[i][l], 0.);
            }
        }
    }

    TEST(RigidPlaten, SlipConditionVanishesOnTheCoulombCone)
    {
      // A converged slipping node: g = 0, lambda_T = mu lambda_N s with the
      // slip along s: G_T = 0, and in 2D the derivative along the slip
      // direction is zero (P = 0 there) while the one across it is not.
      const double mu   = 0.2;
      const RP     p    = platen(RP::FrictionModel::coulomb, mu);
      auto         v    = node(2);
      const double s[2] = {0.6, 0.8};
      for (unsigned int i = 0; i < 2; ++i)
        {
          v.tangential_multiplier[i] = mu * v.normal_multiplier * s[i];
          v.slip[i]                  = 1e-7 * s[i];
        }
      const auto c = p.slip_condition(v);
      for (unsigned int i = 0; i < 2; ++i)
        EXPECT_NEAR(c.residual[i], 0., 1e-9 * mu * v.normal_multiplier);
      // (I - P) s = s, P = mu Lambda / |v| (I - s s).
      for (unsigned int i = 0; i < 2; ++i)
        {
          double along = 0.;
          for (unsigned int l = 0; l < 2; ++l)
            along += c.d_tangential_multiplier[i][l] * s[l];
          EXPECT_NEAR(along, s[i], 1e-12);
        }
      const double Lambda    = v.normal_multiplier;
      const double norm      = std::hypot(v.tangential_multiplier[0] +
                                       v.tangential_parameter * v.slip[0],
                                     v.tangential_multiplier[1] +
                                       v.tangential_parameter * v.slip[1]);
      const double across[2] = {-0.8, 0.6};
      for (unsigned int i = 0; i < 2; ++i)
        {
          double value = 0.;
          for (unsigned int l = 0; l < 2; ++l)
            value += c.d_tangential_multiplier[i][l] * across[l];
          EXPECT_NEAR(value, (1. - mu * Lambda / norm) * across[i], 1e-12);
        }
    }

    TEST(RigidPlaten, ValidateRejectsBadParametersByName)
    {
      RP::Parameters p;
      p.friction_coefficient = -0.1;
      auto m                 = platen_error_of([&] { p.validate(); });
      EXPECT_TRUE(says(m, "'Friction coefficient'")) << m;
      m = platen_error_of([&] { RP platen(p); });
      EXPECT_TRUE(says(m, "'Friction coefficient'")) << m;
      p.friction_coefficient = 1e308;
      m                      = platen_error_of([&] { p.validate(); });
      EXPECT_TRUE(says(m, "'Friction coefficient'")) << m;

      for (const double factor : {0., -10., 1e7})
        {
          RP::Parameters q;
          q.complementarity_factor = factor;
          m                        = platen_error_of([&] { q.validate(); });
          EXPECT_TRUE(says(m, "'Complementarity factor'")) << m;
        }
      EXPECT_NO_THROW(RP::Parameters().validate());
    }

    TEST(RigidPlaten, ParametersRoundTripThroughAParameterHandler)
    {
      dealii::ParameterHandler prm;
      prm.enter_subsection("Platen");
      RP::Parameters::declare_parameters(prm);
      prm.leave_subsection();

      // Declared defaults are the structure's defaults.
      RP::Parameters       d;
      const RP::Parameters reference;
      d.friction_model         = RP::FrictionModel::sticking;
      d.friction_coefficient   = 0.9;
      d.complementarity_factor = 7.;
      prm.enter_subsection("Platen");
      d.parse_parameters(prm);
      prm.leave_subsection();
      EXPECT_EQ(d.friction_model, reference.friction_model);
      EXPECT_EQ(d.friction_coefficient, reference.friction_coefficient);
      EXPECT_EQ(d.complementarity_factor, reference.complementarity_factor);

      for (const auto model : {RP::FrictionModel::frictionless,
                               RP::FrictionModel::coulomb,
                               RP::FrictionModel::sticking})
        {
          const std::string name = RP::friction_model_name(model);
          prm.parse_input_from_string("subsection Platen\n"
                                      "  set Friction model = " +
                                      name +
                                      "\n"
                                      "  set Friction coefficient = 0.45\n"
                                      "  set Complementarity factor = 20\n"
                                      "end\n");
          RP::Parameters p;
          prm.enter_subsection("Platen");
          p.parse_parameters(prm);
          prm.leave_subsection();
          EXPECT_EQ(p.friction_model, model) << name;
          EXPECT_EQ(p.friction_coefficient, 0.45);
          EXPECT_EQ(p.complementarity_factor, 20.);
        }

      // An unknown model, a negative coefficient or an entry of the old
      // penalty method fails in the pattern (each on a fresh handler).
      for (const std::string line : {"set Friction model = glue",
                                     "set Friction coefficient = -0.2",
                                     "set Penalty factor = 100"})
        {
          dealii::ParameterHandler bad;
          bad.enter_subsection("Platen");
          RP::Parameters::declare_parameters(bad);
          bad.leave_subsection();
          EXPECT_ANY_THROW(bad.parse_input_from_string("subsection Platen\n  " +
                                                       line + "\nend\n"))
            << line;
        }
    }
  } // namespace
} // namespace anodemech
