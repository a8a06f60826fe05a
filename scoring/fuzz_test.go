package scoring

import (
	"math"
	"strings"
	"testing"

	"github.com/grill-cli/grill/questions"
)

// FuzzMatchRubric scores arbitrary answers against arbitrary phrases: no panic, scores
// within 0 and the maximum, evidence taken from the answer, and the same result twice.
func FuzzMatchRubric(f *testing.F) {
	f.Add("The client sends an idempotency key. MD5 is not collision-free.", "idempotency key", "md5 collision free")
	f.Add("o(log n) lookups, p99 < 200ms, http/2, c++ and c#", "o(log n)", "")
	f.Add("café-au-lait\n- list item\n\nNew paragraph; semicolons", "cafe au lait", "paragraph")
	f.Add(strings.Repeat("a, ", 50), "a", "a")
	f.Fuzz(func(t *testing.T, answer, phrase, avoid string) {
		items := []questions.RubricItem{{Point: "p", Weight: 2, Any: []string{phrase}, Avoid: []string{avoid}, Required: true},
			{Point: "q", Weight: 1, Any: []string{"cache"}}}
		r := NewMatcher(map[string]string{"db": "database"}, answer).MatchRubric(items)
		if r.Score < 0 || r.Score > r.Max || math.IsNaN(r.Score) {
			t.Fatalf("score %v of %v", r.Score, r.Max)
		}
		for _, it := range r.Items {
			if it.Matched && !strings.Contains(answer, strings.TrimSpace(it.Evidence)) && it.Evidence != "" {
				// Evidence is a sentence of the answer (NFKC-normalised).
				if !strings.Contains(strings.Join(strings.Fields(answer), " "), strings.Join(strings.Fields(it.Evidence), " ")) && isASCII(answer) {
					t.Fatalf("evidence %q is not in the answer %q", it.Evidence, answer)
				}
			}
		}
		again := NewMatcher(map[string]string{"db": "database"}, answer).MatchRubric(items)
		if again.Score != r.Score {
			t.Fatalf("not deterministic: %v then %v", r.Score, again.Score)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// FuzzScoreShortAndNumeric scores arbitrary typed answers to short and numeric questions.
func FuzzScoreShortAndNumeric(f *testing.F) {
	b, _ := questions.Parse("f.yaml", []byte(`bank: f
title: F
defaults: {kind: fundamentals, topic: x}
questions:
  - {id: s, type: short, prompt: S, answer: [git bisect, bisect], explanation: E}
  - {id: p, type: short, prompt: P, pattern: "kubectl (get|describe) pods?", explanation: E}
  - {id: n, type: numeric, prompt: N, answer: 40k, tolerance: 25%, unit: qps, explanation: E}
`))
	for _, s := range []string{"bisect", "git bisec", "kubectl get pod", "40k qps", "about 45,000 per second", "", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, q := range b.Questions {
			r := Score(q, Answer{Text: text})
			if r.Points < 0 || r.Points > r.MaxPoints || r.Correct != (r.Points == r.MaxPoints) {
				t.Fatalf("%s: %q scored %+v", q.ID, text, r)
			}
		}
	})
}
