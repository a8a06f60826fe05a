package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/quiz"
	"github.com/grill-cli/grill/scoring"
)

// ttyAsker asks questions interactively on a terminal.
type ttyAsker struct {
	tty TTYPrompter
	now func() time.Time
	// width is how wide prose may be on the terminal (0: no wrapping).
	width int
	// session is the whole quiz's context: self-assessment runs under it, untimed.
	session context.Context
	// interrupt cancels the session when Ctrl-C is pressed inside a prompt.
	interrupt context.CancelFunc
	// rateOpen asks for a review rating after open answers (when history is kept).
	rateOpen bool
	// flagging offers to flag questions for review (exams).
	flagging bool
	// followUps asks one follow-up question after an answer (mock interviews).
	followUps bool
	seed      uint64
}

// editorCommand typed alone as an open answer opens $EDITOR instead.
const editorCommand = ":e"

func (a *ttyAsker) Ask(ctx context.Context, p quiz.Prompt) (scoring.Answer, error) {
	ans, err := a.ask(ctx, p)
	if err == nil && a.followUps && len(p.Q.FollowUps) > 0 {
		fu := followUp(p.Q, a.seed)
		fmt.Fprintf(a.tty.Out(), "\nFollow-up: %s\n\n", wrapText(safe(fu), a.width))
		reply, ferr := a.longText(ctx, "Your answer:")
		if ferr == nil {
			ans.FollowUp = &scoring.FollowUp{Question: fu, Reply: reply}
		}
	}
	return ans, err
}

func (a *ttyAsker) ask(ctx context.Context, p quiz.Prompt) (ans scoring.Answer, err error) {
	q := p.Q
	w := a.tty.Out()
	fmt.Fprintf(w, "\nQuestion %d/%d\n", p.Index, p.Total)
	renderQuestionLabeled(w, q, p.Shown, nil, a.width)
	fmt.Fprintln(w)
	stop := func() {}
	if !p.Deadline.IsZero() {
		stop = a.tty.Countdown(p.Deadline)
	}
	defer func() {
		stop()
		if errors.Is(err, errInterruptKey) {
			a.interrupt()
		}
	}()
	switch q.Type {
	case questions.Single, questions.Multi:
		opts := make([]string, len(p.Shown))
		for i, c := range p.Shown {
			opts[i] = safe(q.Choices[c])
		}
		if a.flagging {
			opts = append(opts, flagOption)
		}
		if q.Type == questions.Single {
			i, err := a.tty.Select(ctx, "Your answer:", opts, 0)
			if err != nil {
				return ans, err
			}
			if i == len(p.Shown) {
				return ans, quiz.ErrFlagged
			}
			ans.Choices = []int{p.Shown[i]}
			return ans, nil
		}
		picked, err := a.tty.MultiSelect(ctx, "Your answers (space to tick, Enter when done):", opts, nil)
		flagged := false
		for _, i := range picked {
			if i == len(p.Shown) {
				flagged = true
				continue
			}
			ans.Choices = append(ans.Choices, p.Shown[i])
		}
		if err == nil && flagged {
			err = quiz.ErrFlagged
		}
		return ans, err
	case questions.Boolean:
		opts := []string{"true", "false"}
		if a.flagging {
			opts = append(opts, flagOption)
		}
		i, err := a.tty.Select(ctx, "True or false?", opts, 0)
		if err != nil {
			return ans, err
		}
		if i == 2 {
			return ans, quiz.ErrFlagged
		}
		b := i == 0
		ans.Bool = &b
		return ans, nil
	case questions.Short, questions.Numeric:
		msg := "Your answer (Enter on empty to skip"
		if a.flagging {
			msg += `; "?" flags it for review`
		}
		var validate func(string) error
		if q.Type == questions.Numeric {
			msg = strings.Replace(msg, "Your answer (", "Your answer (40000, 40k, 4e4; ", 1)
			validate = func(s string) error {
				if _, _, err := questions.ParseNumber(s); err != nil && !(a.flagging && strings.TrimSpace(s) == "?") {
					return fmt.Errorf("%q is not a number", s)
				}
				return nil
			}
		}
		ans.Text, err = a.tty.Input(ctx, msg+"):", validate)
		if a.flagging && strings.TrimSpace(ans.Text) == "?" {
			return scoring.Answer{}, quiz.ErrFlagged
		}
		return ans, err
	case questions.Star:
		ans, err = a.askSTAR(ctx)
	case questions.Open:
		if len(q.Stages) > 0 {
			ans, err = a.askStages(ctx, q)
		} else {
			ans.Text, err = a.longText(ctx, "Your answer ("+editorCommand+" alone opens your editor):")
		}
	}
	if err != nil || ans.Empty() {
		return ans, err
	}
	stop()
	stop = func() {}
	if ans.Covered, err = a.confirm(q, ans); err != nil {
		return ans, err
	}
	ans.Rating, err = a.rate(q, ans)
	return ans, err
}

// rate lets the user choose how the answer should count for review scheduling; the
// default is what its score maps to.
func (a *ttyAsker) rate(q *questions.Question, ans scoring.Answer) (int, error) {
	if !a.rateOpen {
		return 0, nil
	}
	auto := int(ratingForScore(q, ans))
	opts := []string{"again: bring it back soon", "hard", "good", "easy: push it far out"}
	opts[auto-1] += " (from your score)"
	i, err := a.tty.Select(a.session, "How should this answer count for review?", opts, auto-1)
	if errors.Is(err, errInterruptKey) {
		a.interrupt()
	}
	if err != nil || i+1 == auto {
		return 0, err
	}
	return i + 1, nil
}

// askStages walks a system-design question's stages in order under the question's clock.
func (a *ttyAsker) askStages(ctx context.Context, q *questions.Question) (scoring.Answer, error) {
	ans := scoring.Answer{Stages: map[string]string{}}
	w := a.tty.Out()
	for i, st := range q.Stages {
		title := fmt.Sprintf("Stage %d/%d, %s", i+1, len(q.Stages), safe(st.Title))
		if st.TimeLimit > 0 {
			title += fmt.Sprintf(" (about %s)", st.TimeLimit)
		}
		fmt.Fprintf(w, "\n%s\n%s\n\n", title, wrapText(safe(strings.TrimSpace(st.Prompt)), a.width))
		var text string
		var err error
		if st.Estimate != nil {
			text, err = a.tty.Input(ctx, "Your estimate (40k, 1.2M, 4e4; Enter on empty to skip):", nil)
		} else {
			text, err = a.longText(ctx, "Your answer ("+editorCommand+" alone opens your editor):")
		}
		if strings.TrimSpace(text) != "" {
			ans.Stages[st.ID] = text
		}
		if err != nil {
			return ans, err
		}
	}
	return ans, nil
}

func (a *ttyAsker) longText(ctx context.Context, msg string) (string, error) {
	text, err := a.tty.Multiline(ctx, msg)
	if err == nil && strings.TrimSpace(text) == editorCommand {
		return a.tty.Edit(ctx, "")
	}
	return text, err
}

// askSTAR asks the four parts; a story written in one piece may go in the first.
func (a *ttyAsker) askSTAR(ctx context.Context) (scoring.Answer, error) {
	var s scoring.STAR
	parts := []struct {
		name string
		dst  *string
	}{
		{"Situation (or the whole story)", &s.Situation},
		{"Task", &s.Task},
		{"Action: what did you do?", &s.Action},
		{"Result, with numbers if you have them", &s.Result},
	}
	for _, p := range parts {
		text, err := a.longText(ctx, p.name+":")
		if err != nil {
			return scoring.Answer{STAR: &s}, err
		}
		*p.dst = text
	}
	if s.Task == "" && s.Action == "" && s.Result == "" {
		return scoring.Answer{Text: s.Situation}, nil
	}
	return scoring.Answer{STAR: &s}, nil
}

// confirm shows the rubric points found automatically, pre-ticked, and lets the user
// correct them, untimed. The result is what the user left ticked.
func (a *ttyAsker) confirm(q *questions.Question, ans scoring.Answer) ([]int, error) {
	items := scoring.RubricItems(q)
	if len(items) == 0 {
		return nil, nil
	}
	opts := make([]string, len(items))
	for i, it := range items {
		opts[i] = safe(it.Point)
	}
	found := scoring.Score(q, ans).Covered(q)
	covered, err := a.tty.MultiSelect(a.session, "Points found in your answer (correct them if needed):", opts, found)
	if errors.Is(err, errInterruptKey) {
		a.interrupt()
	}
	if covered == nil && err == nil {
		covered = []int{}
	}
	return covered, err
}

// pickQuiz asks what to practise when grill quiz runs in a terminal without filters.
func pickQuiz(tty TTYPrompter, opts *QuizOptions, pool []*questions.Question) error {
	ctx := context.Background()
	counts := questions.Count(pool)
	kinds := []string{fmt.Sprintf("everything (%d questions)", len(pool))}
	var kindNames []string
	for _, t := range questions.Sorted(counts.Kind, questions.KindNames()...) {
		kinds = append(kinds, fmt.Sprintf("%s (%d)", t.Name, t.Count))
		kindNames = append(kindNames, t.Name)
	}
	k, err := tty.Select(ctx, "What do you want to practise?", kinds, 0)
	if err != nil {
		return pickErr(err)
	}
	if k > 0 {
		opts.Kinds = []string{kindNames[k-1]}
		pool, _ = questions.Filter{Kinds: []questions.Kind{questions.Kind(kindNames[k-1])}}.Apply(pool)
	}
	topicCounts := questions.Sorted(questions.Count(pool).Topic)
	if len(topicCounts) > 1 {
		topics := []string{"all topics"}
		for _, t := range topicCounts {
			topics = append(topics, fmt.Sprintf("%s (%d)", t.Name, t.Count))
		}
		i, err := tty.Select(ctx, "Which topic?", topics, 0)
		if err != nil {
			return pickErr(err)
		}
		if i > 0 {
			opts.Topics = []string{topicCounts[i-1].Name}
		}
	}
	sizes := []int{5, 10, 20, 0}
	labels := []string{"5", "10", "20", "all"}
	i, err := tty.Select(ctx, "How many questions?", labels, 0)
	if err != nil {
		return pickErr(err)
	}
	opts.N = sizes[i]
	return nil
}

func pickErr(err error) error {
	if errors.Is(err, errInterruptKey) {
		return errInterrupted
	}
	return err
}
