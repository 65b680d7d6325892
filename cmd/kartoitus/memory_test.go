package main

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/finding"
)

func TestByteSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		err  bool
	}{
		{"1073741824", 1 << 30, false},
		{"1G", 1 << 30, false},
		{"1gb", 1 << 30, false},
		{"1GiB", 1 << 30, false},
		{"512M", 512 << 20, false},
		{" 64 K ", 64 << 10, false},
		{"2T", 2 << 40, false},
		{"-1", -1, false},
		{"0", 0, true},
		{"-5", 0, true},
		{"1.5G", 0, true},
		{"12x", 0, true},
		{"", 0, true},
		{"99999999999T", 0, true},
	} {
		var b byteSize
		err := b.Set(tc.in)
		if (err != nil) != tc.err || (!tc.err && int64(b) != tc.want) {
			t.Errorf("Set(%q) = %d, %v; want %d, error %v", tc.in, b, err, tc.want, tc.err)
		}
	}
	for in, want := range map[int64]string{1 << 30: "1G", 1536 << 20: "1536M", 1000: "1000", -1: "-1"} {
		b := byteSize(in)
		if got := b.String(); got != want {
			t.Errorf("String(%d) = %q, want %q", in, got, want)
		}
	}
}

// TestRegistersMemory: a budget the export passes at once gives the same
// report as no budget, says so under -v, and leaves no file behind; a
// missing --temp-dir or a bad size is a usage error.
func TestRegistersMemory(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, "gen.csv")
	if r := runCLI(t, "", "registers", "generate", "--rows", "20000", "--seed", "5", "-o", export); r.code != 0 {
		t.Fatalf("generate: exit %d %s", r.code, r.stderr)
	}
	tmp := t.TempDir()
	generated := regexp.MustCompile(`"generated": "[^"]*"`)
	report := func(args ...string) cliResult {
		r := runCLI(t, "", append([]string{"registers", "--format", "json", "--max-findings", "-1", "-v", "--temp-dir", tmp}, append(args, export)...)...)
		if r.code != 1 {
			t.Fatalf("%v: exit %d %s", args, r.code, r.stderr)
		}
		r.stdout = generated.ReplaceAllString(r.stdout, "")
		return r
	}
	free := report("--memory", "-1")
	for _, workers := range []string{"1", "3"} {
		small := report("--memory", "16K", "--workers", workers)
		if small.stdout != free.stdout {
			t.Errorf("%s workers: the report with a 16K budget differs from the unbounded one", workers)
		}
		if !strings.Contains(small.stderr, "muistiraja ylittyi") || strings.Contains(free.stderr, "muistiraja") {
			t.Errorf("-v does not tell the spill:\n%s\n%s", small.stderr, free.stderr)
		}
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("left in --temp-dir: %v", ents)
	}
	for _, args := range [][]string{{"--memory", "lots"}, {"--memory", "0"}, {"--temp-dir", filepath.Join(dir, "none")}, {"--workers", "0"}, {"--workers", "-1"}} {
		if r := runCLI(t, "", append(append([]string{"registers"}, args...), export)...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2", args, r.code)
		}
	}
}

func TestElapsed(t *testing.T) {
	for _, tc := range []struct {
		lang finding.Lang
		d    time.Duration
		want string
	}{
		{"fi", 2084 * time.Millisecond, "2,08 s"},
		{"fi", 236745 * time.Millisecond, "3 min 56,7 s"},
		{"fi", 40 * time.Millisecond, "0,04 s"},
		{"en", 2084 * time.Millisecond, "2.084s"},
	} {
		if got := elapsed(tc.lang, tc.d); got != tc.want {
			t.Errorf("elapsed(%s, %v) = %q, want %q", tc.lang, tc.d, got, tc.want)
		}
	}
}

// TestStreamGCFlag: the gate's collector tuning is on unless GOGC is set
// in the environment, which always wins.
func TestStreamGCFlag(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want int
	}{{"", streamGC}, {"50", 0}, {"off", 0}} {
		t.Setenv("GOGC", tc.env)
		var m memoryFlags
		var cfg assess.Config
		if err := m.apply("registers", &cfg); err != nil {
			t.Fatal(err)
		}
		if cfg.StreamGC != tc.want {
			t.Errorf("GOGC=%q: StreamGC %d, want %d", tc.env, cfg.StreamGC, tc.want)
		}
	}
}

func TestStartGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	for _, tc := range []struct {
		env    string
		during int
	}{{"", streamGC}, {"50", 100}} {
		t.Setenv("GOGC", tc.env)
		restore := startGC()
		if got := debug.SetGCPercent(100); got != tc.during {
			t.Errorf("GOGC=%q: %d while the catalogue loads, want %d", tc.env, got, tc.during)
		}
		debug.SetGCPercent(tc.during)
		restore()
		if got := debug.SetGCPercent(100); got != 100 {
			t.Errorf("GOGC=%q: %d after, want 100 back", tc.env, got)
		}
	}
}
