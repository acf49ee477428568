#!/usr/bin/env bash
# Makes sure the Debian packages the tests use are installed:
#   python3-pydicom  the corpus of real DICOM files (good and broken) and the reference reader
#   python3-numpy    pydicom's pixel arrays
#   python3-pil python3-gdcm  pydicom's JPEG 2000 / JPEG lossless decoders for the corpus
#   dicom3tools      dciodvfy, the independent validator of the series we write
#   python3-skimage  scikit-image, the reference PSNR/SSIM
# Runs before the tests of the modules that need them (skipped with -DskipTests). Installs with apt-get
# when run as root or with password-less sudo; otherwise says what to install and stops.
set -euo pipefail

missing=()
/usr/bin/python3 -c 'import pydicom, numpy; from pydicom.pixel_data_handlers.util import apply_modality_lut' 2>/dev/null || missing+=(python3-pydicom python3-numpy)
/usr/bin/python3 -c 'import PIL, gdcm' 2>/dev/null || missing+=(python3-pil python3-gdcm)
command -v dciodvfy >/dev/null || missing+=(dicom3tools)
/usr/bin/python3 -c 'from skimage.metrics import structural_similarity' 2>/dev/null || missing+=(python3-skimage)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "ensure-test-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
  || { "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
