#!/usr/bin/env python3
"""Totals a libtorch profile (Chrome trace JSON, from `network-benchmark --profile` or PyTorch's
torch.profiler ... export_chrome_trace) per operator: self time is not in the trace, so this sums each
event's duration minus the durations of the events nested directly inside it on the same thread.

Usage: tools/profile-summary.py TRACE.json [--top 15]
"""
import argparse
import collections
import json


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trace")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    with open(args.trace) as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    ops = [e for e in events if e.get("ph") == "X" and "dur" in e]
    by_thread = collections.defaultdict(list)
    for e in ops:
        by_thread[e.get("tid")].append(e)
    own = collections.Counter()
    calls = collections.Counter()
    for thread in by_thread.values():
        thread.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []
        for e in thread:
            while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
                stack.pop()
            if stack:
                own[stack[-1]["name"]] -= e["dur"]  # nested: not the parent's own time
            own[e["name"]] += e["dur"]
            calls[e["name"]] += 1
            stack.append(e)
    total = sum(own.values())
    print("%-36s %10s %7s %8s" % ("operator", "self ms", "share", "calls"))
    for name, micros in own.most_common(args.top):
        print("%-36s %10.1f %6.1f%% %8d" % (name[:36], micros / 1e3, 100.0 * micros / total, calls[name]))
    print("%-36s %10.1f" % ("total", total / 1e3))


if __name__ == "__main__":
    main()
