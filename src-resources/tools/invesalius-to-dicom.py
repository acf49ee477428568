#!/usr/bin/python3
"""Writes the head CT volume of Debian's invesalius-examples (Cranium.inv3) as a DICOM CT series.

Cranium.inv3 is a tar.gz InVesalius project; its matrix.dat is a raw little-endian int16 volume
(z, y, x) = 108 x 256 x 256 already in HU, spacing 0.957 x 0.957 x 1.5 mm (main.plist). The
workstation and make-dataset read DICOM, so the voxels are written unchanged as 108 uncompressed CT
slices (slope 1, intercept 0) with the geometry of main.plist and fixed UIDs under the 2.25 root
derived from the slice number, so that two runs give the same bytes. Rows are flipped: InVesalius
stores them bottom-up, and DICOM's first row is the anterior edge (the face at the top, head holder
below, as a radiologist expects).

Usage: invesalius-to-dicom.py Cranium.inv3 OUT_FOLDER   (needs Debian's python3-pydicom)
"""
import io
import plistlib
import sys
import tarfile
import uuid
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"


def uid(name):
    """A stable UID: 2.25 + the integer of a name-based UUID (DICOM PS3.5 B.2)."""
    return "2.25." + str(uuid.uuid5(uuid.NAMESPACE_URL, "langmamba/invesalius-cranium/" + name).int)


def read_project(path):
    with tarfile.open(path, "r:gz") as tar:
        members = {Path(m.name).name: m for m in tar.getmembers() if m.isfile()}
        plist = plistlib.load(tar.extractfile(members["main.plist"]))
        raw = tar.extractfile(members[plist["matrix"]["filename"]]).read()
    shape = tuple(plist["matrix"]["shape"])
    volume = np.frombuffer(raw, dtype="<i2").reshape(shape)
    return plist, volume


def main(source, out):
    plist, volume = read_project(source)
    sx, sy, sz = plist["spacing"]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=False)  # never overwrite an existing series
    study, series, frame = uid("study"), uid("series"), uid("frame")
    for z in range(volume.shape[0]):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = CT_IMAGE_STORAGE
        meta.MediaStorageSOPInstanceUID = uid("slice-%03d" % z)
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = FileDataset(str(out / ("%03d.dcm" % (z + 1))), Dataset(), file_meta=meta, preamble=b"\0" * 128)
        ds.SOPClassUID = CT_IMAGE_STORAGE
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
        ds.Modality = "CT"
        ds.PatientName = "InVesalius^Cranium"
        ds.PatientID = "INVESALIUS-CRANIUM"
        ds.StudyDescription = "Head CT (InVesalius example 'ProMED CT 0051')"
        ds.SeriesDescription = "Cranium, 1.5 mm"
        ds.SeriesNumber, ds.InstanceNumber = 1, z + 1
        ds.ImagePositionPatient = [0.0, 0.0, float(z * sz)]
        ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
        ds.PixelSpacing = [float(sy), float(sx)]
        ds.SliceThickness = float(sz)
        ds.SliceLocation = float(z * sz)
        ds.Rows, ds.Columns = volume.shape[1], volume.shape[2]
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        ds.RescaleIntercept, ds.RescaleSlope, ds.RescaleType = 0, 1, "HU"
        ds.WindowCenter, ds.WindowWidth = plist.get("window_level", 40), plist.get("window_width", 400)
        ds.PixelData = np.ascontiguousarray(volume[z, ::-1, :]).astype("<i2").tobytes()
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.save_as(ds.filename, write_like_original=False)
    print("%d slices %dx%d, spacing %.4f x %.4f x %.2f mm, HU %d..%d -> %s"
          % (volume.shape[0], volume.shape[1], volume.shape[2], sx, sy, sz, volume.min(), volume.max(), out))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
