// Checkpoint and restart of QuasiStaticSolid: the committed state goes to
// the files of parallel::distributed::Triangulation::save() (the p4est
// forest with the solution vectors and the quadrature-point histories
// attached to the cells), plus a small text file with the scalars. The
// attached data follow the cells, so that a checkpoint can be loaded on any
// number of MPI ranks.

#include <anodemech/base/parameter_error.h>
#include <anodemech/mechanics/quasi_static_solid.h>

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/cell_data_transfer.h>
#include <deal.II/distributed/cell_data_transfer.templates.h>
#include <deal.II/distributed/solution_transfer.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>

#include "../base/text.h"

// deal.II instantiates CellDataTransfer for its own vector types only.
template class dealii::parallel::distributed::
  CellDataTransfer<2, 2, std::vector<std::vector<double>>>;
template class dealii::parallel::distributed::
  CellDataTransfer<3, 3, std::vector<std::vector<double>>>;

namespace anodemech
{
  namespace
  {
    const char *const solid_file_tag = "anodemech-solid-checkpoint 2";

    template <int dim>
    using CellData = std::vector<std::vector<double>>;

    /// Read "key value" lines after the tag line.
    std::map<std::string, std::string>
    read_key_values(const std::string &file_name)
    {
      std::ifstream file(file_name);
      std::string   line;
      if (!file || !std::getline(file, line) || line != solid_file_tag)
        throw ParameterError("Checkpoint file '" + file_name +
                             "' is missing or is not an anodemech solid "
                             "checkpoint.");
      std::map<std::string, std::string> values;
      while (std::getline(file, line))
        {
          std::istringstream words(line);
          std::string        key, value;
          if (words >> key >> value)
            values[key] = value;
        }
      return values;
    }

    double
    get_value(const std::map<std::string, std::string> &values,
              const std::string                        &key,
              const std::string                        &file_name)
    {
      const auto entry = values.find(key);
      if (entry == values.end())
        throw ParameterError("Checkpoint file '" + file_name +
                             "' has no entry '" + key + "'.");
      if (const auto value = internal::to_number(entry->second))
        return *value;
      throw ParameterError("Checkpoint file '" + file_name + "': entry '" +
                           key + "' = '" + entry->second +
                           "' is not a number.");
    }
  } // namespace



  template <int dim>
  void
  QuasiStaticSolid<dim>::save_checkpoint(const std::string &filename) const
  {
    // Cell data, indexed by active cell index (only the locally owned cells
    // are packed).
    CellData<dim> cell_data(triangulation.n_active_cells());
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        history.pack(cell, cell_data[cell->active_cell_index()]);

    // Displacement, last increment and the contact state as ghosted dof
    // vectors, which SolutionTransfer moves with the cells.
    std::vector<dealii::TrilinosWrappers::MPI::Vector> vectors(2);
    for (auto &v : vectors)
      v.reinit(locally_owned_dofs, locally_relevant_dofs, mpi_communicator);
    vectors[0] = committed.displacement;
    vectors[1] = last_increment.displacement;
    if (contact)
      for (auto &v : contact->checkpoint_vectors())
        vectors.push_back(std::move(v));
    std::vector<const dealii::TrilinosWrappers::MPI::Vector *> pointers;
    for (const auto &v : vectors)
      pointers.push_back(&v);
    dealii::parallel::distributed::
      SolutionTransfer<dim, dealii::TrilinosWrappers::MPI::Vector>
        solution_transfer(dof_handler);
    solution_transfer.prepare_for_serialization(pointers);
    dealii::parallel::distributed::CellDataTransfer<dim, dim, CellData<dim>>
      cell_transfer(triangulation, /*variable size*/ true);
    cell_transfer.prepare_for_serialization(cell_data);
    try
      {
        triangulation.save(filename);
      }
    catch (const dealii::ExceptionBase &e)
      {
        throw ParameterError("Cannot write the checkpoint '" + filename +
                             "': " + e.get_exc_name());
      }

    // The scalars, exactly (17 significant digits round-trip a double).
    int ok = 1;
    if (dealii::Utilities::MPI::this_mpi_process(mpi_communicator) == 0)
      {
        std::ofstream file(filename + ".solid");
        file << solid_file_tag << '\n'
             << std::setprecision(std::numeric_limits<double>::max_digits10)
             << "dim " << dim << '\n'
             << "n_dofs " << dof_handler.n_dofs() << '\n'
             << "n_active_cells " << triangulation.n_global_active_cells()
             << '\n'
             << "platen_h " << committed.platen_position << '\n'
             << "last_platen_increment " << last_increment.platen_position
             << '\n'
             << "last_time_step " << last_time_step << '\n'
             << "contact_changed_last_step "
             << (contact_changed_last_step ? 1 : 0) << '\n'
             << "contact_vectors "
             << (contact ? contact->n_checkpoint_vectors() : 0u) << '\n'
             << "committed_force_meshed " << (contact ? contact->force() : 0.)
             << '\n'
             << "committed_penetration "
             << (contact ? contact->max_penetration() : 0.) << '\n';
        file.flush();
        ok = file ? 1 : 0;
      }
    ok = dealii::Utilities::MPI::min(ok, mpi_communicator);
    if (!ok)
      throw ParameterError("Cannot write the checkpoint file '" + filename +
                           ".solid'.");
  }



  template <int dim>
  void
  QuasiStaticSolid<dim>::load_checkpoint(const std::string &filename)
  {
    for (const std::string suffix : {"", ".info", "_fixed.data", ".solid"})
      if (!std::filesystem::is_regular_file(filename + suffix))
        throw ParameterError("Checkpoint file '" + filename + suffix +
                             "' is missing.");
    const auto values = read_key_values(filename + ".solid");
    const auto value  = [&](const std::string &key) {
      return get_value(values, key, filename + ".solid");
    };
    if (value("dim") != dim)
      throw ParameterError("Checkpoint '" + filename + "' is of a " +
                           values.at("dim") + "D run, this run is " +
                           std::to_string(dim) + "D.");
    if (triangulation.n_global_levels() != 1)
      throw ParameterError("QuasiStaticSolid::load_checkpoint: the "
                           "triangulation must hold the coarse mesh only.");

    try
      {
        triangulation.load(filename);
      }
    catch (const dealii::ExceptionBase &e)
      {
        std::ostringstream what;
        e.print_info(what);
        throw ParameterError("Checkpoint '" + filename +
                             "' does not fit this mesh: " + what.str());
      }
    if (triangulation.n_global_active_cells() != value("n_active_cells"))
      throw ParameterError(
        "Checkpoint '" + filename + "' has " + values.at("n_active_cells") +
        " cells, the mesh of this run " +
        std::to_string(triangulation.n_global_active_cells()) + ".");
    setup();
    if (dof_handler.n_dofs() != value("n_dofs"))
      throw ParameterError("Checkpoint '" + filename + "' has " +
                           values.at("n_dofs") + " unknowns, this run " +
                           std::to_string(dof_handler.n_dofs()) +
                           " (another element degree?).");

    const unsigned int n_contact_vectors =
      contact ? contact->n_checkpoint_vectors() : 0;
    if (value("contact_vectors") != n_contact_vectors)
      throw ParameterError("Checkpoint '" + filename +
                           "' was written with another contact method.");
    std::vector<dealii::TrilinosWrappers::MPI::Vector> vectors(
      2 + n_contact_vectors);
    for (auto &v : vectors)
      v.reinit(locally_owned_dofs, mpi_communicator);
    std::vector<dealii::TrilinosWrappers::MPI::Vector *> pointers;
    for (auto &v : vectors)
      pointers.push_back(&v);
    dealii::parallel::distributed::
      SolutionTransfer<dim, dealii::TrilinosWrappers::MPI::Vector>
        solution_transfer(dof_handler);
    solution_transfer.deserialize(pointers);
    dealii::parallel::distributed::CellDataTransfer<dim, dim, CellData<dim>>
                  cell_transfer(triangulation, /*variable size*/ true);
    CellData<dim> cell_data(triangulation.n_active_cells());
    cell_transfer.deserialize(cell_data);

    committed.displacement      = vectors[0];
    current                     = committed;
    solution                    = vectors[0];
    old_solution                = vectors[0];
    last_increment.displacement = vectors[1];

    unsigned int bad_cells = 0;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const auto &stored   = cell_data[cell->active_cell_index()];
          std::size_t position = 0;
          if (!history.unpack(cell, stored, position) ||
              position != stored.size())
            ++bad_cells;
        }
    bad_cells = dealii::Utilities::MPI::sum(bad_cells, mpi_communicator);
    if (bad_cells > 0)
      throw ParameterError(
        "Checkpoint '" + filename + "': the histories of " +
        std::to_string(bad_cells) +
        " cells do not fit this run (another element degree, quadrature or "
        "contact boundary?).");

    committed.platen_position = current.platen_position = value("platen_h");
    last_increment.platen_position = value("last_platen_increment");
    last_time_step                 = value("last_time_step");
    contact_changed_last_step      = value("contact_changed_last_step") != 0.;
    if (contact)
      contact->restore({vectors.begin() + 2, vectors.end()},
                       value("committed_force_meshed"),
                       value("committed_penetration"));
  }



  template void
  QuasiStaticSolid<2>::save_checkpoint(const std::string &) const;
  template void
  QuasiStaticSolid<3>::save_checkpoint(const std::string &) const;
  template void
  QuasiStaticSolid<2>::load_checkpoint(const std::string &);
  template void
  QuasiStaticSolid<3>::load_checkpoint(const std::string &);
} // namespace anodemech
