#include <anodemech/materials/constitutive_model.h>

namespace anodemech
{
  MaterialState
  ConstitutiveModel::initial_state() const
  {
    return MaterialState();
  }



  bool
  ConstitutiveModel::is_rate_dependent() const
  {
    return false;
  }
} // namespace anodemech
