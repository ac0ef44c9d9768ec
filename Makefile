# PetaDesa: `make run` and `make test` work on a fresh Debian 12 / Ubuntu machine.
SHELL := /bin/bash

# Every Debian package the build, the tests, the sample and the benchmarks need.
DEB_PACKAGES := cmake ninja-build g++ make pkg-config git \
    libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin proj-data \
    libsqlite3-dev sqlite3 libspatialite-dev spatialite-bin \
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools \
    libqt6svg6-dev libgl-dev libgtest-dev libgmock-dev googletest clang-format \
    python3 python3-gdal python3-shapely python3-numpy \
    xvfb xauth fonts-dejavu-core poppler-utils bc time

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SAMPLE := data/sample/kecamatan_sample.sqlite
SLEMAN := data/sample/sleman_merapi.sqlite

.PHONY: bench-deps deps build build-release run run-sleman test test-dev sample sample-sleman deb bench format format-check clean

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "Installing:$$missing"; \
	    $(SUDO) apt-get update -q && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	else echo "All Debian packages are present."; fi

# QGIS and SpatiaLite's loadable module (Python's sqlite3 loads it in the routing anchor), only
# for the side-by-side benchmarks (large: not needed to build, run or test).
bench-deps: deps
	@dpkg-query -W -f='$${Status}' qgis 2>/dev/null | grep -q "install ok installed" || \
	    ($(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
	     apt-get install -y -q --no-install-recommends qgis python3-qgis qgis-providers)
	@dpkg-query -W -f='$${Status}' libsqlite3-mod-spatialite 2>/dev/null | grep -q "install ok installed" || \
	    ($(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
	     apt-get install -y -q --no-install-recommends libsqlite3-mod-spatialite)

build: deps
	cmake --preset dev
	cmake --build --preset dev

build-release: deps
	cmake --preset release
	cmake --build --preset release

# The sample kecamatan project, built from data/sample/src with the CLI.
sample: build-release
	@if [ ! -s $(SAMPLE) ] || [ -n "$$(find data/sample/src -newer $(SAMPLE) -print -quit)" ]; then \
	    rm -f $(SAMPLE); bash data/sample/build.sh build/release/app/cli/petadesa-cli $(SAMPLE); \
	fi

# The Debian package from the release build, with the sample project inside
# (build/release/petadesa_<version>_<arch>.deb; see packaging/README.md).
deb: sample
	cd build/release && cpack -G DEB

run: sample
	build/release/app/desktop/petadesa $(SAMPLE)

# The second sample, all real data: Kab. Sleman's 86 desa and the Merapi KRB zones
# (data/sample/sleman, with the SRTM crop for safe areas and a hillshade background).
sample-sleman: build-release
	@if [ ! -s $(SLEMAN) ] || [ -n "$$(find data/sample/sleman -newer $(SLEMAN) -print -quit)" ]; then \
	    rm -f $(SLEMAN); bash data/sample/sleman/build.sh build/release/app/cli/petadesa-cli $(SLEMAN); \
	fi

run-sleman: sample-sleman
	build/release/app/desktop/petadesa $(SLEMAN)

# Every test, in the ASan+UBSan build (as CI runs it).
test: deps
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

test-dev: build
	ctest --preset dev

bench: build-release bench-deps
	bash bench/run.sh
	bash bench/render.sh

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

format-check:
	clang-format --dry-run -Werror $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf build
