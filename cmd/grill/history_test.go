package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/grill-cli/grill/quiz/history"
)

const historyBank = `bank: t
title: T
defaults: {kind: fundamentals, topic: x}
questions:
  - {id: q1, type: boolean, prompt: One., answer: true, explanation: E}
  - {id: q2, type: boolean, prompt: Two., answer: true, explanation: E}
  - {id: q3, type: boolean, prompt: Three., answer: true, explanation: E}
  - {id: q4, type: boolean, prompt: Four., answer: true, explanation: E}
  - {id: q5, type: boolean, prompt: Five., answer: true, explanation: E}
`

func countAttempts(t *testing.T, db string) int {
	t.Helper()
	s, err := history.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	as, err := s.Attempts(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(as)
}

// TestKillMidQuiz kills grill (SIGKILL) in the middle of a quiz: every answer given
// before the kill is in the database, the file passes integrity_check, and the session
// shows as interrupted afterwards.
func TestKillMidQuiz(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "t.yaml"), []byte(historyBank), 0o644)
	home := filepath.Join(dir, "home")
	db := filepath.Join(home, "grill.db")
	cmd := exec.Command("grill", "quiz", "--bank", "t.yaml", "--order", "bank", "-n", "0", "--plain")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GRILL_HOME="+home)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	fmt.Fprintln(stdin, "true")
	fmt.Fprintln(stdin, "false")
	// Wait until both answers are recorded, then kill without warning.
	deadline := time.Now().Add(15 * time.Second)
	for {
		if _, err := os.Stat(db); err == nil && countAttempts(t, db) == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the two answers were never recorded")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	s, err := history.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := s.IntegrityCheck(context.Background()); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
	as, _ := s.Attempts(context.Background(), 0)
	s.Close()
	if len(as) != 2 || !as[0].Correct || as[1].Correct {
		t.Fatalf("attempts after the kill = %+v", as)
	}
	list := exec.Command("grill", "history", "list")
	list.Env = append(os.Environ(), "GRILL_HOME="+home)
	out, err := list.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "interrupted  2") {
		t.Errorf("history list after the kill: %v\n%s", err, out)
	}
}

// TestConcurrentProcesses runs several grill processes at once against one history.
func TestConcurrentProcesses(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "t.yaml"), []byte(historyBank), 0o644)
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("q1: true\nq2: true\nq3: false\nq4: true\nq5: true\n"), 0o644)
	home := filepath.Join(dir, "home")
	const procs = 6
	var wg sync.WaitGroup
	errs := make([]error, procs)
	outs := make([][]byte, procs)
	for i := 0; i < procs; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			cmd := exec.Command("grill", "quiz", "--bank", "t.yaml", "-n", "0", "--answers", "a.yaml", "--seed", fmt.Sprint(i))
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GRILL_HOME="+home)
			outs[i], errs[i] = cmd.CombinedOutput()
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("process %d: %v\n%s", i, err, outs[i])
		}
	}
	db := filepath.Join(home, "grill.db")
	if n := countAttempts(t, db); n != procs*5 {
		t.Errorf("%d attempts recorded, want %d", n, procs*5)
	}
	s, _ := history.Open(db)
	defer s.Close()
	if ok, _ := s.IntegrityCheck(context.Background()); ok != "ok" {
		t.Errorf("integrity_check: %s", ok)
	}
	ss, _ := s.Sessions(context.Background(), 0)
	for _, se := range ss {
		if se.Status != history.Finished || se.Questions != 5 {
			t.Errorf("session %+v", se)
		}
	}
}
