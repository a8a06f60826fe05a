package quiz

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/scoring"
)

// TestAllocate checks the proportional draw: rounding never loses or adds a question,
// and every weighted domain gets at least one.
func TestAllocate(t *testing.T) {
	tests := []struct {
		total   int
		weights []float64
		want    []int
	}{
		{65, []float64{32, 26, 24, 18}, []int{21, 17, 15, 12}}, // exact 20.8 16.9 15.6 11.7
		{10, []float64{33.3, 33.3, 33.4}, []int{3, 3, 4}},
		{5, []float64{97, 1, 1, 1}, []int{2, 1, 1, 1}},
		{3, []float64{50, 50}, []int{2, 1}},
		{1, []float64{50, 50}, []int{1, 0}},
		{7, []float64{1}, []int{7}},
	}
	for _, tt := range tests {
		got := Allocate(tt.total, tt.weights)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Allocate(%d, %v) = %v, want %v", tt.total, tt.weights, got, tt.want)
		}
	}
	// Property: for every total and weight set, the counts add up and no weighted
	// domain is empty when there are enough questions.
	for total := 1; total <= 80; total++ {
		for _, ws := range [][]float64{{32, 26, 24, 18}, {15, 20, 25, 20, 20}, {1, 1, 98}, {12.5, 12.5, 25, 50}} {
			got := Allocate(total, ws)
			sum := 0
			for i, c := range got {
				sum += c
				if total >= len(ws) && c == 0 {
					t.Errorf("Allocate(%d, %v) = %v: domain %d gets nothing", total, ws, got, i)
				}
			}
			if sum != total {
				t.Errorf("Allocate(%d, %v) = %v adds up to %d", total, ws, got, sum)
			}
		}
	}
}

func examFixture(t *testing.T, perDomain []int) (*questions.Blueprint, []*questions.Question) {
	t.Helper()
	var b strings.Builder
	b.WriteString("bank: e\ntitle: E\ndefaults: {kind: certification}\nquestions:\n")
	for d, n := range perDomain {
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {id: d%d-q%d, type: multi, topic: d%d, prompt: P%d-%d, choices: [w, x, y, z], answer: [a, b], partial_credit: true, explanation: E}\n", d, i, d, d, i)
		}
	}
	bank, issues := questions.Parse("e.yaml", []byte(b.String()))
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	bp := &questions.Blueprint{ID: "x", Questions: 10}
	for d, w := range []float64{50, 30, 20}[:len(perDomain)] {
		bp.Domains = append(bp.Domains, questions.Domain{ID: fmt.Sprint("d", d), Weight: w,
			Filter: questions.Filter{Topics: []string{fmt.Sprint("d", d)}}})
	}
	return bp, bank.Questions
}

func TestDrawExam(t *testing.T) {
	bp, qs := examFixture(t, []int{20, 20, 20})
	if n := ExamSize(bp, qs); n != 10 {
		t.Fatalf("ExamSize = %d, want 10", n)
	}
	items := DrawExam(bp, qs, 10, 1, nil)
	count := map[string]int{}
	for _, it := range items {
		count[it.Domain]++
		if !strings.HasPrefix(it.Q.ID, it.Domain+"-") {
			t.Errorf("%s drawn for domain %s", it.Q.ID, it.Domain)
		}
		if it.Q.PartialCredit {
			t.Errorf("%s keeps partial credit in an all-or-nothing exam", it.Q.ID)
		}
	}
	if count["d0"] != 5 || count["d1"] != 3 || count["d2"] != 2 {
		t.Errorf("per domain %v, want 5/3/2", count)
	}
	key := func(items []ExamItem) string {
		var b strings.Builder
		for _, it := range items {
			fmt.Fprint(&b, it.Q.ID, it.Shown, " ")
		}
		return b.String()
	}
	if a, b := DrawExam(bp, qs, 10, 7, nil), DrawExam(bp, qs, 10, 7, nil); key(a) != key(b) {
		t.Errorf("the same seed must repeat the draw")
	}
	// Too few questions in a domain: the exam shrinks and keeps its proportions.
	bp, qs = examFixture(t, []int{20, 20, 1})
	if n := ExamSize(bp, qs); n != 7 {
		t.Errorf("ExamSize with one question in a 20%% domain = %d, want 7 (allocation %v)", n, Allocate(7, []float64{50, 30, 20}))
	}
	// No question at all in a domain: no exam.
	bp, qs = examFixture(t, []int{20, 20, 0})
	if n := ExamSize(bp, qs); n != 0 {
		t.Errorf("ExamSize with an empty domain = %d, want 0", n)
	}
}

// flagAsker flags the first question it sees and answers everything else right.
type flagAsker struct{ flagged bool }

func (f *flagAsker) Ask(ctx context.Context, p Prompt) (scoring.Answer, error) {
	if !f.flagged {
		f.flagged = true
		return scoring.Answer{}, ErrFlagged
	}
	return scoring.Answer{Choices: []int{0, 1}}, nil
}

type scriptReviewer struct {
	seen [][]ExamState
}

func (r *scriptReviewer) Review(ctx context.Context, states []ExamState) (int, error) {
	r.seen = append(r.seen, states)
	for _, s := range states {
		if s.Flagged || !s.Answered {
			return s.Index, nil
		}
	}
	return -1, nil
}

func TestExamRunnerReview(t *testing.T) {
	bp, qs := examFixture(t, []int{4, 4, 4})
	items := DrawExam(bp, qs, 6, 3, nil)
	rev := &scriptReviewer{}
	s, err := (&ExamRunner{Asker: &flagAsker{}, Reviewer: rev}).Run(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	first := rev.seen[0]
	if !first[0].Flagged || first[0].Answered || !first[1].Answered {
		t.Errorf("first review sees %+v", first[:2])
	}
	if got := s.Score(); got.Score != 6 || got.MaxScore != 6 {
		t.Errorf("after revisiting the flagged question, score %+v, want 6/6", got)
	}
	if len(rev.seen) != 2 || s.Flagged[0] {
		t.Errorf("reviews %d, flagged %v", len(rev.seen), s.Flagged)
	}
	if d := s.ByDomain(); len(d) != 3 {
		t.Errorf("by domain %v", d)
	}
}

// TestExamReviewWithClock revisits a question under a running exam clock: choosing to
// revisit must not be mistaken for the clock running out.
func TestExamReviewWithClock(t *testing.T) {
	bp, qs := examFixture(t, []int{4, 4, 4})
	items := DrawExam(bp, qs, 6, 3, nil)
	s, err := (&ExamRunner{Asker: &flagAsker{}, Reviewer: &scriptReviewer{}, Limit: time.Hour}).Run(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	if s.Expired || s.Score().Score != 6 {
		t.Errorf("expired %v, score %+v; want a full score and a live clock", s.Expired, s.Score())
	}
}

// TestExamClockRunsOut counts unanswered questions as timed out when the clock ends.
func TestExamClockRunsOut(t *testing.T) {
	bp, qs := examFixture(t, []int{4, 4, 4})
	items := DrawExam(bp, qs, 6, 3, nil)
	s, err := (&ExamRunner{Asker: &scriptedAsker{replies: []any{scoring.Answer{Choices: []int{0, 1}}, "block"}}, Limit: 30 * time.Millisecond}).Run(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Expired || !s.Outcomes[0].Result.Correct || !s.Outcomes[5].TimedOut {
		t.Errorf("expired %v, outcomes %+v", s.Expired, s.Outcomes)
	}
}

// TestDrawExamAvoidsLastRun draws two full exams in a row: with room in the banks, the
// second shares no question with the first.
func TestDrawExamAvoidsLastRun(t *testing.T) {
	bp, qs := examFixture(t, []int{10, 6, 4})
	first := DrawExam(bp, qs, 10, 1, nil)
	avoid := map[string]bool{}
	for _, it := range first {
		avoid[it.Q.Key()] = true
	}
	shared := 0
	for _, it := range DrawExam(bp, qs, 10, 2, avoid) {
		if avoid[it.Q.Key()] {
			shared++
		}
	}
	if shared != 0 {
		t.Errorf("the second exam repeats %d questions of the first", shared)
	}
}
