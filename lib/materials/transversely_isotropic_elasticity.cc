#include <anodemech/materials/transversely_isotropic_elasticity.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/lac/full_matrix.h>

#include <cmath>
#include <limits>

namespace anodemech
{
  namespace
  {
    // Inverse of a minor- and major-symmetric rank-4 tensor as a map on
    // symmetric rank-2 tensors, through its 6x6 Mandel matrix (components
    // 00, 11, 22, 12, 02, 01; shear rows and columns scaled by sqrt 2).
    dealii::SymmetricTensor<4, 3>
    invert_on_symmetric_tensors(const dealii::SymmetricTensor<4, 3> &T)
    {
      static const unsigned int idx[6][2] = {
        {0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
      const auto weight = [](const unsigned int a) {
        return a < 3 ? 1. : std::sqrt(2.);
      };
      dealii::FullMatrix<double> M(6, 6);
      for (unsigned int a = 0; a < 6; ++a)
        for (unsigned int b = 0; b < 6; ++b)
          M(a, b) = weight(a) * weight(b) *
                    T[idx[a][0]][idx[a][1]][idx[b][0]][idx[b][1]];
      M.gauss_jordan();
      dealii::SymmetricTensor<4, 3> result;
      for (unsigned int a = 0; a < 6; ++a)
        for (unsigned int b = 0; b < 6; ++b)
          result[idx[a][0]][idx[a][1]][idx[b][0]][idx[b][1]] =
            M(a, b) / (weight(a) * weight(b));
      return result;
    }
  } // namespace



  void
  TransverselyIsotropicElasticity::Parameters::validate() const
  {
    checks::positive("Axial Young's modulus", axial_youngs_modulus, "Pa");
    checks::positive("Transverse Young's modulus",
                     transverse_youngs_modulus,
                     "Pa");
    checks::positive("Axial shear modulus", axial_shear_modulus, "Pa");
    checks::in_range("Transverse Poisson's ratio",
                     transverse_poisson_ratio,
                     -1,
                     false,
                     1,
                     false,
                     "-");
    const double bound =
      std::sqrt(axial_youngs_modulus / transverse_youngs_modulus *
                (1. - transverse_poisson_ratio) / 2.);
    try
      {
        checks::in_range("Axial Poisson's ratio",
                         axial_poisson_ratio,
                         -bound,
                         false,
                         bound,
                         false,
                         "-");
      }
    catch (const ParameterError &error)
      {
        throw ParameterError(std::string(error.what()) +
                             " The bound sqrt(E_L/E_T (1 - nu_TT)/2) keeps "
                             "the stiffness positive definite.");
      }
    const double norm = fiber_direction.norm();
    if (!(norm > 0.) || !std::isfinite(norm))
      throw ParameterError(
        "Parameter 'Fiber direction' must be a non-zero vector of three "
        "finite components.");
  }



  void
  TransverselyIsotropicElasticity::declare_parameters(
    dealii::ParameterHandler &prm)
  {
    prm.declare_entry("Axial Young's modulus",
                      "230e9",
                      dealii::Patterns::Double(0.),
                      "Young's modulus E_L along the fibre [Pa]. Must be > 0.");
    prm.declare_entry(
      "Transverse Young's modulus",
      "15e9",
      dealii::Patterns::Double(0.),
      "Young's modulus E_T across the fibre [Pa]. Must be > 0.");
    prm.declare_entry("Axial Poisson's ratio",
                      "0.2",
                      dealii::Patterns::Double(-10., 10.),
                      "Poisson's ratio nu_LT (transverse contraction under "
                      "axial load) [-]. |nu_LT| < sqrt(E_L/E_T (1-nu_TT)/2).");
    prm.declare_entry("Transverse Poisson's ratio",
                      "0.07",
                      dealii::Patterns::Double(-1., 1.),
                      "Poisson's ratio nu_TT in the plane normal to the fibre "
                      "[-]. Must lie in (-1, 1).");
    prm.declare_entry("Axial shear modulus",
                      "15e9",
                      dealii::Patterns::Double(0.),
                      "Shear modulus G_LT in planes containing the fibre "
                      "[Pa]. Must be > 0.");
    prm.declare_entry("Fiber direction",
                      "1, 0, 0",
                      dealii::Patterns::List(dealii::Patterns::Double(), 3, 3),
                      "Fibre direction a_0 in the reference configuration, "
                      "three components, normalised on use [-]. A direction "
                      "given per cell or region by the solver overrides it.");
  }



  TransverselyIsotropicElasticity::TransverselyIsotropicElasticity(
    const dealii::ParameterHandler &prm)
  {
    parameters.axial_youngs_modulus = prm.get_double("Axial Young's modulus");
    parameters.transverse_youngs_modulus =
      prm.get_double("Transverse Young's modulus");
    parameters.axial_poisson_ratio = prm.get_double("Axial Poisson's ratio");
    parameters.transverse_poisson_ratio =
      prm.get_double("Transverse Poisson's ratio");
    parameters.axial_shear_modulus = prm.get_double("Axial shear modulus");
    const auto components          = dealii::Utilities::string_to_double(
      dealii::Utilities::split_string_list(prm.get("Fiber direction")));
    for (unsigned int i = 0; i < 3; ++i)
      parameters.fiber_direction[i] = components[i];
    initialize();
  }



  TransverselyIsotropicElasticity::TransverselyIsotropicElasticity(
    const Parameters &p)
    : parameters(p)
  {
    initialize();
  }



  void
  TransverselyIsotropicElasticity::initialize()
  {
    parameters.validate();
    const double EL   = parameters.axial_youngs_modulus;
    const double ET   = parameters.transverse_youngs_modulus;
    const double nuLT = parameters.axial_poisson_ratio;
    const double nuTT = parameters.transverse_poisson_ratio;
    const double GLT  = parameters.axial_shear_modulus;
    const double GTT  = ET / (2. * (1. + nuTT));

    // Compliance in the local basis (axis 0 = fibre): eps = S : sigma, with
    // S_ijij = 1/(4 G_ij) for i != j because eps_ij = sigma_ij / (2 G_ij).
    dealii::SymmetricTensor<4, 3> S;
    S[0][0][0][0] = 1. / EL;
    // deal.II's SymmetricTensor<4> has the minor symmetries only: set both
    // S_iijj and S_jjii.
    S[1][1][1][1]    = 1. / ET;
    S[2][2][2][2]    = 1. / ET;
    S[0][0][1][1]    = -nuLT / EL;
    S[1][1][0][0]    = -nuLT / EL;
    S[0][0][2][2]    = -nuLT / EL;
    S[2][2][0][0]    = -nuLT / EL;
    S[1][1][2][2]    = -nuTT / ET;
    S[2][2][1][1]    = -nuTT / ET;
    S[0][1][0][1]    = 1. / (4. * GLT);
    S[0][2][0][2]    = 1. / (4. * GLT);
    S[1][2][1][2]    = 1. / (4. * GTT);
    local_compliance = S;
    local_stiffness  = invert_on_symmetric_tensors(S);

    default_stiffness = stiffness(parameters.fiber_direction);
  }



  dealii::SymmetricTensor<4, 3>
  TransverselyIsotropicElasticity::stiffness(
    const dealii::Tensor<1, 3> &a0) const
  {
    // Orthonormal basis (a, t1, t2); any completion will do because the
    // local stiffness is invariant under rotations about the fibre.
    const dealii::Tensor<1, 3> a = a0 / a0.norm();
    dealii::Tensor<1, 3>       helper;
    helper[std::abs(a[0]) < 0.9 ? 0 : 1] = 1.;
    dealii::Tensor<1, 3> t1              = helper - (helper * a) * a;
    t1 /= t1.norm();
    const dealii::Tensor<1, 3> t2 = dealii::cross_product_3d(a, t1);

    dealii::Tensor<2, 3> R; // R[i][p]: component i of local axis p
    for (unsigned int i = 0; i < 3; ++i)
      {
        R[i][0] = a[i];
        R[i][1] = t1[i];
        R[i][2] = t2[i];
      }

    dealii::SymmetricTensor<4, 3> C;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = i; j < 3; ++j)
        for (unsigned int k = 0; k < 3; ++k)
          for (unsigned int l = k; l < 3; ++l)
            {
              double sum = 0.;
              for (unsigned int p = 0; p < 3; ++p)
                for (unsigned int q = 0; q < 3; ++q)
                  {
                    const double Rij = R[i][p] * R[j][q];
                    if (Rij == 0.)
                      continue;
                    for (unsigned int r = 0; r < 3; ++r)
                      for (unsigned int s = 0; s < 3; ++s)
                        sum +=
                          Rij * R[k][r] * R[l][s] * local_stiffness[p][q][r][s];
                  }
              C[i][j][k][l] = sum;
            }
    return C;
  }



  std::string
  TransverselyIsotropicElasticity::name() const
  {
    return model_name;
  }



  void
  TransverselyIsotropicElasticity::update(const MaterialPointInput &input,
                                          const MaterialState      &state_old,
                                          MaterialPointResult &result) const
  {
    result.state  = state_old;
    result.status = MaterialStatus::ok;
    // Rate independent: no limit on the time step.
    result.suggested_time_step_factor = std::numeric_limits<double>::infinity();
    result.failure_reason             = nullptr;

    const dealii::Tensor<2, 3> &F = input.F;
    if (!(dealii::determinant(F) > 0.))
      {
        result.status                     = MaterialStatus::failed;
        result.suggested_time_step_factor = 0.25;
        result.failure_reason = "inverted material point: det F <= 0";
        return;
      }

    const dealii::SymmetricTensor<4, 3> C =
      input.material_direction.norm_square() > 0. ?
        stiffness(input.material_direction) :
        default_stiffness;

    const dealii::SymmetricTensor<2, 3> E =
      0.5 * (dealii::symmetrize(dealii::transpose(F) * F) -
             dealii::unit_symmetric_tensor<3>());
    const dealii::SymmetricTensor<2, 3> S   = C * E;
    const dealii::Tensor<2, 3>          tau = F * S * dealii::transpose(F);
    result.kirchhoff_stress                 = dealii::symmetrize(tau);

    // Push-forward c_ijkl = F_iI F_jJ F_kK F_lL C_IJKL, one index at a time.
    dealii::Tensor<4, 3> c = C;
    for (unsigned int slot = 0; slot < 4; ++slot)
      {
        dealii::Tensor<4, 3> next;
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = 0; j < 3; ++j)
            for (unsigned int k = 0; k < 3; ++k)
              for (unsigned int l = 0; l < 3; ++l)
                {
                  const unsigned int idx[4] = {i, j, k, l};
                  double             sum    = 0.;
                  for (unsigned int m = 0; m < 3; ++m)
                    {
                      unsigned int src[4] = {i, j, k, l};
                      src[slot]           = m;
                      sum +=
                        F[idx[slot]][m] * c[src[0]][src[1]][src[2]][src[3]];
                    }
                  next[i][j][k][l] = sum;
                }
        c = next;
      }

    // delta tau = l tau + tau l^T + c : l
    auto &A = result.spatial_tangent;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = 0; j < 3; ++j)
        for (unsigned int k = 0; k < 3; ++k)
          for (unsigned int l = 0; l < 3; ++l)
            A[i][j][k][l] = c[i][j][k][l] + (i == k ? tau[l][j] : 0.) +
                            (j == k ? tau[i][l] : 0.);
  }



  double
  TransverselyIsotropicElasticity::reference_shear_modulus() const
  {
    return parameters.axial_shear_modulus;
  }



  double
  TransverselyIsotropicElasticity::reference_bulk_modulus() const
  {
    // Reuss bound: 1/K = sum of the compliance components S_iijj.
    const dealii::SymmetricTensor<4, 3> &S   = local_compliance;
    double                               sum = 0.;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = 0; j < 3; ++j)
        sum += S[i][i][j][j];
    return 1. / sum;
  }
} // namespace anodemech
