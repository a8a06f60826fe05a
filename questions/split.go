package questions

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"runtime"

	"gopkg.in/yaml.v3"
)

// Parsing a bank file question by question.
//
// yaml.v3 builds a node tree of a whole document before grill can walk it, and that tree
// takes about 40 times the size of the file. A bank is mostly its questions list, so
// when the list is written the usual way (a block sequence under a top-level
// "questions:" line), Parse cuts the file into the text around the list and batches of
// whole list items, and parses each on its own: only a few batches' trees (one a core)
// are alive at a time. Lines are cut, never columns, and each batch's lines are moved back to where
// they are in the file, so every position is the one a whole parse gives.
//
// The cut is a textual guess that must never change what a file means. Anything it
// cannot account for, such as an item that refers to an anchor in another batch, a
// flow-style list, tabs, or a batch that does not parse as a list of exactly the items
// it was cut into, makes Parse fall back to parsing the whole file, which also gives
// the exact message for any syntax error.

// batchBytes is how much of the questions list is parsed at once: enough to make the
// cost of starting a parse negligible, small enough that its tree is about a megabyte.
// Tests set it to 1 to put every item in a batch of its own.
var batchBytes = 32 << 10

// split is a bank file cut for parsing in pieces.
type split struct {
	// header is the file with the lines of the questions list blanked, so "questions:"
	// has no value and every other line keeps its number.
	header  []byte
	batches []batch
}

// batch is a run of whole items of the questions list.
type batch struct {
	text  []byte
	line  int // the file's line number of text's first line
	items int
}

// cutQuestions finds the top-level questions list and cuts it into batches. It returns
// false when the file is not written in the one shape it understands.
func cutQuestions(data []byte) (split, bool) {
	// yaml.v3 also breaks lines at NEL, LS and PS, and at a CR alone; lines here are cut
	// at LF (with an optional CR before it), so such files are parsed whole.
	if bytes.ContainsAny(data, "\u0085\u2028\u2029") {
		return split{}, false
	}
	var (
		s        split
		lineNo   int
		start    = -1 // offset of the list's first line
		startNo  int  // and its line number
		end      = -1 // offset just past the list
		indent   = -1 // the items' column, from the first item
		cur      *batch
		curStart int
	)
	for off := 0; off < len(data); {
		lineNo++
		next := bytes.IndexByte(data[off:], '\n')
		if next < 0 {
			next = len(data)
		} else {
			next += off + 1
		}
		line := bytes.TrimSuffix(bytes.TrimSuffix(data[off:next], []byte("\n")), []byte("\r"))
		if bytes.IndexByte(line, '\r') >= 0 {
			return s, false
		}
		spaces := len(line) - len(bytes.TrimLeft(line, " "))
		rest := line[spaces:]
		blank := len(rest) == 0 || rest[0] == '#'
		switch {
		case isQuestionsKey(line):
			if start >= 0 {
				return s, false // "questions" twice: the whole parse reports it
			}
			start, startNo = next, lineNo+1
		case start < 0, end >= 0:
			// Before or after the list: the header's.
		case blank:
			// Blank lines and comments belong to the item they follow.
		case indent >= 0 && spaces > indent:
			// Inside the current item.
		case rest[0] == '\t':
			return s, false // a tab where indentation decides the structure
		case indent < 0 || spaces == indent:
			item := rest[0] == '-' && (len(rest) == 1 || rest[1] == ' ')
			if indent < 0 && !item {
				return s, false // not a block sequence of items
			}
			if !item {
				end = off
				break
			}
			indent = spaces
			switch {
			case cur == nil:
				// The first batch starts right after "questions:", so that every byte of
				// the file is in the header or in a batch, comments included.
				s.batches = append(s.batches, batch{line: startNo})
				cur, curStart = &s.batches[0], start
			case off-curStart >= batchBytes:
				cur.text = data[curStart:off]
				s.batches = append(s.batches, batch{line: lineNo})
				cur, curStart = &s.batches[len(s.batches)-1], off
			}
			cur.items++
		default:
			end = off
		}
		if end == off && cur != nil {
			cur.text = data[curStart:off]
			cur = nil
		}
		off = next
	}
	if start < 0 || len(s.batches) == 0 {
		return s, false
	}
	if end < 0 {
		end = len(data)
		s.batches[len(s.batches)-1].text = data[curStart:end]
	}
	lines := bytes.Count(data[start:end], []byte("\n"))
	s.header = make([]byte, 0, start+lines+len(data)-end)
	s.header = append(s.header, data[:start]...)
	s.header = append(s.header, bytes.Repeat([]byte("\n"), lines)...)
	s.header = append(s.header, data[end:]...)
	return s, true
}

// isQuestionsKey reports whether line is "questions:" at the top level with no value on
// the line. A comment after it needs a space before its '#': "questions:#" is a plain
// scalar, not a key.
func isQuestionsKey(line []byte) bool {
	rest, ok := bytes.CutPrefix(line, []byte("questions:"))
	if !ok {
		return false
	}
	value := bytes.TrimLeft(rest, " ")
	return len(value) == 0 || len(value) < len(rest) && value[0] == '#'
}

var errShape = errors.New("batch is not the list items it was cut into")

// parseBatches parses batches on all cores and yields their items in order. At most
// GOMAXPROCS batches' trees are alive at once: one being walked, the others being built.
// When a batch does not parse, it sets *failed and stops.
func parseBatches(batches []batch, failed *bool) iter.Seq[[]*yaml.Node] {
	return func(yield func([]*yaml.Node) bool) {
		type result struct {
			items []*yaml.Node
			err   error
		}
		results := make([]chan result, len(batches))
		for i := range results {
			results[i] = make(chan result, 1)
		}
		slots := make(chan struct{}, runtime.GOMAXPROCS(0))
		done := make(chan struct{})
		defer close(done)
		go func() {
			for i, bt := range batches {
				select {
				case slots <- struct{}{}:
				case <-done:
					return
				}
				go func() {
					items, err := bt.parse()
					results[i] <- result{items, err}
				}()
			}
		}()
		for i := range batches {
			r := <-results[i]
			if r.err != nil {
				*failed = true
				return
			}
			more := yield(r.items)
			<-slots
			if !more {
				return
			}
		}
	}
}

// parse parses one batch and returns its items with their lines as in the file.
func (b batch) parse() ([]*yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b.text))
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, errShape
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.SequenceNode || len(doc.Content[0].Content) != b.items {
		return nil, errShape
	}
	shift(doc.Content[0], b.line-1)
	return doc.Content[0].Content, nil
}

// shift moves every node of a tree down by the given number of lines.
func shift(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shift(c, by)
	}
}
