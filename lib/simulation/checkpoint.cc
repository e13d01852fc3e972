#include "checkpoint.h"

#include <anodemech/base/parameter_error.h>

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <sstream>
#include <vector>

namespace anodemech
{
  namespace internal
  {
    namespace
    {
      namespace fs = std::filesystem;

      const char *const run_state_tag = "anodemech-run-checkpoint 1";

      bool
      is_root(const MPI_Comm comm)
      {
        return dealii::Utilities::MPI::this_mpi_process(comm) == 0;
      }

      /// Run @p work on rank 0; throw its error on every rank.
      template <typename Function>
      void
      on_root(const MPI_Comm comm, const Function &work)
      {
        std::string error;
        if (is_root(comm))
          try
            {
              work();
            }
          catch (const std::exception &e)
            {
              error = e.what();
              if (error.empty())
                error = "unknown error";
            }
        error = dealii::Utilities::MPI::broadcast(comm, error);
        if (!error.empty())
          throw ParameterError(error);
      }

      /// The complete checkpoints in @p folder, oldest first.
      std::vector<fs::path>
      complete_checkpoints(const fs::path &folder)
      {
        std::vector<fs::path> found;
        std::error_code       error;
        if (!fs::is_directory(folder, error))
          return found;
        for (const auto &entry : fs::directory_iterator(folder, error))
          {
            const std::string name = entry.path().filename().string();
            if (name.rfind("step_", 0) == 0 &&
                name.find('.') == std::string::npos && entry.is_directory() &&
                fs::is_regular_file(entry.path() / "run.txt"))
              found.push_back(entry.path());
          }
        std::sort(found.begin(), found.end());
        return found;
      }

      void
      write_file(const fs::path &path, const std::string &text)
      {
        std::ofstream file(path, std::ios::binary);
        file << text;
        file.flush();
        if (!file)
          throw ParameterError("cannot write '" + path.string() + "'");
      }

      std::string
      step_name(const unsigned int step)
      {
        std::ostringstream name;
        name << "step_" << std::setw(6) << std::setfill('0') << step;
        return name.str();
      }
    } // namespace



    std::string
    checkpoint_folder(const std::string &results_folder)
    {
      return (fs::path(results_folder) / "checkpoints").string();
    }



    std::string
    latest_checkpoint(const std::string &results_folder, const MPI_Comm comm)
    {
      std::string latest;
      if (is_root(comm))
        {
          const auto found =
            complete_checkpoints(checkpoint_folder(results_folder));
          if (!found.empty())
            latest = found.back().string();
        }
      return dealii::Utilities::MPI::broadcast(comm, latest);
    }



    std::string
    begin_checkpoint(const std::string &results_folder,
                     const unsigned int step,
                     const MPI_Comm     comm)
    {
      const fs::path partial = fs::path(checkpoint_folder(results_folder)) /
                               (step_name(step) + ".partial");
      on_root(comm, [&]() {
        std::error_code error;
        fs::remove_all(partial, error);
        fs::create_directories(partial, error);
        if (error || !fs::is_directory(partial))
          throw ParameterError("cannot create the checkpoint folder '" +
                               partial.string() + "'" +
                               (error ? ": " + error.message() : ""));
      });
      return partial.string();
    }



    std::string
    finish_checkpoint(const std::string                        &partial,
                      const std::map<std::string, std::string> &files,
                      const unsigned int                        keep,
                      const MPI_Comm                            comm)
    {
      const fs::path  from(partial);
      const fs::path  to = from.parent_path() / from.stem();
      std::error_code error;
      on_root(comm, [&]() {
        for (const auto &[name, text] : files)
          write_file(from / name, text);
        fs::remove_all(to, error);
        fs::rename(from, to, error);
        if (error)
          throw ParameterError("cannot rename '" + from.string() + "' to '" +
                               to.string() + "': " + error.message());
        // Keep the newest `keep`; remove older ones and stale .partial
        // folders of killed runs.
        auto found = complete_checkpoints(from.parent_path());
        for (std::size_t k = 0; k + keep < found.size(); ++k)
          fs::remove_all(found[k], error);
        for (const auto &entry :
             fs::directory_iterator(from.parent_path(), error))
          if (entry.path().extension() == ".partial")
            fs::remove_all(entry.path(), error);
      });
      return to.string();
    }



    std::string
    read_text_file(const std::string &path)
    {
      std::ifstream file(path, std::ios::binary);
      if (!file)
        throw ParameterError("Cannot read '" + path + "'.");
      std::ostringstream text;
      text << file.rdbuf();
      return text.str();
    }



    std::string
    run_state_text(const TimeStepper::State &stepper,
                   const CompressionSummary &summary,
                   const bool                last_fields_written)
    {
      std::ostringstream out;
      out << std::setprecision(std::numeric_limits<double>::max_digits10)
          << run_state_tag << '\n'
          << "stepper " << stepper.time << ' ' << stepper.next_step << ' '
          << stepper.last_on_target << '\n'
          << "summary " << summary.steps << ' ' << summary.rejected_steps << ' '
          << summary.newton_iterations << ' ' << summary.linear_iterations
          << '\n'
          << "last_fields_written " << last_fields_written << '\n'
          << "history " << summary.history.size() << '\n';
      for (const CompressionRecord &r : summary.history)
        out << r.time << ' ' << r.time_step << ' ' << r.nominal_pressure << ' '
            << r.platen_force << ' ' << r.thickness << ' ' << r.diameter << ' '
            << r.thickness_change_pct << ' ' << r.diameter_change_pct << ' '
            << r.contact_area << ' ' << r.max_penetration << ' '
            << r.newton_iterations << ' ' << r.linear_iterations << ' '
            << r.rejected_attempts << ' ' << r.on_target << '\n';
      return out.str();
    }



    void
    parse_run_state(const std::string &text,
                    const std::string &path,
                    CompressionResume &resume,
                    bool              &last_fields_written)
    {
      const auto bad = [&](const std::string &why) {
        return ParameterError("Checkpoint file '" + path + "' " + why + ".");
      };
      std::istringstream in(text);
      std::string        line;
      if (!std::getline(in, line) || line != run_state_tag)
        throw bad("is not an anodemech run checkpoint");
      // Numbers through stod (exact for 17 significant digits, and it reads
      // inf and nan, which operator>> does not).
      const auto number = [&]() {
        std::string token;
        if (!(in >> token))
          throw bad("ends early");
        try
          {
            return std::stod(token);
          }
        catch (const std::exception &)
          {
            throw bad("has '" + token + "' for a number");
          }
      };
      const auto expect = [&](const char *word) {
        std::string token;
        if (!(in >> token) || token != word)
          throw bad("has no entry '" + std::string(word) + "'");
      };
      const auto count = [&]() {
        const double value = number();
        if (!(value >= 0. && value < 4e9 && value == std::floor(value)))
          throw bad("has a bad count");
        return static_cast<unsigned int>(value);
      };
      CompressionResume r;
      expect("stepper");
      r.stepper.time           = number();
      r.stepper.next_step      = number();
      r.stepper.last_on_target = count() != 0;
      expect("summary");
      r.summary.steps             = count();
      r.summary.rejected_steps    = count();
      r.summary.newton_iterations = count();
      r.summary.linear_iterations = count();
      expect("last_fields_written");
      last_fields_written = count() != 0;
      expect("history");
      r.summary.history.resize(count());
      for (CompressionRecord &h : r.summary.history)
        {
          h.time                 = number();
          h.time_step            = number();
          h.nominal_pressure     = number();
          h.platen_force         = number();
          h.thickness            = number();
          h.diameter             = number();
          h.thickness_change_pct = number();
          h.diameter_change_pct  = number();
          h.contact_area         = number();
          h.max_penetration      = number();
          h.newton_iterations    = count();
          h.linear_iterations    = count();
          h.rejected_attempts    = count();
          h.on_target            = count() != 0;
        }
      if (r.summary.history.empty())
        throw bad("has no initial state");
      resume = r;
    }
  } // namespace internal
} // namespace anodemech
