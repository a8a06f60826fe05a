package questions

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// ErrNotANumber is returned by ParseNumber for text that does not start with a number.
var ErrNotANumber = errors.New("not a number")

// multipliers are the suffixes people use for big numbers in estimates. They must be
// attached to the number ("40k", "1.2M"); words may follow a space ("3 million").
var multipliers = map[string]float64{
	"k": 1e3, "K": 1e3,
	"m": 1e6, "M": 1e6, "mm": 1e6,
	"b": 1e9, "B": 1e9, "bn": 1e9,
	"t": 1e12, "T": 1e12,
}

var multiplierWords = map[string]float64{
	"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
	"trillion": 1e12,
}

// ParseNumber reads a number the way people write estimates: 40000, 40,000, 40k, 1.2M,
// 4e4, 3 million, -5, 0.5, optionally followed by a unit ("40k qps", "2.5 GB"). It
// returns the value and the unit text (trimmed, possibly empty). A comma is accepted only
// as a thousands separator in groups of three digits.
func ParseNumber(s string) (value float64, unit string, err error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "~")
	s = strings.TrimPrefix(s, "≈")
	s = strings.TrimSpace(s)
	// The numeric part: sign, digits, commas, one dot, and an exponent.
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	start := i
	for i < len(s) && (isDigit(s[i]) || s[i] == ',' || s[i] == '.' || s[i] == '_') {
		i++
	}
	if i == start {
		return 0, "", fmt.Errorf("%q: %w", s, ErrNotANumber)
	}
	// Exponent: e or E followed by an optional sign and at least one digit.
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k > j {
			i = k
		}
	}
	num := s[:i]
	if err := checkGrouping(num[start:]); err != nil {
		return 0, "", fmt.Errorf("%q: %w", s, err)
	}
	clean := strings.NewReplacer(",", "", "_", "").Replace(num)
	value, err = strconv.ParseFloat(clean, 64)
	if err != nil || math.IsInf(value, 0) || math.IsNaN(value) {
		return 0, "", fmt.Errorf("%q: %w", s, ErrNotANumber)
	}
	rest := s[i:]
	// An attached multiplier suffix, only when followed by the end or a non-letter.
	for _, suf := range []string{"mm", "bn", "k", "K", "m", "M", "b", "B", "t", "T"} {
		if strings.HasPrefix(rest, suf) {
			after := rest[len(suf):]
			if after == "" || !isLetter(rune(after[0])) {
				value *= multipliers[suf]
				rest = after
				break
			}
		}
	}
	rest = strings.TrimSpace(rest)
	if word, tail, _ := strings.Cut(rest, " "); multiplierWords[strings.ToLower(word)] != 0 {
		value *= multiplierWords[strings.ToLower(word)]
		rest = strings.TrimSpace(tail)
	}
	return value, rest, nil
}

// checkGrouping rejects commas that are not thousands separators ("1,5", "40,00").
func checkGrouping(num string) error {
	if !strings.Contains(num, ",") {
		if strings.Count(num, ".") > 1 {
			return ErrNotANumber
		}
		return nil
	}
	intPart, _, _ := strings.Cut(num, ".")
	groups := strings.Split(intPart, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return errors.New("commas must separate groups of three digits")
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return errors.New("commas must separate groups of three digits")
		}
	}
	if strings.Count(num, ".") > 1 {
		return ErrNotANumber
	}
	return nil
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isLetter(r rune) bool { return unicode.IsLetter(r) }

// FormatNumber prints v without a trailing ".0" and without exponent notation for the
// magnitudes estimates use.
func FormatNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// ParseTolerance reads "25%" or an absolute "500" (suffixes as in ParseNumber).
func ParseTolerance(s string) (Tolerance, error) {
	s = strings.TrimSpace(s)
	if p, ok := strings.CutSuffix(s, "%"); ok {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return Tolerance{}, fmt.Errorf("tolerance %q: want a percentage like 25%%", s)
		}
		return Tolerance{Value: v, Percent: true}, nil
	}
	v, unit, err := ParseNumber(s)
	if err != nil || unit != "" || v < 0 {
		return Tolerance{}, fmt.Errorf("tolerance %q: want a non-negative number or a percentage like 25%%", s)
	}
	return Tolerance{Value: v}, nil
}
