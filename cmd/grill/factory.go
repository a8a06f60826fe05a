package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/questions/banks"
)

// Factory holds what commands depend on, so tests can replace any of it.
type Factory struct {
	IO     *IOStreams
	Getenv func(string) string
	Now    func() time.Time
	config *Config
}

// NewFactory returns the factory for a real run. GRILL_TIME_OFFSET (a Go duration such
// as 72h) moves grill's clock forward, for trying out review schedules and for tests;
// the clock keeps running, so time limits still work.
func NewFactory(io *IOStreams, getenv func(string) string) *Factory {
	now := time.Now
	if d, err := time.ParseDuration(getenv("GRILL_TIME_OFFSET")); err == nil && d != 0 {
		now = func() time.Time { return time.Now().Add(d) }
	}
	return &Factory{IO: io, Getenv: getenv, Now: now}
}

// Home returns grill's data folder: $GRILL_HOME, else $XDG_DATA_HOME/grill, else
// ~/.local/share/grill.
func (f *Factory) Home() (string, error) {
	if h := f.Getenv("GRILL_HOME"); h != "" {
		return h, nil
	}
	if x := f.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "grill"), nil
	}
	home := f.Getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", fmt.Errorf("cannot find a home folder; set GRILL_HOME: %w", err)
		}
	}
	return filepath.Join(home, ".local", "share", "grill"), nil
}

// BanksDir returns the user's bank folder.
func (f *Factory) BanksDir() (string, error) {
	h, err := f.Home()
	if err != nil {
		return "", err
	}
	return filepath.Join(h, "banks"), nil
}

// looksLikePath tells a --bank path from a bank id.
func looksLikePath(s string) bool {
	if strings.ContainsAny(s, `/\`) || questions.IsBankFile(s) || s == "." || s == ".." {
		return true
	}
	_, err := os.Stat(s)
	return err == nil
}

// Loaded is the result of loading banks for a command.
type Loaded struct {
	Lib *questions.Library
	// Selected lists the bank ids chosen by --bank (ids, or the banks of the paths); empty
	// means every bank.
	Selected []string
}

// LoadBanks loads the built-in banks, the user's bank folder and the --bank arguments.
// A --bank path with errors fails the load; a broken file in the user's folder is skipped
// with a warning, so one bad file never locks the user out of grill.
func (f *Factory) LoadBanks(bankArgs []string) (*Loaded, error) {
	lib := &questions.Library{}
	for _, b := range banks.All() {
		if err := lib.Add(b); err != nil {
			return nil, err
		}
	}
	dir, err := f.BanksDir()
	if err != nil {
		return nil, err
	}
	files, err := questions.BankFiles(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("bank folder: %w", err)
	}
	f.addSoft(lib, files)
	// Banks listed in the configuration load like the user's folder: a broken one is
	// skipped with a warning.
	if c, err := f.Config(); err != nil {
		return nil, err
	} else if extra := c.Get("banks"); extra != "" {
		for _, p := range filepath.SplitList(extra) {
			if strings.HasPrefix(p, "~/") {
				if home, err := os.UserHomeDir(); err == nil {
					p = filepath.Join(home, p[2:])
				}
			}
			files, err := questions.BankFiles(p)
			if err != nil {
				fmt.Fprintf(f.IO.ErrOut, "grill: config banks: %s: %v\n", p, unwrapPathError(err))
				continue
			}
			f.addSoft(lib, files)
		}
	}
	out := &Loaded{Lib: lib}
	for _, arg := range bankArgs {
		if !looksLikePath(arg) {
			if lib.Bank(arg) == nil {
				return nil, flagErrorf("--bank %s: no bank with that id is loaded (have: %s)", arg,
					strings.Join(lib.BankIDs(), ", "))
			}
			out.Selected = append(out.Selected, arg)
			continue
		}
		files, err := questions.BankFiles(arg)
		if err != nil {
			return nil, fmt.Errorf("--bank %s: %w", arg, unwrapPathError(err))
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("--bank %s: the folder has no .yaml or .yml files", arg)
		}
		for _, file := range files {
			b, issues, err := questions.ParseFile(file)
			if err != nil {
				return nil, fmt.Errorf("--bank %s: %w", file, unwrapPathError(err))
			}
			if b == nil || len(issues.Errors()) > 0 {
				return nil, &questions.BankError{File: file, Issues: issues}
			}
			if prev := lib.Bank(b.ID); prev != nil && prev.Origin != questions.BuiltinOrigin && samePath(prev.Origin, file) {
				out.Selected = append(out.Selected, b.ID) // already loaded from the bank folder
				continue
			}
			if err := lib.Add(b); err != nil {
				return nil, err
			}
			out.Selected = append(out.Selected, b.ID)
		}
	}
	return out, nil
}

// addSoft loads bank files that are not essential (the user's folder, the config's
// banks): a broken one is skipped with a warning, so one bad file never locks the user
// out of grill.
func (f *Factory) addSoft(lib *questions.Library, files []string) {
	for _, file := range files {
		b, issues, err := questions.ParseFile(file)
		if err == nil && (b == nil || len(issues.Errors()) > 0) {
			err = &questions.BankError{File: file, Issues: issues}
		}
		if err == nil {
			err = lib.Add(b)
		}
		if err != nil {
			fmt.Fprintf(f.IO.ErrOut, "grill: skipping %s: %v\n", file, firstLine(err))
		}
	}
}

func samePath(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// unwrapPathError drops the operation and path of an *fs.PathError, which the caller
// already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, fs.ErrNotExist) {
			return errors.New("no such file or folder")
		}
		return pe.Err
	}
	return err
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
