#!/usr/bin/env python3
"""Plot the safe stack pressure map written by stack_pressure_map.

Draws heat maps of the safe stack pressure over the first two axes of the
map (x: axis 1, y: axis 2), one panel per combination of the values of the
other axes (columns: axis 3, rows: axis 4), all on one colour scale, with
the value in MPa written in each cell. Censored cases ('not reached': the
disc did not spread by the limit up to the largest pressure) are hatched
and labelled '>p_max'; failed cases are grey and labelled 'failed'. A map
with one axis is drawn as one row of cells.

    plot_safe_pressure_map.py SAFE_PRESSURE_MAP_CSV [--output PNG]
                              [--limit PERCENT]

The CSV is stack_pressure_map's safe_pressure_map.csv: columns 'case', the
axis columns, 'safe_pressure_MPa', 'status', 'max_pressure_MPa',
'diameter_change_at_max_pressure_pct', 'failure_reason'. The default output
is safe_pressure_map.png next to the CSV; --limit (the spread limit in %)
only labels the colour bar.

Exit status: 0 done, 2 user error (missing file or column, unreadable
value, bad arguments) or matplotlib/numpy missing (Debian:
python3-matplotlib).
"""

import argparse
import csv
import itertools
import math
import os
import sys

PROG = "plot_safe_pressure_map.py"
FIRST = "case"
AFTER_AXES = ("safe_pressure_MPa", "status", "max_pressure_MPa",
              "diameter_change_at_max_pressure_pct", "failure_reason")
STATUSES = ("reached", "not reached", "failed")
LABELS = {
    "diameter_to_thickness_ratio": "diameter / thickness [-]",
    "friction_coefficient": "friction coefficient [-]",
    "temperature_C": "temperature [\u00b0C]",
    "cloth_fibre_fraction": "cloth fibre fraction [-]",
}


class UserError(Exception):
    """A problem with the input: reported in one line, exit status 2."""


def label(column):
    """Axis label: a known quantity, or a parameter path made short
    ('Material 1/Neo-Hookean elasticity/Young's modulus [Pa]' becomes
    'Material 1: Young's modulus [Pa]')."""
    if column in LABELS:
        return LABELS[column]
    parts = column.split("/")
    if len(parts) > 2:
        return "%s: %s" % (parts[0], parts[-1])
    return column


def short(value):
    return "%g" % value


def read_map(path):
    """The axis columns, the rows (dicts with floats) of the CSV."""
    if not os.path.isfile(path):
        raise UserError("no such file: %s" % path)
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        fields = reader.fieldnames or []
        if not fields or fields[0] != FIRST or \
                any(c not in fields for c in AFTER_AXES):
            raise UserError(
                "%s is not a safe_pressure_map.csv: it needs the columns "
                "'%s', the axes, %s" % (path, FIRST, ", ".join(
                    "'%s'" % c for c in AFTER_AXES)))
        axes = fields[1:fields.index(AFTER_AXES[0])]
        if not axes:
            raise UserError("%s has no axis columns" % path)
        rows = []
        for line, row in enumerate(reader, start=2):
            try:
                entry = {a: float(row[a]) for a in axes}
                entry["status"] = row["status"]
                if entry["status"] not in STATUSES:
                    raise ValueError("status '%s'" % row["status"])
                entry["safe"] = float(row["safe_pressure_MPa"]) \
                    if row["safe_pressure_MPa"] else math.nan
                entry["max"] = float(row["max_pressure_MPa"]) \
                    if row["max_pressure_MPa"] else math.nan
            except (TypeError, ValueError) as error:
                raise UserError("%s line %d: unreadable value (%s)"
                                % (path, line, error))
            rows.append(entry)
    if not rows:
        raise UserError("%s has no cases" % path)
    return axes, rows


def plot(axes, rows, output, limit):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import numpy as np
        from matplotlib.patches import Rectangle
    except ImportError as error:
        raise UserError("matplotlib and numpy are needed (%s); Debian: "
                        "apt-get install python3-matplotlib" % error)

    values = {a: sorted({r[a] for r in rows}) for a in axes}
    x_axis = axes[0]
    y_axis = axes[1] if len(axes) > 1 else None
    col_axis = axes[2] if len(axes) > 2 else None
    row_axis = axes[3] if len(axes) > 3 else None
    row_values = values[row_axis] if row_axis else [None]
    col_values = values[col_axis] if col_axis else [None]
    nx = len(values[x_axis])
    ny = len(values[y_axis]) if y_axis else 1

    safe = [r["safe"] for r in rows if r["status"] == "reached"]
    vmin = min(safe) if safe else 0.
    vmax = max(safe) if safe else 1.
    if vmax <= vmin:
        vmin, vmax = vmin - 0.5, vmax + 0.5
    cmap = plt.get_cmap("viridis")
    norm = matplotlib.colors.Normalize(vmin=vmin, vmax=vmax)

    width = 1.5 + 1.0 * nx
    height = 0.9 + 0.6 * ny
    fig, panels = plt.subplots(
        len(row_values), len(col_values), squeeze=False,
        layout="constrained",
        figsize=(max(4.5, width * len(col_values) + 1.5),
                 max(3.0, height * len(row_values) + 1.0)))
    for (i, rv), (j, cv) in itertools.product(enumerate(row_values),
                                              enumerate(col_values)):
        ax = panels[i][j]
        grid = np.full((ny, nx), np.nan)
        for r in rows:
            if row_axis and r[row_axis] != rv:
                continue
            if col_axis and r[col_axis] != cv:
                continue
            x = values[x_axis].index(r[x_axis])
            y = values[y_axis].index(r[y_axis]) if y_axis else 0
            if r["status"] == "reached":
                grid[y, x] = r["safe"]
                color = cmap(norm(r["safe"]))
                text = "%.2f" % r["safe"]
                ink = "white" if norm(r["safe"]) < 0.55 else "black"
            elif r["status"] == "not reached":
                ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1,
                                       facecolor="white", edgecolor="0.3",
                                       hatch="///", linewidth=0.5))
                text = ">%.3g" % r["max"] if not math.isnan(r["max"]) \
                    else "> max"
                color, ink = None, "black"
            else:
                ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1,
                                       facecolor="0.75", edgecolor="0.3",
                                       linewidth=0.5))
                text, color, ink = "failed", None, "black"
            if color is not None:
                ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1,
                                       facecolor=color, edgecolor="white",
                                       linewidth=0.5))
            ax.text(x, y, text, ha="center", va="center", fontsize=8,
                    color=ink,
                    bbox=None if r["status"] == "reached" else
                    dict(facecolor="white", edgecolor="none", pad=1.0))
        ax.set_xlim(-0.5, nx - 0.5)
        ax.set_ylim(-0.5, ny - 0.5)
        ax.set_xticks(range(nx))
        ax.set_xticklabels([short(v) for v in values[x_axis]])
        ax.set_xlabel(label(x_axis))
        ax.set_yticks(range(ny))
        if y_axis:
            ax.set_yticklabels([short(v) for v in values[y_axis]])
            ax.set_ylabel(label(y_axis))
        else:
            ax.set_yticklabels([])
        title = []
        if row_axis:
            title.append("%s = %s" % (label(row_axis), short(rv)))
        if col_axis:
            title.append("%s = %s" % (label(col_axis), short(cv)))
        if title:
            ax.set_title("\n".join(title), fontsize=8)
    bar = fig.colorbar(matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap),
                       ax=panels.ravel().tolist(), shrink=0.9)
    what = "safe stack pressure [MPa]"
    if limit is not None:
        what += "\n(diameter +%g %%)" % limit
    bar.set_label(what)
    fig.suptitle("Safe stack pressure; hatched: not reached up to the "
                 "pressure shown", fontsize=10)
    fig.savefig(output, dpi=120)
    plt.close(fig)


def run(argv):
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split(
        "\n\n")[0])
    parser.add_argument("csv", help="safe_pressure_map.csv")
    parser.add_argument("--output", help="PNG file (default: "
                        "safe_pressure_map.png next to the CSV)")
    parser.add_argument("--limit", type=float,
                        help="spread limit [%%], for the colour bar label")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    output = args.output or os.path.join(
        os.path.dirname(os.path.abspath(args.csv)), "safe_pressure_map.png")
    try:
        axes, rows = read_map(args.csv)
        plot(axes, rows, output, args.limit)
    except UserError as error:
        print("%s: error: %s" % (PROG, error), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
