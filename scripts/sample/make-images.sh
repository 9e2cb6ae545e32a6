#!/usr/bin/env bash
# Regenerates the illustrative pictures used by the bundled sample feed
# (scripts/sample/masters/*.jpg; make-sizes.sh derives what the app downloads). They are text-free drawings made from gradients,
# shapes and a little noise, because the sample content has no real photos.
#
# Needs ImageMagick 6 (`convert`) and awk. Output is deterministic apart from
# the noise seed, which is fixed.
#
#   bash scripts/sample/make-images.sh
set -euo pipefail

cd "$(dirname "$0")/../.."
OUT=scripts/sample/masters
mkdir -p "$OUT"

W=640
H=400
QUALITY=${QUALITY:-72}

# ridge BASE AMP FREQ PHASE [AMP2 FREQ2]
# Prints an ImageMagick "path" for a hill silhouette: a sum of two sines
# around the baseline BASE, filled down to the bottom edge.
ridge() {
  awk -v w="$W" -v h="$H" -v b="$1" -v a="$2" -v f="$3" -v p="$4" \
      -v a2="${5:-0}" -v f2="${6:-0}" 'BEGIN {
    printf "path '\''M 0,%d", h
    for (x = 0; x <= w; x += 8) {
      y = b + a * sin(x / w * 6.2832 * f + p) + a2 * sin(x / w * 6.2832 * f2 + p * 1.7)
      printf " L %d,%.1f", x, y
    }
    printf " L %d,%d Z'\''", w, h
  }'
}

# rows BASE AMP FREQ PHASE COUNT GAP: parallel curved lines that follow a
# ridge (tea rows, terraces).
rows() {
  awk -v w="$W" -v b="$1" -v a="$2" -v f="$3" -v p="$4" -v n="$5" -v g="$6" 'BEGIN {
    for (i = 1; i <= n; i++) {
      printf "path '\''M 0,%.1f", b + i * g + a * sin(p)
      for (x = 8; x <= w; x += 8) {
        y = b + i * g + a * (1 + i * 0.04) * sin(x / w * 6.2832 * f + p)
        printf " L %d,%.1f", x, y
      }
      printf "'\'' "
    }
  }'
}

# finish NAME: soften, add fine grain, and write an optimised progressive JPEG.
finish() {
  convert - -seed 7 -attenuate 0.35 +noise Gaussian -blur 0x0.6 \
    -strip -interlace Plane -sampling-factor 4:2:0 -quality "$QUALITY" \
    "$OUT/$1.jpg"
}

sky() { # sky TOP BOTTOM
  convert -size ${W}x${H} "gradient:$1-$2" miff:-
}

# 1. Đồi chè: rolling hills striped with rows of tea.
sky '#bfe3f2' '#f4f1de' | convert - \
  -fill '#8fb996' -draw "$(ridge 150 25 1.2 0.5 10 3)" \
  -fill '#5f9e5a' -draw "$(ridge 210 30 0.9 2.1 8 2.5)" \
  -stroke '#3f7d3c' -strokewidth 5 -fill none -draw "$(rows 215 30 0.9 2.1 9 20)" \
  -stroke none -fill '#4c8a43' -draw "$(ridge 330 18 0.6 4.0)" \
  -stroke '#2f6b2c' -strokewidth 6 -fill none -draw "$(rows 330 18 0.6 4.0 4 18)" \
  miff:- | finish tea-hills

# 2. Ruộng bậc thang: stacked terraces in warm green and gold.
sky '#cde7f0' '#fbf3da' | convert - \
  -fill '#9bbf7a' -draw "$(ridge 120 20 1.0 1.0)" \
  -fill '#b7c96b' -draw "$(ridge 170 22 1.4 0.3)" \
  -stroke '#8a9a45' -strokewidth 3 -fill none -draw "$(rows 175 22 1.4 0.3 12 19)" \
  -stroke none -fill '#d6c15a' -draw "$(ridge 300 16 1.1 2.0)" \
  -stroke '#a8922f' -strokewidth 3 -fill none -draw "$(rows 300 16 1.1 2.0 5 18)" \
  miff:- | finish terraced-fields

# 3. Bình minh trên núi: sun rising behind layered blue ranges.
sky '#f7b267' '#fde4c3' | convert - \
  -fill '#fff1b8' -draw "circle 420,190 420,135" \
  -fill '#b79fb4' -draw "$(ridge 190 30 1.5 0.2 12 4)" \
  -fill '#8b7fa6' -draw "$(ridge 240 28 1.1 1.4 10 3)" \
  -fill '#5d5a86' -draw "$(ridge 290 24 0.8 2.6 8 5)" \
  -fill '#36395f' -draw "$(ridge 345 16 0.7 0.9 6 4)" \
  miff:- | finish sunrise-mountains

# 4. Hoa mận: dark branches with white-pink blossoms on a spring sky.
sky '#a9d3ec' '#eaf4f8' | convert - \
  -stroke '#4b3a2f' -strokewidth 14 -fill none \
  -draw "path 'M -10,380 C 150,300 240,260 420,150 S 600,60 660,40'" \
  -strokewidth 7 -draw "path 'M 200,290 C 230,220 260,180 300,120'" \
  -draw "path 'M 380,175 C 440,210 500,230 600,240'" \
  -draw "path 'M 520,100 C 520,60 540,30 560,0'" \
  -strokewidth 4 -draw "path 'M 110,330 C 120,280 90,240 70,210'" \
  miff:- > /tmp/plum-base.miff
# Blossoms are drawn in a second pass so each gets a pink centre.
awk 'BEGIN { srand(11); n = split("70,215 95,255 118,300 205,285 228,230 252,190 280,150 300,118 330,215 360,190 400,160 430,185 470,215 520,232 565,236 600,240 470,130 510,110 520,70 545,35 590,75 160,318 300,250 620,60", p, " ");
  for (i = 1; i <= n; i++) { split(p[i], c, ",");
    for (k = 0; k < 5; k++) { x = c[1] + (rand() - 0.5) * 44; y = c[2] + (rand() - 0.5) * 36; r = 7 + rand() * 6;
      printf "fill #fdfbff circle %d,%d %d,%d\n", x, y, x + r, y
      printf "fill #e89bb5 circle %d,%d %d,%d\n", x, y, x + 2.5, y } } }' > /tmp/plum.mvg
convert /tmp/plum-base.miff -draw "$(cat /tmp/plum.mvg)" miff:- | finish plum-blossom
rm -f /tmp/plum-base.miff /tmp/plum.mvg

# 5. Trường học vùng cao: a low school with a red roof, a flag and hills.
sky '#b8dcf0' '#eef6f4' | convert - \
  -fill '#9cc59a' -draw "$(ridge 200 22 1.0 0.8 8 3)" \
  -fill '#7fb069' -draw "$(ridge 300 6 0.5 0.0)" \
  -fill '#f3e9d2' -draw "rectangle 150,230 500,320" \
  -fill '#c0392b' -draw "polygon 130,232 520,232 470,185 180,185" \
  -fill '#3b6ea5' \
  -draw "rectangle 180,255 214,290" -draw "rectangle 240,255 274,290" \
  -draw "rectangle 376,255 410,290" -draw "rectangle 436,255 470,290" \
  -fill '#7a5230' -draw "rectangle 305,250 345,320" \
  -fill '#666666' -draw "rectangle 560,140 564,320" \
  -fill '#da251d' -draw "rectangle 564,142 608,172" \
  -fill '#ffde00' -draw "polygon 586.0,147.5 588.2,153.9 595.0,154.1 589.6,158.2 591.6,164.7 586.0,160.8 580.4,164.7 582.4,158.2 577.0,154.1 583.8,153.9" \
  -fill '#5e8c4a' -draw "rectangle 0,320 640,400" \
  -fill '#c9b48a' -draw "polygon 300,320 350,320 420,400 250,400" \
  miff:- | finish school-roof

# 6. Đường đèo: a road winding down a green slope.
sky '#cfe8f7' '#f6f3e4' | convert - \
  -fill '#a7c4a0' -draw "$(ridge 140 30 1.3 0.4 10 4)" \
  -fill '#6f9e5f' -draw "$(ridge 200 20 0.8 2.2)" \
  -stroke '#8c8c8c' -strokewidth 34 -fill none \
  -draw "path 'M 700,230 C 420,220 120,250 160,300 S 560,330 380,420'" \
  -stroke '#f5f5f5' -strokewidth 2 \
  -draw "stroke-dasharray 14 12 path 'M 700,230 C 420,220 120,250 160,300 S 560,330 380,420'" \
  -stroke none \
  miff:- | finish mountain-road

# 7. Bản nhà sàn: stilt houses under hills in the late afternoon.
sky '#f6d8ae' '#fbefdc' | convert - \
  -fill '#9fb58e' -draw "$(ridge 170 34 1.0 1.2 12 3)" \
  -fill '#6f8f5d' -draw "$(ridge 250 10 0.7 0.3)" \
  -fill '#5a3e2b' \
  -draw "polygon 60,230 190,230 160,195 90,195" -draw "rectangle 75,230 175,262" \
  -draw "rectangle 80,262 86,300" -draw "rectangle 165,262 171,300" -draw "rectangle 123,262 128,300" \
  -draw "polygon 250,250 420,250 380,205 290,205" -draw "rectangle 268,250 402,290" \
  -draw "rectangle 272,290 279,335" -draw "rectangle 390,290 397,335" -draw "rectangle 332,290 338,335" \
  -draw "polygon 470,235 600,235 570,200 500,200" -draw "rectangle 485,235 585,266" \
  -draw "rectangle 490,266 496,305" -draw "rectangle 574,266 580,305" \
  -fill '#f2c14e' -draw "rectangle 300,262 325,280" -draw "rectangle 345,262 370,280" \
  -fill '#4f7a3f' -draw "rectangle 0,330 640,400" \
  miff:- | finish stilt-village

# 8. Sương giá: a cold, misty blue valley at dawn.
sky '#d9e4ef' '#f7fafc' | convert - \
  -fill '#a9b9cc' -draw "$(ridge 170 26 1.3 0.7 9 4)" \
  -fill '#8ea3bb' -draw "$(ridge 230 22 0.9 2.0 7 3)" \
  -fill '#dfe8f1' -draw "rectangle 0,250 640,290" \
  -fill '#6b829e' -draw "$(ridge 310 14 0.6 1.0)" \
  -fill '#ffffff' -draw "$(ridge 360 6 2.0 0.0)" \
  miff:- | convert - -blur 0x1.2 miff:- | finish frost-valley

# 9. Vườn xoài: round orchard trees with ripe yellow fruit.
sky '#bfe0f3' '#f4f7e6' | convert - \
  -fill '#98c27c' -draw "$(ridge 220 18 1.0 1.0)" \
  -fill '#6b4a2e' -draw "rectangle 73,250 87,330" -draw "rectangle 233,250 247,330" \
  -draw "rectangle 393,250 407,330" -draw "rectangle 553,250 567,330" \
  -fill '#3f7f3a' -draw "circle 80,220 80,150" -draw "circle 240,215 240,140" \
  -draw "circle 400,222 400,150" -draw "circle 560,218 560,146" \
  -fill '#f4c430' -draw "$(awk 'BEGIN { srand(5); for (t = 0; t < 4; t++) { cx = 80 + t * 160; for (k = 0; k < 12; k++) {
      a = rand() * 6.283; r = rand() * 55; x = cx + r * cos(a); y = 225 + r * sin(a) * 0.9;
      printf "ellipse %d,%d 6,9 0,360\n", x, y } } }')" \
  -fill '#6fa35a' -draw "rectangle 0,325 640,400" \
  miff:- | finish mango-orchard

# 10. Hồ thủy điện và cây cầu: a bridge over a wide blue-green river.
sky '#bcdcf2' '#eef5f3' | convert - \
  -fill '#8fb38d' -draw "$(ridge 170 30 1.2 0.6 10 3)" \
  -fill '#6c9c72' -draw "$(ridge 215 14 0.8 2.0)" \
  -fill '#4f9aa8' -draw "rectangle 0,240 640,400" \
  -fill '#7fbcc6' \
  -draw "rectangle 40,300 200,302" -draw "rectangle 260,335 460,337" -draw "rectangle 480,370 620,372" \
  -fill '#e9e4da' -draw "rectangle 0,232 640,246" \
  -stroke '#c0392b' -strokewidth 5 -fill none \
  -draw "path 'M 60,234 Q 200,120 320,234'" -draw "path 'M 320,234 Q 440,120 580,234'" \
  -stroke none -fill '#b8b1a3' \
  -draw "rectangle 150,246 166,300" -draw "rectangle 312,246 328,300" -draw "rectangle 474,246 490,300" \
  miff:- | finish river-bridge

# 11. Đồng cỏ: a pasture with a few cattle shapes.
sky '#c5e3f5' '#f6f8e8' | convert - \
  -fill '#a6c98d' -draw "$(ridge 190 20 0.9 1.5 8 3)" \
  -fill '#85b86a' -draw "$(ridge 240 10 0.6 0.2)" \
  -fill '#8b5a3c' \
  -draw "ellipse 200,300 42,20 0,360" -draw "circle 247,288 247,276" \
  -draw "rectangle 170,310 176,338" -draw "rectangle 222,310 228,338" \
  -fill '#5b3a29' \
  -draw "ellipse 430,270 34,16 0,360" -draw "circle 468,260 468,250" \
  -draw "rectangle 406,280 411,302" -draw "rectangle 449,280 454,302" \
  -fill '#c9a27e' \
  -draw "ellipse 560,320 30,14 0,360" -draw "circle 528,312 528,303" \
  -draw "rectangle 545,330 550,350" -draw "rectangle 575,330 580,350" \
  miff:- | finish pasture-cattle

# 12. Điện về bản: power line and lit windows at dusk.
sky '#2e3a67' '#e79a6d' | convert - \
  -fill '#3a3f5c' -draw "$(ridge 220 30 1.1 0.9 10 3)" \
  -fill '#262a40' -draw "$(ridge 300 12 0.7 2.2)" \
  -fill '#1c1f30' -draw "polygon 120,330 100,120 140,120" -draw "polygon 500,340 480,110 520,110" \
  -draw "rectangle 80,135 160,140" -draw "rectangle 460,125 540,130" \
  -stroke '#1c1f30' -strokewidth 2 -fill none \
  -draw "path 'M 85,137 Q 300,200 465,127'" -draw "path 'M 155,137 Q 320,210 535,127'" \
  -draw "path 'M 0,160 Q 40,170 85,137'" -draw "path 'M 535,127 Q 600,150 640,140'" \
  -stroke none -fill '#ffd36b' \
  -draw "rectangle 230,310 240,318" -draw "rectangle 250,312 258,320" \
  -draw "rectangle 330,300 340,308" -draw "rectangle 380,316 388,324" -draw "rectangle 600,305 608,313" \
  -fill '#fff7d6' -draw "circle 560,70 560,66" -draw "circle 90,50 90,48" -draw "circle 300,35 300,33" \
  miff:- | finish power-line

# 13. Cà phê chín: red coffee cherries along branches with dark leaves.
convert -size ${W}x${H} 'gradient:#2f5d3a-#7ea86b' \
  -fill '#4f8a4b' -draw "$(awk 'BEGIN { srand(3); for (k = 0; k < 60; k++) {
      x = rand() * 640; y = rand() * 400; a = int(rand() * 180);
      printf "push graphic-context translate %d,%d rotate %d ellipse 0,0 34,12 0,360 pop graphic-context\n", x, y, a } }')" \
  -stroke '#5b4030' -strokewidth 6 -fill none \
  -draw "path 'M 0,120 C 200,150 420,110 640,170'" -draw "path 'M 0,290 C 220,260 430,320 640,280'" \
  -stroke none -fill '#c0392b' -draw "$(awk 'BEGIN { srand(9);
      for (x = 20; x < 640; x += 26) { y = 120 + (x / 640) * 50 + 8;
        for (k = 0; k < 3; k++) printf "circle %d,%d %d,%d\n", x + rand() * 14, y + rand() * 14, x + rand() * 14 + 8, y + rand() * 14
        y2 = 285 + sin(x / 100) * 12 + 8
        for (k = 0; k < 3; k++) printf "circle %d,%d %d,%d\n", x + rand() * 14, y2 + rand() * 14, x + rand() * 14 + 8, y2 + rand() * 14 } }')" \
  miff:- | finish coffee-cherries

ls -l "$OUT"
