# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
# pacreport: build, install, uninstall, Debian package.
#   make                      release build (Swift runtime linked statically)
#   make install PREFIX=...   binary, templates, fonts, manual page, completions
#   make uninstall PREFIX=... removes exactly what install put there
#   make deb                  dist/pacreport_VERSION_amd64.deb (dpkg-deb)

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
SCRATCH := .build-static
VERSION := $(shell sed -n 's/.*current = "\(.*\)"/\1/p' Sources/PacBase/Version.swift)
ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
BIN := $(SCRATCH)/release/pacreport
GEN := $(SCRATCH)/generated

root := $(DESTDIR)$(PREFIX)
files := bin/pacreport share/man/man1/pacreport.1 \
	share/bash-completion/completions/pacreport \
	share/zsh/site-functions/_pacreport \
	share/fish/vendor_completions.d/pacreport.fish

.PHONY: all build install uninstall deb clean-dist

all: build

build: $(BIN) $(GEN)/pacreport.1

$(BIN): Package.swift $(shell find Sources -type f)
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(SCRATCH) --product pacreport

# The manual page and the completions come from the same help text as --help.
$(GEN)/pacreport.1: $(BIN)
	mkdir -p $(GEN)
	# (the plugin builds its own copy: in another folder, so the static binary stays as it is)
	$(SWIFT) package --scratch-path $(SCRATCH)-manual plugin generate-manual --configuration debug --date 2026-01-01 >/dev/null
	cp $(SCRATCH)-manual/plugins/GenerateManual/outputs/pacreport/pacreport.1 $(GEN)/pacreport.1
	$(BIN) --generate-completion-script bash > $(GEN)/pacreport.bash
	$(BIN) --generate-completion-script zsh > $(GEN)/_pacreport
	$(BIN) --generate-completion-script fish > $(GEN)/pacreport.fish

install: build
	install -d $(root)/bin $(root)/share/pacreport $(root)/share/man/man1 \
		$(root)/share/bash-completion/completions $(root)/share/zsh/site-functions \
		$(root)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(root)/bin/pacreport
	cp -R Templates Fonts $(root)/share/pacreport/
	install -m 644 $(GEN)/pacreport.1 $(root)/share/man/man1/pacreport.1
	install -m 644 $(GEN)/pacreport.bash $(root)/share/bash-completion/completions/pacreport
	install -m 644 $(GEN)/_pacreport $(root)/share/zsh/site-functions/_pacreport
	install -m 644 $(GEN)/pacreport.fish $(root)/share/fish/vendor_completions.d/pacreport.fish

uninstall:
	for f in $(files); do rm -f $(root)/$$f; done
	rm -rf $(root)/share/pacreport

# A Debian package of the same files under /usr; the Swift runtime is
# inside the binary, so the target machine needs no toolchain.
deb: build
	rm -rf dist/deb && mkdir -p dist/deb/DEBIAN
	$(MAKE) install DESTDIR=$(CURDIR)/dist/deb PREFIX=/usr
	strip --strip-unneeded dist/deb/usr/bin/pacreport
	gzip -9n dist/deb/usr/share/man/man1/pacreport.1
	mkdir -p dist/deb/usr/share/doc/pacreport dist/deb/usr/share/lintian/overrides
	cp README.md dist/deb/usr/share/doc/pacreport/README.md
	cp packaging/copyright dist/deb/usr/share/doc/pacreport/copyright
	sed 's/@VERSION@/$(VERSION)/' packaging/changelog | gzip -9n > dist/deb/usr/share/doc/pacreport/changelog.gz
	cp packaging/lintian-overrides dist/deb/usr/share/lintian/overrides/pacreport
	printf 'Package: pacreport\nVersion: $(VERSION)\nArchitecture: $(ARCH)\nMaintainer: pacreport developers <pacreport@example.org>\nSection: text\nPriority: optional\nInstalled-Size: %s\nDepends: libc6, libstdc++6, libgcc-s1, libcairo2, libpango-1.0-0, libpangocairo-1.0-0, libglib2.0-0, libfontconfig1, libxml2, zlib1g, fonts-noto-core, fonts-noto-cjk, fonts-dejavu-core\nDescription: contract summary reports of IFLA PAC regional centres\n pacreport checks a year of activity records of IFLA PAC (Preservation and\n Conservation) regional centres and writes the contract summary report as\n PDF and ODT, and every table as CSV, in English, Russian or Kazakh.\n' \
		"$$(du -sk dist/deb/usr | cut -f1)" > dist/deb/DEBIAN/control
	dpkg-deb --root-owner-group --build dist/deb dist/pacreport_$(VERSION)_$(ARCH).deb

clean-dist:
	rm -rf dist
