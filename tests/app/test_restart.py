#!/usr/bin/python3
"""Checkpoint and restart of compress_disc (issue 6 point 3).

Usage: test_restart.py <path to compress_disc> <path to mpiexec> [unittest options]

The case: the bundled lithium sheet (Coulomb friction, Norton creep) on a
coarse mesh, loaded to 5.19 MPa and held, with a checkpoint every 4 steps
and fields every 5 steps (so that field steps are written after the
checkpoint a restart continues from, and must be dropped).

- A run killed with SIGKILL after its third checkpoint and restarted with
  --restart on one rank gives the curves of the uninterrupted run to 1e-10
  relative (it does bit for bit the same arithmetic: the tolerance only
  allows for the 17-digit text of curves.csv), and its results.xdmf,
  results.h5 and curves.csv hold every step exactly once, in order.
- Restarted on 2 MPI ranks: the mesh is repartitioned; the sums of the
  assembly and the direct solver then round differently, so the results
  differ from the 1-rank run by rounding amplified through Newton's
  tolerance (1e-8 relative residual) and ~40 steps of creep: compared to
  1e-6 relative, far below the differences any lost or doubled state
  would make (a lost creep history or contact state changes dD/D by
  percent).
- Killed, restarted, killed again and restarted: the same curves.
- Errors: --restart without checkpoints, or with other parameters than the
  checkpointed run (outside the Output subsection), exits with code 1 and
  says why. A restart in a copy of the results folder works (the Output
  subsection may differ).
"""

import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
INPUT = os.path.join(SOURCE, "apps", "compress_disc", "li_sheet.prm")
APP = None
MPIEXEC = None

OVERRIDES = [
    "Geometry/Radial elements=24",
    "Loading/Load protocol=0 : 0; 51.9 : 5.19e6; 171.9 : 5.19e6",
    "Loading/Report pressures=5.19e6",
    "Output/Field output=interval",
    "Output/Field output interval=5",
    "Output/Checkpoint interval=4",
]

try:
    import h5py  # noqa: F401

    HAVE_H5PY = True
except ImportError:
    HAVE_H5PY = False


def command(folder, extra=(), ranks=1):
    args = [APP, INPUT]
    for setting in OVERRIDES + ["Output/Folder=" + folder] + list(extra):
        args += ["--set", setting]
    if ranks > 1:
        args = [MPIEXEC, "--allow-run-as-root", "--oversubscribe", "-np", str(ranks)] + args
    return args


def read_rows(folder):
    with open(os.path.join(folder, "curves.csv")) as f:
        return [{k: float(v) for k, v in row.items()} for row in csv.DictReader(f)]


def xdmf_times(folder):
    with open(os.path.join(folder, "results.xdmf")) as f:
        text = f.read()
    return [float(part.split('"')[1]) for part in text.split("<Time Value=")[1:]]


def checkpoints(folder):
    path = os.path.join(folder, "checkpoints")
    if not os.path.isdir(path):
        return []
    return sorted(n for n in os.listdir(path) if n.startswith("step_") and "." not in n)


class Restart(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="anodemech_restart_")
        cls.reference = os.path.join(cls.tmp, "uninterrupted")
        process = subprocess.run(command(cls.reference), capture_output=True, text=True)
        if process.returncode != 0:
            raise RuntimeError("uninterrupted run failed:\n" + process.stdout + process.stderr)
        cls.reference_rows = read_rows(cls.reference)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def kill_after_checkpoints(self, folder, n_checkpoints):
        """Start a run and SIGKILL it once its newest checkpoint is the
        n-th (so, at whatever it is doing then: stepping or writing)."""
        process = subprocess.Popen(command(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 600
        try:
            while time.time() < deadline and process.poll() is None:
                found = checkpoints(folder)
                if found and int(found[-1][5:]) >= 4 * n_checkpoints:
                    break
                time.sleep(0.02)
            self.assertIsNone(process.poll(), "the run ended before it could be killed")
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
        # The last two are kept.
        self.assertLessEqual(len(checkpoints(folder)), 2)

    def check_files(self, folder, reference_rows, tolerance):
        rows = read_rows(folder)
        self.assertEqual(len(rows), len(reference_rows))
        # The active-set contact holds the contact points on the platen to
        # Newton's tolerance, so the largest penetration is round-off
        # (1e-20 m or exactly 0): it is compared to an absolute 1 pm.
        floors = {"max_penetration_m": 1e-12}
        for k, (row, ref) in enumerate(zip(rows, reference_rows)):
            for key, value in ref.items():
                scale = max(abs(value), 1e-300)
                self.assertLessEqual(
                    abs(row[key] - value), tolerance * scale + floors.get(key, 1e-300),
                    "row %d, %s: %r against %r" % (k, key, row[key], value))
        # The XDMF series: the uninterrupted run's times, each once.
        times = xdmf_times(folder)
        self.assertEqual(len(times), len(set(times)))
        self.assertEqual(times, sorted(times))
        reference_times = xdmf_times(self.reference)
        self.assertEqual(len(times), len(reference_times))
        for t, t_ref in zip(times, reference_times):
            self.assertAlmostEqual(t, t_ref, delta=tolerance * max(abs(t_ref), 1.))
        if HAVE_H5PY:
            import h5py

            with h5py.File(os.path.join(folder, "results.h5"), "r") as f:
                steps = sorted(f["fields"].keys())
                self.assertEqual(steps, ["step_%05d" % k for k in range(len(times))])
                for k, name in enumerate(steps):
                    self.assertEqual(f["fields"][name].attrs["time"], times[k])
                self.assertEqual(list(f["curves"]["time_s"][...]), [r["time_s"] for r in rows])

    def test_sigkill_and_restart_on_one_rank(self):
        folder = os.path.join(self.tmp, "one_rank")
        self.kill_after_checkpoints(folder, 3)
        process = subprocess.run(command(folder) + ["--restart"], capture_output=True, text=True)
        self.assertEqual(process.returncode, 0, process.stdout + process.stderr)
        self.assertIn("restarted from", process.stdout)
        self.check_files(folder, self.reference_rows, 1e-10)

    def test_restart_on_two_ranks(self):
        folder = os.path.join(self.tmp, "two_ranks")
        self.kill_after_checkpoints(folder, 2)
        process = subprocess.run(command(folder, ranks=2) + ["--restart"], capture_output=True, text=True)
        self.assertEqual(process.returncode, 0, process.stdout + process.stderr)
        self.assertIn("2 MPI rank(s)", process.stdout)
        self.check_files(folder, self.reference_rows, 1e-6)

    def test_restart_twice(self):
        # Killed, restarted, killed again, restarted: still the same curves.
        folder = os.path.join(self.tmp, "twice")
        self.kill_after_checkpoints(folder, 2)
        process = subprocess.Popen(command(folder) + ["--restart"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.time() + 600
        try:
            while time.time() < deadline and process.poll() is None:
                found = checkpoints(folder)
                if found and int(found[-1][5:]) >= 20:
                    break
                time.sleep(0.02)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
        process = subprocess.run(command(folder) + ["--restart"], capture_output=True, text=True)
        self.assertEqual(process.returncode, 0, process.stdout + process.stderr)
        self.check_files(folder, self.reference_rows, 1e-10)

    def test_restart_without_checkpoint(self):
        folder = os.path.join(self.tmp, "empty")
        process = subprocess.run(command(folder) + ["--restart"], capture_output=True, text=True)
        self.assertEqual(process.returncode, 1, process.stdout + process.stderr)
        self.assertIn("no checkpoint", process.stderr)

    def test_restart_with_other_parameters(self):
        folder = os.path.join(self.tmp, "changed")
        shutil.copytree(self.reference, folder)
        process = subprocess.run(command(folder, ["Platen/Friction coefficient=0.2"]) + ["--restart"],
                                 capture_output=True, text=True)
        self.assertEqual(process.returncode, 1, process.stdout + process.stderr)
        self.assertIn("parameters differ", process.stderr)
        # The refused restart left the results alone.
        self.assertEqual(read_rows(folder), self.reference_rows)


if __name__ == "__main__":
    APP = os.path.abspath(sys.argv.pop(1))
    MPIEXEC = sys.argv.pop(1)
    unittest.main()
