package scoring

import (
	"strings"
	"testing"

	"github.com/grill-cli/grill/questions"
)

// TestMatcherRules has one row per matching rule of docs/scoring.md.
func TestMatcherRules(t *testing.T) {
	tests := []struct {
		rule    string
		phrase  string
		answer  string
		aliases map[string]string
		want    bool
	}{
		{"exact words", "load balancer", "Put a load balancer in front.", nil, true},
		{"case and accents folded", "cafe latte", "CAFÉ LATTE is on the menu.", nil, true},
		{"NFKC: ligatures and full-width letters", "efficient", "An ｅﬃcient design.", nil, true},
		{"stemming", "cache responses", "We cached the responses.", nil, true},
		{"stemming, other forms", "partition data", "partitioning the dataset by user", nil, false},
		{"stemming, plural", "replica", "three replicas", nil, true},
		{"stop words dropped", "the use of a queue", "use queue", nil, true},
		{"order matters", "write ahead log", "log ahead write", nil, false},
		{"small gaps allowed", "hash url", "hash of the long url", nil, true},
		{"gap limit", "hash url", "hash something quite different entirely unrelated other url", nil, false},
		{"within one sentence", "consistent hashing", "It is consistent. Hashing is separate.", nil, false},
		{"hyphens split words", "cache aside", "use the cache-aside pattern", nil, true},
		{"technical token p99", "p99 latency", "keep p99 latency under 200 ms", nil, true},
		{"technical token base62", "base62", "encode the id in base62", nil, true},
		{"big-O kept whole", "o(log n)", "lookups are O(log n)", nil, true},
		{"big-O not confused", "o(n)", "lookups are O(log n)", nil, false},
		{"multiplier token", "3x", "about 3x faster", nil, true},
		{"number with suffix", "10k", "10k writes per second", nil, true},
		{"protocol version", "http/2", "multiplexing in HTTP/2", nil, true},
		{"one typo on a 5-7 letter word", "shard", "we sharrd by user id", nil, true},
		{"a swap is two edits", "shard", "we shrad by user id", nil, false},
		{"no typo on a 4-letter word", "lock", "a lick", nil, false},
		{"two typos on a long word", "idempotency", "use an idempotancy kee", nil, true},
		{"three typos too many", "idempotency", "idimpotansy", nil, false},
		{"never typos on numbers", "429", "return 428", nil, false},
		{"built-in alias", "kubernetes", "deploy on k8s", nil, true},
		{"built-in alias, multi-word", "load balancer", "an LB in front", nil, true},
		{"bank alias", "content delivery network", "serve it from a CDN", nil, true},
		{"bank alias wins", "edge cache", "serve it from a CDN", map[string]string{"cdn": "edge cache"}, true},
		{"aliases in phrases too", "db index", "add a database index", nil, true},
		{"possessive", "user session", "the user's session", nil, true},
	}
	for _, tt := range tests {
		items := []questions.RubricItem{{Point: "p", Weight: 1, Any: []string{tt.phrase}}}
		got := NewMatcher(tt.aliases, tt.answer).MatchRubric(items).Items[0].Matched
		if got != tt.want {
			t.Errorf("%s: %q in %q = %v, want %v", tt.rule, tt.phrase, tt.answer, got, tt.want)
		}
	}
}

func TestMatchRubricScoring(t *testing.T) {
	items := []questions.RubricItem{
		{Point: "Idempotency key", Weight: 3, Required: true, Any: []string{"idempotency key", "request id"}},
		{Point: "Store the result", Weight: 2, Any: []string{"store result", "cached response"}},
		{Point: "Hashes", Weight: 1, Any: []string{"hash"}, Avoid: []string{"md5 collision free"}},
	}
	tests := []struct {
		name     string
		answer   string
		score    float64
		evidence string
		notes    string
		stuffed  bool
	}{
		{"all points", "The client sends an idempotency key. The server stores the result and returns it. Keys are hashed.", 6, "The client sends an idempotency key.", "", false},
		{"required missing caps at half", "The server stores the result. Keys are hashed with SHA-256, and we check them.", 3, "", "capped at 50%: a required point is missing (Idempotency key)", false},
		{"misconception costs its weight", "Send a request ID with each call, and we store the result. MD5 is collision-free, so we hash with it.", 4, "", "misconceptions cost 1 points", false},
		{"a rejected misconception is not one", "Send a request ID with each call and store the result. MD5 is not collision free, so we hash with SHA-256.", 6, "", "", false},
		{"keyword stuffing", "idempotency key, request id, store result, cached response, hash", 1.5, "", "reads as a list of keywords", true},
		{"keyword lines", "idempotency key\nstore result\nhash\ncached response\nrequest id", 1.5, "", "reads as a list of keywords", true},
	}
	for _, tt := range tests {
		r := NewMatcher(nil, tt.answer).MatchRubric(items)
		if r.Score != tt.score || r.Max != 6 || r.Stuffed != tt.stuffed {
			t.Errorf("%s: score %v/%v stuffed %v, want %v/6 stuffed %v (%+v)", tt.name, r.Score, r.Max, r.Stuffed, tt.score, tt.stuffed, r)
		}
		if tt.evidence != "" && r.Items[0].Evidence != tt.evidence {
			t.Errorf("%s: evidence %q, want %q", tt.name, r.Items[0].Evidence, tt.evidence)
		}
		if !strings.Contains(strings.Join(r.Notes, "; "), tt.notes) {
			t.Errorf("%s: notes %q do not contain %q", tt.name, r.Notes, tt.notes)
		}
	}
}

// TestMatchDeterministic checks that the same input gives the same output, always.
func TestMatchDeterministic(t *testing.T) {
	items := []questions.RubricItem{{Point: "a", Weight: 1, Any: []string{"alpha beta", "gamma"}}, {Point: "b", Weight: 2, Any: []string{"delta"}}}
	first := NewMatcher(nil, "alpha then beta. delta! gamma?").MatchRubric(items)
	for i := 0; i < 50; i++ {
		again := NewMatcher(nil, "alpha then beta. delta! gamma?").MatchRubric(items)
		if again.Score != first.Score || again.Items[0].Phrase != first.Items[0].Phrase || again.Items[0].Evidence != first.Items[0].Evidence {
			t.Fatalf("run %d differs: %+v vs %+v", i, again, first)
		}
	}
}
