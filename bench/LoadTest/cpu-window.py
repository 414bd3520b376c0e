#!/usr/bin/env python3
"""CPU per accepted submission over a rush's measured window, per process.

    python3 bench/LoadTest/cpu-window.py OUT &      # then, beside it:
    dotnet bench/LoadTest/bin/Release/net10.0/TitleReview.Bench.Load.dll rush ... > OUT

Reads every process's utime + stime from /proc when the generator has printed its raw rates (the measured load starts
right after) and again when it prints 'accepted N submissions', then prints CPU seconds and milliseconds per accepted
submission for PostgreSQL (all its backends), RabbitMQ, each service and the generator. Linux only.
"""
import os
import re
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def name_of(cmdline):
    if "Bench.Load" in cmdline:
        return "generator"
    service = re.search(r"TitleReview\.(\w+)\.dll", cmdline)
    if service:
        return service.group(1)
    if cmdline.startswith("postgres"):
        return "postgres"
    if "beam.smp" in cmdline:
        return "rabbitmq"
    return None


def snapshot():
    seconds = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        name = name_of(cmdline)
        if name:
            seconds[(name, pid)] = (int(fields[11]) + int(fields[12])) / HZ
    return seconds, time.monotonic()


def wait_for(path, text, start=0):
    while True:
        try:
            found = open(path, encoding="utf-8").read().find(text, start)
        except FileNotFoundError:
            found = -1
        if found >= 0:
            return found
        time.sleep(0.2)


def main(path):
    begun = wait_for(path, "raw RabbitMQ")
    before, t0 = snapshot()
    wait_for(path, "\naccepted ", begun)
    after, t1 = snapshot()
    accepted = int(re.search(r"\naccepted ([\d,]+) submissions", open(path, encoding="utf-8").read()).group(1).replace(",", ""))
    per_name = {}
    for key, value in after.items():
        # A process started inside the window counts from zero; one that ended inside it is not seen (none should).
        per_name[key[0]] = per_name.get(key[0], 0) + value - before.get(key, 0)
    print(f"window {t1 - t0:.1f} s, {accepted:,} accepted, {os.cpu_count()} cores")
    for name, value in sorted(per_name.items(), key=lambda item: -item[1]):
        print(f"{name:12s} {value:7.1f} s  {1000 * value / accepted:6.2f} ms per submission")
    total = sum(per_name.values())
    print(f"{'all':12s} {total:7.1f} s  {1000 * total / accepted:6.2f} ms per submission")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
