#!/usr/bin/python3
"""Data loss (reliability point 1): a new run must not destroy another run's
results, and a run prunes only its own checkpoints.

Usage: test_data_loss.py <path to compress_disc> [unittest options]

The case: the bundled lithium sheet on a coarse mesh (as in
test_restart.py), loaded to 5.19 MPa and held, a checkpoint every 4 steps.

- A new run (no --restart) into a folder that holds results.h5 or
  checkpoints of another run is refused before any computing: exit code 1,
  one "Error" line that names the folder and says to use --overwrite or
  --restart; the old files are left byte for byte as they were.
- With --overwrite the old run's files (results, checkpoints, also foreign
  ones) are removed first and the new run gives the same curves as the
  first run into an empty folder. --overwrite with --restart is a bad
  command line (exit code 2).
- Each run has its own run id (16 hex digits) in <folder>/run_id and in
  every checkpoint it writes; two runs have different ids.
- Pruning and restart go by the run id and the step number: with a foreign
  checkpoint of a later step (another run id) and one of the run's own
  checkpoints renamed so that its name sorts after the newer ones
  (step_8 > step_000012 as text), --restart continues from the run's own
  newest checkpoint by number, the run keeps its two newest checkpoints and
  deletes its older ones, and the foreign one stays.
"""

import csv
import os
import re
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

OVERRIDES = [
    "Geometry/Radial elements=24",
    "Loading/Load protocol=0 : 0; 51.9 : 5.19e6; 171.9 : 5.19e6",
    "Loading/Report pressures=5.19e6",
    "Output/Field output=interval",
    "Output/Field output interval=5",
    "Output/Checkpoint interval=4",
]
INTERVAL = 4

FORBIDDEN = ("Stacktrace", "Aborted", "terminate called", "An error occurred in line",
             "Segmentation fault", "core dumped")
FOREIGN_ID = "0123456789abcdef"


def command(folder, extra=()):
    args = [APP, INPUT]
    for setting in OVERRIDES + ["Output/Folder=" + folder]:
        args += ["--set", setting]
    return args + list(extra)


def read_rows(folder):
    with open(os.path.join(folder, "curves.csv")) as f:
        return [{k: float(v) for k, v in row.items()} for row in csv.DictReader(f)]


def checkpoint_steps(folder):
    """{name: step number} of the complete checkpoints (named step_<digits>)."""
    path = os.path.join(folder, "checkpoints")
    if not os.path.isdir(path):
        return {}
    return {n: int(n[5:]) for n in os.listdir(path) if re.fullmatch(r"step_\d+", n)}


def read_id(path):
    with open(path) as f:
        return f.read().strip()


def snapshot(folder):
    """Every file below folder -> its bytes."""
    files = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, folder)] = f.read()
    return files


class DataLoss(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="anodemech_data_loss_")
        cls.first = os.path.join(cls.tmp, "first")
        process = subprocess.run(command(cls.first), capture_output=True, text=True, timeout=900)
        if process.returncode != 0:
            raise RuntimeError("first run failed:\n" + process.stdout + process.stderr)
        cls.first_rows = read_rows(cls.first)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def assert_refused(self, folder, process):
        output = process.stdout + process.stderr
        self.assertEqual(process.returncode, 1, output)
        for sign in FORBIDDEN:
            self.assertNotIn(sign, output)
        errors = [l for l in process.stderr.splitlines() if l.startswith("Error")]
        self.assertEqual(len(errors), 1, process.stderr)
        self.assertIn("'%s'" % folder, errors[0])
        self.assertIn("--overwrite", errors[0])
        self.assertIn("--restart", errors[0])
        # nothing computed
        self.assertNotIn("time [s]", process.stdout)

    def test_new_run_into_a_folder_with_results_is_refused(self):
        folder = os.path.join(self.tmp, "refused")
        shutil.copytree(self.first, folder)
        before = snapshot(folder)
        self.assertIn("results.h5", before)
        process = subprocess.run(command(folder), capture_output=True, text=True, timeout=300)
        self.assert_refused(folder, process)
        self.assertIn("results.h5", process.stderr)
        self.assertEqual(snapshot(folder), before)

    def test_new_run_into_a_folder_with_only_checkpoints_is_refused(self):
        folder = os.path.join(self.tmp, "only_checkpoints")
        os.mkdir(folder)
        shutil.copytree(os.path.join(self.first, "checkpoints"), os.path.join(folder, "checkpoints"))
        before = snapshot(folder)
        process = subprocess.run(command(folder), capture_output=True, text=True, timeout=300)
        self.assert_refused(folder, process)
        self.assertIn("checkpoints", process.stderr)
        self.assertEqual(snapshot(folder), before)

    def test_overwrite_removes_the_old_run(self):
        folder = os.path.join(self.tmp, "overwritten")
        shutil.copytree(self.first, folder)
        # a checkpoint of yet another run, which must go too
        foreign = os.path.join(folder, "checkpoints", "step_000100")
        shutil.copytree(os.path.join(folder, "checkpoints", sorted(checkpoint_steps(folder))[-1]),
                        foreign)
        with open(os.path.join(foreign, "run_id"), "w") as f:
            f.write(FOREIGN_ID + "\n")
        old_id = read_id(os.path.join(folder, "run_id"))
        process = subprocess.run(command(folder, ["--overwrite"]), capture_output=True, text=True,
                                 timeout=900)
        self.assertEqual(process.returncode, 0, process.stdout + process.stderr)
        self.assertFalse(os.path.exists(foreign))
        new_id = read_id(os.path.join(folder, "run_id"))
        self.assertNotEqual(new_id, old_id)
        for name in checkpoint_steps(folder):
            self.assertEqual(read_id(os.path.join(folder, "checkpoints", name, "run_id")), new_id)
        # the same run as the first: the same curves (bit for bit the same
        # arithmetic; 17-digit text)
        rows = read_rows(folder)
        self.assertEqual(len(rows), len(self.first_rows))
        for row, ref in zip(rows, self.first_rows):
            for key, value in ref.items():
                self.assertLessEqual(abs(row[key] - value), 1e-12 * abs(value) + 1e-300, key)

    def test_overwrite_with_restart_is_a_usage_error(self):
        folder = os.path.join(self.tmp, "both_flags")
        process = subprocess.run(command(folder, ["--overwrite", "--restart"]),
                                 capture_output=True, text=True, timeout=300)
        self.assertEqual(process.returncode, 2, process.stdout + process.stderr)
        self.assertIn("--overwrite", process.stderr)
        self.assertFalse(os.path.exists(os.path.join(folder, "results.h5")))

    def test_run_ids(self):
        run_id = read_id(os.path.join(self.first, "run_id"))
        self.assertRegex(run_id, r"^[0-9a-f]{16}$")
        steps = checkpoint_steps(self.first)
        self.assertEqual(len(steps), 2)
        for name in steps:
            self.assertEqual(read_id(os.path.join(self.first, "checkpoints", name, "run_id")), run_id)
        # a second run into another folder has another id
        other = os.path.join(self.tmp, "second")
        process = subprocess.run(command(other, ["--set", "Loading/Load protocol=0 : 0; 5.19 : 5.19e5",
                                                 "--set", "Loading/Report pressures=5.19e5"]),
                                 capture_output=True, text=True, timeout=300)
        self.assertEqual(process.returncode, 0, process.stdout + process.stderr)
        self.assertNotEqual(read_id(os.path.join(other, "run_id")), run_id)

    def test_pruning_by_run_id_and_step_number(self):
        folder = os.path.join(self.tmp, "pruning")
        process = subprocess.Popen(command(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 600
        try:
            while time.time() < deadline and process.poll() is None:
                steps = checkpoint_steps(folder).values()
                if steps and max(steps) >= 3 * INTERVAL:
                    break
                time.sleep(0.02)
            self.assertIsNone(process.poll(), "the run ended before it could be killed")
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
        cp = os.path.join(folder, "checkpoints")
        # the complete ones (a kill while one is removed may leave a part)
        steps = {n: s for n, s in checkpoint_steps(folder).items()
                 if os.path.exists(os.path.join(cp, n, "run_id"))}
        self.assertGreaterEqual(len(steps), 2)
        newest = max(steps, key=steps.get)
        own_id = read_id(os.path.join(folder, "run_id"))
        # another run's checkpoint with a later step number
        shutil.copytree(os.path.join(cp, newest), os.path.join(cp, "step_900000"))
        with open(os.path.join(cp, "step_900000", "run_id"), "w") as f:
            f.write(FOREIGN_ID + "\n")
        # the run's older checkpoint under a name that sorts last as text
        older = min(steps, key=steps.get)
        renamed = "step_%d" % steps[older]
        self.assertGreater(renamed, newest)
        os.rename(os.path.join(cp, older), os.path.join(cp, renamed))

        process = subprocess.run(command(folder, ["--restart"]), capture_output=True, text=True,
                                 timeout=900)
        self.assertEqual(process.returncode, 0, process.stdout + process.stderr)
        self.assertIn("restarted from %s " % os.path.join(cp, newest), process.stdout)
        # the foreign checkpoint is untouched, the renamed old one is gone,
        # and the run's two newest by step number are kept
        final = checkpoint_steps(folder)
        self.assertIn("step_900000", final)
        self.assertEqual(read_id(os.path.join(cp, "step_900000", "run_id")), FOREIGN_ID)
        self.assertNotIn(renamed, final)
        n_steps = len(read_rows(folder)) - 1
        last = n_steps // INTERVAL * INTERVAL
        own = sorted(s for n, s in final.items() if n != "step_900000")
        self.assertEqual(own, [last - INTERVAL, last])
        for name, s in final.items():
            if name != "step_900000":
                self.assertEqual(read_id(os.path.join(cp, name, "run_id")), own_id)
        # and the results are the uninterrupted run's
        self.assertEqual(len(read_rows(folder)), len(self.first_rows))


if __name__ == "__main__":
    APP = os.path.abspath(sys.argv.pop(1))
    unittest.main()
