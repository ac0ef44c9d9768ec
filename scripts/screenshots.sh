#!/usr/bin/env bash
# Makes the screenshots of the desktop app in docs/screenshots/ from the sample project, so the
# README's pictures stay current:
#
#   scripts/screenshots.sh [PETADESA] [SAMPLE.sqlite]
#
# PETADESA  default: build/release/app/desktop/petadesa (then build/dev, build/desktop)
# SAMPLE    default: data/sample/kecamatan_sample.sqlite (built by `make sample`)
#
# Each picture is one run of `petadesa --screenshot OUT.png --state STATE` under a virtual X
# server (xvfb-run, 1600x1000): the app waits for its first render, puts the window into the
# state, waits until the canvas is idle and grabs the window with its open dialogs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
app="${1:-}"
if [[ -z "$app" ]]; then
    for candidate in build/release build/dev build/desktop; do
        if [[ -x "$root/$candidate/app/desktop/petadesa" ]]; then
            app="$root/$candidate/app/desktop/petadesa"
            break
        fi
    done
fi
sample="${2:-$root/data/sample/kecamatan_sample.sqlite}"
out="$root/docs/screenshots"

if [[ -z "$app" || ! -x "$app" ]]; then
    echo "screenshots.sh: petadesa not found; build it first (make build-release)" >&2
    exit 1
fi
if [[ ! -f "$sample" ]]; then
    echo "screenshots.sh: $sample not found; run make sample" >&2
    exit 1
fi
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run missing (apt-get install xvfb xauth)" >&2; exit 1; }

mkdir -p "$out"
# Work on a copy: screenshots never touch the sample, and settings stay out of $HOME.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$sample" "$work/kecamatan_sample.sqlite"
export XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export PETADESA_DATA_DIR="${PETADESA_DATA_DIR:-$root/data}" PETADESA_USER="${PETADESA_USER:-operator}"

shoot() {
    local name="$1" state="$2" language="$3"
    shift 3
    echo "screenshot $name ($state, $language)"
    xvfb-run -a -s "-screen 0 1600x1000x24" \
        "$app" "$work/kecamatan_sample.sqlite" --language "$language" --size 1600x1000 \
        --screenshot "$out/$name.png" --state "$state" "$@"
}

shoot main_window main id
shoot feature_form form id
shoot attribute_table table id
shoot import_dialog import id
shoot measure measure id
shoot layout_dialog layout id
shoot analysis_panel analysis id
shoot exposure_panel exposure id
shoot chart_panel chart id
shoot main_window_en main en
shoot presentation presentation id
# A raster background in the layers panel: the real AIFDR tsunami depth grid of Maumere
# (tests/data/realdata) coloured by depth with gdaldem, added on a copy of the sample
# (--background adds it as Tampilan -> Tambah latar raster does). Last: it stays in the copy.
depth="$root/tests/data/realdata/inasafe_data/maumere_tsunami/maumere_aos_depth_20m_land_wgs84.tif"
printf '%s\n' 'nv 0 0 0 0' '0 200 235 255 0' '0.1 170 220 250 220' '1 100 180 240 230' \
    '3 40 120 220 240' '8 20 60 170 250' '17 10 20 110 255' > "$work/warna_kedalaman.txt"
gdaldem color-relief -q -alpha "$depth" "$work/warna_kedalaman.txt" \
    "$work/kedalaman_tsunami.tif"
shoot raster_layers raster id --background "$work/kedalaman_tsunami.tif"
echo "wrote $out"
