#!/usr/bin/env bash
# Autofix figures on /tmp copies of both corpus editions (the corpus is never written into the
# project): findings before, fixes applied per rule by --fix and by --fix --unsafe-fixes, what is
# left after each, and whether a second run changes anything. Diffs are kept for a hand check.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
S=$root/.venv/bin/scfm-lint
corpus=$root/../shared/corpus
work=${1:-$(mktemp -d)}
mkdir -p "$work" && cd "$work" || exit 2
export XDG_CACHE_HOME=$work/xdg   # no link cache: redirect fixes need one, so none are applied
count() {
  $S check --format json "$1" 2>/dev/null | python3 -c \
    "import json,sys,collections; d=json.load(sys.stdin)['findings']; c=collections.Counter(f['code'] for f in d); print(len(d), dict(sorted(c.items())))"
}
for ED in 2026-07-14 2025-09-21; do
  cp "$corpus/paper-list-$ED.md" "$ED-safe.md"; cp "$corpus/paper-list-$ED.md" "$ED-unsafe.md"
  echo "== $ED before: $(count "$ED-safe.md")"
  $S check --diff "$ED-safe.md" > "$ED-safe.diff" 2>/dev/null
  $S check --diff --unsafe-fixes "$ED-unsafe.md" > "$ED-unsafe.diff" 2>/dev/null
  echo "   --fix: $($S check --fix "$ED-safe.md" 2>&1 >/dev/null | grep fixed)"
  echo "   left after --fix: $(count "$ED-safe.md")"
  echo "   --fix --unsafe-fixes: $($S check --fix --unsafe-fixes "$ED-unsafe.md" 2>&1 >/dev/null | grep fixed)"
  echo "   left after --fix --unsafe-fixes: $(count "$ED-unsafe.md")"
  echo "   a second --fix --unsafe-fixes: $($S check --diff --unsafe-fixes "$ED-unsafe.md" 2>/dev/null | wc -l) diff lines"
done
echo "diffs for the hand check: $work/*.diff"
