package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/quiz"
	"github.com/grill-cli/grill/scoring"
	"gopkg.in/yaml.v3"
)

// answersAsker answers from a file read up front.
type answersAsker struct {
	answers map[string]scoring.Answer // by question key
}

func (a *answersAsker) Ask(_ context.Context, p quiz.Prompt) (scoring.Answer, error) {
	ans, ok := a.answers[p.Q.Key()]
	if !ok {
		return scoring.Answer{}, quiz.ErrSkipped
	}
	return ans, nil
}

// loadAnswers reads an answers file: a YAML mapping from question key (bank/id, or id
// when only one question of the quiz has it) to the answer. Every bad entry is reported
// with its position; keys that match no question of the quiz are warned about.
func loadAnswers(path string, items []quiz.Item, warn io.Writer) (*answersAsker, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--answers: %w", unwrapPathError(err))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("--answers %s: invalid YAML: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	out := &answersAsker{answers: map[string]scoring.Answer{}}
	if len(doc.Content) == 0 {
		return out, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d:%d: an answers file is a mapping from question keys to answers", path, root.Line, root.Column)
	}
	byKey := map[string]*questions.Question{}
	byID := map[string][]*questions.Question{}
	for _, it := range items {
		byKey[it.Q.Key()] = it.Q
		byID[it.Q.ID] = append(byID[it.Q.ID], it.Q)
	}
	var problems []string
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		pos := fmt.Sprintf("%s:%d:%d", path, k.Line, k.Column)
		q := byKey[k.Value]
		if q == nil {
			switch ids := byID[k.Value]; len(ids) {
			case 0:
				fmt.Fprintf(warn, "grill: %s: %q is not a question of this quiz; ignored\n", pos, k.Value)
				continue
			case 1:
				q = ids[0]
			default:
				problems = append(problems, fmt.Sprintf("%s: %q is ambiguous in this quiz; write bank/id", pos, k.Value))
				continue
			}
		}
		ans, err := answerFromNode(q, v)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s:%d:%d: answer to %s: %v", path, v.Line, v.Column, q.Key(), err))
			continue
		}
		out.answers[q.Key()] = ans
	}
	if len(problems) > 0 {
		return nil, errors.New("bad answers file:\n" + strings.Join(problems, "\n"))
	}
	return out, nil
}

// answerFromNode converts one YAML answer to the answer of question q.
func answerFromNode(q *questions.Question, v *yaml.Node) (scoring.Answer, error) {
	var a scoring.Answer
	switch q.Type {
	case questions.Single, questions.Multi:
		var letters []string
		switch v.Kind {
		case yaml.ScalarNode:
			letters = splitList(v.Value)
		case yaml.SequenceNode:
			for _, it := range v.Content {
				letters = append(letters, it.Value)
			}
		default:
			return a, errors.New("want a letter or a list of letters")
		}
		choices, err := choiceList(q, letters, nil)
		if err != nil {
			return a, err
		}
		a.Choices = choices
	case questions.Boolean:
		b, err := parseBool(v.Value)
		if err != nil || v.Kind != yaml.ScalarNode {
			return a, errors.New("want true or false")
		}
		a.Bool = &b
	case questions.Short, questions.Numeric:
		if v.Kind != yaml.ScalarNode {
			return a, errors.New("want text or a number")
		}
		a.Text = v.Value
	case questions.Open:
		switch v.Kind {
		case yaml.ScalarNode:
			a.Text = v.Value
		case yaml.MappingNode:
			a.Stages = map[string]string{}
			for i := 0; i+1 < len(v.Content); i += 2 {
				id := v.Content[i].Value
				if !slices.ContainsFunc(q.Stages, func(st questions.Stage) bool { return st.ID == id }) {
					return a, fmt.Errorf("%q is not a stage of this question", id)
				}
				a.Stages[id] = v.Content[i+1].Value
			}
		default:
			return a, errors.New("want text, or a mapping of stage ids to text")
		}
	case questions.Star:
		switch v.Kind {
		case yaml.ScalarNode:
			a.Text = v.Value
		case yaml.MappingNode:
			s := &scoring.STAR{}
			for i := 0; i+1 < len(v.Content); i += 2 {
				val := v.Content[i+1].Value
				switch v.Content[i].Value {
				case "situation":
					s.Situation = val
				case "task":
					s.Task = val
				case "action":
					s.Action = val
				case "result":
					s.Result = val
				default:
					return a, fmt.Errorf("%q is not a STAR part (situation, task, action, result)", v.Content[i].Value)
				}
			}
			a.STAR = s
		default:
			return a, errors.New("want text, or a mapping of situation, task, action and result")
		}
	}
	return a, nil
}

// choiceList reads the choices named by items (letters or numbers) for question q.
// shown maps the i-th choice shown to its bank index; nil means bank order.
func choiceList(q *questions.Question, items []string, shown []int) ([]int, error) {
	if q.Type == questions.Single && len(items) != 1 {
		return nil, errors.New("give one choice")
	}
	var out []int
	for _, it := range items {
		i, err := choiceIndex(it, len(q.Choices))
		if err != nil {
			return nil, err
		}
		if shown != nil {
			i = shown[i]
		}
		out = append(out, i)
	}
	return out, nil
}

// splitList splits "a,c", "a, c" or "a c" into items.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

// choiceIndex reads a choice letter (a = 0) or number (1 = 0) for n choices.
func choiceIndex(s string, n int) (int, error) {
	s = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ")")))
	if i, err := strconv.Atoi(s); err == nil {
		if i < 1 || i > n {
			return 0, fmt.Errorf("%d is not a choice (1 to %d or a to %s)", i, n, questions.Letter(n-1))
		}
		return i - 1, nil
	}
	if len(s) == 1 && s[0] >= 'a' && s[0] <= 'z' {
		if i := int(s[0] - 'a'); i < n {
			return i, nil
		}
	}
	return 0, fmt.Errorf("%q is not a choice (1 to %d or a to %s)", s, n, questions.Letter(n-1))
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "t", "yes", "y":
		return true, nil
	case "false", "f", "no", "n":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", s)
}
