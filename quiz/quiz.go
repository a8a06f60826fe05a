// Package quiz plans and runs quiz sessions: it draws questions, asks them through an
// Asker under per-question and whole-session deadlines, scores the answers and records
// the outcomes.
//
// # Deadlines
//
// Each question is asked with a context whose deadline is the earlier of the question's
// own limit and the session's end. An Asker must return when that context is done; the
// runner then counts the question as timed out. When the session clock runs out, every
// question not yet reached is counted as timed out too. Cancelling the parent context
// (Ctrl-C) ends the session early and marks it interrupted.
//
// # What this package must not do
//
// It never touches a terminal or the process: askers and recorders are interfaces
// implemented by the command layer.
package quiz

import (
	"cmp"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/scoring"
)

// Order is how questions are ordered in a session.
type Order string

// The orders.
const (
	Random    Order = "random"
	BankOrder Order = "bank"
)

// Item is a question as it is asked: with its choices in the order shown.
type Item struct {
	Q *questions.Question
	// Shown holds the bank indexes of the choices in the order they are shown.
	Shown []int
}

// DrawOptions say which questions of a selection to ask and how.
type DrawOptions struct {
	// N is how many questions to ask; 0 or more than there are means all.
	N     int
	Order Order
	Seed  uint64
}

// Draw picks the questions to ask from qs. In random order, questions and the choices of
// each question are shuffled with a generator seeded by Seed, so a seed repeats a run.
func Draw(qs []*questions.Question, o DrawOptions) []Item {
	qs = slices.Clone(qs)
	var rng *rand.Rand
	if o.Order != BankOrder {
		rng = newRand(o.Seed)
		rng.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	}
	return items(qs, o.N, rng)
}

// DrawWeighted picks questions at random with probabilities proportional to their
// weights (by question key; missing keys weigh 1), without replacement, by the
// Efraimidis-Spirakis method: each question gets the key u^(1/w) and the largest keys
// win. Choices are shuffled as in Draw.
func DrawWeighted(qs []*questions.Question, weights map[string]float64, o DrawOptions) []Item {
	rng := newRand(o.Seed)
	type keyed struct {
		q   *questions.Question
		key float64
	}
	ks := make([]keyed, len(qs))
	for i, q := range qs {
		w := weights[q.Key()]
		if w <= 0 {
			w = 1
		}
		ks[i] = keyed{q, math.Pow(rng.Float64(), 1/w)}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return cmp.Compare(b.key, a.key) })
	out := make([]*questions.Question, len(ks))
	for i, k := range ks {
		out[i] = k.q
	}
	return items(out, o.N, rng)
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

// items keeps the first n questions (all for n <= 0) and fixes the order their choices
// are shown in: shuffled with rng, or bank order when rng is nil.
func items(qs []*questions.Question, n int, rng *rand.Rand) []Item {
	if n > 0 && n < len(qs) {
		qs = qs[:n]
	}
	out := make([]Item, len(qs))
	for i, q := range qs {
		shown := make([]int, len(q.Choices))
		for j := range shown {
			shown[j] = j
		}
		if rng != nil {
			rng.Shuffle(len(shown), func(a, b int) { shown[a], shown[b] = shown[b], shown[a] })
		}
		out[i] = Item{Q: q, Shown: shown}
	}
	return out
}

// Prompt is what an Asker is asked.
type Prompt struct {
	Item
	// Index counts from 1; Total is the number of questions in the session.
	Index, Total int
	// Deadline is when the question's time is up; zero means untimed.
	Deadline time.Time
}

// ErrSkipped is returned by an Asker when the user skipped the question.
var ErrSkipped = errors.New("skipped")

// ErrNoMoreInput is returned by an Asker when its input has ended: the question and all
// the ones after it are counted as skipped.
var ErrNoMoreInput = errors.New("no more input")

// Asker asks one question and returns the answer. It must return promptly when ctx is
// done, with an error wrapping ctx.Err().
type Asker interface {
	Ask(ctx context.Context, p Prompt) (scoring.Answer, error)
}

// Outcome is what happened to one question.
type Outcome struct {
	Item     Item
	Answer   scoring.Answer
	Result   scoring.Result
	Skipped  bool
	TimedOut bool
	Elapsed  time.Duration
}

// Recorder keeps outcomes as they happen, so that nothing answered is lost if the
// process dies later.
type Recorder interface {
	Record(Outcome) error
}

// Runner runs sessions.
type Runner struct {
	Asker Asker
	// PerQuestion overrides every question's time limit when non-zero.
	PerQuestion time.Duration
	// TimeLimit bounds the whole session when non-zero.
	TimeLimit time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// OnOutcome, when set, is called after each question (for immediate feedback).
	OnOutcome func(Outcome)
	// Recorder, when set, records each outcome as soon as it is known.
	Recorder Recorder
}

// Session is a finished (or interrupted) run.
type Session struct {
	StartedAt time.Time
	Duration  time.Duration
	Outcomes  []Outcome
	// Interrupted is set when the session was cancelled before every question was asked.
	Interrupted bool
	// Expired is set when the session clock ran out.
	Expired bool
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// Run asks items in order. It returns the session even when it was interrupted; the
// error is non-nil only when recording an outcome failed.
func (r *Runner) Run(ctx context.Context, items []Item) (*Session, error) {
	s := &Session{StartedAt: r.now()}
	var sessionEnd time.Time
	if r.TimeLimit > 0 {
		sessionEnd = s.StartedAt.Add(r.TimeLimit)
	}
	finish := func(o Outcome) error {
		s.Outcomes = append(s.Outcomes, o)
		if r.OnOutcome != nil {
			r.OnOutcome(o)
		}
		if r.Recorder != nil {
			return r.Recorder.Record(o)
		}
		return nil
	}
	var noInput bool
	for i, it := range items {
		if ctx.Err() != nil {
			s.Interrupted = true
			break
		}
		start := r.now()
		if !sessionEnd.IsZero() && !start.Before(sessionEnd) {
			s.Expired = true
			for _, rest := range items[i:] {
				o := Outcome{Item: rest, TimedOut: true, Result: timedOut(rest.Q)}
				if err := finish(o); err != nil {
					return s, err
				}
			}
			break
		}
		if noInput {
			if err := finish(Outcome{Item: it, Skipped: true, Result: skipped(it.Q)}); err != nil {
				return s, err
			}
			continue
		}
		deadline := r.deadline(it.Q, start, sessionEnd)
		qctx, cancel := ctx, context.CancelFunc(func() {})
		if !deadline.IsZero() {
			qctx, cancel = context.WithDeadline(ctx, deadline)
		}
		ans, err := r.Asker.Ask(qctx, Prompt{Item: it, Index: i + 1, Total: len(items), Deadline: deadline})
		// Read before cancel, which would make every question look ended by its context.
		expired := errors.Is(qctx.Err(), context.DeadlineExceeded)
		cancel()
		o := Outcome{Item: it, Answer: ans, Elapsed: r.now().Sub(start)}
		switch {
		case ctx.Err() != nil:
			// Interrupted: what was being asked is not counted.
			s.Interrupted = true
		case err != nil && (errors.Is(err, context.DeadlineExceeded) || expired):
			o.TimedOut, o.Answer, o.Result = true, scoring.Answer{}, timedOut(it.Q)
		case errors.Is(err, ErrNoMoreInput):
			noInput = true
			o.Skipped, o.Result = true, skipped(it.Q)
		case errors.Is(err, ErrSkipped) || err == nil && ans.Empty():
			o.Skipped, o.Result = true, skipped(it.Q)
		case err != nil:
			return s, err
		default:
			o.Result = scoring.Score(it.Q, ans)
		}
		if s.Interrupted {
			break
		}
		if err := finish(o); err != nil {
			return s, err
		}
	}
	s.Duration = r.now().Sub(s.StartedAt)
	return s, nil
}

// deadline is when the question asked at start must end: its own limit or the runner's
// per-question limit, cut short by the end of the session.
func (r *Runner) deadline(q *questions.Question, start, sessionEnd time.Time) time.Time {
	limit := q.TimeLimit
	if r.PerQuestion > 0 {
		limit = r.PerQuestion
	}
	var d time.Time
	if limit > 0 {
		d = start.Add(limit)
	}
	if !sessionEnd.IsZero() && (d.IsZero() || sessionEnd.Before(d)) {
		d = sessionEnd
	}
	return d
}

func timedOut(q *questions.Question) scoring.Result {
	return scoring.Result{MaxPoints: q.Points, Feedback: "timed out"}
}

func skipped(q *questions.Question) scoring.Result {
	return scoring.Result{MaxPoints: q.Points, Feedback: "skipped"}
}

// Score returns the points earned and the points possible.
func (s *Session) Score() scoring.Tally {
	var t scoring.Tally
	for _, o := range s.Outcomes {
		t.Add(o.Result)
	}
	return t
}

// ByTopic returns the score per topic.
func (s *Session) ByTopic() map[string]scoring.Tally {
	out := map[string]scoring.Tally{}
	for _, o := range s.Outcomes {
		t := out[o.Item.Q.Topic]
		t.Add(o.Result)
		out[o.Item.Q.Topic] = t
	}
	return out
}
