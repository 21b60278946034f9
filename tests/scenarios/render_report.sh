#!/usr/bin/env bash
# Renders a run's report.html in headless Chromium and checks what a reader would see:
# every test point has its row in the rendered DOM, the plots are drawn (SVG), every id of
# the page is unique, `hilbench report` prints it to a PDF whose text holds the report's
# parts, verdicts and audit trail and whose footer counts the pages pdfinfo counts, and the
# screenshot is not blank.
# Usage: render_report.sh <hilbench> <run-output-dir> <work-dir> [text that must also be visible ...]
set -euo pipefail
hilbench=$1
run_dir=$2
work=$3
shift 3
extra=("$@")
html="$run_dir/report.html"
mkdir -p "$work"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chrome=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
        --disable-background-networking --disable-component-update --disable-sync
        --user-data-dir="$profile" --window-size=1280,3600)
url="file://$(realpath "$html")"
fail() { echo "render check failed: $*" >&2; exit 1; }

"${chrome[@]}" --dump-dom "$url" > "$work/dom.html" 2> "$work/chromium.log" || fail "chromium --dump-dom"
"${chrome[@]}" --screenshot="$work/report.png" "$url" >> "$work/chromium.log" 2>&1 || fail "chromium --screenshot"
"$hilbench" report "$run_dir" --out "$work/report.pdf" >> "$work/chromium.log" 2>&1 || fail "hilbench report"

points=$(grep -c '"test": "' "$run_dir/result.json")
rows=$(grep -o '<tr class="\(pass\|fail\|error\)" data-point="[^"]*"' "$work/dom.html" | sort -u | wc -l)
[ "$rows" -eq "$points" ] || fail "$rows test-point rows rendered, $points points in result.json"
svgs=$(grep -o '<svg' "$work/dom.html" | wc -l)
[ "$svgs" -ge 2 ] || fail "only $svgs plots rendered"
grep -q 'id="overall"' "$work/dom.html" || fail "no overall verdict"
dups=$(grep -o " id=[\"'][^\"']*[\"']" "$work/dom.html" | sort | uniq -d | head -3)
[ -z "$dups" ] || fail "ids that appear more than once: $dups"

text=$(pdftotext -layout "$work/report.pdf" -)
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -ge 2 ] || fail "the PDF has ${pages:-no} pages"
grep -qF "page $pages of $pages" <<< "$text" || fail "the last page's footer does not read 'page $pages of $pages'"
for want in "Type-approval test report" "1 Identification" "1.2 Laboratory" "Reference standard" "2 Summary of the evaluation" \
            "3 Test forms" "Requirements judged" "Audit trail" "Software identification" "CRC32" "${extra[@]}"; do
  grep -qF "$want" <<< "$text" || fail "the printed report lacks '$want'"
done
verdict=$(grep -o '"verdict": "[a-z]*"' "$run_dir/result.json" | tail -1 | cut -d'"' -f4)
grep -qF "${verdict^^}" <<< "$text" || fail "the printed report lacks the verdict ${verdict^^}"

png_bytes=$(stat -c %s "$work/report.png")
[ "$png_bytes" -gt 40000 ] || fail "screenshot is only $png_bytes bytes (blank page?)"
echo "render check passed: $rows rows, $svgs plots, screenshot $png_bytes bytes, $pages-page PDF of $(wc -c < "$work/report.pdf") bytes"
