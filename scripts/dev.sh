#!/usr/bin/env bash
# Sets up what dossier needs on a Debian/Ubuntu machine that has only Rust, then runs cargo.
#
#   scripts/dev.sh seeds [ARGS...]   build the graph of seeds/ and print the briefing summary
#   scripts/dev.sh test [ARGS...]    run the test suite (what CI runs)
#   scripts/dev.sh setup             only install what is missing
#   scripts/dev.sh CARGO-ARGS...     any other cargo command, with the same set-up
#
# System packages installed when missing: libclang-dev (Oxigraph's RocksDB build runs bindgen),
# g++ (compiles RocksDB), graphviz (DOT rendering, checked by the tests), python3 (the
# independent gold scorer used by the tests), chromium (the tests open the HTML briefing in
# headless Chromium; on Ubuntu, where `chromium` is a snap, point DOSSIER_CHROMIUM at a
# Chrome or Chromium binary instead). Builds go to $CARGO_TARGET_DIR, by default
# ~/.cache/dossier/target, outside the checkout, so every clone on this machine shares one build
# of RocksDB (the first one takes 10-25 minutes on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dossier/target}"

missing=()
dpkg -s libclang-dev >/dev/null 2>&1 || missing+=(libclang-dev)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ -z "${DOSSIER_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1 \
  && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
  missing+=(chromium)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "dev.sh: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

case "${1:-}" in
  seeds) shift; exec cargo run --release -- build seeds "$@" ;;
  test) shift; exec cargo test --release "$@" ;;
  setup) exit 0 ;;
  "") echo "usage: scripts/dev.sh seeds|test|setup|CARGO-ARGS..." >&2; exit 2 ;;
  *) exec cargo "$@" ;;
esac
