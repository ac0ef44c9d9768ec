#!/bin/sh
# Fails when an include breaks the layering app -> layers -> geo (STYLE.md B1).
cd "$(dirname "$0")/.." || exit 2
status=0
report() { echo "layering: $1"; status=1; }

# geo/ knows nothing of Qt, layers/ or app/.
hits=$(grep -rnE --include='*.h' --include='*.cpp' '^\s*#\s*include\s*[<"](Q|qt)|^\s*#\s*include\s*"(layers|app)/' geo 2>/dev/null)
[ -n "$hits" ] && report "geo/ includes Qt, layers/ or app/:
$hits"

# layers/ knows nothing of widgets or app/.
hits=$(grep -rnE '^\s*#\s*include\s*[<"](QWidget|QtWidgets|QMainWindow|QDialog|QApplication|QAbstractButton|QLabel|QPushButton)|^\s*#\s*include\s*"app/' layers 2>/dev/null)
[ -n "$hits" ] && report "layers/ includes widgets or app/:
$hits"

# Only geo/ includes the C libraries.
hits=$(grep -rnE '^\s*#\s*include\s*[<"](gdal|gdal_priv|ogr_[a-z_]*|ogrsf_frmts|cpl_[a-z_]*|geos_c|proj|sqlite3|spatialite)\.h[>"]' app layers tests/layers tests/cli 2>/dev/null)
[ -n "$hits" ] && report "C library headers outside geo/:
$hits"

# GEOS only through the reentrant _r API.
hits=$(grep -rnE '\bGEOS[A-Za-z_]+\(' geo | grep -vE 'GEOS[A-Za-z_]*_r\(|GEOS_init_r|GEOS_finish_r' )
[ -n "$hits" ] && report "non-reentrant GEOS calls:
$hits"

# No GDALOpen outside geo/.
hits=$(grep -rnE 'GDALOpen(Ex)?\(|GDALDataset::Open\(' app layers 2>/dev/null)
[ -n "$hits" ] && report "GDAL opened outside geo/:
$hits"

# The link lines: geo links no Qt, layers no Qt Widgets.
grep -qE 'Qt6?::' geo/CMakeLists.txt && report "geo/CMakeLists.txt links Qt"
grep -qE 'Qt6?::Widgets' layers/CMakeLists.txt && report "layers/CMakeLists.txt links Qt Widgets"

[ $status -eq 0 ] && echo "layering: ok"
exit $status
