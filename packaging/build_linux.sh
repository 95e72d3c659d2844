#!/usr/bin/env bash
# Build the Linux one-folder bundle of pmodesk from a fresh checkout, then smoke-test it.
#
#   packaging/build_linux.sh            # venv in packaging/build/venv, bundle in packaging/dist/pmodesk/
#   PMODESK_BUILD_PYTHON=python3.12 packaging/build_linux.sh
#   PMODESK_SKIP_SMOKE=1 packaging/build_linux.sh
#
# Needs: Python 3.12 (python3.12, or python3 if that is 3.12+, or pyenv's 3.12.1) and network
# access to PyPI (or a configured mirror) for the build venv.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
VENV="$HERE/build/venv"
DIST="$HERE/dist"
WORK="$HERE/build/pyinstaller"

pick_python() {
    if [[ -n "${PMODESK_BUILD_PYTHON:-}" ]]; then echo "$PMODESK_BUILD_PYTHON"; return; fi
    # (a pyenv shim exists for every installed version but only runs the selected one: try it)
    if python3.12 -c 'import sys' >/dev/null 2>&1; then echo python3.12; return; fi
    if python3 -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
        echo python3; return
    fi
    if PYENV_VERSION=3.12.1 python3 -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
        echo "env PYENV_VERSION=3.12.1 python3"; return
    fi
    echo "build_linux.sh: pmodesk needs Python 3.12 or newer to build; none found" >&2
    exit 1
}

cd "$ROOT"
if [[ ! -x "$VENV/bin/python" ]]; then
    PYTHON="$(pick_python)"
    echo "==> creating the build venv with $($PYTHON --version)"
    $PYTHON -m venv "$VENV"
fi
echo "==> installing pmodesk and PyInstaller into $VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "$ROOT" "pyinstaller>=6.10" "pillow>=10"

echo "==> rendering icons"
"$VENV/bin/python" "$HERE/make_icons.py"

echo "==> running PyInstaller"
rm -rf "$DIST/pmodesk"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" "$HERE/pmodesk.spec"

echo "==> bundle"
du -sh "$DIST/pmodesk"
echo "files: $(find "$DIST/pmodesk" -type f | wc -l)"

if [[ -z "${PMODESK_SKIP_SMOKE:-}" ]]; then
    echo "==> smoke test"
    "$HERE/smoke_test.sh" "$DIST/pmodesk/pmodesk"
fi
