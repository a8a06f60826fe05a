package quiz

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/scoring"
)

func testQuestions(t *testing.T, n int) []*questions.Question {
	t.Helper()
	var b strings.Builder
	b.WriteString("bank: t\ntitle: T\ndefaults: {kind: fundamentals, topic: x}\nquestions:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - {id: q%d, type: single, prompt: P%d, choices: [a%d, b%d, c%d, d%d], answer: a, explanation: E}\n", i, i, i, i, i, i)
	}
	bank, issues := questions.Parse("t.yaml", []byte(b.String()))
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	return bank.Questions
}

func ids(items []Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Q.ID)
	}
	return strings.Join(out, ",")
}

func TestDraw(t *testing.T) {
	qs := testQuestions(t, 20)
	bank := Draw(qs, DrawOptions{Order: BankOrder, N: 3})
	if got := ids(bank); got != "q0,q1,q2" {
		t.Errorf("bank order = %s", got)
	}
	if !slices.Equal(bank[0].Shown, []int{0, 1, 2, 3}) {
		t.Errorf("bank order must not shuffle choices: %v", bank[0].Shown)
	}
	a := Draw(qs, DrawOptions{Order: Random, Seed: 42})
	b := Draw(qs, DrawOptions{Order: Random, Seed: 42})
	c := Draw(qs, DrawOptions{Order: Random, Seed: 43})
	if ids(a) != ids(b) || fmt.Sprint(a[0].Shown) != fmt.Sprint(b[0].Shown) {
		t.Errorf("the same seed must repeat the draw")
	}
	if ids(a) == ids(c) {
		t.Errorf("different seeds gave the same order")
	}
	if len(a) != 20 {
		t.Errorf("N=0 must draw all, got %d", len(a))
	}
	shuffled := false
	for _, it := range a {
		s := slices.Clone(it.Shown)
		slices.Sort(s)
		if !slices.Equal(s, []int{0, 1, 2, 3}) {
			t.Fatalf("shown order %v is not a permutation", it.Shown)
		}
		shuffled = shuffled || !slices.Equal(it.Shown, []int{0, 1, 2, 3})
	}
	if !shuffled {
		t.Errorf("random order never shuffled choices")
	}
}

// scriptedAsker answers from a list of replies: an answer, an error, or "block" to wait
// until the question's context ends.
type scriptedAsker struct {
	replies []any
	n       int
}

func (s *scriptedAsker) Ask(ctx context.Context, p Prompt) (scoring.Answer, error) {
	r := s.replies[s.n%len(s.replies)]
	s.n++
	switch r := r.(type) {
	case scoring.Answer:
		return r, nil
	case error:
		return scoring.Answer{}, r
	}
	<-ctx.Done()
	return scoring.Answer{}, ctx.Err()
}

type memRecorder struct{ got []Outcome }

func (m *memRecorder) Record(o Outcome) error { m.got = append(m.got, o); return nil }

func TestRun(t *testing.T) {
	qs := testQuestions(t, 4)
	items := Draw(qs, DrawOptions{Order: BankOrder})
	right := scoring.Answer{Choices: []int{0}}
	wrong := scoring.Answer{Choices: []int{1}}

	t.Run("answers, skips and recording", func(t *testing.T) {
		rec := &memRecorder{}
		var seen int
		r := &Runner{Asker: &scriptedAsker{replies: []any{right, wrong, ErrSkipped, scoring.Answer{}}}, Recorder: rec,
			OnOutcome: func(Outcome) { seen++ }}
		s, err := r.Run(context.Background(), items)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Score(); got.Score != 1 || got.MaxScore != 4 || got.Correct != 1 {
			t.Errorf("score = %+v", got)
		}
		if !s.Outcomes[2].Skipped || !s.Outcomes[3].Skipped || s.Outcomes[1].Skipped {
			t.Errorf("skips wrong: %+v", s.Outcomes)
		}
		if len(rec.got) != 4 || seen != 4 {
			t.Errorf("recorded %d, notified %d; want 4 each", len(rec.got), seen)
		}
	})

	t.Run("per-question deadline", func(t *testing.T) {
		r := &Runner{Asker: &scriptedAsker{replies: []any{"block", right}}, PerQuestion: 20 * time.Millisecond}
		s, _ := r.Run(context.Background(), items)
		if !s.Outcomes[0].TimedOut || s.Outcomes[1].TimedOut || !s.Outcomes[1].Result.Correct {
			t.Errorf("outcomes = %+v", s.Outcomes)
		}
		if s.Expired || s.Interrupted {
			t.Errorf("session flags wrong: %+v", s)
		}
	})

	t.Run("session clock", func(t *testing.T) {
		r := &Runner{Asker: &scriptedAsker{replies: []any{right, "block"}}, TimeLimit: 30 * time.Millisecond}
		s, _ := r.Run(context.Background(), items)
		if len(s.Outcomes) != 4 || !s.Expired {
			t.Fatalf("want all 4 outcomes and an expired session, got %d, %+v", len(s.Outcomes), s)
		}
		if !s.Outcomes[0].Result.Correct {
			t.Errorf("the answer given in time must count")
		}
		for _, o := range s.Outcomes[1:] {
			if !o.TimedOut {
				t.Errorf("%s not counted as timed out", o.Item.Q.ID)
			}
		}
	})

	t.Run("end of input skips the rest", func(t *testing.T) {
		// With a deadline set, so that ending input is not mistaken for a timeout.
		r := &Runner{Asker: &scriptedAsker{replies: []any{right, ErrNoMoreInput}}, PerQuestion: time.Hour}
		s, _ := r.Run(context.Background(), items)
		if len(s.Outcomes) != 4 || !s.Outcomes[1].Skipped || !s.Outcomes[3].Skipped {
			t.Errorf("outcomes = %+v", s.Outcomes)
		}
		for _, o := range s.Outcomes {
			if o.TimedOut {
				t.Errorf("%s counted as timed out at end of input", o.Item.Q.ID)
			}
		}
	})

	t.Run("interrupt", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		a := &cancellingAsker{cancel: cancel, after: 2}
		s, err := (&Runner{Asker: a}).Run(ctx, items)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Interrupted || len(s.Outcomes) != 2 {
			t.Errorf("want an interrupted session with 2 outcomes, got %+v", s)
		}
	})

	t.Run("asker failure", func(t *testing.T) {
		boom := errors.New("boom")
		_, err := (&Runner{Asker: &scriptedAsker{replies: []any{boom}}}).Run(context.Background(), items)
		if !errors.Is(err, boom) {
			t.Errorf("err = %v, want boom", err)
		}
	})
}

type cancellingAsker struct {
	cancel context.CancelFunc
	after  int
	n      int
}

func (c *cancellingAsker) Ask(ctx context.Context, p Prompt) (scoring.Answer, error) {
	c.n++
	if c.n > c.after {
		c.cancel()
		return scoring.Answer{}, ctx.Err()
	}
	return scoring.Answer{Choices: []int{0}}, nil
}

// TestDrawWeighted checks that heavier questions are drawn first more often, and that
// a seed repeats the draw.
func TestDrawWeighted(t *testing.T) {
	qs := testQuestions(t, 10)
	weights := map[string]float64{"t/q3": 5}
	first := 0
	for seed := uint64(0); seed < 400; seed++ {
		items := DrawWeighted(qs, weights, DrawOptions{N: 3, Seed: seed})
		if len(items) != 3 {
			t.Fatalf("drew %d, want 3", len(items))
		}
		if items[0].Q.ID == "q3" {
			first++
		}
	}
	// With weight 5 among nine of weight 1, q3 comes first with probability 5/14.
	if first < 100 || first > 190 {
		t.Errorf("q3 first in %d of 400 draws, want about 143", first)
	}
	a := DrawWeighted(qs, weights, DrawOptions{Seed: 7})
	b := DrawWeighted(qs, weights, DrawOptions{Seed: 7})
	if ids(a) != ids(b) {
		t.Errorf("the same seed must repeat the draw")
	}
}
