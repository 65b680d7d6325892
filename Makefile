# kartoitus — see README.md. Every target works on a fresh clone with Go.
GO      ?= go
SAMPLES := samples
OUT     ?= out

.PHONY: all build run test lint vet fmt-check staticcheck vulncheck cross bench bench-registers bench-gate fuzz golden clean

all: lint test

build:
	$(GO) build -o bin/kartoitus ./cmd/kartoitus

# The main job: assess the bundled sample organisation into $(OUT)/.
# Exit code 1 here means the sample has findings, as it is meant to.
# Built first: 'go run' would print "exit status 1" after the verdict.
run:
	@mkdir -p bin && $(GO) build -o bin/kartoitus ./cmd/kartoitus
	bin/kartoitus assess \
		--inventory $(SAMPLES)/inventory.xlsx \
		--export $(SAMPLES)/register-export.csv \
		--tos $(SAMPLES)/tos.xlsx \
		--overlay $(SAMPLES)/overlay.yaml \
		--profile $(SAMPLES)/profile.yaml \
		--organisation "Hoivapolku Oy" \
		--out $(OUT) || [ $$? -eq 1 ]

# Every test, then the export package again with the portable CSV
# scanner (scan_generic.go: what arm64 and other non-amd64 builds run).
test:
	$(GO) test ./...
	$(GO) test -tags purego ./export

lint: fmt-check vet staticcheck vulncheck

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' ':!third_party' 2>/dev/null || find . -name '*.go' -not -path './third_party/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	@command -v staticcheck >/dev/null 2>&1 || $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2
	PATH="$$PATH:$$($(GO) env GOPATH)/bin" staticcheck ./...

# Known vulnerabilities in the code's call graph (golang.org/x/vuln);
# offline, the script says the database was unreachable and skips.
vulncheck:
	GO=$(GO) scripts/vulncheck.sh

# The release targets of .goreleaser.yaml compile: static (CGO_ENABLED=0)
# builds for linux, windows and darwin on amd64 and arm64.
CROSS ?= linux/amd64 linux/arm64 windows/amd64 windows/arm64 darwin/amd64 darwin/arm64
cross:
	@set -e; for t in $(CROSS); do \
	  echo "== $$t"; \
	  CGO_ENABLED=0 GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build -trimpath -o /dev/null ./cmd/kartoitus; \
	done

# Benchmarks: parsers, mapping and the register gate (see issue notes).
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Register gate at 1M and 10M rows (rows/s, MB/s, peak RSS); see the script.
bench-registers:
	scripts/bench-registers.sh

# The bare read, the gate at 1 and N workers and DuckDB (if installed) in one table.
bench-gate:
	scripts/bench-gate.sh

# A short fuzz run of every parser; raise FUZZTIME for a long one.
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $$pkg || exit 1; \
	  done; \
	done

# Refresh golden files after an intended output change; review the diff.
golden:
	$(GO) test ./... -update

clean:
	rm -rf bin $(OUT)
