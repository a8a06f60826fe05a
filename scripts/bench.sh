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

# Lint and load of generated banks. "compact" is one flow-style question a line (73
# bytes each), which keeps 100,000 questions under the 10 MiB limit for one bank file;
# "block" is the usual block style (about 190 bytes a question), so 100,000 of them
# take ten files of 10,000.
python3 - "$tmp" <<'PY'
import os, sys
tmp = sys.argv[1]
def compact(path, n):
    with open(path, "w") as f:
        f.write("bank: gen\ntitle: Generated\ndefaults: {kind: fundamentals, topic: generated, type: boolean}\nquestions:\n")
        for i in range(n):
            f.write(f"  - {{id: q{i}, prompt: 'Is {i} even?', answer: {str(i % 2 == 0).lower()}, explanation: E}}\n")
def block(path, bank, first, n):
    with open(path, "w") as o:
        o.write(f"bank: {bank}\ntitle: Generated\ndefaults: {{kind: fundamentals, topic: generated}}\nquestions:\n")
        for i in range(first, first + n):
            k = i % 4
            if k == 0:
                o.write(f"  - id: q{i}\n    type: single\n    level: mid\n    prompt: Generated single question number {i}?\n    choices: [alpha {i}, beta {i}, gamma {i}, delta {i}]\n    answer: c\n    explanation: Gamma is right because it is generated that way.\n")
            elif k == 1:
                o.write(f"  - id: q{i}\n    type: multi\n    prompt: Generated multi question number {i}?\n    choices: [one {i}, two {i}, three {i}]\n    answer: [a, c]\n    explanation: One and three.\n")
            elif k == 2:
                o.write(f"  - id: q{i}\n    type: numeric\n    prompt: Generated estimate number {i}?\n    answer: {i}k\n    tolerance: 25%\n    unit: qps\n    explanation: Arithmetic.\n")
            else:
                o.write(f"  - id: q{i}\n    type: short\n    tags: [gen, short]\n    prompt: |\n      Generated short question number {i},\n      on two lines?\n    answer: [answer {i}, reply {i}]\n    explanation: Because.\n")
compact(f"{tmp}/compact10000.yaml", 10000)
compact(f"{tmp}/compact100000.yaml", 100000)
block(f"{tmp}/block10000.yaml", "gen", 0, 10000)
os.mkdir(f"{tmp}/block100000")
for f in range(10):
    block(f"{tmp}/block100000/gen{f}.yaml", f"gen{f}", f * 10000, 10000)
PY

run() { # label questions path command... : wall time, questions/s and peak RSS
  local label=$1 n=$2 path=$3 s e
  shift 3
  local size
  size=$(du -cb "$path" | tail -1 | cut -f1)
  s=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$tmp/rss" "$@" > /dev/null 2>&1 || echo "failed: $* ($(tail -1 "$tmp/rss"))"
  e=$(date +%s%N)
  awk -v l="$label" -v n="$n" -v us="$(( (e - s) / 1000 ))" -v size="$size" -v rss="$(tail -1 "$tmp/rss")" 'BEGIN {
    printf "%-34s %6d ms %7.0f questions/s  file %5.1f MB  peak RSS %6.1f MB = %5.1fx the file\n",
      l, us / 1000, n / (us / 1e6), size / 1e6, rss / 1e3, rss * 1e3 / size }'
}
for b in compact10000 compact100000 block10000 block100000; do
  n=${b//[a-z]/}
  f="$tmp/$b"
  [ -d "$f" ] || f="$f.yaml"
  run "bank lint, $b" "$n" "$f" "$tmp/grill" bank lint "$f"
  # A quiz of one question loads and keeps every question of the bank.
  run "load into a quiz, $b" "$n" "$f" "$tmp/grill" quiz --bank "$f" -n 1 --answers "$tmp/none.yaml" --no-history
done
