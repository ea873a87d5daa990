#!/usr/bin/env bash
# Sets up what dossier needs on a Debian/Ubuntu machine that has only Rust, then runs cargo.
#
#   scripts/dev.sh seeds [ARGS...]   build the graph of seeds/ and print the briefing summary
#   scripts/dev.sh test [ARGS...]    run the test suite (what CI runs, after `lint`)
#   scripts/dev.sh lint              cargo fmt --check, then clippy with warnings as errors (CI)
#   scripts/dev.sh setup             only install what is missing
#   scripts/dev.sh CARGO-ARGS...     any other cargo command, with the same set-up
#
# System packages installed when missing: libclang-dev (Oxigraph's RocksDB build runs bindgen),
# g++ (compiles RocksDB), graphviz (DOT rendering, checked by the tests), python3 (the
# independent gold scorer used by the tests), virtuoso-opensource and curl (the triplestore
# `dossier push` is tested against), chromium (the tests open the HTML briefing and the query
# page in headless Chromium; on Ubuntu, where `chromium` is a snap, point DOSSIER_CHROMIUM at a
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
# Virtuoso, the independent triplestore `dossier push` is tested against (the test starts its
# own throwaway instance on loopback with scripts/virtuoso.sh; curl talks to it).
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "dev.sh: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Keep packages from starting system services (Virtuoso's would take ports 8890 and 1111).
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
  fi
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ -z "$policy" ] || $sudo rm -f "$policy"
fi

# rustfmt and clippy, for `lint` (rustup's default profile has them; a minimal one may not).
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  if command -v rustup >/dev/null 2>&1; then
    echo "dev.sh: installing the rustfmt and clippy components" >&2
    rustup component add rustfmt clippy
  fi
fi

# Python clients of the endpoint test (SPARQLWrapper, rdflib), from PyPI.
if ! python3 -c "import SPARQLWrapper, rdflib" >/dev/null 2>&1; then
  echo "dev.sh: installing SPARQLWrapper and rdflib from PyPI" >&2
  python3 -m pip --version >/dev/null 2>&1 || {
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
  }
  # Debian's own Python refuses system-wide installs (PEP 668) unless told.
  python3 -m pip install --quiet --disable-pip-version-check SPARQLWrapper rdflib 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages SPARQLWrapper rdflib
fi

case "${1:-}" in
  seeds) shift; exec cargo run --release -- build seeds "$@" ;;
  test) shift; exec cargo test --release --workspace "$@" ;;
  lint) cargo fmt --all -- --check; exec cargo clippy --release --workspace --all-targets -- -D warnings ;;
  setup) exit 0 ;;
  "") echo "usage: scripts/dev.sh seeds|test|lint|setup|CARGO-ARGS..." >&2; exit 2 ;;
  *) exec cargo "$@" ;;
esac
