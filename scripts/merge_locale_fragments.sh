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
work=$(mktemp -d)
# Fragments carry no header: give each one, so msgcat knows they are UTF-8.
headed=()
for fragment in "${fragments[@]}"; do
  out="$work/$(basename "$fragment")"
  printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n' > "$out"
  cat "$fragment" >> "$out"
  headed+=("$out")
done
# The fragments win over older translations of the same msgid.
msgcat --use-first -o "$tmp" "${headed[@]}" "$po"
rm -rf "$work"
# Keep the catalogue's own header (language, plural forms), not a fragment's.
python3 - "$po" "$tmp" <<'PY'
import sys
po, merged = sys.argv[1], sys.argv[2]
header = open(po, encoding="utf-8").read().split("\n\n", 1)[0]
body = open(merged, encoding="utf-8").read().split("\n\n", 1)[1]
open(po, "w", encoding="utf-8").write(header + "\n\n" + body)
PY
rm -f "$tmp"
(cd src/basisbaan && ../../.venv/bin/basisbaan makemessages -l en --no-obsolete -v 0 && ../../.venv/bin/basisbaan compilemessages -v 0)
echo "untranslated or fuzzy:"
msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid' || true
msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid' || true
