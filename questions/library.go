package questions

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

//go:embed banks/*.yaml
var builtinFS embed.FS

// BuiltinOrigin is the Origin of banks compiled into grill.
const BuiltinOrigin = "built-in"

// Builtin parses the banks compiled into grill. Their positions name the file under
// questions/banks in grill's source tree. Built-in banks are checked by tests, so an
// error here is a bug in grill. grill itself starts from package banks, a generated
// snapshot of this parse; tests and the snapshot's generator call Builtin.
func Builtin() ([]*Bank, error) {
	builtinOnce.Do(func() { builtinBanks, builtinErr = parseBuiltin() })
	return slices.Clone(builtinBanks), builtinErr
}

// The built-in banks never change once parsed, and nothing modifies a loaded bank
// (commands that change a question copy it first), so they are parsed once a process.
var (
	builtinOnce  sync.Once
	builtinBanks []*Bank
	builtinErr   error
)

func parseBuiltin() ([]*Bank, error) {
	names, err := fs.Glob(builtinFS, "banks/*.yaml")
	if err != nil {
		return nil, err
	}
	// The files are independent: parse them on all cores, keeping their order.
	banks := make([]*Bank, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, name := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			data, err := builtinFS.ReadFile(name)
			if err != nil {
				errs[i] = err
				return
			}
			b, issues := Parse("questions/"+name, data)
			if len(issues.Errors()) > 0 || b == nil {
				errs[i] = &BankError{File: "questions/" + name, Issues: issues}
				return
			}
			b.Origin = BuiltinOrigin
			banks[i] = b
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return banks, nil
}

// BuiltinFiles returns the names and contents of the built-in bank files, for tools that
// check them (lint, schema tests).
func BuiltinFiles() (map[string][]byte, error) {
	names, err := fs.Glob(builtinFS, "banks/*.yaml")
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(names))
	for _, name := range names {
		data, err := builtinFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out["questions/"+name] = data
	}
	return out, nil
}

// IsBankFile reports whether name has a bank file extension.
func IsBankFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// BankFiles expands p into bank files: p itself when it is a file, or the *.yaml and
// *.yml files directly inside it when it is a folder, sorted by name.
func BankFiles(p string) ([]string, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && IsBankFile(e.Name()) {
			files = append(files, filepath.Join(p, e.Name()))
		}
	}
	return files, nil
}

// Library is the set of loaded banks. Its zero value is an empty library.
type Library struct {
	Banks []*Bank
}

// ErrDuplicateBank is wrapped by Add when a bank id is already loaded.
var ErrDuplicateBank = errors.New("bank id already loaded")

// Add adds b, refusing a second bank with the same id.
func (l *Library) Add(b *Bank) error {
	if prev := l.Bank(b.ID); prev != nil {
		return fmt.Errorf("%s: bank %q is already loaded from %s: %w", b.Origin, b.ID, prev.Origin, ErrDuplicateBank)
	}
	l.Banks = append(l.Banks, b)
	return nil
}

// Bank returns the bank with the given id, or nil.
func (l *Library) Bank(id string) *Bank {
	for _, b := range l.Banks {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// BankIDs returns the ids of the loaded banks, sorted.
func (l *Library) BankIDs() []string {
	ids := make([]string, len(l.Banks))
	for i, b := range l.Banks {
		ids[i] = b.ID
	}
	slices.Sort(ids)
	return ids
}

// Questions returns every question of every bank, in bank order.
func (l *Library) Questions() []*Question {
	var out []*Question
	for _, b := range l.Banks {
		out = append(out, b.Questions...)
	}
	return out
}

// ErrNoQuestion is wrapped when a question key matches nothing.
var ErrNoQuestion = errors.New("no such question")

// Question finds a question by its key, bank/id, or by a bare id when exactly one bank
// has it.
func (l *Library) Question(key string) (*Question, error) {
	if bank, id, ok := strings.Cut(key, "/"); ok {
		b := l.Bank(bank)
		if b == nil {
			return nil, fmt.Errorf("%s: no bank %q: %w", key, bank, ErrNoQuestion)
		}
		for _, q := range b.Questions {
			if q.ID == id {
				return q, nil
			}
		}
		return nil, fmt.Errorf("%s: bank %q has no question %q: %w", key, bank, id, ErrNoQuestion)
	}
	var found []*Question
	for _, q := range l.Questions() {
		if q.ID == key {
			found = append(found, q)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("%s: %w", key, ErrNoQuestion)
	case 1:
		return found[0], nil
	}
	keys := make([]string, len(found))
	for i, q := range found {
		keys[i] = q.Key()
	}
	return nil, fmt.Errorf("%s is ambiguous: it is %s; give the bank too", key, strings.Join(keys, ", "))
}
