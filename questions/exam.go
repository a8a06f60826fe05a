package questions

import (
	"embed"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"time"

	"gopkg.in/yaml.v3"
)

// Blueprint describes a certification exam (docs/exam-format.md).
type Blueprint struct {
	ID        string
	Title     string
	Provider  string
	Version   string
	Updated   time.Time
	Guide     string
	TimeLimit time.Duration
	Questions int
	PassMark  float64
	// Partial gives multi questions partial credit; exams are all-or-nothing by default.
	Partial bool
	Notes   []string
	Domains []Domain
	Origin  string
}

// Domain is one weighted part of an exam and where its questions come from.
type Domain struct {
	ID     string
	Title  string
	Weight float64
	Filter Filter
}

// Stale reports whether the guide a blueprint follows is more than 18 months old at now.
func (b *Blueprint) Stale(now time.Time) bool {
	return !b.Updated.IsZero() && now.After(b.Updated.AddDate(0, 18, 0))
}

var blueprintKeys = []string{"exam", "title", "provider", "version", "updated", "guide", "time_limit",
	"questions", "pass_mark", "scoring", "notes", "domains"}

var domainKeys = []string{"id", "title", "weight", "banks", "topics", "tags"}

// ParseBlueprint parses one blueprint file, reporting every problem with its position.
func ParseBlueprint(name string, data []byte) (*Blueprint, Issues) {
	d := &decoder{file: name}
	if len(data) > MaxFileSize {
		return nil, Issues{{Pos: Position{File: name}, Message: "file is larger than the 10 MiB limit"}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, Issues{yamlIssue(name, err)}
	}
	if len(doc.Content) == 0 {
		return nil, Issues{{Pos: Position{name, 1, 1}, Message: "file is empty"}}
	}
	root := doc.Content[0]
	fs := d.fields(root, "blueprint", blueprintKeys)
	if fs == nil {
		return nil, d.issues
	}
	b := &Blueprint{Origin: name}
	b.ID = d.required(fs, root, "exam", "the blueprint")
	if b.ID != "" && !idPattern.MatchString(b.ID) {
		d.errorf(fs["exam"].val, "exam id %q must be lower-case letters, digits and dashes", b.ID)
	}
	b.Title = d.required(fs, root, "title", "the blueprint")
	b.Provider = d.required(fs, root, "provider", "the blueprint")
	b.Version = d.required(fs, root, "version", "the blueprint")
	b.Guide = d.required(fs, root, "guide", "the blueprint")
	if u := d.required(fs, root, "updated", "the blueprint"); u != "" {
		t, err := time.Parse("2006-01-02", u)
		if err != nil {
			d.errorf(fs["updated"].val, "updated must be a date such as 2024-08-01, not %q", u)
		}
		b.Updated = t
	}
	if f, ok := fs["time_limit"]; ok {
		b.TimeLimit = d.duration(f, "time_limit")
	} else {
		d.errorf(root, "the blueprint is missing required field \"time_limit\"")
	}
	if f, ok := fs["questions"]; ok {
		n := d.positive(f, "questions")
		if n != math.Trunc(n) {
			d.errorf(f.val, "questions must be a whole number")
		}
		b.Questions = int(n)
	} else {
		d.errorf(root, "the blueprint is missing required field \"questions\"")
	}
	if f, ok := fs["pass_mark"]; ok {
		b.PassMark = d.positive(f, "pass_mark")
		if b.PassMark > 100 {
			d.errorf(f.val, "pass_mark is a percentage from 1 to 100")
		}
	} else {
		d.errorf(root, "the blueprint is missing required field \"pass_mark\"")
	}
	if f, ok := fs["scoring"]; ok {
		switch s := d.text(f, "scoring"); s {
		case "all-or-nothing":
		case "partial":
			b.Partial = true
		default:
			d.errorf(f.val, "scoring must be all-or-nothing or partial, not %q", s)
		}
	}
	if f, ok := fs["notes"]; ok {
		b.Notes = d.textList(f, "notes")
	}
	f, ok := fs["domains"]
	if !ok || f.val.Kind != yaml.SequenceNode || len(f.val.Content) == 0 {
		d.errorf(root, "the blueprint needs domains: a list of at least one")
		return b, d.issues
	}
	var total float64
	seen := map[string]bool{}
	for _, dn := range f.val.Content {
		dn = d.resolve(dn)
		dfs := d.fields(dn, "domain", domainKeys)
		if dfs == nil {
			continue
		}
		dom := Domain{}
		dom.ID = d.required(dfs, dn, "id", "the domain")
		if seen[dom.ID] {
			d.errorf(dfs["id"].val, "domain %q is given twice", dom.ID)
		}
		seen[dom.ID] = true
		dom.Title = d.required(dfs, dn, "title", "the domain")
		if wf, ok := dfs["weight"]; ok {
			dom.Weight = d.positive(wf, "weight")
		} else {
			d.errorf(dn, "domain %q is missing its weight", dom.ID)
		}
		total += dom.Weight
		if bf, ok := dfs["banks"]; ok {
			dom.Filter.Banks = d.textList(bf, "banks")
		}
		if tf, ok := dfs["topics"]; ok {
			dom.Filter.Topics = d.words(tf, "topics")
		}
		if tf, ok := dfs["tags"]; ok {
			dom.Filter.Tags = d.words(tf, "tags")
		}
		b.Domains = append(b.Domains, dom)
	}
	if math.Abs(total-100) > 0.01 {
		d.errorf(f.val, "domain weights add up to %s, not 100", FormatNumber(math.Round(total*100)/100))
	}
	if b.Questions > 0 && b.Questions < len(b.Domains) {
		d.errorf(fs["questions"].val, "%d questions cannot cover %d domains", b.Questions, len(b.Domains))
	}
	d.issues.Sort()
	return b, d.issues
}

//go:embed exams/*.yaml
var examFS embed.FS

// BuiltinBlueprints parses the blueprints compiled into grill.
func BuiltinBlueprints() ([]*Blueprint, error) {
	names, err := fs.Glob(examFS, "exams/*.yaml")
	if err != nil {
		return nil, err
	}
	var out []*Blueprint
	for _, name := range names {
		data, err := examFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		b, issues := ParseBlueprint("questions/"+name, data)
		if b == nil || len(issues.Errors()) > 0 {
			return nil, &BankError{File: "questions/" + name, Issues: issues}
		}
		b.Origin = BuiltinOrigin
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b *Blueprint) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return out, nil
}

// Pool returns the questions of qs that belong to domain d.
func (d Domain) Pool(qs []*Question) []*Question {
	out, err := d.Filter.Apply(qs)
	if err != nil {
		return nil
	}
	return out
}

// Check reports a domain with no questions in qs.
func (b *Blueprint) Check(qs []*Question) error {
	for _, d := range b.Domains {
		if len(d.Pool(qs)) == 0 {
			return fmt.Errorf("exam %s: domain %q has no questions in the loaded banks", b.ID, d.ID)
		}
	}
	return nil
}
