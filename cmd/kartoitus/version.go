package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Set at link time by release builds (.goreleaser.yaml):
// -X main.buildVersion=v1.2.3 -X main.buildCommit=… -X main.buildDate=….
// A plain `go build` or `go install …@version` leaves them empty, and the
// module version and VCS stamp of the build info say the same.
var buildVersion, buildCommit, buildDate string

// versionInfo is what `kartoitus version` prints.
type versionInfo struct {
	Version  string `json:"version"`
	Commit   string `json:"commit,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Module   string `json:"module,omitempty"`
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

// readVersion combines the link-time values and the build info.
func readVersion(bi *debug.BuildInfo) versionInfo {
	v := versionInfo{Version: "dev", Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		v.Go, v.Module = bi.GoVersion, bi.Main.Path
		if mv := bi.Main.Version; mv != "" && mv != "(devel)" {
			v.Version = mv
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Commit = s.Value
			case "vcs.time":
				v.Time = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	if buildVersion != "" {
		v.Version = buildVersion
	}
	if buildCommit != "" {
		v.Commit = buildCommit
	}
	if buildDate != "" {
		v.Time = buildDate
	}
	return v
}

func buildInfo() *debug.BuildInfo {
	bi, _ := debug.ReadBuildInfo()
	return bi
}

// version is the version string reports carry.
func version() string { return readVersion(buildInfo()).Version }

func runVersion(e env) error {
	var asJSON bool
	fs := newFlags(e, "version", "version [--json]\n\nPrints the module version, the VCS commit and time the binary was built from, and the Go version.")
	fs.BoolVar(&asJSON, "json", false, "write the version information as JSON")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("version: unexpected argument %q", fs.Arg(0))
	}
	v := readVersion(buildInfo())
	if asJSON {
		return writeJSON(e.stdout, v)
	}
	fmt.Fprint(e.stdout, v.text())
	return nil
}

func (v versionInfo) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "kartoitus %s\n", v.Version)
	commit := v.Commit
	switch {
	case commit == "":
		commit = "unknown (built without VCS information, e.g. -buildvcs=false or outside a checkout)"
	case v.Modified:
		commit += " (modified)"
	}
	fmt.Fprintf(&b, "commit:   %s\n", commit)
	if v.Time != "" {
		fmt.Fprintf(&b, "built:    %s\n", v.Time)
	}
	if v.Module != "" {
		fmt.Fprintf(&b, "module:   %s\n", v.Module)
	}
	fmt.Fprintf(&b, "go:       %s %s\n", v.Go, v.Platform)
	return b.String()
}
