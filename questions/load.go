package questions

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
	"gopkg.in/yaml.v3"
)

// Limits that keep hostile files from exhausting memory or time.
const (
	// MaxFileSize is the largest bank file grill reads.
	MaxFileSize = 10 << 20
	// maxAliases bounds how many alias references are followed in one file, which stops
	// "billion laughs" documents from expanding exponentially.
	maxAliases = 10000
	// maxIssues bounds how many problems are reported for one file.
	maxIssues = 1000
)

var (
	idPattern    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	topicPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// ParseFile reads and parses the bank file at path. The error is non-nil only when the
// file cannot be read; problems in its content are issues.
func ParseFile(path string) (*Bank, Issues, error) {
	data, err := readBank(path)
	if err != nil {
		return nil, nil, err
	}
	b, issues := Parse(path, data)
	return b, issues, nil
}

// LintFile checks the bank file at path as ParseFile does, without keeping its
// questions: the bank it returns has its own fields but no Questions. A linter needs no
// more, and so its memory stays flat however many questions a file holds.
func LintFile(path string) (*Bank, Issues, error) {
	data, err := readBank(path)
	if err != nil {
		return nil, nil, err
	}
	b, issues := parse(path, data, parseOptions{cut: true})
	return b, issues, nil
}

// readBank reads a bank file, or the first MaxFileSize+1 bytes of a bigger one so that
// Parse can tell it is too big. The buffer is sized from the file's length, so a big
// bank is read without growing (and copying) it on the way.
func readBank(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 0
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = int(min(fi.Size(), MaxFileSize))
	}
	r := io.LimitReader(f, MaxFileSize+1)
	data := make([]byte, 0, size+1) // one more byte to see the end, or that the file grew
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// Parse parses one bank file's content. name is used in positions. The bank is nil when
// the file's structure could not be read at all; otherwise it is returned even when there
// are errors.
func Parse(name string, data []byte) (*Bank, Issues) {
	return parse(name, data, parseOptions{cut: true, keep: true})
}

type parseOptions struct {
	// cut lets the questions list be parsed in pieces (split.go); tests turn it off to
	// compare with the whole parse.
	cut bool
	// keep keeps the questions in the bank; a linter only needs their issues.
	keep bool
}

func parse(name string, data []byte, opts parseOptions) (*Bank, Issues) {
	d := &decoder{file: name, keep: opts.keep}
	if len(data) > MaxFileSize {
		d.issues = append(d.issues, Issue{Pos: Position{File: name}, Message: fmt.Sprintf(
			"file is larger than the %d MiB limit for banks", MaxFileSize>>20)})
		return nil, d.issues
	}
	if off := binaryOffset(data); off >= 0 {
		line, col := lineCol(data, off)
		d.issues = append(d.issues, Issue{Pos: Position{name, line, col},
			Message: "binary data or invalid UTF-8: a bank must be a UTF-8 text file"})
		return nil, d.issues
	}
	if opts.cut {
		if s, ok := cutQuestions(data); ok {
			if b, ok := d.parseSplit(s); ok {
				d.issues.Sort()
				return b, d.issues
			}
			d = &decoder{file: name, keep: opts.keep}
		}
	}
	root := d.document(data)
	if root == nil {
		return nil, d.issues
	}
	b := d.bank(root, nil)
	d.issues.Sort()
	return b, d.issues
}

// parseSplit parses a bank cut by cutQuestions. It returns false when the pieces do not
// parse on their own, and then the whole file must be parsed instead.
func (d *decoder) parseSplit(s split) (*Bank, bool) {
	root := d.document(s.header)
	if root == nil || len(d.issues) > 0 {
		return nil, false
	}
	b := d.bank(root, s.batches)
	if d.splitFailed || b == nil {
		return nil, false // a header that is not a bank mapping: report it as a whole parse does
	}
	return b, true
}

// document decodes data as a single YAML document and returns its root node, or nil when
// there is none. Syntax errors, an empty file and further documents are issues.
func (d *decoder) document(data []byte) *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.issues = append(d.issues, Issue{Pos: Position{d.file, 1, 1}, Message: "file is empty"})
			return nil
		}
		d.issues = append(d.issues, yamlIssue(d.file, err))
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.errorf(&extra, "more than one YAML document: a bank is one document")
	} else if !errors.Is(err, io.EOF) {
		d.issues = append(d.issues, yamlIssue(d.file, err))
	}
	if len(doc.Content) == 0 {
		d.issues = append(d.issues, Issue{Pos: Position{d.file, 1, 1}, Message: "file is empty"})
		return nil
	}
	return doc.Content[0]
}

// binaryOffset returns the offset of the first NUL byte or invalid UTF-8 sequence, or -1.
func binaryOffset(data []byte) int {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		if utf8.Valid(data[:i]) {
			return i
		}
	} else if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 || r == 0 {
			return i
		}
		i += n
	}
	return -1
}

func lineCol(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:off])
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlIssue turns a yaml.v3 syntax error into an issue with the line it names.
func yamlIssue(name string, err error) Issue {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return Issue{Pos: Position{name, line, 1}, Message: "invalid YAML: " + m[2]}
	}
	return Issue{Pos: Position{name, 1, 1}, Message: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// decoder walks a YAML node tree, building a bank and collecting issues.
type decoder struct {
	file    string
	issues  Issues
	aliases int
	stopped bool
	// splitFailed says a batch of a cut file did not parse on its own (see split.go).
	splitFailed bool
	// keep says to keep the questions in the bank (see parseOptions).
	keep bool
	// ids and prompts remember each question's id and prompt, to report repeats.
	ids     map[string]int // id -> line
	prompts map[string]seenPrompt
}

type seenPrompt struct {
	id   string
	line int
}

func (d *decoder) pos(n *yaml.Node) Position { return Position{d.file, n.Line, n.Column} }

func (d *decoder) report(sev Severity, n *yaml.Node, format string, args ...any) {
	if len(d.issues) >= maxIssues {
		if !d.stopped {
			d.stopped = true
			d.issues = append(d.issues, Issue{Pos: d.pos(n), Message: "too many problems; stopped reporting"})
		}
		return
	}
	d.issues = append(d.issues, Issue{Pos: d.pos(n), Severity: sev, Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.report(Error, n, format, args...)
}

func (d *decoder) warnf(n *yaml.Node, format string, args ...any) {
	d.report(Warning, n, format, args...)
}

// resolve follows aliases, within a budget.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		d.aliases++
		if d.aliases == maxAliases {
			d.errorf(n, "excessive aliasing: more than %d alias references", maxAliases)
		}
		if d.aliases >= maxAliases {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}
		}
		n = n.Alias
	}
	return n
}

// fields reads a mapping into key -> value nodes, reporting duplicate and unknown keys.
// It returns nil when n is not a mapping.
func (d *decoder) fields(n *yaml.Node, what string, known []string) map[string]field {
	n = d.resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of keys to values, not %s", what, describe(n))
		return nil
	}
	out := make(map[string]field, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := d.resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%s keys must be plain words", what)
			continue
		}
		if k.Value == "<<" {
			d.errorf(k, "merge keys (<<) are not supported in banks; write the fields out")
			continue
		}
		if prev, dup := out[k.Value]; dup {
			d.errorf(k, "%s %q is given twice (first at line %d)", what, k.Value, prev.key.Line)
			continue
		}
		if !contains(known, k.Value) {
			msg := fmt.Sprintf("unknown %s field %q", what, k.Value)
			if s := suggest(k.Value, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			d.errorf(k, "%s", msg)
			continue
		}
		out[k.Value] = field{key: k, val: d.resolve(v)}
	}
	return out
}

type field struct{ key, val *yaml.Node }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest returns the known key nearest to s when it is close enough to be a typo.
func suggest(s string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		limit := 1
		if len(k) >= 5 {
			limit = 2
		}
		if d := levenshtein.ComputeDistance(strings.ToLower(s), k); d <= limit && d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// text reads a string field. Empty values are reported when required.
func (d *decoder) text(f field, name string) string {
	n := f.val
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be text, not %s", name, describe(n))
		return ""
	}
	if isNull(n) {
		return ""
	}
	d.checkText(n, name, n.Value)
	return n.Value
}

// checkText reports characters that would let bank text control a terminal or hide
// what it says.
func (d *decoder) checkText(n *yaml.Node, name, s string) {
	if i := strings.IndexFunc(s, UnsafeRune); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		d.errorf(n, "%s contains the control character %U; banks may not hold terminal escapes or bidirectional overrides", name, r)
	}
}

// UnsafeRune reports the characters that must never reach a terminal raw: C0 and C1
// controls other than newline and tab, and the Unicode bidirectional formatting
// characters (the "Trojan Source" set).
func UnsafeRune(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return unicode.IsControl(r) || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' ||
		r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// required reads a required text field.
func (d *decoder) required(fs map[string]field, owner *yaml.Node, key, what string) string {
	f, ok := fs[key]
	if !ok {
		d.errorf(owner, "%s is missing required field %q", what, key)
		return ""
	}
	s := d.text(f, key)
	if strings.TrimSpace(s) == "" && f.val.Kind == yaml.ScalarNode {
		d.errorf(f.val, "%s is empty", key)
	}
	return s
}

func (d *decoder) optional(fs map[string]field, key string) string {
	if f, ok := fs[key]; ok {
		return d.text(f, key)
	}
	return ""
}

func (d *decoder) textList(f field, name string) []string {
	n := f.val
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, not %s", name, describe(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		item = d.resolve(item)
		if item.Kind != yaml.ScalarNode || isNull(item) {
			d.errorf(item, "each item of %s must be text, not %s", name, describe(item))
			continue
		}
		if strings.TrimSpace(item.Value) == "" {
			d.errorf(item, "%s has an empty item", name)
			continue
		}
		d.checkText(item, name, item.Value)
		out = append(out, item.Value)
	}
	return out
}

func (d *decoder) words(f field, name string) []string {
	list := d.textList(f, name)
	for i, w := range list {
		if !topicPattern.MatchString(w) {
			d.errorf(f.val.Content[i], "%s %q must be lower-case words joined by dashes", name, w)
		}
	}
	return list
}

func (d *decoder) boolean(f field, name string) bool {
	n := f.val
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		v, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err == nil {
			return v
		}
	}
	d.errorf(n, "%s must be true or false, not %s", name, describe(n))
	return false
}

// positive reads a number greater than zero.
func (d *decoder) positive(f field, name string) float64 {
	n := f.val
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err == nil && v > 0 && v < 1e9 {
			return v
		}
	}
	d.errorf(n, "%s must be a positive number, not %s", name, describe(n))
	return 1
}

func (d *decoder) duration(f field, name string) time.Duration {
	n := f.val
	if n.Kind == yaml.ScalarNode {
		v, err := time.ParseDuration(n.Value)
		if err == nil && v > 0 {
			return v
		}
	}
	d.errorf(n, "%s must be a positive Go duration such as 90s, 2m or 1m30s, not %s", name, describe(n))
	return 0
}

func (d *decoder) number(f field, name string) float64 {
	n := f.val
	if n.Kind == yaml.ScalarNode && !isNull(n) {
		v, unit, err := ParseNumber(n.Value)
		if err == nil && unit == "" {
			return v
		}
	}
	d.errorf(n, "%s must be a number such as 40000, 40k or 4e4, not %s", name, describe(n))
	return 0
}

func (d *decoder) tolerance(f field) Tolerance {
	n := f.val
	if n.Kind == yaml.ScalarNode {
		t, err := ParseTolerance(n.Value)
		if err == nil {
			return t
		}
	}
	d.errorf(n, "tolerance must be a non-negative number or a percentage such as 25%%, not %s", describe(n))
	return Tolerance{}
}

func (d *decoder) references(f field) []string {
	refs := d.textList(f, "references")
	for i, r := range refs {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			d.errorf(f.val.Content[i], "reference %q must be an http or https URL", r)
		}
	}
	return refs
}

var bankKeys = []string{"bank", "title", "description", "license", "source", "aliases", "defaults", "questions"}

var defaultKeys = []string{"kind", "type", "topic", "level", "tags", "time_limit", "points", "partial_credit"}

// defaults holds what a bank's questions inherit.
type defaults struct {
	kind          Kind
	typ           Type
	topic         string
	level         Level
	tags          []string
	timeLimit     time.Duration
	points        float64
	partialCredit bool
}

// bank decodes a bank's root mapping. The questions are the list under "questions", or,
// for a file cut by cutQuestions, its batches.
func (d *decoder) bank(root *yaml.Node, batches []batch) *Bank {
	fs := d.fields(root, "bank", bankKeys)
	if fs == nil {
		return nil
	}
	b := &Bank{Origin: d.file}
	b.ID = d.required(fs, root, "bank", "the bank")
	b.Pos = d.pos(root)
	if f, ok := fs["bank"]; ok {
		b.Pos = d.pos(f.val)
	}
	if b.ID != "" && !idPattern.MatchString(b.ID) {
		d.errorf(fs["bank"].val, "bank id %q must be lower-case letters, digits and dashes, starting with a letter or digit", b.ID)
	}
	b.Title = d.required(fs, root, "title", "the bank")
	b.Description = d.optional(fs, "description")
	b.License = d.optional(fs, "license")
	b.Source = d.optional(fs, "source")
	if f, ok := fs["aliases"]; ok {
		b.Aliases = d.aliasTable(f)
	}
	def := defaults{points: 1}
	if f, ok := fs["defaults"]; ok {
		def = d.defaults(f.val)
	}
	f, ok := fs["questions"]
	if !ok {
		d.errorf(root, "the bank is missing required field \"questions\"")
		return b
	}
	if batches != nil {
		if !isNull(f.val) {
			d.splitFailed = true
			return b
		}
		for items := range parseBatches(batches, &d.splitFailed) {
			d.questions(b, items, def)
		}
		return b
	}
	if f.val.Kind != yaml.SequenceNode || len(f.val.Content) == 0 {
		d.errorf(f.val, "questions must be a list of at least one question")
		return b
	}
	d.questions(b, f.val.Content, def)
	return b
}

// questions decodes the list items of b's questions, reporting repeats, and adds them to
// b when the decoder keeps questions.
func (d *decoder) questions(b *Bank, items []*yaml.Node, def defaults) {
	for _, qn := range items {
		q := d.question(d.resolve(qn), b.ID, def)
		if q == nil {
			continue
		}
		d.repeats(q)
		if d.keep {
			q.Aliases = b.Aliases
			b.Questions = append(b.Questions, q)
		}
	}
}

func (d *decoder) aliasTable(f field) map[string]string {
	// aliases has free keys, so it is read directly rather than through fields.
	out := map[string]string{}
	n := f.val
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "aliases must be a mapping of words to what they stand for, not %s", describe(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := d.resolve(n.Content[i]), d.resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || strings.TrimSpace(k.Value) == "" || strings.TrimSpace(v.Value) == "" {
			d.errorf(k, "each alias must map a word to text")
			continue
		}
		d.checkText(k, "alias", k.Value)
		d.checkText(v, "alias", v.Value)
		out[strings.ToLower(k.Value)] = strings.ToLower(v.Value)
	}
	return out
}

func (d *decoder) defaults(n *yaml.Node) defaults {
	def := defaults{points: 1}
	fs := d.fields(n, "defaults", defaultKeys)
	if f, ok := fs["kind"]; ok {
		def.kind = d.kind(f)
	}
	if f, ok := fs["type"]; ok {
		def.typ = d.typ(f)
	}
	if f, ok := fs["topic"]; ok {
		def.topic = d.topic(f)
	}
	if f, ok := fs["level"]; ok {
		def.level = d.level(f)
	}
	if f, ok := fs["tags"]; ok {
		def.tags = d.words(f, "tags")
	}
	if f, ok := fs["time_limit"]; ok {
		def.timeLimit = d.duration(f, "time_limit")
	}
	if f, ok := fs["points"]; ok {
		def.points = d.positive(f, "points")
	}
	if f, ok := fs["partial_credit"]; ok {
		def.partialCredit = d.boolean(f, "partial_credit")
	}
	return def
}

func (d *decoder) kind(f field) Kind   { return enumField(d, f, "kind", Kinds) }
func (d *decoder) typ(f field) Type    { return enumField(d, f, "type", Types) }
func (d *decoder) level(f field) Level { return enumField(d, f, "level", Levels) }

// enumField reads a field whose value must be one of all.
func enumField[T ~string](d *decoder, f field, name string, all []T) T {
	s := d.text(f, name)
	for _, v := range all {
		if string(v) == s {
			return v
		}
	}
	d.errorf(f.val, "unknown %s %q; want one of %s", name, s, joinEnum(all))
	return ""
}

func (d *decoder) topic(f field) string {
	s := d.text(f, "topic")
	if s != "" && !topicPattern.MatchString(s) {
		d.errorf(f.val, "topic %q must be lower-case words joined by dashes", s)
	}
	return s
}

func joinEnum[T ~string](list []T) string {
	parts := make([]string, len(list))
	for i, v := range list {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}

// commonKeys are the fields every question may have; typeKeys adds those of each type.
var commonKeys = []string{"id", "kind", "type", "topic", "level", "tags", "prompt", "explanation",
	"hints", "references", "time_limit", "points", "follow_ups"}

var typeKeys = map[Type][]string{
	Single:  {"choices", "answer"},
	Multi:   {"choices", "answer", "partial_credit"},
	Boolean: {"answer"},
	Short:   {"answer", "pattern", "exact"},
	Numeric: {"answer", "tolerance", "unit"},
	Open:    {"rubric", "stages", "model_answer", "signals"},
	Star:    {"rubric", "model_answer", "signals"},
}

// allQuestionKeys is every key any question may have, for unknown-key detection before
// the type is known.
var allQuestionKeys = func() []string {
	keys := append([]string(nil), commonKeys...)
	for _, t := range Types {
		for _, k := range typeKeys[t] {
			if !contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}()

func (d *decoder) question(n *yaml.Node, bank string, def defaults) *Question {
	fs := d.fields(n, "question", allQuestionKeys)
	if fs == nil {
		return nil
	}
	q := &Question{Bank: bank, Pos: d.pos(n), Kind: def.kind, Type: def.typ, Topic: def.topic, Level: def.level,
		Tags: def.tags, TimeLimit: def.timeLimit, Points: def.points, PartialCredit: def.partialCredit}
	q.ID = d.required(fs, n, "id", "the question")
	what := "the question"
	if q.ID != "" {
		what = fmt.Sprintf("question %q", q.ID)
		if !idPattern.MatchString(q.ID) {
			d.errorf(fs["id"].val, "question id %q must be lower-case letters, digits and dashes", q.ID)
		}
	}
	if f, ok := fs["type"]; ok {
		q.Type = d.typ(f)
	} else if q.Type == "" {
		d.errorf(n, "%s has no type; set type on the question or in defaults", what)
	}
	if f, ok := fs["kind"]; ok {
		q.Kind = d.kind(f)
	} else if q.Kind == "" {
		d.errorf(n, "%s has no kind; set kind on the question or in defaults", what)
	}
	if f, ok := fs["topic"]; ok {
		q.Topic = d.topic(f)
	} else if q.Topic == "" {
		d.errorf(n, "%s has no topic; set topic on the question or in defaults", what)
	}
	if f, ok := fs["level"]; ok {
		q.Level = d.level(f)
	}
	if f, ok := fs["tags"]; ok {
		q.Tags = d.words(f, "tags")
	}
	q.Prompt = d.required(fs, n, "prompt", what)
	q.Explanation = d.optional(fs, "explanation")
	if f, ok := fs["hints"]; ok {
		q.Hints = d.textList(f, "hints")
	}
	if f, ok := fs["references"]; ok {
		q.References = d.references(f)
	}
	if f, ok := fs["follow_ups"]; ok {
		q.FollowUps = d.textList(f, "follow_ups")
	}
	if f, ok := fs["time_limit"]; ok {
		q.TimeLimit = d.duration(f, "time_limit")
	}
	if f, ok := fs["points"]; ok {
		q.Points = d.positive(f, "points")
	}
	if q.Type == "" {
		return q
	}
	// Fields that belong to other types.
	for key, f := range fs {
		if !contains(commonKeys, key) && !contains(typeKeys[q.Type], key) {
			d.errorf(f.key, "%q is not used by %s questions", key, q.Type)
		}
	}
	d.answer(q, n, fs, what)
	if q.Type.Objective() && strings.TrimSpace(q.Explanation) == "" {
		d.warnf(n, "%s has no explanation; say why the answer is right and why the tempting wrong ones are wrong", what)
	}
	return q
}

// answer reads the type-specific fields of q.
func (d *decoder) answer(q *Question, n *yaml.Node, fs map[string]field, what string) {
	ans, hasAnswer := fs["answer"]
	needAnswer := func() bool {
		if !hasAnswer || isNull(ans.val) {
			d.errorf(n, "%s is missing its answer", what)
			return false
		}
		return true
	}
	switch q.Type {
	case Single, Multi:
		f, ok := fs["choices"]
		if !ok {
			d.errorf(n, "%s needs choices (2 to 10)", what)
		} else {
			q.Choices = d.textList(f, "choices")
			if len(q.Choices) < 2 || len(q.Choices) > 10 {
				d.errorf(f.val, "%s has %d choices; want 2 to 10", what, len(q.Choices))
			}
			seen := map[string]int{}
			for i, c := range q.Choices {
				k := strings.ToLower(strings.TrimSpace(c))
				if j, dup := seen[k]; dup {
					d.errorf(f.val.Content[i], "choice %s repeats choice %s", Letter(i), Letter(j))
				}
				seen[k] = i
			}
		}
		if f, ok := fs["partial_credit"]; ok {
			q.PartialCredit = d.boolean(f, "partial_credit")
		}
		if needAnswer() {
			q.Correct = d.letters(ans.val, q)
		}
	case Boolean:
		if needAnswer() {
			q.Truth = d.boolean(ans, "the answer of a boolean question")
		}
	case Short:
		pat, hasPattern := fs["pattern"]
		if f, ok := fs["exact"]; ok {
			q.Exact = d.boolean(f, "exact")
		}
		switch {
		case hasPattern:
			s := d.text(pat, "pattern")
			p, err := CompilePattern(s)
			if err != nil || s == "" {
				d.errorf(pat.val, "pattern is not a valid RE2 regular expression: %v", errOrEmpty(err))
			} else {
				q.Pattern = p
			}
			if hasAnswer {
				q.Accept = d.acceptList(ans)
			}
		case needAnswer():
			q.Accept = d.acceptList(ans)
		}
	case Numeric:
		if needAnswer() {
			q.Number.Value = d.number(ans, "answer")
		}
		if f, ok := fs["tolerance"]; ok {
			q.Number.Tolerance = d.tolerance(f)
		}
		q.Number.Unit = d.optional(fs, "unit")
	case Open, Star:
		rub, hasRubric := fs["rubric"]
		st, hasStages := fs["stages"]
		switch {
		case hasRubric && hasStages:
			d.errorf(st.key, "%s has both rubric and stages; use one", what)
		case hasStages:
			q.Stages = d.stages(st.val, what)
		case hasRubric:
			q.Rubric = d.rubric(rub.val, "rubric")
		default:
			if q.Type == Open {
				d.errorf(n, "%s needs a rubric or stages", what)
			} else {
				d.errorf(n, "%s needs a rubric", what)
			}
		}
		q.ModelAnswer = d.optional(fs, "model_answer")
		if f, ok := fs["signals"]; ok {
			q.Signals = d.signals(f.val)
		}
	}
}

func errOrEmpty(err error) string {
	if err == nil {
		return "empty"
	}
	return err.Error()
}

func (d *decoder) acceptList(f field) []string {
	if f.val.Kind == yaml.SequenceNode {
		list := d.textList(f, "answer")
		if len(list) == 0 {
			d.errorf(f.val, "answer must list at least one accepted answer")
		}
		return list
	}
	s := d.text(f, "answer")
	if strings.TrimSpace(s) == "" {
		d.errorf(f.val, "answer is empty")
		return nil
	}
	return []string{s}
}

// letters reads the answer letters of a single or multi question.
func (d *decoder) letters(n *yaml.Node, q *Question) []int {
	var items []*yaml.Node
	switch {
	case n.Kind == yaml.SequenceNode && q.Type == Multi:
		for _, it := range n.Content {
			items = append(items, d.resolve(it))
		}
		if len(items) == 0 {
			d.errorf(n, "answer must list at least one letter")
		}
	case n.Kind == yaml.ScalarNode && q.Type == Single:
		items = []*yaml.Node{n}
	case q.Type == Single:
		d.errorf(n, "a single-answer question has exactly one answer letter, such as b; use type multi for several")
		return nil
	default:
		d.errorf(n, "the answer of a multi question must be a list of letters such as [a, c]")
		return nil
	}
	var out []int
	for _, it := range items {
		s := strings.ToLower(strings.TrimSpace(it.Value))
		if it.Kind != yaml.ScalarNode || len(s) != 1 || s[0] < 'a' || s[0] > 'z' {
			d.errorf(it, "answer %s must be a choice letter (a for the first choice)", describe(it))
			continue
		}
		i := int(s[0] - 'a')
		if len(q.Choices) > 0 && i >= len(q.Choices) {
			d.errorf(it, "answer %q is outside the choices (a to %s)", s, Letter(len(q.Choices)-1))
			continue
		}
		if contains(lettersOf(out), s) {
			d.errorf(it, "answer %q is listed twice", s)
			continue
		}
		out = append(out, i)
	}
	return out
}

func lettersOf(idx []int) []string {
	out := make([]string, len(idx))
	for i, c := range idx {
		out[i] = Letter(c)
	}
	return out
}

var rubricKeys = []string{"point", "weight", "any", "avoid", "required"}

func (d *decoder) rubric(n *yaml.Node, what string) []RubricItem {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		d.errorf(n, "%s must be a list of at least one item", what)
		return nil
	}
	var out []RubricItem
	for _, in := range n.Content {
		in = d.resolve(in)
		fs := d.fields(in, "rubric item", rubricKeys)
		if fs == nil {
			continue
		}
		it := RubricItem{Weight: 1}
		it.Point = d.required(fs, in, "point", "the rubric item")
		if f, ok := fs["weight"]; ok {
			it.Weight = d.positive(f, "weight")
		}
		if f, ok := fs["any"]; ok {
			it.Any = d.textList(f, "any")
		}
		if f, ok := fs["avoid"]; ok {
			it.Avoid = d.textList(f, "avoid")
		}
		if f, ok := fs["required"]; ok {
			it.Required = d.boolean(f, "required")
		}
		if len(it.Any) == 0 && len(it.Avoid) == 0 {
			d.errorf(in, "rubric item %q needs phrases under any (or avoid)", it.Point)
		}
		out = append(out, it)
	}
	return out
}

var stageKeys = []string{"id", "title", "prompt", "time_limit", "rubric", "model_answer", "answer",
	"tolerance", "unit", "explanation"}

func (d *decoder) stages(n *yaml.Node, what string) []Stage {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		d.errorf(n, "stages must be a list of at least one stage")
		return nil
	}
	var out []Stage
	seen := map[string]int{}
	for _, sn := range n.Content {
		sn = d.resolve(sn)
		fs := d.fields(sn, "stage", stageKeys)
		if fs == nil {
			continue
		}
		st := Stage{}
		st.ID = d.required(fs, sn, "id", "the stage")
		if st.ID != "" {
			if !idPattern.MatchString(st.ID) {
				d.errorf(fs["id"].val, "stage id %q must be lower-case letters, digits and dashes", st.ID)
			}
			if line, dup := seen[st.ID]; dup {
				d.errorf(fs["id"].val, "stage %q is given twice in %s (first at line %d)", st.ID, what, line)
			}
			seen[st.ID] = sn.Line
		}
		st.Title = d.required(fs, sn, "title", "the stage")
		st.Prompt = d.required(fs, sn, "prompt", "the stage")
		if f, ok := fs["time_limit"]; ok {
			st.TimeLimit = d.duration(f, "time_limit")
		}
		rub, hasRubric := fs["rubric"]
		ans, hasAnswer := fs["answer"]
		switch {
		case hasRubric && hasAnswer:
			d.errorf(ans.key, "stage %q has both a rubric and an answer; use one", st.ID)
		case hasRubric:
			st.Rubric = d.rubric(rub.val, "rubric")
			for _, k := range []string{"tolerance", "unit", "explanation"} {
				if f, ok := fs[k]; ok {
					d.errorf(f.key, "%q is used only by stages with a numeric answer", k)
				}
			}
		case hasAnswer:
			est := &NumericAnswer{Value: d.number(ans, "answer")}
			if f, ok := fs["tolerance"]; ok {
				est.Tolerance = d.tolerance(f)
			}
			est.Unit = d.optional(fs, "unit")
			st.Estimate = est
			st.Explanation = d.optional(fs, "explanation")
			if f, ok := fs["model_answer"]; ok {
				d.errorf(f.key, "\"model_answer\" is used only by stages with a rubric; use explanation")
			}
		default:
			d.errorf(sn, "stage %q needs a rubric or a numeric answer", st.ID)
		}
		st.ModelAnswer = d.optional(fs, "model_answer")
		out = append(out, st)
	}
	return out
}

func (d *decoder) signals(n *yaml.Node) map[Level]string {
	fs := d.fields(n, "signals", []string{"junior", "mid", "senior"})
	out := map[Level]string{}
	for k, f := range fs {
		out[Level(k)] = d.text(f, k)
	}
	return out
}

// repeats reports a question whose id or prompt an earlier question of the bank has.
// It remembers ids and prompts rather than questions, so that a linter keeps none.
func (d *decoder) repeats(q *Question) {
	if d.ids == nil {
		d.ids, d.prompts = map[string]int{}, map[string]seenPrompt{}
	}
	n := &yaml.Node{Line: q.Pos.Line, Column: q.Pos.Col}
	if q.ID != "" {
		if first, dup := d.ids[q.ID]; dup {
			d.errorf(n, "question id %q is used twice (first at line %d)", q.ID, first)
		} else {
			d.ids[q.ID] = q.Pos.Line
		}
	}
	if key := PromptKey(q.Prompt); key != "" {
		if first, dup := d.prompts[key]; dup {
			d.warnf(n, "prompt of %q is the same as that of %q (line %d)", q.ID, first.id, first.line)
		} else {
			d.prompts[key] = seenPrompt{q.ID, q.Pos.Line}
		}
	}
}

// PromptKey normalises a prompt for comparison: lower case, letters and digits only,
// single spaces. Two prompts with the same key are alike.
func PromptKey(s string) string { return strings.Join(Words(s), " ") }

// Words splits s into lower-case runs of letters and digits.
func Words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
