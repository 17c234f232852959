#!/bin/sh
# Regenerates the PNG fixtures (ImageMagick 6, Debian 12). Each *-ref.png is a plain non-interlaced
# 8/16-bit truth image for the fixture beside it.
set -e
IM=/usr/bin/convert
$IM -seed 7 -size 37x29 plasma: -depth 8 PNG24:pattern.png
$IM pattern.png -interlace PNG PNG24:adam7-rgb8.png
$IM pattern.png -alpha set -channel A -fx 'i/w' +channel -depth 16 PNG64:rgba16-ref.png
$IM rgba16-ref.png -interlace PNG PNG64:adam7-rgba16.png
$IM pattern.png -colors 40 PNG8:palette8.png
$IM palette8.png PNG24:palette8-ref.png
$IM pattern.png -colors 12 -define png:bit-depth=4 -define png:color-type=3 palette4.png
$IM palette4.png PNG24:palette4-ref.png
$IM pattern.png -alpha set -region 18x29+0+0 -channel A -evaluate set 0 +channel +region -colors 30 PNG8:palette-trns.png
$IM palette-trns.png PNG32:palette-trns-ref.png
for d in 1 2 4; do
  $IM pattern.png -colorspace gray $( [ $d = 1 ] && echo -threshold 50% ) -depth $d -define png:bit-depth=$d -define png:color-type=0 gray$d.png
  $IM gray$d.png -depth 8 -define png:color-type=0 -define png:bit-depth=8 gray$d-ref.png
done
$IM gray4.png -interlace PNG -define png:bit-depth=4 -define png:color-type=0 adam7-gray4.png
# Raw samples decoded by ImageMagick: an independent truth for the plain decodes.
$IM pattern.png -depth 8 rgb:pattern.rgb
$IM rgba16-ref.png -depth 16 -endian MSB rgba:rgba16-ref.rgba
$IM gray4-ref.png -depth 8 gray:gray4-ref.gray
