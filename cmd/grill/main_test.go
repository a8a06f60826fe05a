package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"grill": func() { os.Exit(Main()) },
	})
}

// TestScripts runs the end-to-end tests in testdata/script: one txtar file per behaviour,
// each running the grill binary in a fresh folder with its own GRILL_HOME.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("GRILL_HOME", env.WorkDir+"/home")
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// mkfile FILE SIZE writes SIZE bytes of YAML comment, for oversized-bank tests.
			"mkfile": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: mkfile FILE SIZE")
				}
				n, err := strconv.Atoi(args[1])
				ts.Check(err)
				data := make([]byte, n)
				copy(data, "bank: big\n#")
				for i := len("bank: big\n#"); i < n; i++ {
					data[i] = 'x'
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o644))
			},
			// execsilent PROG ARGS... runs PROG with a standard input that stays open and
			// sends nothing until PROG exits, as a terminal-less user who never answers.
			// A "sleep N |" pipe would end on its own if PROG started slowly.
			"execsilent": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) == 0 {
					ts.Fatalf("usage: execsilent PROG ARGS...")
				}
				r, w, err := os.Pipe()
				ts.Check(err)
				defer w.Close()
				cmd := exec.Command(args[0], args[1:]...)
				cmd.Dir = ts.MkAbs(".")
				// The script's environment, for the variables grill reads.
				cmd.Env = os.Environ()
				for _, k := range []string{"GRILL_HOME", "NO_COLOR", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
					"GRILL_TIME_OFFSET", "GRILL_BANKS", "GRILL_PER_QUESTION", "GRILL_TIME_LIMIT", "GRILL_FEEDBACK",
					"GRILL_COLOR", "GRILL_EDITOR"} {
					if v := ts.Getenv(k); v != "" {
						cmd.Env = append(cmd.Env, k+"="+v)
					}
				}
				cmd.Stdin, cmd.Stdout, cmd.Stderr = r, ts.Stdout(), ts.Stderr()
				err = cmd.Run()
				r.Close()
				if err != nil && !neg {
					ts.Fatalf("%v", err)
				}
				if err == nil && neg {
					ts.Fatalf("unexpected success")
				}
			},
			// mkhostile KIND FILE writes a hostile bank: longline (a 2 MiB line),
			// badutf8 (invalid UTF-8 in a title), deep (nesting 20,000 levels),
			// bomb (an alias bomb), escape (a terminal escape), bidi (an RTL override).
			"mkhostile": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: mkhostile KIND FILE")
				}
				head := "bank: h\ntitle: H\ndefaults: {kind: fundamentals, topic: x}\nquestions:\n"
				var data string
				switch args[0] {
				case "longline":
					data = head + "  - {id: a, type: boolean, prompt: \"" + strings.Repeat("x", 2<<20) + "\", answer: true, explanation: E}\n"
				case "badutf8":
					data = "bank: h\ntitle: \"caf\xe9\"\n"
				case "deep":
					data = "bank: " + strings.Repeat("[", 20000) + "\n"
				case "bomb":
					data = "a: &a [x, x, x, x, x, x, x, x, x]\n"
					prev := "a"
					for i := 0; i < 9; i++ {
						n := fmt.Sprintf("b%d", i)
						data += fmt.Sprintf("%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", n, n, prev, prev, prev, prev, prev, prev, prev, prev, prev)
						prev = n
					}
					data += head[:len(head)-len("questions:\n")] + "questions: *" + prev + "\n"
				case "escape":
					data = head + "  - {id: a, type: boolean, prompt: \"Clear\\e[2J\\e]0;pwned\\a\", answer: true, explanation: E}\n"
				case "bidi":
					data = head + "  - {id: a, type: boolean, prompt: \"x \u202e evil \u202c\", answer: true, explanation: E}\n"
				default:
					ts.Fatalf("unknown hostile kind %q", args[0])
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(data), 0o644))
			},
			// mkbinary FILE writes a bank whose title holds NUL and control bytes.
			"mkbinary": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: mkbinary FILE")
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte("bank: b\ntitle: \"\x00\x01\"\n"), 0o644))
			},
		},
	})
}

// sanity check that the exit code table in main.go matches the documented one.
func TestExitCodes(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{fmt.Errorf("boom"), 1},
		{flagErrorf("bad flag"), 2},
		{fmt.Errorf("unknown command \"x\" for \"grill\""), 2},
		{&ExitError{Code: 3}, 3},
		{fmt.Errorf("wrapped: %w", errInterrupted), 130},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err, new(discard)); got != tt.want {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
