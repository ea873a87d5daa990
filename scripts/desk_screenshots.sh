#!/usr/bin/env bash
# Takes the README's screenshots of the analyst's desk (dossier serve on the seed graph) with
# headless Chromium, every request but loopback blocked: docs/desk-query.png (the query page,
# the timeline example run) and docs/desk-actor.png (an actor's page).
# Usage: scripts/desk_screenshots.sh   (after `cargo build --release`)
set -euo pipefail
cd "$(dirname "$0")/.."
dossier="${CARGO_TARGET_DIR:-$HOME/.cache/dossier/target}/release/dossier"
chromium="${DOSSIER_CHROMIUM:-chromium}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$dossier" build seeds --store "$work/seeds.db" --quiet
port=18799
"$dossier" serve --store "$work/seeds.db" --bind "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/queries.json" >/dev/null && break; sleep 0.1; done
shot() {
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --proxy-server=127.0.0.1:9 --user-data-dir="$(mktemp -d -p "$work")" --window-size=1280,900 \
    --hide-scrollbars --virtual-time-budget=5000 --screenshot="$1" "$2" 2>/dev/null
}
shot docs/desk-query.png "http://127.0.0.1:$port/#example=timeline"
shot docs/desk-actor.png "http://127.0.0.1:$port/describe?iri=https%3A%2F%2Fw3id.org%2Fdossier%2Fid%2Factor%2Fzamir_kabulov"
echo "wrote docs/desk-query.png, docs/desk-actor.png"
