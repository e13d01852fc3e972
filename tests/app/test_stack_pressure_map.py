#!/usr/bin/python3
"""End-to-end tests of the stack_pressure_map app (issue 7 point 3).

Usage: test_stack_pressure_map.py <stack_pressure_map> <mpiexec>
                                  [unittest options]

A tiny map of the bare lithium sheet (apps/compress_disc/li_sheet.prm made
coarse: 8 radial elements, time steps of at most 5 s, a 0.1 MPa/s ramp to
10 MPa without holds): friction coefficient 0.1 and 0.2 x temperature 25
and 60 C, spread limit 2 %. Checked against expectations that do not come from
the app:

- every safe pressure in the CSV equals the crossing of the limit computed
  here from that case's own curves.csv (linear interpolation between the
  rows around the first row at or above the limit);
- physics: at each temperature more friction gives a higher safe pressure
  (the platens hold the disc back: friction hill), and at each friction
  coefficient 60 C gives a lower one than 25 C (lithium creeps faster,
  Arrhenius with 37 kJ/mol: 4.4 times at 60 C);
- the same input on 2 MPI ranks gives the same CSV, byte for byte;
- runs that stop early on 2 ranks report their reason in the CSV;
- the PNG exists and starts with the PNG signature (when matplotlib is
  installed; otherwise the app must warn and still write the CSV);
- bad input (unknown quantity, empty values, limit <= 0, a diameter-to-
  thickness ratio with a base input that reads a mesh file) exits with
  code 1 and one error line naming the parameter, before any case runs.
"""

import csv
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
LI_SHEET = os.path.join(SOURCE, "apps", "compress_disc", "li_sheet.prm")
G_LICFC = os.path.join(SOURCE, "apps", "compress_disc", "g_licfc.prm")
APP = None
MPIEXEC = None

LIMIT = 2.0  # %
FRICTION = (0.1, 0.2)
TEMPERATURE = (25.0, 60.0)  # C
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

BASE_OVERRIDES = " | ".join([
    "Geometry/Radial elements=8",
    "Loading/Protocol=ramp and hold",
    "Loading/Report pressures=2e6, 4e6, 6e6, 8e6, 10e6",
    "Loading/Ramp rate=1e5",
    "Loading/Hold time=0",
    "Time stepping/Initial time step=5",
    "Time stepping/Maximum time step=5",
])


def map_input(folder, base=LI_SHEET, axes=None, limit=LIMIT,
              overrides=BASE_OVERRIDES, plot=True):
    """The text of a stack_pressure_map input file."""
    if axes is None:
        axes = [("friction coefficient", ", ".join(map(str, FRICTION))),
                ("temperature", ", ".join(map(str, TEMPERATURE)))]
    text = ("subsection Sweep\n  set Base input = %s\n"
            "  set Base overrides = %s\n  set Spread limit = %s\nend\n"
            % (base, overrides, limit))
    for i, (quantity, values) in enumerate(axes, start=1):
        text += ("subsection Axis %d\n  set Quantity = %s\n"
                 "  set Values = %s\nend\n" % (i, quantity, values))
    text += ("subsection Output\n  set Folder = %s\n  set Plot = %s\nend\n"
             % (folder, "true" if plot else "false"))
    return text


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


def run_app(input_file, ranks=1):
    command = [APP, input_file]
    if ranks > 1:
        command = [MPIEXEC, "--allow-run-as-root", "--oversubscribe", "-np",
                   str(ranks)] + command
    return subprocess.run(command, capture_output=True, text=True,
                          timeout=600)


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def crossing(curves, limit):
    """First pressure [MPa] at which the diameter change reaches limit."""
    p = [float(r["nominal_pressure_Pa"]) / 1e6 for r in curves]
    d = [float(r["diameter_change_pct"]) for r in curves]
    for k, dk in enumerate(d):
        if dk >= limit:
            if k == 0:
                return p[0]
            return p[k - 1] + (limit - d[k - 1]) * (p[k] - p[k - 1]) / (
                dk - d[k - 1])
    return None


class StackPressureMap(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="stack_pressure_map_")
        cls.folder = os.path.join(cls.tmp.name, "map1")
        cls.input = write(os.path.join(cls.tmp.name, "map1.prm"),
                          map_input(cls.folder))
        cls.result = run_app(cls.input)
        cls.folder2 = os.path.join(cls.tmp.name, "map2")
        cls.input2 = write(os.path.join(cls.tmp.name, "map2.prm"),
                           map_input(cls.folder2, plot=False))
        cls.result2 = run_app(cls.input2, ranks=2)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def rows(self, folder=None):
        return read_csv(os.path.join(folder or self.folder,
                                     "safe_pressure_map.csv"))

    def test_runs(self):
        self.assertEqual(self.result.returncode, 0,
                         self.result.stdout + self.result.stderr)
        self.assertIn("Summary", self.result.stdout)
        # One progress line per case.
        self.assertEqual(self.result.stdout.count("\ncase "), 4,
                         self.result.stdout)

    def test_csv_layout(self):
        rows = self.rows()
        self.assertEqual(len(rows), 4)
        self.assertEqual(list(rows[0].keys()), [
            "case", "friction_coefficient", "temperature_C",
            "safe_pressure_MPa", "status", "max_pressure_MPa",
            "diameter_change_at_max_pressure_pct", "failure_reason"])
        # The grid: every combination, the last axis fastest.
        grid = [(float(r["friction_coefficient"]), float(r["temperature_C"]))
                for r in rows]
        self.assertEqual(grid, [(f, t) for f in FRICTION
                                for t in TEMPERATURE])
        for r in rows:
            self.assertEqual(r["status"], "reached", r)
            self.assertAlmostEqual(float(r["max_pressure_MPa"]), 10.0,
                                   places=9)

    def test_safe_pressure_is_the_crossing_of_each_case(self):
        for r in self.rows():
            curves = read_csv(os.path.join(
                self.folder, "cases", "case_%04d" % int(r["case"]),
                "curves.csv"))
            expected = crossing(curves, LIMIT)
            self.assertIsNotNone(expected, r)
            self.assertAlmostEqual(float(r["safe_pressure_MPa"]), expected,
                                   delta=1e-9 * expected)
            # The diameter change at the largest pressure is the last row's.
            self.assertAlmostEqual(
                float(r["diameter_change_at_max_pressure_pct"]),
                float(curves[-1]["diameter_change_pct"]), delta=1e-9)

    def test_physics_trends(self):
        safe = {(float(r["friction_coefficient"]), float(r["temperature_C"])):
                float(r["safe_pressure_MPa"]) for r in self.rows()}
        for t in TEMPERATURE:
            self.assertGreater(safe[(FRICTION[1], t)], safe[(FRICTION[0], t)],
                               "more friction must spread less: %s" % safe)
        for f in FRICTION:
            self.assertLess(safe[(f, TEMPERATURE[1])], safe[(f, TEMPERATURE[0])],
                            "a hotter disc must creep faster: %s" % safe)

    def test_two_ranks_give_the_same_csv(self):
        self.assertEqual(self.result2.returncode, 0,
                         self.result2.stdout + self.result2.stderr)
        self.assertIn("on 2 ranks", self.result2.stdout)
        with open(os.path.join(self.folder, "safe_pressure_map.csv")) as a, \
                open(os.path.join(self.folder2, "safe_pressure_map.csv")) as b:
            self.assertEqual(a.read(), b.read())

    def test_reasons_of_stopped_runs_cross_ranks(self):
        # Every run stops after 3 time steps (about 1.5 MPa), below the
        # limit: each case is 'failed', and the reason, found on the rank
        # that ran it, reaches the CSV written by rank 0. Exit code 3: some
        # cases failed, the CSV is still written.
        folder = os.path.join(self.tmp.name, "stopped")
        prm = write(os.path.join(self.tmp.name, "stopped.prm"),
                    map_input(folder, plot=False,
                              overrides=BASE_OVERRIDES +
                              " | Time stepping/Maximum steps=3"))
        result = run_app(prm, ranks=2)
        self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
        rows = self.rows(folder)
        self.assertEqual(len(rows), 4)
        for r in rows:
            self.assertEqual(r["status"], "failed", r)
            self.assertIn("'Maximum steps' = 3", r["failure_reason"], r)
            self.assertLess(float(r["max_pressure_MPa"]), 2.0, r)

    def test_png(self):
        png = os.path.join(self.folder, "safe_pressure_map.png")
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            self.assertIn("Warning", self.result.stderr)
            self.assertIn("plot_safe_pressure_map.py", self.result.stderr)
            return
        self.assertTrue(os.path.isfile(png), self.result.stderr)
        with open(png, "rb") as f:
            self.assertEqual(f.read(8), PNG_SIGNATURE)
        # Plot = false: no PNG.
        self.assertFalse(os.path.exists(
            os.path.join(self.folder2, "safe_pressure_map.png")))


class BadInput(unittest.TestCase):
    """Each bad input: exit code 1, one error line naming the parameter."""

    def check(self, name, text, *expected):
        with tempfile.TemporaryDirectory() as tmp:
            folder = os.path.join(tmp, "out")
            path = write(os.path.join(tmp, name + ".prm"),
                         text.replace("@FOLDER@", folder))
            result = run_app(path)
            self.assertEqual(result.returncode, 1,
                             result.stdout + result.stderr)
            lines = result.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1, result.stderr)
            for e in expected:
                self.assertIn(e, lines[0])
            # Nothing was computed.
            self.assertFalse(os.path.exists(
                os.path.join(folder, "safe_pressure_map.csv")))

    def test_unknown_quantity(self):
        self.check("unknown", map_input("@FOLDER@", axes=[
            ("pressure", "1, 2")]), "Quantity", "Axis 1")

    def test_empty_values(self):
        self.check("empty", map_input("@FOLDER@", axes=[
            ("friction coefficient", "")]), "Values", "Axis 1", "empty")

    def test_empty_value_in_list(self):
        self.check("empty_item", map_input("@FOLDER@", axes=[
            ("temperature", "25, , 60")]), "Values", "Axis 1")

    def test_zero_limit(self):
        self.check("zero_limit", map_input("@FOLDER@", limit=0),
                   "Spread limit", "%")

    def test_negative_limit(self):
        self.check("negative_limit", map_input("@FOLDER@", limit=-5),
                   "Spread limit")

    def test_temperature_out_of_range(self):
        self.check("hot", map_input("@FOLDER@", axes=[
            ("temperature", "25, 200")]), "Axis 1/Values", "C")

    def test_ratio_with_mesh_file(self):
        self.check("ratio_mesh", map_input("@FOLDER@", base=G_LICFC, axes=[
            ("diameter-to-thickness ratio", "20, 40")], overrides=""),
            "diameter-to-thickness ratio", "Mesh file")

    def test_cloth_fraction_without_composite(self):
        self.check("cloth_li", map_input("@FOLDER@", axes=[
            ("cloth fraction", "0.2")]), "cloth fraction", "composite mixture")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: test_stack_pressure_map.py <stack_pressure_map> "
                 "<mpiexec> [unittest options]")
    APP = os.path.abspath(sys.argv[1])
    MPIEXEC = sys.argv[2]
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
