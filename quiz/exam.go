package quiz

import (
	"cmp"
	"context"
	"errors"
	"math"
	"slices"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/scoring"
)

// Allocate divides total questions among weights by the largest remainder method: the
// counts add up to total exactly, and, when total allows, every domain with a positive
// weight gets at least one.
func Allocate(total int, weights []float64) []int {
	out := make([]int, len(weights))
	var sum float64
	for _, w := range weights {
		sum += w
	}
	if sum <= 0 || total <= 0 {
		return out
	}
	type rem struct {
		i    int
		frac float64
	}
	rems := make([]rem, len(weights))
	given := 0
	for i, w := range weights {
		exact := float64(total) * w / sum
		out[i] = int(math.Floor(exact))
		given += out[i]
		rems[i] = rem{i, exact - math.Floor(exact)}
	}
	slices.SortStableFunc(rems, func(a, b rem) int { return cmp.Compare(b.frac, a.frac) })
	for k := 0; given < total; k++ {
		out[rems[k%len(rems)].i]++
		given++
	}
	// A weighted domain left with nothing takes one from the largest.
	for i, w := range weights {
		if w > 0 && out[i] == 0 && total >= len(weights) {
			j := 0
			for k := range out {
				if out[k] > out[j] {
					j = k
				}
			}
			out[j]--
			out[i]++
		}
	}
	return out
}

// ExamItem is an exam question with its domain.
type ExamItem struct {
	Item
	Domain string
}

// ExamSize is how many questions a run of bp can draw from qs with every domain at its
// weight: the blueprint's count, or less when some domain has too few questions (the
// largest count whose allocation every domain can fill). 0 means not even one question
// per domain is available.
func ExamSize(bp *questions.Blueprint, qs []*questions.Question) int {
	weights := make([]float64, len(bp.Domains))
	pools := make([]int, len(bp.Domains))
	for i, d := range bp.Domains {
		weights[i], pools[i] = d.Weight, len(d.Pool(qs))
	}
	for n := bp.Questions; n >= len(bp.Domains); n-- {
		fits := true
		for i, c := range Allocate(n, weights) {
			fits = fits && c <= pools[i]
		}
		if fits {
			return n
		}
	}
	return 0
}

// DrawExam draws n questions (see ExamSize) from qs: each domain its allocated share,
// at random, then everything shuffled, choices included. Questions whose keys are in
// avoid (the previous run's) are drawn only when a domain has no others left, so
// consecutive practice exams differ as much as the banks allow.
func DrawExam(bp *questions.Blueprint, qs []*questions.Question, n int, seed uint64, avoid map[string]bool) []ExamItem {
	weights := make([]float64, len(bp.Domains))
	for i, d := range bp.Domains {
		weights[i] = d.Weight
	}
	counts := Allocate(n, weights)
	rng := newRand(seed)
	var out []ExamItem
	used := map[*questions.Question]bool{}
	for i, d := range bp.Domains {
		var pool []*questions.Question
		for _, q := range d.Pool(qs) {
			if !used[q] {
				pool = append(pool, q)
			}
		}
		rng.Shuffle(len(pool), func(a, b int) { pool[a], pool[b] = pool[b], pool[a] })
		slices.SortStableFunc(pool, func(a, b *questions.Question) int {
			return cmp.Compare(boolInt(avoid[a.Key()]), boolInt(avoid[b.Key()]))
		})
		for _, q := range pool[:min(counts[i], len(pool))] {
			used[q] = true
			// The exam's scoring rule wins over the question's own for multi questions.
			if q.Type == questions.Multi && q.PartialCredit != bp.Partial {
				c := *q
				c.PartialCredit = bp.Partial
				q = &c
			}
			out = append(out, ExamItem{Domain: d.ID, Item: Item{Q: q}})
		}
	}
	rng.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
	for i := range out {
		out[i].Item = items([]*questions.Question{out[i].Q}, 0, rng)[0]
	}
	return out
}

// ErrFlagged is returned by an Asker when the user flags a question to come back to
// it; the answer returned with it (possibly empty) is kept.
var ErrFlagged = errors.New("flagged")

// Reviewer lets the user revisit questions before submitting an exam: it is shown the
// state of every question and returns the index of the one to revisit, or -1 to submit.
type Reviewer interface {
	Review(ctx context.Context, states []ExamState) (int, error)
}

// ExamState is where one exam question stands before submission.
type ExamState struct {
	Index    int
	Item     ExamItem
	Answered bool
	Flagged  bool
}

// ExamRunner runs an exam: every question once, then a review of flagged and unanswered
// questions, all under one clock, and only then scoring.
type ExamRunner struct {
	Asker    Asker
	Reviewer Reviewer // nil: no review (scripted runs)
	Limit    time.Duration
	Now      func() time.Time
	// OnOutcome, when set, is called after each answer (for --practice feedback).
	OnOutcome func(Outcome)
}

// ExamSession is a submitted (or interrupted, or expired) exam.
type ExamSession struct {
	Session
	Items   []ExamItem
	Flagged []bool
}

func (r *ExamRunner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// Run asks items, lets the user review, and scores at submission.
func (r *ExamRunner) Run(ctx context.Context, items []ExamItem) (*ExamSession, error) {
	s := &ExamSession{Items: items, Flagged: make([]bool, len(items))}
	s.StartedAt = r.now()
	var end time.Time
	if r.Limit > 0 {
		end = s.StartedAt.Add(r.Limit)
	}
	answers := make([]scoring.Answer, len(items))
	answered := make([]bool, len(items))
	elapsed := make([]time.Duration, len(items))
	ask := func(i int) error {
		qctx, cancel := ctx, context.CancelFunc(func() {})
		if !end.IsZero() {
			qctx, cancel = context.WithDeadline(ctx, end)
		}
		defer cancel()
		start := r.now()
		ans, err := r.Asker.Ask(qctx, Prompt{Item: items[i].Item, Index: i + 1, Total: len(items), Deadline: end})
		elapsed[i] += r.now().Sub(start)
		switch {
		case ctx.Err() != nil:
			s.Interrupted = true
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded) || qctx.Err() != nil:
			s.Expired = true
			return context.DeadlineExceeded
		case errors.Is(err, ErrFlagged):
			s.Flagged[i] = true
		case errors.Is(err, ErrSkipped), errors.Is(err, ErrNoMoreInput):
		case err != nil:
			return err
		default:
			s.Flagged[i] = false
		}
		if !ans.Empty() {
			answers[i], answered[i] = ans, true
			if r.OnOutcome != nil {
				r.OnOutcome(Outcome{Item: items[i].Item, Answer: ans, Result: score(items[i].Q, ans), Elapsed: elapsed[i]})
			}
		}
		if errors.Is(err, ErrNoMoreInput) {
			return err
		}
		return nil
	}
	var stop error
	for i := range items {
		if stop = ask(i); stop != nil {
			break
		}
	}
	for stop == nil && r.Reviewer != nil {
		states := make([]ExamState, len(items))
		for i := range items {
			states[i] = ExamState{Index: i, Item: items[i], Answered: answered[i], Flagged: s.Flagged[i]}
		}
		rctx, cancel := ctx, context.CancelFunc(func() {})
		if !end.IsZero() {
			rctx, cancel = context.WithDeadline(ctx, end)
		}
		i, err := r.Reviewer.Review(rctx, states)
		// Read before cancel, which would make any review look expired.
		expired := errors.Is(rctx.Err(), context.DeadlineExceeded)
		cancel()
		if ctx.Err() != nil {
			s.Interrupted = true
			break
		}
		if expired {
			s.Expired = true
			break
		}
		if err != nil {
			return nil, err
		}
		if i < 0 {
			break
		}
		stop = ask(i)
	}
	// Scoring happens at submission: unanswered questions score nothing, and a session
	// whose clock ran out counts them as timed out.
	for i, it := range items {
		o := Outcome{Item: it.Item, Answer: answers[i], Elapsed: elapsed[i]}
		switch {
		case answered[i]:
			o.Result = score(it.Q, answers[i])
		case s.Expired:
			o.TimedOut, o.Result = true, timedOut(it.Q)
		default:
			o.Skipped, o.Result = true, skipped(it.Q)
		}
		s.Outcomes = append(s.Outcomes, o)
	}
	s.Duration = r.now().Sub(s.StartedAt)
	return s, nil
}

func score(q *questions.Question, a scoring.Answer) scoring.Result { return scoring.Score(q, a) }

// ByDomain returns the score per domain.
func (s *ExamSession) ByDomain() map[string]scoring.Tally {
	out := map[string]scoring.Tally{}
	for i, o := range s.Outcomes {
		t := out[s.Items[i].Domain]
		t.Add(o.Result)
		out[s.Items[i].Domain] = t
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
