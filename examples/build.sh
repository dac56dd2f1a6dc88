#!/usr/bin/env bash
# Rebuilds the example releases from examples/src with real npm and GNU tar.
# Needs the npm registry (npm ci); the packages it writes are committed, so the
# README's demo and the tests never need the network.
#   usage: examples/build.sh            (from the repository root or from examples/)
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for version in 1.3.0 1.4.0; do
  tree="$work/store-$version"
  mkdir -p "$tree"
  cp -a src/common/. "$tree/"
  cp -a "src/$version/." "$tree/"
  chmod 0755 "$tree/shop/bin/magento"
  # the storefront ships its production dependencies, installed from its lockfile
  (cd "$tree/storefront" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
  if [ "$version" = 1.4.0 ]; then
    # a release built on a laptop: a cache folder anyone can write to
    mkdir -p "$tree/shop/var/cache" && chmod 0777 "$tree/shop/var/cache"
  fi
  # deterministic: fixed owner, order and times, no gzip timestamp
  tar --create --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
      --owner=0 --group=0 --numeric-owner --sort=name --mtime='2026-11-01 00:00:00Z' \
      -C "$work" "store-$version" | gzip -9 -n > "store-$version.tar.gz"
  echo "wrote examples/store-$version.tar.gz ($(wc -c < "store-$version.tar.gz") bytes)"
done
