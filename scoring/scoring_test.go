package scoring

import (
	"strings"
	"testing"

	"github.com/grill-cli/grill/questions"
)

func bank(t *testing.T, src string) map[string]*questions.Question {
	t.Helper()
	b, issues := questions.Parse("t.yaml", []byte("bank: t\ntitle: T\ndefaults: {kind: fundamentals, topic: x}\nquestions:\n"+src))
	if len(issues.Errors()) > 0 {
		t.Fatal(issues)
	}
	out := map[string]*questions.Question{}
	for _, q := range b.Questions {
		out[q.ID] = q
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func TestScore(t *testing.T) {
	qs := bank(t, `
  - {id: single, type: single, prompt: P, choices: [x, y, z], answer: b, explanation: E}
  - {id: multi, type: multi, prompt: P, choices: [w, x, y, z], answer: [a, c], explanation: E}
  - {id: partial, type: multi, prompt: Q, choices: [w, x, y, z], answer: [a, b, c], partial_credit: true, points: 3, explanation: E}
  - {id: bool, type: boolean, prompt: R, answer: false, explanation: E}
  - {id: short, type: short, prompt: S, answer: [bisect, git bisect], explanation: E}
  - {id: shortlong, type: short, prompt: S2, answer: consistent hashing, explanation: E}
  - {id: shortexact, type: short, prompt: S3, answer: kubectl, exact: true, explanation: E}
  - {id: shortnum, type: short, prompt: S4, answer: "409", explanation: E}
  - {id: pattern, type: short, prompt: S5, pattern: "kubectl (get|describe) pods?", explanation: E}
  - {id: num, type: numeric, prompt: N, answer: 40000, tolerance: 10%, unit: qps, explanation: E}
  - {id: bytes, type: numeric, prompt: N2, answer: 2, tolerance: 5%, unit: TB, explanation: E}
  - {id: exactnum, type: numeric, prompt: N3, answer: 3, explanation: E}
  - {id: open, type: open, prompt: O, rubric: [{point: a, weight: 3, any: [x]}, {point: b, any: [y]}], points: 4}
`)
	tests := []struct {
		id      string
		a       Answer
		points  float64
		correct bool
		fb      string
	}{
		{"single", Answer{Choices: []int{1}}, 1, true, "right"},
		{"single", Answer{Choices: []int{0}}, 0, false, `wrong: the answer is "y"`},
		{"single", Answer{}, 0, false, "no answer"},
		{"multi", Answer{Choices: []int{2, 0}}, 1, true, "right: all choices correct"},
		{"multi", Answer{Choices: []int{0}}, 0, false, "wrong (all or nothing): 1 of 2 right choices, 0 wrong, 1 missed"},
		{"partial", Answer{Choices: []int{0, 1}}, 2, false, "partial credit: 2 of 3 right choices, 0 wrong, 1 missed"},
		{"partial", Answer{Choices: []int{0, 1, 3}}, 1, false, "1 wrong"},
		{"partial", Answer{Choices: []int{3, 0}}, 0, false, "1 of 3 right choices, 1 wrong"},
		{"partial", Answer{Choices: []int{0, 0, 0}}, 1, false, "1 of 3 right choices, 0 wrong"},
		{"bool", Answer{Bool: ptr(false)}, 1, true, "right: false"},
		{"bool", Answer{Bool: ptr(true)}, 0, false, "wrong: it is false"},
		{"short", Answer{Text: "  Git Bisect. "}, 1, true, "right"},
		{"short", Answer{Text: "bisec"}, 1, true, "allowing 1 typo"},
		{"short", Answer{Text: "bis"}, 0, false, "wrong: the answer is bisect or git bisect"},
		{"shortlong", Answer{Text: "consistant hashin"}, 1, true, "allowing 2 typos"},
		{"shortlong", Answer{Text: "consistant hshin"}, 0, false, "wrong"},
		{"shortexact", Answer{Text: "kubectle"}, 0, false, "wrong"},
		{"shortexact", Answer{Text: "KUBECTL"}, 1, true, "right"},
		{"shortnum", Answer{Text: "408"}, 0, false, "wrong"},
		{"pattern", Answer{Text: "kubectl get pod"}, 1, true, "matches the expected form"},
		{"pattern", Answer{Text: "Kubectl Describe Pods"}, 1, true, "matches"},
		{"pattern", Answer{Text: "kubectl delete pods"}, 0, false, "wrong: the answer is matching /kubectl (get|describe) pods?/"},
		{"num", Answer{Text: "44k"}, 1, true, "within the tolerance"},
		{"num", Answer{Text: "36,000 QPS"}, 1, true, "right: 36000"},
		{"num", Answer{Text: "45000"}, 0, false, "wrong: 45000 is outside the tolerance of 40000 qps (± 10%)"},
		{"num", Answer{Text: "40k GB"}, 0, false, `wrong unit: "GB" where "qps" was asked for`},
		{"num", Answer{Text: "lots"}, 0, false, `not a number: "lots"`},
		{"bytes", Answer{Text: "2000 GB"}, 1, true, "right: 2 is within"},
		{"bytes", Answer{Text: "2 TiB"}, 0, false, "outside the tolerance"},
		{"exactnum", Answer{Text: "3"}, 1, true, "right"},
		{"exactnum", Answer{Text: "3.1"}, 0, false, "wrong"},
		{"open", Answer{Text: "only x here"}, 3, false, "1 of 2 rubric points found (75%)"},
		{"open", Answer{Text: "x and y"}, 4, true, "2 of 2 rubric points found (100%)"},
		{"open", Answer{Text: "x and y", Covered: []int{0}}, 3, false, "corrected by you to 75% (automatic: 4 of 4 points)"},
		{"open", Answer{Text: "only x here", Covered: []int{1, 0, 1}}, 4, true, "corrected by you to 100%"},
		{"open", Answer{}, 0, false, "no answer"},
	}
	for _, tt := range tests {
		got := Score(qs[tt.id], tt.a)
		if got.Points != tt.points || got.Correct != tt.correct || !strings.Contains(got.Feedback, tt.fb) {
			t.Errorf("Score(%s, %+v) = %+v; want points %v, correct %v, feedback containing %q",
				tt.id, tt.a, got, tt.points, tt.correct, tt.fb)
		}
		if got.MaxPoints != qs[tt.id].Points {
			t.Errorf("Score(%s).MaxPoints = %v, want %v", tt.id, got.MaxPoints, qs[tt.id].Points)
		}
	}
}

func TestUnitFactor(t *testing.T) {
	tests := []struct {
		got, want string
		factor    float64
		ok        bool
	}{
		{"qps", "QPS", 1, true},
		{"requests per second", "qps", 1, true},
		{"MB", "GB", 1e-3, true},
		{"GiB", "MiB", 1024, true},
		{"ms", "s", 1e-3, true},
		{"writes/s", "writes per second", 0, false},
		{"per second", "writes per second", 1, true},
		{"servers", "server", 1, true},
		{"GB", "qps", 0, false},
	}
	for _, tt := range tests {
		f, ok := UnitFactor(tt.got, tt.want)
		if ok != tt.ok || ok && f != tt.factor {
			t.Errorf("UnitFactor(%q, %q) = %v, %v; want %v, %v", tt.got, tt.want, f, ok, tt.factor, tt.ok)
		}
	}
}
