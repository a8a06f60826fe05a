package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/grill-cli/grill/questions"
	"github.com/mitchellh/go-wordwrap"
)

// wrapText folds prose at word boundaries to width columns; width 0 leaves it alone
// (pipes and screen readers get the text as written). Indented lines are code or
// lists and are kept as they are.
func wrapText(s string, width int) string {
	if width <= 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" && l[0] != ' ' && l[0] != '\t' {
			lines[i] = wordwrap.WrapString(l, uint(width))
		}
	}
	return strings.Join(lines, "\n")
}

// renderQuestion prints a question with its choices lettered in bank order, as grill
// bank show does.
func renderQuestion(w io.Writer, q *questions.Question, order []int) {
	renderQuestionLabeled(w, q, order, letterLabel, 0)
}

func letterLabel(i int) string { return questions.Letter(i) }
func numberLabel(i int) string { return fmt.Sprint(i + 1) }

// renderQuestionLabeled prints a question as a quiz asks it. order gives the bank indexes
// of the choices in the order shown (nil for bank order); label names the i-th choice
// shown, and a nil label leaves the choices out (a menu shows them instead).
func renderQuestionLabeled(w io.Writer, q *questions.Question, order []int, label func(int) string, width int) {
	meta := []string{string(q.Kind), string(q.Type), q.Topic}
	if q.Level != "" {
		meta = append(meta, string(q.Level))
	}
	if q.TimeLimit > 0 {
		meta = append(meta, q.TimeLimit.String())
	}
	fmt.Fprintf(w, "%s  [%s]\n\n", q.Key(), strings.Join(meta, ", "))
	fmt.Fprintln(w, wrapText(safe(strings.TrimRight(q.Prompt, "\n")), width))
	if len(q.Choices) > 0 && label != nil {
		fmt.Fprintln(w)
		for i, c := range choiceOrder(q, order) {
			fmt.Fprintf(w, "  %s) %s\n", label(i), safe(q.Choices[c]))
		}
	}
	switch q.Type {
	case questions.Multi:
		fmt.Fprintln(w, "\n(several answers)")
	case questions.Boolean:
		fmt.Fprintln(w, "\n(true or false)")
	case questions.Numeric:
		if q.Number.Unit != "" {
			fmt.Fprintf(w, "\n(a number, in %s)\n", safe(q.Number.Unit))
		}
	case questions.Star:
		fmt.Fprintln(w, "\n(answer in the STAR form: Situation, Task, Action, Result)")
	}
	for i, st := range q.Stages {
		fmt.Fprintf(w, "\n%s\n", wrapText(fmt.Sprintf("Stage %d/%d, %s: %s", i+1, len(q.Stages), safe(st.Title), safe(strings.TrimSpace(st.Prompt))), width))
	}
}

func choiceOrder(q *questions.Question, order []int) []int {
	if order != nil {
		return order
	}
	out := make([]int, len(q.Choices))
	for i := range out {
		out[i] = i
	}
	return out
}

// renderAnswerKey prints what a question expects: the answer, its explanation, the rubric
// or stages, the model answer and the references.
func renderAnswerKey(w io.Writer, q *questions.Question) {
	if a := q.AnswerText(); a != "" {
		fmt.Fprintf(w, "Answer: %s\n", safe(a))
	}
	if q.Explanation != "" {
		fmt.Fprintf(w, "\n%s\n", safe(strings.TrimSpace(q.Explanation)))
	}
	renderRubric(w, q.Rubric, "")
	for i, st := range q.Stages {
		fmt.Fprintf(w, "\nStage %d, %s", i+1, safe(st.Title))
		if st.TimeLimit > 0 {
			fmt.Fprintf(w, " (%s)", st.TimeLimit)
		}
		fmt.Fprintln(w, ":")
		if st.Estimate != nil {
			fmt.Fprintf(w, "  Answer: %s\n", safe(st.Estimate.String()))
			if st.Explanation != "" {
				fmt.Fprintf(w, "  %s\n", safe(strings.TrimSpace(st.Explanation)))
			}
		}
		renderRubric(w, st.Rubric, "  ")
		if st.ModelAnswer != "" {
			fmt.Fprintf(w, "  Model answer: %s\n", safe(strings.TrimSpace(st.ModelAnswer)))
		}
	}
	if len(q.Signals) > 0 {
		fmt.Fprintln(w, "\nWhat an answer shows at each level:")
		for _, l := range questions.Levels {
			if s, ok := q.Signals[l]; ok {
				fmt.Fprintf(w, "  %-7s %s\n", l+":", safe(s))
			}
		}
	}
	if q.ModelAnswer != "" {
		fmt.Fprintf(w, "\nModel answer:\n%s\n", safe(strings.TrimSpace(q.ModelAnswer)))
	}
	if len(q.FollowUps) > 0 {
		fmt.Fprintln(w, "\nFollow-up questions:")
		for _, fu := range q.FollowUps {
			fmt.Fprintf(w, "  - %s\n", safe(fu))
		}
	}
	if len(q.References) > 0 {
		fmt.Fprintln(w, "\nReferences:")
		for _, r := range q.References {
			fmt.Fprintf(w, "  %s\n", safe(r))
		}
	}
}

func renderRubric(w io.Writer, items []questions.RubricItem, indent string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%sRubric:\n", indent)
	for _, it := range items {
		mark := ""
		if it.Required {
			mark = " (required)"
		}
		fmt.Fprintf(w, "%s  [%s] %s%s\n", indent, questions.FormatNumber(it.Weight), safe(it.Point), mark)
	}
}

// questionView is the JSON form of a question.
type questionView struct {
	Key         string            `json:"key"`
	Bank        string            `json:"bank"`
	ID          string            `json:"id"`
	Kind        string            `json:"kind"`
	Type        string            `json:"type"`
	Topic       string            `json:"topic"`
	Level       string            `json:"level,omitempty"`
	Tags        []string          `json:"tags,omitempty"`
	Prompt      string            `json:"prompt"`
	Choices     []string          `json:"choices,omitempty"`
	Answer      any               `json:"answer,omitempty"`
	Tolerance   string            `json:"tolerance,omitempty"`
	Unit        string            `json:"unit,omitempty"`
	Explanation string            `json:"explanation,omitempty"`
	Rubric      []rubricView      `json:"rubric,omitempty"`
	Stages      []stageView       `json:"stages,omitempty"`
	ModelAnswer string            `json:"model_answer,omitempty"`
	Signals     map[string]string `json:"signals,omitempty"`
	FollowUps   []string          `json:"follow_ups,omitempty"`
	Hints       []string          `json:"hints,omitempty"`
	References  []string          `json:"references,omitempty"`
	TimeLimitS  float64           `json:"time_limit_s,omitempty"`
	Points      float64           `json:"points"`
	Position    string            `json:"position"`
}

type rubricView struct {
	Point    string   `json:"point"`
	Weight   float64  `json:"weight"`
	Any      []string `json:"any,omitempty"`
	Avoid    []string `json:"avoid,omitempty"`
	Required bool     `json:"required,omitempty"`
}

type stageView struct {
	ID          string       `json:"id"`
	Title       string       `json:"title"`
	Prompt      string       `json:"prompt"`
	TimeLimitS  float64      `json:"time_limit_s,omitempty"`
	Rubric      []rubricView `json:"rubric,omitempty"`
	Answer      *float64     `json:"answer,omitempty"`
	Tolerance   string       `json:"tolerance,omitempty"`
	Unit        string       `json:"unit,omitempty"`
	ModelAnswer string       `json:"model_answer,omitempty"`
	Explanation string       `json:"explanation,omitempty"`
}

func rubricViews(items []questions.RubricItem) []rubricView {
	var out []rubricView
	for _, it := range items {
		out = append(out, rubricView{it.Point, it.Weight, it.Any, it.Avoid, it.Required})
	}
	return out
}

func questionJSON(q *questions.Question) questionView {
	v := questionView{Key: q.Key(), Bank: q.Bank, ID: q.ID, Kind: string(q.Kind), Type: string(q.Type),
		Topic: q.Topic, Level: string(q.Level), Tags: q.Tags, Prompt: q.Prompt, Choices: q.Choices,
		Explanation: q.Explanation, Rubric: rubricViews(q.Rubric), ModelAnswer: q.ModelAnswer,
		FollowUps: q.FollowUps, Hints: q.Hints, References: q.References,
		TimeLimitS: q.TimeLimit.Seconds(), Points: q.Points, Position: q.Pos.String()}
	switch q.Type {
	case questions.Single:
		if len(q.Correct) == 1 {
			v.Answer = questions.Letter(q.Correct[0])
		}
	case questions.Multi:
		letters := make([]string, len(q.Correct))
		for i, c := range q.Correct {
			letters[i] = questions.Letter(c)
		}
		v.Answer = letters
	case questions.Boolean:
		v.Answer = q.Truth
	case questions.Short:
		if len(q.Accept) > 0 {
			v.Answer = q.Accept
		} else if q.Pattern != nil {
			v.Answer = map[string]string{"pattern": q.PatternSource()}
		}
	case questions.Numeric:
		v.Answer = q.Number.Value
		if !q.Number.Tolerance.IsZero() {
			v.Tolerance = q.Number.Tolerance.String()
		}
		v.Unit = q.Number.Unit
	}
	if len(q.Signals) > 0 {
		v.Signals = map[string]string{}
		for l, s := range q.Signals {
			v.Signals[string(l)] = s
		}
	}
	for _, st := range q.Stages {
		sv := stageView{ID: st.ID, Title: st.Title, Prompt: st.Prompt, TimeLimitS: st.TimeLimit.Seconds(),
			Rubric: rubricViews(st.Rubric), ModelAnswer: st.ModelAnswer, Explanation: st.Explanation}
		if st.Estimate != nil {
			val := st.Estimate.Value
			sv.Answer = &val
			if !st.Estimate.Tolerance.IsZero() {
				sv.Tolerance = st.Estimate.Tolerance.String()
			}
			sv.Unit = st.Estimate.Unit
		}
		v.Stages = append(v.Stages, sv)
	}
	return v
}
