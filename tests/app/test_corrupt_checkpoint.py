#!/usr/bin/python3
"""Corrupt checkpoints (reliability point 2): a restart verifies the
checksums of a checkpoint before loading it and falls back to the previous
one.

Usage: test_corrupt_checkpoint.py <path to compress_disc> [unittest options]

The case: the bundled lithium sheet on a coarse mesh (as in
test_restart.py), loaded to 5.19 MPa and held, a checkpoint every 4 steps;
one uninterrupted run, whose folder is copied and its checkpoints damaged:

- the newest checkpoint's solver data (solid_fixed.data) truncated to half,
  its p4est forest file (solid) overwritten with random bytes of the same
  size, or its list of checksums deleted: --restart says which checkpoint
  and which file are bad and which checkpoint it uses instead, continues
  from the previous one and ends with the uninterrupted run's curves (to
  1e-10 relative: the same arithmetic; 17-digit text);
- every file of every checkpoint replaced by random bytes: exit code 1, one
  "Error" line saying that no checkpoint is usable and naming them, no
  stack trace or abort (p4est never sees the garbage), the results left as
  they were.
"""

import csv
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
INPUT = os.path.join(SOURCE, "apps", "compress_disc", "li_sheet.prm")
APP = None

OVERRIDES = [
    "Geometry/Radial elements=24",
    "Loading/Load protocol=0 : 0; 51.9 : 5.19e6; 171.9 : 5.19e6",
    "Loading/Report pressures=5.19e6",
    "Output/Field output=interval",
    "Output/Field output interval=5",
    "Output/Checkpoint interval=4",
]

FORBIDDEN = ("Stacktrace", "Aborting", "Aborted", "terminate called",
             "An error occurred in line", "Segmentation fault", "core dumped",
             "Abort", "sc_abort")


def command(folder, extra=()):
    args = [APP, INPUT]
    for setting in OVERRIDES + ["Output/Folder=" + folder]:
        args += ["--set", setting]
    return args + list(extra)


def read_rows(folder):
    with open(os.path.join(folder, "curves.csv")) as f:
        return [{k: float(v) for k, v in row.items()} for row in csv.DictReader(f)]


def checkpoints(folder):
    """The complete checkpoints, oldest first (by step number)."""
    path = os.path.join(folder, "checkpoints")
    names = [n for n in os.listdir(path) if re.fullmatch(r"step_\d+", n)]
    return [os.path.join(path, n) for n in sorted(names, key=lambda n: int(n[5:]))]


def garbage(path, size=None, seed=1):
    if size is None:
        size = os.path.getsize(path)
    data = random.Random(seed).randbytes(size)
    with open(path, "wb") as f:
        f.write(data)


class CorruptCheckpoint(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="anodemech_corrupt_")
        cls.reference = os.path.join(cls.tmp, "reference")
        process = subprocess.run(command(cls.reference), capture_output=True, text=True, timeout=900)
        if process.returncode != 0:
            raise RuntimeError("uninterrupted run failed:\n" + process.stdout + process.stderr)
        cls.reference_rows = read_rows(cls.reference)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def copy(self, name):
        folder = os.path.join(self.tmp, name)
        shutil.copytree(self.reference, folder)
        found = checkpoints(folder)
        self.assertEqual(len(found), 2)
        return folder, found

    def check_no_crash(self, process):
        output = process.stdout + process.stderr
        for sign in FORBIDDEN:
            self.assertNotIn(sign, output)

    def restart_and_check_fallback(self, folder, bad, previous, bad_file, why):
        process = subprocess.run(command(folder, ["--restart"]), capture_output=True, text=True,
                                 timeout=900)
        self.assertEqual(process.returncode, 0, process.stdout + process.stderr)
        self.check_no_crash(process)
        warnings = [l for l in process.stdout.splitlines() if l.startswith("warning: checkpoint")]
        self.assertEqual(len(warnings), 1, process.stdout)
        self.assertIn("'%s'" % bad, warnings[0])
        self.assertIn(os.path.join(bad, bad_file), warnings[0])
        self.assertIn(why, warnings[0])
        self.assertIn("using the previous checkpoint '%s'" % previous, process.stdout)
        self.assertIn("restarted from %s " % previous, process.stdout)
        rows = read_rows(folder)
        self.assertEqual(len(rows), len(self.reference_rows))
        floors = {"max_penetration_m": 1e-12}
        for k, (row, ref) in enumerate(zip(rows, self.reference_rows)):
            for key, value in ref.items():
                self.assertLessEqual(abs(row[key] - value),
                                     1e-10 * abs(value) + floors.get(key, 1e-300),
                                     "row %d, %s" % (k, key))
        # the run wrote its newest checkpoint again, intact
        self.assertEqual([os.path.basename(p) for p in checkpoints(folder)],
                         [os.path.basename(previous), os.path.basename(bad)])

    def test_truncated_newest_checkpoint(self):
        folder, (previous, newest) = self.copy("truncated")
        path = os.path.join(newest, "solid_fixed.data")
        size = os.path.getsize(path)
        self.assertGreater(size, 0)
        os.truncate(path, size // 2)
        self.restart_and_check_fallback(folder, newest, previous, "solid_fixed.data", "truncated")

    def test_garbage_p4est_file(self):
        folder, (previous, newest) = self.copy("garbage_p4est")
        garbage(os.path.join(newest, "solid"))
        self.restart_and_check_fallback(folder, newest, previous, "solid", "checksum")

    def test_missing_checksums(self):
        folder, (previous, newest) = self.copy("no_checksums")
        os.remove(os.path.join(newest, "checksums"))
        self.restart_and_check_fallback(folder, newest, previous, "checksums", "missing")

    def test_garbage_in_all_checkpoints(self):
        folder, found = self.copy("all_garbage")
        seed = 0
        for checkpoint in found:
            for name in os.listdir(checkpoint):
                seed += 1
                garbage(os.path.join(checkpoint, name), seed=seed)
        with open(os.path.join(folder, "results.h5"), "rb") as f:
            results = f.read()
        process = subprocess.run(command(folder, ["--restart"]), capture_output=True, text=True,
                                 timeout=300)
        self.assertEqual(process.returncode, 1, process.stdout + process.stderr)
        self.check_no_crash(process)
        errors = [l for l in process.stderr.splitlines() if l.startswith("Error")]
        self.assertEqual(len(errors), 1, process.stderr)
        self.assertIn("no usable checkpoint", errors[0])
        for checkpoint in found:
            self.assertIn(checkpoint, errors[0])
        self.assertNotIn("time [s]", process.stdout)
        with open(os.path.join(folder, "results.h5"), "rb") as f:
            self.assertEqual(f.read(), results)


if __name__ == "__main__":
    APP = os.path.abspath(sys.argv.pop(1))
    unittest.main()
