#!/usr/bin/env python3
"""Summarises a JFR recording of a benchmark child: where CPU samples, allocations and waits are.

Usage: jfr-hotspots.py FILE.jfr [--top N] [--prefix dev.ferry.]

Needs the JDK's `jfr` tool on the PATH. Prints, for CPU samples (jdk.ExecutionSample), the top frames (self)
and the first frame of the given package prefix on each stack (inclusive, "which of our methods is the time
under"); for allocation samples (jdk.ObjectAllocationSample, weighted by bytes) the same by allocation site; and
for blocking (thread park, monitor enter/wait, socket read, file write/force) the total time by first frame
of the prefix.
"""
import collections
import json
import subprocess
import sys


def events(path, names, depth=64):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", ",".join(names), path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(frame):
    method = frame["method"]
    return (method["type"]["name"].replace("/", ".") + "." + method["name"] + ":"
            + str(frame.get("lineNumber", "?")))


def frames(event):
    trace = event["values"].get("stackTrace")
    return [] if not trace else trace["frames"]


def first_with(event, prefix, skip=()):
    for frame in frames(event):
        name = frame_name(frame)
        if name.startswith(prefix) and "$$Lambda" not in name and not any(name.startswith(s) for s in skip):
            return name
    return "(no " + prefix + " frame)"


def duration_ms(event):
    text = event["values"]["duration"]  # ISO-8601 like PT0.0123S
    return float(text[2:-1]) * 1000 if text.startswith("PT") and text.endswith("S") else 0.0


def table(title, counter, total, unit, top):
    print(f"\n## {title} (total {total:,.0f} {unit})")
    for name, value in counter.most_common(top):
        print(f"{value / total * 100 if total else 0:6.1f}%  {value:12,.0f}  {name}")


def main():
    args = sys.argv[1:]
    path = args[0]
    top = int(args[args.index("--top") + 1]) if "--top" in args else 15
    prefix = args[args.index("--prefix") + 1] if "--prefix" in args else "dev.ferry."
    bench = ("dev.ferry.bench.",)

    cpu = events(path, ["jdk.ExecutionSample"])
    self_counter = collections.Counter(frame_name(frames(e)[0]) for e in cpu if frames(e))
    ours = collections.Counter(first_with(e, prefix, bench) for e in cpu)
    threads = collections.Counter(e["values"]["sampledThread"]["javaName"] or "?" for e in cpu)
    table("CPU samples: top frames (self)", self_counter, len(cpu), "samples", top)
    table("CPU samples: under which " + prefix + " frame (first on the stack)", ours, len(cpu), "samples", top)
    table("CPU samples by thread", threads, len(cpu), "samples", top)

    alloc = events(path, ["jdk.ObjectAllocationSample"])
    by_site = collections.Counter()
    by_class = collections.Counter()
    for e in alloc:
        weight = e["values"]["weight"]
        by_site[first_with(e, prefix, bench)] += weight
        by_class[e["values"]["objectClass"]["name"]] += weight
    total = sum(by_site.values())
    table("Allocation (sampled bytes) by first " + prefix + " frame", by_site, total, "bytes", top)
    table("Allocation (sampled bytes) by class", by_class, total, "bytes", top)

    waits = events(path, ["jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.SocketRead",
                          "jdk.FileWrite", "jdk.FileForce"])
    by_wait = collections.Counter()
    for e in waits:
        if first_with(e, prefix, bench).startswith("(no"):
            continue  # pool threads idling, harness threads
        by_wait[e["type"].replace("jdk.", "") + " @ " + first_with(e, prefix, bench)] += duration_ms(e)
    table("Blocking (events above JFR's threshold) by kind and first " + prefix + " frame", by_wait,
          sum(by_wait.values()), "ms", top)


if __name__ == "__main__":
    main()
