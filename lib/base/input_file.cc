#include "input_file.h"

#include <anodemech/base/parameter_error.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "text.h"

namespace anodemech
{
  namespace internal
  {
    namespace
    {
      namespace fs = std::filesystem;

      const std::string limit_text = "16 MiB (16777216 bytes)";

      /// The file's contents, at most max_input_file_bytes + 1 of them.
      std::string
      read_limited(const std::string &file)
      {
        std::ifstream in(file, std::ios::binary);
        if (!in)
          throw ParameterError("'" + file + "' cannot be opened for reading.");
        std::string text(max_input_file_bytes + 1, '\0');
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_input_file_bytes)
          throw ParameterError("'" + file + "' is larger than the limit of " +
                               limit_text + " for an input file.");
        return text;
      }

      /// @p text with white space runs replaced by one space, trimmed.
      std::string
      normalized(const std::string &text)
      {
        return one_line(text);
      }

      /// Whether @p line starts with the keyword @p word (lower or upper
      /// case, as deal.II accepts) followed by white space or the end.
      bool
      keyword(const std::string &line, const std::string &word)
      {
        std::string upper = word;
        for (char &c : upper)
          c = static_cast<char>(c - 'a' + 'A');
        if (line.compare(0, word.size(), word) != 0 &&
            line.compare(0, upper.size(), upper) != 0)
          return false;
        return line.size() == word.size() || line[word.size()] == ' ' ||
               line[word.size()] == '\t';
      }

      struct Block
      {
        std::string                name;
        int                        line;
        std::map<std::string, int> entries;
      };

      struct Walker
      {
        PrmFileCheck   result;
        std::uintmax_t total = 0;
        /// The include chain: each file (canonical) with the line of its
        /// include of the next.
        std::vector<std::pair<std::string, int>> chain;
        std::vector<std::string>                 names; ///< as given

        std::string
        chain_text(const std::string &last) const
        {
          std::string text;
          for (std::size_t k = 0; k < names.size(); ++k)
            text += "'" + names[k] + "' (line " +
                    std::to_string(chain[k].second) + ") -> ";
          return text + "'" + last + "'";
        }

        void
        walk(const std::string &file, const bool top)
        {
          check_input_size(file);
          std::string text = read_limited(file);
          total += text.size();
          if (total > max_input_file_bytes)
            throw InputFileError("'" + file +
                                 "': the input file and its includes are "
                                 "larger than the limit of " +
                                 limit_text + " for an input file.");
          if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)
            text.erase(0, 3);
          if (top)
            result.text = text;

          std::error_code   error;
          const std::string canonical =
            fs::weakly_canonical(fs::path(file), error).string();
          chain.emplace_back(error ? file : canonical, 0);
          names.push_back(file);

          std::vector<Block> blocks{{"", 0, {}}};
          std::istringstream lines(text);
          std::string        line;
          int                number = 0;
          while (std::getline(lines, line))
            {
              ++number;
              const int first = number;
              // Continuation lines end in a backslash.
              while (!line.empty() && trim(line).size() > 0 &&
                     trim(line).back() == '\\')
                {
                  line = trim(line);
                  line.pop_back();
                  std::string next;
                  if (!std::getline(lines, next))
                    break;
                  ++number;
                  line += next;
                }
              if (const auto hash = line.find('#'); hash != std::string::npos)
                line.erase(hash);
              line = trim(line);
              if (line.empty())
                continue;
              if (keyword(line, "subsection"))
                blocks.push_back({normalized(line.substr(10)), first, {}});
              else if (keyword(line, "end"))
                {
                  if (blocks.size() > 1)
                    blocks.pop_back();
                }
              else if (keyword(line, "set"))
                {
                  const auto equal = line.find('=');
                  if (equal == std::string::npos)
                    continue; // deal.II reports it
                  const std::string entry =
                    normalized(line.substr(3, equal - 3));
                  auto &entries             = blocks.back().entries;
                  const auto [it, inserted] = entries.emplace(entry, first);
                  if (!inserted && result.duplicate.empty())
                    {
                      std::string path;
                      for (std::size_t k = 1; k < blocks.size(); ++k)
                        path += blocks[k].name + "/";
                      result.duplicate =
                        file + ", line " + std::to_string(first) +
                        ": parameter '" + path + entry + "' is set twice " +
                        (blocks.size() == 1 ?
                           std::string("at the top level") :
                           "in subsection '" + path.substr(0, path.size() - 1) +
                             "'") +
                        ", on lines " + std::to_string(it->second) + " and " +
                        std::to_string(first) +
                        "; only one value can hold: remove one of them.";
                    }
                }
              else if (keyword(line, "include"))
                {
                  const std::string name = trim(line.substr(7));
                  if (name.empty())
                    continue; // deal.II reports it
                  chain.back().second = first;
                  const std::string target =
                    fs::weakly_canonical(fs::path(name), error).string();
                  for (const auto &[f, l] : chain)
                    if (!error && f == target)
                      throw InputFileError(
                        file + ", line " + std::to_string(first) +
                        ": 'include " + name +
                        "' includes a file that is already being read, "
                        "which would never end; include chain: " +
                        chain_text(name) +
                        ". An input file must not include itself, directly "
                        "or through other files.");
                  if (chain.size() >= 32)
                    throw InputFileError(
                      file + ", line " + std::to_string(first) +
                      ": includes are nested more than 32 deep (include "
                      "chain: " +
                      chain_text(name) + ").");
                  std::error_code missing;
                  if (!fs::exists(name, missing))
                    continue; // deal.II reports it, naming the line
                  try
                    {
                      walk(name, false);
                    }
                  catch (const InputFileError &)
                    {
                      throw;
                    }
                  catch (const ParameterError &e)
                    {
                      throw InputFileError(
                        file + ", line " + std::to_string(first) +
                        ": 'include " + name + "': " + e.what());
                    }
                }
            }
          if (blocks.size() > 1 && result.unclosed.empty())
            {
              std::string path;
              for (std::size_t k = 1; k < blocks.size(); ++k)
                path += (k > 1 ? "/" : "") + blocks[k].name;
              result.unclosed =
                file + ": subsection '" + path + "' opened on line " +
                std::to_string(blocks.back().line) +
                " is not closed: there is no 'end' for it before the end "
                "of the file.";
            }
          chain.pop_back();
          names.pop_back();
        }
      };
    } // namespace



    void
    check_input_size(const std::string &file)
    {
      std::error_code error;
      const auto      status = fs::status(file, error);
      if (error || !fs::exists(status))
        throw ParameterError("'" + file + "' does not exist.");
      if (!fs::is_regular_file(status))
        throw ParameterError(
          "'" + file +
          "' is not a regular file (a device, FIFO, socket or folder, "
          "possibly behind a symbolic link); an input file must be a "
          "regular file of at most " +
          limit_text + ".");
      const auto size = fs::file_size(file, error);
      if (!error && size > max_input_file_bytes)
        throw ParameterError("'" + file + "' has " + std::to_string(size) +
                             " bytes, more than the limit of " + limit_text +
                             " for an input file.");
    }



    PrmFileCheck
    check_prm_file(const std::string &file)
    {
      Walker walker;
      walker.walk(file, true);
      return walker.result;
    }
  } // namespace internal
} // namespace anodemech
