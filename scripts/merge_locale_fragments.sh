#!/usr/bin/env bash
# Fold the English of locale-fragments/*.po into the catalogue, then refresh it
# from the source (makemessages) and compile. Used when branches that each kept
# their new msgids in a fragment come together; the fragments are deleted after.
set -euo pipefail
cd "$(dirname "$0")/.."
po=src/basisbaan/locale/en/LC_MESSAGES/django.po
shopt -s nullglob
fragments=(locale-fragments/*.po)
[ ${#fragments[@]} -gt 0 ] || { echo "no fragments"; exit 0; }
tmp=$(mktemp)
# The fragments win over older translations of the same msgid.
msgcat --use-first -o "$tmp" "${fragments[@]}" "$po"
cp "$tmp" "$po"
rm -f "$tmp"
(cd src/basisbaan && ../../.venv/bin/basisbaan makemessages -l en --no-obsolete -v 0 && ../../.venv/bin/basisbaan compilemessages -v 0)
echo "untranslated or fuzzy:"
msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid' || true
msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid' || true
