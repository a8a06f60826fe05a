package questions

import (
	"fmt"
	"slices"
	"strings"
)

// Filter selects questions. Each non-empty field keeps the questions matching any of
// its values; the fields combine with AND. The zero Filter selects everything.
type Filter struct {
	Banks  []string
	Kinds  []Kind
	Topics []string
	Tags   []string
	Levels []Level
}

// EmptyError says which filter emptied a selection.
type EmptyError struct {
	// Field is the filter that left nothing: "bank", "kind", "topic", "tag" or "level".
	Field  string
	Values []string
	// Before is how many questions were left before that filter.
	Before int
}

func (e *EmptyError) Error() string {
	if e.Field == "" {
		return "no questions are loaded"
	}
	return fmt.Sprintf("no questions match %s %s (of %d questions selected before it)",
		e.Field, strings.Join(e.Values, ", "), e.Before)
}

// Apply returns the questions of qs that match f, in their order. When nothing is left,
// the error is an *EmptyError naming the first filter that emptied the selection.
func (f Filter) Apply(qs []*Question) ([]*Question, error) {
	if len(qs) == 0 {
		return nil, &EmptyError{}
	}
	steps := []struct {
		field  string
		values []string
		keep   func(*Question) bool
	}{
		{"bank", f.Banks, func(q *Question) bool { return slices.Contains(f.Banks, q.Bank) }},
		{"kind", strs(f.Kinds), func(q *Question) bool { return slices.Contains(f.Kinds, q.Kind) }},
		{"topic", f.Topics, func(q *Question) bool { return slices.Contains(f.Topics, q.Topic) }},
		{"tag", f.Tags, func(q *Question) bool {
			return slices.ContainsFunc(q.Tags, func(t string) bool { return slices.Contains(f.Tags, t) })
		}},
		{"level", strs(f.Levels), func(q *Question) bool { return slices.Contains(f.Levels, q.Level) }},
	}
	for _, s := range steps {
		if len(s.values) == 0 {
			continue
		}
		var kept []*Question
		for _, q := range qs {
			if s.keep(q) {
				kept = append(kept, q)
			}
		}
		if len(kept) == 0 {
			return nil, &EmptyError{Field: s.field, Values: s.values, Before: len(qs)}
		}
		qs = kept
	}
	return qs, nil
}

func strs[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// Topics returns the distinct topics of qs, sorted.
func Topics(qs []*Question) []string {
	var out []string
	for _, q := range qs {
		if !slices.Contains(out, q.Topic) {
			out = append(out, q.Topic)
		}
	}
	slices.Sort(out)
	return out
}

// Tags returns the distinct tags of qs, sorted.
func Tags(qs []*Question) []string {
	var out []string
	for _, q := range qs {
		for _, t := range q.Tags {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Slug makes an id from text: its first maxWords words (0: all), lower-case ASCII
// letters and digits joined by dashes; "" when nothing is left.
func Slug(s string, maxWords int) string {
	var out []string
	for _, w := range Words(s) {
		w = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, w)
		if w != "" {
			out = append(out, w)
		}
		if maxWords > 0 && len(out) == maxWords {
			break
		}
	}
	return strings.Join(out, "-")
}
