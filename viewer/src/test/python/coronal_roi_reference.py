#!/usr/bin/python3
"""Independent coronal ROI statistics for the MPR test: pydicom decodes every slice, numpy stacks them.

usage: coronal_roi_reference.py FOLDER PLANE COL0 ROW0 COL1 ROW1
  PLANE: the axial row the coronal plane is cut at; COL0..COL1: axial columns; ROW0..ROW1: slices,
  counted from the most superior one (the coronal's top row). Bounds inclusive.
prints: count mean sd min max   (sd with n-1, HU after RescaleSlope/Intercept)
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut

folder = sys.argv[1]
plane, c0, r0, c1, r1 = (int(v) for v in sys.argv[2:7])
slices = []
for name in sorted(os.listdir(folder)):
    try:
        ds = pydicom.dcmread(os.path.join(folder, name))
    except pydicom.errors.InvalidDicomError:
        continue
    slices.append((float(ds.ImagePositionPatient[2]), apply_modality_lut(ds.pixel_array, ds).astype(np.float64)))
slices.sort(key=lambda s: -s[0])  # most superior first
coronal = np.stack([hu[plane, :] for _, hu in slices])  # rows: slices, columns: axial columns
roi = coronal[r0:r1 + 1, c0:c1 + 1]
print(roi.size, repr(roi.mean()), repr(roi.std(ddof=1)), repr(roi.min()), repr(roi.max()))
