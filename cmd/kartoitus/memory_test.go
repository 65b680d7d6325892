package main

import (
	"testing"

	"github.com/kartoitus/kartoitus/assess"
)

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
