#include "checkpoint.h"

#include <anodemech/base/parameter_error.h>

#include <deal.II/base/mpi.h>

#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <random>
#include <sstream>
#include <utility>
#include <vector>

#include "../base/text.h"

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

      /// The step number of a checkpoint folder named step_<digits>, or
      /// nothing for any other name.
      bool
      parse_step(const std::string &name, std::uint64_t &step)
      {
        if (name.rfind("step_", 0) != 0 || name.size() == 5 ||
            name.size() > 5 + 18)
          return false;
        for (std::size_t k = 5; k < name.size(); ++k)
          if (name[k] < '0' || name[k] > '9')
            return false;
        step = std::stoull(name.substr(5));
        return true;
      }

      /// The complete checkpoints in @p folder with their step numbers,
      /// oldest (smallest step number) first.
      std::vector<std::pair<std::uint64_t, fs::path>>
      complete_checkpoints(const fs::path &folder)
      {
        std::vector<std::pair<std::uint64_t, fs::path>> found;
        std::error_code                                 error;
        if (!fs::is_directory(folder, error))
          return found;
        for (const auto &entry : fs::directory_iterator(folder, error))
          {
            std::uint64_t step = 0;
            if (parse_step(entry.path().filename().string(), step) &&
                entry.is_directory(error) &&
                fs::is_regular_file(entry.path() / "run.txt", error))
              found.emplace_back(step, entry.path());
          }
        std::sort(found.begin(), found.end());
        return found;
      }

      /// FNV-1a (64 bit) of the contents of @p path and its size; false if
      /// it cannot be read.
      bool
      hash_file(const fs::path &path, std::uint64_t &hash, std::uint64_t &size)
      {
        std::ifstream file(path, std::ios::binary);
        if (!file)
          return false;
        hash = 14695981039346656037ull;
        size = 0;
        std::vector<char> buffer(1 << 20);
        while (file)
          {
            file.read(buffer.data(), buffer.size());
            const std::streamsize n = file.gcount();
            for (std::streamsize k = 0; k < n; ++k)
              {
                hash ^= static_cast<unsigned char>(buffer[k]);
                hash *= 1099511628211ull;
              }
            size += static_cast<std::uint64_t>(n);
          }
        return file.eof();
      }

      /// The text of the file `checksums` for the files in @p folder.
      std::string
      checksums_text(const fs::path &folder)
      {
        std::vector<std::string> names;
        for (const auto &entry : fs::directory_iterator(folder))
          if (entry.is_regular_file() && entry.path().filename() != "checksums")
            names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        std::ostringstream text;
        text << "anodemech-checksums fnv1a64 1\n";
        for (const auto &name : names)
          {
            std::uint64_t hash = 0, size = 0;
            if (!hash_file(folder / name, hash, size))
              throw ParameterError("cannot read '" + (folder / name).string() +
                                   "' back");
            text << std::hex << std::setw(16) << std::setfill('0') << hash
                 << std::dec << ' ' << size << ' ' << name << '\n';
          }
        return text.str();
      }

      /// The first line of a small file, trimmed; "" if it cannot be read.
      std::string
      first_line(const fs::path &path)
      {
        std::ifstream file(path);
        std::string   line;
        std::getline(file, line);
        return trim(line);
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
    new_run_id(const MPI_Comm comm)
    {
      std::string id;
      if (is_root(comm))
        {
          std::random_device device;
          std::uint64_t      value =
            (static_cast<std::uint64_t>(device()) << 32) ^ device();
          // Mixed with the time and the process id, in case random_device
          // is deterministic on this platform.
          value ^= static_cast<std::uint64_t>(
            std::chrono::system_clock::now().time_since_epoch().count());
          value ^= static_cast<std::uint64_t>(::getpid()) << 17;
          std::ostringstream text;
          text << std::hex << std::setw(16) << std::setfill('0') << value;
          id = text.str();
        }
      return dealii::Utilities::MPI::broadcast(comm, id);
    }



    std::string
    folder_run_id(const std::string &results_folder)
    {
      return first_line(fs::path(results_folder) / "run_id");
    }



    std::string
    checkpoint_run_id(const std::string &checkpoint)
    {
      return first_line(fs::path(checkpoint) / "run_id");
    }



    void
    prepare_new_run(const std::string &results_folder,
                    const bool         overwrite,
                    const MPI_Comm     comm)
    {
      const fs::path folder(results_folder);
      // The files a run writes (each also as .tmp), and its checkpoints.
      const std::vector<std::string> names{"results.h5",
                                           "results.xdmf",
                                           "curves.csv",
                                           "curves.png",
                                           "material",
                                           "run_id"};
      on_root(comm, [&]() {
        std::error_code          error;
        std::vector<std::string> present;
        for (const char *name : {"results.h5", "results.xdmf"})
          if (fs::exists(folder / name, error))
            present.push_back(name);
        const fs::path checkpoints = checkpoint_folder(results_folder);
        if (fs::is_directory(checkpoints, error))
          for (const auto &entry : fs::directory_iterator(checkpoints, error))
            if (entry.path().filename().string().rfind("step_", 0) == 0)
              {
                present.push_back("checkpoints/");
                break;
              }
        if (present.empty())
          return;
        if (!overwrite)
          {
            std::string list;
            for (const auto &name : present)
              list += (list.empty() ? "" : ", ") + name;
            throw ParameterError(
              "the output folder '" + results_folder +
              "' already holds the results of another run (" + list +
              "); a new run would destroy them. Use --overwrite to remove "
              "them and start anew, --restart to continue that run, or "
              "another Output/Folder.");
          }
        for (const auto &name : names)
          {
            fs::remove(folder / name, error);
            fs::remove(folder / (name + ".tmp"), error);
          }
        fs::remove_all(checkpoints, error);
        if (error)
          throw ParameterError("--overwrite: cannot remove '" +
                               checkpoints.string() + "': " + error.message());
      });
    }



    std::string
    checkpoint_folder(const std::string &results_folder)
    {
      return (fs::path(results_folder) / "checkpoints").string();
    }



    std::vector<std::string>
    restart_candidates(const std::string &results_folder, const MPI_Comm comm)
    {
      std::vector<std::string> own, all;
      if (is_root(comm))
        {
          const auto found =
            complete_checkpoints(checkpoint_folder(results_folder));
          const std::string run_id = folder_run_id(results_folder);
          for (auto it = found.rbegin(); it != found.rend(); ++it)
            {
              all.push_back(it->second.string());
              if (!run_id.empty() &&
                  checkpoint_run_id(it->second.string()) == run_id)
                own.push_back(it->second.string());
            }
        }
      return dealii::Utilities::MPI::broadcast(comm, own.empty() ? all : own);
    }



    std::string
    verify_checkpoint(const std::string &checkpoint, const MPI_Comm comm)
    {
      std::string why;
      if (is_root(comm))
        {
          const fs::path    folder(checkpoint);
          const fs::path    list = folder / "checksums";
          std::ifstream     in(list);
          std::string       line;
          const std::string tag = "anodemech-checksums fnv1a64 1";
          if (!in)
            why = "'" + list.string() + "' is missing";
          else if (!std::getline(in, line) || line != tag)
            why = "'" + list.string() + "' is not a checksum list";
          std::size_t n_files = 0;
          while (why.empty() && std::getline(in, line))
            {
              std::istringstream fields(line);
              std::string        hash_text, name;
              std::uint64_t      size = 0;
              if (!(fields >> hash_text >> size) ||
                  !std::getline(fields >> std::ws, name) || name.empty() ||
                  name.find('/') != std::string::npos ||
                  hash_text.size() != 16 ||
                  hash_text.find_first_not_of("0123456789abcdef") !=
                    std::string::npos)
                {
                  why = "'" + list.string() + "' has a damaged line";
                  break;
                }
              ++n_files;
              const fs::path  path = folder / name;
              std::uint64_t   hash = 0, actual_size = 0;
              std::error_code error;
              if (!fs::is_regular_file(path, error) ||
                  !hash_file(path, hash, actual_size))
                why = "'" + path.string() + "' is missing or unreadable";
              else if (actual_size != size)
                why = "'" + path.string() + "' has " +
                      std::to_string(actual_size) + " bytes instead of " +
                      std::to_string(size) + " (truncated or extended)";
              else if (hash != std::stoull(hash_text, nullptr, 16))
                why = "'" + path.string() +
                      "' does not match its checksum (its contents changed)";
            }
          if (why.empty() && n_files == 0)
            why = "'" + list.string() + "' lists no files";
        }
      return dealii::Utilities::MPI::broadcast(comm, why);
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
                      const std::string                        &run_id,
                      const MPI_Comm                            comm)
    {
      const fs::path  from(partial);
      const fs::path  to = from.parent_path() / from.stem();
      std::error_code error;
      on_root(comm, [&]() {
        for (const auto &[name, text] : files)
          write_file(from / name, text);
        write_file(from / "run_id", run_id + "\n");
        // The checksums of every file, the solid's too, written last.
        write_file(from / "checksums", checksums_text(from));
        fs::remove_all(to, error);
        fs::rename(from, to, error);
        if (error)
          throw ParameterError("cannot rename '" + from.string() + "' to '" +
                               to.string() + "': " + error.message());
        // Keep the newest `keep` of this run (by step number); remove its
        // older ones and stale .partial folders of killed runs. Other runs'
        // checkpoints stay.
        std::vector<fs::path> own;
        for (const auto &[step, path] :
             complete_checkpoints(from.parent_path()))
          if (checkpoint_run_id(path.string()) == run_id)
            own.push_back(path);
        // Renamed first, so that a kill while removing leaves no damaged
        // checkpoint behind under a checkpoint's name.
        for (std::size_t k = 0; k + keep < own.size(); ++k)
          {
            fs::path old = own[k];
            old += ".old";
            fs::rename(own[k], old, error);
            fs::remove_all(error ? own[k] : old, error);
          }
        for (const auto &entry :
             fs::directory_iterator(from.parent_path(), error))
          if (entry.path().extension() == ".partial" ||
              entry.path().extension() == ".old")
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
