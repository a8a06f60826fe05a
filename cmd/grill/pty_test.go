//go:build linux

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
	"golang.org/x/sys/unix"
)

// ptySession runs grill on a pseudo-terminal that is its controlling terminal, with a
// vt10x emulator on the other side answering cursor-position queries like a real
// terminal. Tests wait for conditions (raw mode, text on screen), never for fixed sleeps.
type ptySession struct {
	t      *testing.T
	ptmx   *os.File
	tty    *os.File
	cmd    *exec.Cmd
	vt     vt10x.Terminal
	mu     sync.Mutex
	out    bytes.Buffer
	done   chan struct{}
	before *unix.Termios
}

const ptyWait = 15 * time.Second

func startPTY(t *testing.T, dir string, args ...string) *ptySession {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 100}); err != nil {
		t.Fatal(err)
	}
	before, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	s := &ptySession{t: t, ptmx: ptmx, tty: tty, before: before, done: make(chan struct{})}
	s.vt = vt10x.New(vt10x.WithWriter(ptmx), vt10x.WithSize(100, 24))
	go func() {
		defer close(s.done)
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				s.mu.Lock()
				s.out.Write(buf[:n])
				s.vt.Write(buf[:n])
				s.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	s.cmd = exec.Command("grill", args...)
	s.cmd.Dir = dir
	s.cmd.Env = append(os.Environ(), "GRILL_HOME="+filepath.Join(dir, "home"), "TERM=xterm", "NO_COLOR=1")
	s.cmd.Stdin, s.cmd.Stdout, s.cmd.Stderr = tty, tty, tty
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			s.cmd.Process.Kill()
			s.cmd.Wait()
		}
		ptmx.Close()
		tty.Close()
	})
	return s
}

// output returns everything grill wrote so far.
func (s *ptySession) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

func (s *ptySession) waitUntil(what string, cond func() bool) {
	s.t.Helper()
	deadline := time.Now().Add(ptyWait)
	for !cond() {
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s; output so far:\n%s", what, s.output())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitFor waits until text has been written after the first `after` bytes of output.
func (s *ptySession) waitFor(text string, after int) int {
	s.t.Helper()
	var at int
	s.waitUntil("text "+text, func() bool {
		out := s.output()
		if after > len(out) {
			return false
		}
		i := strings.Index(out[after:], text)
		at = after + i + len(text)
		return i >= 0
	})
	return at
}

func (s *ptySession) lflag() uint32 {
	tio, err := unix.IoctlGetTermios(int(s.tty.Fd()), unix.TCGETS)
	if err != nil {
		s.t.Fatal(err)
	}
	return tio.Lflag
}

// waitRaw waits until the terminal is in raw mode, that is until survey reads keys.
func (s *ptySession) waitRaw() {
	s.t.Helper()
	s.waitUntil("raw mode", func() bool { return s.lflag()&(unix.ICANON|unix.ECHO) == 0 })
}

// waitInput waits until a text-input prompt shown after offset `after` reads keys: raw
// mode, and both of survey's cursor-position queries sent. vt10x has answered a query
// by the time its text is visible here, so keys sent next arrive after the answers;
// keys sent before the queries would be taken by survey as part of the answer.
func (s *ptySession) waitInput(after int) {
	s.t.Helper()
	at := s.waitFor("\x1b[6n", after)
	s.waitFor("\x1b[6n", at)
	s.waitRaw()
}

// waitPrompt waits until whatever prompt follows offset `after` reads keys: a menu
// (survey shows "[Use arrows") once in raw mode, a text input once its cursor queries
// are out too.
func (s *ptySession) waitPrompt(after int) {
	s.t.Helper()
	s.waitUntil("a prompt", func() bool {
		out := s.output()[after:]
		return strings.Contains(out, "[Use arrows") || strings.Count(out, "\x1b[6n") >= 2
	})
	s.waitRaw()
}

func (s *ptySession) send(keys string) {
	s.t.Helper()
	// One key at a time: survey's cursor handling is not made for bursts of input.
	for _, k := range splitKeys(keys) {
		if _, err := s.ptmx.Write([]byte(k)); err != nil {
			s.t.Fatal(err)
		}
	}
}

func splitKeys(keys string) []string {
	var out []string
	for i := 0; i < len(keys); {
		if strings.HasPrefix(keys[i:], "\x1b[") && i+3 <= len(keys) {
			out = append(out, keys[i:i+3])
			i += 3
			continue
		}
		out = append(out, keys[i:i+1])
		i++
	}
	return out
}

// wait waits for grill to exit and returns its exit code, checking that the terminal
// settings are what they were before grill started.
func (s *ptySession) wait() int {
	s.t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- s.cmd.Wait() }()
	var err error
	select {
	case err = <-errc:
	case <-time.After(ptyWait):
		s.t.Fatalf("grill did not exit; output:\n%s", s.output())
	}
	after, terr := unix.IoctlGetTermios(int(s.tty.Fd()), unix.TCGETS)
	if terr != nil {
		s.t.Fatal(terr)
	}
	if *after != *s.before {
		s.t.Errorf("terminal settings changed:\nbefore %+v\nafter  %+v", *s.before, *after)
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		s.t.Fatal(err)
	}
	return 0
}

func writeBank(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

const ptyBank = `bank: t
title: T
defaults: {kind: fundamentals, topic: x}
questions:
  - {id: pick, type: single, tags: [untimed], prompt: Pick the second one., choices: [first, second, third], answer: b, explanation: Because.}
  - {id: timed, type: boolean, prompt: This one times out., answer: true, explanation: E, time_limit: 300ms}
  - {id: typed, type: short, tags: [untimed], prompt: Type bisect., answer: bisect, explanation: E}
`

// TestPTYArrowKeys answers a question by moving down with the arrow key.
func TestPTYArrowKeys(t *testing.T) {
	dir := writeBank(t, ptyBank)
	s := startPTY(t, dir, "quiz", "--bank", "t.yaml", "--order", "bank", "-n", "1")
	s.waitFor("Pick the second one.", 0)
	s.waitRaw()
	s.send("\x1b[B") // down
	s.send("\r")
	at := s.waitFor("Right. 1/1 points.", 0)
	s.waitFor("Score: 1/1 (100%)", at)
	if code := s.wait(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}

// TestPTYTimeout lets a prompt time out, then answers the next one: the timed-out
// prompt must end on its own, and the next must work.
func TestPTYTimeout(t *testing.T) {
	dir := writeBank(t, ptyBank)
	s := startPTY(t, dir, "quiz", "--bank", "t.yaml", "--order", "bank", "-n", "0", "--feedback", "end")
	s.waitFor("Pick the second one.", 0)
	s.waitRaw()
	s.send("\r")
	at := s.waitFor("This one times out.", 0)
	at = s.waitFor("time left", at)
	// Nothing is typed: the prompt must end by itself when the time is up.
	at = s.waitFor("Type bisect.", at)
	s.waitInput(at)
	s.send("bisect\r")
	at = s.waitFor("Score: 1/3 (33%)", at)
	s.waitFor("Time is up.", at) // the summary lists the timed-out question
	if code := s.wait(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	// The status row is released: the scroll region covers the whole screen again.
	if out := s.output(); !strings.Contains(out, "\x1b7\x1b[r") {
		t.Errorf("scroll region was not reset")
	}
}

// TestPTYCtrlC interrupts a quiz: the summary of what was answered is printed, the
// terminal restored and the exit code is 130.
func TestPTYCtrlC(t *testing.T) {
	dir := writeBank(t, ptyBank)
	s := startPTY(t, dir, "quiz", "--bank", "t.yaml", "--order", "bank", "-n", "0", "--tag", "untimed")
	s.waitFor("Pick the second one.", 0)
	s.waitRaw()
	s.send("\x1b[B\r")
	at := s.waitFor("Right.", 0)
	at = s.waitFor("Type bisect.", at)
	s.waitRaw()
	s.send("\x03")
	s.waitFor("Interrupted after 1 question.", at)
	if code := s.wait(); code != 130 {
		t.Errorf("exit code %d, want 130", code)
	}
}

// TestPTYEditorAndSelfAssessment writes an open answer in $EDITOR (":e" at the prompt)
// and ticks the covered rubric point in the checklist.
func TestPTYEditorAndSelfAssessment(t *testing.T) {
	dir := writeBank(t, `bank: t
title: T
defaults: {kind: fundamentals, topic: x}
questions:
  - {id: open, type: open, prompt: 'Why pool connections?', rubric: [{point: Connections are costly, any: [expensive]}, {point: Limits load, any: [limit]}]}
`)
	editor := filepath.Join(dir, "editor.sh")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\necho 'Opening connections is expensive.' > \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EDITOR", editor)
	t.Setenv("VISUAL", "")
	s := startPTY(t, dir, "quiz", "--bank", "t.yaml", "-n", "1")
	at := s.waitFor("Why pool connections?", 0)
	s.waitInput(at)
	s.send(":e")
	// Multiline ends with two empty lines; after each Enter survey measures the screen
	// again, so each key waits for that exchange, as a person's typing would.
	for i := 0; i < 3; i++ {
		mark := len(s.output())
		s.send("\r")
		if i < 2 {
			s.waitInput(mark)
		}
	}
	at = s.waitFor("Points found in your answer (correct them if needed):", at)
	s.waitFor("[x]  Connections are costly", at) // found automatically, pre-ticked
	s.waitRaw()
	s.send("\x1b[B \r") // also tick the second point
	at = s.waitFor("How should this answer count for review?", at)
	s.waitFor("easy: push it far out (from your score)", at) // 100% after correction
	s.waitRaw()
	s.send("\r") // keep it
	s.waitFor("Right. 1/1 points. 1 of 2 rubric points found (50%); corrected by you to 100% (automatic: 0.5 of 1 points)", at)
	if code := s.wait(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}

// TestPTYSIGTERM ends a quiz from outside while a prompt waits: the prompt ends, the
// summary is printed, the terminal restored and the exit code is 130.
func TestPTYSIGTERM(t *testing.T) {
	dir := writeBank(t, ptyBank)
	s := startPTY(t, dir, "quiz", "--bank", "t.yaml", "--order", "bank", "-n", "0", "--tag", "untimed")
	at := s.waitFor("Pick the second one.", 0)
	s.waitRaw()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	s.waitFor("Interrupted after 0 questions.", at)
	if code := s.wait(); code != 130 {
		t.Errorf("exit code %d, want 130", code)
	}
}

// TestPTYPicker runs grill quiz with no filters in a terminal: a picker asks what to
// practise, and the quiz asks that many questions of that kind and topic.
func TestPTYPicker(t *testing.T) {
	dir := t.TempDir()
	s := startPTY(t, dir, "quiz", "--per-question", "1h")
	at := s.waitFor("What do you want to practise?", 0)
	s.waitRaw()
	s.send("\x1b[B\r") // the first kind after "everything": fundamentals
	at = s.waitFor("Which topic?", at)
	s.waitRaw()
	s.send("\r") // all topics
	at = s.waitFor("How many questions?", at)
	s.waitRaw()
	s.send("\r") // 5
	at = s.waitFor("Question 1/5", at)
	s.waitFor("[fundamentals, ", at)
	s.waitPrompt(at)
	s.send("\x03")
	s.waitFor("Interrupted after 0 questions.", at)
	if code := s.wait(); code != 130 {
		t.Errorf("exit code %d, want 130", code)
	}
}

// TestPTYCountdownLive checks that the time left is redrawn while a menu waits for a
// key, and that the prompt then ends at its deadline.
func TestPTYCountdownLive(t *testing.T) {
	dir := writeBank(t, `bank: t
title: T
defaults: {kind: fundamentals, topic: x}
questions:
  - {id: q, type: single, prompt: Wait for it., choices: [one, two], answer: a, explanation: E, time_limit: 3s}
`)
	s := startPTY(t, dir, "quiz", "--bank", "t.yaml", "-n", "1")
	at := s.waitFor("Wait for it.", 0)
	at = s.waitFor("time left: 0:03", at)
	at = s.waitFor("time left: 0:02", at)
	at = s.waitFor("time left: 0:01", at)
	s.waitFor("Time is up.", at)
	if code := s.wait(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}

// TestPTYExamFlagAndReview flags a question in an exam, answers the rest, revisits the
// flagged one from the review menu before submitting, and passes.
func TestPTYExamFlagAndReview(t *testing.T) {
	dir := writeBank(t, `bank: d
title: D
defaults: {kind: certification, type: boolean, topic: alpha}
questions:
  - {id: q1, prompt: First statement., answer: true, explanation: E}
  - {id: q2, prompt: Second statement., answer: true, explanation: E}
  - {id: q3, prompt: Third statement., answer: true, explanation: E}
`)
	os.WriteFile(filepath.Join(dir, "bp.yaml"), []byte(`exam: demo
title: Demo exam
provider: tests
version: v1
updated: 2026-10-01
guide: https://example.com/guide
time_limit: 10m
questions: 3
pass_mark: 70
domains:
  - {id: alpha, title: Alpha, weight: 100, banks: [d], topics: [alpha]}
`), 0o644)
	s := startPTY(t, dir, "exam", "--blueprint", "bp.yaml", "--bank", "t.yaml", "demo", "--seed", "1", "--no-history")
	at := s.waitFor("Question 1/3", 0)
	s.waitPrompt(at)
	s.send("\x1b[B\x1b[B\r") // the third option: flag for review
	for _, n := range []string{"Question 2/3", "Question 3/3"} {
		at = s.waitFor(n, at)
		s.waitPrompt(at)
		s.send("\r") // true
	}
	at = s.waitFor("1 flagged or unanswered. Revisit one, or submit:", at)
	s.waitFor("[flagged]", at)
	s.waitRaw()
	s.send("\x1b[B\r") // the flagged question
	at = s.waitFor("Question 1/3", at)
	s.waitPrompt(at)
	s.send("\r") // true this time
	at = s.waitFor("Demo exam: 3/3 (100%)", at)
	s.waitFor("PASS against the pass mark of 70%", at)
	if code := s.wait(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}
