package main

import (
	"encoding/json"
	"flag"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// configSchema is the JSON Schema of kartoitus.yaml, built from the flag
// sets themselves, so it cannot drift from the flags: one object per
// command (subcommands nested), each flag typed by its value, lists for
// repeatable flags, and defaults taking any flag of any command.
func configSchema(sets map[string]*flag.FlagSet) map[string]any {
	flagSchema := func(f *flag.Flag) map[string]any {
		_, usage := flag.UnquoteUsage(f)
		s := map[string]any{"description": usage}
		var typ any = "string"
		if g, ok := f.Value.(flag.Getter); ok {
			switch g.Get().(type) {
			case bool:
				typ = "boolean"
			case int, int64, uint, uint64:
				typ = "integer"
			case float64:
				typ = "number"
			}
		}
		if _, ok := f.Value.(list); ok {
			s["anyOf"] = []any{map[string]any{"type": "string"}, map[string]any{"type": "array", "items": map[string]any{"type": "string"}}}
		} else {
			s["type"] = typ
		}
		return s
	}
	object := func(name string) map[string]any {
		props := map[string]any{}
		if fs := sets[name]; fs != nil {
			fs.VisitAll(func(f *flag.Flag) {
				switch f.Name {
				case "reveal-ids", "config":
					return // command line only
				}
				props[f.Name] = flagSchema(f)
			})
		}
		return map[string]any{"type": []any{"object", "null"}, "additionalProperties": false, "properties": props}
	}
	commands := map[string]any{}
	defaults := map[string]any{}
	for _, name := range sortedKeys(sets) {
		parts := strings.Fields(name)
		o := object(name)
		for k, v := range o["properties"].(map[string]any) {
			defaults[k] = map[string]any{"description": v.(map[string]any)["description"]}
		}
		if len(parts) == 1 {
			if prev, ok := commands[name].(map[string]any); ok {
				for k, v := range prev["properties"].(map[string]any) {
					o["properties"].(map[string]any)[k] = v
				}
			}
			commands[name] = o
			continue
		}
		parent, ok := commands[parts[0]].(map[string]any)
		if !ok {
			parent = object(parts[0])
			commands[parts[0]] = parent
		}
		parent["properties"].(map[string]any)[parts[1]] = o
	}
	commands["defaults"] = map[string]any{"type": []any{"object", "null"}, "additionalProperties": false, "properties": defaults,
		"description": "Flag values for every command that has the flag; a command's own section wins."}
	return map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  "https://github.com/kartoitus/kartoitus/schemas/config.schema.json",
		"title":                "kartoitus.yaml",
		"description":          "Flag values by command (generated from the flags: go test ./cmd/kartoitus -run TestConfigSchema -update). Read from --config FILE, else $KARTOITUS_CONFIG, else ./kartoitus.yaml. --reveal-ids and --config are command-line only; --pseudonymize takes @FILE or env:NAME in a file.",
		"type":                 []any{"object", "null"},
		"additionalProperties": false,
		"properties":           commands,
	}
}

// TestConfigSchema: schemas/config.schema.json is the schema of the
// flags as they are; -update rewrites it.
func TestConfigSchema(t *testing.T) {
	b, err := json.MarshalIndent(configSchema(describeAll()), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path, _ := filepath.Abs(filepath.Join("..", "..", "schemas", "config.schema.json"))
	rel, _ := filepath.Rel(goldenDir, path)
	golden(t, rel, string(b)+"\n")
	// Every command with flags is in it, and no flag is missing.
	var s struct {
		Properties map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"properties"`
	}
	json.Unmarshal(b, &s)
	for name, fs := range describeAll() {
		parts := strings.Fields(name)
		props := s.Properties[parts[0]].Properties
		if len(parts) == 2 {
			var sub struct {
				Properties map[string]json.RawMessage `json:"properties"`
			}
			json.Unmarshal(props[parts[1]], &sub)
			props = sub.Properties
		}
		var missing []string
		fs.VisitAll(func(f *flag.Flag) {
			if _, ok := props[f.Name]; !ok && f.Name != "reveal-ids" && f.Name != "config" {
				missing = append(missing, f.Name)
			}
		})
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s: flags missing from the schema: %v", name, missing)
		}
	}
}
