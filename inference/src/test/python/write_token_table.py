#!/usr/bin/python3
"""Writes a token table as a VLM ships it, with numpy and json: OUT/table.npy, OUT/vocab.json,
and OUT/expected.txt (token, then its values printed by numpy) for the importer test.

usage: write_token_table.py OUT DTYPE(float32|float16)
"""
import json
import sys

import numpy as np

out, dtype = sys.argv[1], sys.argv[2]
tokens = ["<|startoftext|>", "liver</w>", "Ġkidney", "##ing", "caf\u00e9", "\"quoted\""]
rng = np.random.default_rng(7)
table = rng.normal(size=(len(tokens), 5)).astype(dtype)
np.save(out + "/table.npy", table)
with open(out + "/vocab.json", "w") as f:
    json.dump({t: i for i, t in enumerate(tokens)}, f)
with open(out + "/expected.txt", "w", encoding="utf-8") as f:
    for t, row in zip(tokens, table.astype(np.float64)):
        f.write(t + "\t" + " ".join(repr(float(v)) for v in row) + "\n")
