package history

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/grill-cli/grill/quiz/schedule"
)

// CardInfo is a card with its question's key.
type CardInfo struct {
	Bank, Question string
	ContentHash    string
	Card           schedule.Card
	ChangedAt      time.Time
}

// Key returns bank/id.
func (c CardInfo) Key() string { return c.Bank + "/" + c.Question }

// DueCards returns the cards due at now, most overdue first, at most limit (0: all).
func (s *Store) DueCards(ctx context.Context, now time.Time, limit int) ([]CardInfo, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT bank, question, content_hash, state, step, stability, difficulty,
		due, last_review, reps, lapses, changed_at FROM cards WHERE due <= ? ORDER BY due, bank, question LIMIT ?`, ms(now), limit)
	if err != nil {
		return nil, fmt.Errorf("history: due cards: %w", err)
	}
	defer rows.Close()
	var out []CardInfo
	for rows.Next() {
		var ci CardInfo
		var state int
		var due, last int64
		var changed sql.NullInt64
		if err := rows.Scan(&ci.Bank, &ci.Question, &ci.ContentHash, &state, &ci.Card.Step, &ci.Card.Stability,
			&ci.Card.Difficulty, &due, &last, &ci.Card.Reps, &ci.Card.Lapses, &changed); err != nil {
			return nil, err
		}
		ci.Card.State, ci.Card.Due, ci.Card.LastReview, ci.ChangedAt = schedule.State(state), fromMS(due), fromMS(last), fromMS(changed.Int64)
		out = append(out, ci)
	}
	return out, rows.Err()
}

// Scheduled returns the keys (bank/id) of every question with a card.
func (s *Store) Scheduled(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT bank, question FROM cards`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var b, q string
		if err := rows.Scan(&b, &q); err != nil {
			return nil, err
		}
		out[b+"/"+q] = true
	}
	return out, rows.Err()
}

// NewSince counts the cards first reviewed at or after since (new cards introduced).
func (s *Store) NewSince(ctx context.Context, since time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM cards WHERE first_review >= ?`, ms(since)).Scan(&n)
	return n, err
}

// NextDue returns the earliest due time after now and how many cards are due by then
// plus a day; zero when no card is scheduled.
func (s *Store) NextDue(ctx context.Context, now time.Time) (time.Time, int, error) {
	var next sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT min(due) FROM cards WHERE due > ?`, ms(now)).Scan(&next); err != nil || !next.Valid {
		return time.Time{}, 0, err
	}
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM cards WHERE due <= ?`, next.Int64+86400000).Scan(&n)
	return fromMS(next.Int64), n, err
}

// DueCounts returns how many cards are due by the end of today and within 7 days.
func (s *Store) DueCounts(ctx context.Context, endOfToday time.Time) (today, week int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE due <= ?), count(*) FILTER (WHERE due <= ?) FROM cards`,
		ms(endOfToday), ms(endOfToday.Add(7*24*time.Hour))).Scan(&today, &week)
	return today, week, err
}

// Group is a tally of attempts by topic, kind, bank or day.
type Group struct {
	Name      string  `json:"name"`
	Attempts  int     `json:"attempts"`
	Correct   int     `json:"correct"`
	Score     float64 `json:"score"`
	MaxScore  float64 `json:"max_score"`
	Percent   float64 `json:"percent"`
	AvgTimeMS float64 `json:"avg_time_ms"`
}

// groupColumns are the columns attempts may be grouped by.
var groupColumns = map[string]string{"topic": "topic", "kind": "kind", "bank": "bank",
	"day": "(answered_at / 86400000)", "question": "bank || '/' || question"}

// Tally groups the attempts answered at or after since by one of topic, kind, bank,
// day or question, in SQL (so it stays fast on large histories).
func (s *Store) Tally(ctx context.Context, since time.Time, by string) ([]Group, error) {
	col, ok := groupColumns[by]
	if !ok {
		return nil, fmt.Errorf("history: cannot group by %q", by)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+col+` AS g, count(*), sum(correct), sum(points), sum(max_points),
		avg(elapsed_ms) FROM attempts WHERE answered_at >= ? GROUP BY g ORDER BY g`, ms(since))
	if err != nil {
		return nil, fmt.Errorf("history: tally: %w", err)
	}
	defer rows.Close()
	var out []Group
	for rows.Next() {
		var g Group
		var name any
		if err := rows.Scan(&name, &g.Attempts, &g.Correct, &g.Score, &g.MaxScore, &g.AvgTimeMS); err != nil {
			return nil, err
		}
		g.Name = fmt.Sprint(name)
		if g.MaxScore > 0 {
			g.Percent = 100 * g.Score / g.MaxScore
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Sessions returns the latest sessions, newest first (limit 0: all).
func (s *Store) Sessions(ctx context.Context, limit int) ([]Session, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, mode, status, started_at, coalesce(ended_at, 0), coalesce(seed, 0),
		questions, score, max_score FROM sessions ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var se Session
		var start, end, seed int64
		if err := rows.Scan(&se.ID, &se.Mode, &se.Status, &start, &end, &seed, &se.Questions, &se.Score, &se.MaxScore); err != nil {
			return nil, err
		}
		se.StartedAt, se.EndedAt, se.Seed = fromMS(start), fromMS(end), uint64(seed)
		out = append(out, se)
	}
	return out, rows.Err()
}

// Attempts returns the attempts of one session (or of all, with id 0) in order.
func (s *Store) Attempts(ctx context.Context, sessionID int64) ([]Attempt, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT session_id, answered_at, bank, question, content_hash, kind, type,
		topic, points, max_points, auto_points, correct, timed_out, skipped, elapsed_ms, rating, answer, feedback
		FROM attempts WHERE ? = 0 OR session_id = ? ORDER BY id`, sessionID, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attempt
	for rows.Next() {
		var a Attempt
		var at int64
		var auto sql.NullFloat64
		var correct, timedOut, skipped, rating int
		if err := rows.Scan(&a.SessionID, &at, &a.Bank, &a.Question, &a.ContentHash, &a.Kind, &a.Type, &a.Topic,
			&a.Points, &a.MaxPoints, &auto, &correct, &timedOut, &skipped, &a.ElapsedMS, &rating, &a.Answer, &a.Feedback); err != nil {
			return nil, err
		}
		a.AnsweredAt, a.Correct, a.TimedOut, a.Skipped = fromMS(at), correct == 1, timedOut == 1, skipped == 1
		a.Rating, a.Elapsed = schedule.Rating(rating), time.Duration(a.ElapsedMS)*time.Millisecond
		if auto.Valid {
			a.AutoPoints = &auto.Float64
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
