#!/usr/bin/python3
"""PSNR and SSIM by scikit-image (Debian python3-skimage), the reference for our own.

usage: skimage_scores.py REF.f32 TEST.f32 WIDTH HEIGHT LOWER_HU UPPER_HU   prints: psnr ssim
Images are clipped to the window and shifted to [0, width of window], data range = window width;
SSIM with Gaussian weights (sigma 1.5), population covariance, K1 0.01, K2 0.03 (Wang et al.).
"""
import sys

import numpy as np
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

w, h = int(sys.argv[3]), int(sys.argv[4])
lo, hi = float(sys.argv[5]), float(sys.argv[6])
ref = np.fromfile(sys.argv[1], dtype="<f4").reshape(h, w).astype(np.float64)
test = np.fromfile(sys.argv[2], dtype="<f4").reshape(h, w).astype(np.float64)
ref = np.clip(ref, lo, hi) - lo
test = np.clip(test, lo, hi) - lo
psnr = peak_signal_noise_ratio(ref, test, data_range=hi - lo)
ssim = structural_similarity(ref, test, data_range=hi - lo, gaussian_weights=True, sigma=1.5,
                             use_sample_covariance=False, K1=0.01, K2=0.03)
print(repr(psnr), repr(ssim))
