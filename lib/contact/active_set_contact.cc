#include <anodemech/contact/active_set_contact.h>

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>

#include <Epetra_CrsMatrix.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>
#include <stdexcept>

#include "../mechanics/kinematics.h"

namespace anodemech
{
  namespace
  {
    using Status = RigidPlaten::NodeStatus;

    /// A row of the distributed matrix, viewed in place.
    struct RowView
    {
      int     n       = 0;
      double *values  = nullptr;
      int    *columns = nullptr;
      /// Position of the column of global dof @p g in this row (-1: none).
      int
      position(const Epetra_CrsMatrix &A, const long long g) const
      {
        const int column =
          A.LCID(static_cast<dealii::TrilinosWrappers::types::int_type>(g));
        for (int p = 0; p < n; ++p)
          if (columns[p] == column)
            return p;
        return -1;
      }
    };

    RowView
    row_view(const Epetra_CrsMatrix &A, const long long g)
    {
      RowView   row;
      const int local =
        A.LRID(static_cast<dealii::TrilinosWrappers::types::int_type>(g));
      if (local < 0 ||
          A.ExtractMyRowView(local, row.n, row.values, row.columns) != 0)
        throw std::logic_error("ActiveSetContact: row of dof " +
                               std::to_string(g) + " is not locally owned.");
      return row;
    }

    bool
    same_pattern(const RowView &a, const RowView &b)
    {
      return a.n == b.n && std::equal(a.columns, a.columns + a.n, b.columns);
    }
  } // namespace



  template <int dim>
  ActiveSetContact<dim>::ActiveSetContact(
    const RigidPlaten::Parameters &parameters)
    : law(parameters)
  {}



  template <int dim>
  void
  ActiveSetContact<dim>::setup(const Setup &setup_in)
  {
    settings                = setup_in;
    const auto &dof_handler = *settings.dof_handler;
    const auto &fe          = dof_handler.get_fe();
    const auto &constraints = *settings.constraints;
    const auto  listed = [](const std::vector<dealii::types::boundary_id> &ids,
                           const dealii::types::boundary_id               id) {
      return std::find(ids.begin(), ids.end(), id) != ids.end();
    };

    // Reference areas m_k = int N_k dA, assembled over the ranks: over the
    // faces touching at the start (the top face) for nodes on them, over
    // the other contact faces (the lateral surface) for the rest. The corner
    // node of the top face thus has the area it presses with.
    std::array<dealii::TrilinosWrappers::MPI::Vector, 2> weights;
    for (auto &w : weights)
      w.reinit(settings.locally_owned_dofs,
               settings.locally_relevant_dofs,
               settings.communicator,
               /*vector_writable*/ true);
    dealii::FEFaceValues<dim>                       fe_face(*settings.mapping,
                                      fe,
                                      *settings.face_quadrature,
                                      dealii::update_values |
                                        dealii::update_quadrature_points |
                                        dealii::update_JxW_values);
    std::vector<dealii::types::global_dof_index>    dofs(fe.n_dofs_per_cell());
    std::vector<dealii::types::global_dof_index>    face_dofs;
    std::vector<double>                             face_weights;
    std::map<dealii::types::global_dof_index, Node> found;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto f : cell->face_indices())
          {
            const auto face = cell->face(f);
            if (!face->at_boundary() ||
                !listed(settings.contact_boundaries, face->boundary_id()))
              continue;
            fe_face.reinit(cell, f);
            cell->get_dof_indices(dofs);
            face_dofs.clear();
            face_weights.clear();
            for (unsigned int i = 0; i < dofs.size(); ++i)
              {
                if (!fe.has_support_on_face(i, f))
                  continue;
                const auto [component, base] = fe.system_to_component_index(i);
                double w                     = 0.;
                for (unsigned int q = 0; q < fe_face.n_quadrature_points; ++q)
                  w +=
                    fe_face.shape_value_component(i, q, component) *
                    fe_face.JxW(q) *
                    internal::radial_weight<dim>(fe_face.quadrature_point(q));
                face_dofs.push_back(dofs[i]);
                face_weights.push_back(w);
                if (component != dim - 1 ||
                    !settings.locally_owned_dofs.is_element(dofs[i]))
                  continue;
                Node &node = found[dofs[i]];
                for (unsigned int c = 0; c < dim; ++c)
                  node.dofs[c] = dofs[fe.component_to_system_index(c, base)];
                node.position = settings.mapping->transform_unit_to_real_cell(
                  cell, fe.unit_support_point(i));
                node.initially_touching =
                  node.initially_touching ||
                  listed(settings.initially_touching, face->boundary_id());
              }
            weights[listed(settings.initially_touching, face->boundary_id()) ?
                      0 :
                      1]
              .add(face_dofs, face_weights);
          }
    for (auto &w : weights)
      w.compress(dealii::VectorOperation::add);

    double largest = 0.;
    for (auto &[z, node] : found)
      {
        node.weight = node.initially_touching ? weights[0](z) : weights[1](z);
        largest     = std::max(largest, node.weight);
      }
    largest = dealii::Utilities::MPI::max(largest, settings.communicator);
    nodes.clear();
    for (auto &[z, node] : found)
      {
        // A node whose normal displacement is fixed (the mid-plane) cannot
        // touch the platen; one without area (the axis vertex of an
        // axisymmetric face, whose weight int N 2 pi R dR is zero) carries
        // no contact force.
        if (!(node.weight > 1e-12 * largest) || constraints.is_constrained(z))
          continue;
        for (unsigned int c = 0; c + 1 < dim; ++c)
          if (!constraints.is_constrained(node.dofs[c]))
            node.tangential.push_back(c);
        nodes.push_back(node);
      }
    committed_status.assign(nodes.size(), Status::open);
    for (unsigned int k = 0; k < nodes.size(); ++k)
      if (nodes[k].initially_touching)
        committed_status[k] = Status::contact;
    committed_multipliers.assign(nodes.size(), Multipliers());
    committed_force = committed_penetration = 0.;
    revert();
    changes_in_step.assign(nodes.size(), 0);
  }



  template <int dim>
  void
  ActiveSetContact<dim>::begin_step()
  {
    revert();
    changes_in_step.assign(nodes.size(), 0);
  }



  template <int dim>
  void
  ActiveSetContact<dim>::set_frozen(const bool frozen_in)
  {
    frozen = frozen_in;
  }



  template <int dim>
  typename ActiveSetContact<dim>::Evaluation
  ActiveSetContact<dim>::apply(const Input &input, BorderedSystem &system)
  {
    const auto             &u     = *input.displacement;
    const auto             &u_old = *input.old_displacement;
    const double            h     = input.platen_position;
    const Epetra_CrsMatrix &A     = system.matrix.trilinos_matrix();
    const auto             &rhs   = system.rhs; // -R of the body alone
    const double factor           = law.get_parameters().complementarity_factor;
    const auto   diagonal = [&A](const dealii::types::global_dof_index g) {
      const RowView row = row_view(A, g);
      const int     p   = row.position(A, g);
      return p >= 0 ? std::abs(row.values[p]) : 0.;
    };

    // Statuses and multipliers at this iterate: lambda = -R_k / m_k.
    std::vector<RigidPlaten::NodeValues>  values(nodes.size());
    dealii::TrilinosWrappers::MPI::Vector chi(settings.locally_owned_dofs,
                                              settings.communicator);
    unsigned int                          changes = 0, n_active = 0;
    double                                force = 0., penetration = 0.;
    for (unsigned int k = 0; k < nodes.size(); ++k)
      {
        const Node              &node = nodes[k];
        const auto               z    = node.dofs[dim - 1];
        RigidPlaten::NodeValues &v    = values[k];
        v.gap                         = node.position[dim - 1] + u(z) - h;
        v.normal_multiplier           = rhs(z) / node.weight;
        v.n_tangential                = node.tangential.size();
        double d_t                    = 0.;
        for (unsigned int i = 0; i < v.n_tangential; ++i)
          {
            const auto t               = node.dofs[node.tangential[i]];
            v.tangential_multiplier[i] = rhs(t) / node.weight;
            v.slip[i]                  = u(t) - u_old(t);
            d_t += diagonal(t);
          }
        v.normal_parameter = factor * diagonal(z) / node.weight;
        v.tangential_parameter =
          v.n_tangential > 0 ? factor * d_t / v.n_tangential / node.weight : 0.;
        v.friction_active = committed_status[k] != Status::open;
        const bool hold =
          frozen || (k < changes_in_step.size() &&
                     changes_in_step[k] >= changes_before_holding);
        const Status next = hold ? status[k] : law.classify(v, status[k]);
        if (next != status[k])
          {
            ++changes;
            if (k < changes_in_step.size())
              ++changes_in_step[k];
            if (std::getenv("ANODEMECH_DEBUG_CONTACT"))
              std::cerr << "        node " << node.position << ": "
                        << static_cast<int>(status[k]) << " -> "
                        << static_cast<int>(next) << " lambda_N "
                        << v.normal_multiplier << " lambda_T "
                        << v.tangential_multiplier[0] << " g " << v.gap
                        << " slip " << v.slip[0] << '\n';
          }
        status[k]      = next;
        penetration    = std::max(penetration, v.gap);
        multipliers[k] = Multipliers();
        if (next == Status::open)
          continue;
        ++n_active;
        chi(z) = 1.;
        force += rhs(z);
        multipliers[k].normal = v.normal_multiplier;
        if (next == Status::stick || next == Status::slip)
          multipliers[k].tangential = v.tangential_multiplier;
      }
    chi.compress(dealii::VectorOperation::insert);

    // The platen's force equation: sum over touching nodes of -R_z = F.
    system.has_border = true;
    system.matrix.Tvmult(system.border_c, chi);
    system.border_c *= -1.;
    system.border_k = 0.;
    system.border_b = 0.;

    // The rows of touching nodes.
    for (unsigned int k = 0; k < nodes.size(); ++k)
      {
        if (status[k] == Status::open)
          continue;
        const Node               &node  = nodes[k];
        const auto                z     = node.dofs[dim - 1];
        const double              m     = node.weight;
        const auto               &v     = values[k];
        const RowView             row_z = row_view(A, z);
        const int                 p_z   = row_z.position(A, z);
        const std::vector<double> z_original(row_z.values,
                                             row_z.values + row_z.n);
        const double              d_z =
          p_z >= 0 && z_original[p_z] != 0. ? std::abs(z_original[p_z]) : 1.;

        if (status[k] == Status::stick)
          for (unsigned int i = 0; i < v.n_tangential; ++i)
            {
              const auto    t   = node.dofs[node.tangential[i]];
              const RowView row = row_view(A, t);
              const int     p   = row.position(A, t);
              const double  d =
                p >= 0 && row.values[p] != 0. ? std::abs(row.values[p]) : 1.;
              std::fill(row.values, row.values + row.n, 0.);
              row.values[p] = d;
              system.rhs(t) = -d * v.slip[i];
            }
        else if (status[k] == Status::slip)
          {
            const auto                       c = law.slip_condition(v);
            std::vector<RowView>             rows;
            std::vector<std::vector<double>> originals;
            std::vector<int>                 p_t;
            for (unsigned int i = 0; i < v.n_tangential; ++i)
              {
                const auto t = node.dofs[node.tangential[i]];
                rows.push_back(row_view(A, t));
                if (!same_pattern(rows.back(), row_z))
                  throw std::logic_error(
                    "ActiveSetContact: the rows of a contact node's "
                    "components have different sparsity patterns.");
                originals.emplace_back(rows.back().values,
                                       rows.back().values + rows.back().n);
                p_t.push_back(rows.back().position(A, t));
              }
            for (unsigned int i = 0; i < v.n_tangential; ++i)
              {
                double *row = rows[i].values;
                for (int j = 0; j < row_z.n; ++j)
                  {
                    double value = c.d_normal_multiplier[i] * z_original[j];
                    for (unsigned int l = 0; l < v.n_tangential; ++l)
                      value +=
                        c.d_tangential_multiplier[i][l] * originals[l][j];
                    row[j] = value;
                  }
                row[p_z] -= m * c.d_gap[i];
                for (unsigned int l = 0; l < v.n_tangential; ++l)
                  row[p_t[l]] -= m * c.d_slip[i][l];
                const auto t       = node.dofs[node.tangential[i]];
                system.border_b(t) = m * c.d_gap[i];
                system.rhs(t)      = m * c.residual[i];
              }
          }

        // Normal row: d (du_z - dh) = -d g.
        std::fill(row_z.values, row_z.values + row_z.n, 0.);
        row_z.values[p_z]  = d_z;
        system.border_b(z) = -d_z;
        system.rhs(z)      = -d_z * v.gap;
      }
    system.rhs.compress(dealii::VectorOperation::insert);
    system.border_b.compress(dealii::VectorOperation::insert);

    Evaluation   out;
    const double sums[2] = {force, static_cast<double>(changes)};
    double       totals[2];
    dealii::Utilities::MPI::sum(dealii::ArrayView<const double>(sums, 2),
                                settings.communicator,
                                dealii::ArrayView<double>(totals, 2));
    out.force       = totals[0];
    out.set_changes = static_cast<unsigned int>(totals[1] + 0.5);
    out.n_active = dealii::Utilities::MPI::sum(n_active, settings.communicator);
    out.penetration =
      dealii::Utilities::MPI::max(penetration, settings.communicator);
    system.rhs_h        = input.force - out.force;
    current_force       = out.force;
    current_penetration = out.penetration;
    return out;
  }



  template <int dim>
  unsigned int
  ActiveSetContact<dim>::n_changes_since_commit() const
  {
    unsigned int n = 0;
    for (unsigned int k = 0; k < nodes.size(); ++k)
      if (status[k] != committed_status[k])
        ++n;
    return dealii::Utilities::MPI::sum(n, settings.communicator);
  }



  template <int dim>
  unsigned int
  ActiveSetContact<dim>::n_held_nodes() const
  {
    unsigned int n = 0;
    for (const unsigned int c : changes_in_step)
      if (c >= changes_before_holding)
        ++n;
    return dealii::Utilities::MPI::sum(n, settings.communicator);
  }



  template <int dim>
  void
  ActiveSetContact<dim>::commit()
  {
    committed_status      = status;
    committed_multipliers = multipliers;
    committed_force       = current_force;
    committed_penetration = current_penetration;
  }



  template <int dim>
  void
  ActiveSetContact<dim>::revert()
  {
    status              = committed_status;
    multipliers         = committed_multipliers;
    current_force       = committed_force;
    current_penetration = committed_penetration;
  }



  template <int dim>
  double
  ActiveSetContact<dim>::force() const
  {
    return current_force;
  }



  template <int dim>
  double
  ActiveSetContact<dim>::max_penetration() const
  {
    return current_penetration;
  }



  template <int dim>
  unsigned int
  ActiveSetContact<dim>::n_nodes(const RigidPlaten::NodeStatus s) const
  {
    return std::count(status.begin(), status.end(), s);
  }



  template <int dim>
  void
  ActiveSetContact<dim>::fill_vectors(
    const std::vector<Multipliers>             &multipliers_in,
    const std::vector<RigidPlaten::NodeStatus> &statuses,
    dealii::TrilinosWrappers::MPI::Vector      &multiplier,
    dealii::TrilinosWrappers::MPI::Vector      &status_vector) const
  {
    multiplier.reinit(settings.locally_owned_dofs, settings.communicator);
    status_vector.reinit(settings.locally_owned_dofs, settings.communicator);
    for (unsigned int k = 0; k < nodes.size(); ++k)
      {
        const auto z     = nodes[k].dofs[dim - 1];
        multiplier(z)    = multipliers_in[k].normal;
        status_vector(z) = static_cast<double>(statuses[k]);
        for (unsigned int i = 0; i < nodes[k].tangential.size(); ++i)
          multiplier(nodes[k].dofs[nodes[k].tangential[i]]) =
            multipliers_in[k].tangential[i];
      }
    multiplier.compress(dealii::VectorOperation::insert);
    status_vector.compress(dealii::VectorOperation::insert);
  }



  template <int dim>
  std::vector<dealii::TrilinosWrappers::MPI::Vector>
  ActiveSetContact<dim>::checkpoint_vectors() const
  {
    dealii::TrilinosWrappers::MPI::Vector multiplier, status_vector;
    fill_vectors(committed_multipliers,
                 committed_status,
                 multiplier,
                 status_vector);
    std::vector<dealii::TrilinosWrappers::MPI::Vector> out(2);
    for (unsigned int i = 0; i < 2; ++i)
      {
        out[i].reinit(settings.locally_owned_dofs,
                      settings.locally_relevant_dofs,
                      settings.communicator);
        out[i] = i == 0 ? multiplier : status_vector;
      }
    return out;
  }



  template <int dim>
  unsigned int
  ActiveSetContact<dim>::n_checkpoint_vectors() const
  {
    return 2;
  }



  template <int dim>
  void
  ActiveSetContact<dim>::restore(
    const std::vector<dealii::TrilinosWrappers::MPI::Vector> &vectors,
    const double                                              force,
    const double                                              penetration)
  {
    if (vectors.size() != 2)
      throw std::logic_error("ActiveSetContact::restore: two vectors needed.");
    for (unsigned int k = 0; k < nodes.size(); ++k)
      {
        const auto   z    = nodes[k].dofs[dim - 1];
        const double code = vectors[1](z);
        if (!(code >= 0. && code <= 3.))
          throw std::runtime_error("ActiveSetContact::restore: a contact "
                                   "status outside 0-3 in the checkpoint.");
        committed_status[k] = static_cast<Status>(static_cast<int>(code + 0.5));
        committed_multipliers[k]        = Multipliers();
        committed_multipliers[k].normal = vectors[0](z);
        for (unsigned int i = 0; i < nodes[k].tangential.size(); ++i)
          committed_multipliers[k].tangential[i] =
            vectors[0](nodes[k].dofs[nodes[k].tangential[i]]);
      }
    committed_force       = force;
    committed_penetration = penetration;
    revert();
  }



  template <int dim>
  std::vector<ContactPoint<dim>>
  ActiveSetContact<dim>::contact_points(
    const dealii::TrilinosWrappers::MPI::Vector &u) const
  {
    std::vector<ContactPoint<dim>> points;
    for (unsigned int k = 0; k < nodes.size(); ++k)
      if (status[k] != Status::open)
        {
          dealii::Point<dim> x = nodes[k].position;
          for (unsigned int c = 0; c < dim; ++c)
            x[c] += u(nodes[k].dofs[c]);
          points.push_back({x, multipliers[k].normal, nodes[k].weight});
        }
    return points;
  }



  template <int dim>
  double
  ActiveSetContact<dim>::contact_area(
    const dealii::TrilinosWrappers::MPI::Vector &u) const
  {
    dealii::TrilinosWrappers::MPI::Vector chi_owned, unused;
    std::vector<Multipliers>              ones(nodes.size());
    for (auto &one : ones)
      one.normal = 1.;
    fill_vectors(ones, status, chi_owned, unused);
    for (unsigned int k = 0; k < nodes.size(); ++k)
      if (status[k] == Status::open)
        chi_owned(nodes[k].dofs[dim - 1]) = 0.;
    chi_owned.compress(dealii::VectorOperation::insert);
    dealii::TrilinosWrappers::MPI::Vector chi(settings.locally_owned_dofs,
                                              settings.locally_relevant_dofs,
                                              settings.communicator);
    chi = chi_owned;

    const auto               &dof_handler = *settings.dof_handler;
    dealii::FEFaceValues<dim> fe_face(*settings.mapping,
                                      dof_handler.get_fe(),
                                      *settings.face_quadrature,
                                      dealii::update_values |
                                        dealii::update_gradients |
                                        dealii::update_normal_vectors |
                                        dealii::update_quadrature_points |
                                        dealii::update_JxW_values);
    const unsigned int        n_q = settings.face_quadrature->size();
    const dealii::FEValuesExtractors::Vector     displacement(0);
    const auto                                  &fe = dof_handler.get_fe();
    std::vector<dealii::types::global_dof_index> dofs(fe.n_dofs_per_cell());
    std::vector<dealii::Tensor<1, dim>>          u_values(n_q);
    std::vector<dealii::Tensor<2, dim>>          u_gradients(n_q);
    double                                       area = 0.;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto f : cell->face_indices())
          {
            const auto face = cell->face(f);
            if (!face->at_boundary() ||
                std::find(settings.contact_boundaries.begin(),
                          settings.contact_boundaries.end(),
                          face->boundary_id()) ==
                  settings.contact_boundaries.end())
              continue;
            fe_face.reinit(cell, f);
            fe_face[displacement].get_function_values(u, u_values);
            fe_face[displacement].get_function_gradients(u, u_gradients);
            // The face's share in contact: the reference area of its
            // touching nodes over that of all its nodes.
            cell->get_dof_indices(dofs);
            double touching = 0., all = 0.;
            for (unsigned int i = 0; i < dofs.size(); ++i)
              if (fe.has_support_on_face(i, f) &&
                  fe.system_to_component_index(i).first == dim - 1)
                {
                  double w = 0.;
                  for (unsigned int q = 0; q < n_q; ++q)
                    w +=
                      fe_face.shape_value_component(i, q, dim - 1) *
                      fe_face.JxW(q) *
                      internal::radial_weight<dim>(fe_face.quadrature_point(q));
                  all += w;
                  touching += w * chi(dofs[i]);
                }
            if (!(touching > 0.) || !(all > 0.))
              continue;
            double face_area = 0.;
            for (unsigned int q = 0; q < n_q; ++q)
              {
                const auto &X = fe_face.quadrature_point(q);
                const auto  F =
                  internal::deformation_gradient<dim>(u_gradients[q],
                                                      u_values[q][0],
                                                      X[0]);
                dealii::Tensor<1, 3> N;
                for (unsigned int d = 0; d < dim; ++d)
                  N[d] = fe_face.normal_vector(q)[d];
                // Nanson: n da = J F^{-T} N dA; the area projected on the
                // platen is its normal component.
                const dealii::Tensor<1, 3> n_da =
                  dealii::determinant(F) *
                  (dealii::transpose(dealii::invert(F)) * N);
                face_area += fe_face.JxW(q) * internal::radial_weight<dim>(X) *
                             std::max(0., n_da[dim - 1]);
              }
            area += std::min(1., touching / all) * face_area;
          }
    return dealii::Utilities::MPI::sum(area, settings.communicator);
  }



  template <int dim>
  std::vector<double>
  ActiveSetContact<dim>::cell_contact_pressure() const
  {
    dealii::TrilinosWrappers::MPI::Vector multiplier_owned, unused;
    fill_vectors(multipliers, status, multiplier_owned, unused);
    dealii::TrilinosWrappers::MPI::Vector multiplier(
      settings.locally_owned_dofs,
      settings.locally_relevant_dofs,
      settings.communicator);
    multiplier = multiplier_owned;

    const auto               &dof_handler = *settings.dof_handler;
    const auto               &tria        = dof_handler.get_triangulation();
    std::vector<double>       pressure(tria.n_active_cells(), 0.);
    dealii::FEFaceValues<dim> fe_face(*settings.mapping,
                                      dof_handler.get_fe(),
                                      *settings.face_quadrature,
                                      dealii::update_values |
                                        dealii::update_quadrature_points |
                                        dealii::update_JxW_values);
    const unsigned int        n_q = settings.face_quadrature->size();
    const dealii::FEValuesExtractors::Scalar normal(dim - 1);
    std::vector<double>                      values(n_q);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          double area = 0., force = 0.;
          for (const auto f : cell->face_indices())
            {
              const auto face = cell->face(f);
              if (!face->at_boundary() ||
                  std::find(settings.contact_boundaries.begin(),
                            settings.contact_boundaries.end(),
                            face->boundary_id()) ==
                    settings.contact_boundaries.end())
                continue;
              fe_face.reinit(cell, f);
              fe_face[normal].get_function_values(multiplier, values);
              for (unsigned int q = 0; q < n_q; ++q)
                {
                  const double w =
                    fe_face.JxW(q) *
                    internal::radial_weight<dim>(fe_face.quadrature_point(q));
                  area += w;
                  force += w * std::max(0., values[q]);
                }
            }
          if (area > 0.)
            pressure[cell->active_cell_index()] = force / area;
        }
    return pressure;
  }



  template class ActiveSetContact<2>;
  template class ActiveSetContact<3>;
} // namespace anodemech
