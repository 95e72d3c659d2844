#!/usr/bin/env bash
# Smoke-test a BUILT pmodesk executable headless; exits non-zero on the first failure.
#
#   packaging/smoke_test.sh [path/to/pmodesk]     # default: packaging/dist/pmodesk/pmodesk
#
# Checks: --version equals pmodesk.__version__ in the source; demo writes a workspace;
# stats --json counts every kind non-zero; check passes; the window starts offscreen and
# runs until a timeout kills it without a crash or a Python traceback; pack writes a PDF with
# every font embedded; export writes a workbook that import reads back into a new workspace;
# templates lists the built-in library;
# no output mentions a missing file.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
APP="${1:-$HERE/dist/pmodesk/pmodesk}"
export QT_QPA_PLATFORM=offscreen
TMP="$(mktemp -d "${TMPDIR:-/tmp}/pmodesk-smoke.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
# Keep the app's settings, logs and default workspace out of the user's home.
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" XDG_DATA_HOME="$TMP/home/.local/share"
export XDG_STATE_HOME="$TMP/home/.local/state" XDG_CACHE_HOME="$TMP/home/.cache"
export XDG_RUNTIME_DIR="$TMP/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
WS="$TMP/w.pmodesk"
FAILED=0

fail() { echo "FAIL: $*"; FAILED=1; }
ok() { echo "ok:   $*"; }

# Output that means the bundle is incomplete or the program crashed.
bad_output() {
    grep -E -i "Traceback \(most recent call last\)|No such file|ModuleNotFoundError|ImportError|FileNotFoundError|is incomplete|could not find|Could not load the Qt platform plugin|Fatal Python error|Segmentation fault" "$1"
}

run() {  # run NAME CMD... : run, capture output in $TMP/NAME.{out,err}, fail on rc != 0 or bad output
    local name="$1"; shift
    "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
    local rc=$?
    if [[ $rc -ne 0 ]]; then
        fail "$name exited $rc"; sed 's/^/    /' "$TMP/$name.err" | tail -20; return 1
    fi
    if bad_output "$TMP/$name.out" >/dev/null || bad_output "$TMP/$name.err" >/dev/null; then
        fail "$name printed an error"; bad_output "$TMP/$name.err" | sed 's/^/    /'; return 1
    fi
    return 0
}

if [[ ! -x "$APP" ]]; then
    echo "FAIL: no executable at $APP (build it with packaging/build_linux.sh)"; exit 1
fi
echo "smoke test of $APP"

# 1. --version agrees with the source.
EXPECTED="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/pmodesk/__init__.py")"
if run version "$APP" --version; then
    GOT="$(tr -d '\r' <"$TMP/version.out")"
    if [[ "$GOT" == "pmodesk $EXPECTED" ]]; then ok "--version: $GOT"; else fail "--version says '$GOT', source says $EXPECTED"; fi
fi

# 2. demo into a temporary workspace.
if run demo "$APP" demo --workspace "$WS" --projects 20 --people 20 --weeks 8 && [[ -s "$WS" ]]; then
    ok "demo: $(du -h "$WS" | cut -f1) workspace written"
else
    fail "demo wrote no workspace at $WS"
fi

# 3. stats --json: every kind non-zero (read with any Python 3: the bundle's is not callable).
if run stats "$APP" stats --json --workspace "$WS"; then
    if summary="$(python3 - "$TMP/stats.out" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))
counts = {k: v for k, v in stats.items() if isinstance(v, int)}
empty = sorted(k for k, v in counts.items() if v == 0)
if not counts or empty:
    print("empty kinds: " + (", ".join(empty) or "no counts at all"))
    sys.exit(1)
print(f"{len(counts)} kinds, {sum(counts.values())} records, schema {stats.get('schema')}")
PY
)"; then ok "stats --json: $summary"; else fail "stats --json: $summary"; fi
fi

# 4. check.
if run check "$APP" check --workspace "$WS"; then
    ok "check: $(grep -E '^integrity' "$TMP/check.out" | tr -s ' ')"
fi

# 5. The window, headless, for a few seconds: killed by timeout (124) is success.
timeout 8 "$APP" "$WS" >"$TMP/gui.out" 2>"$TMP/gui.err"
rc=$?
if [[ $rc -ne 124 ]]; then
    fail "the window exited by itself with code $rc before the timeout"; tail -20 "$TMP/gui.err" | sed 's/^/    /'
elif bad_output "$TMP/gui.err" >/dev/null || bad_output "$TMP/gui.out" >/dev/null; then
    fail "the window printed an error"; bad_output "$TMP/gui.err" | sed 's/^/    /'
else
    ok "window ran 8 s offscreen on $(basename "$WS") without an error on stderr"
fi
# The window reports problems in dialogs and in its log file, not on stderr: read the log too.
LOG="$(find "$HOME" -name pmodesk.log -print -quit)"
if [[ -z "$LOG" ]]; then
    fail "the window wrote no pmodesk.log under $HOME"
elif grep -E " (WARNING|ERROR|CRITICAL) |Traceback" "$LOG" >/dev/null || bad_output "$LOG" >/dev/null; then
    fail "the window logged a problem in $LOG"; grep -E -A3 " (WARNING|ERROR|CRITICAL) |Traceback" "$LOG" | head -30 | sed 's/^/    /'
else
    ok "window log clean ($(wc -l <"$LOG") lines, no warning or error)"
fi

# 6. The review pack: a PDF (bundled fonts, reportlab) with pages.
PDF="$TMP/pack.pdf"
if run pack "$APP" pack "$PDF" --workspace "$WS"; then
    if [[ "$(head -c 5 "$PDF")" == "%PDF-" ]]; then
        ok "pack: $(du -h "$PDF" | cut -f1) PDF, $(tail -1 "$TMP/pack.out")"
        if command -v pdffonts >/dev/null; then
            if pdffonts "$PDF" | awk 'NR>2 && $(NF-4) != "yes" {bad=1} END {exit bad}'; then
                ok "pack: every font embedded ($(pdffonts "$PDF" | awk 'NR>2' | wc -l) fonts)"
            else
                fail "pack: a font is not embedded"; pdffonts "$PDF" | sed 's/^/    /'
            fi
        fi
    else
        fail "pack wrote no PDF at $PDF"
    fi
fi

# 7. The portfolio workbook.
XLSX="$TMP/portfolio.xlsx"
if run export "$APP" export "$XLSX" --workspace "$WS"; then
    if [[ -s "$XLSX" && "$(head -c 2 "$XLSX")" == "PK" ]]; then
        ok "export: $(du -h "$XLSX" | cut -f1) workbook"
    else
        fail "export wrote no workbook at $XLSX"
    fi
fi

# 8. The exported workbook imports into a new workspace (calamine, openpyxl, defusedxml).
if [[ -s "$XLSX" ]] && run import "$APP" import "$XLSX" --workspace "$TMP/imported.pmodesk"; then
    ok "import: $(grep -i -m1 -E "created" "$TMP/import.out" | tr -s ' ')"
fi

# 9. The template library (resources/templates in the bundle).
if run templates "$APP" templates list --workspace "$WS"; then
    ok "templates: $(grep -c -E "^ *[A-Z]+-" "$TMP/templates.out" || true) templates listed"
fi
if [[ $FAILED -ne 0 ]]; then echo "SMOKE TEST FAILED"; exit 1; fi
echo "SMOKE TEST PASSED"
