#!/bin/sh
# Render review files to PDF and PNG for a visual check: scripts/render_docx.sh OUTDIR FILE.docx...
# Needs LibreOffice (Debian: libreoffice-writer) and poppler-utils (pdftoppm). One PNG per page,
# OUTDIR/<name>-<page>.png, at 80 dpi. A private LibreOffice profile keeps runs independent.
set -eu
if [ "$#" -lt 2 ]; then
    echo "usage: $0 OUTDIR FILE.docx..." >&2
    exit 2
fi
outdir=$1
shift
mkdir -p "$outdir"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice --headless "-env:UserInstallation=file://$profile" --convert-to pdf --outdir "$outdir" "$@" >/dev/null
for file in "$@"; do
    name=$(basename "$file" .docx)
    pdftoppm -r 80 -png "$outdir/$name.pdf" "$outdir/$name"
done
ls "$outdir"
