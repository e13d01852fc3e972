#include <anodemech/base/application.h>
#include <anodemech/base/parameter_error.h>

#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <utility>
#include <vector>

#include "input_file.h"
#include "text.h"

namespace anodemech
{
  namespace Application
  {
    namespace
    {
      void
      print_usage(std::ostream &out, const Info &info)
      {
        out << "Usage: " << info.name << " [options] "
            << (info.input_optional ? "[input.prm|input.json]" :
                                      "<input.prm|input.json>")
            << "\n\n"
            << info.purpose << "\n\n"
            << "Options:\n"
               "  --help               this text\n"
               "  --print-parameters   write every parameter with its "
               "default, units and\n"
               "                       description to standard output, then "
               "exit\n"
               "  --set 'Path/Entry=value'\n"
               "                       override one entry of the input, "
               "e.g.\n"
               "                       --set '"
            << info.set_example << "' (repeatable)\n"
            << (info.supports_restart ?
                  "  --restart            continue a stopped or killed run "
                  "from the newest\n"
                  "                       checkpoint in <Output "
                  "folder>/checkpoints (same input)\n"
                  "  --overwrite          remove another run's results and "
                  "checkpoints from\n"
                  "                       the output folder first (without "
                  "it, a new run\n"
                  "                       into such a folder is refused)\n" :
                  "")
            << "\n"
               "Exit codes: 0 done; 1 bad input; 2 bad command line; 3 the "
               "run stopped\nbefore its end (the results up to the last "
               "converged step are written);\n4 other run-time error.\n"
               "\n"
               "Run in parallel with mpirun -np N "
            << info.name << " <input>.\n";
      }

      std::string
      read_file(const std::string &name)
      {
        std::ifstream      file(name);
        std::ostringstream text;
        text << file.rdbuf();
        return text.str();
      }

      using internal::one_line;

      using internal::trim;

      /// "a/b" + "c" = "a/b/c"; "" + "c" = "c".
      std::string
      join(const std::string &section, const std::string &name)
      {
        return section.empty() ? name : section + "/" + name;
      }

      /// Where a subsection path is, for messages.
      std::string
      in_section(const std::string &section)
      {
        return section.empty() ? std::string("at the top level") :
                                 "in subsection '" + section + "'";
      }

      /// The declared parameters, from ParameterHandler's own listing.
      struct Declared
      {
        /// Documentation of each entry, by path "Sub/Sub/Entry".
        std::map<std::string, std::string> documentation;
        /// Entries and subsections of each subsection ("" the top level),
        /// in declaration order.
        std::map<std::string, std::vector<std::string>> entries;
        std::map<std::string, std::vector<std::string>> subsections;
      };

      Declared
      declared_parameters(const dealii::ParameterHandler &prm)
      {
        std::ostringstream listing;
        prm.print_parameters(listing,
                             dealii::ParameterHandler::PRM |
                               dealii::ParameterHandler::KeepDeclarationOrder);
        Declared                 declared;
        std::vector<std::string> path;
        std::string              comment;
        std::istringstream       lines(listing.str());
        std::string              line;
        const auto               section = [&path]() {
          std::string s;
          for (const auto &p : path)
            s = join(s, p);
          return s;
        };
        while (std::getline(lines, line))
          {
            const std::string t = trim(line);
            if (t == "# Listing of Parameters" || t.rfind("# ---", 0) == 0)
              continue; // the heading
            if (t.rfind("#", 0) == 0)
              comment += " " + t.substr(1);
            else if (t.rfind("subsection ", 0) == 0)
              {
                declared.subsections[section()].push_back(trim(t.substr(11)));
                path.push_back(trim(t.substr(11)));
                comment.clear();
              }
            else if (t == "end")
              {
                if (!path.empty())
                  path.pop_back();
                comment.clear();
              }
            else if (t.rfind("set ", 0) == 0)
              {
                const std::string name = trim(t.substr(
                  4, t.find('=') - std::min<std::size_t>(4, t.find('='))));
                declared.entries[section()].push_back(name);
                declared.documentation[join(section(), name)] =
                  one_line(comment);
                comment.clear();
              }
          }
        return declared;
      }

      /// The unit in the documentation of an entry ("[m]", "[-]", "[s :
      /// Pa]"): its first bracket that holds a unit, not a range; "" if
      /// there is none.
      std::string
      unit_of(const std::string &documentation)
      {
        static const std::regex bracket(R"(\[([^\[\]]*)\])");
        static const std::regex unit(R"((1/)?[A-Za-z%][A-Za-z0-9%/^ :.*-]*)");
        for (auto it = std::sregex_iterator(documentation.begin(),
                                            documentation.end(),
                                            bracket);
             it != std::sregex_iterator();
             ++it)
          {
            const std::string content = trim((*it)[1].str());
            if (content == "-" || std::regex_match(content, unit))
              return "[" + content + "]";
          }
        return "";
      }

      /**
       * What a deal.II pattern description ("[Double 0...MAX_DOUBLE
       * (inclusive)]", "[Selection a|b ]") allows, in words, with @p unit
       * after a number.
       */
      std::string
      allowed_values(const std::string &pattern, const std::string &unit)
      {
        const std::string       with_unit = unit.empty() ? "" : " " + unit;
        std::smatch             m;
        static const std::regex number(
          R"(\[(Double|Integer range) (\S+)\.\.\.(\S+) \(inclusive\)\])");
        if (std::regex_match(pattern, m, number))
          {
            const bool        real = m[1].str() == "Double";
            const std::string kind = real ? "a number" : "an integer";
            const std::string lo = m[2].str(), hi = m[3].str();
            const bool no_lo = lo == "-MAX_DOUBLE" || lo == "-2147483648";
            const bool no_hi = hi == "MAX_DOUBLE" || hi == "2147483647";
            if (no_lo && no_hi)
              return kind + with_unit;
            if (no_hi)
              return kind + " >= " + lo + with_unit;
            if (no_lo)
              return kind + " <= " + hi + with_unit;
            return kind + " in [" + lo + ", " + hi + "]" + with_unit;
          }
        if (pattern == "[Double]")
          return "a number" + with_unit;
        if (pattern == "[Integer]")
          return "an integer" + with_unit;
        if (pattern == "[Bool]")
          return "true or false";
        static const std::regex selection(R"(\[Selection (.*)\])");
        if (std::regex_match(pattern, m, selection))
          {
            std::string list;
            for (const auto &option :
                 dealii::Utilities::split_string_list(trim(m[1].str()), '|'))
              list += (list.empty() ? "'" : ", '") + option + "'";
            return "one of " + list;
          }
        return "a value of the pattern " + pattern + with_unit;
      }

      /// Levenshtein distance of @p a and @p b, ignoring case.
      std::size_t
      edit_distance(const std::string &a, const std::string &b)
      {
        std::vector<std::size_t> row(b.size() + 1);
        for (std::size_t j = 0; j <= b.size(); ++j)
          row[j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i)
          {
            std::size_t diagonal = row[0];
            row[0]               = i;
            for (std::size_t j = 1; j <= b.size(); ++j)
              {
                const std::size_t up = row[j];
                const bool        same =
                  std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
                row[j] =
                  std::min({row[j] + 1, row[j - 1] + 1, diagonal + !same});
                diagonal = up;
              }
          }
        return row[b.size()];
      }

      /**
       * "there is no parameter 'X' in subsection 'S'; did you mean 'Y'? The
       * parameters there are: ..." for an unknown @p name among @p known;
       * @p hint, if not empty, follows the first clause.
       */
      std::string
      unknown_name(const std::string              &what,
                   const std::string              &name,
                   const std::string              &section,
                   const std::vector<std::string> &known,
                   const std::string              &hint = "")
      {
        std::string message = "there is no " + what + " '" + name + "' " +
                              in_section(section) + hint;
        std::string best;
        // A close name: at most 2 edits, or a quarter of the name's length.
        std::size_t best_distance =
          std::max<std::size_t>(2, name.size() / 4) + 1;
        for (const auto &k : known)
          if (const std::size_t d = edit_distance(name, k); d < best_distance)
            {
              best          = k;
              best_distance = d;
            }
        std::string list;
        for (const auto &k : known)
          list += (list.empty() ? "'" : ", '") + k + "'";
        if (list.empty())
          list = "none";
        if (!best.empty())
          message += (hint.empty() ? "; did" : " Or did") +
                     std::string(" you mean '") + best + "'?";
        message += (hint.empty() && best.empty() ? "; the " : " The ") + what +
                   "s " + in_section(section) + " are: " + list +
                   " (see --print-parameters).";
        return message;
      }

      /// The subsection path in @p file just before line @p line_number,
      /// and the path of the subsection that the last 'end' before it left.
      struct Place
      {
        std::string section;
        std::string left;
      };

      Place
      section_at_line(const std::string &file, const int line_number)
      {
        std::ifstream            in(file);
        std::vector<std::string> path;
        std::string              line;
        std::string              left;
        const auto               joined = [&path]() {
          std::string section;
          for (const auto &p : path)
            section = join(section, p);
          return section;
        };
        for (int n = 1; n < line_number && std::getline(in, line); ++n)
          {
            line                 = trim(line.substr(0, line.find('#')));
            const std::string lc = [&line]() {
              std::string l = line;
              for (auto &c : l)
                c = static_cast<char>(
                  std::tolower(static_cast<unsigned char>(c)));
              return l;
            }();
            if (lc.rfind("subsection ", 0) == 0)
              path.push_back(one_line(line.substr(11)));
            else if (lc == "end" && !path.empty())
              {
                left = joined();
                path.pop_back();
              }
          }
        return {joined(), left};
      }

      /**
       * deal.II's message about a parameter file (naming its line and
       * entry), rewritten as one readable sentence that names the file, the
       * line, the parameter with its subsection and what it allows.
       */
      std::string
      explain_parse_error(const std::string &info,
                          const std::string &input_file,
                          Declared          &declared)
      {
        const std::string       text = one_line(info);
        std::smatch             m;
        static const std::regex pattern_error(
          R"(Line <(\d+)> of file <(.*)>: The entry value(.*) for the entry named (.*) does not match the given pattern: (\[.*\]))");
        static const std::regex no_entry(
          R"(Line <(\d+)> of file <(.*)>: No entry with name <(.*)> was declared in the current subsection\.)");
        static const std::regex no_subsection(
          R"(Line <(\d+)> of file <(.*?)>?: There is no such subsection to be entered: (.*))");
        static const std::regex other(R"(Line <(\d+)> of file <(.*?)>?: (.*))");
        // A name that belongs elsewhere (preferably in the subsection the
        // last 'end' left, else in the one with the shortest path) hints at
        // a missing 'end' or 'subsection' line.
        const auto elsewhere =
          [](const std::string                                     &name,
             const Place                                           &place,
             const std::map<std::string, std::vector<std::string>> &names) {
            std::string found;
            bool        have = false;
            for (const auto &[candidate, list] : names)
              if (candidate != place.section &&
                  std::find(list.begin(), list.end(), name) != list.end() &&
                  (!have || candidate == place.left ||
                   (found != place.left && candidate.size() < found.size())))
                {
                  found = candidate;
                  have  = true;
                }
            return have ? ", but there is one " + in_section(found) +
                            ": is an 'end' or 'subsection' line missing "
                            "above?" :
                          std::string();
          };
        if (std::regex_match(text, m, pattern_error))
          {
            const Place place =
              section_at_line(m[2].str(), std::stoi(m[1].str()));
            const std::string &section = place.section;
            const std::string  path    = join(section, m[4].str());
            return m[2].str() + ", line " + m[1].str() + ": parameter '" +
                   path + "' = '" + trim(m[3].str()) +
                   "' is not allowed; it must be " +
                   allowed_values(m[5].str(),
                                  unit_of(declared.documentation[path])) +
                   ".";
          }
        if (std::regex_match(text, m, no_entry))
          {
            const Place place =
              section_at_line(m[2].str(), std::stoi(m[1].str()));
            const std::string &section = place.section;
            return m[2].str() + ", line " + m[1].str() + ": " +
                   unknown_name("parameter",
                                m[3].str(),
                                section,
                                declared.entries[section],
                                elsewhere(m[3].str(), place, declared.entries));
          }
        if (std::regex_match(text, m, no_subsection))
          {
            const Place place =
              section_at_line(m[2].str(), std::stoi(m[1].str()));
            const std::string &section = place.section;
            // deal.II names the subsection with its path, "A.B.C".
            std::string name   = trim(m[3].str());
            std::string prefix = section;
            std::replace(prefix.begin(), prefix.end(), '/', '.');
            if (!prefix.empty() && name.rfind(prefix + ".", 0) == 0)
              name = name.substr(prefix.size() + 1);
            return m[2].str() + ", line " + m[1].str() + ": " +
                   unknown_name("subsection",
                                name,
                                section,
                                declared.subsections[section],
                                elsewhere(name, place, declared.subsections));
          }
        if (std::regex_match(text, m, other))
          {
            std::string message = m[3].str();
            if (message.find("Invalid format of 'set'") != std::string::npos)
              message += " A parameter is set by a line 'set <parameter> = "
                         "<value>' (see --print-parameters).";
            return m[2].str() + ", line " + m[1].str() + ": " + message;
          }
        // Errors of .json and .xml files name neither line nor entry.
        const std::string where =
          input_file.empty() ? std::string("the input") : input_file;
        static const std::regex value_error(
          R"(The string <(.*)> does not match the given pattern <(.*)>\.)");
        static const std::regex undeclared(
          R"(You can't ask for entry <(.*)> you have not yet declared\.)");
        if (std::regex_match(text, m, value_error))
          return where + ": the value '" + m[1].str() +
                 "' is not allowed for its parameter; it must be " +
                 allowed_values(m[2].str(), "") +
                 " (see --print-parameters for the parameter and its unit).";
        if (std::regex_match(text, m, undeclared))
          return where + ": there is no parameter '" + m[1].str() +
                 "' (see --print-parameters).";
        return where + ": " + text;
      }

      /// Throw a ParameterError if @p input_file cannot be parsed as an
      /// input file: it must be an existing, readable .prm, .json or .xml
      /// file.
      void
      check_input_file(const std::string &input_file)
      {
        namespace fs = std::filesystem;
        const std::string allowed =
          "; it must be a readable parameter file (.prm, .json or .xml)";
        std::error_code   error;
        const fs::path    path(input_file);
        const std::string where = path.is_absolute() ?
                                    std::string() :
                                    " (relative to the working directory " +
                                      fs::current_path(error).string() + ")";
        if (!fs::exists(path, error))
          throw ParameterError("the input file does not exist" + where +
                               allowed + ".");
        if (fs::is_directory(path, error))
          throw ParameterError("the input file is a directory, not a file" +
                               where + allowed + ".");
        if (!std::ifstream(input_file))
          throw ParameterError("the input file cannot be opened for reading" +
                               where + allowed + ".");
        const std::string extension = path.extension().string();
        if (extension != ".prm" && extension != ".json" && extension != ".xml")
          throw ParameterError("the input file's name ends in '" + extension +
                               "'" + allowed + ".");
        // Not a device such as /dev/zero (which deal.II would read forever)
        // and not too large.
        internal::check_input_size(input_file);
      }

      /**
       * Parse @p input_file into @p prm. A .prm file is first read by
       * internal::check_prm_file() (include cycles, sizes, a UTF-8
       * byte-order mark, which is dropped); deal.II then parses its text.
       * An unclosed subsection or an entry set twice in one subsection
       * throw an internal::InputFileError naming the lines.
       */
      void
      parse_file(dealii::ParameterHandler &prm, const std::string &input_file)
      {
        if (std::filesystem::path(input_file).extension() != ".prm")
          {
            prm.parse_input(input_file);
            return;
          }
        const internal::PrmFileCheck check =
          internal::check_prm_file(input_file);
        try
          {
            std::istringstream text(check.text);
            prm.parse_input(text, input_file);
          }
        catch (const dealii::ExceptionBase &error)
          {
            std::ostringstream what;
            error.print_info(what);
            if (!check.unclosed.empty() &&
                what.str().find("unequal numbers of 'subsection' and 'end'") !=
                  std::string::npos)
              throw internal::InputFileError(check.unclosed);
            throw;
          }
        if (!check.duplicate.empty())
          throw internal::InputFileError(check.duplicate);
      }

      /**
       * " (with --set 'a=b')" for the overrides whose entry @p message names
       * (in quotes), "" if it names none: a value that the message rejects
       * may come from the command line rather than the file.
       */
      std::string
      overrides_named_in(
        const std::string                                      &message,
        const std::vector<std::pair<std::string, std::string>> &overrides)
      {
        std::string named;
        for (const auto &[path, value] : overrides)
          {
            const std::string entry = trim(path.substr(path.rfind('/') + 1));
            if (message.find("'" + entry + "'") != std::string::npos ||
                (!value.empty() &&
                 message.find("'" + value + "'") != std::string::npos))
              named += (named.empty() ? "" : ", ") + std::string("--set '") +
                       path + "=" + value + "'";
          }
        return named.empty() ? named : " (with " + named + ")";
      }
    } // namespace



    void
    parse_input_file(dealii::ParameterHandler &prm,
                     const std::string        &input_file)
    {
      try
        {
          check_input_file(input_file);
        }
      catch (const ParameterError &error)
        {
          throw ParameterError("'" + input_file + "': " + error.what());
        }
      Declared declared = declared_parameters(prm);
      try
        {
          parse_file(prm, input_file);
        }
      catch (const dealii::ExceptionBase &error)
        {
          std::ostringstream what;
          error.print_info(what);
          throw ParameterError(
            explain_parse_error(what.str(), input_file, declared));
        }
    }



    void
    apply_override(dealii::ParameterHandler &prm,
                   const std::string        &path,
                   const std::string        &value)
    {
      std::vector<std::string> parts;
      std::size_t              start = 0;
      for (std::size_t slash;
           (slash = path.find('/', start)) != std::string::npos;
           start = slash + 1)
        parts.push_back(trim(path.substr(start, slash - start)));
      const std::string entry   = trim(path.substr(start));
      const std::string setting = "--set '" + path + "=" + value + "': ";

      // Say what is wrong: the subsection, the entry or the value.
      Declared    declared = declared_parameters(prm);
      std::string section;
      for (const auto &part : parts)
        {
          const auto &known = declared.subsections[section];
          if (std::find(known.begin(), known.end(), part) == known.end())
            throw ParameterError(
              setting + unknown_name("subsection", part, section, known));
          section = join(section, part);
        }
      const auto &entries = declared.entries[section];
      if (std::find(entries.begin(), entries.end(), entry) == entries.end())
        throw ParameterError(
          setting + unknown_name("parameter", entry, section, entries));

      std::size_t entered = 0;
      try
        {
          for (const auto &part : parts)
            {
              prm.enter_subsection(part);
              ++entered;
            }
          prm.set(entry, value);
        }
      catch (const dealii::ExceptionBase &error)
        {
          for (std::size_t k = 0; k < entered; ++k)
            prm.leave_subsection();
          // ParameterHandler::ExcValueDoesNotMatchPattern: "The string <v>
          // does not match the given pattern <p>."
          std::ostringstream info;
          error.print_info(info);
          const std::string       text = one_line(info.str());
          static const std::regex pattern(
            R"(does not match the given pattern <(.*)>\.?$)");
          std::smatch       m;
          const std::string allowed =
            std::regex_search(text, m, pattern) ?
              allowed_values(m[1].str(),
                             unit_of(
                               declared.documentation[join(section, entry)])) :
              "a value that matches its pattern (" + text + ")";
          throw ParameterError(setting + "parameter '" + join(section, entry) +
                               "' = '" + value +
                               "' is not allowed; it must be " + allowed +
                               " (see --print-parameters).");
        }
      for (std::size_t k = 0; k < entered; ++k)
        prm.leave_subsection();
    }



    int
    run(int                       argc,
        char                    **argv,
        const Info               &info,
        dealii::ParameterHandler &prm,
        const Job                &job)
    {
      const bool root =
        dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
      std::ostringstream silent; // the other ranks' messages
      std::ostream      &err = root ? std::cerr : silent;
      std::ostream      &out = root ? std::cout : silent;

      std::string                                      input_file;
      std::vector<std::pair<std::string, std::string>> overrides;
      Options                                          options;
      for (int i = 1; i < argc; ++i)
        {
          const std::string arg = argv[i];
          if (arg == "--set")
            {
              const std::string setting = i + 1 < argc ? argv[++i] : "";
              const auto        equal   = setting.find('=');
              if (equal == std::string::npos || equal == 0)
                {
                  err << "Error: --set needs 'Path/Entry=value', not '"
                      << setting << "'.\n";
                  return usage;
                }
              overrides.emplace_back(setting.substr(0, equal),
                                     setting.substr(equal + 1));
              continue;
            }
          if (arg == "--restart" && info.supports_restart)
            {
              options.restart = true;
              continue;
            }
          if (arg == "--overwrite" && info.supports_restart)
            {
              options.overwrite = true;
              continue;
            }
          if (arg == "--help" || arg == "-h")
            {
              print_usage(out, info);
              return ok;
            }
          if (arg == "--print-parameters")
            {
              if (root)
                prm.print_parameters(
                  std::cout,
                  dealii::ParameterHandler::PRM |
                    dealii::ParameterHandler::KeepDeclarationOrder);
              return ok;
            }
          if (!arg.empty() && arg[0] == '-')
            {
              err << "Error: unknown option '" << arg << "'.\n\n";
              print_usage(err, info);
              return usage;
            }
          if (!input_file.empty())
            {
              err << "Error: more than one input file given.\n";
              return usage;
            }
          input_file = arg;
        }
      if (options.restart && options.overwrite)
        {
          err << "Error: --restart continues the run in the output folder "
                 "and --overwrite removes it; give one of them.\n";
          return usage;
        }
      if (input_file.empty() && !info.input_optional)
        {
          print_usage(err, info);
          return usage;
        }

      const std::string where =
        input_file.empty() ? std::string("the input") : input_file;
      std::string input_text;
      // The declared entries, for the messages about unknown ones (taken
      // now: a failed parse leaves prm inside a subsection).
      Declared declared;
      try
        {
          if (!input_file.empty())
            {
              check_input_file(input_file);
              declared = declared_parameters(prm);
              parse_file(prm, input_file);
            }
          for (const auto &[path, value] : overrides)
            apply_override(prm, path, value);
          std::ostringstream full;
          prm.print_parameters(
            full,
            dealii::ParameterHandler::PRM |
              dealii::ParameterHandler::KeepDeclarationOrder);
          input_text =
            (input_file.empty() ?
               std::string("# no input file\n") :
               "# input file: " + input_file + "\n" + read_file(input_file)) +
            "\n# command-line overrides: " + std::to_string(overrides.size()) +
            "\n# full parameter set:\n" + full.str();
        }
      catch (const dealii::ExceptionBase &error)
        {
          // ParameterHandler's errors name the file, line and entry: print
          // them as one sentence with the subsection and the allowed values,
          // not deal.II's stack trace.
          std::ostringstream what;
          error.print_info(what);
          err << "Error in "
              << explain_parse_error(what.str(), input_file, declared) << '\n';
          return input_error;
        }
      catch (const internal::InputFileError &error)
        {
          // The message names the file and the line.
          err << "Error in " << error.what() << '\n';
          return input_error;
        }
      catch (const std::exception &error)
        {
          err << "Error in " << where << ": " << error.what() << '\n';
          return input_error;
        }

      try
        {
          const std::string directory =
            std::filesystem::path(input_file).parent_path().string();
          return job(prm, input_text, directory, options, out, err) ?
                   ok :
                   stopped_early;
        }
      catch (const ParameterError &error)
        {
          err << "Error in " << where
              << overrides_named_in(error.what(), overrides) << ": "
              << error.what() << '\n';
          return input_error;
        }
      catch (const dealii::ExceptionBase &error)
        {
          err << "Error: ";
          error.print_info(err);
          return runtime_error;
        }
      catch (const std::exception &error)
        {
          err << "Error: " << error.what() << '\n';
          return runtime_error;
        }
    }
  } // namespace Application
} // namespace anodemech
