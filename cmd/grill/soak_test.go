package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/grill-cli/grill/quiz/history"
)

// TestSoak runs 1,000 scripted quizzes in a row against one history database, as grill
// would run them one after another: every run succeeds, every answer is kept, the
// database stays consistent and grows linearly.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "t.yaml"), []byte(historyBank), 0o644)
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("q1: true\nq2: true\nq3: false\nq4: true\nq5: true\n"), 0o644)
	home := filepath.Join(dir, "home")
	db := filepath.Join(home, "grill.db")
	env := func(k string) string {
		if k == "GRILL_HOME" {
			return home
		}
		return ""
	}
	size := func() int64 {
		var total int64
		for _, suffix := range []string{"", "-wal"} {
			if st, err := os.Stat(db + suffix); err == nil {
				total += st.Size()
			}
		}
		return total
	}
	const runs = 1000
	sizes := map[int]int64{}
	for i := 1; i <= runs; i++ {
		var out bytes.Buffer
		f := NewFactory(&IOStreams{In: bytes.NewReader(nil), Out: &out, ErrOut: &out}, env)
		root := NewCmdRoot(f)
		root.SetArgs([]string{"quiz", "--bank", filepath.Join(dir, "t.yaml"), "-n", "0", "--answers", filepath.Join(dir, "a.yaml"), "--seed", fmt.Sprint(i)})
		if err := root.ExecuteContext(context.Background()); err != nil {
			t.Fatalf("run %d: %v\n%s", i, err, out.String())
		}
		if i%250 == 0 {
			sizes[i] = size()
		}
	}
	s, err := history.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if ok, err := s.IntegrityCheck(ctx); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
	as, _ := s.Attempts(ctx, 0)
	ss, _ := s.Sessions(ctx, 0)
	if len(as) != runs*5 || len(ss) != runs {
		t.Errorf("%d attempts in %d sessions, want %d in %d", len(as), len(ss), runs*5, runs)
	}
	for _, se := range ss {
		if se.Status != history.Finished || se.Questions != 5 || se.Score != 4 {
			t.Fatalf("session %+v", se)
		}
	}
	// Linear growth: the second 500 runs add about as much as the first 500.
	first, second := sizes[500], sizes[1000]-sizes[500]
	t.Logf("database size after 250/500/750/1000 runs: %d %d %d %d bytes", sizes[250], sizes[500], sizes[750], sizes[1000])
	if ratio := float64(second) / float64(first); ratio < 0.6 || ratio > 1.6 {
		t.Errorf("the second 500 runs grew the database by %d bytes, the first by %d: not linear", second, first)
	}
}
