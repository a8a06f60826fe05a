package main

// The interactive terminal. survey/v2 is imported here and nowhere else.
//
// Facts this file relies on (checked against survey v2.3.7 and by the PTY tests):
//   - survey reads keys only through the In of survey.WithStdio, and returns that
//     reader's error from AskOne after restoring the terminal mode.
//   - A separately opened /dev/tty is registered with Go's poller, so SetReadDeadline
//     ends a pending Read; calling Fd() on it would switch it to blocking mode and
//     silently disable deadlines, so its descriptor is taken through SyscallConn.
//   - Keys typed around a deadline would spill into the next prompt, so input is
//     flushed (TCIFLUSH) before every prompt.
//   - survey reads cursor-position answers through a throwaway buffer, so the reader
//     it is given returns one key per Read (see keyReader).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/core"
	"github.com/AlecAivazis/survey/v2/terminal"
	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// TTYPrompter asks on a terminal. Every method returns when ctx is done, with an error
// wrapping ctx.Err(), and leaves the terminal as it found it.
type TTYPrompter interface {
	// Out is where text between prompts goes.
	Out() io.Writer
	// Select asks for one of options; the cursor starts on options[def].
	Select(ctx context.Context, msg string, options []string, def int) (int, error)
	MultiSelect(ctx context.Context, msg string, options []string, preselected []int) ([]int, error)
	Input(ctx context.Context, msg string, validate func(string) error) (string, error)
	Multiline(ctx context.Context, msg string) (string, error)
	// Edit runs the user's editor on the terminal and returns what was saved.
	Edit(ctx context.Context, initial string) (string, error)
	// Countdown shows the time left until deadline on the terminal's last row until
	// the returned function is called.
	Countdown(deadline time.Time) (stop func())
	Close() error
}

// errInterruptKey is returned when the user pressed Ctrl-C inside a prompt (the terminal
// is in raw mode then, so Ctrl-C arrives as a key, not a signal).
var errInterruptKey = errors.New("interrupted")

// ttyFile is the terminal opened for reading and writing, with the descriptor fetched
// without disabling deadlines.
type ttyFile struct {
	f  *os.File
	fd uintptr
	r  *keyReader
	w  *ttyWriter
}

func (t ttyFile) Read(p []byte) (int, error)  { return t.r.Read(p) }
func (t ttyFile) Fd() uintptr                 { return t.fd }
func (t ttyFile) Write(p []byte) (int, error) { return t.w.Write(p) }

// keyReader hands survey one key per Read: a whole escape sequence (an arrow key, or
// the terminal's answer to a cursor-position query) or one UTF-8 character. survey
// reads those answers through a throwaway bufio.Reader, which would swallow keys that
// came in the same read; and it takes an ESC with nothing buffered behind it for the
// Escape key, so a sequence must come whole. What is not handed out yet stays here.
//
// It also owns the terminal's read deadline, so that nudge can wake a pending Read to
// hand survey a NUL key: survey ignores it but redraws a menu, which lets the countdown
// draw (see ttyWriter).
type keyReader struct {
	f        *os.File
	buf      []byte
	mu       sync.Mutex
	deadline time.Time // the prompt's own deadline; zero for none
	nudged   bool
}

func (r *keyReader) setDeadline(t time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.deadline = t
	_ = r.f.SetReadDeadline(t)
}

// nudge makes the pending or next Read return a NUL key.
func (r *keyReader) nudge() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nudged = true
	_ = r.f.SetReadDeadline(time.Now())
}

func (r *keyReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		var tmp [256]byte
		n, err := r.f.Read(tmp[:])
		r.buf = append(r.buf, tmp[:n]...)
		if n > 0 {
			break
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			r.mu.Lock()
			nudged := r.nudged
			r.nudged = false
			real := !r.deadline.IsZero() && !time.Now().Before(r.deadline)
			_ = r.f.SetReadDeadline(r.deadline)
			r.mu.Unlock()
			if nudged && !real {
				p[0] = 0
				return 1, nil
			}
		}
		if err != nil {
			return 0, err
		}
	}
	n := copy(p, r.buf[:keyLen(r.buf)])
	r.buf = r.buf[n:]
	return n, nil
}

// discard drops keys read but not handed out yet.
func (r *keyReader) discard() { r.buf = r.buf[:0] }

// keyLen is the length of the first key in b: a CSI sequence (ESC [ params final), an
// SS3 sequence (ESC O x), ESC with one more byte (Alt+key), or one UTF-8 character.
func keyLen(b []byte) int {
	if b[0] != 0x1b || len(b) == 1 {
		_, n := utf8.DecodeRune(b)
		return n
	}
	switch b[1] {
	case '[':
		for i := 2; i < len(b); i++ {
			if b[i] >= 0x40 && b[i] <= 0x7e {
				return i + 1
			}
		}
		return len(b)
	case 'O':
		return min(3, len(b))
	}
	return 2
}

// ttyWriter serialises the writes of survey and of the countdown. The terminal has one
// cursor save slot (ESC 7 / ESC 8) and survey holds it while a menu waits for a key, so
// the countdown never writes while the slot is taken: its redraw waits here and goes
// out right after a survey write that frees the slot.
//
// While the last row is reserved for the countdown, survey must not use it: survey
// measures the screen by moving the cursor to row 999 and asking where it landed, so
// that probe is clamped to the last row of the scroll region.
type ttyWriter struct {
	mu          sync.Mutex
	f           *os.File
	cursorSaved bool
	pending     string
	// regionRows is the height of the scroll region, 0 when the whole screen scrolls.
	regionRows int
}

var sizeProbe = []byte("\x1b[999;999f")

func (w *ttyWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if i, j := bytes.LastIndex(p, []byte("\x1b7")), bytes.LastIndex(p, []byte("\x1b8")); i >= 0 || j >= 0 {
		w.cursorSaved = i > j
	}
	out := p
	if w.regionRows > 0 && bytes.Contains(p, sizeProbe) {
		out = bytes.ReplaceAll(p, sizeProbe, fmt.Appendf(nil, "\x1b[%d;999f", w.regionRows))
	}
	if _, err := w.f.Write(out); err != nil {
		return 0, err
	}
	if !w.cursorSaved && w.pending != "" {
		_, _ = w.f.WriteString(w.pending)
		w.pending = ""
	}
	return len(p), nil
}

// overlay writes s, which must save and restore the cursor itself, now if the save slot
// is free, and reports whether it did; otherwise s waits for the next chance.
func (w *ttyWriter) overlay(s string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cursorSaved {
		w.pending = s
		return false
	}
	w.pending = ""
	_, _ = w.f.WriteString(s)
	return true
}

// surveyTTY implements TTYPrompter with survey on /dev/tty.
type surveyTTY struct {
	tty      ttyFile
	getenv   func(string) string
	editor   string // the configured editor, which wins over $VISUAL and $EDITOR
	rows     int
	regionOn bool
}

// openTTY opens the controlling terminal.
func openTTY() (TTYPrompter, error) { return openTTYPath("/dev/tty", os.Getenv) }

// setColor turns survey's colours off when NO_COLOR is set or the colour setting says
// never (grill itself prints no colour).
func setColor(getenv func(string) string, setting string) {
	core.DisableColor = getenv("NO_COLOR") != "" || setting == "never" || getenv("TERM") == "dumb"
}

func openTTYPath(path string, getenv func(string) string) (*surveyTTY, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	var fd uintptr
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := rc.Control(func(d uintptr) { fd = d }); err != nil {
		f.Close()
		return nil, err
	}
	return &surveyTTY{tty: ttyFile{f: f, fd: fd, r: &keyReader{f: f}, w: &ttyWriter{f: f}}, getenv: getenv}, nil
}

func (s *surveyTTY) Out() io.Writer { return s.tty }

func (s *surveyTTY) Close() error {
	s.resetRegion()
	return s.tty.f.Close()
}

// flushInput drops keys typed before the prompt appeared, such as keys pressed just as
// the previous question timed out.
func (s *surveyTTY) flushInput() {
	s.tty.r.discard()
	_ = unix.IoctlSetInt(int(s.tty.fd), unix.TCFLSH, unix.TCIFLUSH)
}

// ask runs one survey prompt under ctx: the prompt ends at ctx's deadline or when ctx
// is cancelled (SIGTERM), through the read deadline of the terminal.
func (s *surveyTTY) ask(ctx context.Context, p survey.Prompt, resp any, opts ...survey.AskOpt) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.flushInput()
	d, _ := ctx.Deadline()
	s.tty.r.setDeadline(d)
	stop := context.AfterFunc(ctx, func() { s.tty.r.setDeadline(time.Now()) })
	defer stop()
	opts = append(opts, survey.WithStdio(s.tty, s.tty, s.tty), survey.WithShowCursor(true))
	err := survey.AskOne(p, resp, opts...)
	s.tty.r.setDeadline(time.Time{})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, terminal.InterruptErr):
		return errInterruptKey
	case ctx.Err() != nil:
		s.flushInput()
		// Clear what is left of the prompt below the cursor (the other options).
		fmt.Fprint(s.tty, "\r\n\x1b[J")
		return fmt.Errorf("prompt ended: %w", ctx.Err())
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("prompt ended: %w", context.DeadlineExceeded)
	}
	return err
}

func (s *surveyTTY) Select(ctx context.Context, msg string, options []string, def int) (int, error) {
	var idx int
	err := s.ask(ctx, &survey.Select{Message: msg, Options: options, PageSize: 12, Default: options[def]}, &idx)
	return idx, err
}

func (s *surveyTTY) MultiSelect(ctx context.Context, msg string, options []string, preselected []int) ([]int, error) {
	var idx []int
	def := make([]int, len(preselected))
	copy(def, preselected)
	p := &survey.MultiSelect{Message: msg, Options: options, PageSize: 12}
	if len(def) > 0 {
		p.Default = def
	}
	err := s.ask(ctx, p, &idx)
	return idx, err
}

func (s *surveyTTY) Input(ctx context.Context, msg string, validate func(string) error) (string, error) {
	var out string
	var opts []survey.AskOpt
	if validate != nil {
		opts = append(opts, survey.WithValidator(func(v any) error {
			str, _ := v.(string)
			if strings.TrimSpace(str) == "" {
				return nil // empty skips
			}
			return validate(str)
		}))
	}
	err := s.ask(ctx, &survey.Input{Message: msg}, &out, opts...)
	return out, err
}

func (s *surveyTTY) Multiline(ctx context.Context, msg string) (string, error) {
	var out string
	err := s.ask(ctx, &survey.Multiline{Message: msg}, &out)
	return out, err
}

// Edit runs $VISUAL or $EDITOR (vi if neither is set) on a temporary file, attached to
// the real terminal: survey.Editor would hand the editor a pipe, since our In is wrapped.
// At the deadline the editor is stopped and the terminal restored.
func (s *surveyTTY) Edit(ctx context.Context, initial string) (string, error) {
	editor := s.getenv("VISUAL")
	if editor == "" {
		editor = s.getenv("EDITOR")
	}
	if s.editor != "" {
		editor = s.editor
	}
	if editor == "" {
		editor = "vi"
	}
	tmp, err := os.CreateTemp("", "grill-answer-*.md")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(initial); err != nil {
		tmp.Close()
		return "", err
	}
	tmp.Close()
	state, err := term.GetState(int(s.tty.fd))
	if err != nil {
		return "", err
	}
	defer term.Restore(int(s.tty.fd), state)
	fields := strings.Fields(editor)
	cmd := exec.CommandContext(ctx, fields[0], append(fields[1:], tmp.Name())...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = s.tty.f, s.tty.f, s.tty.f
	cmd.Cancel = func() error { return cmd.Process.Signal(unix.SIGTERM) }
	cmd.WaitDelay = 2 * time.Second
	runErr := cmd.Run()
	if ctx.Err() != nil {
		// Leave the alternate screen a killed full-screen editor may have left us in.
		fmt.Fprint(s.tty, "\x1b[?1049l\r\n")
		return "", fmt.Errorf("editor stopped: %w", ctx.Err())
	}
	if runErr != nil {
		return "", fmt.Errorf("editor %s: %w", editor, runErr)
	}
	data, err := os.ReadFile(tmp.Name())
	return string(data), err
}

// Countdown reserves the terminal's last row (the rows above become the scroll region)
// and redraws the time left there every second, saving and restoring the cursor around
// each redraw (see ttyWriter for how it shares the save slot with survey).
func (s *surveyTTY) Countdown(deadline time.Time) func() {
	if !s.setRegion() {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	draw := func(text string) {
		if !s.tty.w.overlay(fmt.Sprintf("\x1b7\x1b[%d;1H\x1b[2K%s\x1b8", s.rows, text)) {
			s.tty.r.nudge() // a waiting menu redraws on a NUL key, freeing the slot
		}
	}
	tick := func() {
		left := time.Until(deadline)
		if left < 0 {
			left = 0
		}
		// Whole seconds, rounded up: "0:01" until the very end, never "0:00" early.
		draw(" time left: " + fmtClock((left + time.Second - 1).Truncate(time.Second)))
	}
	go func() {
		defer wg.Done()
		tick()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				tick()
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		draw("")
	}
}

// setRegion limits scrolling to all rows but the last, once per session.
func (s *surveyTTY) setRegion() bool {
	if s.regionOn {
		return true
	}
	_, rows, err := term.GetSize(int(s.tty.fd))
	if err != nil || rows < 6 {
		return false
	}
	s.rows = rows
	// Make room first so the cursor is not on the row being reserved: a newline scrolls
	// when on the last row, then the cursor goes back up. DECSTBM homes the cursor, so
	// it is saved before and restored after.
	fmt.Fprintf(s.tty, "\n\x1b[1A\x1b7\x1b[1;%dr\x1b8", rows-1)
	s.tty.w.mu.Lock()
	s.tty.w.regionRows = rows - 1
	s.tty.w.mu.Unlock()
	s.regionOn = true
	return true
}

func (s *surveyTTY) resetRegion() {
	if !s.regionOn {
		return
	}
	// The full screen as the region again (which homes the cursor, so it is saved and
	// restored around it), and the status row cleared.
	fmt.Fprintf(s.tty, "\x1b7\x1b[r\x1b[%d;1H\x1b[2K\x1b8", s.rows)
	s.tty.w.mu.Lock()
	s.tty.w.regionRows = 0
	s.tty.w.mu.Unlock()
	s.regionOn = false
}

func fmtClock(d time.Duration) string {
	h, m, sec := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}
