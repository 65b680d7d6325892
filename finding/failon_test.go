package finding

import (
	"encoding/json"
	"testing"
)

func TestParseFailOn(t *testing.T) {
	for in, want := range map[string]Severity{"never": Never, "NONE": Never, "off": Never, "error": Error, "warning": Warning, "info": Info, "virhe": Error} {
		if got, err := ParseFailOn(in); err != nil || got != want {
			t.Errorf("ParseFailOn(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseFailOn("sometimes"); err == nil {
		t.Error("ParseFailOn accepted sometimes")
	}
	// never is no finding's severity, and nothing fails at it.
	if _, err := ParseSeverity("never"); err == nil {
		t.Error("ParseSeverity accepted never")
	}
	fs := []Finding{{RuleID: "X001", Severity: Error}}
	if s := Summarise(fs, Never); s.Failed || s.AtOrAbove(Never) != 0 || s.Error != 1 {
		t.Errorf("summary at never: %+v", s)
	}
	// findings.json carries and reads back "never".
	b, _ := json.Marshal(struct{ F Severity }{Never})
	var back struct{ F Severity }
	if string(b) != `{"F":"never"}` || json.Unmarshal(b, &back) != nil || back.F != Never {
		t.Errorf("round trip %s → %v", b, back.F)
	}
}
