#!/usr/bin/env bash
# A bounded fuzz run: smoke.sh <fuzzer> <scenario|csv> <source dir> <corpus dir> <seconds>.
# Seeds the corpus with the bundled and bad scenarios (or the profile CSVs) and the kept
# regressions, then fuzzes for <seconds>. A crash fails the test; its input is left in the
# corpus folder as crash-*, to be kept in tests/data/fuzz/<target>/ once fixed.
set -euo pipefail
fuzzer=$1 kind=$2 src=$3 corpus=$4 seconds=$5
mkdir -p "$corpus"
if [ "$kind" = scenario ]; then
  find "$src/scenarios" "$src/tests/data/bad_scenarios" -name '*.json' -not -path '*/schema/*' -exec cp {} "$corpus/" \;
else
  # the reader is chosen by the first byte: 1 (odd) profile, 0 (even) series
  for f in $(find "$src/scenarios" -name '*.csv'); do printf '1' | cat - "$f" > "$corpus/$(basename "$f").seed"; done
  printf '0t_s,value\n0,1\n10,2.5\n' > "$corpus/series.seed"
fi
cp "$src/tests/data/fuzz/$kind/"* "$corpus/" 2>/dev/null || true
cd "$corpus"
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus"
