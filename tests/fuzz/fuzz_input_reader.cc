// libFuzzer target: the input reader of compress_disc. Each input is taken
// as the text of a parameter file and goes through what the app does before
// any computing: ParameterHandler parsing against the declared parameters,
// then the DiscCompression constructor, which checks every value and builds
// the material models, the load protocol and the time stepper.
//
// Allowed outcomes: success, or a ParameterError / deal.II exception (the
// app turns both into exit code 1 and a message). Everything else is a
// finding: a crash, an abort, a sanitizer report (memory error, undefined
// behaviour, leak), a hang (libFuzzer's -timeout) or any other exception
// (e.g. std::out_of_range from a number conversion that escaped the
// validation, which would reach the user as an unexplained message).

#include <anodemech/base/parameter_error.h>
#include <anodemech/simulation/disc_compression.h>

#include <deal.II/base/exceptions.h>
#include <deal.II/base/parameter_handler.h>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
  // deal.II's exceptions would print a stack trace to stderr at every input.
  static const bool quiet = []() {
    dealii::deal_II_exceptions::disable_abort_on_exception();
    dealii::deal_II_exceptions::suppress_stacktrace_in_exceptions();
    return true;
  }();
  (void)quiet;

  const std::string        text(reinterpret_cast<const char *>(data), size);
  dealii::ParameterHandler prm;
  anodemech::DiscCompression::declare_parameters(prm);
  try
    {
      std::istringstream input(text);
      prm.parse_input(input, "fuzz.prm");
      const anodemech::DiscCompression job(prm, text, "");
      (void)job;
    }
  catch (const anodemech::ParameterError &)
    {}
  catch (const dealii::ExceptionBase &)
    {}
  return 0;
}
