package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/spf13/cobra/doc"
)

// genDocs writes the Markdown command reference to mdDir and man pages to manDir.
func genDocs(t *testing.T, mdDir, manDir string) {
	t.Helper()
	root := NewCmdRoot(NewFactory(&IOStreams{In: bytes.NewReader(nil), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}},
		func(string) string { return "" }))
	root.DisableAutoGenTag = true
	for _, d := range []string{mdDir, manDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := doc.GenMarkdownTree(root, mdDir); err != nil {
		t.Fatal(err)
	}
	// A fixed date keeps the pages the same from one run to the next.
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := doc.GenManTree(root, &doc.GenManHeader{Title: "GRILL", Section: "1", Date: &date, Source: "grill"}, manDir); err != nil {
		t.Fatal(err)
	}
}

// TestDocsInSync checks that docs/cli (Markdown) and docs/man (man pages) match the
// command tree. After changing a command, run: go test ./cmd/grill -run TestDocsInSync -update
func TestDocsInSync(t *testing.T) {
	mdDir, manDir := filepath.Join("..", "..", "docs", "cli"), filepath.Join("..", "..", "docs", "man")
	if *update {
		os.RemoveAll(mdDir)
		os.RemoveAll(manDir)
		genDocs(t, mdDir, manDir)
		return
	}
	tmp := t.TempDir()
	genMD, genMan := filepath.Join(tmp, "cli"), filepath.Join(tmp, "man")
	genDocs(t, genMD, genMan)
	for _, pair := range [][2]string{{genMD, mdDir}, {genMan, manDir}} {
		want, _ := os.ReadDir(pair[0])
		have, _ := os.ReadDir(pair[1])
		if len(want) != len(have) {
			t.Errorf("%s has %d files, the command tree makes %d; run with -update", pair[1], len(have), len(want))
		}
		for _, e := range want {
			w, _ := os.ReadFile(filepath.Join(pair[0], e.Name()))
			h, err := os.ReadFile(filepath.Join(pair[1], e.Name()))
			if err != nil || !bytes.Equal(w, h) {
				t.Errorf("%s is out of date; run go test ./cmd/grill -run TestDocsInSync -update", filepath.Join(pair[1], e.Name()))
			}
		}
	}
}
