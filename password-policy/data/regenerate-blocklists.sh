#!/usr/bin/env bash
# Regenerates the word lists shipped with the casvp-blocklist password policy:
#
#   src/main/resources/fr/paris/casvp/keycloak/passwordpolicy/blocklist/
#     common.txt.gz   common passwords      @zxcvbn-ts/language-common  passwords.json
#     french.txt.gz   common French words   @zxcvbn-ts/language-fr      commonWords.json + wordSequences.json
#     names.txt.gz    French names          @zxcvbn-ts/language-fr      firstnames.json + lastnames.json
#     NOTICE.txt      sources, versions and licences (shipped in the JAR next to the lists)
#
# organisation.txt, in the same folder, is typed by hand and never touched by this script.
#
# Needs bash, node 20+ and npm, and network access to the npm registry only. Re-runnable:
# with the same pinned versions it writes byte-identical files (sorted lines, gzip without
# a timestamp), so `git status` shows no change unless the sources or the rules changed.
#
# Usage:  password-policy/data/regenerate-blocklists.sh            (from anywhere)
#
# What it does (see normalise-blocklists.mjs for the exact rules, which are those of
# fr.paris.casvp.keycloak.passwordpolicy.blocklist.PasswordNormaliser):
#   1. `npm pack` the two pinned package versions from the registry and check their
#      sha512 against the integrity pinned below (the same value `npm view <pkg>@<v>
#      dist.integrity` prints);
#   2. unpack them and read the JSON word lists from package/src/;
#   3. normalise every entry as the policy normalises a password core (lower case,
#      accents folded, leet read as letters, digits/years/symbols at the ends removed,
#      separators removed), expand the two readings of "1" (l and i), drop cores shorter
#      than 4 characters, de-duplicate, sort, gzip.
#
# The unit test ShippedBlocklistsTest checks that every shipped line is already in the
# normal form the Java normaliser produces, so the two implementations cannot drift apart.
set -euo pipefail

COMMON_PKG="@zxcvbn-ts/language-common"
COMMON_VERSION="4.1.3"
COMMON_INTEGRITY="sha512-g2bg4skmlJG9aJqC/nWziZzgYpSe/f3rKeGobrkdFiOrfZVFqqzUgC6BUQWuX54Sua9j0Jxxt+1bf4f/Mal1Kg=="
FR_PKG="@zxcvbn-ts/language-fr"
FR_VERSION="4.1.2"
FR_INTEGRITY="sha512-xEex2n4J9UBhkASw6Vt2lUp9+eJgP0KquNiyh/D3IAP/HbnqRdd1oBkAiynSsRhJ9olmRnZVfYghaU5N6UKNjw=="

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../src/main/resources/fr/paris/casvp/keycloak/passwordpolicy/blocklist"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() { # package version integrity -> unpacked directory on stdout
  local pkg="$1" version="$2" integrity="$3" tgz actual
  tgz="$(cd "$work" && npm pack --silent "$pkg@$version")"
  actual="sha512-$(node -e 'const c=require("crypto"),fs=require("fs");process.stdout.write(c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$work/$tgz")"
  if [[ "$actual" != "$integrity" ]]; then
    echo "integrity mismatch for $pkg@$version: $actual" >&2
    exit 1
  fi
  mkdir -p "$work/${tgz%.tgz}"
  tar -xzf "$work/$tgz" -C "$work/${tgz%.tgz}"
  echo "$work/${tgz%.tgz}/package"
}

common_dir="$(fetch "$COMMON_PKG" "$COMMON_VERSION" "$COMMON_INTEGRITY")"
fr_dir="$(fetch "$FR_PKG" "$FR_VERSION" "$FR_INTEGRITY")"

mkdir -p "$out"
node "$here/normalise-blocklists.mjs" "$common_dir" "$fr_dir" "$out"
