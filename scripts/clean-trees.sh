#!/usr/bin/env bash
# Real clean trees for the tests that every rule must stay silent on: WordPress core and
# 250-odd PHP libraries from Debian 12, laid out as a release lays them out (WordPress as
# the web root; the libraries under vendor/ as Composer installs them, PEAR under
# lib/internal/ as Magento ships it). Written to .cache/clean-trees; the tests skip, with
# a note, when it is not there. Needs Debian's package archive (apt); .ci/run calls it.
#   scripts/clean-trees.sh            download the packages listed in clean-trees.packages
#   DEBS=/dir scripts/clean-trees.sh  take the .deb files from /dir instead
set -euo pipefail
cd "$(dirname "$0")/.."
out=.cache/clean-trees
list=scripts/clean-trees.packages
if [ -f "$out/.done" ] && [ "$out/.done" -nt "$list" ]; then echo "clean trees: $out is current"; exit 0; fi
rm -rf "$out" && mkdir -p "$out/debs" "$out/staging"
if [ -n "${DEBS:-}" ]; then
  while read -r pkg; do cp "$DEBS/${pkg}"_*.deb "$out/debs/"; done < "$list"
else
  # a fresh machine may have no package lists yet: read them once and try again
  (cd "$out/debs" && xargs apt-get download -qq < "../../../$list") ||
    { [ "$(id -u)" = 0 ] && apt-get update -qq && (cd "$out/debs" && xargs apt-get download -qq < "../../../$list"); }
fi
site="$out/wordpress-site"
store="$out/php-store"
mkdir -p "$site" "$store/vendor/debian" "$store/lib/internal"
for deb in "$out"/debs/*.deb; do
  pkg=$(basename "$deb" | sed 's/_.*//')
  stage="$out/staging/$pkg"
  dpkg-deb -x "$deb" "$stage"
  if [ "$pkg" = wordpress ]; then
    cp -a "$stage/usr/share/wordpress/." "$site/"
    # Debian's own wp-config.php is a loader of /etc/wordpress, not part of WordPress: a
    # release that ships a wp-config.php is rightly a finding
    rm -f "$site/wp-config.php"
  elif [ "$pkg" = php-pear ]; then
    cp -a "$stage/usr/share/php/." "$store/lib/internal/"
  else
    dest="$store/vendor/debian/$pkg"
    mkdir -p "$dest"
    [ -d "$stage/usr/share/php" ] && cp -a "$stage/usr/share/php/." "$dest/"
    [ -d "$stage/usr/share/doc/$pkg" ] && cp -a "$stage/usr/share/doc/$pkg/." "$dest/doc/"
  fi
done
# Debian's packaging links into /etc and /usr/share/javascript: a release has the files, not those links
find "$site" "$store" -type l -delete
rm -rf "$out/staging"
touch "$out/.done"
echo "clean trees: $(find "$site" -type f | wc -l) files in $site, $(find "$store" -type f | wc -l) in $store"
