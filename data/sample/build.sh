#!/usr/bin/env bash
# Build the bundled sample project (data/sample/kecamatan_sample.sqlite) from data/sample/src/.
#
#   data/sample/build.sh [PETADESA_CLI] [OUTPUT.sqlite]
#
# PETADESA_CLI  default: <repo>/build/dev/app/cli/petadesa-cli
# OUTPUT        default: <repo>/data/sample/kecamatan_sample.sqlite
#
# The project is built in a temporary directory next to OUTPUT and moved into place only
# when init and every import succeeded; on failure OUTPUT is left as it was and the exit
# code of the failing petadesa-cli call is returned (1 usage, 2 bad input data, 3 other).
# The src/*.geojson files are made by make_sample.py (run it after changing the generator).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
src="$here/src"

cli="${1:-$repo_root/build/dev/app/cli/petadesa-cli}"
out="${2:-$here/kecamatan_sample.sqlite}"

name="Kecamatan Alok, Alok Barat dan Alok Timur, Kab. Sikka (contoh)"
crs="EPSG:32751"   # WGS 84 / UTM 51S

# Import order: administrative areas first (the other themes refer to kode_desa),
# assets before damage records.
themes=(wilayah zona_bahaya jalan permukiman pusat_kemasyarakatan aset_desa
        bumdes_unit potensi_ekonomi titik_evakuasi kerusakan)

if [[ ! -x "$cli" ]]; then
    echo "build.sh: petadesa-cli not found or not executable: $cli" >&2
    echo "usage: $0 [PETADESA_CLI] [OUTPUT.sqlite]" >&2
    exit 1
fi
for theme in "${themes[@]}"; do
    if [[ ! -f "$src/$theme.geojson" ]]; then
        echo "build.sh: missing $src/$theme.geojson (run: /usr/bin/python3 $here/make_sample.py)" >&2
        exit 2
    fi
done

source "$here/build_lib.sh"
build_begin "$out"

run "$cli" init "$tmp" --name "$name" --crs "$crs" --illustrative
for theme in "${themes[@]}"; do
    echo "import $theme"
    run "$cli" import "$tmp" "$src/$theme.geojson" --theme "$theme"
done
build_finish "$out"
