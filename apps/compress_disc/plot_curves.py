#!/usr/bin/env python3
"""Plot the compression curves written by compress_disc.

Draws the diameter change and the thickness change (reduction) of the disc
against the nominal pressure, one line per results folder, two panels side
by side, with the measured points of Zhu et al. (Ind. Chem. Mater. 2026,
Fig. 4c,d) as markers.

    plot_curves.py RESULTS_FOLDER [RESULTS_FOLDER...]
                   [--paper data/zhu2026_compression.csv]
                   [--material li_sheet|g_licfc_composite|none]
                   [--label NAME ...] [--output PNG] [--from-h5]

Each folder holds the curves.csv of compress_disc (or, with --from-h5, its
results.h5 with the same columns as 1-D datasets in the group /curves).
The default output is the first folder's curves.png.

Exit status: 0 done, 2 user error (missing folder or file, missing column,
unreadable value, missing paper file, bad arguments). Needs matplotlib;
--from-h5 also needs h5py (Debian: python3-matplotlib, python3-h5py).
"""

import argparse
import csv
import math
import os
import sys

try:
    import numpy as np
except ImportError:  # reported as a user error by run()
    np = None

CURVES_CSV = "curves.csv"
RESULTS_H5 = "results.h5"
H5_GROUP = "curves"
MATERIAL_HINT = "material"

#: All columns of curves.csv, in the order compress_disc writes them.
COLUMNS = (
    "time_s", "time_step_s", "nominal_pressure_Pa", "platen_force_N",
    "thickness_m", "diameter_m", "diameter_change_pct",
    "thickness_change_pct", "contact_area_m2", "max_penetration_m",
    "newton_iterations", "on_target",
)
#: The columns the plot needs; the others are read when present.
REQUIRED = ("nominal_pressure_Pa", "diameter_change_pct",
            "thickness_change_pct")

MATERIALS = ("li_sheet", "g_licfc_composite")
MATERIAL_NAMES = {
    "li_sheet": "Li sheet",
    "g_licfc_composite": "G-Li/CFC composite",
}
PAPER_COLUMNS = ("material", "pressure_MPa", "diameter_change_pct",
                 "thickness_change_pct")
PAPER_CITATION = "Zhu et al. 2026"

PROG = "plot_curves.py"


class UserError(Exception):
    """An error in the user's input: reported in one line, exit status 2."""


def warn(message):
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def default_paper_file():
    """data/zhu2026_compression.csv of the repository holding this script."""
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(
        os.path.join(here, os.pardir, os.pardir, "data",
                     "zhu2026_compression.csv"))


# ----------------------------------------------------------------- reading

def _check_folder(folder):
    if not os.path.exists(folder):
        raise UserError(f"results folder '{folder}' does not exist")
    if not os.path.isdir(folder):
        raise UserError(f"'{folder}' is not a folder")


def _read_csv(folder):
    path = os.path.join(folder, CURVES_CSV)
    if not os.path.isfile(path):
        raise UserError(f"no {CURVES_CSV} in '{folder}'")
    try:
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise UserError(f"cannot read '{path}': {e}") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise UserError(f"'{path}' is empty (no header line)")
    header = [name.strip() for name in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise UserError(f"'{path}' lacks the column(s) {', '.join(missing)}"
                        f" (header: {','.join(header)})")
    values = []
    for line_no, row in enumerate(rows[1:], start=2):
        if not row or not any(cell.strip() for cell in row):
            continue  # tolerate blank lines, e.g. at the end
        if len(row) != len(header):
            raise UserError(f"'{path}' line {line_no}: {len(row)} fields,"
                            f" the header has {len(header)}")
        try:
            values.append([float(cell) for cell in row])
        except ValueError:
            bad = next(c for c in row if not _is_float(c))
            raise UserError(f"'{path}' line {line_no}: '{bad}' is not a"
                            f" number") from None
    table = np.array(values, dtype=float).reshape(len(values), len(header))
    return {name: table[:, i] for i, name in enumerate(header)}


def _is_float(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def _read_h5(folder):
    path = os.path.join(folder, RESULTS_H5)
    if not os.path.isfile(path):
        raise UserError(f"no {RESULTS_H5} in '{folder}'")
    try:
        import h5py
    except ImportError:
        raise UserError("--from-h5 needs h5py (Debian: apt-get install"
                        " python3-h5py)") from None
    try:
        with h5py.File(path, "r") as f:
            if H5_GROUP not in f or not isinstance(f[H5_GROUP], h5py.Group):
                raise UserError(f"'{path}' has no group /{H5_GROUP}")
            group = f[H5_GROUP]
            missing = [n for n in REQUIRED
                       if n not in group or
                       not isinstance(group[n], h5py.Dataset)]
            if missing:
                raise UserError(f"'{path}' lacks the dataset(s) "
                                + ", ".join(f"/{H5_GROUP}/{n}"
                                            for n in missing))
            data = {}
            for name, item in group.items():
                if not isinstance(item, h5py.Dataset):
                    continue
                if item.ndim != 1:
                    if name in REQUIRED:
                        raise UserError(f"'{path}': /{H5_GROUP}/{name} is"
                                        f" not 1-D (shape {item.shape})")
                    continue
                try:
                    data[name] = np.asarray(item[()], dtype=float)
                except (TypeError, ValueError):
                    if name in REQUIRED:
                        raise UserError(f"'{path}': /{H5_GROUP}/{name} is"
                                        f" not numeric") from None
                    continue
                units = item.attrs.get("units")
                if isinstance(units, bytes):
                    units = units.decode()
                expected = {"nominal_pressure_Pa": "Pa",
                            "diameter_change_pct": "%",
                            "thickness_change_pct": "%"}.get(name)
                if (expected and units is not None
                        and str(units) not in (expected, "percent", "pct")):
                    warn(f"'{path}': /{H5_GROUP}/{name} has units"
                         f" '{units}', expected '{expected}'")
    except OSError as e:
        raise UserError(f"cannot read '{path}': {e}") from None
    lengths = {len(v) for v in data.values()}
    if len(lengths) > 1:
        raise UserError(f"'{path}': the datasets in /{H5_GROUP} differ in"
                        f" length ({sorted(lengths)})")
    # Same column order as curves.csv, then any extra datasets.
    order = [n for n in COLUMNS if n in data] + \
            sorted(n for n in data if n not in COLUMNS)
    return {n: data[n] for n in order}


def read_curves(folder, from_h5=False):
    """Read the curves of one results folder.

    Returns a dict from column name to a 1-D float numpy array (all of the
    same length, possibly zero), from FOLDER/curves.csv or, with from_h5,
    from the group /curves of FOLDER/results.h5. Raises UserError if the
    folder or file is missing, a required column is absent, or a value is
    not a number.
    """
    _check_folder(folder)
    return _read_h5(folder) if from_h5 else _read_csv(folder)


def read_paper(path):
    """Read the paper's points: dict from material to a list of
    (pressure_MPa, diameter_change_pct, thickness_change_pct), NaN where a
    field is empty."""
    if not os.path.isfile(path):
        raise UserError(f"paper data file '{path}' not found")
    try:
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            header = [n.strip() for n in (reader.fieldnames or [])]
            missing = [n for n in PAPER_COLUMNS if n not in header]
            if missing:
                raise UserError(f"paper data file '{path}' lacks the"
                                f" column(s) {', '.join(missing)}")
            reader.fieldnames = header
            points = {}
            for line_no, row in enumerate(reader, start=2):
                material = (row["material"] or "").strip()
                if not material:
                    continue
                try:
                    point = tuple(_float_or_nan(row[n])
                                  for n in PAPER_COLUMNS[1:])
                except ValueError as e:
                    raise UserError(f"paper data file '{path}' line"
                                    f" {line_no}: {e}") from None
                points.setdefault(material, []).append(point)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise UserError(f"cannot read paper data file '{path}': {e}") \
            from None
    return points


def _float_or_nan(text):
    text = (text or "").strip()
    if not text:
        return math.nan
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None


def guess_material(folders):
    """The material named in the first folder's `material` hint file, else
    li_sheet."""
    guesses = []
    for folder in folders:
        path = os.path.join(folder, MATERIAL_HINT)
        if not os.path.isfile(path):
            continue
        try:
            with open(path) as f:
                text = f.read().strip().lower()
        except (OSError, UnicodeDecodeError):
            warn(f"cannot read the material hint '{path}'")
            continue
        if text in MATERIALS:
            guess = text
        elif any(w in text for w in ("licfc", "composite", "cfc", "fib")):
            guess = "g_licfc_composite"
        elif "li" in text:
            guess = "li_sheet"
        else:
            warn(f"material hint '{path}' ('{text}') names no known material"
                 f" ({', '.join(MATERIALS)})")
            continue
        guesses.append((folder, guess))
    if not guesses:
        return "li_sheet"
    if len({g for _, g in guesses}) > 1:
        warn("the material hints disagree ("
             + ", ".join(f"{f}: {g}" for f, g in guesses)
             + f"); showing the paper's points for {guesses[0][1]}")
    return guesses[0][1]


# ---------------------------------------------------------------- plotting

def plot(runs, paper_sets, output, title=None):
    """runs: list of (label, curves dict); paper_sets: list of
    (material, points), points a list of (p_MPa, dD_pct, dh_pct)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax_d, ax_h) = plt.subplots(1, 2, figsize=(11.0, 4.6),
                                     constrained_layout=True)
    panels = ((ax_d, "diameter_change_pct", "Diameter change (%)",
               "Diameter growth"),
              (ax_h, "thickness_change_pct", "Thickness change (%)",
               "Thickness reduction"))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, (label, curves) in enumerate(runs):
        p = curves["nominal_pressure_Pa"] * 1e-6
        color = colors[i % len(colors)]
        on_target = curves.get("on_target")
        for ax, column, _, _ in panels:
            y = curves[column]
            if len(p) == 0:
                # keeps the run in the legend
                ax.plot([], [], "-", color=color, label=f"{label} (no data)")
                continue
            ax.plot(p, y, "-", color=color, lw=1.8, label=label,
                    marker="o" if len(p) == 1 else None, ms=5)
            if on_target is not None and len(p) > 1:
                mask = on_target > 0.5
                if mask.any():
                    ax.plot(p[mask], y[mask], "o", color=color, ms=4,
                            mec="white", mew=0.6, zorder=3)
    for index, (material, paper_points) in enumerate(paper_sets):
        pts = np.array(paper_points, dtype=float).reshape(-1, 3)
        name = f"{PAPER_CITATION}, {MATERIAL_NAMES.get(material, material)}"
        marker = "s^Dv"[index % 4]
        for k, (ax, column, _, _) in enumerate(panels, start=1):
            mask = np.isfinite(pts[:, 0]) & np.isfinite(pts[:, k])
            ax.plot(pts[mask, 0], pts[mask, k], marker, ms=7, mfc="none",
                    mec="black", mew=1.4, zorder=4, label=name)
    for ax, _, ylabel, heading in panels:
        ax.set_xlabel("Nominal pressure (MPa)")
        ax.set_ylabel(ylabel)
        ax.set_title(heading, fontsize="medium")
        ax.grid(True, color="0.88", lw=0.6)
        ax.set_axisbelow(True)
        ax.set_xlim(left=0.0)
        ax.set_ylim(bottom=min(0.0, ax.get_ylim()[0]))
    handles, labels = ax_d.get_legend_handles_labels()
    if handles:
        ax_d.legend(handles, labels, loc="upper left", fontsize="small",
                    frameon=True, framealpha=0.9)
    fig.suptitle(title or "Disc compression between steel plates: "
                 "diameter and thickness change vs. pressure")
    fig.savefig(output, dpi=150)
    plt.close(fig)


# -------------------------------------------------------------------- main

def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Plot diameter and thickness change against nominal "
                    "pressure from compress_disc results, with the measured "
                    "points of Zhu et al. (Ind. Chem. Mater. 2026, Fig. 4c,d).")
    parser.add_argument("folders", nargs="+", metavar="RESULTS_FOLDER",
                        help="folder with curves.csv (or results.h5)")
    parser.add_argument("--paper", metavar="CSV",
                        help="the paper's points (default: "
                             "data/zhu2026_compression.csv of the repository)")
    parser.add_argument("--material", choices=MATERIALS + ("all", "none"),
                        help="whose measured points to show (default: from "
                             "a 'material' file in the first results folder, "
                             "else li_sheet; all: every material's; none: no "
                             "points)")
    parser.add_argument("--label", nargs="+", action="extend",
                        metavar="NAME",
                        help="legend name of each run, in folder order "
                             "(default: the folder names)")
    parser.add_argument("--output", "-o", metavar="PNG",
                        help="image to write (default: "
                             "RESULTS_FOLDER/curves.png of the first folder)")
    parser.add_argument("--from-h5", action="store_true",
                        help="read /curves of results.h5 instead of "
                             "curves.csv")
    parser.add_argument("--title", help="figure title")
    args = parser.parse_args(argv)
    if args.label is not None and len(args.label) != len(args.folders):
        parser.error(f"{len(args.label)} --label name(s) for"
                     f" {len(args.folders)} results folder(s)")
    return args


def run(argv):
    args = parse_args(argv)

    try:
        if np is None:
            raise ImportError("numpy")
        import matplotlib  # noqa: F401
    except ImportError:
        raise UserError("needs matplotlib (Debian: apt-get install "
                        "python3-matplotlib)") from None

    runs = []
    labels = args.label or [os.path.basename(os.path.abspath(f)) or f
                            for f in args.folders]
    for folder, label in zip(args.folders, labels):
        curves = read_curves(folder, from_h5=args.from_h5)
        n = len(curves["nominal_pressure_Pa"])
        source = RESULTS_H5 if args.from_h5 else CURVES_CSV
        if n == 0:
            warn(f"'{os.path.join(folder, source)}' has no rows; nothing to"
                 f" plot for '{label}'")
        elif n == 1:
            warn(f"'{os.path.join(folder, source)}' has a single row; "
                 f"'{label}' is drawn as one point")
        runs.append((label, curves))

    material = args.material or guess_material(args.folders)
    paper_points = None
    paper_sets = []
    if material != "none":
        paper = args.paper
        if paper is None and not os.path.isfile(default_paper_file()):
            warn(f"paper data '{default_paper_file()}' not found (give "
                 f"--paper, or --material none); plotting without it")
        else:
            points = read_paper(paper or default_paper_file())
            paper_points = points.get(material)
            if material == "all":
                paper_sets = [(m, points[m]) for m in MATERIALS if points.get(m)]
                paper_points = paper_sets
            if not paper_points:
                message = (f"paper data file '{paper or default_paper_file()}'"
                           f" has no points for '{material}'")
                if args.material:
                    raise UserError(message)
                warn(message)

    output = args.output or os.path.join(args.folders[0], "curves.png")
    out_dir = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(out_dir):
        raise UserError(f"output folder '{out_dir}' does not exist")
    try:
        if paper_points and material != "all":
            paper_sets = [(material, paper_points)]
        plot(runs, paper_sets, output, title=args.title)
    except OSError as e:
        raise UserError(f"cannot write '{output}': {e}") from None
    print(f"{PROG}: wrote {output}")
    return 0


def main(argv=None):
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except UserError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
