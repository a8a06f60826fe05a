package questions

import (
	"cmp"
	"slices"
)

// Counts tallies questions by kind, type, topic and level.
type Counts struct {
	Total int            `json:"total"`
	Kind  map[string]int `json:"by_kind"`
	Type  map[string]int `json:"by_type"`
	Topic map[string]int `json:"by_topic"`
	Level map[string]int `json:"by_level"`
}

// Count tallies qs. Questions without a level are counted under "unset".
func Count(qs []*Question) Counts {
	c := Counts{Total: len(qs), Kind: map[string]int{}, Type: map[string]int{}, Topic: map[string]int{}, Level: map[string]int{}}
	for _, q := range qs {
		c.Kind[string(q.Kind)]++
		c.Type[string(q.Type)]++
		c.Topic[q.Topic]++
		lvl := string(q.Level)
		if lvl == "" {
			lvl = "unset"
		}
		c.Level[lvl]++
	}
	return c
}

// Tally is one name and its count.
type Tally struct {
	Name  string
	Count int
}

// Sorted returns the entries of m, in the order of order first (skipping absent ones),
// then the rest by falling count and name.
func Sorted(m map[string]int, order ...string) []Tally {
	var out []Tally
	for _, name := range order {
		if n, ok := m[name]; ok {
			out = append(out, Tally{name, n})
		}
	}
	var rest []Tally
	for name, n := range m {
		if !slices.Contains(order, name) {
			rest = append(rest, Tally{name, n})
		}
	}
	slices.SortFunc(rest, func(a, b Tally) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name)) })
	return append(out, rest...)
}

// KindNames and the like give the display order of each enumeration.
func KindNames() []string  { return strs(Kinds) }
func TypeNames() []string  { return strs(Types) }
func LevelNames() []string { return append(strs(Levels), "unset") }
