package sosmeta

import (
	"strings"
	"testing"
)

func TestTasksOf(t *testing.T) {
	cat := MustDefault()
	decision := cat.ByKey("11000") // Iäkkäiden palvelupäätös: older_people only
	common := cat.ByKey("group:1") // Asiakkuusasiakirja: common to every task
	if decision == nil || common == nil || !common.Common {
		t.Fatal("fixtures changed")
	}
	for _, tc := range []struct {
		name   string
		stated []string
		typ    *DocumentType
		named  string
		want   []string
		source TaskSource
	}{
		{"one stated", []string{"child_welfare"}, decision, "", []string{"child_welfare"}, TaskStated},
		{"legacy name narrowed by the type", []string{"disability", "older_people"}, decision, "", []string{"older_people"}, TaskStated},
		{"legacy name, common type: first", []string{"disability", "older_people"}, common, "", []string{"disability"}, TaskStated},
		{"unknown stated ignored", []string{"nope"}, decision, "", []string{"older_people"}, TaskDefault},
		{"named", nil, decision, "child_welfare", []string{"child_welfare"}, TaskNamed},
		{"type default", nil, decision, "", []string{"older_people"}, TaskDefault},
		{"common type: none", nil, common, "", nil, TaskNone},
		{"unmapped: none", nil, nil, "", nil, TaskNone},
	} {
		got, src := cat.TasksOf(tc.stated, tc.typ, tc.named)
		if strings.Join(got, ",") != strings.Join(tc.want, ",") || src != tc.source {
			t.Errorf("%s: got %v %q, want %v %q", tc.name, got, src, tc.want, tc.source)
		}
	}
	if !TaskDefault.Inferred() || TaskStated.Inferred() {
		t.Error("Inferred")
	}
}
