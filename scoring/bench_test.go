package scoring

import (
	"fmt"
	"strings"
	"testing"

	"github.com/grill-cli/grill/questions"
)

// BenchmarkMatchRubric scores a 500-word answer against a 15-item rubric of three
// phrases each, the size of a system-design stage. Aim: under 1 ms. Figures are in
// docs/performance.md.
func BenchmarkMatchRubric(b *testing.B) {
	words := strings.Fields(`the service stores each short code in a replicated key value store and keeps hot
		codes in a cache so that redirects stay fast while the write path assigns codes from a counter
		encoded in base62 and checks collisions with a unique constraint before returning the link to
		the client which retries with an idempotency key when the request times out`)
	var sb strings.Builder
	for i := 0; i < 500; i++ {
		sb.WriteString(words[i%len(words)])
		if i%17 == 16 {
			sb.WriteString(". ")
		} else {
			sb.WriteString(" ")
		}
	}
	answer := sb.String()
	var items []questions.RubricItem
	for i := 0; i < 15; i++ {
		items = append(items, questions.RubricItem{Point: fmt.Sprint("point ", i), Weight: 1,
			Any: []string{fmt.Sprintf("phrase%d cache", i), "base62 counter", fmt.Sprintf("consistent hashing ring%d", i)}})
	}
	b.ReportAllocs()
	for b.Loop() {
		NewMatcher(nil, answer).MatchRubric(items)
	}
}
