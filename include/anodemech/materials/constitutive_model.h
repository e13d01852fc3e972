#pragma once

#include <anodemech/materials/material_point.h>

#include <string>

namespace anodemech
{
  /**
   * Interface of every constitutive model of anodemech.
   *
   * A model never sees the mesh: it maps (F_{n+1}, F_n, dt, T, state at t_n)
   * to the Kirchhoff stress, the consistent spatial tangent, the trial state
   * at t_{n+1} and a status. It is immutable after construction and thread
   * safe: update() is const and keeps no scratch data in the object.
   * Converged and trial states are separate objects owned by the caller, who
   * commits the trial state only after the global step converged.
   */
  class ConstitutiveModel
  {
  public:
    virtual ~ConstitutiveModel() = default;

    /// Name under which the model is listed in the material factory.
    virtual std::string
    name() const = 0;

    /**
     * Compute stress, tangent and trial state for one step. On failure the
     * result's status is MaterialStatus::failed, its failure_reason is set
     * and its suggested_time_step_factor is < 1; stress and tangent are then
     * undefined. Never throws for physical failures.
     */
    virtual void
    update(const MaterialPointInput &input,
           const MaterialState      &state_old,
           MaterialPointResult      &result) const = 0;

    /// State of undeformed, virgin material.
    virtual MaterialState
    initial_state() const;

    /// Whether the response depends on time (creep) or only on F.
    virtual bool
    is_rate_dependent() const;

    /**
     * A representative small-strain shear modulus [Pa], for scaling
     * tolerances and penalty parameters in solvers.
     */
    virtual double
    reference_shear_modulus() const = 0;

    /**
     * A representative small-strain bulk modulus [Pa], for scaling
     * tolerances and penalty parameters in solvers.
     */
    virtual double
    reference_bulk_modulus() const = 0;
  };
} // namespace anodemech
