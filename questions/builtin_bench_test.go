package questions

import "testing"

// BenchmarkBuiltin parses every built-in bank, which grill does on each start that
// loads banks. Figures are in docs/performance.md.
func BenchmarkBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}
