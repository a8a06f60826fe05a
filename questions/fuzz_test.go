package questions

import (
	"testing"
)

// FuzzParse feeds arbitrary bytes to the loader: it must never panic or hang, parsing
// the questions list in pieces must give exactly what a whole parse gives, and a bank
// it returns without errors must be usable (every single question has one valid letter).
func FuzzParse(f *testing.F) {
	f.Add([]byte(header + "  - {id: a, type: single, prompt: P, choices: [x, y], answer: b, explanation: E}\n"))
	f.Add([]byte(header + "  - {id: a, type: numeric, prompt: P, answer: 40k, tolerance: 10%, explanation: E}\n"))
	f.Add([]byte(header + "  - {id: a, type: open, prompt: P, stages: [{id: s, title: S, prompt: P, answer: 3}]}\n"))
	f.Add([]byte("a: &a [x, x]\nb: &b [*a, *a]\nbank: *b\n"))
	f.Add([]byte("bank: t\ntitle: \x1b[31m\n"))
	for _, c := range cutCases {
		f.Add([]byte(c.yaml))
	}
	// One item a batch, so that every cut between items is tried.
	defer func(n int) { batchBytes = n }(batchBytes)
	batchBytes = 1
	f.Fuzz(func(t *testing.T, data []byte) {
		b, issues := Parse("f.yaml", data)
		sameParse(t, "f.yaml", data, b, issues)
		if b == nil || len(issues.Errors()) > 0 {
			return
		}
		for _, q := range b.Questions {
			if q.Type == Single && (len(q.Correct) != 1 || q.Correct[0] >= len(q.Choices)) {
				t.Fatalf("clean bank with a bad single answer: %+v", q)
			}
			for _, c := range q.Correct {
				if c < 0 || c >= len(q.Choices) {
					t.Fatalf("clean bank with an answer outside the choices: %+v", q)
				}
			}
		}
	})
}
