#pragma once
// Internal header (not installed): the checks of an input file that deal.II's
// ParameterHandler does not make, made before and after it parses the file.

#include <anodemech/base/parameter_error.h>

#include <cstdint>
#include <string>

namespace anodemech
{
  namespace internal
  {
    /// An error in an input file whose message starts with the file (and
    /// the line): printed as "Error in <message>".
    class InputFileError : public ParameterError
    {
    public:
      using ParameterError::ParameterError;
    };

    /// The largest input file (and .prm with all its includes) read [bytes].
    constexpr std::uintmax_t max_input_file_bytes = 16u << 20;

    /**
     * Throw a ParameterError naming @p file unless it is a regular file
     * (after symbolic links: not a device such as /dev/zero, a FIFO or a
     * socket) of at most max_input_file_bytes.
     */
    void
    check_input_size(const std::string &file);

    /// What check_prm_file() found that deal.II reports less clearly.
    struct PrmFileCheck
    {
      /// The text of the file, without a UTF-8 byte-order mark.
      std::string text;
      /// An entry set twice in one subsection of one file: the message
      /// naming the entry and both lines, or "".
      std::string duplicate;
      /// A subsection left open at the end of a file: the message naming it
      /// and the line where it opened, or "".
      std::string unclosed;
    };

    /**
     * Read the parameter file @p file and follow its `include` lines as
     * deal.II's ParameterHandler does. Throws a ParameterError, before
     * deal.II sees the file, for what would make ParameterHandler recurse
     * forever, hang or run out of memory: a file that includes itself,
     * directly or through others (the message names the file and the
     * include chain), an include nested more than 32 deep, a file that is
     * missing, not a regular file or larger than max_input_file_bytes
     * (also all files together). The rest is returned.
     */
    PrmFileCheck
    check_prm_file(const std::string &file);
  } // namespace internal
} // namespace anodemech
