package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestScoreGolden renders the explanation of scored answers and compares it with the
// golden files, so a change to how scores are explained is seen in review. Run
// go test ./cmd/grill -run TestScoreGolden -update to accept a change.
func TestScoreGolden(t *testing.T) {
	tests := []struct {
		name, target, answer string
	}{
		{"open-strong", "starter/explain-idempotency-key",
			"The client sends an idempotency key with each payment. The server stores the key and the response in one transaction with a unique constraint, so a retry gets the same response. Keys expire after 24 hours."},
		{"open-stuffed", "starter/explain-idempotency-key",
			"idempotency key, unique constraint, store the key, expire, ttl, lock, transaction, reject"},
		{"star-we-hypothetical", "starter/star-production-incident",
			"We had an outage once. If it happened again I would roll back first. I would check the logs and I would tell the team. We would write a postmortem."},
		{"stages", "starter/design-url-shortener-lite",
			"requirements: |\n  Users shorten long links and get redirected quickly. It must be highly available.\nestimates: about 400 per second\nhigh-level-design: |\n  Stateless servers behind a load balancer; codes come from a counter encoded in base62 and go in a key value store, with a Redis cache for hot links.\n"},
		{"objective", "starter/binary-search-steps", "21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			io := &IOStreams{In: strings.NewReader(tt.answer), Out: &out, ErrOut: &out}
			f := NewFactory(io, func(k string) string {
				if k == "GRILL_HOME" {
					return t.TempDir()
				}
				return ""
			})
			opts := &ScoreOptions{IO: io, Load: f.LoadBanks, Target: tt.target}
			if err := runScore(opts); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", "score-"+tt.name+".txt")
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := out.String(); got != string(want) {
				t.Errorf("output differs from %s (run with -update to accept):\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
		})
	}
}
