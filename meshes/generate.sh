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

# The G-LiCFC composite disc of apps/compress_disc/g_licfc.prm: the cloth
# layer (half of 0.33 mm, material 0) under the gel-electrolyte coating
# (51.7 um, material 1), thicknesses from the recipe (composite_recipe).
if ! "${gmsh}" -2 -format msh22 -setnumber t_lithium 0.165e-3 \
  -setnumber t_layer 0.0517e-3 -setnumber n_radial 40 -setnumber n_lithium 3 \
  -setnumber n_layer 1 "$@" "${here}/disc_layered_axisymmetric.geo" \
  -o "${here}/g_licfc_axisymmetric.msh" > "${log}" 2>&1; then
  cat "${log}" >&2
  echo "generate.sh: gmsh failed on g_licfc_axisymmetric.msh" >&2
  exit 1
fi
echo "g_licfc_axisymmetric.msh: from disc_layered_axisymmetric.geo"
