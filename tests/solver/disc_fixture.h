// Helpers of the disc-solver tests: build a half-disc solid with one
// material and run a protocol.
#pragma once

#include <anodemech/contact/rigid_platen.h>
#include <anodemech/geometry/disc_mesh.h>
#include <anodemech/mechanics/compression_run.h>
#include <anodemech/mechanics/quasi_static_solid.h>

#include <deal.II/distributed/tria.h>

#include <memory>

namespace anodemech
{
  namespace test
  {
    template <int dim>
    struct Disc
    {
      Disc(const DiscGeometry                               &geometry_in,
           std::shared_ptr<const ConstitutiveModel>          model,
           const RigidPlaten::Parameters                    &platen,
           const typename QuasiStaticSolid<dim>::Parameters &parameters = {},
           MPI_Comm communicator = MPI_COMM_WORLD,
           bool     set_up       = true)
        : geometry(geometry_in)
        , tria(communicator)
      {
        make_half_disc_mesh<dim>(tria, geometry);
        solid = std::make_unique<QuasiStaticSolid<dim>>(
          tria,
          parameters,
          typename QuasiStaticSolid<dim>::MaterialMap{{0, model}},
          platen,
          geometry.thickness / 2.,
          disc_symmetry_multiplicity<dim>());
        // Without set_up: for QuasiStaticSolid::load_checkpoint().
        if (set_up)
          solid->setup();
      }

      CompressionSummary
      run(const LoadProtocol            &protocol,
          const TimeStepper::Parameters &stepping,
          const std::vector<double>     &report_pressures = {})
      {
        return run_compression<dim>(*solid,
                                    protocol,
                                    stepping,
                                    geometry.thickness,
                                    geometry.diameter,
                                    report_pressures);
      }

      DiscGeometry                                      geometry;
      dealii::parallel::distributed::Triangulation<dim> tria;
      std::unique_ptr<QuasiStaticSolid<dim>>            solid;
    };

    inline RigidPlaten::Parameters
    platen(const RigidPlaten::FrictionModel model, const double mu = 0.)
    {
      RigidPlaten::Parameters p;
      p.friction_model       = model;
      p.friction_coefficient = mu;
      return p;
    }
  } // namespace test
} // namespace anodemech
