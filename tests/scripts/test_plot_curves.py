#!/usr/bin/env python3
"""Tests of apps/compress_disc/plot_curves.py (python3 unittest, no pytest).

Writes synthetic compress_disc results (curves.csv, results.h5) to temporary
folders, runs the script as a subprocess and checks the image and the exit
status and message of the user errors; reads the same curves from CSV and
HDF5 through the script's read_curves() and compares them.

Skipped (which counts as passed) when matplotlib or h5py is missing, e.g.
run by an interpreter other than the system one that Debian's
python3-matplotlib and python3-h5py install for.

    python3 tests/scripts/test_plot_curves.py [-v]
"""

import importlib.util
import math
import os
import struct
import subprocess
import sys
import tempfile
import unittest

REPO = os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                 os.pardir))
SCRIPT = os.path.join(REPO, "apps", "compress_disc", "plot_curves.py")
PAPER = os.path.join(REPO, "data", "zhu2026_compression.csv")

COLUMNS = ("time_s,time_step_s,nominal_pressure_Pa,platen_force_N,"
           "thickness_m,diameter_m,diameter_change_pct,thickness_change_pct,"
           "contact_area_m2,max_penetration_m,newton_iterations,on_target"
           ).split(",")
UNITS = {"time_s": "s", "time_step_s": "s", "nominal_pressure_Pa": "Pa",
         "platen_force_N": "N", "thickness_m": "m", "diameter_m": "m",
         "diameter_change_pct": "%", "thickness_change_pct": "%",
         "contact_area_m2": "m^2", "max_penetration_m": "m",
         "newton_iterations": "1", "on_target": "1"}

D0 = 15e-3                      # disc diameter [m]
H0 = 100e-6                     # disc thickness [m]
AREA = math.pi * D0 ** 2 / 4    # initial disc area [m^2]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

try:
    import numpy as np
    import matplotlib  # noqa: F401
    import h5py
    MISSING = None
except ImportError as e:
    MISSING = e.name or str(e)


def synthetic_rows(n=31, p_max_MPa=30.0):
    """n steps of a ramp to p_max: dD = 2 p/30 %, dh = 3 p/30 % (p in MPa);
    every 5th step on a report pressure."""
    rows = []
    for i in range(n):
        p_MPa = p_max_MPa * i / (n - 1) if n > 1 else p_max_MPa
        dD = 2.0 * p_MPa / 30.0
        dh = 3.0 * p_MPa / 30.0
        rows.append({
            "time_s": 10.0 * i, "time_step_s": 10.0 if i else 0.0,
            "nominal_pressure_Pa": p_MPa * 1e6,
            "platen_force_N": p_MPa * 1e6 * AREA,
            "thickness_m": H0 * (1 - dh / 100),
            "diameter_m": D0 * (1 + dD / 100),
            "diameter_change_pct": dD, "thickness_change_pct": dh,
            "contact_area_m2": AREA * (1 + dD / 100) ** 2,
            "max_penetration_m": 1e-9 * i,
            "newton_iterations": float(3 + i % 3),
            "on_target": 1.0 if i % 5 == 0 else 0.0,
        })
    return rows


def write_csv(folder, rows, columns=COLUMNS):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "curves.csv"), "w") as f:
        f.write(",".join(columns) + "\n")
        for row in rows:
            f.write(",".join(repr(row[c]) for c in columns) + "\n")


def write_h5(folder, rows):
    os.makedirs(folder, exist_ok=True)
    with h5py.File(os.path.join(folder, "results.h5"), "w") as f:
        group = f.create_group("curves")
        for c in COLUMNS:
            values = [row[c] for row in rows]
            if c in ("newton_iterations", "on_target"):
                data = np.array(values, dtype=np.int32)
            else:
                data = np.array(values, dtype=np.float64)
            group.create_dataset(c, data=data)
            group[c].attrs["units"] = UNITS[c]


def png_size(path):
    """(width, height) of a PNG, after checking its signature and IHDR."""
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != PNG_SIGNATURE or head[12:16] != b"IHDR":
        raise AssertionError(f"{path} is not a PNG file")
    return struct.unpack(">II", head[16:24])


def load_script():
    spec = importlib.util.spec_from_file_location("plot_curves", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@unittest.skipIf(MISSING, f"needs matplotlib and h5py ({MISSING} missing)")
class PlotCurvesTest(unittest.TestCase):

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="plot_curves_")
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def run_script(self, *args):
        result = subprocess.run(
            [sys.executable, SCRIPT, *args], cwd=self.tmp,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            universal_newlines=True, timeout=120)
        self.assertNotIn("Traceback", result.stderr)
        return result

    def assert_png(self, path, min_width=600, min_height=300):
        self.assertTrue(os.path.isfile(path), f"{path} not written")
        width, height = png_size(path)
        self.assertGreaterEqual(width, min_width)
        self.assertGreaterEqual(height, min_height)
        self.assertLessEqual(width, 4000)
        self.assertLessEqual(height, 3000)
        self.assertGreater(width, height)          # two panels side by side
        self.assertGreater(os.path.getsize(path), 10000)

    def assert_user_error(self, result, *words):
        self.assertEqual(result.returncode, 2, result.stderr)
        lines = result.stderr.strip().splitlines()
        self.assertTrue(lines, "no error message")
        self.assertIn("error", lines[-1])
        for word in words:
            self.assertIn(word, lines[-1])

    # ------------------------------------------------------------ plotting

    def test_plot_default_output(self):
        run = os.path.join(self.tmp, "run")
        write_csv(run, synthetic_rows())
        result = self.run_script(run, "--paper", PAPER)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_png(os.path.join(run, "curves.png"))

    def test_plot_several_runs_labels_and_output(self):
        a, b = os.path.join(self.tmp, "a"), os.path.join(self.tmp, "b")
        write_csv(a, synthetic_rows())
        write_csv(b, synthetic_rows(n=7, p_max_MPa=17.79))
        out = os.path.join(self.tmp, "both.png")
        result = self.run_script(a, b, "--label", "fine", "coarse",
                                 "--material", "g_licfc_composite",
                                 "--output", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_png(out)
        self.assertFalse(os.path.exists(os.path.join(a, "curves.png")))

    def test_material_none_needs_no_paper_file(self):
        run = os.path.join(self.tmp, "run")
        write_csv(run, synthetic_rows())
        result = self.run_script(run, "--material", "none", "--paper",
                                 os.path.join(self.tmp, "missing.csv"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_png(os.path.join(run, "curves.png"))

    def test_single_row_and_zero_rows_warn(self):
        one, zero = os.path.join(self.tmp, "one"), os.path.join(self.tmp,
                                                                 "zero")
        write_csv(one, synthetic_rows()[5:6])
        write_csv(zero, [])
        out = os.path.join(self.tmp, "few.png")
        result = self.run_script(one, zero, "--output", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("single row", result.stderr)
        self.assertIn("no rows", result.stderr)
        self.assert_png(out)

    def test_from_h5(self):
        run = os.path.join(self.tmp, "run")
        write_h5(run, synthetic_rows())
        result = self.run_script(run, "--from-h5")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_png(os.path.join(run, "curves.png"))

    # --------------------------------------------------------- user errors

    def test_missing_folder(self):
        missing = os.path.join(self.tmp, "no_such_run")
        result = self.run_script(missing)
        self.assert_user_error(result, "no_such_run", "does not exist")

    def test_folder_without_curves_csv(self):
        empty = os.path.join(self.tmp, "empty")
        os.makedirs(empty)
        result = self.run_script(empty)
        self.assert_user_error(result, "curves.csv", "empty")

    def test_missing_column(self):
        run = os.path.join(self.tmp, "run")
        write_csv(run, synthetic_rows(),
                  [c for c in COLUMNS if c != "thickness_change_pct"])
        result = self.run_script(run)
        self.assert_user_error(result, "thickness_change_pct", "lacks")
        self.assertFalse(os.path.exists(os.path.join(run, "curves.png")))

    def test_missing_paper_file(self):
        run = os.path.join(self.tmp, "run")
        write_csv(run, synthetic_rows())
        result = self.run_script(run, "--paper",
                                 os.path.join(self.tmp, "nowhere.csv"))
        self.assert_user_error(result, "nowhere.csv", "not found")

    def test_missing_results_h5(self):
        run = os.path.join(self.tmp, "run")
        write_csv(run, synthetic_rows())
        result = self.run_script(run, "--from-h5")
        self.assert_user_error(result, "results.h5")

    def test_label_count_must_match(self):
        run = os.path.join(self.tmp, "run")
        write_csv(run, synthetic_rows())
        result = self.run_script(run, "--label", "a", "b")
        self.assert_user_error(result, "--label")

    # ------------------------------------------------------------- reading

    def test_h5_and_csv_give_the_same_curves(self):
        module = load_script()
        run = os.path.join(self.tmp, "run")
        rows = synthetic_rows()
        write_csv(run, rows)
        write_h5(run, rows)
        from_csv = module.read_curves(run)
        from_h5 = module.read_curves(run, from_h5=True)
        self.assertEqual(list(from_csv), COLUMNS)
        self.assertEqual(list(from_h5), COLUMNS)
        for c in COLUMNS:
            np.testing.assert_array_equal(from_h5[c], from_csv[c], err_msg=c)
        p_MPa = from_csv["nominal_pressure_Pa"] * 1e-6
        np.testing.assert_allclose(from_csv["diameter_change_pct"],
                                   2 * p_MPa / 30, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(from_csv["thickness_change_pct"],
                                   3 * p_MPa / 30, rtol=1e-12, atol=1e-12)
        self.assertEqual(len(p_MPa), len(rows))

    def test_read_curves_zero_rows(self):
        module = load_script()
        run = os.path.join(self.tmp, "run")
        write_csv(run, [])
        curves = module.read_curves(run)
        self.assertEqual(list(curves), COLUMNS)
        self.assertTrue(all(len(v) == 0 for v in curves.values()))

    def test_paper_file(self):
        module = load_script()
        points = module.read_paper(PAPER)
        self.assertEqual(sorted(points), ["g_licfc_composite", "li_sheet"])
        self.assertEqual(points["li_sheet"],
                         [(5.19, 3.74, 3.00), (17.79, 37.03, 46.20)])
        composite = points["g_licfc_composite"]
        self.assertEqual(composite[0], (5.19, 2.00, 2.00))
        self.assertEqual(composite[1][:2], (30.0, 8.27))
        self.assertTrue(math.isnan(composite[1][2]))

    def test_material_hint(self):
        module = load_script()
        run = os.path.join(self.tmp, "run")
        os.makedirs(run)
        self.assertEqual(module.guess_material([run]), "li_sheet")
        with open(os.path.join(run, "material"), "w") as f:
            f.write("g_licfc_composite\n")
        self.assertEqual(module.guess_material([run]), "g_licfc_composite")


if __name__ == "__main__":
    unittest.main()
