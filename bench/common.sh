# Shared by the bench scripts (source it): the imports of the synthetic data, made once and
# reused while the GeoPackage (and, for PetaDesa, the CLI) is older than the result.
#   ogr_import GPKG OUT
#       ogr2ogr into SpatiaLite with a spatial index: the database the anchor SQL runs on.
#   pd_import CLI GPKG OUT REPORT [THEMES] [NAME]
#       a PetaDesa project (working CRS EPSG:32750): desa -> wilayah (tingkat=desa), the
#       layers named in THEMES (default: every point, line and polygon layer), then both
#       potential layers into potensi_ekonomi. REPORT: the import report CSV; NAME: the
#       project's name (printed on layouts).

ogr_import() {
    local gpkg=$1 out=$2
    if [ ! -f "$out" ] || [ "$gpkg" -nt "$out" ]; then
        rm -f "$out"
        ogr2ogr -f SQLite -dsco SPATIALITE=YES "$out" "$gpkg" \
            -lco SPATIAL_INDEX=YES -lco GEOMETRY_NAME=geom -lco FID=fid
    fi
}

pd_import() {
    local cli=$1 gpkg=$2 out=$3 report=$4
    local themes=${5:-"zona_bahaya jalan permukiman titik_evakuasi pusat_kemasyarakatan bumdes_unit aset_desa"}
    if [ -f "$out" ] && [ ! "$gpkg" -nt "$out" ] && [ ! "$cli" -nt "$out" ]; then
        return
    fi
    rm -f "$out" "$out"-wal "$out"-shm
    "$cli" init "$out" --crs EPSG:32750 ${6:+--name "$6"} > /dev/null
    "$cli" import "$out" "$gpkg" --theme wilayah --layer desa --set tingkat=desa \
        --report "$report" > /dev/null
    local layer
    for layer in $themes; do
        "$cli" import "$out" "$gpkg" --theme "$layer" --layer "$layer" --report "$report" > /dev/null
    done
    "$cli" import "$out" "$gpkg" --theme potensi_ekonomi --layer potensi_ekonomi_titik \
        --layer potensi_ekonomi_area --report "$report" > /dev/null
}
