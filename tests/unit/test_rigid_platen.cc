// RigidPlaten: penalty / augmented-Lagrangian normal contact and
// penalty-regularised Coulomb friction at one point, its derivatives
// against central finite differences, and its parameters.

#include <anodemech/base/parameter_error.h>
#include <anodemech/contact/rigid_platen.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/tensor.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>

#include "../test_utilities.h"

namespace anodemech
{
  namespace test
  {
    namespace
    {
      // Shared helpers of the parameter tests (tests/test_utilities.h).
      constexpr auto platen_error_of = &test::parameter_error_message;
      constexpr auto says            = &test::contains_text;


      RigidPlaten::Parameters
      platen_parameters(const RigidPlaten::FrictionModel model,
                        const double                     mu = 0.3)
      {
        RigidPlaten::Parameters p;
        p.friction_model       = model;
        p.friction_coefficient = mu;
        p.penalty_factor       = 100.;
        return p;
      }

      /// Penalty stiffness used throughout [Pa/m].
      constexpr double eps = 1e10;
      /// Platen position [m].
      constexpr double h0 = 1e-3;

      /// Tangential vector with components @p a (and @p b in 3D), normal 0.
      template <int dim>
      dealii::Tensor<1, dim>
      tangential(const double a, const double b)
      {
        dealii::Tensor<1, dim> v;
        v[0] = a;
        if (dim == 3)
          v[1] = b;
        return v;
      }

      /// A point of the platen problem: z, h, du_step, old state, lambda.
      template <int dim>
      struct ContactPoint
      {
        double                       z;
        double                       h;
        dealii::Tensor<1, dim>       du;
        RigidPlaten::PointState<dim> old;
        double                       multiplier;

        RigidPlaten::PointResponse<dim>
        evaluate(const RigidPlaten &platen) const
        {
          return platen.evaluate<dim>(z, h, du, old, multiplier);
        }
      };

      /**
       * Compare the analytic derivatives with central differences. The
       * displacement u of the point enters through z (its normal component)
       * and through du_step (all components), so a perturbation of u_j
       * shifts du_step[j] and, for j = dim-1, also z.
       */
      template <int dim>
      void
      check_derivatives(const RigidPlaten       &platen,
                        const ContactPoint<dim> &point,
                        const double             tolerance = 1e-6)
      {
        const auto r = point.evaluate(platen);
        ASSERT_TRUE(r.active);
        // Scale of the entries: the penalty stiffness.
        const double scale = eps;
        // A step small against the tractions, so that the change of the
        // slip direction is resolved to second order.
        const double delta =
          1e-6 * std::max(std::abs(r.normal_traction), 1.) / eps;
        constexpr unsigned int normal = dim - 1;

        for (unsigned int j = 0; j < dim; ++j)
          {
            ContactPoint<dim> plus = point, minus = point;
            plus.du[j] += delta;
            minus.du[j] -= delta;
            if (j == normal)
              {
                plus.z += delta;
                minus.z -= delta;
              }
            const auto rp = plus.evaluate(platen);
            const auto rm = minus.evaluate(platen);
            ASSERT_EQ(rp.slipping, r.slipping) << "kink crossed, j = " << j;
            ASSERT_EQ(rm.slipping, r.slipping) << "kink crossed, j = " << j;
            for (unsigned int i = 0; i < dim; ++i)
              {
                const double fd =
                  (rp.traction[i] - rm.traction[i]) / (2. * delta);
                EXPECT_NEAR(r.dtraction_du[i][j], fd, tolerance * scale)
                  << "d traction_" << i << " / d u_" << j;
              }
            const double fd_n =
              (rp.normal_traction - rm.normal_traction) / (2. * delta);
            EXPECT_NEAR(r.dnormal_du[j], fd_n, tolerance * scale)
              << "d t_N / d u_" << j;
          }

        ContactPoint<dim> plus = point, minus = point;
        plus.h += delta;
        minus.h -= delta;
        const auto rp = plus.evaluate(platen);
        const auto rm = minus.evaluate(platen);
        ASSERT_EQ(rp.slipping, r.slipping);
        ASSERT_EQ(rm.slipping, r.slipping);
        for (unsigned int i = 0; i < dim; ++i)
          {
            const double fd = (rp.traction[i] - rm.traction[i]) / (2. * delta);
            EXPECT_NEAR(r.dtraction_dh[i], fd, tolerance * scale)
              << "d traction_" << i << " / d h";
          }
        EXPECT_NEAR(r.dnormal_dh,
                    (rp.normal_traction - rm.normal_traction) / (2. * delta),
                    tolerance * scale);
      }

      /**
       * Whether RigidPlaten::PointState has the flag in_contact (friction
       * only acts at a point that was in contact at the start of the step).
       * The flag is being introduced; the tests work with and without it.
       */
      template <typename State, typename = void>
      struct has_in_contact : std::false_type
      {};
      template <typename State>
      struct has_in_contact<
        State,
        std::void_t<decltype(std::declval<State &>().in_contact)>>
        : std::true_type
      {};

      /// Set the in_contact flag of @p state, if there is one.
      template <int dim>
      void
      set_in_contact(RigidPlaten::PointState<dim> &state, const bool value)
      {
        if constexpr (has_in_contact<RigidPlaten::PointState<dim>>::value)
          state.in_contact = value;
        else
          (void)value;
      }

      /// Penetration 2e-5 m and lambda = 1 MPa: t_N = 1.2 MPa, mu t_N =
      /// 0.36 MPa. The trial tangential traction is about 0.11 MPa.
      template <int dim>
      ContactPoint<dim>
      sticking_point()
      {
        ContactPoint<dim> p;
        p.z                       = h0 + 2e-5;
        p.h                       = h0;
        p.du                      = tangential<dim>(1e-6, 2e-6);
        p.du[dim - 1]             = -3e-6; // irrelevant for the friction
        p.old.tangential_traction = tangential<dim>(1e5, -5e4);
        p.multiplier              = 1e6;
        set_in_contact(p.old, true); // in contact since the last step
        return p;
      }

      /// As above with a trial tangential traction of about 0.58 MPa, far
      /// outside the cone of radius 0.36 MPa.
      template <int dim>
      ContactPoint<dim>
      slipping_point()
      {
        ContactPoint<dim> p       = sticking_point<dim>();
        p.du                      = tangential<dim>(2e-5, 1e-5);
        p.old.tangential_traction = tangential<dim>(3e5, 2e5);
        return p;
      }
    } // namespace
  }   // namespace test

  namespace
  {
    using RP = RigidPlaten;
    using test::check_derivatives;
    using test::eps;
    using test::h0;
    using test::has_in_contact;
    using test::platen_error_of;
    using test::platen_parameters;
    using test::says;
    using test::slipping_point;
    using test::sticking_point;
    using test::tangential;

    template <typename T>
    class RigidPlatenDim : public ::testing::Test
    {};
    using Dimensions = ::testing::Types<std::integral_constant<int, 2>,
                                        std::integral_constant<int, 3>>;
    TYPED_TEST_SUITE(RigidPlatenDim, Dimensions);

    TYPED_TEST(RigidPlatenDim, OpenContactGivesNoTraction)
    {
      constexpr int dim = TypeParam::value;
      for (const auto model : {RP::FrictionModel::frictionless,
                               RP::FrictionModel::coulomb,
                               RP::FrictionModel::sticking})
        {
          const RigidPlaten platen(platen_parameters(model), eps);
          auto              p = sticking_point<dim>();
          p.z                 = h0 - 1e-4; // 0.1 mm below the platen
          p.multiplier        = 0.;
          const auto r        = p.evaluate(platen);
          EXPECT_FALSE(r.active);
          EXPECT_FALSE(r.slipping);
          EXPECT_EQ(r.normal_traction, 0.);
          EXPECT_EQ(r.traction.norm(), 0.);
          EXPECT_EQ(r.dtraction_du.norm(), 0.);
          EXPECT_EQ(r.dtraction_dh.norm(), 0.);
          EXPECT_EQ(r.dnormal_du.norm(), 0.);
          EXPECT_EQ(r.dnormal_dh, 0.);
          // The friction history is reset on separation.
          EXPECT_EQ(r.state.tangential_traction.norm(), 0.);
          if constexpr (has_in_contact<RP::PointState<dim>>::value)
            {
              EXPECT_FALSE(r.state.in_contact);
            }

          // A multiplier smaller than eps * |gap| does not close it either.
          p.multiplier = 0.9 * eps * 1e-4;
          EXPECT_FALSE(p.evaluate(platen).active);
        }
    }

    TYPED_TEST(RigidPlatenDim, FirstTouchCarriesNoFriction)
    {
      constexpr int dim = TypeParam::value;
      if constexpr (!has_in_contact<RP::PointState<dim>>::value)
        {
          GTEST_SKIP() << "RigidPlaten::PointState has no in_contact flag";
        }
      else
        {
          for (const auto model :
               {RP::FrictionModel::coulomb, RP::FrictionModel::sticking})
            {
              const RigidPlaten platen(platen_parameters(model), eps);
              auto              p = slipping_point<dim>();
              p.old.in_contact    = false; // touches during this step
              const auto r        = p.evaluate(platen);
              EXPECT_TRUE(r.active);
              EXPECT_FALSE(r.slipping);
              EXPECT_TRUE(r.state.in_contact);
              const double t_N = 1e6 + eps * 2e-5;
              EXPECT_NEAR(r.normal_traction, t_N, 1e-9 * t_N);
              for (unsigned int i = 0; i < dim - 1; ++i)
                {
                  EXPECT_EQ(r.traction[i], 0.);
                  EXPECT_EQ(r.state.tangential_traction[i], 0.);
                  for (unsigned int j = 0; j < dim; ++j)
                    EXPECT_EQ(r.dtraction_du[i][j], 0.);
                }
              check_derivatives(platen, p);

              // In contact at the start of the step: friction acts.
              p.old.in_contact = true;
              EXPECT_GT(p.evaluate(platen).state.tangential_traction.norm(),
                        0.);
            }
        }
    }

    TYPED_TEST(RigidPlatenDim, NormalTractionIsMultiplierPlusPenaltyTimesGap)
    {
      constexpr int     dim = TypeParam::value;
      const RigidPlaten platen(
        platen_parameters(RP::FrictionModel::frictionless), eps);
      EXPECT_EQ(platen.penalty_stiffness(), eps);
      struct Case
      {
        double gap, multiplier;
      };
      // Penetrating, touching without multiplier, and held closed by the
      // multiplier while slightly open.
      for (const Case c : {Case{2e-5, 0.}, Case{2e-5, 1e6}, Case{-5e-5, 1e6}})
        {
          auto p         = sticking_point<dim>();
          p.z            = h0 + c.gap;
          p.multiplier   = c.multiplier;
          const auto   r = p.evaluate(platen);
          const double t = c.multiplier + eps * c.gap;
          EXPECT_TRUE(r.active);
          EXPECT_NEAR(r.normal_traction, t, 1e-9 * std::abs(t));
          // Pushing the body down, along -z.
          EXPECT_NEAR(r.traction[dim - 1], -t, 1e-9 * std::abs(t));
          EXPECT_EQ(r.state.normal_multiplier, c.multiplier);
        }
    }

    TYPED_TEST(RigidPlatenDim, FrictionlessHasNoTangentialTraction)
    {
      constexpr int     dim = TypeParam::value;
      const RigidPlaten platen(
        platen_parameters(RP::FrictionModel::frictionless), eps);
      const auto r = slipping_point<dim>().evaluate(platen);
      ASSERT_TRUE(r.active);
      EXPECT_FALSE(r.slipping);
      for (unsigned int i = 0; i < dim - 1; ++i)
        {
          EXPECT_EQ(r.traction[i], 0.);
          EXPECT_EQ(r.dtraction_dh[i], 0.);
          for (unsigned int j = 0; j < dim; ++j)
            EXPECT_EQ(r.dtraction_du[i][j], 0.);
        }
      EXPECT_EQ(r.state.tangential_traction.norm(), 0.);
      check_derivatives(platen, slipping_point<dim>());
    }

    TYPED_TEST(RigidPlatenDim, StickingAddsThePenaltyTimesTheSlipIncrement)
    {
      constexpr int dim = TypeParam::value;
      // Both the sticking model and Coulomb inside the cone.
      for (const auto model :
           {RP::FrictionModel::sticking, RP::FrictionModel::coulomb})
        {
          const RigidPlaten platen(platen_parameters(model), eps);
          const auto        p = sticking_point<dim>();
          const auto        r = p.evaluate(platen);
          ASSERT_TRUE(r.active);
          EXPECT_FALSE(r.slipping);
          const dealii::Tensor<1, dim> expected =
            tangential<dim>(1e5 + eps * 1e-6, -5e4 + eps * 2e-6);
          for (unsigned int i = 0; i < dim - 1; ++i)
            {
              EXPECT_NEAR(r.state.tangential_traction[i],
                          expected[i],
                          1e-9 * expected.norm());
              // The friction on the body opposes t_T.
              EXPECT_NEAR(r.traction[i], -expected[i], 1e-9 * expected.norm());
            }
          EXPECT_EQ(r.state.tangential_traction[dim - 1], 0.);
        }

      // The sticking model never slips, however large the trial.
      const RigidPlaten platen(platen_parameters(RP::FrictionModel::sticking),
                               eps);
      auto              p = slipping_point<dim>();
      p.du *= 100.;
      const auto r = p.evaluate(platen);
      EXPECT_FALSE(r.slipping);
      EXPECT_NEAR(r.state.tangential_traction[0],
                  3e5 + eps * 2e-3,
                  1e-9 * eps * 2e-3);
    }

    TYPED_TEST(RigidPlatenDim, CoulombSlipLiesOnTheConeAlongTheTrial)
    {
      constexpr int     dim = TypeParam::value;
      const double      mu  = 0.3;
      const RigidPlaten platen(platen_parameters(RP::FrictionModel::coulomb,
                                                 mu),
                               eps);
      const auto        p = slipping_point<dim>();
      const auto        r = p.evaluate(platen);
      ASSERT_TRUE(r.active);
      EXPECT_TRUE(r.slipping);
      const double t_N = 1e6 + eps * 2e-5;
      EXPECT_NEAR(r.normal_traction, t_N, 1e-9 * t_N);

      // Trial t_T = t_T,old + eps du_T, computed here independently.
      const dealii::Tensor<1, dim> trial =
        tangential<dim>(3e5 + eps * 2e-5, 2e5 + eps * 1e-5);
      const auto &t_T = r.state.tangential_traction;
      EXPECT_NEAR(t_T.norm(), mu * t_N, 1e-12 * mu * t_N);
      for (unsigned int i = 0; i < dim - 1; ++i)
        {
          EXPECT_NEAR(t_T[i] / t_T.norm(), trial[i] / trial.norm(), 1e-12);
          EXPECT_NEAR(r.traction[i], -t_T[i], 1e-9 * t_N);
        }
      // |traction_T| on the body is mu t_N too.
      dealii::Tensor<1, dim> body_t_T = r.traction;
      body_t_T[dim - 1]               = 0.;
      EXPECT_NEAR(body_t_T.norm(), mu * t_N, 1e-12 * mu * t_N);

      // Zero friction coefficient: slipping without tangential traction.
      const RigidPlaten smooth(platen_parameters(RP::FrictionModel::coulomb,
                                                 0.),
                               eps);
      const auto        s = p.evaluate(smooth);
      EXPECT_TRUE(s.slipping);
      EXPECT_EQ(s.state.tangential_traction.norm(), 0.);
    }

    TYPED_TEST(RigidPlatenDim, DerivativesMatchFiniteDifferencesInStick)
    {
      constexpr int dim = TypeParam::value;
      for (const auto model :
           {RP::FrictionModel::sticking, RP::FrictionModel::coulomb})
        {
          const RigidPlaten platen(platen_parameters(model), eps);
          const auto        p = sticking_point<dim>();
          ASSERT_FALSE(p.evaluate(platen).slipping);
          check_derivatives(platen, p);
        }
    }

    TYPED_TEST(RigidPlatenDim, DerivativesMatchFiniteDifferencesInSlip)
    {
      constexpr int     dim = TypeParam::value;
      const RigidPlaten platen(platen_parameters(RP::FrictionModel::coulomb),
                               eps);
      auto              p = slipping_point<dim>();
      ASSERT_TRUE(p.evaluate(platen).slipping);
      check_derivatives(platen, p);

      // Another direction of slip (and a point held closed by the
      // multiplier although slightly open).
      p.old.tangential_traction = tangential<dim>(-4e5, 1e5);
      p.du                      = tangential<dim>(-1e-5, 3e-5);
      p.z                       = h0 - 2e-5;
      p.multiplier              = 1.2e6; // t_N = 1 MPa
      ASSERT_TRUE(p.evaluate(platen).slipping);
      check_derivatives(platen, p);
    }

    // The smoothed stick-slip transition (Friction smoothing = delta): the
    // tangential traction f(T) along the trial direction equals the trial
    // T below (1 - delta) L, the limit L above (1 + delta) L, and in
    // between T - (T - (1 - delta) L)^2 / (4 delta L), a C1 blend (value
    // and slope match at both ends); its derivatives match central
    // differences inside the band.
    TYPED_TEST(RigidPlatenDim, SmoothedStickSlipTransitionIsC1)
    {
      constexpr int dim        = TypeParam::value;
      auto          param      = platen_parameters(RP::FrictionModel::coulomb);
      param.friction_smoothing = 0.1;
      const RigidPlaten platen(param, eps);
      auto              p       = sticking_point<dim>();
      const double      L       = 0.3 * 1.2e6; // mu t_N
      p.old.tangential_traction = tangential<dim>(0., 0.);
      const auto traction_at    = [&](const double T) {
        p.du = tangential<dim>(T / eps, 0.);
        return -p.evaluate(platen).traction[0];
      };
      const double delta = 0.1;
      for (const double T : {0.5 * L, 0.95 * L, 1.0 * L, 1.05 * L, 1.5 * L})
        {
          const double a = T - (1. - delta) * L;
          const double expected =
            T <= (1. - delta) * L ? T :
            T >= (1. + delta) * L ? L :
                                    T - a * a / (4. * delta * L);
          EXPECT_NEAR(traction_at(T), expected, 1e-9 * L) << "T/L = " << T / L;
        }
      // Continuous value and slope at both ends of the band.
      for (const double edge : {(1. - delta) * L, (1. + delta) * L})
        {
          const double d = 1e-6 * L;
          EXPECT_NEAR(traction_at(edge - d), traction_at(edge + d), 3e-6 * L);
          const double slope_below =
            (traction_at(edge - d) - traction_at(edge - 2. * d)) / d;
          const double slope_above =
            (traction_at(edge + 2. * d) - traction_at(edge + d)) / d;
          EXPECT_NEAR(slope_below, slope_above, 1e-4);
        }
      // Analytic derivatives inside the band (also in t_N and h).
      p.du = tangential<dim>(1.02 * L / eps, 0.3 * L / eps);
      check_derivatives(platen, p);
    }

    // The per-point smoothing argument of evaluate() (used by solve_step()
    // at points that cycle between stick and slip) acts as the platen's
    // Friction smoothing at that point only: with it, a sharp platen gives
    // the tractions and derivatives of a platen with that smoothing; a
    // negative value keeps the platen's own law.
    TYPED_TEST(RigidPlatenDim, PerPointSmoothingActsAsThePlatensSmoothing)
    {
      constexpr int dim        = TypeParam::value;
      const auto    sharp      = platen_parameters(RP::FrictionModel::coulomb);
      auto          blend      = sharp;
      blend.friction_smoothing = 0.1;
      const RigidPlaten sharp_platen(sharp, eps), smooth_platen(blend, eps);
      auto              p       = sticking_point<dim>();
      const double      L       = 0.3 * 1.2e6; // mu t_N
      p.old.tangential_traction = tangential<dim>(0., 0.);
      for (const double T : {0.5 * L, 0.95 * L, 1.0 * L, 1.05 * L, 1.5 * L})
        {
          p.du             = tangential<dim>(T / eps, 0.3 * T / eps);
          const auto local = sharp_platen.evaluate<dim>(
            p.z, p.h, p.du, p.old, p.multiplier, 0.1);
          const auto global = p.evaluate(smooth_platen);
          const auto own    = sharp_platen.evaluate<dim>(
            p.z, p.h, p.du, p.old, p.multiplier, -1.);
          const auto plain = p.evaluate(sharp_platen);
          EXPECT_EQ(local.slipping, global.slipping);
          for (unsigned int i = 0; i < dim; ++i)
            {
              EXPECT_EQ(local.traction[i], global.traction[i])
                << "T/L = " << T / L;
              EXPECT_EQ(own.traction[i], plain.traction[i])
                << "T/L = " << T / L;
              EXPECT_EQ(local.dtraction_dh[i], global.dtraction_dh[i]);
              for (unsigned int j = 0; j < dim; ++j)
                EXPECT_EQ(local.dtraction_du[i][j], global.dtraction_du[i][j]);
            }
        }
      // Inside the band the two laws differ: the override is not ignored.
      p.du = tangential<dim>(0.95 * L / eps, 0.);
      EXPECT_GT(std::abs(
                  sharp_platen
                    .evaluate<dim>(p.z, p.h, p.du, p.old, p.multiplier, 0.1)
                    .traction[0] -
                  p.evaluate(sharp_platen).traction[0]),
                1e-3 * L);
    }

    TEST(RigidPlaten, ValidateRejectsBadParametersByName)
    {
      auto p                 = platen_parameters(RP::FrictionModel::coulomb);
      p.friction_coefficient = -0.1;
      auto m                 = platen_error_of([&] { p.validate(); });
      EXPECT_TRUE(says(m, "'Friction coefficient'")) << m;
      EXPECT_TRUE(says(m, ">= 0")) << m;
      m = platen_error_of([&] { RigidPlaten platen(p, eps); });
      EXPECT_TRUE(says(m, "'Friction coefficient'")) << m;

      for (const double factor : {0., -10.})
        {
          p                = platen_parameters(RP::FrictionModel::coulomb);
          p.penalty_factor = factor;
          m                = platen_error_of([&] { p.validate(); });
          EXPECT_TRUE(says(m, "'Penalty factor'")) << m;
          EXPECT_TRUE(says(m, "> 0")) << m;
        }

      p                       = platen_parameters(RP::FrictionModel::coulomb);
      p.penetration_tolerance = 0.;
      m                       = platen_error_of([&] { p.validate(); });
      EXPECT_TRUE(says(m, "'Penetration tolerance'")) << m;

      // The penalty stiffness itself must be positive.
      p = platen_parameters(RP::FrictionModel::coulomb);
      m = platen_error_of([&] { RigidPlaten platen(p, 0.); });
      EXPECT_TRUE(says(m, "penalty stiffness")) << m;

      EXPECT_NO_THROW(RP::Parameters().validate());
      EXPECT_NO_THROW(
        platen_parameters(RP::FrictionModel::coulomb, 0.).validate());
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
      d.friction_model       = RP::FrictionModel::sticking;
      d.friction_coefficient = 0.9;
      prm.enter_subsection("Platen");
      d.parse_parameters(prm);
      prm.leave_subsection();
      EXPECT_EQ(d.friction_model, reference.friction_model);
      EXPECT_EQ(d.friction_coefficient, reference.friction_coefficient);
      EXPECT_EQ(d.penalty_factor, reference.penalty_factor);
      EXPECT_EQ(d.penetration_tolerance, reference.penetration_tolerance);
      EXPECT_EQ(d.max_augmentations, reference.max_augmentations);

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
                                      "  set Penalty factor = 250\n"
                                      "  set Penetration tolerance = 5e-5\n"
                                      "  set Max augmentations = 7\n"
                                      "end\n");
          RP::Parameters p;
          prm.enter_subsection("Platen");
          p.parse_parameters(prm);
          prm.leave_subsection();
          EXPECT_EQ(p.friction_model, model) << name;
          EXPECT_EQ(p.friction_coefficient, 0.45);
          EXPECT_EQ(p.penalty_factor, 250.);
          EXPECT_EQ(p.penetration_tolerance, 5e-5);
          EXPECT_EQ(p.max_augmentations, 7u);
        }
      EXPECT_EQ(RP::friction_model_name(RP::FrictionModel::frictionless),
                "frictionless");
      EXPECT_EQ(RP::friction_model_name(RP::FrictionModel::coulomb), "coulomb");
      EXPECT_EQ(RP::friction_model_name(RP::FrictionModel::sticking),
                "sticking");

      // An unknown model or a negative coefficient fails in the pattern
      // (each tried on a fresh handler).
      const auto declared = [](dealii::ParameterHandler &handler) {
        handler.enter_subsection("Platen");
        RP::Parameters::declare_parameters(handler);
        handler.leave_subsection();
      };
      {
        dealii::ParameterHandler bad;
        declared(bad);
        EXPECT_ANY_THROW(bad.parse_input_from_string(
          "subsection Platen\n  set Friction model = glue\nend\n"));
      }
      {
        dealii::ParameterHandler bad;
        declared(bad);
        EXPECT_ANY_THROW(bad.parse_input_from_string(
          "subsection Platen\n  set Friction coefficient = -0.2\nend\n"));
      }

      // A zero penalty factor passes the pattern but not validate().
      dealii::ParameterHandler zero;
      declared(zero);
      zero.parse_input_from_string(
        "subsection Platen\n  set Penalty factor = 0\nend\n");
      RP::Parameters p;
      zero.enter_subsection("Platen");
      const auto m = platen_error_of([&] { p.parse_parameters(zero); });
      zero.leave_subsection();
      EXPECT_TRUE(says(m, "'Penalty factor'")) << m;
    }
  } // namespace
} // namespace anodemech
