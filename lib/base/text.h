#pragma once
// Internal header (not installed): small text helpers of the input readers.

#include <sstream>
#include <string>

namespace anodemech
{
  namespace internal
  {
    /// @p text without leading and trailing white space.
    inline std::string
    trim(const std::string &text)
    {
      const auto first = text.find_first_not_of(" \t\r\n");
      if (first == std::string::npos)
        return "";
      const auto last = text.find_last_not_of(" \t\r\n");
      return text.substr(first, last - first + 1);
    }

    /// @p text on one line: every run of white space becomes one space.
    inline std::string
    one_line(const std::string &text)
    {
      std::istringstream words(text);
      std::string        result, word;
      while (words >> word)
        result += (result.empty() ? "" : " ") + word;
      return result;
    }
  } // namespace internal
} // namespace anodemech
