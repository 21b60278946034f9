#!/usr/bin/env bash
# Renders a run's report.html in headless Chromium and checks what a reader would see:
# every test point row is in the rendered DOM, the plots are drawn (SVG), the page
# prints to PDF with its verdicts and audit trail as text, and the screenshot is not blank.
# Usage: render_report.sh <run-output-dir> <work-dir> [text that must also be visible ...]
set -euo pipefail
run_dir=$1
work=$2
shift 2
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
"${chrome[@]}" --print-to-pdf="$work/report.pdf" --no-pdf-header-footer "$url" >> "$work/chromium.log" 2>&1 \
  || fail "chromium --print-to-pdf"

points=$(grep -c '"test": "' "$run_dir/result.json")
rows=$(grep -o '<tr class="\(pass\|fail\|error\)">' "$work/dom.html" | wc -l)
[ "$rows" -eq "$points" ] || fail "$rows test-point rows rendered, $points points in result.json"
svgs=$(grep -o '<svg' "$work/dom.html" | wc -l)
[ "$svgs" -ge 2 ] || fail "only $svgs plots rendered"
grep -q 'id="overall"' "$work/dom.html" || fail "no overall verdict"

text=$(pdftotext -layout "$work/report.pdf" -)
for want in "Type-approval test report" "Test points" "Audit trail" "Software identification" "CRC32" "${extra[@]}"; do
  grep -qF "$want" <<< "$text" || fail "the printed report lacks '$want'"
done
verdict=$(grep -o '"verdict": "[a-z]*"' "$run_dir/result.json" | tail -1 | cut -d'"' -f4)
grep -qF "${verdict^^}" <<< "$text" || fail "the printed report lacks the verdict ${verdict^^}"

png_bytes=$(stat -c %s "$work/report.png")
[ "$png_bytes" -gt 40000 ] || fail "screenshot is only $png_bytes bytes (blank page?)"
echo "render check passed: $rows rows, $svgs plots, screenshot $png_bytes bytes, $(wc -c < "$work/report.pdf") byte PDF"
