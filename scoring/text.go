package scoring

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Text is an answer or a phrase prepared for matching: sentences, and the content
// tokens of each with their stems.
type Text struct {
	Sentences []Sentence
	// Words counts every word of the text, stop words included.
	Words int
	// StopWords counts the stop words among them.
	StopWords int
}

// Sentence is one sentence of a text.
type Sentence struct {
	// Raw is the sentence as written, for evidence.
	Raw string
	// Tokens are the content tokens (stop words dropped), in order.
	Tokens []Token
	// Words counts every word of the sentence, stop words included.
	Words int
}

// Token is one content word.
type Token struct {
	Word string // normalised (NFKC, case-folded, aliases applied)
	Stem string
	// Negated is set when a negation ("not", "no", "never", "n't", "without") stands
	// within the three words before it in the same sentence.
	Negated bool
}

var folder = cases.Fold()

// words splits s into words, keeping technical tokens whole: o(n), o(n log n), p99,
// base62, 3x, 10k, http/2, node.js, c++, c#, 1.5, don't. Hyphens split words, so
// "cache-aside" reads as "cache aside".
func words(s string) []string {
	var out []string
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWord(r) {
			i += n
			continue
		}
		// Big-O notation: "o(" up to a ")" within 15 bytes, without nesting.
		if r == 'o' && strings.HasPrefix(s[i+1:], "(") && (i == 0 || !isWord(lastRune(s[:i]))) {
			if end := strings.IndexByte(s[i+2:], ')'); end > 0 && end <= 15 && !strings.ContainsAny(s[i+2:i+2+end], "()") {
				out = append(out, s[i:i+3+end])
				i += 3 + end
				continue
			}
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			switch {
			case isWord(r):
				j += n
				continue
			case r == '.' || r == '/' || r == '\'' || r == '’':
				// Joins letters and digits on both sides: node.js, http/2, 1.5, don't.
				if next, _ := utf8.DecodeRuneInString(s[j+n:]); j+n < len(s) && isWord(next) {
					j += n
					continue
				}
			}
			break
		}
		for j < len(s) && (s[j] == '+' || s[j] == '#') {
			j++
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// sentenceEnd splits sentences at ., ! or ? followed by space, at semicolons, at blank
// lines, and at a line break followed by a list item or a capital letter; a line
// break inside a sentence typed across lines does not end it, nor does a decimal point.
var sentenceEnd = regexp.MustCompile(`[.!?]+(?:\s+|$)|;\s*|\n\s*\n\s*|\n[ \t]*(?:[-*•>]|\d+[.)]|\p{Lu})`)

var negations = map[string]bool{"not": true, "no": true, "never": true, "without": true, "nor": true,
	"neither": true, "none": true, "nobody": true, "nothing": true, "cannot": true}

// builtinAliases expands common abbreviations before stemming. Banks add their own.
var builtinAliases = map[string]string{
	"db": "database", "dbs": "databases", "lb": "load balancer", "lbs": "load balancers",
	"k8s": "kubernetes", "pg": "postgresql", "postgres": "postgresql", "mq": "message queue",
	"cdn": "content delivery network", "ttl": "time to live", "qps": "queries per second",
	"rps": "requests per second", "tps": "transactions per second", "rpc": "remote procedure call",
	"kv": "key value", "pk": "primary key", "fk": "foreign key", "ws": "websocket",
	"websockets": "websocket", "msg": "message", "msgs": "messages", "config": "configuration",
	"auth": "authentication", "authn": "authentication", "authz": "authorization",
	"repo": "repository", "env": "environment", "prod": "production", "infra": "infrastructure",
	"perf": "performance", "sla": "service level agreement", "slo": "service level objective",
	"sli": "service level indicator", "ci": "continuous integration", "cd": "continuous delivery",
	"e2e": "end to end", "req": "request", "reqs": "requests", "resp": "response",
	"async": "asynchronous", "sync": "synchronous", "pr": "pull request", "prs": "pull requests",
}

// Normalizer prepares texts for matching with a fixed alias table.
type Normalizer struct {
	aliases map[string]string
}

// NewNormalizer returns a normalizer with the built-in aliases and those given (a
// bank's), which take precedence. Keys and values are normalised as words.
func NewNormalizer(extra map[string]string) *Normalizer {
	n := &Normalizer{aliases: make(map[string]string, len(builtinAliases)+len(extra))}
	for k, v := range builtinAliases {
		n.aliases[k] = v
	}
	for k, v := range extra {
		n.aliases[fold(k)] = fold(v)
	}
	return n
}

func fold(s string) string { return folder.String(norm.NFKC.String(s)) }

// Prepare splits s into sentences and content tokens.
func (n *Normalizer) Prepare(s string) Text {
	var t Text
	s = norm.NFKC.String(s)
	for _, sent := range splitSentences(s) {
		n.addSentence(&t, sent)
	}
	return t
}

func (n *Normalizer) addSentence(t *Text, raw string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return
	}
	sent := Sentence{Raw: raw}
	lastNeg := -100
	for _, w := range words(folder.String(raw)) {
		w = strings.ReplaceAll(w, "’", "'")
		if strings.HasSuffix(w, "n't") || negations[w] {
			lastNeg = sent.Words
		}
		for _, part := range n.expand(w) {
			sent.Words++
			t.Words++
			if english.IsStopWord(part) || strings.HasSuffix(part, "n't") {
				t.StopWords++
				continue
			}
			sent.Tokens = append(sent.Tokens, Token{Word: part, Stem: stem(part),
				Negated: sent.Words-lastNeg <= 4})
		}
	}
	if sent.Words > 0 {
		t.Sentences = append(t.Sentences, sent)
	}
}

// expand applies the alias table to one word, and drops a possessive 's.
func (n *Normalizer) expand(w string) []string {
	w = stripAccents(strings.TrimSuffix(w, "'s"))
	if a, ok := n.aliases[w]; ok {
		return strings.Fields(a)
	}
	return []string{w}
}

// stripAccents removes combining marks, so "café" reads as "cafe".
func stripAccents(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			// A chain keeps state, so each call gets its own.
			strip := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
			out, _, err := transform.String(strip, w)
			if err != nil {
				return w
			}
			return out
		}
	}
	return w
}

// stems memoises stem: it is pure, and answers repeat their words.
var stems sync.Map

// stem reduces a word to its stem; technical tokens (with digits or symbols) are kept.
func stem(w string) string {
	if strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return w
	}
	if s, ok := stems.Load(w); ok {
		return s.(string)
	}
	s := english.Stem(w, false)
	stems.Store(w, s)
	return s
}

// Tokens returns all content tokens of the text, in order.
func (t Text) Tokens() []Token {
	var out []Token
	for _, s := range t.Sentences {
		out = append(out, s.Tokens...)
	}
	return out
}
