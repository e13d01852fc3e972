#!/usr/bin/python3
"""Hostile input files (reliability point 3).

Usage: test_input_files.py <path to compress_disc> [unittest options]

- A file that includes itself, or two files that include each other: exit
  code 1 with one "Error" line that names the file and the include chain,
  at once (no SIGSEGV from an endless recursion).
- A UTF-8 byte-order mark at the start (with LF or CRLF line ends) is
  accepted: the run gives the same curves as the plain file.
- An entry set twice in one subsection: refused, naming the entry and both
  line numbers.
- A subsection without its 'end': refused, naming the subsection and the
  line where it opened.
- An input that is not a regular file (a symbolic link to /dev/zero, also
  when included) or larger than 16 MiB: refused within seconds, naming the
  file and the limit.
Every refusal: exit code 1, one "Error" line, no stack trace, nothing
computed.
"""

import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
LI_SHEET = os.path.join(SOURCE, "apps", "compress_disc", "li_sheet.prm")
APP = None

FORBIDDEN = ("Stacktrace", "Aborted", "terminate called", "An error occurred in line",
             "Segmentation fault", "core dumped")
# A short, coarse run (seconds) for the inputs that must be accepted.
SHORT = ["Geometry/Radial elements=12",
         "Loading/Load protocol=0 : 0; 1 : 1e5",
         "Loading/Report pressures=1e5"]


def li_sheet_text():
    with open(LI_SHEET) as f:
        return f.read()


def line_of(text, pattern, start=1):
    """1-based number of the first line at or after `start` matching the
    regular expression."""
    for k, line in enumerate(text.split("\n"), 1):
        if k >= start and re.search(pattern, line):
            return k
    raise AssertionError("no line matches %r" % pattern)


class InputFiles(unittest.TestCase):
    def setUp(self):
        self.tmp_dir = tempfile.TemporaryDirectory()
        self.tmp = self.tmp_dir.name

    def tearDown(self):
        self.tmp_dir.cleanup()

    def write(self, name, data):
        path = os.path.join(self.tmp, name)
        with open(path, "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)
        return path

    def run_app(self, input_file, extra=(), timeout=60, folder="out"):
        command = [APP, input_file, "--set", "Output/Folder=" + os.path.join(self.tmp, folder)]
        for setting in extra:
            command += ["--set", setting]
        start = time.time()
        try:
            process = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                     errors="replace")
        except subprocess.TimeoutExpired:
            self.fail("no answer in %d s" % timeout)
        return process, time.time() - start

    def refused(self, input_file, fragments, timeout=60):
        process, elapsed = self.run_app(input_file, timeout=timeout)
        output = process.stdout + process.stderr
        self.assertEqual(process.returncode, 1, output)
        for sign in FORBIDDEN:
            self.assertNotIn(sign, output)
        errors = [l for l in process.stderr.splitlines() if l.startswith("Error")]
        self.assertEqual(len(errors), 1, process.stderr)
        self.assertIn(input_file, errors[0])
        for fragment in fragments:
            self.assertIn(fragment, errors[0])
        self.assertNotIn("time [s]", process.stdout)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "out", "results.h5")))
        return errors[0], elapsed

    # -- include cycles ----------------------------------------------------
    def test_file_includes_itself(self):
        path = os.path.join(self.tmp, "self.prm")
        text = li_sheet_text() + "\ninclude %s\n" % path
        self.write("self.prm", text)
        n = text.count("\n")  # the include is the last line
        message, _ = self.refused(path, ["include chain", "'%s' (line %d) -> '%s'" % (path, n, path)])

    def test_two_files_include_each_other(self):
        a = os.path.join(self.tmp, "a.prm")
        b = os.path.join(self.tmp, "b.prm")
        self.write("a.prm", li_sheet_text() + "\ninclude %s\n" % b)
        self.write("b.prm", "# b\ninclude %s\n" % a)
        n_a = (li_sheet_text() + "\ninclude x\n").count("\n")
        self.refused(a, ["include chain",
                         "'%s' (line %d) -> '%s' (line 2) -> '%s'" % (a, n_a, b, a), b])

    def test_include_without_cycle_is_accepted(self):
        # The same file included twice one after the other is no cycle.
        part = self.write("part.prm", "subsection Platen\n  set Friction coefficient = 0.2\nend\n")
        path = self.write("main.prm", li_sheet_text() + "\ninclude %s\n" % part)
        process, _ = self.run_app(path, SHORT, timeout=300)
        self.assertEqual(process.returncode, 0, process.stdout + process.stderr)
        self.assertIn("Summary", process.stdout)

    # -- byte-order mark ----------------------------------------------------
    def test_byte_order_mark_is_accepted(self):
        plain, _ = self.run_app(LI_SHEET, SHORT, timeout=300, folder="plain")
        self.assertEqual(plain.returncode, 0, plain.stdout + plain.stderr)
        text = li_sheet_text()
        for name, data in (("bom.prm", b"\xef\xbb\xbf" + text.encode()),
                           ("bom_crlf.prm", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())):
            with self.subTest(file=name):
                path = self.write(name, data)
                process, _ = self.run_app(path, SHORT, timeout=300, folder="out_" + name)
                self.assertEqual(process.returncode, 0, process.stdout + process.stderr)
                with open(os.path.join(self.tmp, "plain", "curves.csv")) as f:
                    expected = list(csv.reader(f))
                with open(os.path.join(self.tmp, "out_" + name, "curves.csv")) as f:
                    self.assertEqual(list(csv.reader(f)), expected)

    def test_byte_order_mark_not_at_the_start_is_an_error(self):
        text = li_sheet_text().replace("subsection Platen", "\ufeffsubsection Platen", 1)
        process, _ = self.run_app(self.write("bom_inside.prm", text))
        self.assertEqual(process.returncode, 1, process.stdout + process.stderr)

    # -- entries set twice --------------------------------------------------
    def test_entry_set_twice(self):
        text = li_sheet_text()
        first = line_of(text, r"^  set Diameter +=")
        lines = text.split("\n")
        lines.insert(first, "  set Diameter = 16e-3")  # right after the first
        path = self.write("twice.prm", "\n".join(lines))
        self.refused(path, ["'Geometry/Diameter'", "set twice",
                            "lines %d and %d" % (first, first + 1)])

    def test_entry_set_twice_in_a_nested_subsection(self):
        text = li_sheet_text()
        start = line_of(text, r"^  subsection Norton creep$")
        first = line_of(text, r"^    set Young's modulus +=", start)
        lines = text.split("\n")
        lines.insert(start, "    set Young's modulus = 5e9")  # first in the subsection
        path = self.write("twice_nested.prm", "\n".join(lines))
        # the original line moved down by one
        self.refused(path, ["'Material 0/Norton creep/Young's modulus'",
                            "lines %d and %d" % (start + 1, first + 1)])

    # -- unclosed subsection ------------------------------------------------
    def test_unclosed_subsection(self):
        text = li_sheet_text().rstrip("\n")
        lines = text.split("\n")
        self.assertEqual(lines[-1], "end")
        opened = max(k for k, l in enumerate(lines, 1) if l.startswith("subsection "))
        name = lines[opened - 1][len("subsection "):].strip()
        path = self.write("unclosed.prm", "\n".join(lines[:-1]) + "\n")
        self.refused(path, ["subsection '%s'" % name, "opened on line %d" % opened,
                            "not closed"])

    # -- not a regular file, too large -------------------------------------
    def test_symlink_to_dev_zero(self):
        path = os.path.join(self.tmp, "zero.prm")
        os.symlink("/dev/zero", path)
        _, elapsed = self.refused(path, ["not a regular file", "16 MiB"], timeout=30)
        self.assertLess(elapsed, 10)

    def test_include_of_dev_zero(self):
        zero = os.path.join(self.tmp, "zero.prm")
        os.symlink("/dev/zero", zero)
        path = self.write("includes_zero.prm", li_sheet_text() + "\ninclude %s\n" % zero)
        _, elapsed = self.refused(path, [zero, "not a regular file", "16 MiB"], timeout=30)
        self.assertLess(elapsed, 10)

    def test_file_larger_than_16_mib(self):
        comment = "# " + "x" * 1021 + "\n"  # 1 KiB
        path = self.write("large.prm", li_sheet_text() + comment * (16 * 1024 + 1))
        self.assertGreater(os.path.getsize(path), 16 * 1024 * 1024)
        _, elapsed = self.refused(path, ["16 MiB"], timeout=30)
        self.assertLess(elapsed, 10)

    def test_file_just_below_the_limit_is_read(self):
        # 16 MiB minus a bit of comments: accepted (the limit is not lower).
        text = li_sheet_text()
        comment = "# " + "x" * 1021 + "\n"
        n = (16 * 1024 * 1024 - len(text.encode()) - 4096) // len(comment)
        path = self.write("below.prm", text + comment * n)
        process, _ = self.run_app(path, SHORT, timeout=300)
        self.assertEqual(process.returncode, 0, process.stdout + process.stderr)


if __name__ == "__main__":
    APP = os.path.abspath(sys.argv.pop(1))
    unittest.main()
