#!/bin/sh
# Fails when a tr() string of app/desktop has no English translation in petadesa_en.ts:
# lupdate reads the sources into a copy of the .ts, which must have no unfinished message.
#   translations_test.sh LUPDATE APP_DESKTOP_DIR
set -eu
lupdate="$1"
source="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$source/translations/petadesa_en.ts" "$work/petadesa_en.ts"
"$lupdate" -silent -no-obsolete -locations none -I "$source/../.." "$source" \
    -ts "$work/petadesa_en.ts" >/dev/null 2>&1
unfinished=$(grep -c 'type="unfinished"' "$work/petadesa_en.ts" || true)
if [ "$unfinished" -ne 0 ]; then
    echo "translations: $unfinished interface strings have no English translation:"
    grep -B2 'type="unfinished"' "$work/petadesa_en.ts" | grep '<source>' | sed 's/^ */  /'
    echo "run: cmake --build BUILD --target update_translations, then translate them"
    exit 1
fi
echo "translations: every interface string has an English translation"
