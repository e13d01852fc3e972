#pragma once

#include <anodemech/materials/constitutive_model.h>

#include <memory>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace anodemech
{
  /**
   * Run-time choice of constitutive models by name, from one explicit table
   * (no static self-registration, which static libraries would drop).
   *
   * Parameter layout inside the caller's current subsection:
   * @code
   * set Model = norton creep
   * subsection Hencky elasticity
   *   ...
   * end
   * subsection Norton creep
   *   ...
   * end
   * @endcode
   */
  namespace MaterialFactory
  {
    /// Names accepted by create(), e.g. "hencky", "norton creep".
    std::vector<std::string>
    model_names();

    /// Subsection that holds the parameters of the model @p name.
    std::string
    subsection_name(const std::string &name);

    /// Declare "Model" and the subsection of every model.
    void
    declare_parameters(dealii::ParameterHandler &prm,
                       const std::string &default_model = "norton creep");

    /// Create the model named by the "Model" entry.
    std::unique_ptr<ConstitutiveModel>
    create(dealii::ParameterHandler &prm);

    /**
     * Create the model @p name from its subsection; throws ParameterError
     * listing the valid names if @p name is unknown.
     */
    std::unique_ptr<ConstitutiveModel>
    create(const std::string &name, dealii::ParameterHandler &prm);
  } // namespace MaterialFactory
} // namespace anodemech
