#!/usr/bin/python3
"""Writes a DICOM slice's HU (pydicom: apply_modality_lut) as little-endian float32.

usage: dump_hu.py DICOM OUT.f32     prints: columns rows pixel_spacing_mm
"""
import sys

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut

ds = pydicom.dcmread(sys.argv[1])
hu = apply_modality_lut(ds.pixel_array, ds).astype("<f4")
hu.tofile(sys.argv[2])
print(ds.Columns, ds.Rows, float(ds.PixelSpacing[1]))
