#!/usr/bin/env python3
"""Peer benchmark (issue 18): the same network, the same weights and the same 512x512 input, timed in
our Java path (DJL over libtorch) and in PyTorch from Python (Debian's python3-torch), interleaved, with
the machine's fp32 GEMM rate measured in the same run, so that every figure is a ratio:

    floor = FLOPs / GEMM rate,   fraction of the floor = floor / time,   Java / Python = time ratio

Two networks have a Python peer: RED-CNN and LangMamba's compact SEED (tools/seed_peer.py, with the
selective scan as mamba_ssm's reference loop: the authors' fused scan is CUDA only), each with the
shipped weights. The paper-size SEED is timed in Java only, against the same floor, with its peak
resident memory (it must fit in 8 GB).

Usage: /usr/bin/python3 tools/peer-benchmark.py [--rounds 3] [--runs 2] [--threads 2] [--no-seed]
Needs the built workstation (mvn install) and Debian's python3-torch, python3-numpy (hence /usr/bin/python3,
not another interpreter on the PATH). Prints one table.
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seed_peer  # noqa: E402  (beside this script)

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


# The networks with a Python peer: table name, network-benchmark model, shipped weights, peer class.
PEERS = (
    ("RED-CNN 512x512 (shipped weights)", "redcnn", "src-resources/models/denoiser/redcnn.lmmd",
     lambda arrays: RedCnn(arrays)),
    ("LangMamba 512x512 (SEED compact, shipped weights)", "seed-compact",
     "src-resources/models/denoiser/langmamba-seed-compact.lmmd", lambda arrays: seed_peer.Seed(arrays)),
)


def java_round(args, model, weights, export=None):
    """Runs our network-benchmark once (its own warm-up, then --runs timed runs); returns the run times."""
    command = [LANGMAMBA, "network-benchmark", "--models", model, "--runs", str(args.runs), "--device", "CPU",
               "--weights", os.path.join(ROOT, weights)]
    if export:
        command += ["--export", export]
    env = dict(os.environ, JAVA_TOOL_OPTIONS="-Dai.djl.pytorch.num_threads=%d" % args.threads)
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith(model))
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
    parser.add_argument("--no-seed", action="store_true", help="no paper-size SEED row (it takes minutes)")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="peer-benchmark-")
    try:
        torch.set_num_threads(args.threads)
        networks = []
        same = True
        for title, model, weights, peer in PEERS:
            java_times, flops = java_round(args, model, weights, export=os.path.join(work, model))
            folder = os.path.join(work, model, model)
            arrays = {f[:-4]: np.load(os.path.join(folder, f)) for f in os.listdir(folder)
                      if f.endswith(".npy") and f not in ("input.npy", "output.npy")}
            x = torch.from_numpy(np.load(os.path.join(folder, "input.npy")))
            ours = np.load(os.path.join(folder, "output.npy"))
            network = peer(arrays).eval()
            with torch.no_grad():
                theirs = network(x).numpy()
            difference = float(np.abs(theirs - ours).max())
            same = same and difference <= 1e-3
            print("%s, same network: max |Python - Java| = %.2e on the 512x512 output (goal <= 1e-3): %s"
                  % (title, difference, "yes" if difference <= 1e-3 else "NO"))
            networks.append({"title": title, "model": model, "weights": weights, "peer": network, "x": x,
                             "flops": flops, "java": java_times, "python": []})

        rates = [gemm_rate(args.threads)]
        for _ in range(args.rounds):  # interleaved: each round runs every network both ways
            for n in networks:
                n["python"] += python_round(n["peer"], n["x"], args.runs, args.threads)
                n["java"] += java_round(args, n["model"], n["weights"])[0]
            rates.append(gemm_rate(args.threads))
        rate = max(rates)
        print("machine: %d threads, fp32 GEMM %.0f GFLOP/s (torch.mm 2048^3, best of the run); torch %s (Python),"
              " DJL's libtorch (Java)" % (args.threads, rate / 1e9, torch.__version__))
        print("| network | GFLOPs | floor (s) | Java (s) | Java / floor | Python (s) | Python / floor | Java / Python |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for n in networks:
            floor = n["flops"] / rate
            java = float(np.median(n["java"]))
            python = float(np.median(n["python"]))
            print("| %s | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |"
                  % (n["title"], n["flops"] / 1e9, floor, java, java / floor, python, python / floor, java / python))
        if not args.no_seed:
            seconds, seed_flops, peak = java_only("seed-paper", 1, args.threads)
            seed_floor = seed_flops / rate
            print("| SEED paper 512x512 (random weights) | %.1f | %.2f | %.2f | %.1f | no Python peer | | |"
                  " peak RSS %.1f GB" % (seed_flops / 1e9, seed_floor, seconds, seconds / seed_floor, peak))
        for n in networks:
            print("%s: medians of %d runs each; Java runs: %s; Python runs: %s"
                  % (n["title"], len(n["java"]), " ".join("%.2f" % t for t in n["java"]),
                     " ".join("%.2f" % t for t in n["python"])))
        return 0 if same else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
