#include <anodemech/base/application.h>
#include <anodemech/base/parameter_error.h>
#include <anodemech/calibration/disc_case.h>
#include <anodemech/simulation/disc_compression.h>

#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "../base/text.h"

namespace anodemech
{
  void
  DiscCase::parse(dealii::ParameterHandler &prm) const
  {
    Application::parse_input_file(prm, input_file);
    for (const auto &[path, value] : overrides)
      Application::apply_override(prm, path, value);
  }



  std::string
  DiscCase::get(const std::string &path) const
  {
    dealii::ParameterHandler prm;
    DiscCompression::declare_parameters(prm);
    parse(prm);
    std::vector<std::string> sections;
    std::size_t              start = 0;
    for (std::size_t slash;
         (slash = path.find('/', start)) != std::string::npos;
         start = slash + 1)
      sections.push_back(path.substr(start, slash - start));
    const std::string entry = path.substr(start);
    for (const auto &s : sections)
      prm.enter_subsection(s);
    std::string value;
    try
      {
        value = prm.get(entry);
      }
    catch (const dealii::ExceptionBase &)
      {
        throw ParameterError("There is no compress_disc parameter '" + path +
                             "' (see compress_disc --print-parameters).");
      }
    for (std::size_t i = 0; i < sections.size(); ++i)
      prm.leave_subsection();
    return value;
  }



  CompressionSummary
  DiscCase::run(MPI_Comm communicator, std::ostream &log) const
  {
    dealii::ParameterHandler prm;
    DiscCompression::declare_parameters(prm);
    parse(prm);

    std::ostringstream text;
    {
      std::ifstream file(input_file);
      text << "# base input file: " << input_file << '\n'
           << std::string(std::istreambuf_iterator<char>(file),
                          std::istreambuf_iterator<char>())
           << "\n# overrides: " << overrides.size() << '\n';
      for (const auto &[path, value] : overrides)
        text << "#   --set '" << path << '=' << value << "'\n";
      text << "# full parameter set:\n";
      prm.print_parameters(text,
                           dealii::ParameterHandler::PRM |
                             dealii::ParameterHandler::KeepDeclarationOrder);
    }
    const DiscCompression job(
      prm,
      text.str(),
      std::filesystem::path(input_file).parent_path().string());
    // The folders of a fit's or map's cases are its own scratch space,
    // reused by every evaluation.
    return job.run(communicator, log, false, true);
  }



  std::vector<std::pair<std::string, std::string>>
  parse_override_list(const std::string &text, const std::string &parameter)
  {
    std::vector<std::pair<std::string, std::string>> result;
    if (internal::trim(text).empty())
      return result;
    std::size_t start = 0;
    while (true)
      {
        const auto bar   = text.find('|', start);
        const auto item  = internal::trim(text.substr(
          start, bar == std::string::npos ? std::string::npos : bar - start));
        const auto equal = item.find('=');
        if (equal == std::string::npos ||
            internal::trim(item.substr(0, equal)).empty())
          throw ParameterError("Parameter " + parameter +
                               " must be a list of 'Subsection/Entry=value' "
                               "separated by '|', not '" +
                               text + "' (item '" + item + "').");
        result.emplace_back(internal::trim(item.substr(0, equal)),
                            internal::trim(item.substr(equal + 1)));
        if (bar == std::string::npos)
          break;
        start = bar + 1;
      }
    return result;
  }



  const CompressionRecord *
  record_at_pressure(const CompressionSummary &summary,
                     const double              pressure,
                     const ComparePoint        where)
  {
    const auto at = [pressure](const CompressionRecord &r) {
      return std::abs(r.nominal_pressure - pressure) <= 1e-9 * pressure;
    };
    const CompressionRecord *found = nullptr;
    for (const auto &r : summary.history)
      if (at(r))
        {
          found = &r;
          if (where == ComparePoint::first_reaching)
            break;
        }
      else if (found != nullptr)
        break;
    return found;
  }



  namespace
  {
    /// One task's outcome on its way between the ranks.
    struct PackedResult
    {
      unsigned int        task = 0;
      bool                ok   = false;
      std::vector<double> values;
      std::string         text;
      std::string         message;

      template <class Archive>
      void
      serialize(Archive &archive, const unsigned int)
      {
        archive &task &ok &values &text &message;
      }
    };
  } // namespace



  std::vector<TaskResult>
  run_tasks(const unsigned int                             n_tasks,
            const std::function<TaskOutput(unsigned int)> &task,
            const MPI_Comm                                 communicator)
  {
    const unsigned int rank =
      dealii::Utilities::MPI::this_mpi_process(communicator);
    const unsigned int size =
      dealii::Utilities::MPI::n_mpi_processes(communicator);
    std::vector<PackedResult> mine;
    for (unsigned int i = rank; i < n_tasks; i += size)
      {
        PackedResult r;
        r.task = i;
        try
          {
            TaskOutput output = task(i);
            r.values          = std::move(output.values);
            r.text            = std::move(output.text);
            r.ok              = true;
          }
        catch (const dealii::ExceptionBase &e)
          {
            std::ostringstream what;
            e.print_info(what);
            r.message = what.str();
          }
        catch (const std::exception &e)
          {
            r.message = e.what();
          }
        mine.push_back(std::move(r));
      }
    std::vector<TaskResult> results(n_tasks);
    for (const auto &from_rank :
         dealii::Utilities::MPI::all_gather(communicator, mine))
      for (const auto &r : from_rank)
        results[r.task] = TaskResult{r.ok, r.values, r.text, r.message};
    return results;
  }
} // namespace anodemech
