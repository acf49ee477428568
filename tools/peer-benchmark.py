#!/usr/bin/env python3
"""Peer benchmark (issue 18): the same network, the same weights and the same 512x512 input, timed in
our Java path (DJL over libtorch) and in PyTorch from Python (Debian's python3-torch), interleaved, with
the machine's fp32 GEMM rate measured in the same run, so that every figure is a ratio:

    floor = FLOPs / GEMM rate,   fraction of the floor = floor / time,   Java / Python = time ratio

SEED (LangMamba's network) has no Python peer here yet (the authors' code needs their CUDA scan): its
rows give our time against the same floor, and the peak resident memory (the paper size must fit in 8 GB).

Usage: tools/peer-benchmark.py [--rounds 3] [--runs 2] [--threads 2] [--weights FILE.lmmd] [--no-seed]
Needs the built workstation (mvn install) and python3-torch, python3-numpy. Prints one table.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGMAMBA = os.path.join(ROOT, "packaging", "bin", "langmamba")


def gemm_rate(threads, n=2048, repeats=5):
    """fp32 multiply-adds x2 per second of an n x n x n matrix product, best of `repeats`."""
    torch.set_num_threads(threads)
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    torch.mm(a, b)  # warm-up
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - start)
    return 2.0 * n ** 3 / best


class RedCnn(torch.nn.Module):
    """Our RED-CNN (inference/.../redcnn/RedCnn.java): five unpadded 5x5 convs, five 5x5 convs padded by 4
    (the transposed convolutions of stride 1), residuals from the input, conv2 and conv4, ReLU after each sum."""

    def __init__(self, params):
        super().__init__()
        self.w = {k: torch.from_numpy(v) for k, v in params.items()}

    def conv(self, x, name, padding=0):
        return F.conv2d(x, self.w[name + "_weight"], self.w[name + "_bias"], padding=padding)

    def forward(self, x):
        h = x
        skips = {}
        for i in range(1, 6):
            h = F.relu(self.conv(h, "%02dconv%d" % (i, i)))
            if i in (2, 4):
                skips[i] = h
        h = F.relu(self.conv(h, "06deconv1", 4) + skips[4])
        h = F.relu(self.conv(h, "07deconv2", 4))
        h = F.relu(self.conv(h, "08deconv3", 4) + skips[2])
        h = F.relu(self.conv(h, "09deconv4", 4))
        return F.relu(self.conv(h, "10deconv5", 4) + x)


def java_round(args, export=None):
    """Runs our network-benchmark once (its own warm-up, then --runs timed runs); returns the run times."""
    command = [LANGMAMBA, "network-benchmark", "--models", "redcnn", "--runs", str(args.runs), "--device", "CPU",
               "--weights", args.weights]
    if export:
        command += ["--export", export]
    env = dict(os.environ, JAVA_TOOL_OPTIONS="-Dai.djl.pytorch.num_threads=%d" % args.threads)
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("redcnn"))
    flops = float(re.search(r"([\d.]+) GFLOPs", line).group(1)) * 1e9
    runs = [float(t) for t in re.search(r"runs \(s\):([\d. ]+)", line).group(1).split()]
    return runs, flops


def java_only(model, runs, threads):
    """Our time per 512x512 slice (median of `runs`), FLOPs and peak RSS of one network, in its own process."""
    command = [LANGMAMBA, "network-benchmark", "--models", model, "--runs", str(runs), "--device", "CPU"]
    env = dict(os.environ, JAVA_TOOL_OPTIONS="-Dai.djl.pytorch.num_threads=%d" % threads)
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith(model))
    flops = float(re.search(r"([\d.]+) GFLOPs", line).group(1)) * 1e9
    runs = [float(t) for t in re.search(r"runs \(s\):([\d. ]+)", line).group(1).split()]
    peak = int(re.search(r"peak RSS (\d+) kB", line).group(1)) / 1024 / 1024
    return float(np.median(runs)), flops, peak


def python_round(model, x, runs, threads):
    torch.set_num_threads(threads)
    with torch.no_grad():
        model(x)  # warm-up
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            model(x)
            times.append(time.perf_counter() - start)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--weights", default=os.path.join(ROOT, "src-resources/models/denoiser/redcnn.lmmd"))
    parser.add_argument("--no-seed", action="store_true", help="RED-CNN only (the paper-size SEED takes minutes)")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="peer-benchmark-")
    try:
        java_times, flops = java_round(args, export=os.path.join(work, "export"))
        folder = os.path.join(work, "export", "redcnn")
        params = {f[:-4]: np.load(os.path.join(folder, f)) for f in os.listdir(folder)
                  if f.endswith(".npy") and f not in ("input.npy", "output.npy")}
        x = torch.from_numpy(np.load(os.path.join(folder, "input.npy")))
        ours = np.load(os.path.join(folder, "output.npy"))
        model = RedCnn(params).eval()
        torch.set_num_threads(args.threads)
        with torch.no_grad():
            theirs = model(x).numpy()
        difference = float(np.abs(theirs - ours).max())
        print("same network: max |Python - Java| = %.2e on the 512x512 output (goal <= 1e-3): %s"
              % (difference, "yes" if difference <= 1e-3 else "NO"))

        python_times = []
        rates = [gemm_rate(args.threads)]
        for _ in range(args.rounds):  # interleaved: each round runs both, so drift hits both alike
            python_times += python_round(model, x, args.runs, args.threads)
            java_times += java_round(args)[0]
            rates.append(gemm_rate(args.threads))
        rate = max(rates)
        floor = flops / rate
        java = float(np.median(java_times))
        python = float(np.median(python_times))
        print("machine: %d threads, fp32 GEMM %.0f GFLOP/s (torch.mm 2048^3, best of the run); torch %s (Python),"
              " DJL's libtorch (Java)" % (args.threads, rate / 1e9, torch.__version__))
        print("| network | GFLOPs | floor (s) | Java (s) | Java / floor | Python (s) | Python / floor | Java / Python |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        print("| RED-CNN 512x512 | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |"
              % (flops / 1e9, floor, java, java / floor, python, python / floor, java / python))
        if not args.no_seed:
            for model, runs in (("seed-compact", 3), ("seed-paper", 1)):
                seconds, seed_flops, peak = java_only(model, runs, args.threads)
                seed_floor = seed_flops / rate
                print("| SEED %s 512x512 | %.1f | %.2f | %.2f | %.1f | no Python peer | | | peak RSS %.1f GB"
                      % (model[5:], seed_flops / 1e9, seed_floor, seconds, seconds / seed_floor, peak))
        print("(medians of %d runs each; Java runs: %s; Python runs: %s)"
              % (len(java_times), " ".join("%.2f" % t for t in java_times),
                 " ".join("%.2f" % t for t in python_times)))
        return 0 if difference <= 1e-3 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
