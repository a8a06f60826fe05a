package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/quiz"
	"github.com/grill-cli/grill/quiz/schedule"
	"github.com/grill-cli/grill/scoring"
)

// plainAsker asks in plain text: the question is printed and answers are read one line
// at a time. It never touches terminal modes, so it works in pipes, CI, screen readers
// and scripts. Lines are read by one goroutine for the whole session so that a question
// can time out while a read is pending without losing later input.
type plainAsker struct {
	// rateOpen asks for a review rating after open answers (when history is kept).
	rateOpen bool
	// flagging lets "?" flag a question (exams).
	flagging bool
	// followUps asks one follow-up question after an answer (mock interviews); seed
	// picks which.
	followUps bool
	seed      uint64
	lines     <-chan string
	done      <-chan struct{} // closed at end of input
	out       io.Writer
	now       func() time.Time
}

func newPlainAsker(in io.Reader, out io.Writer, now func() time.Time) *plainAsker {
	lines := make(chan string)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			lines <- strings.TrimRight(sc.Text(), "\r")
		}
	}()
	return &plainAsker{lines: lines, done: done, out: out, now: now}
}

var errEOF = errors.New("end of input")

// roundLimit rounds a time left for display: to the second, or to a tenth of a second
// below ten seconds.
func roundLimit(d time.Duration) time.Duration {
	if d < 10*time.Second {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Second)
}

// readLine waits for the next line, the end of input, or ctx.
func (a *plainAsker) readLine(ctx context.Context) (string, error) {
	select {
	case l := <-a.lines:
		return l, nil
	case <-a.done:
		// Lines sent before the end may still be waiting.
		select {
		case l := <-a.lines:
			return l, nil
		default:
			return "", errEOF
		}
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (a *plainAsker) Ask(ctx context.Context, p quiz.Prompt) (scoring.Answer, error) {
	ans, err := a.ask(ctx, p)
	if err == nil && a.followUps && len(p.Q.FollowUps) > 0 {
		fu := followUp(p.Q, a.seed)
		fmt.Fprintf(a.out, "\nFollow-up: %s\n%s\n> ", safe(fu), `Answer; end with a line holding a single "." (empty to skip):`)
		reply, ferr := a.readBlock(ctx)
		if ferr == nil || errors.Is(ferr, errEOF) {
			ans.FollowUp = &scoring.FollowUp{Question: fu, Reply: reply}
		}
	}
	return ans, err
}

// followUp picks the follow-up question to ask, the same one for the same seed.
func followUp(q *questions.Question, seed uint64) string {
	return q.FollowUps[int(seed%uint64(len(q.FollowUps)))]
}

func (a *plainAsker) ask(ctx context.Context, p quiz.Prompt) (scoring.Answer, error) {
	q := p.Q
	fmt.Fprintf(a.out, "\nQuestion %d/%d", p.Index, p.Total)
	if !p.Deadline.IsZero() {
		fmt.Fprintf(a.out, " (time limit %s)", roundLimit(p.Deadline.Sub(a.now())))
	}
	fmt.Fprintln(a.out)
	renderQuestionLabeled(a.out, q, p.Shown, numberLabel, 0)
	var ans scoring.Answer
	if len(q.Stages) > 0 {
		return a.askStages(ctx, q)
	}
	for {
		hint := plainHint(q)
		if a.flagging {
			hint += ` ("?" flags it for review)`
		}
		fmt.Fprintf(a.out, "%s\n> ", hint)
		if q.Type == questions.Open || q.Type == questions.Star {
			text, err := a.readBlock(ctx)
			if err != nil && !errors.Is(err, errEOF) {
				return ans, err
			}
			if a.flagging && strings.TrimSpace(text) == "?" {
				return ans, quiz.ErrFlagged
			}
			if strings.TrimSpace(text) == "" {
				if errors.Is(err, errEOF) {
					return ans, quiz.ErrNoMoreInput
				}
				return ans, quiz.ErrSkipped
			}
			ans.Text = text
			if ans.Covered, err = a.confirm(ctx, q, ans); err != nil {
				return ans, err
			}
			ans.Rating, err = a.rate(ctx, q, ans)
			return ans, err
		}
		line, err := a.readLine(ctx)
		if errors.Is(err, errEOF) {
			return ans, quiz.ErrNoMoreInput
		}
		if err != nil {
			return ans, err
		}
		if strings.TrimSpace(line) == "" {
			return ans, quiz.ErrSkipped
		}
		if a.flagging && strings.TrimSpace(line) == "?" {
			return ans, quiz.ErrFlagged
		}
		ans, err = parseTyped(q, p.Shown, line)
		if err == nil {
			return ans, nil
		}
		fmt.Fprintf(a.out, "%v; try again.\n", err)
	}
}

// readBlock reads lines up to one holding a single "." or the end of input.
func (a *plainAsker) readBlock(ctx context.Context) (string, error) {
	var lines []string
	for {
		l, err := a.readLine(ctx)
		if err != nil {
			return strings.Join(lines, "\n"), err
		}
		if strings.TrimSpace(l) == "." {
			return strings.Join(lines, "\n"), nil
		}
		lines = append(lines, l)
	}
}

// askStages walks a system-design question's stages in order, under the question's
// clock: a number for estimate stages, a block of text for the others.
func (a *plainAsker) askStages(ctx context.Context, q *questions.Question) (scoring.Answer, error) {
	ans := scoring.Answer{Stages: map[string]string{}}
	for i, st := range q.Stages {
		fmt.Fprintf(a.out, "\nStage %d/%d, %s", i+1, len(q.Stages), safe(st.Title))
		if st.TimeLimit > 0 {
			fmt.Fprintf(a.out, " (about %s)", st.TimeLimit)
		}
		fmt.Fprintf(a.out, ": %s\n", safe(strings.TrimSpace(st.Prompt)))
		var text string
		var err error
		if st.Estimate != nil {
			fmt.Fprintf(a.out, "A number, such as 40k or 4e4 (empty to skip):\n> ")
			text, err = a.readLine(ctx)
		} else {
			fmt.Fprintf(a.out, "%s\n> ", `Write your answer; end it with a line holding a single "." (empty to skip):`)
			text, err = a.readBlock(ctx)
		}
		if strings.TrimSpace(text) != "" {
			ans.Stages[st.ID] = text
		}
		if errors.Is(err, errEOF) {
			break
		}
		if err != nil {
			return ans, err
		}
	}
	if len(ans.Stages) == 0 {
		return ans, quiz.ErrSkipped
	}
	var err error
	if ans.Covered, err = a.confirm(ctx, q, ans); err != nil {
		return ans, err
	}
	ans.Rating, err = a.rate(ctx, q, ans)
	return ans, err
}

// rate asks how an open answer should count for review scheduling; Enter keeps the
// rating its score maps to.
func (a *plainAsker) rate(ctx context.Context, q *questions.Question, ans scoring.Answer) (int, error) {
	if !a.rateOpen {
		return 0, nil
	}
	auto := ratingForScore(q, ans)
	for {
		fmt.Fprintf(a.out, "Review rating: again, hard, good or easy (Enter keeps %s, from your score)\n> ", auto)
		line, err := a.readLine(ctx)
		if errors.Is(err, errEOF) || err == nil && strings.TrimSpace(line) == "" {
			return 0, nil
		}
		if err != nil {
			return 0, err
		}
		for r := schedule.Again; r <= schedule.Easy; r++ {
			if strings.EqualFold(strings.TrimSpace(line), r.String()) {
				return int(r), nil
			}
		}
		fmt.Fprintln(a.out, "Type again, hard, good or easy.")
	}
}

// confirm shows which rubric points were found automatically and lets the user accept
// that or say which points the answer covered. nil means accepted as found.
func (a *plainAsker) confirm(ctx context.Context, q *questions.Question, ans scoring.Answer) ([]int, error) {
	items := scoring.RubricItems(q)
	if len(items) == 0 {
		return nil, nil
	}
	found := scoring.Score(q, ans).Covered(q)
	fmt.Fprintln(a.out, "\nRubric points ([x] found in your answer):")
	for i, it := range items {
		box := "[ ]"
		if slices.Contains(found, i) {
			box = "[x]"
		}
		fmt.Fprintf(a.out, "  %d) %s %s\n", i+1, box, safe(it.Point))
	}
	for {
		fmt.Fprintf(a.out, "Enter to accept, or the numbers of the points you covered (such as 1,3; 0 for none)\n> ")
		line, err := a.readLine(ctx)
		if errors.Is(err, errEOF) || err == nil && strings.TrimSpace(line) == "" {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(line) == "0" {
			return []int{}, nil
		}
		covered := []int{}
		var bad error
		for _, f := range splitList(line) {
			i, err := choiceIndex(f, len(items))
			if err != nil {
				bad = err
				break
			}
			covered = append(covered, i)
		}
		if bad == nil {
			return covered, nil
		}
		fmt.Fprintf(a.out, "%v; try again.\n", bad)
	}
}

func plainHint(q *questions.Question) string {
	switch q.Type {
	case questions.Single:
		return fmt.Sprintf("Answer with a number from 1 to %d (empty to skip):", len(q.Choices))
	case questions.Multi:
		return "Answer with numbers such as 1,3 (empty to skip):"
	case questions.Boolean:
		return "Answer true or false (empty to skip):"
	case questions.Numeric:
		return "Answer with a number such as 40000, 40k or 4e4 (empty to skip):"
	case questions.Open, questions.Star:
		return `Write your answer; end it with a line holding a single "." (empty to skip):`
	}
	return "Answer (empty to skip):"
}

// parseTyped reads a typed answer to an objective question. Choice numbers and letters
// refer to the order shown, which shown maps back to the bank's order.
func parseTyped(q *questions.Question, shown []int, line string) (scoring.Answer, error) {
	var a scoring.Answer
	switch q.Type {
	case questions.Single, questions.Multi:
		choices, err := choiceList(q, splitList(line), shown)
		if err != nil {
			return a, err
		}
		a.Choices = choices
	case questions.Boolean:
		b, err := parseBool(line)
		if err != nil {
			return a, err
		}
		a.Bool = &b
	case questions.Numeric:
		if _, _, err := questions.ParseNumber(line); err != nil {
			return a, fmt.Errorf("%q is not a number", strings.TrimSpace(line))
		}
		a.Text = strings.TrimSpace(line)
	default:
		a.Text = strings.TrimSpace(line)
	}
	return a, nil
}
