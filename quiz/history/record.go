package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/quiz"
	"github.com/grill-cli/grill/quiz/schedule"
)

// Session is one run of grill quiz, review, exam or mock.
type Session struct {
	ID        int64     `json:"id"`
	Mode      string    `json:"mode"`
	Status    string    `json:"status"`
	StartedAt time.Time `json:"started_at"`
	EndedAt   time.Time `json:"ended_at"`
	Seed      uint64    `json:"seed"`
	Questions int       `json:"questions"`
	Score     float64   `json:"score"`
	MaxScore  float64   `json:"max_score"`
}

// Session statuses.
const (
	Running     = "running"
	Finished    = "finished"
	Interrupted = "interrupted"
)

// StartSession records the start of a session and returns its id.
func (s *Store) StartSession(ctx context.Context, mode string, seed uint64, pid int, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO sessions (mode, status, started_at, pid, seed) VALUES (?, ?, ?, ?, ?)`,
		mode, Running, ms(now), pid, int64(seed))
	if err != nil {
		return 0, fmt.Errorf("history: start session: %w", err)
	}
	return res.LastInsertId()
}

// EndSession marks a session finished or interrupted and stores its totals.
func (s *Store) EndSession(ctx context.Context, id int64, status string, now time.Time) error {
	_, err := s.endSession(ctx, id, status, now, "")
	return err
}

// endSession ends session id; with a non-empty from, only if its status is still from.
// It reports whether it changed the session.
func (s *Store) endSession(ctx context.Context, id int64, status string, now time.Time, from string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE sessions SET status = ?, ended_at = ?,
		questions = (SELECT count(*) FROM attempts WHERE session_id = ?),
		score = (SELECT coalesce(sum(points), 0) FROM attempts WHERE session_id = ?),
		max_score = (SELECT coalesce(sum(max_points), 0) FROM attempts WHERE session_id = ?)
		WHERE id = ? AND (? = '' OR status = ?)`, status, ms(now), id, id, id, id, from, from)
	if err != nil {
		return false, fmt.Errorf("history: end session: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// MarkAbandoned marks as interrupted the sessions still running whose process is gone
// (killed, or crashed), ending them at their last answer. alive reports whether a
// process id still runs. A session that its own process finishes between the look and
// the probe is left as its process ended it: the update only applies to a session still
// running, so a process that ends its session and exits is never mistaken for a crash.
func (s *Store) MarkAbandoned(ctx context.Context, alive func(pid int) bool) (int, error) {
	type running struct {
		id  int64
		pid int
	}
	var list []running
	rows, err := s.db.QueryContext(ctx, `SELECT id, pid FROM sessions WHERE status = ?`, Running)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var r running
		if err := rows.Scan(&r.id, &r.pid); err != nil {
			rows.Close()
			return 0, err
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	marked := 0
	for _, r := range list {
		if alive(r.pid) {
			continue
		}
		var last sql.NullInt64
		s.db.QueryRowContext(ctx, `SELECT max(answered_at) FROM attempts WHERE session_id = ?`, r.id).Scan(&last)
		changed, err := s.endSession(ctx, r.id, Interrupted, fromMS(last.Int64), Running)
		if err != nil {
			return marked, err
		}
		if changed {
			marked++
		}
	}
	return marked, nil
}

// Attempt is one recorded answer.
type Attempt struct {
	SessionID   int64           `json:"session_id"`
	AnsweredAt  time.Time       `json:"answered_at"`
	Bank        string          `json:"bank"`
	Question    string          `json:"question"`
	ContentHash string          `json:"content_hash"`
	Kind        string          `json:"kind"`
	Type        string          `json:"type"`
	Topic       string          `json:"topic"`
	Points      float64         `json:"points"`
	MaxPoints   float64         `json:"max_points"`
	AutoPoints  *float64        `json:"auto_points,omitempty"`
	Correct     bool            `json:"correct"`
	TimedOut    bool            `json:"timed_out"`
	Skipped     bool            `json:"skipped"`
	Elapsed     time.Duration   `json:"-"`
	ElapsedMS   int64           `json:"elapsed_ms"`
	Rating      schedule.Rating `json:"rating"`
	Answer      string          `json:"answer"`
	Feedback    string          `json:"feedback"`
}

// Record writes an attempt and, with a scheduler, moves its card's schedule, in one
// transaction. It reports whether the question's content changed since the card was
// last reviewed.
func (s *Store) Record(ctx context.Context, a Attempt, sched *schedule.Scheduler) (changed bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("history: record: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var auto sql.NullFloat64
	if a.AutoPoints != nil {
		auto = sql.NullFloat64{Float64: *a.AutoPoints, Valid: true}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO attempts (session_id, answered_at, bank, question, content_hash,
		kind, type, topic, points, max_points, auto_points, correct, timed_out, skipped, elapsed_ms, rating, answer, feedback)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.SessionID, ms(a.AnsweredAt), a.Bank, a.Question, a.ContentHash, a.Kind, a.Type, a.Topic,
		a.Points, a.MaxPoints, auto, boolInt(a.Correct), boolInt(a.TimedOut), boolInt(a.Skipped),
		a.Elapsed.Milliseconds(), int(a.Rating), a.Answer, a.Feedback)
	if err != nil {
		return false, fmt.Errorf("history: record: %w", err)
	}
	if sched != nil {
		c, hash, first, changedAt, found, err := getCard(ctx, tx, a.Bank, a.Question)
		if err != nil {
			return false, err
		}
		if !found {
			c, first = schedule.Card{State: schedule.New}, a.AnsweredAt
		} else if hash != a.ContentHash {
			changed, changedAt = true, a.AnsweredAt
		}
		c = sched.Next(c, a.Rating, a.AnsweredAt)
		_, err = tx.ExecContext(ctx, `INSERT INTO cards (bank, question, content_hash, state, step, stability,
			difficulty, due, last_review, reps, lapses, first_review, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (bank, question) DO UPDATE SET content_hash = excluded.content_hash, state = excluded.state,
			step = excluded.step, stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due,
			last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses, changed_at = excluded.changed_at`,
			a.Bank, a.Question, a.ContentHash, int(c.State), c.Step, c.Stability, c.Difficulty, ms(c.Due),
			ms(c.LastReview), c.Reps, c.Lapses, ms(first), nullMS(changedAt))
		if err != nil {
			return false, fmt.Errorf("history: schedule: %w", err)
		}
	}
	if err = tx.Commit(); err != nil {
		return false, fmt.Errorf("history: record: %w", err)
	}
	return changed, nil
}

func nullMS(t time.Time) sql.NullInt64 {
	return sql.NullInt64{Int64: ms(t), Valid: !t.IsZero()}
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getCard(ctx context.Context, q queryer, bank, question string) (c schedule.Card, hash string, first, changedAt time.Time, found bool, err error) {
	var state int
	var due, last, firstMS int64
	var changed sql.NullInt64
	err = q.QueryRowContext(ctx, `SELECT content_hash, state, step, stability, difficulty, due, last_review, reps,
		lapses, first_review, changed_at FROM cards WHERE bank = ? AND question = ?`, bank, question).
		Scan(&hash, &state, &c.Step, &c.Stability, &c.Difficulty, &due, &last, &c.Reps, &c.Lapses, &firstMS, &changed)
	if errors.Is(err, sql.ErrNoRows) {
		return c, "", time.Time{}, time.Time{}, false, nil
	}
	if err != nil {
		return c, "", time.Time{}, time.Time{}, false, fmt.Errorf("history: card: %w", err)
	}
	c.State, c.Due, c.LastReview = schedule.State(state), fromMS(due), fromMS(last)
	return c, hash, fromMS(firstMS), fromMS(changed.Int64), true, nil
}

// Recorder records a session's outcomes as they happen; it implements quiz.Recorder.
type Recorder struct {
	Store     *Store
	SessionID int64
	// Scheduler moves review schedules; nil records without scheduling (exams, mocks).
	Scheduler *schedule.Scheduler
	Now       func() time.Time
	// OnChanged, when set, is told of questions whose content changed since last time.
	OnChanged func(q *questions.Question)
}

// Record implements quiz.Recorder.
func (r *Recorder) Record(o quiz.Outcome) error {
	q := o.Item.Q
	answer, err := json.Marshal(o.Answer)
	if err != nil {
		return err
	}
	a := Attempt{SessionID: r.SessionID, AnsweredAt: r.Now(), Bank: q.Bank, Question: q.ID,
		ContentHash: q.ContentHash(), Kind: string(q.Kind), Type: string(q.Type), Topic: q.Topic,
		Points: o.Result.Points, MaxPoints: o.Result.MaxPoints, AutoPoints: o.Result.AutoPoints,
		Correct: o.Result.Correct, TimedOut: o.TimedOut, Skipped: o.Skipped, Elapsed: o.Elapsed,
		Rating: RatingFor(o), Answer: string(answer), Feedback: o.Result.Feedback}
	changed, err := r.Store.Record(context.Background(), a, r.Scheduler)
	if changed && r.OnChanged != nil {
		r.OnChanged(q)
	}
	return err
}

// RatingFor maps an outcome to an FSRS rating. Objective answers: Again when wrong,
// timed out or skipped; Hard when partly right or right but slow; Easy when right and
// fast; Good otherwise. Open answers map from their score: Easy from 85%, Good from
// 60%, Hard from 30%, Again below. A rating the user chose wins (Answer.Rating).
func RatingFor(o quiz.Outcome) schedule.Rating {
	if r := o.Answer.Rating; r >= int(schedule.Again) && r <= int(schedule.Easy) {
		return schedule.Rating(r)
	}
	r := o.Result
	if o.TimedOut || o.Skipped || r.Points <= 0 || r.MaxPoints <= 0 {
		return schedule.Again
	}
	q := o.Item.Q
	if !q.Type.Objective() {
		pct := 100 * r.Points / r.MaxPoints
		switch {
		case pct >= 85:
			return schedule.Easy
		case pct >= 60:
			return schedule.Good
		case pct >= 30:
			return schedule.Hard
		}
		return schedule.Again
	}
	if !r.Correct {
		return schedule.Hard
	}
	// Fast and slow are measured against the question's time limit, or a minute.
	limit := q.TimeLimit
	if limit <= 0 {
		limit = time.Minute
	}
	switch {
	case o.Elapsed < limit/4:
		return schedule.Easy
	case o.Elapsed > limit*3/4:
		return schedule.Hard
	}
	return schedule.Good
}
