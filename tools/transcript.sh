#!/usr/bin/env bash
# Print a real CLI session on a fresh demo database, for the README's transcript.
# Usage: bash tools/transcript.sh   (uses .venv/bin/netweave; today fixed for reproducibility)
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export NETWEAVE_DB="$dir/demo.db" NETWEAVE_TODAY=2026-11-23 COLUMNS=100 NO_COLOR=1
nw=".venv/bin/netweave"
run() {
  echo "\$ netweave $(python3 -c 'import shlex, sys; print(shlex.join(sys.argv[1:]))' "$@")"
  "$nw" "$@" 2>&1
  echo
}
run demo --people 300 --seed 7
run people add "Dana Reyes" --org "Reyes Law" --title "Family-law attorney" \
  --offer "family-law advice" --need "referrals from CPAs" --interest cycling \
  --referral-source CPAs --email dana@reyeslaw.com
run people search "family law" --limit 3
run suggest --for "Dana Reyes" --limit 2
run log "Dana Reyes" --channel in-person --dir give --give advice --minutes 45 "Coffee: shared a CPA's name"
run due --limit 4
run week
