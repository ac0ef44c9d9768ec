#!/usr/bin/env bash
# Builds the .deb from this build directory's binaries (cpack), checks its metadata and file
# list, unpacks it into an empty directory tree with dpkg-deb -x and runs the unpacked programs
# there: petadesa-cli --version, init + import + render to PNG, and the desktop app's
# screenshot mode. The unpacked programs run with a clean environment from another directory.
#
# Proof that they read the unpacked data (…/usr/share/petadesa) and not the source tree's
# data/: the unpacked copy of styles/wilayah.json is changed to fill villages magenta, and the
# render must contain magenta pixels (the source tree's style has no fill at all).
#
#   deb_test.sh CPACK BUILD_DIR SOURCE_DIR VERSION
#
# In CI this packages the ASan+UBSan build: its binaries link libasan and run as they are
# (the sanitizer options of the test environment pass through).
set -euo pipefail

cpack="$1" build="$2" source="$3" version="$4"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
    echo "deb_test: $*" >&2
    exit 1
}

# 1. The package. gzip and stripped binaries keep this quick; the release package uses xz.
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/package" \
    -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack failed"; }
deb="$(find "$work/package" -maxdepth 1 -name "petadesa_${version}_*.deb" | head -n 1)"
[[ -f "$deb" ]] || { cat "$work/cpack.log"; fail "no petadesa_${version}_*.deb"; }

# 2. Metadata: the Depends line names the libraries the programs link and the run-time data.
info="$(dpkg-deb -I "$deb")"
depends="$(sed -n 's/^ Depends: //p' <<<"$info")"
echo "Depends: $depends"
for package in libgdal libgeos-c libproj libspatialite libsqlite3 libqt6core6 libqt6widgets6 \
    libqt6svg6 qt6-qpa-plugins proj-data fonts-dejavu-core; do
    grep -q "$package" <<<"$depends" || fail "Depends lacks $package"
done

# 3. Contents.
contents="$(dpkg-deb -c "$deb" | awk '{print $6}')"
for path in ./usr/bin/petadesa ./usr/bin/petadesa-cli \
    ./usr/share/applications/petadesa.desktop \
    ./usr/share/icons/hicolor/scalable/apps/petadesa.svg \
    ./usr/share/petadesa/vocab/ ./usr/share/petadesa/styles/wilayah.json \
    ./usr/share/petadesa/icons/ ./usr/share/petadesa/fonts/DejaVuSans.ttf; do
    grep -qxF "$path" <<<"$contents" || fail "the package lacks $path"
done
if grep -q 'build/\|/work/\|\.o$' <<<"$contents"; then
    fail "the package holds build files"
fi

# 4. Unpack into an empty tree and run from there, nothing from the source or build tree on
#    any path: a clean environment, another working directory.
root="$work/root"
dpkg-deb -x "$deb" "$root"
desktop="$root/usr/share/applications/petadesa.desktop"
for key in 'Name=' 'Name\[id\]=' 'Name\[en\]=' 'Comment\[id\]=' 'Comment\[en\]=' 'Icon=petadesa' \
    'Exec=petadesa'; do
    grep -q "^$key" "$desktop" || fail "desktop entry lacks $key"
done
/usr/bin/python3 - "$root/usr/share/petadesa/styles/wilayah.json" <<'EOF'
import json, sys
path = sys.argv[1]
style = json.load(open(path))
for category in style["categories"]:
    if category["value"] in ("desa", "kelurahan"):
        category["fill"] = "#FF00FF"
json.dump(style, open(path, "w"))
EOF
mkdir -p "$work/run" "$work/home" "$work/input" && chmod 700 "$work/home"
# Input files only (data lookup is what is under test): copied out of the source tree.
cp "$source/data/sample/src/wilayah.geojson" "$source/data/sample/src/jalan.geojson" "$work/input/"
cd "$work/run"
run() {
    env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        XDG_RUNTIME_DIR="$work/home" PROJ_NETWORK=OFF \
        ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} ${LSAN_OPTIONS:+LSAN_OPTIONS="$LSAN_OPTIONS"} \
        ${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} "$@"
}
cli="$root/usr/bin/petadesa-cli"
out="$(run "$cli" --version)"
[[ "$out" == "petadesa-cli $version" ]] || fail "--version printed '$out'"
run "$cli" init uji.sqlite --name "Uji paket" >/dev/null
run "$cli" import uji.sqlite "$work/input/wilayah.geojson" --theme wilayah >/dev/null
run "$cli" import uji.sqlite "$work/input/jalan.geojson" --theme jalan >/dev/null
run "$cli" render uji.sqlite peta.png --size 800x600 >/dev/null

# 5. The PNG: the right size, not one colour, and villages filled magenta by the unpacked style.
/usr/bin/python3 - peta.png <<'EOF'
import sys
from osgeo import gdal
import numpy as np
dataset = gdal.Open(sys.argv[1])
if dataset is None:
    sys.exit("peta.png is not a readable image")
bands = dataset.ReadAsArray().astype(int)
assert dataset.RasterXSize == 800 and dataset.RasterYSize == 600, "size"
rgb = bands[:3]
colours = len(np.unique(rgb.reshape(3, -1), axis=1).T)
assert colours > 20, f"only {colours} colours"
magenta = np.count_nonzero((rgb[0] > 200) & (rgb[1] < 80) & (rgb[2] > 200))
print(f"peta.png: {colours} colours, {magenta} magenta pixels")
assert magenta > 1000, "no magenta villages: the data did not come from the package"
EOF

# 6. The desktop app from the package, offscreen: opens the project and grabs its window.
run "$root/usr/bin/petadesa" uji.sqlite --screenshot jendela.png --state main --size 1000x700 \
    >petadesa.log 2>&1 || { cat petadesa.log; fail "petadesa --screenshot failed"; }
[[ -s jendela.png ]] || fail "petadesa wrote no screenshot"
echo "deb_test: ok ($(basename "$deb"), $(du -h "$deb" | cut -f1))"
