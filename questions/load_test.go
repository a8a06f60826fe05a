package questions

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

const header = "bank: t\ntitle: T\ndefaults: {kind: fundamentals, topic: databases}\nquestions:\n"

func TestParseValid(t *testing.T) {
	src := header + `  - id: q1
    type: single
    level: mid
    tags: [sql, indexing]
    prompt: Pick one.
    choices: [A, B, C]
    answer: c
    explanation: Because.
    time_limit: 90s
    points: 2
  - id: q2
    type: multi
    prompt: Pick two.
    choices: [A, B, C]
    answer: [a, c]
    partial_credit: true
    explanation: Because.
  - id: q3
    type: numeric
    prompt: How many?
    answer: 40k
    tolerance: 25%
    unit: qps
    explanation: Because.
  - id: q4
    type: short
    prompt: Name it.
    pattern: "git (bisect|blame)"
    explanation: Because.
  - id: q5
    type: open
    kind: system-design
    prompt: Design it.
    stages:
      - id: req
        title: Requirements
        prompt: What must it do?
        rubric: [{point: Scale, any: [scale]}]
      - id: est
        title: Estimates
        prompt: How many requests per second?
        answer: 400
        tolerance: 30%
        unit: qps
`
	b, issues := Parse("t.yaml", []byte(src))
	if len(issues) != 0 {
		t.Fatalf("issues: %v", issues)
	}
	if got := len(b.Questions); got != 5 {
		t.Fatalf("got %d questions, want 5", got)
	}
	q := b.Questions[0]
	if q.Key() != "t/q1" || q.Kind != Fundamentals || q.Topic != "databases" || q.Level != Mid ||
		q.TimeLimit != 90*time.Second || q.Points != 2 || len(q.Correct) != 1 || q.Correct[0] != 2 {
		t.Errorf("q1 decoded wrong: %+v", q)
	}
	if q := b.Questions[1]; !q.PartialCredit || fmt.Sprint(q.Correct) != "[0 2]" {
		t.Errorf("q2 decoded wrong: %+v", q)
	}
	if n := b.Questions[2].Number; n.Value != 40000 || n.Tolerance != (Tolerance{25, true}) || n.Unit != "qps" {
		t.Errorf("q3 number = %+v", n)
	}
	if q := b.Questions[3]; q.Pattern == nil || !q.Pattern.MatchString("git bisect") || q.Pattern.MatchString("git bisect x") {
		t.Errorf("q4 pattern must match whole answers: %v", q.Pattern)
	}
	if st := b.Questions[4].Stages; len(st) != 2 || st[1].Estimate == nil || st[1].Estimate.Value != 400 || len(st[0].Rubric) != 1 {
		t.Errorf("q5 stages = %+v", st)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // each must appear among the issues, as "line:col: message part"
	}{
		{"bad yaml", "bank: t\ntitle: [unclosed\n", []string{"invalid YAML: did not find expected"}},
		{"empty", "", []string{"t.yaml:1:1: file is empty"}},
		{"not a mapping", "- a\n- b\n", []string{"t.yaml:1:1: bank must be a mapping"}},
		{"missing fields", "description: x\n", []string{`1:1: the bank is missing required field "bank"`, `missing required field "title"`, `missing required field "questions"`}},
		{"unknown bank key", "bank: t\ntitle: T\ntitel: x\nquestions: []\n", []string{`3:1: unknown bank field "titel"; did you mean "title"?`}},
		{"bad bank id", "bank: My_Bank\ntitle: T\nquestions: []\n", []string{`1:7: bank id "My_Bank" must be lower-case`}},
		{"unknown question key", header + "  - id: a\n    type: boolean\n    prompt: P\n    answr: true\n", []string{`8:5: unknown question field "answr"; did you mean "answer"?`, `5:5: question "a" is missing its answer`}},
		{"duplicate id", header + "  - {id: a, type: boolean, prompt: P, answer: true, explanation: E}\n  - {id: a, type: boolean, prompt: Q, answer: true, explanation: E}\n", []string{`6:5: question id "a" is used twice (first at line 5)`}},
		{"letter outside", header + "  - {id: a, type: single, prompt: P, choices: [x, y], answer: c, explanation: E}\n", []string{`5:63: answer "c" is outside the choices (a to b)`}},
		{"single with list", header + "  - {id: a, type: single, prompt: P, choices: [x, y], answer: [a, b], explanation: E}\n", []string{`exactly one answer letter`}},
		{"too few choices", header + "  - {id: a, type: single, prompt: P, choices: [x], answer: a, explanation: E}\n", []string{`has 1 choices; want 2 to 10`}},
		{"duplicate choice", header + "  - {id: a, type: single, prompt: P, choices: [x, X], answer: a, explanation: E}\n", []string{`choice b repeats choice a`}},
		{"foreign field", header + "  - {id: a, type: boolean, prompt: P, answer: true, choices: [x, y], explanation: E}\n", []string{`"choices" is not used by boolean questions`}},
		{"bad tolerance", header + "  - {id: a, type: numeric, prompt: P, answer: 3, tolerance: lots, explanation: E}\n", []string{`tolerance must be a non-negative number or a percentage`}},
		{"bad duration", header + "  - {id: a, type: boolean, prompt: P, answer: true, time_limit: 90, explanation: E}\n", []string{`time_limit must be a positive Go duration`}},
		{"negative points", header + "  - {id: a, type: boolean, prompt: P, answer: true, points: -1, explanation: E}\n", []string{`points must be a positive number`}},
		{"zero weight", header + "  - {id: a, type: open, prompt: P, rubric: [{point: x, weight: 0, any: [y]}]}\n", []string{`weight must be a positive number`}},
		{"rubric without phrases", header + "  - {id: a, type: open, prompt: P, rubric: [{point: x}]}\n", []string{`rubric item "x" needs phrases`}},
		{"open without rubric", header + "  - {id: a, type: open, prompt: P}\n", []string{`needs a rubric or stages`}},
		{"bad regexp", header + "  - {id: a, type: short, prompt: P, pattern: \"(\", explanation: E}\n", []string{`pattern is not a valid RE2`}},
		{"escape sequence", header + "  - {id: a, type: boolean, prompt: \"P\\e[31m\", answer: true, explanation: E}\n", []string{`prompt contains the control character U+001B`}},
		{"bidi override", header + "  - {id: a, type: boolean, prompt: \"P\u202e\", answer: true, explanation: E}\n", []string{`control character U+202E`}},
		{"unknown type", header + "  - {id: a, type: essay, prompt: P}\n", []string{`unknown type "essay"; want one of single, multi`}},
		{"bad topic", header + "  - {id: a, type: boolean, topic: Data Bases, prompt: P, answer: true, explanation: E}\n", []string{`topic "Data Bases" must be lower-case words`}},
		{"bad reference", header + "  - {id: a, type: boolean, prompt: P, answer: true, explanation: E, references: [ftp://x]}\n", []string{`reference "ftp://x" must be an http or https URL`}},
		{"two documents", header + "  - {id: a, type: boolean, prompt: P, answer: true, explanation: E}\n---\nbank: u\n", []string{`more than one YAML document`}},
		{"stage both", header + "  - {id: a, type: open, prompt: P, stages: [{id: s, title: S, prompt: P, answer: 3, rubric: [{point: x, any: [y]}]}]}\n", []string{`has both a rubric and an answer`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, issues := Parse("t.yaml", []byte(tt.src))
			all := fmt.Sprint(issues)
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("issues do not contain %q:\n%s", w, strings.ReplaceAll(all, "} {", "}\n{"))
				}
			}
			if len(issues.Errors()) == 0 {
				t.Errorf("no errors reported")
			}
		})
	}
}

func TestParseWarnings(t *testing.T) {
	src := header + "  - {id: a, type: boolean, prompt: \"Is it?\", answer: true}\n  - {id: b, type: boolean, prompt: \"is IT\", answer: true, explanation: E}\n"
	_, issues := Parse("t.yaml", []byte(src))
	if len(issues.Errors()) != 0 {
		t.Fatalf("unexpected errors: %v", issues)
	}
	w := fmt.Sprint(issues.Warnings())
	for _, want := range []string{`question "a" has no explanation`, `prompt of "b" is the same as that of "a" (line 5)`} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings %s do not contain %q", w, want)
		}
	}
}

func TestParseHostile(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for i := 0; i < 9; i++ {
		name := fmt.Sprintf("b%d", i)
		bomb += fmt.Sprintf("%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", name, name, prev, prev, prev, prev, prev, prev, prev, prev, prev)
		prev = name
	}
	tests := []struct {
		name string
		src  []byte
		want string
	}{
		{"oversized", append([]byte("bank: t\n#"), make([]byte, MaxFileSize)...), "larger than the 10 MiB limit"},
		{"binary", []byte("bank: t\ntitle: \x00\x01\x02"), "t.yaml:2:8: binary data"},
		{"invalid utf8", []byte("bank: t\ntitle: caf\xe9\n"), "t.yaml:2:11: binary data or invalid UTF-8"},
		{"deep nesting", []byte("bank: " + strings.Repeat("[", 20000)), "invalid YAML"},
		{"alias bomb", []byte(bomb + "bank: t\ntitle: T\ndefaults: {tags: *" + prev + "}\nquestions: [{id: a, type: boolean, prompt: P, answer: true, tags: *" + prev + "}]\n"), "each item of tags must be text"},
		{"alias bomb in text", []byte(header + "  - {id: a, type: multi, prompt: P, choices: *x, answer: [a]}\n"), "invalid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan Issues)
			go func() {
				_, issues := Parse("t.yaml", tt.src)
				done <- issues
			}()
			select {
			case issues := <-done:
				if len(issues.Errors()) == 0 {
					t.Fatalf("no error for hostile input")
				}
				if !strings.Contains(fmt.Sprint(issues), tt.want) {
					t.Errorf("issues %v do not contain %q", issues, tt.want)
				}
				if len(issues) > maxIssues+1 {
					t.Errorf("%d issues reported; the cap is %d", len(issues), maxIssues)
				}
			case <-time.After(20 * time.Second):
				// Not a timing assertion: a hang here is the failure.
				t.Fatalf("Parse did not return")
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		unit string
		err  bool
	}{
		{"40000", 40000, "", false},
		{"40,000", 40000, "", false},
		{"1,234,567.5", 1234567.5, "", false},
		{"40k", 40000, "", false},
		{"40K qps", 40000, "qps", false},
		{"1.2M", 1.2e6, "", false},
		{"4e4", 40000, "", false},
		{"2.5 GB", 2.5, "GB", false},
		{"3 million users", 3e6, "users", false},
		{"5B", 5e9, "", false},
		{"-7", -7, "", false},
		{"~300 ms", 300, "ms", false},
		{"12 kB", 12, "kB", false},
		{"10km", 10, "km", false},
		{"1,5", 0, "", true},
		{"40,00", 0, "", true},
		{"1.2.3", 0, "", true},
		{"abc", 0, "", true},
		{"", 0, "", true},
		{"1e999", 0, "", true},
	}
	for _, tt := range tests {
		v, unit, err := ParseNumber(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("ParseNumber(%q) error = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if !tt.err && (v != tt.want || unit != tt.unit) {
			t.Errorf("ParseNumber(%q) = %v, %q; want %v, %q", tt.in, v, unit, tt.want, tt.unit)
		}
	}
}

func TestNumericAccepts(t *testing.T) {
	n := NumericAnswer{Value: 400, Tolerance: Tolerance{25, true}}
	for v, want := range map[float64]bool{400: true, 300: true, 500: true, 299: false, 501: false} {
		if got := n.Accepts(v); got != want {
			t.Errorf("Accepts(%v) = %v, want %v", v, got, want)
		}
	}
	exact := NumericAnswer{Value: 0.1 + 0.2}
	if !exact.Accepts(0.3) {
		t.Errorf("an exact answer must accept the same decimal despite float rounding")
	}
}

func TestFilter(t *testing.T) {
	b, issues := Parse("t.yaml", []byte(header+`  - {id: a, type: boolean, prompt: A, answer: true, explanation: E, level: junior, tags: [x]}
  - {id: b, type: boolean, prompt: B, answer: true, explanation: E, topic: api-design, level: mid}
  - {id: c, kind: behavioral, type: star, topic: conflict, prompt: C, rubric: [{point: p, any: [q]}]}
`))
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	qs := b.Questions
	keys := func(qs []*Question) string {
		var ids []string
		for _, q := range qs {
			ids = append(ids, q.ID)
		}
		return strings.Join(ids, ",")
	}
	tests := []struct {
		f       Filter
		want    string
		errWant string
	}{
		{Filter{}, "a,b,c", ""},
		{Filter{Kinds: []Kind{Fundamentals}}, "a,b", ""},
		{Filter{Topics: []string{"databases", "conflict"}}, "a,c", ""},
		{Filter{Tags: []string{"x"}}, "a", ""},
		{Filter{Kinds: []Kind{Fundamentals}, Levels: []Level{Mid}}, "b", ""},
		{Filter{Kinds: []Kind{Behavioral}, Topics: []string{"databases"}}, "", "no questions match topic databases (of 1 questions selected before it)"},
		{Filter{Banks: []string{"other"}}, "", "no questions match bank other"},
	}
	for _, tt := range tests {
		got, err := tt.f.Apply(qs)
		if tt.errWant != "" {
			if err == nil || err.Error() != tt.errWant && !strings.HasPrefix(err.Error(), tt.errWant) {
				t.Errorf("%+v: error %v, want %q", tt.f, err, tt.errWant)
			}
			continue
		}
		if err != nil || keys(got) != tt.want {
			t.Errorf("%+v: got %s, %v; want %s", tt.f, keys(got), err, tt.want)
		}
	}
}
