#!/usr/bin/python3
"""Bad input to compress_disc: every input error is caught before any
computing starts (issue 6, point 1).

Usage: test_bad_input.py <path to compress_disc> [unittest options]

Each case is one bad input: an input file written into a temporary folder
(li_sheet.prm with one line changed, or a small file), a --set override of
the bundled li_sheet.prm, a bad mesh file or output folder, or a bad input
file name. Each must give

- exit code 1 (bad input);
- one message ("Error ..." on one line of stderr) that names the input file
  (the path of the .prm; for an override also the override, "--set
  'Path/Entry=value'"), the parameter and its allowed values or range (a
  distinctive fragment, such as the bounds with their unit, is checked);
- no stack trace, abort or deal.II exception banner;
- nothing computed: no progress table or summary on stdout, and no
  results.h5 in the output folder.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
LI_SHEET = os.path.join(SOURCE, "apps", "compress_disc", "li_sheet.prm")
MESH_3D = os.path.join(SOURCE, "meshes", "disc_quarter_3d.msh")
APP = None

# Signs of a crash instead of a message.
FORBIDDEN = ("Stacktrace", "Aborted", "terminate called", "An error occurred in line",
             "Segmentation fault", "core dumped")

# A 2D (axisymmetric) gmsh mesh of one quadrilateral, the meridian rectangle
# of the 15 mm x 0.45 mm disc, in ASCII .msh 2.2. MSH_TAGGED carries every
# physical tag that compress_disc needs; the others lack some.
MSH_NODES = """$MeshFormat
2.2 0 8
$EndMeshFormat
$Nodes
4
1 0 0 0
2 7.5e-3 0 0
3 7.5e-3 0.225e-3 0
4 0 0.225e-3 0
$EndNodes
"""
# Elements: "id type n_tags physical elementary nodes...": type 1 line,
# 3 quadrilateral. Physical tags: curves 1 axis, 2 lateral, 3 mid-plane,
# 4 top; surface 1 lithium (meshes/README.md).
MSH_NO_PHYSICAL_GROUPS = MSH_NODES + """$Elements
1
1 3 2 0 1 1 2 3 4
$EndElements
"""
MSH_WITHOUT_TOP = MSH_NODES + """$Elements
4
1 1 2 1 4 4 1
2 1 2 2 2 2 3
3 1 2 3 1 1 2
4 3 2 1 1 1 2 3 4
$EndElements
"""
MSH_TAGGED = MSH_NODES + """$Elements
5
1 1 2 1 4 4 1
2 1 2 2 2 2 3
3 1 2 3 1 1 2
4 1 2 4 3 3 4
5 3 2 1 1 1 2 3 4
$EndElements
"""
# The same rectangle for gmsh, with the lithium surface but no physical
# curves: gmsh writes no boundary lines, so no boundary face has a tag.
GEO_WITHOUT_CURVES = """Point(1) = {0, 0, 0};
Point(2) = {7.5e-3, 0, 0};
Point(3) = {7.5e-3, 0.225e-3, 0};
Point(4) = {0, 0.225e-3, 0};
Line(1) = {1, 2};
Line(2) = {2, 3};
Line(3) = {3, 4};
Line(4) = {4, 1};
Curve Loop(1) = {1, 2, 3, 4};
Plane Surface(1) = {1};
Transfinite Curve{1, 3} = 5;
Transfinite Curve{2, 4} = 2;
Transfinite Surface{1};
Recombine Surface{1};
Physical Surface("lithium", 1) = {1};
"""


def edit(*changes):
    """li_sheet.prm with each (regular expression, replacement) applied to
    exactly one line."""
    with open(LI_SHEET) as f:
        text = f.read()
    for pattern, replacement in changes:
        text, n = re.subn(pattern, lambda _m, r=replacement: r, text, flags=re.M)
        assert n == 1, "%r matches %d lines of li_sheet.prm" % (pattern, n)
    return text


def line(entry, value, indent="  "):
    """(pattern, replacement) that sets the entry `entry` (at this indent)."""
    return (r"^%sset %s +=.*$" % (indent, re.escape(entry)),
            "%sset %s = %s" % (indent, entry, value))


def add_to(subsection, text):
    """(pattern, replacement) that adds a line at the top of a subsection."""
    return (r"^%s$" % re.escape("subsection " + subsection),
            "subsection %s\n  %s" % (subsection, text))


# A case: name -> dict with
#   file:      the text of the input file (written to <tmp>/<name>.prm), or
#   overrides: --set settings applied to li_sheet.prm (each must be named),
#   input:     the input file name itself, a function of the temporary folder
#              (for the cases about the input file);
#   folder:    the output folder, a function of the temporary folder (default
#              <tmp>/out_<name>, given as --set Output/Folder unless the
#              input file sets it);
#   expect:    fragments the message must contain: the parameter, and the
#              allowed values or range.
# Functions of the temporary folder are marked by "{tmp}" in strings.
NORTON = "    "  # indent of the entries of subsection Material 0/Norton creep
CASES = {
    # -- keys that do not exist ------------------------------------------
    "unknown key": dict(
        file=edit(add_to("Geometry", "set Colour = red")),
        expect=["'Colour'", "subsection 'Geometry'", "'Diameter', 'Thickness'"]),
    "misspelled key": dict(
        file=edit((r"^  set Diameter +=.*$", "  set Diamter = 15e-3")),
        expect=["'Diamter'", "did you mean 'Diameter'?"]),
    "misspelled key at the top level": dict(
        file=edit((r"^set Dimension = 2.*$", "set Dimensions = 2")),
        expect=["'Dimensions'", "at the top level", "did you mean 'Dimension'?"]),
    "missing end": dict(
        file=edit((r"^  set Mesh file .*\n(.*\n)*?end$",
                   "  set Mesh file =\n  set Top layer thickness = 0")),
        expect=["subsection 'Material 0' in subsection 'Geometry'",
                "is an 'end' or 'subsection' line missing above?"]),
    "misspelled subsection": dict(
        file=edit((r"^subsection Geometry$", "subsection Geometri")),
        expect=["subsection 'Geometri'", "did you mean 'Geometry'?",
                "'Material 0', 'Material 1'"]),
    "override of an unknown key": dict(
        overrides=["Geometry/No such entry=1"],
        expect=["'No such entry'", "subsection 'Geometry'", "'Diameter', 'Thickness'"]),
    "override in a misspelled subsection": dict(
        overrides=["Plateen/Friction coefficient=0.2"],
        expect=["'Plateen'", "did you mean 'Platen'?"]),
    # -- wrong types -----------------------------------------------------
    "text for a number": dict(
        file=edit(line("Diameter", "fifteen mm")),
        expect=["'Geometry/Diameter' = 'fifteen mm'", "a number >= 0 [m]"]),
    "empty number": dict(
        file=edit(line("Thickness", "")),
        expect=["'Geometry/Thickness' = ''", "a number >= 0 [m]"]),
    "float for an integer": dict(
        file=edit(line("Radial elements", "40.5")),
        expect=["'Geometry/Radial elements' = '40.5'", "an integer in [1, 4096] [-]"]),
    "bad bool": dict(
        file=edit(add_to("Solver", "set Extrapolate = maybe")),
        expect=["'Solver/Extrapolate' = 'maybe'", "true or false"]),
    "bad bool override": dict(
        overrides=["Solver/Extrapolate=yes please"],
        expect=["'Solver/Extrapolate' = 'yes please'", "true or false"]),
    "unknown material model": dict(
        file=edit(line("Model", "norton")),
        expect=["'Material 0/Model' = 'norton'", "'norton creep'", "'hencky'"]),
    "unknown material model override": dict(
        overrides=["Material 0/Model=elastic"],
        expect=["'Material 0/Model' = 'elastic'", "one of 'hencky', 'neo-hookean'"]),
    "unknown friction model": dict(
        file=edit(line("Friction model", "slippery")),
        expect=["'Platen/Friction model' = 'slippery'", "'frictionless', 'coulomb'"]),
    "Dimension 4": dict(
        file=edit((r"^set Dimension = 2.*$", "set Dimension = 4")),
        expect=["'Dimension' = '4'", "an integer in [2, 3] [-]"]),
    "Dimension 4 override": dict(
        overrides=["Dimension=4"],
        expect=["'Dimension' = '4'", "an integer in [2, 3] [-]"]),
    # -- geometry out of range ------------------------------------------
    "negative thickness": dict(
        file=edit(line("Thickness", "-0.45e-3")),
        expect=["'Geometry/Thickness' = '-0.45e-3'", "a number >= 0 [m]"]),
    "negative thickness override": dict(
        overrides=["Geometry/Thickness=-1e-3"],
        expect=["'Geometry/Thickness' = '-1e-3'", "a number >= 0 [m]"]),
    "zero thickness": dict(
        file=edit(line("Thickness", "0")),
        expect=["'Thickness' = 0 m", "a number > 0 m"]),
    "negative diameter": dict(
        file=edit(line("Diameter", "-15e-3")),
        expect=["'Geometry/Diameter' = '-15e-3'", "a number >= 0 [m]"]),
    "zero radial elements": dict(
        file=edit(line("Radial elements", "0")),
        expect=["'Geometry/Radial elements' = '0'", "an integer in [1, 4096] [-]"]),
    "top layer thicker than half the disc": dict(
        overrides=["Geometry/Top layer thickness=1e-3"],
        expect=["'Top layer thickness'", "below half the disc thickness (0.000225 m)"]),
    # -- material out of range ------------------------------------------
    "nu = 0.5": dict(
        file=edit(line("Poisson's ratio", "0.5", NORTON)),
        expect=["'Material 0'", "'Norton creep'", "'Poisson's ratio' = 0.5",
                "in (-1, 0.5) [-]"]),
    "nu = 0.5 override": dict(
        overrides=["Material 0/Norton creep/Poisson's ratio=0.5"],
        expect=["'Poisson's ratio' = 0.5", "in (-1, 0.5) [-]"]),
    "nu > 0.5": dict(
        file=edit(line("Poisson's ratio", "0.6", NORTON)),
        expect=["'Material 0/Norton creep/Poisson's ratio' = '0.6'",
                "a number in [-1, 0.5] [-]"]),
    "nu > 0.5 override": dict(
        overrides=["Material 0/Norton creep/Poisson's ratio=0.51"],
        expect=["'Material 0/Norton creep/Poisson's ratio' = '0.51'",
                "a number in [-1, 0.5] [-]"]),
    "negative Young's modulus": dict(
        file=edit(line("Young's modulus", "-7.82e9", NORTON)),
        expect=["'Material 0/Norton creep/Young's modulus' = '-7.82e9'",
                "a number >= 0 [Pa]"]),
    "zero Young's modulus override": dict(
        overrides=["Material 0/Norton creep/Young's modulus=0"],
        expect=["'Young's modulus' = 0 Pa", "a number > 0 Pa"]),
    "negative yield stress": dict(
        file=edit(line("Yield stress", "-1e6", NORTON)),
        expect=["'Material 0/Norton creep/Yield stress' = '-1e6'", "a number >= 0 [Pa]"]),
    "negative creep prefactor": dict(
        file=edit(line("Creep prefactor", "-7.7e-3", NORTON)),
        expect=["'Material 0/Norton creep/Creep prefactor' = '-7.7e-3'",
                "a number >= 0 [1/s]"]),
    "stress exponent too large": dict(
        overrides=["Material 0/Norton creep/Stress exponent=25"],
        expect=["'Material 0/Norton creep/Stress exponent' = '25'",
                "a number in [0, 20] [-]"]),
    # -- contact ---------------------------------------------------------
    "negative friction": dict(
        file=edit(line("Friction coefficient", "-0.14")),
        expect=["'Platen/Friction coefficient' = '-0.14'", "a number >= 0 [-]"]),
    "negative friction override": dict(
        overrides=["Platen/Friction coefficient=-0.1"],
        expect=["'Platen/Friction coefficient' = '-0.1'", "a number >= 0 [-]"]),
    # -- loading ---------------------------------------------------------
    "load protocol times not increasing": dict(
        file=edit(line("Load protocol", "0 : 0; 100 : 10e6; 50 : 20e6")),
        expect=["'Load protocol'", "must increase strictly",
                "corner 3 (t = 50 s) does not come after corner 2 (t = 100 s)"]),
    "load protocol times not increasing override": dict(
        overrides=["Loading/Load protocol=0 : 0; 10 : 5e6; 10 : 6e6"],
        expect=["'Load protocol'", "must increase strictly"]),
    "load protocol not starting at 0 s": dict(
        overrides=["Loading/Load protocol=5 : 0; 10 : 5e6"],
        expect=["'Load protocol'", "at time 0 s"]),
    "load protocol unparsable": dict(
        file=edit(line("Load protocol", "0 : 0; ten : 5e6")),
        expect=["'Load protocol'", "'ten' is not a number",
                "'time [s] : pressure [Pa]'"]),
    "load protocol without colon": dict(
        overrides=["Loading/Load protocol=0 0, 300 30e6"],
        expect=["'Load protocol'", "has no ':'", "'time [s] : pressure [Pa]'"]),
    "negative pressure": dict(
        file=edit(line("Load protocol", "0 : 0; 100 : -5e6")),
        expect=["'Load protocol'", "t = 100 s is -5000000 Pa",
                "every pressure must be >= 0 Pa"]),
    "report pressures not numbers": dict(
        file=edit(line("Report pressures", "5.19e6, lots")),
        expect=["'Report pressures'", "comma-separated list of numbers",
                "'lots' is not a number"]),
    "report pressures negative": dict(
        overrides=["Loading/Report pressures=5e6, -5e6"],
        expect=["'Report pressures'", "positive pressures [Pa]"]),
    # -- time stepping ---------------------------------------------------
    "minimum time step above maximum": dict(
        file=edit(line("Minimum time step", "100")),
        expect=["'Minimum time step' = 100 s", "'Maximum time step' = 10 s",
                "(0, Maximum time step] s"]),
    "initial time step below minimum": dict(
        overrides=["Time stepping/Minimum time step=1", "Time stepping/Initial time step=0.5"],
        expect=["'Initial time step' = 0.5 s", ">= 'Minimum time step' = 1 s"]),
    "growth factor 1": dict(
        file=edit(add_to("Time stepping", "set Growth factor = 1")),
        expect=["'Growth factor' = 1 ", "in (1, 10] [-]"]),
    "growth factor below 1": dict(
        overrides=["Time stepping/Growth factor=0.8"],
        expect=["'Time stepping/Growth factor' = '0.8'", "a number >= 1 [-]"]),
    "cutback factor 1": dict(
        file=edit(add_to("Time stepping", "set Cutback factor = 1")),
        expect=["'Cutback factor' = 1 ", "in (0, 1) [-]"]),
    "cutback factor 0": dict(
        overrides=["Time stepping/Cutback factor=0"],
        expect=["'Cutback factor' = 0 ", "in (0, 1) [-]"]),
    "cutback factor above 1": dict(
        overrides=["Time stepping/Cutback factor=1.5"],
        expect=["'Time stepping/Cutback factor' = '1.5'", "a number in [0, 1] [-]"]),
    # -- solver ----------------------------------------------------------
    "negative temperature": dict(
        file=edit(line("Temperature", "-25")),
        expect=["'Solver/Temperature' = '-25'", "a number >= 0 [K]"]),
    "zero temperature override": dict(
        overrides=["Solver/Temperature=0"],
        expect=["'Temperature' = 0 K", "a number > 0 K"]),
    # -- mesh files ------------------------------------------------------
    "missing mesh file": dict(
        file=edit(line("Mesh file", "no_such_mesh.msh")),
        expect=["Mesh file '{tmp}/no_such_mesh.msh'", "does not exist",
                "ASCII gmsh mesh file (.msh format 2.2 or 4.x)"]),
    "missing mesh file override": dict(
        overrides=["Geometry/Mesh file={tmp}/no_such_mesh.msh"],
        expect=["Mesh file '{tmp}/no_such_mesh.msh'", "does not exist",
                "ASCII gmsh mesh file (.msh format 2.2 or 4.x)"]),
    # Unreadable: the tests run as root, whom chmod 000 does not stop, so a
    # directory given as the mesh file stands for a file that cannot be
    # read (and the garbage file below for one that cannot be parsed).
    "mesh file is a directory": dict(
        file=edit(line("Mesh file", "{tmp}/a_folder")),
        expect=["Mesh file '{tmp}/a_folder'", "is a directory",
                "ASCII gmsh mesh file (.msh format 2.2 or 4.x)"]),
    "mesh file with garbage": dict(
        file=edit(line("Mesh file", "garbage.msh")),
        expect=["Mesh file '{tmp}/garbage.msh'", "not a gmsh mesh file",
                "ASCII .msh 2.2"]),
    "mesh without physical groups": dict(
        file=edit(line("Mesh file", "no_groups.msh")),
        expect=["Mesh file '{tmp}/no_groups.msh'", "not a valid disc mesh",
                "no boundary face has boundary id 3 (the top face z = h/2)",
                "Physical Curve 1 axis, 2 lateral, 3 mid-plane, 4 top"]),
    "mesh without the top tag": dict(
        overrides=["Geometry/Mesh file={tmp}/without_top.msh"],
        expect=["Mesh file '{tmp}/without_top.msh'",
                "no boundary face has boundary id 3 (the top face z = h/2): "
                "the .geo file must define Physical Curve 4 on it"]),
    "gmsh mesh without physical curves": dict(
        file=edit(line("Mesh file", "no_curves.msh")),
        gmsh=True,
        expect=["Mesh file '{tmp}/no_curves.msh'", "boundary faces are in no Physical Curve",
                "the .geo file must define Physical Curve 4 on it"]),
    "3D mesh for an axisymmetric run": dict(
        overrides=["Geometry/Mesh file=" + MESH_3D],
        expect=["Mesh file '%s'" % MESH_3D, "a 2D mesh was asked for",
                "a 3D (quarter-disc) mesh"]),
    # -- output folder ---------------------------------------------------
    "output folder under /proc": dict(
        file=edit(line("Folder", "/proc/no_such_dir/results")),
        folder=lambda tmp: "/proc/no_such_dir/results",
        expect=["'Folder' (subsection Output) = '/proc/no_such_dir/results'",
                "cannot be created", "must name a folder that can be created and written"]),
    "output folder /proc itself": dict(
        folder=lambda tmp: "/proc",
        expect=["'Folder' (subsection Output) = '/proc'", "cannot be written",
                "must name a folder that can be created and written"]),
    "output folder under a regular file": dict(
        folder=lambda tmp: os.path.join(tmp, "a_file", "results"),
        expect=["'Folder' (subsection Output) = '{tmp}/a_file/results'",
                "cannot be created (Not a directory)",
                "must name a folder that can be created and written"]),
    "output folder is a regular file": dict(
        folder=lambda tmp: os.path.join(tmp, "a_file"),
        expect=["'Folder' (subsection Output) = '{tmp}/a_file'", "it is a file, not a folder"]),
    # -- the input file itself --------------------------------------------
    "input file missing": dict(
        input=lambda tmp: os.path.join(tmp, "no_such_input.prm"),
        expect=["input file does not exist", "(.prm, .json or .xml)"]),
    "input file is a directory": dict(
        input=lambda tmp: os.path.join(tmp, "a_folder"),
        expect=["input file is a directory", "(.prm, .json or .xml)"]),
    "input file of unknown type": dict(
        input=lambda tmp: os.path.join(tmp, "li_sheet.txt"),
        expect=["ends in '.txt'", "(.prm, .json or .xml)"]),
}


def progress_started(stdout):
    """Whether the run began computing: its header, progress table or
    summary."""
    return any(s in stdout for s in ("compress_disc: ", "time [s]", "Summary", "steps ("))


class BadInput(unittest.TestCase):
    """Each bad input: exit code 1 at once, one message naming the file, the
    parameter and what is allowed, nothing computed."""

    @classmethod
    def setUpClass(cls):
        cls.tmp_dir = tempfile.TemporaryDirectory()
        cls.tmp = cls.tmp_dir.name
        os.mkdir(os.path.join(cls.tmp, "a_folder"))
        with open(os.path.join(cls.tmp, "a_file"), "w") as f:
            f.write("not a folder\n")
        with open(os.path.join(cls.tmp, "garbage.msh"), "wb") as f:
            f.write(b"this is no mesh\n\x00\x01\x02\xff 1 2 3\n")
        for name, text in (("no_groups.msh", MSH_NO_PHYSICAL_GROUPS),
                           ("without_top.msh", MSH_WITHOUT_TOP),
                           ("tagged.msh", MSH_TAGGED),
                           ("no_curves.geo", GEO_WITHOUT_CURVES)):
            with open(os.path.join(cls.tmp, name), "w") as f:
                f.write(text)
        shutil.copy(LI_SHEET, os.path.join(cls.tmp, "li_sheet.txt"))
        # gmsh (4.8 tested) meshes no_curves.geo; without it, that case is
        # skipped.
        gmsh = shutil.which("gmsh")
        cls.gmsh = gmsh is not None and subprocess.run(
            [gmsh, "-2", "-format", "msh22", os.path.join(cls.tmp, "no_curves.geo"),
             "-o", os.path.join(cls.tmp, "no_curves.msh")],
            capture_output=True, timeout=120).returncode == 0

    @classmethod
    def tearDownClass(cls):
        cls.tmp_dir.cleanup()

    def fill(self, text):
        return text.replace("{tmp}", self.tmp)

    def run_case(self, name, case):
        tmp = self.tmp
        overrides = [self.fill(s) for s in case.get("overrides", [])]
        file_text = case.get("file")
        if "input" in case:
            input_file = case["input"](tmp)
        elif file_text is not None:
            input_file = os.path.join(
                tmp, "%02d_%s.prm" % (list(CASES).index(name), re.sub(r"\W+", "_", name)))
            with open(input_file, "w") as f:
                f.write(self.fill(file_text))
        else:
            input_file = LI_SHEET
        folder = (case["folder"](tmp) if "folder" in case
                  else os.path.join(tmp, "out_" + re.sub(r"\W+", "_", name)))
        command = [APP, input_file]
        # The folder of the input file wins if the case set it there.
        if not (file_text and "folder" in case):
            command += ["--set", "Output/Folder=" + folder]
        for setting in overrides:
            command += ["--set", setting]
        try:
            process = subprocess.run(command, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            self.fail("%s: no answer in 120 s, the run computes" % name)
        return input_file, overrides, folder, process

    def check_case(self, name, case):
        input_file, overrides, folder, process = self.run_case(name, case)
        output = process.stdout + process.stderr
        self.assertEqual(process.returncode, 1, output)
        for sign in FORBIDDEN:
            self.assertNotIn(sign, output)
        errors = [l for l in process.stderr.splitlines() if l.startswith("Error")]
        self.assertEqual(len(errors), 1, process.stderr)
        message = errors[0]
        # the input file, and the override that holds the bad value
        self.assertIn(input_file, message)
        for setting in overrides:
            self.assertIn("--set '%s'" % setting, message)
        for fragment in case["expect"]:
            self.assertIn(self.fill(fragment), message)
        # nothing computed
        self.assertFalse(progress_started(process.stdout), process.stdout)
        self.assertFalse(os.path.exists(os.path.join(folder, "results.h5")))

    def test_bad_inputs(self):
        for name, case in CASES.items():
            with self.subTest(case=name):
                if case.get("gmsh") and not self.gmsh:
                    self.skipTest("gmsh is not installed or failed")
                self.check_case(name, case)

    def test_enough_cases(self):
        self.assertGreaterEqual(len(CASES), 30)

    def test_a_tagged_mesh_is_accepted(self):
        # The hand-written meshes differ from a valid one only in their
        # tags: with all of them, the input passes the checks (the run is
        # stopped as soon as it computes).
        tmp = self.tmp
        command = [APP, LI_SHEET, "--set", "Output/Folder=" + os.path.join(tmp, "out_tagged"),
                   "--set", "Geometry/Mesh file=" + os.path.join(tmp, "tagged.msh"),
                   "--set", "Loading/Load protocol=0 : 0; 1 : 1e5",
                   "--set", "Loading/Report pressures=1e5"]
        process = subprocess.run(command, capture_output=True, text=True, timeout=300)
        self.assertEqual(process.returncode, 0, process.stdout + process.stderr)
        self.assertIn("Summary", process.stdout)


if __name__ == "__main__":
    APP = os.path.abspath(sys.argv.pop(1))
    unittest.main()
