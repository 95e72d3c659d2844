#!/usr/bin/env bash
# Install the built Linux bundle with its desktop integration, for one user or system-wide.
#
#   packaging/linux/install.sh                 # into ~/.local (no root needed)
#   sudo packaging/linux/install.sh /usr/local # system-wide
#
# Copies packaging/dist/pmodesk/ to PREFIX/lib/pmodesk/, links PREFIX/bin/pmodesk to it, and
# installs the .desktop entry, the AppStream metainfo, the icons and the .pmodesk MIME type,
# so that double-clicking a workspace opens it in pmodesk.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUNDLE="$HERE/../dist/pmodesk"
PREFIX="${1:-$HOME/.local}"
SHARE="$PREFIX/share"
APP_ID="io.github.pmodesk"

if [[ ! -x "$BUNDLE/pmodesk" ]]; then
    echo "install.sh: no bundle at $BUNDLE; build it with packaging/build_linux.sh" >&2
    exit 1
fi

mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$SHARE/applications" "$SHARE/metainfo" "$SHARE/mime/packages"
rm -rf "$PREFIX/lib/pmodesk"
cp -a "$BUNDLE" "$PREFIX/lib/pmodesk"
ln -sf "$PREFIX/lib/pmodesk/pmodesk" "$PREFIX/bin/pmodesk"

install -m 644 "$HERE/$APP_ID.desktop" "$SHARE/applications/$APP_ID.desktop"
install -m 644 "$HERE/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
install -m 644 "$HERE/pmodesk-mime.xml" "$SHARE/mime/packages/$APP_ID.xml"
(cd "$HERE/icons" && find hicolor -type f -print0 | while IFS= read -r -d '' icon; do
    install -D -m 644 "$icon" "$SHARE/icons/$icon"
done)

command -v update-mime-database >/dev/null && update-mime-database "$SHARE/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
echo "pmodesk installed under $PREFIX (run: $PREFIX/bin/pmodesk)"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "note: $PREFIX/bin is not on your PATH" ;; esac
