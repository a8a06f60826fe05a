package scoring

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode"

	"github.com/agnivade/levenshtein"
	"github.com/grill-cli/grill/questions"
)

// Matching rules, documented in docs/scoring.md.
const (
	// phraseGap is how many extra content words may stand between the words of a phrase.
	phraseGap = 3
	// requiredCap is the share of the maximum an answer missing a required point can get.
	requiredCap = 0.5
	// stuffedFactor scales the points of an answer that reads as a keyword list.
	stuffedFactor = 0.25
)

// ItemResult says whether one rubric point was found, with the evidence.
type ItemResult struct {
	Point    string  `json:"point"`
	Weight   float64 `json:"weight"`
	Required bool    `json:"required,omitempty"`
	// AvoidOnly marks a point that only watches for red flags: it earns nothing and
	// costs its weight when one is found.
	AvoidOnly bool `json:"avoid_only,omitempty"`
	Matched   bool `json:"matched"`
	// Phrase is the rubric phrase that matched; Evidence the sentence it matched in.
	Phrase   string `json:"phrase,omitempty"`
	Evidence string `json:"evidence,omitempty"`
	// Misconception is the avoid phrase found, with its sentence; it cost the weight.
	Misconception string `json:"misconception,omitempty"`
	MisEvidence   string `json:"misconception_evidence,omitempty"`
}

// RubricResult is the outcome of matching an answer against a rubric.
type RubricResult struct {
	Items []ItemResult `json:"items"`
	Score float64      `json:"score"`
	Max   float64      `json:"max"`
	// Stuffed is set when the answer reads as a list of keywords.
	Stuffed bool `json:"stuffed,omitempty"`
	// Notes explain caps and penalties in words.
	Notes []string `json:"notes,omitempty"`
}

// Percent is the score as a percentage of the maximum.
func (r RubricResult) Percent() float64 {
	if r.Max == 0 {
		return 0
	}
	return 100 * r.Score / r.Max
}

// Matcher matches answers against rubric phrases. It is safe to reuse for one answer
// against many rubrics (the stages of a question).
type Matcher struct {
	norm   *Normalizer
	answer Text
	stems  map[string]int // unique answer stems -> id
	ids    [][]int        // per sentence, per token: stem id
	cache  map[Token][]bool
}

// NewMatcher prepares answer for matching with the given aliases (a bank's).
func NewMatcher(aliases map[string]string, answer string) *Matcher {
	n := NewNormalizer(aliases)
	m := &Matcher{norm: n, answer: n.Prepare(answer), stems: map[string]int{}, cache: map[Token][]bool{}}
	for _, s := range m.answer.Sentences {
		ids := make([]int, len(s.Tokens))
		for i, t := range s.Tokens {
			id, ok := m.stems[t.Stem]
			if !ok {
				id = len(m.stems)
				m.stems[t.Stem] = id
			}
			ids[i] = id
		}
		m.ids = append(m.ids, ids)
	}
	return m
}

// Answer returns the prepared answer.
func (m *Matcher) Answer() Text { return m.answer }

// typoBudgetFor is how many edits a phrase word forgives: none below five letters or
// with digits or symbols, one up to seven letters, two beyond.
func typoBudgetFor(w string) int {
	if strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return 0
	}
	switch n := len([]rune(w)); {
	case n < 5:
		return 0
	case n <= 7:
		return 1
	}
	return 2
}

// matches returns, for phrase token p, which answer stems match it.
func (m *Matcher) matches(p Token) []bool {
	p.Negated = false
	if set, ok := m.cache[p]; ok {
		return set
	}
	set := make([]bool, len(m.stems))
	budget := typoBudgetFor(p.Word)
	for s, id := range m.stems {
		switch {
		case s == p.Stem:
			set[id] = true
		case budget > 0 && abs(len(s)-len(p.Stem)) <= budget && typoBudgetFor(s) > 0:
			set[id] = levenshtein.ComputeDistance(s, p.Stem) <= budget
		}
	}
	m.cache[p] = set
	return set
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// find looks for phrase in the answer: its tokens in order, at most phraseGap extra
// content words apart in all, within one sentence. With skipNegated, an occurrence with
// a negated word ("MD5 is not collision free") does not count. It returns the sentence
// index, or -1.
func (m *Matcher) find(phrase []Token, skipNegated bool) int {
	if len(phrase) == 0 {
		return -1
	}
	sets := make([][]bool, len(phrase))
	for i, p := range phrase {
		sets[i] = m.matches(p)
	}
	for si, ids := range m.ids {
		toks := m.answer.Sentences[si].Tokens
	start:
		for i, id := range ids {
			if !sets[0][id] {
				continue
			}
			negated := toks[i].Negated
			pos := i
			for k := 1; k < len(phrase); k++ {
				found := false
				for j := pos + 1; j < len(ids) && j-i <= len(phrase)-1+phraseGap; j++ {
					if sets[k][ids[j]] {
						pos, found = j, true
						negated = negated || toks[j].Negated
						break
					}
				}
				if !found {
					continue start
				}
			}
			if skipNegated && negated {
				continue
			}
			return si
		}
	}
	return -1
}

// MatchRubric scores the prepared answer against items.
func (m *Matcher) MatchRubric(items []questions.RubricItem) RubricResult {
	var r RubricResult
	var credit, penalty float64
	var missingRequired []string
	for _, it := range items {
		ir := ItemResult{Point: it.Point, Weight: it.Weight, Required: it.Required, AvoidOnly: len(it.Any) == 0}
		if len(it.Any) > 0 {
			r.Max += it.Weight
		}
		for _, ph := range it.Any {
			if si := m.find(m.phrase(ph), false); si >= 0 {
				ir.Matched, ir.Phrase, ir.Evidence = true, ph, m.answer.Sentences[si].Raw
				break
			}
		}
		for _, ph := range it.Avoid {
			if si := m.find(m.phrase(ph), true); si >= 0 {
				ir.Misconception, ir.MisEvidence = ph, m.answer.Sentences[si].Raw
				break
			}
		}
		switch {
		case ir.Misconception != "":
			penalty += it.Weight
			ir.Matched = false
		case ir.Matched:
			credit += it.Weight
		case it.Required && len(it.Any) > 0:
			missingRequired = append(missingRequired, it.Point)
		}
		r.Items = append(r.Items, ir)
	}
	r.Score = math.Max(0, credit-penalty)
	if penalty > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("misconceptions cost %s points", fmtPoints(penalty)))
	}
	if len(missingRequired) > 0 {
		r.Score = math.Min(r.Score, requiredCap*r.Max)
		r.Notes = append(r.Notes, fmt.Sprintf("capped at %.0f%%: a required point is missing (%s)",
			100*requiredCap, strings.Join(missingRequired, "; ")))
	}
	if stuffed(m.answer) {
		r.Stuffed = true
		r.Score *= stuffedFactor
		r.Notes = append(r.Notes, fmt.Sprintf("this reads as a list of keywords, not an explanation: points are multiplied by %s; write sentences that say how and why", fmtPoints(stuffedFactor)))
	}
	return r
}

// phrase prepares a rubric phrase (all its sentences joined).
func (m *Matcher) phrase(s string) []Token { return m.norm.Prepare(s).Tokens() }

// stuffed reports whether a text reads as a list of keywords rather than sentences:
// real prose is about half stop words, and the stretches between its commas are
// mostly longer than three words; a keyword list has almost no stop words, or is many
// short fragments.
func stuffed(t Text) bool {
	if t.Words < 6 {
		return false
	}
	if float64(t.StopWords)/float64(t.Words) < 0.15 {
		return true
	}
	var frags, short int
	for _, s := range t.Sentences {
		for _, f := range fragmentSep.Split(s.Raw, -1) {
			if n := len(strings.Fields(f)); n > 0 {
				frags++
				if n <= 3 {
					short++
				}
			}
		}
	}
	return frags >= 6 && float64(short) >= 0.75*float64(frags)
}

var fragmentSep = regexp.MustCompile(`[,;:\n]+|\s+(?:and|or)\s+`)

// Stuffed reports whether text reads as a list of keywords (see docs/scoring.md).
func Stuffed(text string) bool { return stuffed(NewNormalizer(nil).Prepare(text)) }
