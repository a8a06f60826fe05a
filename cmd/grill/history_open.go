package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"

	"github.com/grill-cli/grill/quiz/history"
)

// HistoryPath is where the history database lives: $GRILL_HOME/grill.db.
func (f *Factory) HistoryPath() (string, error) {
	h, err := f.Home()
	if err != nil {
		return "", err
	}
	return filepath.Join(h, "grill.db"), nil
}

// OpenHistory opens the history database and marks sessions whose process died as
// interrupted.
func (f *Factory) OpenHistory() (*history.Store, error) {
	path, err := f.HistoryPath()
	if err != nil {
		return nil, err
	}
	s, err := history.Open(path)
	if err != nil {
		return nil, err
	}
	if _, err := s.MarkAbandoned(context.Background(), processAlive); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// processAlive reports whether a process with this id runs (signal 0 probes it).
func processAlive(pid int) bool {
	if pid <= 0 || pid == os.Getpid() {
		return pid > 0
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
