package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/separation"
)

// memoryFlags are the register gate's memory budget and where the state
// past it goes (separation/spill.go).
type memoryFlags struct {
	budget  byteSize
	tempDir string
}

func (m *memoryFlags) register(fs *flag.FlagSet) {
	m.budget = separation.DefaultMemory
	fs.Var(&m.budget, "memory", "memory budget of the register gate, e.g. 512M, 4G (K, M, G, T: powers of 1024); past 40% of it the state that grows with rows moves to an encrypted temporary file, with the same results; -1: no budget")
	fs.StringVar(&m.tempDir, "temp-dir", "", "`folder` for that temporary file (default: $TMPDIR, else the system's)")
}

// apply checks the folder and sets the run's budget.
func (m *memoryFlags) apply(cmd string, cfg *assess.Config) error {
	if m.tempDir != "" {
		if st, err := os.Stat(m.tempDir); err != nil || !st.IsDir() {
			return usageErr("%s: --temp-dir %q is not a folder", cmd, m.tempDir)
		}
	}
	cfg.Memory, cfg.TempDir = int64(m.budget), m.tempDir
	if os.Getenv("GOGC") == "" { // the environment's GOGC wins
		cfg.StreamGC = streamGC
	}
	return nil
}

// streamGC is the collector's GOGC while the gate's rows stream and its
// state is small (separation.Config.StreamGC): at 400, 3 instead of 6
// collections on 1M rows.
const streamGC = 400

// startGC raises GOGC to streamGC while the catalogue is built, and
// returns what puts it back. The build makes most of a run's start-up
// garbage, and at the default GOGC the collector ran twice in it
// (a 2-row export, 15 runs × 3 interleaved: 17.3 instead of 18.4 ms). The
// environment's GOGC wins.
func startGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(streamGC)
	return func() { debug.SetGCPercent(old) }
}

// limitHeap sets the Go runtime's soft memory limit to the budget. The
// gate spills at 40% of it, so the heap, which the default GOGC lets
// grow to twice the live state, stays under it; the limit is the safety
// net for exports whose ids do not compress. It is not a target: a heap
// held at the limit makes the runtime return and re-fault pages
// (measured: 5 s of system time at 10M rows with a 700 MB limit).
// Below minHeapLimit the limit would be under the gate's fixed working
// set (about 50 MB of chunk buffers, plus the client relationships) and
// the collector would run without pause (measured: 10M rows, --memory 64M
// took 27 s instead of 6 s). GOMEMLIMIT in the environment wins, and -1
// sets none.
func (m *memoryFlags) limitHeap() {
	if os.Getenv("GOMEMLIMIT") == "" && m.budget > 0 {
		debug.SetMemoryLimit(max(int64(m.budget), minHeapLimit))
	}
}

const minHeapLimit = 256 << 20

// byteSize is a flag value in bytes written with a binary suffix.
type byteSize int64

var sizeUnits = []struct {
	suffix string
	shift  uint
}{{"T", 40}, {"G", 30}, {"M", 20}, {"K", 10}}

func (b *byteSize) String() string {
	n := int64(*b)
	if n <= 0 {
		return strconv.FormatInt(n, 10)
	}
	for _, u := range sizeUnits {
		if n%(1<<u.shift) == 0 {
			return strconv.FormatInt(n>>u.shift, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// Set reads 1073741824, 1024M, 1G, 1GB, 1GiB (all the same), or -1.
func (b *byteSize) Set(s string) error {
	t := strings.ToUpper(strings.TrimSpace(s))
	if t == "-1" {
		*b = -1
		return nil
	}
	t = strings.TrimSuffix(strings.TrimSuffix(t, "IB"), "B")
	shift := uint(0)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, shift = strings.TrimSuffix(t, u.suffix), u.shift
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
	if err != nil || n <= 0 || n > (1<<62)>>shift {
		return fmt.Errorf("%q is not a size (512M, 4G; -1 for no budget)", s)
	}
	*b = byteSize(n << shift)
	return nil
}
