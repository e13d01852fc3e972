// Quarter of the half disc for anodemech (dim = 3): x >= 0, y >= 0,
// x^2 + y^2 <= R^2, 0 <= z <= H, with z the disc axis. Only the upper half
// of the thickness is meshed (mid-plane symmetry), so H is half the disc
// thickness. Units: metres.
//
// All hexahedra, no degenerate cells at the axis: in plan, a central
// quadrilateral block [O, A, B, C] and two curved blocks between it and
// the quarter circle (an O-grid, as deal.II's quarter_hyper_ball), each
// meshed as a structured quad grid and extruded in layers along z.
//
//        y
//        S .
//        |    .   Q
//        C ---- B    .
//        |      |     .
//        O ---- A ---- P  x
//
// Physical tags are the anodemech ids + 1, because deal.II gives tag 0 to
// every boundary face that is in no physical group; anodemech's reader
// (read_disc_mesh) subtracts 1 and rejects untagged faces. See README.md.
//
// Regenerate:  gmsh -3 -format msh22 disc_quarter_3d.geo
// Resolution:  gmsh -3 -format msh22 -setnumber n_square 8 -setnumber n_ring 8 disc_quarter_3d.geo

// ---- parameters (override any with -setnumber <name> <value>) ----------
DefineConstant[ radius = 7.5e-3 ];         // disc radius R = D/2 [m]
DefineConstant[ half_thickness = 0.225e-3 ]; // H = h/2 [m]
DefineConstant[ n_square = 4 ];   // elements along a side of the central block;
                                  // the quarter circle gets 2 n_square [-]
DefineConstant[ n_ring = 4 ];     // elements across the outer ring [-]
DefineConstant[ n_thickness = 2 ]; // element layers through H [-]
// Central block: reaches x = a R on the x axis (y = a R on the y axis); its
// outer corner B is at (b R, b R). Keep a / 2 < b <= a and b < 1 / Sqrt(2)
// (convex blocks, B inside the circle).
DefineConstant[ a = 0.5 ];
DefineConstant[ b = 0.4 ];

// ---- plan view (z = 0) ---------------------------------------------------
Point(1) = {0, 0, 0};                                   // O, on the axis
Point(2) = {a * radius, 0, 0};                          // A
Point(3) = {b * radius, b * radius, 0};                 // B
Point(4) = {0, a * radius, 0};                          // C
Point(5) = {radius, 0, 0};                              // P
Point(6) = {radius / Sqrt(2), radius / Sqrt(2), 0};     // Q
Point(7) = {0, radius, 0};                              // S

Line(1) = {1, 2};      // O-A, on y = 0
Line(2) = {2, 3};      // A-B
Line(3) = {3, 4};      // B-C
Line(4) = {4, 1};      // C-O, on x = 0
Line(5) = {2, 5};      // A-P, on y = 0
Circle(6) = {5, 1, 6}; // P-Q, on the circle
Line(7) = {6, 3};      // Q-B
Circle(8) = {6, 1, 7}; // Q-S, on the circle
Line(9) = {7, 4};      // S-C, on x = 0

Curve Loop(1) = {1, 2, 3, 4};   // central block
Plane Surface(1) = {1};
Curve Loop(2) = {5, 6, 7, -2};  // ring, lower half
Plane Surface(2) = {2};
Curve Loop(3) = {-7, 8, 9, -3}; // ring, upper half
Plane Surface(3) = {3};

Transfinite Curve{1, 2, 3, 4, 6, 8} = n_square + 1;
Transfinite Curve{5, 7, 9} = n_ring + 1;
Transfinite Surface{1, 2, 3};
Recombine Surface{1, 2, 3};

// ---- extrusion along z ---------------------------------------------------
// For each extruded surface: [0] its top copy, [1] the volume, [2..5] the
// side surfaces swept by its curves, in the order of its curve loop.
central[] = Extrude {0, 0, half_thickness} {
  Surface{1}; Layers{n_thickness}; Recombine;
};
lower[] = Extrude {0, 0, half_thickness} {
  Surface{2}; Layers{n_thickness}; Recombine;
};
upper[] = Extrude {0, 0, half_thickness} {
  Surface{3}; Layers{n_thickness}; Recombine;
};

// ---- physical groups: tag = anodemech id + 1 ------------------------------
Physical Surface("symmetry x = 0", 1) = {central[5], upper[4]}; // id 0
Physical Surface("lateral", 2) = {lower[3], upper[3]};          // id 1
Physical Surface("mid-plane", 3) = {1, 2, 3};                   // id 2
Physical Surface("top", 4) = {central[0], lower[0], upper[0]};  // id 3
Physical Surface("symmetry y = 0", 5) = {central[2], lower[2]}; // id 4
Physical Volume("lithium", 1) = {central[1], lower[1], upper[1]}; // material 0
