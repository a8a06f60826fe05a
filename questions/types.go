package questions

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Kind is what sort of interview round a question belongs to.
type Kind string

// The kinds of question.
const (
	Fundamentals  Kind = "fundamentals"
	SystemDesign  Kind = "system-design"
	Behavioral    Kind = "behavioral"
	Certification Kind = "certification"
)

// Kinds lists every kind, in the order reports show them.
var Kinds = []Kind{Fundamentals, SystemDesign, Behavioral, Certification}

// Type is how a question is answered.
type Type string

// The question types.
const (
	Single  Type = "single"
	Multi   Type = "multi"
	Boolean Type = "boolean"
	Short   Type = "short"
	Numeric Type = "numeric"
	Open    Type = "open"
	Star    Type = "star"
)

// Types lists every type, in the order reports show them.
var Types = []Type{Single, Multi, Boolean, Short, Numeric, Open, Star}

// Objective reports whether answers of type t are scored right or wrong against an
// answer key, as opposed to against a rubric.
func (t Type) Objective() bool {
	switch t {
	case Single, Multi, Boolean, Short, Numeric:
		return true
	}
	return false
}

// Level is the seniority a question targets.
type Level string

// The levels.
const (
	Junior Level = "junior"
	Mid    Level = "mid"
	Senior Level = "senior"
)

// Levels lists every level, from junior to senior.
var Levels = []Level{Junior, Mid, Senior}

// Position is where something was found in a bank file. Line and Col count from 1; a
// zero Line means the position is unknown.
type Position struct {
	File string
	Line int
	Col  int
}

func (p Position) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Bank is one bank file.
type Bank struct {
	ID          string
	Title       string
	Description string
	License     string
	Source      string
	// Aliases maps a word or abbreviation to what it stands for, for scoring free text.
	Aliases   map[string]string
	Questions []*Question
	// Origin says where the bank was loaded from: "built-in" or a file path.
	Origin string
	// Pos is where the bank id is written in its file.
	Pos Position
}

// Question is one question of a bank, with the bank's defaults applied.
type Question struct {
	Bank   string
	ID     string
	Kind   Kind
	Type   Type
	Topic  string
	Level  Level
	Tags   []string
	Prompt string

	// Choices are the options of single and multi questions, in bank order.
	Choices []string
	// Correct holds the indexes into Choices of the right choices (single, multi).
	Correct []int
	// PartialCredit gives multi questions per-choice credit.
	PartialCredit bool
	// Truth is the answer of a boolean question.
	Truth bool
	// Accept lists the accepted answers of a short question (empty with Pattern).
	Accept []string
	// Exact turns off typo tolerance for short answers.
	Exact bool
	// Pattern, when set, is the RE2 expression a whole short answer must match.
	Pattern *Pattern
	// Number is the answer of a numeric question.
	Number NumericAnswer

	Rubric      []RubricItem
	ModelAnswer string
	Stages      []Stage
	FollowUps   []string
	// Signals says what an answer at each level shows (behavioral questions).
	Signals map[Level]string

	Explanation string
	Hints       []string
	References  []string
	TimeLimit   time.Duration
	Points      float64

	// Aliases is the bank's alias table, for scoring free text.
	Aliases map[string]string

	// Pos is where the question starts in its file.
	Pos Position
}

// Key returns the question's unique key, bank/id.
func (q *Question) Key() string { return q.Bank + "/" + q.ID }

// Letter returns the answer letter of choice i: a for 0, b for 1, and so on.
func Letter(i int) string { return string(rune('a' + i)) }

// AnswerText renders the question's answer key for people: letters with their choice
// text, true or false, the accepted strings, or the number with its tolerance. It is
// empty for open and star questions.
func (q *Question) AnswerText() string {
	switch q.Type {
	case Single, Multi:
		parts := make([]string, len(q.Correct))
		for i, c := range q.Correct {
			parts[i] = Letter(c) + ") " + q.Choices[c]
		}
		return strings.Join(parts, "; ")
	case Boolean:
		return fmt.Sprint(q.Truth)
	case Short:
		if q.Pattern != nil && len(q.Accept) == 0 {
			return "matching /" + q.PatternSource() + "/"
		}
		return strings.Join(q.Accept, " or ")
	case Numeric:
		return q.Number.String()
	}
	return ""
}

// PatternSource returns the pattern as written in the bank, or "" when there is none.
func (q *Question) PatternSource() string {
	if q.Pattern == nil {
		return ""
	}
	return q.Pattern.Source
}

// NumericAnswer is a number with an optional tolerance and unit.
type NumericAnswer struct {
	Value     float64
	Tolerance Tolerance
	Unit      string
}

func (n NumericAnswer) String() string {
	s := FormatNumber(n.Value)
	if n.Unit != "" {
		s += " " + n.Unit
	}
	if !n.Tolerance.IsZero() {
		s += " (± " + n.Tolerance.String() + ")"
	}
	return s
}

// Accepts reports whether v is within the tolerance of the answer.
func (n NumericAnswer) Accepts(v float64) bool {
	diff := v - n.Value
	if diff < 0 {
		diff = -diff
	}
	return diff <= n.Tolerance.Of(n.Value)+1e-9*max(1, abs(n.Value))
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// Tolerance is an absolute amount or a percentage of the answer.
type Tolerance struct {
	Value   float64
	Percent bool
}

// IsZero reports whether t allows no difference at all.
func (t Tolerance) IsZero() bool { return t.Value == 0 }

// Of returns the absolute tolerance around answer.
func (t Tolerance) Of(answer float64) float64 {
	if t.Percent {
		return abs(answer) * t.Value / 100
	}
	return t.Value
}

func (t Tolerance) String() string {
	if t.Percent {
		return FormatNumber(t.Value) + "%"
	}
	return FormatNumber(t.Value)
}

// RubricItem is one point a good open answer makes.
type RubricItem struct {
	Point  string
	Weight float64
	// Any lists phrases; the item matches when any of them appears in the answer.
	Any []string
	// Avoid lists misconceptions; one appearing costs the item's weight.
	Avoid []string
	// Required caps the grade when the item is missing.
	Required bool
}

// Stage is one step of a system-design question: either a rubric or a numeric estimate.
type Stage struct {
	ID          string
	Title       string
	Prompt      string
	TimeLimit   time.Duration
	Rubric      []RubricItem
	ModelAnswer string
	// Estimate is set on numeric stages.
	Estimate    *NumericAnswer
	Explanation string
}

// ContentHash identifies what a question asks and expects: its prompt, choices, answer,
// rubric and stages, but not its explanation, tags or level. History is keyed by bank/id;
// the hash tells when a question changed since it was last answered, so fixing a typo
// in an explanation changes nothing and fixing a prompt is noted without losing progress.
func (q *Question) ContentHash() string {
	h := sha256.New()
	put := func(parts ...string) {
		for _, p := range parts {
			fmt.Fprintf(h, "%d:%s;", len(p), p)
		}
	}
	put(string(q.Type), q.Prompt)
	put(q.Choices...)
	put(fmt.Sprint(q.Correct), fmt.Sprint(q.Truth), fmt.Sprint(q.Accept), q.PatternSource(), q.Number.String())
	for _, it := range q.Rubric {
		put(it.Point, fmt.Sprint(it.Weight), fmt.Sprint(it.Any), fmt.Sprint(it.Avoid))
	}
	for _, st := range q.Stages {
		put(st.ID, st.Prompt)
		if st.Estimate != nil {
			put(st.Estimate.String())
		}
		for _, it := range st.Rubric {
			put(it.Point, fmt.Sprint(it.Weight), fmt.Sprint(it.Any), fmt.Sprint(it.Avoid))
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
