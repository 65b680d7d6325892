package strictyaml

import (
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	type doc struct {
		Name string `yaml:"name"`
	}
	tests := []struct {
		in, want, err string
	}{
		{"name: x\n", "x", ""},
		{`{"name": "y"}`, "y", ""},
		{"", "", ""},
		{"nmae: x\n", "", "f.yaml: yaml: unmarshal errors"},
		{"name: [\n", "", "f.yaml: yaml:"},
	}
	for _, tt := range tests {
		var d doc
		err := Decode("f.yaml", []byte(tt.in), &d)
		if tt.err == "" && (err != nil || d.Name != tt.want) {
			t.Errorf("%q: %+v, %v", tt.in, d, err)
		}
		if tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)) {
			t.Errorf("%q: err %v, want prefix %q", tt.in, err, tt.err)
		}
	}
}
