package banks

import (
	"reflect"
	"testing"

	"github.com/grill-cli/grill/questions"
)

// TestSnapshotMatchesYAML is what keeps snapshot.go honest: the banks grill starts with
// must be exactly what parsing the YAML files gives.
func TestSnapshotMatchesYAML(t *testing.T) {
	parsed, err := questions.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	snap := All()
	const fix = "snapshot.go is out of date with the YAML files: run go generate ./questions/banks"
	if len(snap) != len(parsed) {
		t.Fatalf("snapshot has %d banks, the YAML %d; %s", len(snap), len(parsed), fix)
	}
	for i, want := range parsed {
		got := snap[i]
		gb, wb := *got, *want
		gb.Questions, wb.Questions = nil, nil
		if !reflect.DeepEqual(gb, wb) {
			t.Errorf("bank %s differs:\n got %+v\nwant %+v\n%s", want.ID, gb, wb, fix)
			continue
		}
		if len(got.Questions) != len(want.Questions) {
			t.Errorf("bank %s: %d questions in the snapshot, %d in the YAML; %s", want.ID, len(got.Questions), len(want.Questions), fix)
			continue
		}
		for j, wq := range want.Questions {
			gq := got.Questions[j]
			if gq.PatternSource() != wq.PatternSource() {
				t.Errorf("%s: pattern %q, want %q; %s", wq.Key(), gq.PatternSource(), wq.PatternSource(), fix)
			}
			g, w := *gq, *wq
			g.Pattern, w.Pattern = nil, nil
			if !reflect.DeepEqual(g, w) {
				t.Errorf("%s differs:\n got %+v\nwant %+v\n%s", wq.Key(), g, w, fix)
			}
			if gq.Aliases != nil && reflect.ValueOf(gq.Aliases).Pointer() != reflect.ValueOf(got.Aliases).Pointer() {
				t.Errorf("%s does not share its bank's alias table", wq.Key())
			}
		}
	}
}

// TestSnapshotPatternsMatch checks that patterns compiled on first use behave as the
// ones compiled while parsing.
func TestSnapshotPatternsMatch(t *testing.T) {
	parsed, err := questions.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, b := range All() {
		for j, q := range b.Questions {
			if q.Pattern == nil {
				continue
			}
			n++
			want := parsed[i].Questions[j].Pattern
			for _, s := range append([]string{"", "kubectl", q.PatternSource()}, q.Accept...) {
				if got, want := q.Pattern.MatchString(s), want.MatchString(s); got != want {
					t.Errorf("%s: MatchString(%q) = %v, want %v", q.Key(), s, got, want)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no built-in question has a pattern; this test checks nothing")
	}
}

// BenchmarkBuild is what the first call of All costs: making the snapshot's maps and
// sharing alias tables. Everything else is laid out by the compiler.
func BenchmarkBuild(b *testing.B) {
	All()
	for b.Loop() {
		build()
	}
}
