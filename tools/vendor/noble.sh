#!/bin/sh
# Refreshes the vendored @noble/curves and @noble/hashes (MIT, Paul Miller) that the comparisons page uses to run
# the partner's side of RFC 9497 (P256-SHA256 OPRF) in the browser, so a partner's list never leaves its machine.
# The registries here serve the npm packages but no Maven copy of them (STACK.md): the files are kept in the
# repository, and this script is how they are refreshed. Run from the repository's root:
#
#   tools/vendor/noble.sh            # the versions below
#
# It downloads each tarball from the npm registry, checks it against the registry's published sha512
# integrity, copies only the ES modules the page imports, and writes VENDORED.md with each file's SHA-256.
set -eu
CURVES=2.4.0
HASHES=2.4.0
DEST=rastro-app/src/main/resources/static/vendor/noble
CURVES_FILES="nist.js utils.js abstract/curve.js abstract/modular.js abstract/hash-to-curve.js abstract/oprf.js
  abstract/weierstrass.js abstract/der.js abstract/frost.js abstract/fft.js"
HASHES_FILES="sha2.js hmac.js utils.js _md.js _u64.js"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() { # name version
  meta=$(curl -fsS "https://registry.npmjs.org/@noble/$1/$2")
  url=$(printf '%s' "$meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["dist"]["tarball"])')
  integrity=$(printf '%s' "$meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["dist"]["integrity"])')
  curl -fsS -o "$work/$1.tgz" "$url"
  actual="sha512-$(openssl dgst -sha512 -binary "$work/$1.tgz" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "@noble/$1 $2: the tarball's integrity $actual is not the registry's $integrity" >&2
    exit 1
  fi
  mkdir -p "$work/$1"
  tar xzf "$work/$1.tgz" -C "$work/$1"
  echo "$integrity"
}

curves_integrity=$(fetch curves "$CURVES")
hashes_integrity=$(fetch hashes "$HASHES")
rm -rf "$DEST"
mkdir -p "$DEST/curves/abstract" "$DEST/hashes"
for f in $CURVES_FILES; do cp "$work/curves/package/$f" "$DEST/curves/$f"; done
for f in $HASHES_FILES; do cp "$work/hashes/package/$f" "$DEST/hashes/$f"; done
cp "$work/curves/package/LICENSE" "$DEST/LICENSE"
# The source maps point at files not vendored.
find "$DEST" -name '*.js' -exec sed -i '/^\/\/# sourceMappingURL=/d' {} +
# Bare imports of @noble/hashes made relative: the pages' Content-Security-Policy allows no inline script, so
# no import map; the browser loads the modules by path.
sed -i "s#from '@noble/hashes/#from '../hashes/#" "$DEST"/curves/*.js
sed -i "s#from '@noble/hashes/#from '../../hashes/#" "$DEST"/curves/abstract/*.js
if grep -rqE "^import .* from '@noble" "$DEST"; then
  echo "a bare @noble import is left in $DEST" >&2
  exit 1
fi

{
  echo "# Vendored: @noble/curves $CURVES and @noble/hashes $HASHES"
  echo
  echo "MIT licence (LICENSE, Paul Miller). Refreshed by \`tools/vendor/noble.sh\` from the npm registry;"
  echo "tarballs checked against the registry's integrity:"
  echo
  echo "- @noble/curves $CURVES: \`$curves_integrity\`"
  echo "- @noble/hashes $HASHES: \`$hashes_integrity\`"
  echo
  echo "Only the ES modules the comparisons page imports (\`nist.js\`'s \`p256_oprf\`), with source-map lines removed"
  echo "and imports of @noble/hashes made relative (no import map: the pages allow no inline script)."
  echo "SHA-256 of each file as served:"
  echo
  (cd "$DEST" && find . -name '*.js' | sort | while read -r f; do
    echo "- \`${f#./}\` \`$(sha256sum "$f" | cut -d' ' -f1)\`"
  done)
} > "$DEST/VENDORED.md"
echo "vendored into $DEST"
