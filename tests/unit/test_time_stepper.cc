// TimeStepper: exact landing on target times without slivers, growth after
// easy steps, maximum step, material factor, cutback on rejection, and
// parameter checks that name the entry.

#include <anodemech/base/parameter_error.h>
#include <anodemech/loading/time_stepper.h>

#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include <algorithm>
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
      constexpr auto stepper_error_of = &test::parameter_error_message;
      constexpr auto mentions         = &test::contains_text;


      TimeStepper::Parameters
      stepping(const double initial, const double maximum)
      {
        TimeStepper::Parameters p;
        p.initial_time_step      = initial;
        p.minimum_time_step      = 1e-6;
        p.maximum_time_step      = maximum;
        p.growth_factor          = 1.5;
        p.cutback_factor         = 0.5;
        p.easy_newton_iterations = 6;
        return p;
      }

      /**
       * Material factor that leaves the growth to the Newton criterion: the
       * value NortonCreep suggests when there is no creep (2).
       */
      constexpr double free_growth = 2.;

      /// One accepted step of a simulated run.
      struct Step
      {
        double start;
        double end;
        bool   on_target;
      };

      /// The smallest target strictly after @p t, or +inf.
      double
      next_target_after(const std::vector<double> &targets, const double t)
      {
        for (const double x : targets)
          if (x > t)
            return x;
        return std::numeric_limits<double>::infinity();
      }

      /// Whether @p t is 0 or one of @p targets (exactly).
      bool
      is_target_or_start(const std::vector<double> &targets, const double t)
      {
        return t == 0. ||
               std::find(targets.begin(), targets.end(), t) != targets.end();
      }
    } // namespace
  }   // namespace test

  namespace
  {
    using test::free_growth;
    using test::is_target_or_start;
    using test::mentions;
    using test::next_target_after;
    using test::stepper_error_of;
    using test::stepping;

    TEST(TimeStepper, StartsAtZeroWithTheInitialStep)
    {
      TimeStepper s(stepping(2., 60.), {100.});
      EXPECT_EQ(s.time(), 0.);
      EXPECT_EQ(s.end_time(), 100.);
      EXPECT_FALSE(s.finished());
      EXPECT_EQ(s.next_step(), 2.);

      // The initial step is capped by the maximum step.
      TimeStepper c(stepping(90., 60.), {1000.});
      EXPECT_EQ(c.next_step(), 60.);
    }

    TEST(TimeStepper, TargetsAreSortedDeduplicatedAndPositive)
    {
      TimeStepper s(stepping(1000., 1000.),
                    {50., -3., 0., 10., 50. * (1. + 1e-14), 30.});
      EXPECT_DOUBLE_EQ(s.end_time(), 50.);
      // With a huge step the stepper visits exactly the distinct targets.
      std::vector<double> visited;
      while (!s.finished())
        {
          s.accept(1);
          EXPECT_TRUE(s.on_target());
          visited.push_back(s.time());
        }
      ASSERT_EQ(visited.size(), 3u);
      EXPECT_EQ(visited[0], 10.);
      EXPECT_EQ(visited[1], 30.);
      EXPECT_DOUBLE_EQ(visited[2], 50.);


      // No positive target: there is no end time.
      const auto m = stepper_error_of([] {
        TimeStepper t(stepping(1., 1.), {0., -1.});
      });
      EXPECT_TRUE(mentions(m, "end time")) << m;
    }

    TEST(TimeStepper, LandsExactlyOnEveryTarget)
    {
      const std::vector<double> targets = {
        0.1, 1. / 3., 7.77, 10. + 1e-9, 25.125, 0.1 + 0.2, 99.99, 100.};
      TimeStepper         s(stepping(0.07, 5.), targets);
      std::vector<double> accepted;
      unsigned int        n = 0;
      while (!s.finished() && n++ < 100000)
        {
          s.accept(n % 3 == 0 ? 9 : 2, free_growth);
          accepted.push_back(s.time());
          // on_target() says whether this step ended on a target.
          EXPECT_EQ(s.on_target(),
                    std::find(targets.begin(), targets.end(), s.time()) !=
                      targets.end())
            << "t = " << s.time();
        }
      ASSERT_TRUE(s.finished());
      EXPECT_EQ(s.time(), 100.);
      for (const double target : targets)
        EXPECT_TRUE(std::find(accepted.begin(), accepted.end(), target) !=
                    accepted.end())
          << "target " << target << " was not hit exactly";
      // Times increase strictly.
      for (std::size_t i = 1; i < accepted.size(); ++i)
        EXPECT_GT(accepted[i], accepted[i - 1]);
    }

    TEST(TimeStepper, GrowsByTheGrowthFactorAfterEasySteps)
    {
      TimeStepper s(stepping(1., 60.), {1e6});
      s.accept(6, free_growth); // easy: at most 6 iterations
      EXPECT_DOUBLE_EQ(s.time(), 1.);
      EXPECT_DOUBLE_EQ(s.next_step(), 1.5);
      s.accept(1, free_growth);
      EXPECT_DOUBLE_EQ(s.next_step(), 2.25);
      s.accept(7, free_growth); // not easy: the step stays
      EXPECT_DOUBLE_EQ(s.next_step(), 2.25);
      s.accept(20, free_growth);
      EXPECT_DOUBLE_EQ(s.next_step(), 2.25);
      s.accept(3, free_growth);
      EXPECT_DOUBLE_EQ(s.next_step(), 3.375);
      EXPECT_DOUBLE_EQ(s.time(), 1. + 1.5 + 2.25 + 2.25 + 2.25);
      EXPECT_FALSE(s.on_target());
    }

    TEST(TimeStepper, GrowsWithTheDefaultMaterialFactor)
    {
      TimeStepper s(stepping(1., 60.), {1e6});
      s.accept(3); // easy, no word from the material
      EXPECT_DOUBLE_EQ(s.next_step(), 1.5);
      s.accept(3);
      EXPECT_DOUBLE_EQ(s.next_step(), 2.25);
    }

    TEST(TimeStepper, HonoursTheMaximumStep)
    {
      // Growth stops at the maximum step.
      TimeStepper s(stepping(1., 60.), {1e5});
      double      previous = 0.;
      for (unsigned int i = 0; i < 30; ++i)
        {
          const double dt = s.next_step();
          EXPECT_LE(dt, 60.);
          EXPECT_GE(dt, previous); // easy steps never shrink far from a target
          previous = dt;
          s.accept(1, free_growth);
        }
      EXPECT_EQ(s.next_step(), 60.);

      // A landing step is not stretched beyond the maximum: 12 s before the
      // target with a 10 s step (and a 10 s maximum), two 6 s steps.
      TimeStepper l(stepping(10., 10.), {22.});
      EXPECT_EQ(l.next_step(), 10.);
      l.accept(1);
      EXPECT_EQ(l.time(), 10.);
      EXPECT_EQ(l.next_step(), 6.);
      l.accept(1);
      EXPECT_EQ(l.time(), 16.);
      EXPECT_FALSE(l.on_target());
      EXPECT_EQ(l.next_step(), 6.);
      l.accept(1);
      EXPECT_EQ(l.time(), 22.);
      EXPECT_TRUE(l.on_target());
      EXPECT_TRUE(l.finished());
    }

    TEST(TimeStepper, StretchesOrHalvesInsteadOfLeavingASliver)
    {
      // A fixed step of 1 s (hard steps do not grow) towards a target at
      // distance r: the steps land exactly, and none is shorter than a
      // quarter of the step unless the target is closer than that.
      for (double r = 0.1; r < 6.; r += 0.05)
        {
          TimeStepper         s(stepping(1., 100.), {r});
          std::vector<double> steps;
          while (!s.finished() && steps.size() < 100)
            {
              const double t0 = s.time();
              s.accept(10);
              steps.push_back(s.time() - t0);
            }
          ASSERT_TRUE(s.finished()) << "r = " << r;
          EXPECT_EQ(s.time(), r);
          for (const double dt : steps)
            {
              EXPECT_GE(dt, std::min(0.25, r) * (1. - 1e-12)) << "r = " << r;
              EXPECT_LE(dt, 1.25 * (1. + 1e-12)) << "r = " << r;
            }
          if (r <= 1.25)
            {
              EXPECT_EQ(steps.size(), 1u) << "r = " << r;
            }
        }
    }

    TEST(TimeStepper, MaterialFactorBelowOneShortensTheNextStep)
    {
      TimeStepper s(stepping(4., 60.), {1e4});
      s.accept(1, 0.5); // easy, but the material asks for half the step
      EXPECT_DOUBLE_EQ(s.next_step(), 2.);
      s.accept(10, 0.8);
      EXPECT_DOUBLE_EQ(s.next_step(), 1.6);
      // Above 1 the material factor caps the growth ...
      s.accept(1, 1.2);
      EXPECT_DOUBLE_EQ(s.next_step(), 1.92);
      // ... but does not make a hard step grow.
      s.accept(10, 2.);
      EXPECT_DOUBLE_EQ(s.next_step(), 1.92);
      // NaN and non-positive factors are ignored.
      s.accept(1, std::numeric_limits<double>::quiet_NaN());
      EXPECT_DOUBLE_EQ(s.next_step(), 2.88);
      s.accept(10, 0.);
      EXPECT_DOUBLE_EQ(s.next_step(), 2.88);
      s.accept(10, -0.5);
      EXPECT_DOUBLE_EQ(s.next_step(), 2.88);
      // A tiny factor stops at the minimum time step.
      s.accept(1, 1e-12);
      EXPECT_DOUBLE_EQ(s.next_step(), 1e-6);
    }

    TEST(TimeStepper, MaterialFactorAppliesToAShortenedLandingStep)
    {
      // 10 s step, target at 2 s: the landing step is 2 s. The material
      // then asks for half of it: the next step must not exceed 1 s.
      TimeStepper s(stepping(10., 60.), {2., 1000.});
      EXPECT_EQ(s.next_step(), 2.);
      s.accept(3, 0.5);
      EXPECT_EQ(s.time(), 2.);
      EXPECT_LE(s.next_step(), 0.5 * 2. * (1. + 1e-12));
      // In any case, a factor below 1 must give a step shorter than the
      // one just taken.
      EXPECT_LT(s.next_step(), 2.);
    }

    TEST(TimeStepper, RejectShrinksByTheCutbackFactorAndKeepsTheTime)
    {
      TimeStepper s(stepping(1., 60.), {100.});
      s.accept(10);
      const double t = s.time();
      EXPECT_EQ(t, 1.);
      EXPECT_TRUE(s.reject());
      EXPECT_DOUBLE_EQ(s.next_step(), 0.5);
      EXPECT_TRUE(s.reject(0.1)); // the smaller of cutback and factor
      EXPECT_DOUBLE_EQ(s.next_step(), 0.05);
      EXPECT_TRUE(s.reject(0.9));
      EXPECT_DOUBLE_EQ(s.next_step(), 0.025);
      // Factors outside (0, 1) fall back to the cutback factor.
      EXPECT_TRUE(s.reject(1.5));
      EXPECT_DOUBLE_EQ(s.next_step(), 0.0125);
      EXPECT_TRUE(s.reject(-1.));
      EXPECT_DOUBLE_EQ(s.next_step(), 0.00625);
      EXPECT_TRUE(s.reject(std::numeric_limits<double>::quiet_NaN()));
      EXPECT_DOUBLE_EQ(s.next_step(), 0.003125);
      EXPECT_EQ(s.time(), t);
      EXPECT_FALSE(s.finished());

      // The accepted step after the cutbacks is the shortened one.
      s.accept(10);
      EXPECT_DOUBLE_EQ(s.time(), 1.003125);
    }

    TEST(TimeStepper, RejectCutsTheStepThatWasTried)
    {
      // 10 s steps towards 21 s: the second step is stretched to 11 s;
      // rejecting it gives 5.5 s, and two of them land on the target.
      TimeStepper s(stepping(10., 100.), {21.});
      s.accept(10);
      EXPECT_EQ(s.next_step(), 11.);
      EXPECT_TRUE(s.reject());
      EXPECT_EQ(s.time(), 10.);
      EXPECT_DOUBLE_EQ(s.next_step(), 5.5);
      s.accept(10);
      EXPECT_DOUBLE_EQ(s.time(), 15.5);
      s.accept(10);
      EXPECT_EQ(s.time(), 21.);
      EXPECT_TRUE(s.on_target());
    }

    TEST(TimeStepper, RejectFailsBelowTheMinimumStep)
    {
      auto p              = stepping(1., 60.);
      p.minimum_time_step = 1e-3;
      TimeStepper  s(p, {100.});
      unsigned int cutbacks = 0;
      while (s.reject())
        {
          ++cutbacks;
          ASSERT_LT(cutbacks, 100u);
        }
      // 2^-9 = 1.95e-3 is still allowed, 2^-10 = 9.8e-4 is not.
      EXPECT_EQ(cutbacks, 9u);
      EXPECT_DOUBLE_EQ(s.next_step(), 1. / 512.);
      EXPECT_EQ(s.time(), 0.);
      EXPECT_FALSE(s.reject()); // and stays refused

      // Exactly the minimum is allowed.
      p.minimum_time_step = 0.25;
      TimeStepper e(p, {100.});
      EXPECT_TRUE(e.reject());
      EXPECT_TRUE(e.reject());
      EXPECT_DOUBLE_EQ(e.next_step(), 0.25);
      EXPECT_FALSE(e.reject());
      EXPECT_DOUBLE_EQ(e.next_step(), 0.25);
      EXPECT_EQ(e.time(), 0.);
    }

    // A whole run with a fake Newton iteration count and occasional failed
    // steps: time increases, never passes the next target, every target is
    // hit exactly, and the end is reached.
    void
    check_simulated_run(const bool with_failures)
    {
      const std::vector<double> targets = {
        300., 360., 100., 200., 1. / 3., 7.3, 7.31, 359.9, 42.};
      std::vector<double> sorted = targets;
      std::sort(sorted.begin(), sorted.end());

      const TimeStepper::Parameters p = stepping(0.2, 25.);
      TimeStepper                   s(p, targets);
      EXPECT_EQ(s.end_time(), 360.);

      std::vector<test::Step> steps;
      unsigned int            attempts = 0;
      while (!s.finished())
        {
          ASSERT_LT(++attempts, 100000u);
          const double t0 = s.time();
          const double dt = s.next_step();
          ASSERT_GT(dt, 0.);
          EXPECT_LE(dt, p.maximum_time_step);
          // Fake Newton: 2 ... 12 iterations, every 11th attempt fails.
          const unsigned int newton = 2 + (attempts * 5) % 11;
          if (with_failures && attempts % 11 == 0)
            {
              ASSERT_TRUE(s.reject(attempts % 2 ? 0.3 : 0.));
              EXPECT_EQ(s.time(), t0);
              EXPECT_LT(s.next_step(), dt);
              continue;
            }
          // Material: no limit, or (with failures) now and then a request
          // for a shorter step as the creep model makes.
          const double material =
            with_failures && attempts % 13 == 0 ? 0.7 : free_growth;
          s.accept(newton, material);
          EXPECT_NEAR(s.time() - t0, dt, 1e-12 * 360.)
            << "the step taken is next_step()";
          steps.push_back({t0, s.time(), s.on_target()});
        }

      ASSERT_FALSE(steps.empty());
      EXPECT_EQ(s.time(), 360.);
      EXPECT_TRUE(s.on_target());
      for (const double target : sorted)
        {
          const bool hit =
            std::any_of(steps.begin(), steps.end(), [&](const test::Step &x) {
              return x.end == target && x.on_target;
            });
          EXPECT_TRUE(hit) << "target " << target << " not hit exactly";
        }

      for (std::size_t i = 0; i < steps.size(); ++i)
        {
          const auto  &x    = steps[i];
          const double next = next_target_after(sorted, x.start);
          EXPECT_GT(x.end, x.start);
          EXPECT_LE(x.end, next) << "step " << i << " passes a target";
          EXPECT_EQ(x.on_target, x.end == next) << "step " << i;
          if (i > 0)
            {
              EXPECT_EQ(x.start, steps[i - 1].end);
            }
          const double length = x.end - x.start;
          // No sliver left before the next target.
          if (!x.on_target)
            {
              EXPECT_GE(next - x.end, 0.25 * length) << "step " << i;
            }
          // Without failures no step is much shorter than the one before,
          // except a landing step that spans a whole (short) target
          // interval.
          if (!with_failures && i > 0 &&
              !(x.on_target && is_target_or_start(sorted, x.start)))
            {
              EXPECT_GE(length, 0.25 * (steps[i - 1].end - steps[i - 1].start))
                << "step " << i << " from t = " << x.start;
            }
        }
    }

    TEST(TimeStepper, SimulatedRunKeepsItsInvariants)
    {
      check_simulated_run(false);
    }

    TEST(TimeStepper, SimulatedRunWithFailedStepsKeepsItsInvariants)
    {
      check_simulated_run(true);
    }

    TEST(TimeStepper, ValidateNamesTheParameter)
    {
      struct Case
      {
        std::function<void(TimeStepper::Parameters &)> change;
        std::string                                    name;
      };
      const std::vector<Case> cases = {
        {[](auto &p) { p.minimum_time_step = -1e-6; }, "'Minimum time step'"},
        {[](auto &p) { p.minimum_time_step = 0.; }, "'Minimum time step'"},
        {[](auto &p) { p.cutback_factor = 1.; }, "'Cutback factor'"},
        {[](auto &p) { p.cutback_factor = 1.5; }, "'Cutback factor'"},
        {[](auto &p) { p.cutback_factor = 0.; }, "'Cutback factor'"},
        {[](auto &p) {
           p.minimum_time_step = 1.;
           p.initial_time_step = 1.;
           p.maximum_time_step = 0.5;
         },
         "'Maximum time step'"},
        {[](auto &p) { p.initial_time_step = 1e-9; }, "'Initial time step'"},
        {[](auto &p) { p.growth_factor = 0.9; }, "'Growth factor'"},
        {[](auto &p) { p.easy_newton_iterations = 0; },
         "'Easy Newton iterations'"}};
      for (const auto &c : cases)
        {
          auto p = stepping(1., 60.);
          c.change(p);
          const auto m = stepper_error_of([&] { p.validate(); });
          EXPECT_TRUE(mentions(m, c.name)) << m;
          // The constructor checks them too.
          const auto n = stepper_error_of([&] { TimeStepper s(p, {10.}); });
          EXPECT_TRUE(mentions(n, c.name)) << n;
        }

      auto p              = stepping(1., 60.);
      p.minimum_time_step = std::numeric_limits<double>::quiet_NaN();
      const auto m        = stepper_error_of([&] { p.validate(); });
      EXPECT_TRUE(mentions(m, "'Minimum time step'")) << m;
      EXPECT_TRUE(mentions(m, "not set")) << m;

      // The defaults and the test settings are valid.
      EXPECT_NO_THROW(TimeStepper::Parameters().validate());
      EXPECT_NO_THROW(stepping(1., 60.).validate());
    }

    TEST(TimeStepper, ParametersRoundTripThroughAParameterHandler)
    {
      dealii::ParameterHandler prm;
      prm.enter_subsection("Time stepping");
      TimeStepper::Parameters::declare_parameters(prm);
      prm.leave_subsection();

      // Defaults as declared are the defaults of the structure.
      TimeStepper::Parameters       d;
      const TimeStepper::Parameters reference;
      d.initial_time_step = 123.;
      prm.enter_subsection("Time stepping");
      d.parse_parameters(prm);
      prm.leave_subsection();
      EXPECT_EQ(d.initial_time_step, reference.initial_time_step);
      EXPECT_EQ(d.minimum_time_step, reference.minimum_time_step);
      EXPECT_EQ(d.maximum_time_step, reference.maximum_time_step);
      EXPECT_EQ(d.growth_factor, reference.growth_factor);
      EXPECT_EQ(d.cutback_factor, reference.cutback_factor);
      EXPECT_EQ(d.easy_newton_iterations, reference.easy_newton_iterations);

      prm.parse_input_from_string("subsection Time stepping\n"
                                  "  set Initial time step = 0.25\n"
                                  "  set Minimum time step = 1e-4\n"
                                  "  set Maximum time step = 30\n"
                                  "  set Growth factor = 2\n"
                                  "  set Cutback factor = 0.3\n"
                                  "  set Easy Newton iterations = 4\n"
                                  "end\n");
      TimeStepper::Parameters p;
      prm.enter_subsection("Time stepping");
      p.parse_parameters(prm);
      prm.leave_subsection();
      EXPECT_EQ(p.initial_time_step, 0.25);
      EXPECT_EQ(p.minimum_time_step, 1e-4);
      EXPECT_EQ(p.maximum_time_step, 30.);
      EXPECT_EQ(p.growth_factor, 2.);
      EXPECT_EQ(p.cutback_factor, 0.3);
      EXPECT_EQ(p.easy_newton_iterations, 4u);

      // Accepted by the pattern, refused by validate(), naming the entry.
      prm.parse_input_from_string(
        "subsection Time stepping\n  set Cutback factor = 1\nend\n");
      prm.enter_subsection("Time stepping");
      const auto m = stepper_error_of([&] { p.parse_parameters(prm); });
      prm.leave_subsection();
      EXPECT_TRUE(mentions(m, "'Cutback factor'")) << m;
    }
  } // namespace
} // namespace anodemech
