package questions

import (
	"fmt"
	"strings"
	"testing"
)

// generateBank writes a bank of n questions cycling through the objective types.
func generateBank(n int) []byte {
	var b strings.Builder
	b.WriteString("bank: gen\ntitle: Generated\ndefaults: {kind: fundamentals, topic: generated}\nquestions:\n")
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "  - id: q%d\n    type: single\n    level: mid\n    prompt: Generated single question number %d?\n    choices: [alpha %d, beta %d, gamma %d, delta %d]\n    answer: c\n    explanation: Gamma is right because it is generated that way.\n", i, i, i, i, i, i)
		case 1:
			fmt.Fprintf(&b, "  - id: q%d\n    type: multi\n    prompt: Generated multi question number %d?\n    choices: [one %d, two %d, three %d]\n    answer: [a, c]\n    explanation: One and three.\n", i, i, i, i, i)
		case 2:
			fmt.Fprintf(&b, "  - id: q%d\n    type: numeric\n    prompt: Generated estimate number %d?\n    answer: %dk\n    tolerance: 25%%\n    unit: qps\n    explanation: Arithmetic.\n", i, i, i)
		case 3:
			fmt.Fprintf(&b, "  - id: q%d\n    type: short\n    tags: [gen, short]\n    prompt: |\n      Generated short question number %d,\n      on two lines?\n    answer: [answer %d, reply %d]\n    explanation: Because.\n", i, i, i, i)
		}
	}
	return []byte(b.String())
}

// BenchmarkParse measures loading and validating generated banks; the figures are in
// docs/performance.md. Aim: 10,000 questions in under 200 ms, growing linearly.
func BenchmarkParse(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		data := generateBank(n)
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				_, issues := Parse("gen.yaml", data)
				if len(issues) > 0 {
					b.Fatal(issues[0])
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "questions/s")
		})
	}
}
