package questions

import (
	"math"
	"testing"
)

// FuzzParseNumber feeds arbitrary text to the number reader used for numeric answers
// and estimates: it must not panic, and a number it accepts is finite and reads the
// same when printed and parsed again.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"40000", "40,000", "40k", "1.2M", "4e4", "3 million users", "~300 ms", "-7", "1,5", "1e999", "2.5 GB", "0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, _, err := ParseNumber(s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		again, unit, err := ParseNumber(FormatNumber(v))
		if err != nil || unit != "" || again != v {
			t.Fatalf("ParseNumber(FormatNumber(%v)) = %v, %q, %v", v, again, unit, err)
		}
	})
}
