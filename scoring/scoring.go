// Package scoring turns a question and an answer into a result with the evidence for it.
//
// # Objective answers
//
// single and boolean are right or wrong. multi is all-or-nothing unless the question gives
// partial credit: then each right choice earns its share of the points and each wrong
// choice costs one share, never below zero. short answers ignore case, surrounding space
// and punctuation, and forgive one typo on answers of five letters or more (two beyond
// eight), never on numbers or with exact; pattern answers must match the RE2 expression
// in full. numeric answers must fall within the tolerance, and a unit, when given, must
// match the question's.
//
// # What this package must not do
//
// Everything here is a pure function of its inputs: no clock, no randomness, no I/O.
// The same question and answer always give the same result.
package scoring

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/agnivade/levenshtein"
	"github.com/grill-cli/grill/questions"
)

// Answer is what a user answered. Which fields are used depends on the question type.
type Answer struct {
	// Choices are bank indexes into the question's choices (single, multi).
	Choices []int `json:"choices,omitempty"`
	// Bool is the answer to a boolean question.
	Bool *bool `json:"bool,omitempty"`
	// Text is the answer to short, numeric and open questions, and a STAR story written
	// in one piece.
	Text string `json:"text,omitempty"`
	// STAR holds the four parts of a STAR answer when they were given separately.
	STAR *STAR `json:"star,omitempty"`
	// Stages holds the answers to a system-design question's stages, by stage id.
	Stages map[string]string `json:"stages,omitempty"`
	// FollowUp is an interviewer's follow-up question asked after the answer, and the
	// reply; it is kept for the report, not scored.
	FollowUp *FollowUp `json:"follow_up,omitempty"`
	// Covered lists the rubric items (indexes into RubricItems) the user says their
	// answer covered, correcting the automatic match; nil accepts it.
	Covered []int `json:"covered,omitempty"`
	// Rating is the review rating (1 again to 4 easy) the user chose for an open answer
	// instead of the one its score maps to; 0 keeps the mapping.
	Rating int `json:"rating,omitempty"`
}

// FollowUp is a follow-up question and its reply.
type FollowUp struct {
	Question string `json:"question"`
	Reply    string `json:"reply"`
}

// STAR is a behavioral answer in four parts.
type STAR struct {
	Situation string `json:"situation"`
	Task      string `json:"task"`
	Action    string `json:"action"`
	Result    string `json:"result"`
}

// Empty reports whether nothing was answered.
func (a Answer) Empty() bool {
	return len(a.Choices) == 0 && a.Bool == nil && strings.TrimSpace(a.Text) == "" &&
		(a.STAR == nil || *a.STAR == STAR{}) && len(a.Stages) == 0
}

// Result is the outcome of scoring one answer.
type Result struct {
	Points    float64 `json:"points"`
	MaxPoints float64 `json:"max_points"`
	// Correct is true when the answer earned full points.
	Correct bool `json:"correct"`
	// Feedback says in one line why the answer earned what it did.
	Feedback string `json:"feedback"`

	// The evidence for open answers: the rubric match, the STAR analysis, or the
	// result of each system-design stage.
	Rubric *RubricResult `json:"rubric,omitempty"`
	STAR   *STARResult   `json:"star,omitempty"`
	Stages []StageResult `json:"stages,omitempty"`
	// AutoPoints is the automatic score when the user corrected it (Points is then the
	// corrected score).
	AutoPoints *float64 `json:"auto_points,omitempty"`
}

// Score scores a against q.
func Score(q *questions.Question, a Answer) Result {
	r := Result{MaxPoints: q.Points}
	switch q.Type {
	case questions.Single:
		r = scoreSingle(q, a, r)
	case questions.Multi:
		r = scoreMulti(q, a, r)
	case questions.Boolean:
		switch {
		case a.Bool == nil:
			r.Feedback = "no answer"
		case *a.Bool == q.Truth:
			r.Points, r.Correct, r.Feedback = q.Points, true, fmt.Sprintf("right: %t", q.Truth)
		default:
			r.Feedback = fmt.Sprintf("wrong: it is %t", q.Truth)
		}
	case questions.Short:
		r = scoreShort(q, a, r)
	case questions.Numeric:
		r = scoreNumeric(q.Number, a.Text, r)
		if r.Correct {
			r.Points = q.Points
		}
	case questions.Open:
		r = scoreOpen(q, a, r)
	case questions.Star:
		r = scoreStar(q, a, r)
	}
	return r
}

func scoreSingle(q *questions.Question, a Answer, r Result) Result {
	want := q.Correct[0]
	switch {
	case len(a.Choices) == 0:
		r.Feedback = "no answer"
	case len(a.Choices) == 1 && a.Choices[0] == want:
		r.Points, r.Correct, r.Feedback = q.Points, true, "right"
	default:
		r.Feedback = fmt.Sprintf("wrong: the answer is %q", q.Choices[want])
	}
	return r
}

func scoreMulti(q *questions.Question, a Answer, r Result) Result {
	if len(a.Choices) == 0 {
		r.Feedback = "no answer"
		return r
	}
	var right, wrong int
	for _, c := range uniq(a.Choices) {
		if slices.Contains(q.Correct, c) {
			right++
		} else {
			wrong++
		}
	}
	missed := len(q.Correct) - right
	if right == len(q.Correct) && wrong == 0 {
		r.Points, r.Correct, r.Feedback = q.Points, true, "right: all choices correct"
		return r
	}
	detail := fmt.Sprintf("%d of %d right choices, %d wrong", right, len(q.Correct), wrong)
	if missed > 0 {
		detail += fmt.Sprintf(", %d missed", missed)
	}
	if !q.PartialCredit {
		r.Feedback = "wrong (all or nothing): " + detail
		return r
	}
	share := q.Points / float64(len(q.Correct))
	r.Points = math.Max(0, float64(right-wrong)*share)
	r.Feedback = fmt.Sprintf("partial credit: %s (each right choice +%s, each wrong one -%s)",
		detail, fmtPoints(share), fmtPoints(share))
	return r
}

func uniq(xs []int) []int {
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

func fmtPoints(p float64) string {
	return questions.FormatNumber(math.Round(p*100) / 100)
}

// NormalizeShort prepares a short answer for comparison: Unicode case folding, inner
// white space collapsed, and surrounding space and punctuation dropped.
func NormalizeShort(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '-' && r != '_' && r != '/' && r != '*' && r != '#' && r != '%'
	})
}

// typoBudget is how many edits a short answer of this length forgives.
func typoBudget(want string) int {
	if strings.ContainsFunc(want, unicode.IsDigit) {
		return 0
	}
	n := len([]rune(want))
	switch {
	case n > 8:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

func scoreShort(q *questions.Question, a Answer, r Result) Result {
	got := NormalizeShort(a.Text)
	if got == "" {
		r.Feedback = "no answer"
		return r
	}
	if q.Pattern != nil && q.Pattern.MatchString(strings.TrimSpace(a.Text)) || q.Pattern != nil && q.Pattern.MatchString(got) {
		r.Points, r.Correct, r.Feedback = q.Points, true, "right: matches the expected form"
		return r
	}
	for _, acc := range q.Accept {
		want := NormalizeShort(acc)
		if got == want {
			r.Points, r.Correct, r.Feedback = q.Points, true, "right"
			return r
		}
		if q.Exact {
			continue
		}
		if d := levenshtein.ComputeDistance(got, want); d <= typoBudget(want) {
			r.Points, r.Correct = q.Points, true
			r.Feedback = fmt.Sprintf("right, allowing %d typo%s: the answer is %q", d, plural(d), acc)
			return r
		}
	}
	r.Feedback = "wrong: the answer is " + q.AnswerText()
	return r
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// scoreNumeric checks a typed number against an expected one, unit included. It only
// fills Correct and Feedback; callers set the points.
func scoreNumeric(want questions.NumericAnswer, text string, r Result) Result {
	if strings.TrimSpace(text) == "" {
		r.Feedback = "no answer"
		return r
	}
	v, unit, err := questions.ParseNumber(text)
	if err != nil {
		// Estimates come in sentences ("about 45 per second"): read the first number.
		if loc := firstNumber.FindStringIndex(text); loc != nil {
			v, unit, err = questions.ParseNumber(text[loc[0]:])
		}
	}
	if err != nil {
		r.Feedback = fmt.Sprintf("not a number: %q", text)
		return r
	}
	if unit != "" && want.Unit != "" {
		factor, ok := UnitFactor(unit, want.Unit)
		if !ok {
			r.Feedback = fmt.Sprintf("wrong unit: %q where %q was asked for", unit, want.Unit)
			return r
		}
		v *= factor
	}
	if want.Accepts(v) {
		r.Correct = true
		r.Feedback = "right: " + questions.FormatNumber(v) + " is within the tolerance of " + want.String()
		return r
	}
	r.Feedback = "wrong: " + questions.FormatNumber(v) + " is outside the tolerance of " + want.String()
	return r
}

var firstNumber = regexp.MustCompile(`[-+]?\d`)

// CheckNumber reports whether text is an acceptable answer to want, with feedback. It
// is the numeric check used for both numeric questions and system-design estimates.
func CheckNumber(want questions.NumericAnswer, text string) (bool, string) {
	r := scoreNumeric(want, text, Result{})
	return r.Correct, r.Feedback
}

// RubricItems returns every rubric item of q in the order a checklist shows them: the
// question's rubric, then each stage's.
func RubricItems(q *questions.Question) []questions.RubricItem {
	items := slices.Clone(q.Rubric)
	for _, st := range q.Stages {
		items = append(items, st.Rubric...)
	}
	return items
}
