#!/usr/bin/python3
"""Independent ROI statistics for WorkstationViewTest: pydicom decodes the file, numpy does the sums.

usage: roi_reference.py FILE COL0 ROW0 COL1 ROW1   (inclusive pixel index bounds of a rectangle)
prints: count mean sd min max   (sd with n-1, HU after RescaleSlope/Intercept)
"""
import sys

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut

ds = pydicom.dcmread(sys.argv[1])
hu = apply_modality_lut(ds.pixel_array, ds).astype(np.float64)
c0, r0, c1, r1 = (int(v) for v in sys.argv[2:6])
roi = hu[r0:r1 + 1, c0:c1 + 1]
print(roi.size, repr(roi.mean()), repr(roi.std(ddof=1)), repr(roi.min()), repr(roi.max()))
