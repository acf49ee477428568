#!/usr/bin/env bash
# Soak test of both training stages (ADR 0008): 2 000 steps of LangAE (every loss term, the GAN from
# step 1 000) and 2 000 steps of LangMamba's stage 2 (SEED compact + LangDA, both terms, lambda 0.5),
# each with --gc-stress: a garbage collection and a scribble over freed memory before every backward
# pass. Passes when both runs end with a model and no NaN; prints the last losses and the time.
# Not part of the test suite (tens of minutes on 2 cores). Usage:
#   src-resources/tools/training-soak.sh [work-folder]   (default: ./training-soak-run)
# Resumable: run it again after a kill and each stage continues from its last checkpoint.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-training-soak-run}
lm="$root/packaging/bin/langmamba"
pydicom=/usr/lib/python3/dist-packages/pydicom/data/test_files   # Debian package python3-pydicom
steps=${SOAK_STEPS:-2000}
mkdir -p "$work"

[ -f "$work/data/manifest.tsv" ] || "$lm" make-dataset --sample --ndct "$pydicom/CT_small.dcm" --phantoms 8 \
    --test-patient JXD191021006 --out "$work/data"

resume() { [ -f "$1/checkpoint.lmck" ] && echo --resume || true; }

start=$(date +%s)
"$lm" train-langae --data "$work/data" --out "$work/langae" --steps "$steps" --disc-start $((steps / 2)) \
    --checkpoint-every 100 --gc-stress $(resume "$work/langae") | tee "$work/langae.log"
langae_done=$(date +%s)
"$lm" train-denoiser --data "$work/data" --out "$work/seed-langda" --langae "$work/langae/langae.lmmd" \
    --model seed-compact --lambda 0.5 --steps "$steps" --lr 5e-4 --validate-every 500 --checkpoint-every 100 \
    --gc-stress $(resume "$work/seed-langda") | tee "$work/seed-langda.log"
end=$(date +%s)

for model in "$work/langae/langae.lmmd" "$work/seed-langda/model.lmmd"; do
  [ -f "$model" ] || { echo "soak FAILED: $model was not written"; exit 1; }
done
if grep -qiE '(^|[^a-z])(nan|infinity)([^a-z]|$)' "$work/langae.log" "$work/seed-langda.log"; then
  echo "soak FAILED: a NaN or infinite value in the logs"; exit 1
fi
echo "soak passed: LangAE $steps steps in $((langae_done - start)) s, SEED + LangDA $steps steps in $((end - langae_done)) s, with --gc-stress, no NaN"
