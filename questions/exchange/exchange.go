// Package exchange converts question banks to and from the formats other tools use:
// CSV (question,answer[,explanation], as in the classic Go quiz exercise), Anki's
// plain-text export (tab-separated, with # header lines), and the Markdown quiz style of
// large public quiz collections (#### Q1. ... followed by - [ ] / - [x] choices).
//
// Imports never fail on one bad line: every line that cannot be used is reported with
// its number, and the rest becomes a bank that lints clean.
//
// # What this package must not do
//
// It reads and writes through io.Reader and io.Writer only, and knows nothing of files,
// terminals or flags.
package exchange

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"

	"github.com/grill-cli/grill/questions"
	"gopkg.in/yaml.v3"
)

// Skipped is a line an import could not use.
type Skipped struct {
	Line   int
	Reason string
}

func (s Skipped) String() string { return fmt.Sprintf("line %d: %s", s.Line, s.Reason) }

// Meta is what an imported bank is called and how its questions are filed.
type Meta struct {
	ID, Title, Topic string
	Kind             questions.Kind
}

// Draft is an imported question before it is written as YAML.
type Draft struct {
	ID          string   `yaml:"id"`
	Type        string   `yaml:"type"`
	Prompt      string   `yaml:"prompt"`
	Choices     []string `yaml:"choices,omitempty"`
	Answer      any      `yaml:"answer"`
	Explanation string   `yaml:"explanation,omitempty"`
	Tags        []string `yaml:"tags,omitempty"`
}

// Import reads questions in one of the formats "csv", "anki" or "markdown".
func Import(format string, r io.Reader) ([]Draft, []Skipped, error) {
	switch format {
	case "csv":
		return importCSV(r)
	case "anki":
		return importAnki(r)
	case "markdown":
		return importMarkdown(r)
	}
	return nil, nil, fmt.Errorf("unknown import format %q: want csv, anki or markdown", format)
}

// typedAnswer turns a free answer into a short or numeric question's fields.
func typedAnswer(answer string) (string, any) {
	if v, unit, err := questions.ParseNumber(answer); err == nil && unit == "" {
		return "numeric", v
	}
	return "short", answer
}

func importCSV(r io.Reader) ([]Draft, []Skipped, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var out []Draft
	var skipped []Skipped
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				skipped = append(skipped, Skipped{pe.Line, pe.Err.Error()})
				continue
			}
			return nil, nil, err
		}
		if len(out) == 0 && len(skipped) == 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "question") {
			continue // a header row
		}
		if len(rec) < 2 || strings.TrimSpace(rec[0]) == "" || strings.TrimSpace(rec[1]) == "" {
			skipped = append(skipped, Skipped{line, "want question,answer[,explanation]"})
			continue
		}
		d := Draft{Prompt: strings.TrimSpace(rec[0])}
		d.Type, d.Answer = typedAnswer(strings.TrimSpace(rec[1]))
		if len(rec) > 2 {
			d.Explanation = strings.TrimSpace(rec[2])
		}
		out = append(out, d)
	}
	return out, skipped, nil
}

var htmlTag = regexp.MustCompile(`(?s)<[^>]*>`)

// plainText turns Anki's HTML fields into text.
func plainText(s string) string {
	s = strings.NewReplacer("<br>", "\n", "<br/>", "\n", "<br />", "\n", "<div>", "\n", "</div>", "").Replace(s)
	return strings.TrimSpace(html.UnescapeString(htmlTag.ReplaceAllString(s, "")))
}

func importAnki(r io.Reader) ([]Draft, []Skipped, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	sep, tagsCol := "\t", -1
	var out []Draft
	var skipped []Skipped
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") {
			// Header lines: #separator:tab, #html:true, #tags column:3, ...
			key, val, _ := strings.Cut(strings.TrimPrefix(line, "#"), ":")
			switch strings.ToLower(strings.TrimSpace(key)) {
			case "separator":
				switch strings.ToLower(strings.TrimSpace(val)) {
				case "tab":
					sep = "\t"
				case "comma":
					sep = ","
				case "semicolon":
					sep = ";"
				case "space":
					sep = " "
				case "pipe":
					sep = "|"
				default:
					sep = strings.TrimSpace(val)
				}
			case "tags column":
				fmt.Sscan(val, &tagsCol)
				tagsCol--
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, sep)
		if len(f) < 2 || plainText(f[0]) == "" || plainText(f[1]) == "" {
			skipped = append(skipped, Skipped{n, "want a front and a back separated by " + describeSep(sep)})
			continue
		}
		d := Draft{Prompt: plainText(f[0])}
		d.Type, d.Answer = typedAnswer(plainText(f[1]))
		if tagsCol >= 0 && tagsCol < len(f) {
			for _, t := range strings.Fields(f[tagsCol]) {
				if tag := strings.Join(questions.Words(t), "-"); tag != "" {
					d.Tags = append(d.Tags, tag)
				}
			}
		}
		out = append(out, d)
	}
	return out, skipped, sc.Err()
}

func describeSep(sep string) string {
	if sep == "\t" {
		return "a tab"
	}
	return fmt.Sprintf("%q", sep)
}

var (
	mdQuestion = regexp.MustCompile(`^#{1,6}\s*(?:Q\s*\d+[.):]?\s*)?(.+)$`)
	mdChoice   = regexp.MustCompile(`^\s*[-*]\s*\[( |x|X)\]\s*(.+)$`)
)

func importMarkdown(r io.Reader) ([]Draft, []Skipped, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	var out []Draft
	var skipped []Skipped
	var cur *Draft
	var curLine int
	var correct []string
	var prompt []string
	inCode := false
	flush := func() {
		if cur == nil {
			return
		}
		cur.Prompt = strings.TrimSpace(strings.Join(prompt, "\n"))
		switch {
		case len(cur.Choices) < 2:
			skipped = append(skipped, Skipped{curLine, "a question needs at least two - [ ] choices"})
		case len(correct) == 0:
			skipped = append(skipped, Skipped{curLine, "no choice is marked - [x]"})
		case len(cur.Choices) > 10:
			skipped = append(skipped, Skipped{curLine, "more than 10 choices"})
		default:
			if len(correct) == 1 {
				cur.Type, cur.Answer = "single", correct[0]
			} else {
				cur.Type, cur.Answer = "multi", correct
			}
			out = append(out, *cur)
		}
		cur, prompt, correct = nil, nil, nil
	}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inCode = !inCode
		}
		if !inCode {
			if m := mdQuestion.FindStringSubmatch(line); m != nil && strings.HasPrefix(line, "####") {
				flush()
				cur, curLine, prompt = &Draft{}, n, []string{m[1]}
				continue
			}
			if m := mdChoice.FindStringSubmatch(line); m != nil && cur != nil {
				if strings.EqualFold(m[1], "x") {
					correct = append(correct, questions.Letter(len(cur.Choices)))
				}
				cur.Choices = append(cur.Choices, strings.TrimSpace(m[2]))
				continue
			}
		}
		if cur != nil && len(cur.Choices) == 0 {
			prompt = append(prompt, line) // code blocks and text under the heading
		}
	}
	flush()
	return out, skipped, sc.Err()
}

// WriteBank writes drafts as a bank file: ids are made from the prompts where missing,
// unique within the bank.
func WriteBank(w io.Writer, m Meta, drafts []Draft, source string) error {
	used := map[string]bool{}
	for i := range drafts {
		base := drafts[i].ID
		if base == "" {
			if base = questions.Slug(drafts[i].Prompt, 6); base == "" {
				base = fmt.Sprint("q", i+1)
			}
		}
		id := base
		for k := 2; used[id]; k++ {
			id = fmt.Sprintf("%s-%d", base, k)
		}
		used[id] = true
		drafts[i].ID = id
	}
	doc := struct {
		Bank      string         `yaml:"bank"`
		Title     string         `yaml:"title"`
		Source    string         `yaml:"source,omitempty"`
		Defaults  map[string]any `yaml:"defaults"`
		Questions []Draft        `yaml:"questions"`
	}{m.ID, m.Title, source, map[string]any{"kind": string(m.Kind), "topic": m.Topic}, drafts}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return enc.Close()
}

// ExportAnki writes questions as Anki's plain-text import format: front (prompt and
// choices), back (answer and explanation) and tags, tab-separated, HTML allowed.
func ExportAnki(w io.Writer, qs []*questions.Question) error {
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, "#separator:tab\n#html:true\n#columns:Front\tBack\tTags\n#tags column:3\n")
	field := func(s string) string {
		s = html.EscapeString(strings.TrimSpace(s))
		return strings.NewReplacer("\t", " ", "\r", "", "\n", "<br>").Replace(s)
	}
	for _, q := range qs {
		front := field(q.Prompt)
		for i, c := range q.Choices {
			front += "<br>" + questions.Letter(i) + ") " + field(c)
		}
		back := field(q.AnswerText())
		if back == "" {
			back = field(q.ModelAnswer)
		}
		if q.Explanation != "" {
			back += "<br><br>" + field(q.Explanation)
		}
		tags := append([]string{"grill", q.Bank, q.Topic}, q.Tags...)
		fmt.Fprintf(bw, "%s\t%s\t%s\n", front, back, strings.Join(tags, " "))
	}
	return bw.Flush()
}

// ExportCSV writes questions as question,answer,explanation rows, with a header.
func ExportCSV(w io.Writer, qs []*questions.Question) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"question", "answer", "explanation", "key", "type", "topic"})
	for _, q := range qs {
		prompt := q.Prompt
		for i, c := range q.Choices {
			prompt += "\n" + questions.Letter(i) + ") " + c
		}
		answer := q.AnswerText()
		if answer == "" {
			answer = q.ModelAnswer
		}
		cw.Write([]string{strings.TrimSpace(prompt), answer, strings.TrimSpace(q.Explanation), q.Key(), string(q.Type), q.Topic})
	}
	cw.Flush()
	return cw.Error()
}
