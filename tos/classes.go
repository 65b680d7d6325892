package tos

import (
	"regexp"
	"strings"
)

// helsinkiClassTasks maps classes of Helsinki's "05 Sosiaalitoimi" task
// classification (../shared/data/helsinki_tehtavaluokitus_05_sosiaalitoimi.csv)
// to the current national service tasks. Inferred: no official crosswalk
// exists (domain notes §5.3), so entries using it carry TasksInferred and
// the catalogue's own task names win when the class name resolves. The
// longest matching prefix applies.
var helsinkiClassTasks = map[string][]string{
	"05 00 02": {"working_age", "families", "older_people", "substance_abuse", "disability", "child_welfare", "family_law"}, // sosiaaliasiamies: every task
	"05 02":    {"child_welfare"},
	"05 02 07": {"family_law"}, // isyyden selvittäminen, huolto- ja tapaamisoikeus
	"05 02 08": {"family_law"}, // elatusturva
	"05 02 09": {"family_law"}, // adoptio
	"05 02 10": {"families"},   // perheneuvonta
	"05 02 11": {"families"},   // lapsiperheiden kotipalvelu
	"05 02 12": {"families"},   // ensi- ja turvakodit
	"05 03":    {"disability"},
	"05 04":    {"older_people"},
	"05 05":    {"substance_abuse"},
	"05 06":    {"working_age"},
	"05 07":    {"working_age"},
	"05 08 02": {"older_people", "disability", "families"}, // omaishoidon tuki
	"05 08 03": {"disability", "older_people"},             // kuljetuspalvelut
}

var classCodeRE = regexp.MustCompile(`^\d{2}( \d{2}){0,4}$`)

// normClass normalises a class code: trims and collapses spaces, so
// "00 00 01 " and "00  00 01" compare equal.
func normClass(s string) string { return strings.Join(strings.Fields(s), " ") }

// isClassCode reports whether s is a task-class code such as "05 02 03".
func isClassCode(s string) bool { return classCodeRE.MatchString(normClass(s)) }

// splitClass splits "05 02 03 Perhehoito" into code and name; a value that
// does not start with a class code gives ("", s).
func splitClass(s string) (code, name string) {
	fs := strings.Fields(s)
	n := 0
	for n < len(fs) && n < 5 && len(fs[n]) == 2 && isDigit(fs[n][0]) && isDigit(fs[n][1]) {
		n++
	}
	if n == 0 {
		return "", strings.TrimSpace(s)
	}
	return strings.Join(fs[:n], " "), strings.Join(fs[n:], " ")
}

// HelsinkiClassTasks returns the inferred service tasks of a Helsinki task
// class code by longest prefix, or nil.
func HelsinkiClassTasks(code string) []string {
	code = normClass(code)
	for c := code; c != ""; {
		if ts, ok := helsinkiClassTasks[c]; ok {
			return append([]string(nil), ts...)
		}
		i := strings.LastIndexByte(c, ' ')
		if i < 0 {
			break
		}
		c = c[:i]
	}
	return nil
}
