// Axisymmetric half disc for anodemech (dim = 2): the meridian rectangle
// [0, R] x [0, H] in the (r, z) plane, r = gmsh x, z = gmsh y (the disc
// axis). Only the upper half of the thickness is meshed (mid-plane
// symmetry), so H is half the disc thickness. Units: metres.
//
// Structured quadrilaterals (transfinite + recombine).
//
// Physical tags are the anodemech ids + 1, because deal.II gives tag 0 to
// every boundary face that is in no physical group; anodemech's reader
// (read_disc_mesh) subtracts 1 and rejects untagged faces. See README.md.
//
// Regenerate:  gmsh -2 -format msh22 disc_axisymmetric.geo
// Resolution:  gmsh -2 -format msh22 -setnumber n_radial 80 disc_axisymmetric.geo

// ---- parameters (override any with -setnumber <name> <value>) ----------
DefineConstant[ radius = 7.5e-3 ];      // disc radius R = D/2 [m]
DefineConstant[ half_thickness = 0.225e-3 ]; // H = h/2 [m]
DefineConstant[ n_radial = 40 ];        // elements along the radius [-]
DefineConstant[ n_thickness = 2 ];      // elements through H [-]

// ---- geometry ------------------------------------------------------------
Point(1) = {0, 0, 0};
Point(2) = {radius, 0, 0};
Point(3) = {radius, half_thickness, 0};
Point(4) = {0, half_thickness, 0};

Line(1) = {1, 2}; // mid-plane z = 0
Line(2) = {2, 3}; // lateral surface r = R
Line(3) = {3, 4}; // top face z = H
Line(4) = {4, 1}; // axis r = 0

Curve Loop(1) = {1, 2, 3, 4};
Plane Surface(1) = {1};

// ---- structured mesh -----------------------------------------------------
Transfinite Curve{1, 3} = n_radial + 1;
Transfinite Curve{2, 4} = n_thickness + 1;
Transfinite Surface{1};
Recombine Surface{1};

// ---- physical groups: tag = anodemech id + 1 ------------------------------
Physical Curve("axis", 1) = {4};      // boundary id 0
Physical Curve("lateral", 2) = {2};   // boundary id 1
Physical Curve("mid-plane", 3) = {1}; // boundary id 2
Physical Curve("top", 4) = {3};       // boundary id 3
Physical Surface("lithium", 1) = {1}; // material id 0
