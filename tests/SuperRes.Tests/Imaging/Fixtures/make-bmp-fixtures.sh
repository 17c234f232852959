#!/bin/sh
# BMP fixtures written by ImageMagick 6; each decodes to the PNG named in the tests.
set -e
IM=/usr/bin/convert
$IM pattern.png -type TrueColor BMP3:rgb24.bmp
$IM palette8.png -type Palette -compress None BMP3:palette8.bmp
$IM palette-trns-ref.png -type TrueColorAlpha BMP:rgba32.bmp
$IM gray4-ref.png -type Grayscale -compress None BMP3:gray8.bmp
