#!/usr/bin/env bash
# Makes the raster icons from the vector source traffic-console.svg. Run it after editing the SVG and
# commit the results; the build uses the committed files and does not need these tools.
# Needs: rsvg-convert (Debian: librsvg2-bin), ImageMagick (convert), png2icns (Debian: icnsutils).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" traffic-console.svg -o "traffic-console-$size.png"
done
# Windows: one .ico holding the sizes Explorer and the taskbar ask for.
convert traffic-console-16.png traffic-console-32.png traffic-console-48.png traffic-console-64.png \
        traffic-console-128.png traffic-console-256.png traffic-console.ico
# macOS: .icns from the sizes it stores.
png2icns traffic-console.icns traffic-console-16.png traffic-console-32.png traffic-console-48.png \
         traffic-console-128.png traffic-console-256.png traffic-console-512.png >/dev/null
