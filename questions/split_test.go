package questions

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

const cutHeader = "bank: t\ntitle: T\ndefaults: {kind: fundamentals, topic: t, type: boolean}\n"

// cutCases are files in and out of the shape cutQuestions understands. cut says whether
// the file must be parsed in pieces; whether it is or not, the result must be the same.
var cutCases = []struct {
	name, yaml string
	cut        bool
}{
	{"block items", cutHeader + "questions:\n  - id: a\n    prompt: A?\n    answer: true\n    explanation: E\n  - {id: b, prompt: B, answer: false, explanation: E}\n", true},
	{"items at column 1", cutHeader + "questions:\n- id: a\n  prompt: A?\n  answer: true\n  explanation: E\n- id: b\n  prompt: B?\n  answer: false\n  explanation: E\n", true},
	{"comments, blank lines, CRLF", cutHeader + "questions: # the list\r\n\r\n# first\r\n  - id: a\r\n    prompt: A?\r\n\r\n    answer: true\r\n# between\r\n    explanation: E\r\n  - id: b\r\n    prompt: B?\r\n    answer: false\r\n    explanation: E\r\n", true},
	{"keys after the list", "bank: t\ntitle: T\nquestions:\n  - id: a\n    prompt: A?\n    answer: true\n    explanation: E\n    type: boolean\ndefaults: {kind: fundamentals, topic: t}\naliases: {db: database}\n", true},
	{"block scalar with item-like lines", cutHeader + "questions:\n  - id: a\n    prompt: |\n      Which list?\n      - one\n        - two\n    answer: true\n    explanation: >\n      - folded\n  - id: b\n    prompt: B?\n    answer: false\n    explanation: E\n", true},
	{"nested lists at the items' column", cutHeader + "questions:\n- id: a\n  type: single\n  prompt: A?\n  choices:\n  - x\n  - y\n  answer: b\n  explanation: E\n", true},
	{"anchor within one batch", cutHeader + "questions:\n  - {id: a, prompt: &p A, answer: true, explanation: E}\n  - {id: b, prompt: *p, answer: false, explanation: E}\n", true},
	{"errors in items", cutHeader + "questions:\n  - id: a\n    prompt: A?\n    answr: true\n  - just text\n  - id: a\n", true},
	{"anchor in the header", "bank: t\ntitle: T\ndefaults: {kind: fundamentals, topic: &t t, type: boolean}\nquestions:\n  - {id: a, topic: *t, prompt: A, answer: true, explanation: E}\n", false},
	{"flow list", cutHeader + "questions: [{id: a, prompt: A, answer: true, explanation: E}]\n", false},
	{"list on the next line in flow style", cutHeader + "questions:\n  [{id: a, prompt: A, answer: true, explanation: E}]\n", false},
	{"tab before an item", cutHeader + "questions:\n  - {id: a, prompt: A, answer: true, explanation: E}\n\t- {id: b, prompt: B, answer: true, explanation: E}\n", false},
	{"syntax error in an item", cutHeader + "questions:\n  - id: a\n    prompt: \"A?\n  - id: b\n", false},
	{"questions twice", cutHeader + "questions:\n  - {id: a, prompt: A, answer: true, explanation: E}\nquestions:\n  - {id: b, prompt: B, answer: true, explanation: E}\n", false},
	{"second document", cutHeader + "questions:\n  - {id: a, prompt: A, answer: true, explanation: E}\n---\nbank: u\n", false},
	{"empty list", cutHeader + "questions:\n", false},
	{"a hash right after the colon is not a comment", "questions:#\n -", false},
	{"a CR alone breaks a line", cutHeader + "questions: # list\r \n  - {id: a, prompt: A, answer: true, explanation: E}\n", false},
	{"a line separator breaks a line", cutHeader + "questions:\n  - {id: a, prompt: A, answer: true, explanation: E}\u2028\n", false},
	{"a control character in a comment before the first item", cutHeader + "questions:\n# \x10\n  - {id: a, prompt: A, answer: true, explanation: E}\n", false},
	{"a comment after the key", cutHeader + "questions:  # the list\n  - {id: a, prompt: A, answer: true, explanation: E}\n", true},
	{"less indented garbage after the list", cutHeader + "questions:\n    - {id: a, prompt: A, answer: true, explanation: E}\n  x: 1\n", false},
}

// sameParse fails t unless parsing data whole gives exactly b and issues.
func sameParse(t *testing.T, name string, data []byte, b *Bank, issues Issues) {
	t.Helper()
	if lb, li := parse(name, data, parseOptions{cut: true}); !reflect.DeepEqual(li, issues) {
		t.Fatalf("issues differ when questions are not kept:\n got %v\nwant %v", li, issues)
	} else if lb != nil && len(lb.Questions) > 0 {
		t.Fatalf("a lint kept %d questions", len(lb.Questions))
	}
	wb, wi := parse(name, data, parseOptions{keep: true})
	if !reflect.DeepEqual(issues, wi) {
		t.Fatalf("issues differ from a whole parse:\n got %v\nwant %v", issues, wi)
	}
	if !reflect.DeepEqual(b, wb) {
		t.Fatalf("bank differs from a whole parse:\n got %+v\nwant %+v", b, wb)
	}
}

// checkCut parses data, fails t unless a whole parse gives the same, and checks whether
// it took the path that parses in pieces.
func checkCut(t *testing.T, data []byte, cut bool) {
	t.Helper()
	b, issues := Parse("f.yaml", data)
	sameParse(t, "f.yaml", data, b, issues)
	if got := wasCut(data); got != cut {
		t.Errorf("parsed in pieces: %v, want %v", got, cut)
	}
}

// wasCut reports whether Parse takes the path that parses data in pieces.
func wasCut(data []byte) bool {
	s, ok := cutQuestions(data)
	if !ok {
		return false
	}
	_, ok = (&decoder{file: "f.yaml", keep: true}).parseSplit(s)
	return ok
}

func TestCutMatchesWhole(t *testing.T) {
	for _, c := range cutCases {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(c.yaml)
			checkCut(t, data, c.cut)
			// Again with every item in a batch of its own.
			defer func(n int) { batchBytes = n }(batchBytes)
			batchBytes = 1
			b, issues := Parse("f.yaml", data)
			sameParse(t, "f.yaml", data, b, issues)
		})
	}
}

// TestCutAcrossBatches covers lists longer than one batch: an anchor in one batch used
// in another makes the pieces fail, and Parse falls back to the whole file.
func TestCutAcrossBatches(t *testing.T) {
	items := func(n int, first, last string) string {
		var b strings.Builder
		b.WriteString(cutHeader + "questions:\n")
		for i := range n {
			p := fmt.Sprintf("'Is %d even?'", i)
			if i == 0 && first != "" {
				p = first
			}
			if i == n-1 && last != "" {
				p = last
			}
			fmt.Fprintf(&b, "  - id: q%d\n    prompt: %s\n    answer: %v\n    explanation: E\n", i, p, i%2 == 0)
		}
		return b.String()
	}
	for _, c := range []struct {
		name, yaml string
		cut        bool
	}{
		{"long list", items(5000, "", ""), true},
		{"anchor used in a later batch", items(5000, "&p 'Is 0 even?'", "*p"), false},
		{"duplicate ids far apart", strings.Replace(items(5000, "", ""), "id: q4999\n", "id: q0\n", 1), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(c.yaml)
			if s, _ := cutQuestions(data); len(s.batches) < 2 {
				t.Fatalf("%d batches; the test needs several", len(s.batches))
			}
			checkCut(t, data, c.cut)
		})
	}
}

// TestCutBuiltin checks every built-in bank file, as written by people, takes the cut
// path and gives what the whole parse gives.
func TestCutBuiltin(t *testing.T) {
	files, err := BuiltinFiles()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		b, issues := Parse(name, data)
		sameParse(t, name, data, b, issues)
		if !wasCut(data) {
			t.Errorf("%s is not parsed in pieces", name)
		}
	}
}

// BenchmarkParseMemory loads a bank of 100,000 questions (7.3 MB, one compact question a
// line) and reports, as multiples of the file's size, what the loaded bank keeps
// (live/file) and what the load allocates in all (alloc/file). The peak a process
// reaches lies between the two; scripts/bench.sh measures it.
func BenchmarkParseMemory(b *testing.B) {
	var buf strings.Builder
	buf.WriteString("bank: gen\ntitle: Generated\ndefaults: {kind: fundamentals, topic: generated, type: boolean}\nquestions:\n")
	for i := range 100000 {
		fmt.Fprintf(&buf, "  - {id: q%d, prompt: 'Is %d even?', answer: %v, explanation: E}\n", i, i, i%2 == 0)
	}
	data := []byte(buf.String())
	var live, total float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		bank, _ := Parse("gen.yaml", data)
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(bank)
		live += float64(after.HeapAlloc - before.HeapAlloc)
		total += float64(after.TotalAlloc - before.TotalAlloc)
	}
	n := float64(b.N) * float64(len(data))
	b.ReportMetric(live/n, "live/file")
	b.ReportMetric(total/n, "alloc/file")
}
