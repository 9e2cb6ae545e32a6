#!/usr/bin/env bash
# Writes the sizes the app shows of each sample picture, from the 640×400
# masters in scripts/sample/masters (made by make-images.sh), as WebP in
# public/sample/img: 128 and 256 px wide for list thumbnails (shown 96 CSS px
# wide, so 1× and 2–2.7× screens), 480 and 640 px for the article. The sample
# feed names them in `_bao_offline` and in srcset (notes/CONTRACTS.md).
#
# Needs ImageMagick 6 with WebP (`apt-get install imagemagick webp`).
#
#   bash scripts/sample/make-sizes.sh
set -euo pipefail

cd "$(dirname "$0")/../.."
IN=scripts/sample/masters
OUT=public/sample/img
mkdir -p "$OUT"

for master in "$IN"/*.jpg; do
  name=$(basename "$master" .jpg)
  for size in 128x80 256x160 480x300 640x400; do
    width=${size%x*}
    # Thumbnails tolerate more compression: they are small and seen in passing.
    quality=$([ "$width" -le 256 ] && echo 55 || echo 65)
    convert "$master" -resize "$size" -strip -quality "$quality" -define webp:method=6 "$OUT/$name-$width.webp"
  done
done
ls -l "$OUT"
