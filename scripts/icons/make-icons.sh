#!/usr/bin/env bash
# Regenerates the app icons from icon.svg with ImageMagick (Debian's imagemagick).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../public/icons"
convert -background none -density 192 "$here/icon.svg" -resize 512x512 -strip "$out/maskable-512.png"
# The plain icon gets rounded corners; launchers that do not mask show it as is.
convert "$out/maskable-512.png" \( -size 512x512 xc:none -fill white -draw "roundrectangle 0,0 511,511 96,96" \) \
  -compose DstIn -composite -strip "$out/icon-512.png"
convert "$out/icon-512.png" -resize 192x192 -strip "$out/icon-192.png"
convert "$out/maskable-512.png" -resize 180x180 -strip "$out/apple-touch-icon.png"
