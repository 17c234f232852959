#!/bin/sh
# Regenerates the JPEG fixtures with libjpeg-turbo 2.1 (Debian 12 libjpeg-turbo-progs) and ImageMagick 6.
# Each NAME.jpg has NAME.ppm/.pgm: djpeg's default decode (islow IDCT, fancy upsampling), the truth.
set -e
IM=/usr/bin/convert
$IM pattern.png -depth 8 ppm:- > /tmp/pattern.ppm
enc() { name=$1; shift; cjpeg "$@" /tmp/pattern.ppm > $name.jpg; }
enc baseline444 -quality 90 -sample 1x1
enc baseline422 -quality 85 -sample 2x1
enc baseline420 -quality 75 -sample 2x2
enc baseline440 -quality 80 -sample 1x2
enc baseline411 -quality 80 -sample 4x1
enc gray -quality 85 -grayscale
enc progressive420 -quality 80 -progressive
enc progressive444 -quality 95 -progressive -sample 1x1
enc restart420 -quality 80 -restart 1
enc restart-progressive -quality 80 -progressive -restart 2B
enc optimized422 -quality 70 -optimize -sample 2x1
for f in baseline444 baseline422 baseline420 baseline440 baseline411 progressive420 progressive444 restart420 restart-progressive optimized422; do
  djpeg -ppm $f.jpg > $f.ppm
done
djpeg -pnm gray.jpg > gray.pgm
# EXIF orientation 6 (rotate 90 clockwise), big-endian TIFF header, inserted after SOI.
python3 - <<'PY'
import struct
d = open('baseline420.jpg', 'rb').read()
tiff = b'MM\x00\x2a' + struct.pack('>I', 8) + struct.pack('>H', 1) + struct.pack('>HHIHH', 0x0112, 3, 1, 6, 0) + struct.pack('>I', 0)
body = b'Exif\x00\x00' + tiff
open('exif6.jpg', 'wb').write(d[:2] + b'\xff\xe1' + struct.pack('>H', len(body) + 2) + body + d[2:])
PY
$IM baseline420.ppm -rotate 90 exif6.ppm
# Orientation truth for all eight EXIF values on a tiny 5x3 image.
$IM -size 5x3 xc: -fx 'i/4*0.7+j/2*0.3' -depth 8 ppm:orient-src.ppm
$IM orient-src.ppm orient-1.ppm
$IM orient-src.ppm -flop orient-2.ppm
$IM orient-src.ppm -rotate 180 orient-3.ppm
$IM orient-src.ppm -flip orient-4.ppm
$IM orient-src.ppm -transpose orient-5.ppm
$IM orient-src.ppm -rotate 90 orient-6.ppm
$IM orient-src.ppm -transverse orient-7.ppm
$IM orient-src.ppm -rotate 270 orient-8.ppm
# Arithmetic-coded (SOF9 sequential, SOF10 progressive; cjpeg writes DAC segments with the default
# conditioning), each with djpeg's decode as the truth.
enc ari420 -arithmetic -sample 2x2 -quality 80
enc ari444 -arithmetic -sample 1x1 -quality 90
enc arigray -arithmetic -grayscale -quality 85
enc ari422-restart -arithmetic -sample 2x1 -restart 3B -quality 75
enc ari-progressive -arithmetic -progressive -quality 80
enc ari-progressive-restart -arithmetic -progressive -restart 1 -quality 85 -sample 1x1
for f in ari420 ari444 ari422-restart ari-progressive ari-progressive-restart; do djpeg -ppm $f.jpg > $f.ppm; done
djpeg -pnm arigray.jpg > arigray.pgm
# libjpeg-turbo's test images (IJG licence, see LICENSE-libjpeg-turbo-testimages.txt), from a clone at $LJT:
# testimgari.jpg as is, and testimgint.jpg transcoded losslessly to progressive arithmetic with restarts.
if [ -n "$LJT" ]; then
  cp $LJT/testimages/testimgari.jpg .
  jpegtran -arithmetic -progressive -restart 2 $LJT/testimages/testimgint.jpg > testimgari-progressive.jpg
fi
# 12-bit: testorig12.jpg from libjpeg-turbo's history (Debian's djpeg is 8-bit only; the test checks
# the MD5 libjpeg-turbo's own test suite gives for its decode).
if [ -n "$LJT" ]; then git -C $LJT show 54bd58cc~1:testimages/testorig12.jpg > testorig12.jpg; fi
