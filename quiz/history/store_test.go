package history

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/grill-cli/grill/quiz/schedule"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sub", "grill.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func attempt(sid int64, q string, at time.Time, rating schedule.Rating, points float64) Attempt {
	return Attempt{SessionID: sid, AnsweredAt: at, Bank: "b", Question: q, ContentHash: "h1", Kind: "fundamentals",
		Type: "single", Topic: "databases", Points: points, MaxPoints: 1, Correct: points == 1,
		Elapsed: 3 * time.Second, Rating: rating, Answer: `{"choices":[1]}`, Feedback: "right"}
}

func TestOpenMigratesOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "grill.db")
	for i := 0; i < 2; i++ {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var v int
		s.db.QueryRow("PRAGMA user_version").Scan(&v)
		var mode string
		s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
		if v != len(migrations) || mode != "wal" {
			t.Errorf("open %d: user_version %d, journal_mode %s", i, v, mode)
		}
		s.Close()
	}
	s, _ := Open(path)
	s.db.Exec("PRAGMA user_version = 99")
	s.Close()
	if _, err := Open(path); err == nil {
		t.Errorf("a newer schema must be refused")
	}
}

func TestRecordAndSchedule(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	sid, err := s.StartSession(ctx, "quiz", 42, 1234, t0)
	if err != nil {
		t.Fatal(err)
	}
	sched := schedule.Default()
	if _, err := s.Record(ctx, attempt(sid, "q1", t0, schedule.Good, 1), sched); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Record(ctx, attempt(sid, "q2", t0.Add(time.Minute), schedule.Again, 0), sched); err != nil {
		t.Fatal(err)
	}
	// An exam records without scheduling.
	if _, err := s.Record(ctx, attempt(sid, "q3", t0.Add(2*time.Minute), schedule.Good, 1), nil); err != nil {
		t.Fatal(err)
	}
	if err := s.EndSession(ctx, sid, Finished, t0.Add(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	sessions, _ := s.Sessions(ctx, 0)
	if len(sessions) != 1 || sessions[0].Questions != 3 || sessions[0].Score != 2 || sessions[0].Status != Finished || sessions[0].Seed != 42 {
		t.Errorf("session = %+v", sessions)
	}
	due, _ := s.DueCards(ctx, t0.Add(time.Hour), 0)
	if len(due) != 2 || due[0].Question != "q2" || due[1].Question != "q1" || due[1].Card.State != schedule.Learning {
		t.Errorf("due after an hour = %+v", due)
	}
	sch, _ := s.Scheduled(ctx)
	if !sch["b/q1"] || !sch["b/q2"] || sch["b/q3"] {
		t.Errorf("scheduled = %v (exams must not schedule)", sch)
	}
	// The card moves on with each review, through FSRS.
	s.Record(ctx, attempt(sid, "q1", t0.Add(20*time.Minute), schedule.Good, 1), sched)
	due, _ = s.DueCards(ctx, t0.Add(time.Hour), 0)
	if len(due) != 1 || due[0].Question != "q2" {
		t.Errorf("q1 graduated, only q2 due: %+v", due)
	}
	next, n, _ := s.NextDue(ctx, t0.Add(time.Hour))
	if want := t0.Add(20 * time.Minute).Add(2 * 24 * time.Hour); !next.Equal(want) || n != 2 {
		t.Errorf("next due %v (%d cards), want %v", next, n, want)
	}
	all, _ := s.Attempts(ctx, sid)
	if len(all) != 4 || all[0].Answer != `{"choices":[1]}` || all[0].Elapsed != 3*time.Second {
		t.Errorf("attempts = %+v", all)
	}
}

func TestChangedQuestionKeepsHistory(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	sched := schedule.Default()
	s.StartSession(ctx, "quiz", 0, 1, t0)
	if _, err := s.Record(ctx, attempt(1, "q", t0, schedule.Good, 1), sched); err != nil {
		t.Fatal(err)
	}
	a := attempt(1, "q", t0.Add(time.Hour), schedule.Good, 1)
	a.ContentHash = "h2"
	changed, err := s.Record(ctx, a, sched)
	if err != nil || !changed {
		t.Fatalf("changed = %v, %v; want true", changed, err)
	}
	due, _ := s.DueCards(ctx, t0.Add(100*24*time.Hour), 0)
	if len(due) != 1 || due[0].Card.Reps != 2 || due[0].ContentHash != "h2" || due[0].ChangedAt.IsZero() {
		t.Errorf("card after a change = %+v", due)
	}
}

func TestMarkAbandoned(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	dead, _ := s.StartSession(ctx, "quiz", 0, 111, t0)
	live, _ := s.StartSession(ctx, "quiz", 0, 222, t0)
	s.Record(ctx, attempt(dead, "q", t0.Add(time.Minute), schedule.Good, 1), nil)
	n, err := s.MarkAbandoned(ctx, func(pid int) bool { return pid == 222 })
	if err != nil || n != 1 {
		t.Fatalf("marked %d, %v", n, err)
	}
	ss, _ := s.Sessions(ctx, 0)
	for _, se := range ss {
		want := Running
		if se.ID == dead {
			want = Interrupted
		}
		if se.Status != want {
			t.Errorf("session %d (%v) is %s, want %s", se.ID, se.ID == live, se.Status, want)
		}
	}
}

// TestMarkAbandonedFinishedMeanwhile is the race TestConcurrentProcesses in cmd/grill
// once hit: a process finishes its session and exits between another process's look at
// the running sessions and its probe of the pid. The session must stay finished.
func TestMarkAbandonedFinishedMeanwhile(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	id, _ := s.StartSession(ctx, "quiz", 0, 333, t0)
	s.Record(ctx, attempt(id, "q", t0.Add(time.Minute), schedule.Good, 1), nil)
	n, err := s.MarkAbandoned(ctx, func(pid int) bool {
		// The process ends its session, then exits before the probe.
		if err := s.EndSession(ctx, id, Finished, t0.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		return false
	})
	if err != nil || n != 0 {
		t.Fatalf("marked %d, %v; want 0", n, err)
	}
	ss, _ := s.Sessions(ctx, 0)
	if len(ss) != 1 || ss[0].Status != Finished || ss[0].Questions != 1 {
		t.Errorf("sessions = %+v, want one finished session of 1 question", ss)
	}
}

func TestTally(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	s.StartSession(ctx, "quiz", 0, 1, t0)
	for i := 0; i < 10; i++ {
		a := attempt(1, fmt.Sprint("q", i), t0.Add(time.Duration(i)*time.Hour), schedule.Good, float64(i%2))
		if i >= 6 {
			a.Topic = "security"
		}
		s.Record(ctx, a, nil)
	}
	g, err := s.Tally(ctx, t0, "topic")
	if err != nil || len(g) != 2 || g[0].Name != "databases" || g[0].Attempts != 6 || g[0].Score != 3 || g[1].Percent != 50 {
		t.Errorf("tally = %+v, %v", g, err)
	}
	if _, err := s.Tally(ctx, t0, "colour"); err == nil {
		t.Errorf("grouping by an unknown column must fail")
	}
}

// TestConcurrentWriters writes from several store handles on one file at once, as
// several grill processes would: nothing fails on a lock, nothing is lost.
func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "grill.db")
	const writers, each = 4, 50
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			s, err := Open(path)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			sid, err := s.StartSession(context.Background(), "quiz", 0, w, t0)
			if err != nil {
				errs <- err
				return
			}
			for i := 0; i < each; i++ {
				if _, err := s.Record(context.Background(), attempt(sid, fmt.Sprintf("w%d-%d", w, i), t0, schedule.Good, 1), schedule.Default()); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	s, _ := Open(path)
	defer s.Close()
	all, _ := s.Attempts(context.Background(), 0)
	if len(all) != writers*each {
		t.Errorf("%d attempts, want %d", len(all), writers*each)
	}
	if ok, _ := s.IntegrityCheck(context.Background()); ok != "ok" {
		t.Errorf("integrity_check: %s", ok)
	}
}
