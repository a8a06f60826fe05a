// Package history keeps every answer and every card's review schedule in an SQLite
// database, the same kind of store Anki keeps its collection in.
//
// # Durability
//
// Each answer is written in its own transaction as soon as it is given, together with
// its card's new schedule, so a crash or a killed process loses nothing already
// answered. The database runs in WAL mode with a busy timeout and takes its write lock
// at the start of each transaction, so several grill processes can write at once
// without corrupting it or failing on a lock.
//
// # Schema
//
// The schema is versioned with PRAGMA user_version; migrations run in order when a
// database is opened. Progress is keyed by bank/id; each attempt and card also keeps a
// hash of the question's content, so a changed question keeps its history and the
// change is noted.
//
// # What this package must not do
//
// It knows nothing of terminals or flags; times are given to it, never read from a clock.
package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver: pure Go, no cgo
)

// Store is an open history database.
type Store struct {
	db   *sql.DB
	path string
}

// migrations bring a database from version i to i+1.
var migrations = []string{
	`CREATE TABLE sessions (
		id          INTEGER PRIMARY KEY,
		mode        TEXT NOT NULL,              -- quiz, review, exam, mock
		status      TEXT NOT NULL,              -- running, finished, interrupted
		started_at  INTEGER NOT NULL,           -- unix milliseconds
		ended_at    INTEGER,
		pid         INTEGER,
		seed        INTEGER,
		questions   INTEGER NOT NULL DEFAULT 0,
		score       REAL NOT NULL DEFAULT 0,
		max_score   REAL NOT NULL DEFAULT 0
	);
	CREATE TABLE attempts (
		id           INTEGER PRIMARY KEY,
		session_id   INTEGER NOT NULL REFERENCES sessions(id),
		answered_at  INTEGER NOT NULL,
		bank         TEXT NOT NULL,
		question     TEXT NOT NULL,
		content_hash TEXT NOT NULL,
		kind         TEXT NOT NULL,
		type         TEXT NOT NULL,
		topic        TEXT NOT NULL,
		points       REAL NOT NULL,
		max_points   REAL NOT NULL,
		auto_points  REAL,
		correct      INTEGER NOT NULL,
		timed_out    INTEGER NOT NULL,
		skipped      INTEGER NOT NULL,
		elapsed_ms   INTEGER NOT NULL,
		rating       INTEGER NOT NULL,
		answer       TEXT NOT NULL,             -- JSON
		feedback     TEXT NOT NULL
	);
	CREATE INDEX attempts_answered_at ON attempts(answered_at);
	CREATE INDEX attempts_question ON attempts(bank, question);
	CREATE TABLE cards (
		bank         TEXT NOT NULL,
		question     TEXT NOT NULL,
		content_hash TEXT NOT NULL,
		state        INTEGER NOT NULL,
		step         INTEGER NOT NULL,
		stability    REAL NOT NULL,
		difficulty   REAL NOT NULL,
		due          INTEGER NOT NULL,
		last_review  INTEGER NOT NULL,
		reps         INTEGER NOT NULL,
		lapses       INTEGER NOT NULL,
		first_review INTEGER NOT NULL,
		changed_at   INTEGER,                   -- when the question's content last changed
		PRIMARY KEY (bank, question)
	);
	CREATE INDEX cards_due ON cards(due);`,
	// 2: stats read only these columns of attempts in a time range, so a covering index
	// answers them without touching the table (295 ms -> see docs/performance.md for
	// 100,000 attempts).
	`DROP INDEX attempts_answered_at;
	CREATE INDEX attempts_stats ON attempts(answered_at, topic, kind, bank, question, points, max_points, correct, elapsed_ms);`,
}

// Open opens (creating if needed) the database at path and brings its schema up to
// date.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	dsn := "file:" + filepath.ToSlash(path) +
		"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("history %s: %w", path, err)
	}
	// One connection: a CLI writes from one goroutine, and SQLite serialises writers
	// anyway; other processes are handled by the busy timeout.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path}
	// Switching a new database to WAL takes an exclusive lock and does not always wait
	// on the busy timeout, so processes opening a new database together retry a while.
	var err2 error
	for wait := 10 * time.Millisecond; wait < 5*time.Second; wait *= 2 {
		if err2 = s.migrate(context.Background()); err2 == nil || !isBusy(err2) {
			break
		}
		time.Sleep(wait)
	}
	if err2 != nil {
		db.Close()
		return nil, fmt.Errorf("history %s: %w", path, err2)
	}
	return s, nil
}

func isBusy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked")
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// ErrNewer is returned when the database was written by a newer grill.
var ErrNewer = errors.New("the database was written by a newer version of grill")

// migrate applies the migrations the database lacks. The version is read inside each
// write transaction (they take the write lock at once), so two processes opening a new
// database together do not both apply the same migration.
func (s *Store) migrate(ctx context.Context) error {
	for {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var version int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			tx.Rollback()
			return err
		}
		if version > len(migrations) {
			tx.Rollback()
			return fmt.Errorf("%w (schema %d, this grill knows %d)", ErrNewer, version, len(migrations))
		}
		if version == len(migrations) {
			return tx.Commit()
		}
		if _, err := tx.ExecContext(ctx, migrations[version]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", version+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
}

// IntegrityCheck runs PRAGMA integrity_check and returns its verdict ("ok" when sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res)
	return res, err
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
