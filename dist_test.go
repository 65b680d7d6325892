package kartoitus_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/internal/strictyaml"
)

// TestDistribution keeps the release files in step with each other and
// with the code: the goreleaser targets are the ones `make cross` (run by
// CI) compiles, both static; every -X the release and the image set names
// a variable of the command (an -X of a missing name is silently
// ignored); the image is distroless and runs as a non-root user.
func TestDistribution(t *testing.T) {
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// .goreleaser.yaml
	doc, err := strictyaml.Parse([]byte(read(".goreleaser.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	var gr struct {
		Version int `yaml:"version"`
		Builds  []struct {
			Env     []string `yaml:"env"`
			Goos    []string `yaml:"goos"`
			Goarch  []string `yaml:"goarch"`
			Ldflags []string `yaml:"ldflags"`
			Main    string   `yaml:"main"`
		} `yaml:"builds"`
	}
	if err := doc.Decode(&gr); err != nil || gr.Version != 2 || len(gr.Builds) != 1 {
		t.Fatalf(".goreleaser.yaml: %v, version %d, %d builds", err, gr.Version, len(gr.Builds))
	}
	b := gr.Builds[0]
	var release []string
	for _, os := range b.Goos {
		for _, arch := range b.Goarch {
			release = append(release, os+"/"+arch)
		}
	}
	sort.Strings(release)
	want := []string{"darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64", "windows/amd64", "windows/arm64"}
	if strings.Join(release, " ") != strings.Join(want, " ") || !hasString(b.Env, "CGO_ENABLED=0") || b.Main != "./cmd/kartoitus" {
		t.Errorf("release targets %v, env %v, main %s", release, b.Env, b.Main)
	}
	// Makefile's cross target and CI.
	mk := read("Makefile")
	m := regexp.MustCompile(`(?m)^CROSS \?= (.+)$`).FindStringSubmatch(mk)
	if m == nil {
		t.Fatal("Makefile has no CROSS list")
	}
	cross := strings.Fields(m[1])
	sort.Strings(cross)
	if strings.Join(cross, " ") != strings.Join(release, " ") || !strings.Contains(mk, "CGO_ENABLED=0 GOOS=") {
		t.Errorf("make cross builds %v, the release %v", cross, release)
	}
	// CI compiles each OS and each architecture of the release at least once.
	ci := regexp.MustCompile(`(?m)^\s*make cross(?: CROSS="([^"]+)")?$`).FindStringSubmatch(read(".ci/run"))
	if ci == nil {
		t.Error(".ci/run does not run make cross")
	} else if ci[1] != "" {
		oses, arches := map[string]bool{}, map[string]bool{}
		for _, tg := range strings.Fields(ci[1]) {
			os, arch, _ := strings.Cut(tg, "/")
			oses[os], arches[arch] = true, true
		}
		for _, tg := range release {
			os, arch, _ := strings.Cut(tg, "/")
			if !oses[os] || !arches[arch] {
				t.Errorf("CI's cross builds %q leave out %s", ci[1], tg)
			}
		}
	}
	if !regexp.MustCompile(`(?m)^lint:.*\bvulncheck\b`).MatchString(mk) {
		t.Error("make lint does not run govulncheck")
	}
	// -X targets exist.
	vars := declaredVars(t, "cmd/kartoitus/version.go")
	docker := read("Dockerfile")
	for _, src := range append(b.Ldflags, docker) {
		for _, x := range regexp.MustCompile(`-X main\.(\w+)=`).FindAllStringSubmatch(src, -1) {
			if !vars[x[1]] {
				t.Errorf("-X main.%s: no such variable in cmd/kartoitus", x[1])
			}
		}
	}
	// The image.
	froms := regexp.MustCompile(`(?m)^FROM (\S+)`).FindAllStringSubmatch(docker, -1)
	user := regexp.MustCompile(`(?m)^USER (\S+)`).FindAllStringSubmatch(docker, -1)
	if len(froms) < 2 || !strings.HasPrefix(froms[len(froms)-1][1], "gcr.io/distroless/static") ||
		len(user) == 0 || strings.HasPrefix(user[len(user)-1][1], "root") || strings.HasPrefix(user[len(user)-1][1], "0") ||
		!strings.Contains(docker, "CGO_ENABLED=0 go build") {
		t.Errorf("Dockerfile: stages %v, user %v", froms, user)
	}
	// go.mod names the language version, not a patch release.
	if !regexp.MustCompile(`(?m)^go 1\.26(\.0)?$`).MatchString(read("go.mod")) {
		t.Error("go.mod: want go 1.26")
	}
}

func hasString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func declaredVars(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, sp := range g.Specs {
				for _, n := range sp.(*ast.ValueSpec).Names {
					out[n.Name] = true
				}
			}
		}
	}
	return out
}
