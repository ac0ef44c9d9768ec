# Shared by the sample build scripts (source it). A project is built in a temporary directory
# next to its output and moved into place only when every step succeeded, so a failure leaves
# the output as it was.
#   build_begin OUTPUT    sets $tmp_dir (removed on exit) and $tmp (the project being built)
#   run CMD ...           runs a step; on failure exits with its code (1 usage, 2 bad data, 3 other)
#   build_finish OUTPUT   moves $tmp (and any -wal/-shm) to OUTPUT

build_begin() {
    local out=$1 out_dir
    out_dir="$(dirname "$out")"
    mkdir -p "$out_dir"
    tmp_dir="$(mktemp -d "$out_dir/.$(basename "$out" .sqlite).build.XXXXXX")"
    trap 'rm -rf "$tmp_dir"' EXIT
    tmp="$tmp_dir/$(basename "$out")"
}

run() {
    local rc=0
    "$@" || rc=$?
    if [[ $rc -ne 0 ]]; then
        echo "$(basename "$0"): failed (exit $rc): $*" >&2
        exit "$rc"
    fi
}

# A WAL-mode database leaves -wal/-shm files only while a connection is open; move the main
# file and any leftovers together.
build_finish() {
    local out=$1 suffix
    for suffix in -wal -shm; do
        rm -f "$out$suffix"
    done
    mv -f "$tmp" "$out"
    for suffix in -wal -shm; do
        if [[ -e "$tmp$suffix" ]]; then
            mv -f "$tmp$suffix" "$out$suffix"
        fi
    done
    echo "wrote $out"
}
