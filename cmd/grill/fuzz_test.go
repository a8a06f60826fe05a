package main

import (
	"testing"

	"github.com/grill-cli/grill/questions"
)

// FuzzParseTyped feeds arbitrary lines to the plain-mode answer reader (choice numbers
// and letters, lists, true/false, numbers): no panic, and accepted choices are valid.
func FuzzParseTyped(f *testing.F) {
	b, _ := questions.Parse("f.yaml", []byte(`bank: f
title: F
defaults: {kind: fundamentals, topic: x}
questions:
  - {id: s, type: single, prompt: S, choices: [a, b, c], answer: a, explanation: E}
  - {id: m, type: multi, prompt: M, choices: [a, b, c, d], answer: [a, b], explanation: E}
  - {id: t, type: boolean, prompt: T, answer: true, explanation: E}
  - {id: n, type: numeric, prompt: N, answer: 3, explanation: E}
`))
	for _, s := range []string{"1", "b", "1,3", "a c", "true", "no", "40k", "x", "", "99", "1,,2", " 2) "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for _, q := range b.Questions {
			shown := []int{2, 0, 1, 3}[:len(q.Choices)]
			if len(q.Choices) == 3 {
				shown = []int{2, 0, 1}
			}
			a, err := parseTyped(q, shown, line)
			if err != nil {
				continue
			}
			for _, c := range a.Choices {
				if c < 0 || c >= len(q.Choices) {
					t.Fatalf("%s: %q gave choice %d of %d", q.ID, line, c, len(q.Choices))
				}
			}
		}
	})
}
