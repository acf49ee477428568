#!/usr/bin/python3
"""Reference reading of a DICOM corpus by pydicom, for PydicomCorpusTest.

For every file under CORPUS writes, into OUT:
  index.tsv   relative path, status (ok|error), modality, rows, columns, frames, data file, error,
              transfer syntax, rescale slope
  N.f32       little-endian float32 modality values (HU for CT) of all frames, row-major,
              NaN where the stored value is PixelPaddingValue (the Java reader makes those air).
Modality values are pydicom's own: apply_modality_lut(ds.pixel_array, ds).
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut


def reference(path):
    ds = pydicom.dcmread(path, force=True)
    meta = getattr(ds, "file_meta", None)
    info = {"modality": str(ds.get("Modality", "")),
            "transfer_syntax": str(meta.get("TransferSyntaxUID", "")) if meta is not None else "",
            "slope": float(ds.get("RescaleSlope", 1) or 1)}
    if "PixelData" not in ds:
        return dict(info, status="error", error="no pixel data")
    if int(ds.get("SamplesPerPixel", 1)) != 1:
        return dict(info, status="error", error="colour")
    stored = ds.pixel_array
    values = apply_modality_lut(stored, ds).astype(np.float32)
    if "PixelPaddingValue" in ds:
        pad = int(ds.PixelPaddingValue)
        low, high = pad, pad
        if "PixelPaddingRangeLimit" in ds:
            limit = int(ds.PixelPaddingRangeLimit)
            low, high = min(pad, limit), max(pad, limit)
        values[(stored >= low) & (stored <= high)] = np.nan
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    return dict(info, status="ok", rows=int(ds.Rows), columns=int(ds.Columns), frames=frames,
                values=values.reshape(-1))


def main(corpus, out):
    os.makedirs(out, exist_ok=True)
    index = {}
    paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs)
    for n, path in enumerate(paths):
        rel = os.path.relpath(path, corpus)
        try:
            entry = reference(path)
        except Exception as e:  # pydicom's own verdict on a broken file is what we record
            entry = {"status": "error", "error": "%s: %s" % (type(e).__name__, e)}
        if "values" in entry:
            name = "%d.f32" % n
            entry.pop("values").astype("<f4").tofile(os.path.join(out, name))
            entry["data"] = name
        index[rel] = entry
    with open(os.path.join(out, "index.tsv"), "w") as f:
        for rel, e in sorted(index.items()):
            fields = [rel, e["status"], e.get("modality", ""), e.get("rows", 0), e.get("columns", 0),
                      e.get("frames", 0), e.get("data", ""), e.get("error", ""),
                      e.get("transfer_syntax", ""), e.get("slope", 1)]
            f.write("\t".join(str(x).replace("\t", " ").replace("\n", " ") for x in fields) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
