package history

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/grill-cli/grill/quiz/schedule"
)

// Figures are recorded in docs/performance.md.

// BenchmarkRecord records one answer with its card update (one transaction, WAL).
func BenchmarkRecord(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "grill.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	sid, _ := s.StartSession(ctx, "quiz", 0, 1, t0)
	sched := schedule.Default()
	i := 0
	for b.Loop() {
		if _, err := s.Record(ctx, attempt(sid, fmt.Sprint("q", i%500), t0.Add(time.Duration(i)*time.Minute), schedule.Good, 1), sched); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// fill inserts n attempts over 90 days and cards for m questions, in one transaction.
func fill(b *testing.B, s *Store, n, m int) {
	b.Helper()
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	tx.ExecContext(ctx, `INSERT INTO sessions (id, mode, status, started_at) VALUES (1, 'quiz', 'finished', 0)`)
	topics := []string{"databases", "security", "api-design", "performance", "cloud", "concurrency", "ci-cd", "testing"}
	for i := 0; i < n; i++ {
		at := t0.Add(time.Duration(i%(90*24)) * time.Hour)
		_, err := tx.ExecContext(ctx, `INSERT INTO attempts (session_id, answered_at, bank, question, content_hash, kind,
			type, topic, points, max_points, correct, timed_out, skipped, elapsed_ms, rating, answer, feedback)
			VALUES (1, ?, 'b', ?, 'h', 'fundamentals', 'single', ?, ?, 1, ?, 0, 0, 12000, 3, '{}', 'right')`,
			ms(at), fmt.Sprint("q", i%m), topics[i%len(topics)], i%3%2, i%3%2)
		if err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; i < m; i++ {
		due := t0.Add(time.Duration(i%(120*24)) * time.Hour)
		if _, err := tx.ExecContext(ctx, `INSERT INTO cards VALUES ('b', ?, 'h', 2, 0, 10, 5, ?, ?, 3, 0, ?, NULL)`,
			fmt.Sprint("q", i), ms(due), ms(t0), ms(t0)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkStats100k runs what grill stats asks of the store over 100,000 attempts:
// tallies by topic and by day, and the due counts. Aim: under 300 ms.
func BenchmarkStats100k(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "grill.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	fill(b, s, 100000, 5000)
	ctx := context.Background()
	since := time.Time{}
	for b.Loop() {
		if _, err := s.Tally(ctx, since, "topic"); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Tally(ctx, since, "day"); err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.DueCounts(ctx, t0.Add(60*24*time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDue50k chooses the next 20 due questions out of 50,000 cards.
func BenchmarkDue50k(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "grill.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	fill(b, s, 0, 50000)
	ctx := context.Background()
	for b.Loop() {
		due, err := s.DueCards(ctx, t0.Add(60*24*time.Hour), 20)
		if err != nil || len(due) != 20 {
			b.Fatal(err, len(due))
		}
	}
}
