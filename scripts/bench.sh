#!/usr/bin/env bash
# Times whole grill commands, as a user feels them. Builds the binary, then reports the
# median of N runs of each command. Usage: scripts/bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-21}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/grill" ./cmd/grill
export GRILL_HOME="$tmp/home" NO_COLOR=1
echo '{}' > "$tmp/none.yaml"

# The two start-up commands run alternately, so that whatever else the machine is doing
# slows both alike; each figure is the median of n runs.
ms() { # command... -> wall time in microseconds
  local s e
  s=$(date +%s%N)
  "$@" > /dev/null 2>&1 || true
  e=$(date +%s%N)
  echo $(( (e - s) / 1000 ))
}
median() { sort -n | awk -v n="$n" 'NR == int((n + 1) / 2) { printf "%.1f", $1 / 1000 }'; }
: > "$tmp/bare"
: > "$tmp/first"
for _ in $(seq "$n"); do
  ms "$tmp/grill" version >> "$tmp/bare"
  ms "$tmp/grill" quiz -n 1 --answers "$tmp/none.yaml" --no-history >> "$tmp/first"
done
bare=$(median < "$tmp/bare")
first=$(median < "$tmp/first")
echo "grill version (bare start):                     ${bare} ms"
echo "grill quiz, all built-in banks, first question: ${first} ms"
awk -v b="$bare" -v f="$first" 'BEGIN { printf "banks add %.1f ms (%.0f%% over the bare start)\n", f - b, 100 * (f - b) / b }'

# Lint speed and memory on generated banks of 10,000 and 100,000 questions.
python3 - "$tmp" <<'PY'
import sys
tmp = sys.argv[1]
for n in (10000, 100000):
    with open(f"{tmp}/gen{n}.yaml", "w") as f:
        f.write("bank: gen\ntitle: Generated\ndefaults: {kind: fundamentals, topic: generated, type: boolean}\nquestions:\n")
        for i in range(n):
            # Flow style keeps 100,000 questions under the 10 MiB limit for a bank file.
            f.write(f"  - {{id: q{i}, prompt: 'Is {i} even?', answer: {str(i % 2 == 0).lower()}, explanation: E}}\n")
PY
for n in 10000 100000; do
  f="$tmp/gen$n.yaml"
  size=$(stat -c %s "$f")
  s=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$tmp/rss" "$tmp/grill" bank lint "$f" > /dev/null 2>&1 || echo "lint of $n questions failed: $(tail -1 "$tmp/rss")"
  e=$(date +%s%N)
  ms=$(( (e - s) / 1000000 ))
  rss=$(cat "$tmp/rss")
  awk -v n="$n" -v ms="$ms" -v size="$size" -v rss="$rss" 'BEGIN {
    printf "lint %6d questions: %5d ms, %6.0f questions/s; file %.1f MB, peak RSS %.1f MB (%.1fx the file)\n",
      n, ms, n / (ms / 1000), size / 1e6, rss / 1e3, rss * 1e3 / size }'
done
