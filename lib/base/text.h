#pragma once
// Internal header (not installed): small text helpers of the input readers.

#include <cmath>
#include <optional>
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

    /**
     * The finite number that @p text spells in full (std::stod: decimal or
     * scientific notation, leading white space allowed), or nothing if it
     * is empty, has anything after the number, or is not finite.
     */
    inline std::optional<double>
    to_number(const std::string &text)
    {
      std::size_t used  = 0;
      double      value = 0.;
      try
        {
          value = std::stod(text, &used);
        }
      catch (const std::exception &)
        {
          return std::nullopt;
        }
      if (used != text.size() || !std::isfinite(value))
        return std::nullopt;
      return value;
    }
  } // namespace internal
} // namespace anodemech
