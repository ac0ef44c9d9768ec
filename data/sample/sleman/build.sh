#!/usr/bin/env bash
# Build the second sample project, Kabupaten Sleman on the slopes of Merapi, from real public
# data only (no illustrative layers): the 86 desa of Kab. Sleman with their Kemendagri codes and
# Badan Geologi's Merapi hazard zones (KRB I-III). srtm1_merapi.tif beside this script is the
# DEM for `analyze safe-areas --dem` and a hillshade background. Sources: SOURCES.md.
#
#   data/sample/sleman/build.sh [PETADESA_CLI] [OUTPUT.sqlite]
#
# PETADESA_CLI  default: <repo>/build/release/app/cli/petadesa-cli
# OUTPUT        default: <repo>/data/sample/sleman_merapi.sqlite
#
# The project is built in a temporary directory next to OUTPUT and moved into place only when
# init and both imports succeeded; on failure OUTPUT is left as it was and the exit code of the
# failing petadesa-cli call is returned (1 usage, 2 bad input data, 3 other).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../../.." && pwd)"
cli="${1:-$repo_root/build/release/app/cli/petadesa-cli}"
out="${2:-$repo_root/data/sample/sleman_merapi.sqlite}"

if [[ ! -x "$cli" ]]; then
    echo "build.sh: petadesa-cli not found or not executable: $cli" >&2
    echo "usage: $0 [PETADESA_CLI] [OUTPUT.sqlite]" >&2
    exit 1
fi

source "$here/../build_lib.sh"
build_begin "$out"

# The shapefile is imported from a private copy: GDAL may write a .shx beside what it opens.
for ext in shp shx dbf prj; do
    cp "$here/Merapi_hazard_zone.$ext" "$tmp_dir/"
done

run "$cli" init "$tmp" --name "Kabupaten Sleman, lereng Merapi (data nyata)" --crs EPSG:32749
echo "import wilayah"
run "$cli" import "$tmp" "$here/desa_34.04_kab_sleman.geojson" --theme wilayah --set tingkat=desa
echo "import zona_bahaya"
run "$cli" import "$tmp" "$tmp_dir/Merapi_hazard_zone.shp" --theme zona_bahaya \
    --set "jenis_bahaya=letusan gunung api"

build_finish "$out"
