package main

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus"
)

// TestConfigDiscovery: flags > $KARTOITUS_CONFIG > ./kartoitus.yaml, a
// command's section over defaults, subcommands nested.
func TestConfigDiscovery(t *testing.T) {
	inTemp(t, map[string]string{
		"export.csv": regSample,
		"kartoitus.yaml": `# the project's settings
defaults:
  lang: en
registers:
  deployment-test: true
  format:
    - json=out/findings.json
    - table
inventory:
  read:
    fail-on: never
`,
		"other.yaml":    "registers:\n  lang: fi\n  format: [junit]\n",
		"third.yaml":    "registers:\n  format: [csv]\n  csv-dialect: rfc4180\n",
		"gen.yaml":      "registers:\n  generate:\n    rows: 20\n    o: gen.csv\n",
		"inv.csv":       "Palvelutehtävä;Asiakirjan nimi\nIäkkäiden palvelut;Palvelusuunnitelma\n",
		"defaults.yaml": "defaults:\n  lang: en\n  fail-on: never\nregisters:\n  fail-on: error\n",
	})
	// ./kartoitus.yaml: English table on stdout and findings.json.
	r := runCLI(t, "", "registers", "export.csv")
	if r.code != 1 || !strings.Contains(r.stdout, "RULE    SEVERITY") || !strings.Contains(r.stdout, "IDN003") {
		t.Errorf("kartoitus.yaml not applied: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat("out/findings.json"); err != nil {
		t.Errorf("config format list: %v", err)
	}
	// A flag on the command line wins.
	if r := runCLI(t, "", "registers", "export.csv", "--lang", "fi", "--format", "table"); !strings.Contains(r.stdout, "SÄÄNTÖ") {
		t.Errorf("--lang fi did not win over the config:\n%s", r.stdout)
	}
	// Subcommand section.
	if r := runCLI(t, "", "inventory", "read", "inv.csv"); r.code != 0 {
		t.Errorf("inventory.read.fail-on never: exit %d %s", r.code, r.stderr)
	}
	// $KARTOITUS_CONFIG replaces ./kartoitus.yaml; --config replaces both.
	t.Setenv("KARTOITUS_CONFIG", "other.yaml")
	if r := runCLI(t, "", "registers", "export.csv"); !strings.HasPrefix(r.stdout, "<?xml") {
		t.Errorf("$KARTOITUS_CONFIG not read:\n%s", r.stdout)
	}
	if r := runCLI(t, "", "registers", "export.csv", "--config", "third.yaml"); !strings.HasPrefix(r.stdout, "rule,severity") {
		t.Errorf("--config not read:\n%s", r.stdout)
	}
	for _, none := range []string{"none", ""} {
		if r := runCLI(t, "", "registers", "--config", none, "export.csv"); !strings.Contains(r.stdout, "SÄÄNTÖ") || strings.Contains(r.stdout, "IDN003") {
			t.Errorf("--config %q still read a file:\n%s", none, r.stdout)
		}
	}
	// Defaults apply where the command's section is silent.
	t.Setenv("KARTOITUS_CONFIG", "defaults.yaml")
	if r := runCLI(t, "", "inventory", "read", "inv.csv"); r.code != 0 || !strings.Contains(r.stdout, "DOCUMENTS (1)") {
		t.Errorf("defaults: exit %d\n%s", r.code, r.stdout)
	}
	if r := runCLI(t, "", "registers", "export.csv"); r.code != 1 || !strings.Contains(r.stdout, "RULE") {
		t.Errorf("section over defaults: exit %d", r.code)
	}
	// A subcommand's flags, -o included.
	if r := runCLI(t, "", "registers", "generate", "--config", "gen.yaml"); r.code != 0 {
		t.Errorf("registers.generate: exit %d %s", r.code, r.stderr)
	} else if b, _ := os.ReadFile("gen.csv"); strings.Count(string(b), "\n") != 21 {
		t.Errorf("registers.generate wrote %d lines", strings.Count(string(b), "\n"))
	}
	// -v names the file.
	if r := runCLI(t, "", "registers", "-v", "--config", "third.yaml", "export.csv"); !strings.Contains(r.stderr, "kartoitus: config third.yaml") {
		t.Errorf("-v: %s", r.stderr)
	}
}

// TestConfigStrict: every mistake is a one-line usage error naming the
// file, the line and the key.
func TestConfigStrict(t *testing.T) {
	inTemp(t, map[string]string{"export.csv": regSample, "key.txt": "0123456789abcdef0123"})
	for _, tt := range []struct {
		yaml, want string
	}{
		{"registres:\n  lang: en\n", `c.yaml:1: unknown command "registres" (did you mean registers?)`},
		{"registers:\n  mappng: m.yaml\n", `c.yaml:2: registers: unknown flag "mappng" (did you mean mapping?)`},
		{"registers:\n  lang: [fi, en]\n", "c.yaml:2: registers: lang takes one value, not a list"},
		{"registers:\n  max-findings: lots\n", `c.yaml:2: registers: max-findings: invalid value "lots"`},
		{"registers:\n  deployment-test: maybe\n", `c.yaml:2: registers: deployment-test: invalid value "maybe"`},
		{"registers:\n  format: {json: x}\n", "c.yaml:2: registers: format: want a value or a list"},
		{"registers:\n  reveal-ids: true\n", "c.yaml:2: registers: reveal-ids can only be given on the command line"},
		{"registers:\n  pseudonymize: 0123456789abcdef0123\n", "c.yaml:2: registers: pseudonymize: give @FILE or env:NAME in a config file, never the key itself"},
		{"registers:\n  from: postgres://ci:Salasana1@db/sote\n", "c.yaml:2: registers: from: give the URL without its password in a config file"},
		{"registers:\n  from: postgres://ci@db/sote?password=Salasana1\n", "c.yaml:2: registers: from: give the URL without its password"},
		{"inventory:\n  lang: en\n", `c.yaml:2: inventory: "lang": inventory has no flags of its own; put them under a subcommand (columns, read)`},
		{"inventory:\n  raed:\n    lang: en\n", `c.yaml:2: inventory: "raed": inventory has no flags of its own`},
		{"defaults:\n  nosuch: 1\n", `c.yaml:2: defaults: unknown flag "nosuch"`},
		{"- registers\n", "c.yaml:1: want a mapping of command names to flag values"},
		// A mistake in another command's section fails this run too.
		{"map:\n  threshhold: 0.5\n", `c.yaml:2: map: unknown flag "threshhold" (did you mean threshold?)`},
		{"registers: [\n", "unreadable input: c.yaml: yaml:"},
	} {
		os.WriteFile("c.yaml", []byte(tt.yaml), 0o644)
		r := runCLI(t, "", "registers", "--config", "c.yaml", "export.csv")
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want exit 2, one line with %q", tt.yaml, r.code, r.stderr, tt.want)
		}
	}
	// The accepted forms of the same keys.
	os.WriteFile("c.yaml", []byte("registers:\n  pseudonymize: \"@key.txt\"\n  --lang: en\n  max-findings: 5\n"), 0o644)
	if r := runCLI(t, "", "registers", "--config", "c.yaml", "export.csv"); r.code != 1 {
		t.Errorf("valid config: exit %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, "", "registers", "--config", "missing.yaml", "export.csv"); r.code != 2 || !strings.Contains(r.stderr, "missing.yaml") {
		t.Errorf("missing named config: exit %d %s", r.code, r.stderr)
	}
	// An empty file is no settings.
	os.WriteFile("c.yaml", nil, 0o644)
	if r := runCLI(t, "", "registers", "--config", "c.yaml", "export.csv"); r.code != 1 {
		t.Errorf("empty config: exit %d %s", r.code, r.stderr)
	}
}

// TestIgnoreDiscovery: --ignore > $KARTOITUS_IGNORE > the config's ignore
// > ./.kartoitusignore.yaml; ” or none reads none.
func TestIgnoreDiscovery(t *testing.T) {
	one := func(rule string) string {
		return "ignore:\n  - rule: " + rule + "\n    reason: accepted for the test\n"
	}
	inTemp(t, map[string]string{
		"export.csv":       regSample,
		IgnoreFile:         one("REG004"),
		"env-ignore.yaml":  one("REG002"),
		"cfg-ignore.yaml":  one("REG030"),
		"flag-ignore.yaml": one("IDN001"),
		"cfg.yaml":         "registers:\n  ignore: cfg-ignore.yaml\n",
	})
	suppressed := func(args ...string) (int, []string, string) {
		t.Helper()
		r := runCLI(t, "", append([]string{"registers", "export.csv", "--format", "json", "-v"}, args...)...)
		var res struct {
			Suppressed int `json:"suppressed"`
			Findings   []struct {
				Rule string `json:"rule"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, r.stderr)
		}
		var rules []string
		for _, f := range res.Findings {
			rules = append(rules, f.Rule)
		}
		return res.Suppressed, rules, r.stderr
	}
	has := func(rules []string, id string) bool {
		for _, r := range rules {
			if r == id {
				return true
			}
		}
		return false
	}
	if n, rules, stderr := suppressed(); n != 1 || has(rules, "REG004") || !strings.Contains(stderr, "ignore file "+IgnoreFile+" (found in the working directory)") {
		t.Errorf("discovered ignore file: suppressed %d, rules %v\n%s", n, rules, stderr)
	}
	if n, rules, _ := suppressed("--config", "cfg.yaml"); n != 1 || has(rules, "REG030") || !has(rules, "REG004") {
		t.Errorf("config's ignore: suppressed %d, rules %v", n, rules)
	}
	t.Setenv("KARTOITUS_IGNORE", "env-ignore.yaml")
	if n, rules, _ := suppressed("--config", "cfg.yaml"); n != 1 || has(rules, "REG002") || !has(rules, "REG030") {
		t.Errorf("$KARTOITUS_IGNORE: suppressed %d, rules %v", n, rules)
	}
	if n, rules, _ := suppressed("--ignore", "flag-ignore.yaml"); n != 1 || has(rules, "IDN001") || !has(rules, "REG002") {
		t.Errorf("--ignore: suppressed %d, rules %v", n, rules)
	}
	t.Setenv("KARTOITUS_IGNORE", "")
	for _, none := range []string{"", "none"} {
		if n, rules, _ := suppressed("--ignore", none); n != 0 || !has(rules, "REG004") {
			t.Errorf("--ignore %q: suppressed %d", none, n)
		}
	}
}

// FuzzParseConfig: any file is a config or a usage/unreadable error,
// never a panic; an accepted one applies without error.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"registers:\n  lang: en\n  format: [json=a.json, table]\n",
		"defaults:\n  lang: en\ninventory:\n  read:\n    fail-on: never\n",
		"registers:\n  generate:\n    rows: 5\n",
		"registers: [\n", "- a\n", "registers:\n  lang: [a, [b]]\n", "a: &x {b: *x}\n", "",
		"registers:\n  max-findings: 0x10\n", "map:\n  threshold: .5\n",
	} {
		f.Add([]byte(s))
	}
	sets := describeAll()
	f.Fuzz(func(t *testing.T, b []byte) {
		cfg, err := parseConfig("f.yaml", b, sets)
		if err != nil {
			if !errors.Is(err, kartoitus.ErrUsage) && !errors.Is(err, kartoitus.ErrUnreadable) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		for _, name := range sortedKeys(cfg.sections) {
			if name == "" {
				continue
			}
			fs := describeAll()[name]
			if err := cfg.apply(fs); err != nil {
				t.Fatalf("accepted config does not apply to %s: %v", name, err)
			}
		}
	})
}
