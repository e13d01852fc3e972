// Layered axisymmetric half disc for anodemech (dim = 2): as
// disc_axisymmetric.geo, the meridian rectangle [0, R] x [0, H] in the
// (r, z) plane (r = gmsh x, z = gmsh y, the disc axis), but H is split into
// a lithium layer next to the mid-plane (material id 0) and a second layer
// on top of it (material id 1, e.g. an elastic carbon-cloth layer):
//
//   z = t_lithium + t_layer  +--------------------------+  top (platen)
//                            |  second layer (id 1)     |
//   z = t_lithium            +--------------------------+  (interface)
//                            |  lithium (id 0)          |
//   z = 0                    +--------------------------+  mid-plane
//                          r = 0                      r = R
//
// By mid-plane symmetry the whole disc is layer / lithium / layer, of
// thickness 2 (t_lithium + t_layer). Units: metres.
//
// Structured quadrilaterals (transfinite + recombine); the interface is
// conforming and carries no physical tag (it is not a boundary).
//
// Physical tags are the anodemech ids + 1, because deal.II gives tag 0 to
// every boundary face and cell that is in no physical group; anodemech's
// reader (read_disc_mesh) subtracts 1 and rejects untagged ones. See
// README.md.
//
// Regenerate:  gmsh -2 -format msh22 disc_layered_axisymmetric.geo

// ---- parameters (override any with -setnumber <name> <value>) ----------
DefineConstant[ radius = 7.5e-3 ];     // disc radius R = D/2 [m]
DefineConstant[ t_lithium = 0.2e-3 ];  // lithium layer in the half model [m]
DefineConstant[ t_layer = 0.1e-3 ];    // second (cloth) layer [m]
DefineConstant[ n_radial = 40 ];       // elements along the radius [-]
DefineConstant[ n_lithium = 2 ];       // elements through t_lithium [-]
DefineConstant[ n_layer = 1 ];         // elements through t_layer [-]

// ---- geometry ------------------------------------------------------------
top_z = t_lithium + t_layer;
Point(1) = {0, 0, 0};
Point(2) = {radius, 0, 0};
Point(3) = {radius, t_lithium, 0};
Point(4) = {0, t_lithium, 0};
Point(5) = {radius, top_z, 0};
Point(6) = {0, top_z, 0};

Line(1) = {1, 2}; // mid-plane z = 0
Line(2) = {2, 3}; // lateral r = R, lithium
Line(3) = {3, 4}; // interface z = t_lithium
Line(4) = {4, 1}; // axis r = 0, lithium
Line(5) = {3, 5}; // lateral r = R, second layer
Line(6) = {5, 6}; // top face z = t_lithium + t_layer
Line(7) = {6, 4}; // axis r = 0, second layer

Curve Loop(1) = {1, 2, 3, 4};
Plane Surface(1) = {1}; // lithium
Curve Loop(2) = {-3, 5, 6, 7};
Plane Surface(2) = {2}; // second layer

// ---- structured mesh -----------------------------------------------------
Transfinite Curve{1, 3, 6} = n_radial + 1;
Transfinite Curve{2, 4} = n_lithium + 1;
Transfinite Curve{5, 7} = n_layer + 1;
Transfinite Surface{1, 2};
Recombine Surface{1, 2};

// ---- physical groups: tag = anodemech id + 1 ------------------------------
Physical Curve("axis", 1) = {4, 7};        // boundary id 0
Physical Curve("lateral", 2) = {2, 5};     // boundary id 1
Physical Curve("mid-plane", 3) = {1};      // boundary id 2
Physical Curve("top", 4) = {6};            // boundary id 3
Physical Surface("lithium", 1) = {1};      // material id 0
Physical Surface("second layer", 2) = {2}; // material id 1
