package questions

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// maxLengthCue is the most a strategy based on length alone may score on a bank's
// single-answer questions: picking the longest choice, picking the shortest, or
// guessing between the choices that are neither. Picking at random scores 25% with four
// choices. Writers tend to make the right choice the most careful and so the longest,
// and, told to avoid that, the middle one; a test-taker who notices scores without
// knowing anything.
const maxLengthCue = 0.40

// maxMultiCue is the largest share of a bank's multi questions in which every right
// choice is longer than every wrong one. By chance it happens in 10% of questions with
// two right choices out of five.
const maxMultiCue = 1.0 / 3

// TestChoiceLengthCue keeps the length of a choice from giving the answer away, in
// every built-in bank with at least 15 single-answer questions. With -v it lists the
// questions whose right choice is the longest or shortest, for whoever rebalances them.
func TestChoiceLengthCue(t *testing.T) {
	banks, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range banks {
		var n int
		var longest, shortest []string
		for _, q := range b.Questions {
			if q.Type != Single || len(q.Choices) < 3 {
				continue
			}
			n++
			switch extreme(q.Choices, q.Correct[0]) {
			case 1:
				longest = append(longest, q.ID)
			case -1:
				shortest = append(shortest, q.ID)
			}
		}
		if nm, sep := multiSeparated(b); nm >= 10 {
			share := float64(len(sep)) / float64(nm)
			t.Logf("%s: %d multi questions; right choices all longer than the wrong ones in %.0f%%", b.ID, nm, 100*share)
			if share > maxMultiCue {
				t.Errorf("%s: in %d of %d multi questions every right choice is longer than every wrong one (%.0f%%, at most %.0f%%): %s",
					b.ID, len(sep), nm, 100*share, 100*maxMultiCue, strings.Join(sep, " "))
			}
		}
		if n < 15 {
			continue
		}
		l, s := float64(len(longest))/float64(n), float64(len(shortest))/float64(n)
		t.Logf("%s: %d single questions; right choice longest in %.0f%%, shortest in %.0f%%", b.ID, n, 100*l, 100*s)
		if l > maxLengthCue {
			t.Errorf("%s: the right choice is the longest in %d of %d single questions (%.0f%%, at most %.0f%%): %s",
				b.ID, len(longest), n, 100*l, 100*maxLengthCue, strings.Join(longest, " "))
		}
		if s > maxLengthCue {
			t.Errorf("%s: the right choice is the shortest in %d of %d single questions (%.0f%%, at most %.0f%%): %s",
				b.ID, len(shortest), n, 100*s, 100*maxLengthCue, strings.Join(shortest, " "))
		}
		// Ruling out the longest and the shortest leaves about two choices to guess from.
		if middle := (1 - l - s) / 2; middle > maxLengthCue {
			t.Errorf("%s: the right choice is neither the longest nor the shortest in %.0f%% of single questions, so guessing between the others scores %.0f%% (at most %.0f%%); make more right choices the longest or the shortest",
				b.ID, 100*(1-l-s), 100*middle, 100*maxLengthCue)
		}
	}
}

// multiSeparated counts b's multi questions and lists those in which every right choice
// is longer than every wrong one.
func multiSeparated(b *Bank) (int, []string) {
	var n int
	var sep []string
	for _, q := range b.Questions {
		if q.Type != Multi {
			continue
		}
		n++
		right := map[int]bool{}
		for _, c := range q.Correct {
			right[c] = true
		}
		minRight, maxWrong := -1, -1
		for i, c := range q.Choices {
			l := utf8.RuneCountInString(c)
			if right[i] {
				if minRight < 0 || l < minRight {
					minRight = l
				}
			} else {
				maxWrong = max(maxWrong, l)
			}
		}
		if maxWrong >= 0 && minRight > maxWrong {
			sep = append(sep, q.ID)
		}
	}
	return n, sep
}

// extreme returns 1 when choice i is strictly the longest of choices, -1 when strictly
// the shortest, 0 otherwise. Length counts characters.
func extreme(choices []string, i int) int {
	li := utf8.RuneCountInString(choices[i])
	longer, shorter := true, true
	for j, c := range choices {
		if j == i {
			continue
		}
		l := utf8.RuneCountInString(c)
		longer = longer && li > l
		shorter = shorter && li < l
	}
	switch {
	case longer:
		return 1
	case shorter:
		return -1
	}
	return 0
}
