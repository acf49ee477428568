#!/usr/bin/env bash
# Reproduces the models shipped in src-resources/models/ (LangAE compact, LangMamba = SEED compact
# + LangDA, RED-CNN) and the README's results table, from the real CT the registries give us plus
# simulated phantom patients. CPU only; about 80 minutes on 2 cores. Usage:
#   src-resources/tools/train-default-models.sh [work-folder]   (default: ./default-models-run)
# It writes only under the work folder; copying the results into src-resources/models/ is a
# separate, deliberate step (see the end of this script).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-default-models-run}
lm="$root/packaging/bin/langmamba"
pydicom=/usr/lib/python3/dist-packages/pydicom/data/test_files   # Debian package python3-pydicom
mkdir -p "$work"

# 1. Data: the sample study (NEMA CT1 chest, JXD head), NEMA CT1 at 128 (pydicom's CT_small.dcm) and
#    24 phantom patients; quarter dose simulated in the projection domain. JXD is held out for test.
#    CQ500 (pydicom's 693_J2KI.dcm) is NOT used: its licence (CC BY-NC-SA) does not fit shipped weights.
[ -f "$work/data/manifest.tsv" ] || "$lm" make-dataset --sample --ndct "$pydicom/CT_small.dcm" --phantoms 24 \
    --test-patient JXD191021006 --out "$work/data"

# 2. Stage 1: LangAE, compact size. alpha (semantic) 0.1 instead of SPEC's 1: see the model card.
"$lm" train-langae --data "$work/data" --out "$work/langae" --steps 4000 --disc-start 2000 --checkpoint-every 200 \
    --semantic-weight 0.1 $( [ -f "$work/langae/checkpoint.lmck" ] && echo --resume )
langae="$work/langae/langae.lmmd"

# 3. Stage 2: the exact runs behind the shipped files and the README table (see the model cards for
#    why SEED runs 1 500 steps and RED-CNN 2 000: SEED was retrained after its head learnt to read
#    the slice, with the time that was left). The four runs were made two at a time, one
#    PyTorch thread each (JAVA_TOOL_OPTIONS="-Dai.djl.pytorch.num_threads=1"); run one after another
#    they give the same models up to PyTorch's CPU non-determinism.
train() {
  local name=$1; shift
  "$lm" train-denoiser --data "$work/data" --out "$work/$name" --langae "$langae" --checkpoint-every 100 "$@" \
      $( [ -f "$work/$name/checkpoint.lmck" ] && echo --resume )
}
train seed-langda --model seed-compact --lambda 0.01 --steps 1500 --lr 5e-4 --validate-every 500
train seed-mse --model seed-compact --lambda 0 --steps 1500 --lr 5e-4 --validate-every 500
train redcnn-langda --model redcnn --lambda 0.01 --steps 2000 --lr 5e-4 --validate-every 500
train redcnn --model redcnn --lambda 0 --steps 2000 --lr 5e-4 --validate-every 500

# 4. The results table (README) on the held-out test patients.
"$lm" results-table --data "$work/data" --langae "$langae" --redcnn "$work/redcnn/model.lmmd" \
    --redcnn-langda "$work/redcnn-langda/model.lmmd" --seed-mse "$work/seed-mse/model.lmmd" \
    --langmamba "$work/seed-langda/model.lmmd" | tee "$work/results-table.md"

# 5. To ship: copy langae.lmmd -> src-resources/models/langae/langae-compact.lmmd,
#    seed-langda/model.lmmd -> src-resources/models/denoiser/langmamba-seed-compact.lmmd,
#    seed-mse/model.lmmd -> src-resources/models/denoiser/seed-mse-compact.lmmd,
#    redcnn/model.lmmd -> src-resources/models/denoiser/redcnn.lmmd, and update the model cards.
