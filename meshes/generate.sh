#!/usr/bin/env bash
# Regenerate the bundled disc meshes from their .geo files with gmsh
# (tested with gmsh 4.8.4). The meshes are written as ASCII .msh 2.2, which
# deal.II's GridIn::read_msh reads (see README.md).
#
#   bash meshes/generate.sh                  # all meshes, default resolution
#   bash meshes/generate.sh -setnumber n_radial 80 -setnumber n_thickness 4
#                                            # extra gmsh options for all
#                                            # (a -setnumber naming a parameter
#                                            # that a .geo lacks is ignored)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
gmsh="${GMSH:-gmsh}"
if ! command -v "${gmsh}" > /dev/null; then
  echo "generate.sh: gmsh not found (apt-get install gmsh, or set GMSH)" >&2
  exit 1
fi

log="$(mktemp)"
trap 'rm -f "${log}"' EXIT

mesh() { # <dimension> <name> [gmsh options...]
  local dim="$1" name="$2"
  shift 2
  if ! "${gmsh}" "-${dim}" -format msh22 "$@" "${here}/${name}.geo" \
    -o "${here}/${name}.msh" > "${log}" 2>&1; then
    cat "${log}" >&2
    echo "generate.sh: gmsh failed on ${name}.geo" >&2
    exit 1
  fi
  echo "${name}.msh: $(grep -A1 '^\$Elements' "${here}/${name}.msh" | tail -1)" \
    "elements (cells and tagged boundary faces)"
}

mesh 2 disc_axisymmetric "$@"
mesh 2 disc_layered_axisymmetric "$@"
mesh 3 disc_quarter_3d "$@"
