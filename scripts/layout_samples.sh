#!/usr/bin/env bash
# Makes the sample print layouts in docs/layouts/ from the sample kecamatan: one A4 PDF per
# template (the evacuation map after an evacuation plan, so it shows the routes), the first
# pages of the atlas, and a PNG preview of each, so the README's pictures stay current.
#   scripts/layout_samples.sh [PETADESA-CLI] [SAMPLE.sqlite]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${1:-$root/build/release/app/cli/petadesa-cli}"
sample="${2:-$root/data/sample/kecamatan_sample.sqlite}"
out="$root/docs/layouts"
[[ -x "$cli" ]] || { echo "layout_samples.sh: $cli not found (make build-release)" >&2; exit 1; }
[[ -f "$sample" ]] || { echo "layout_samples.sh: $sample not found (make sample)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$sample" "$work/sample.sqlite"
export PETADESA_DATA_DIR="${PETADESA_DATA_DIR:-$root/data}" PETADESA_USER="${PETADESA_USER:-Tim PetaDesa}"
"$cli" analyze evacuation "$work/sample.sqlite" > /dev/null
mkdir -p "$out"
common=(--paper A4 --dpi 300 --producer "Pendamping Desa Kec. Alok (contoh)")
"$cli" layout "$work/sample.sqlite" "$out/potensi.pdf" --template potensi "${common[@]}"
"$cli" layout "$work/sample.sqlite" "$out/aset_madawat.pdf" --template aset --village Madawat "${common[@]}"
"$cli" layout "$work/sample.sqlite" "$out/evakuasi_madawat.pdf" --template evakuasi --village Madawat "${common[@]}"
"$cli" layout "$work/sample.sqlite" "$out/profil_watugong.pdf" --template profil --village Watugong "${common[@]}"
"$cli" layout "$work/sample.sqlite" "$out/lengkap.pdf" --template lengkap "${common[@]}"
"$cli" layout "$work/sample.sqlite" "$work/atlas.pdf" --template aset --atlas desa "${common[@]}"
pdfseparate -f 1 -l 3 "$work/atlas.pdf" "$work/atlas_%d.pdf"
pdfunite "$work"/atlas_1.pdf "$work"/atlas_2.pdf "$work"/atlas_3.pdf "$out/atlas_aset_halaman_1-3.pdf"
for pdf in "$out"/*.pdf; do
    pdftoppm -r 60 -png -singlefile -f 1 -l 1 "$pdf" "${pdf%.pdf}"
done
ls -la "$out"
