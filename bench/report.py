#!/usr/bin/env python3
"""Writes the "## Chat load" section of docs/performance.md from compare.sh's results.

Usage: report.py RESULTS_DIR DOC. RESULTS_DIR holds, per run, SERVER-WORKLOAD-MODE.json (classcord-bench's
figures), SERVER-WORKLOAD-MODE.start (launch to first accepted connection, idle RSS) and run.meta
(what compare.sh ran with). Only that section of DOC is replaced (other sections are left alone);
inside it, a "### Notes" subsection written by hand is kept from one run to the next.
"""
import datetime
import json
import pathlib
import re
import statistics
import sys

results_dir, doc_path = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
meta = dict(line.split("=", 1) for line in (results_dir / "run.meta").read_text().splitlines() if "=" in line)

SERVERS = ("classcord", "ngircd", "inspircd")
WORKLOADS = ("W1", "W2", "W2x", "W3", "W3a", "W4")
MODES = ("cold", "warm")

results = {}
for path in sorted(results_dir.glob("*.json")):
    server, workload, mode = path.stem.rsplit("-", 2)
    data = json.loads(path.read_text())
    start = path.with_suffix(".start")
    if start.exists():
        data.update(json.loads(start.read_text()))
    results[(workload, server, mode)] = data

servers = [s for s in SERVERS if any(k[1] == s for k in results)]
peers = [s for s in servers if s != "classcord"]
workloads = [w for w in WORKLOADS if any(k[0] == w for k in results)]
modes = [m for m in MODES if any(k[1] == "classcord" and k[2] == m for k in results)]


def get(workload, server, mode, key):
    value = results.get((workload, server, mode), {}).get(key)
    return None if value is None or value < 0 else value


def fmt(value, digits=1):
    if value is None:
        return "n/a"
    if abs(value) >= 1000 or (isinstance(value, int) and abs(value) >= 100):
        return f"{round(value):,}".replace(",", " ")
    return f"{value:.{digits}f}"


def joined_seconds(r):
    """W3a's clients are its accounts: their phase (register, log in, join) is the storm's time."""
    return r["loginSeconds"] if r["accounts"] and not r["clients"] else r["connectSeconds"]


def launcher_defaults():
    """The JVM options bin/classcord gives before CLASSCORD_JAVA_OPTS, as its script states them."""
    try:
        script = pathlib.Path(meta["launcher"]).read_text()
    except OSError:
        return None
    found = re.search(r'^jvm_defaults="(.*)"$', script, re.MULTILINE)
    if not found:
        return None
    # $gc is the launcher's collector unless CLASSCORD_JAVA_OPTS names another.
    gc = re.search(r'gc="(-[^"]+)"', script)
    return found.group(1).replace("$gc", gc.group(1) if gc else "").strip()


def java_settings():
    defaults = launcher_defaults()
    text = "the image's launcher `bin/classcord --config FILE` with its own JVM options"
    text += f" (`{defaults}`)" if defaults else " (see `bin/classcord`)"
    text += ", the AOT cache of the image" if meta.get("aot_cache") == "yes" else ", no AOT cache in the image"
    opts = meta.get("java_opts", "")
    return text + (f", `CLASSCORD_JAVA_OPTS={opts}` after them" if opts else ", no `CLASSCORD_JAVA_OPTS`")


def peer_settings():
    described = {"ngircd": f"{meta.get('ngircd') or 'ngircd'} (`MaxPenaltyTime = 0`, `MaxConnectionsIP = 0`)",
                 "inspircd": f"inspircd {meta.get('inspircd')} (`threshold`/`commandrate` 10^8, `fakelag=\"no\"`)"}
    if not peers:
        return ""
    return ("Peers (Debian packages, flood limits raised): " + ", ".join(described[p] for p in peers) + ". ")


argon2_kib, argon2_iterations = meta.get("argon2_kib", "?"), meta.get("argon2_iterations", "?")
production = (argon2_kib, argon2_iterations) == ("19456", "2")
lines = ["## Chat load", ""]
lines.append(
    f"Measured by `bench/compare.sh` on {datetime.date.today().isoformat()}: {meta.get('cores')} cores, Linux "
    f"{meta.get('kernel')}, server and load generator (`bin/classcord-bench` of the image) on the same machine over "
    f"127.0.0.1 (other jobs may run on the machine too, so figures vary by some tens of percent between runs). "
    f"{peer_settings()}Classcord: {java_settings()}; persistence on (SQLite WAL, `synchronous: FULL`); Argon2id "
    f"{argon2_kib} KiB and {argon2_iterations} iterations{' (production)' if production else ''}, except W3a: "
    f"{meta.get('cheap_argon2_kib')} KiB and {meta.get('cheap_argon2_iterations')} iteration (the least the "
    f"configuration accepts); one activity-log line per message; admin API on; `messages-per-second: "
    f"{meta.get('rate')}`, per-address, registration and channel-creation limits off, `outbound-queue-bytes: "
    f"16777216`.")
lines.append("")
lines.append("Repeat with:")
lines.append("")
lines.append("```sh")
lines.append("bench/compare.sh                          # image build, all workloads, all three servers (~20 min)")
lines.append("SKIP_BUILD=1 WORKLOADS=\"W1 W3\" SERVERS=\"classcord ngircd\" bench/compare.sh   # a subset, image as built")
lines.append("```")
lines.append("")
lines.append("The build guards the delivery path between these runs: `modules/delivery-bench` (in `./mvnw -B verify`) "
             "runs W1 warm against the image and prints `delivery benchmark: ...` with its figures, its budget and a "
             "verdict; it fails on a lost or misdelivered message, never on speed.")
lines.append("")
lines.append(
    "Workloads: W1 classroom (30 clients, 1 channel, 200 messages each, as fast as possible with 10 in flight per "
    "sender); W2 school (500 clients, 10 channels, 1 message/s each for 20 s); W2x (5000 clients, 50 channels, "
    "1 message/s for 20 s); W3 connect storm (2000 guests at once, each identifying and joining one of 20 channels; "
    "IRC: nicks); W3a the same storm of 2000 accounts, each registering, logging in and joining (Classcord only); W4 "
    "10 000 idle connections held. Every run is a freshly started server: `cold` is recorded at once, `warm` after "
    "an unrecorded W1 of 1000 messages per client (870 000 deliveries: the JIT warm-up of a Java server); the peers "
    "(native code) run cold only. Latency is from the sender's write to the receiver's read. `joined s`: time until "
    "every client of the storm is connected (and joined: W1 to W3a); `failed`: clients whose connection, "
    "identification, login or join was refused or not answered within 60 s. `first conn. ms`: from the launch of the server to its chat port accepting a "
    f"connection; `idle RSS`: {meta.get('idle_seconds', '?')} s later; `peak RSS`: the process's VmHWM over the "
    "recorded run (reset after start-up and warm-up); `end RSS`: at the end of the recorded run, clients still "
    "connected.")
lines.append("")
lines.append("| workload | server | mode | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms | lost | dup/misrouted/echoed "
             "| joined s | failed | first conn. ms | idle RSS MiB | peak RSS MiB | end RSS MiB | server CPU s "
             "| CPU s per million |")
lines.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
             "| ---: | ---: | ---: |")
for w in workloads:
    for s in servers:
        for m in MODES:
            r = results.get((w, s, m))
            if r is None:
                continue
            chat = r["expected"] > 0
            lines.append("| " + " | ".join([
                w, s, m,
                fmt(r["deliveriesPerSecond"], 0) if chat else "-",
                fmt(r["p50Ms"], 2) if chat else "-",
                fmt(r["p99Ms"], 2) if chat else "-",
                fmt(r["p999Ms"], 2) if chat else "-",
                fmt(r["maxMs"], 1) if chat else "-",
                f'{r["lost"]} of {r["expected"]}' if chat else "-",
                f'{r["duplicates"]}/{r["misrouted"]}/{r["echoed"]}' if chat else "-",
                fmt(joined_seconds(r), 2),
                str(r["connectFailures"]),
                fmt(get(w, s, m, "firstConnectMs"), 0),
                fmt(get(w, s, m, "idleRssMiB"), 0),
                fmt(get(w, s, m, "serverPeakRssMiB"), 0),
                fmt(get(w, s, m, "serverRssMiB"), 0),
                fmt(get(w, s, m, "serverCpuSeconds"), 2),
                fmt(get(w, s, m, "cpuSecondsPerMillion"), 2) if chat else "-",
            ]) + " |")
lines.append("")


def best_peer(w, key, lowest):
    """(value, peer) of the best peer for a figure, or (None, None) if no peer has it."""
    values = [(get(w, p, "cold", key), p) for p in peers if get(w, p, "cold", key) is not None]
    if not values:
        return None, None
    return min(values) if lowest else max(values)


if peers and "classcord" in servers and modes:
    lines.append("Ratios Classcord / best peer (above 1 is better for deliveries/s, below 1 is better for the others):")
    lines.append("")
    lines.append("| figure | best peer | " + " | ".join(f"Classcord {m} / best peer" for m in modes) + " |")
    lines.append("| --- | --- | " + " | ".join("---:" for _ in modes) + " |")
    for w, key, label, lowest in (("W1", "deliveriesPerSecond", "W1 deliveries/s", False),
                                  ("W1", "p99Ms", "W1 p99", True),
                                  ("W1", "cpuSecondsPerMillion", "W1 CPU per million deliveries", True),
                                  ("W1", "serverPeakRssMiB", "W1 peak RSS", True),
                                  ("W2", "p99Ms", "W2 p99", True),
                                  ("W2", "cpuSecondsPerMillion", "W2 CPU per million deliveries", True),
                                  ("W2x", "p99Ms", "W2x p99", True),
                                  ("W3", "connectSeconds", "W3 2000 guests joined, time", True),
                                  ("W3", "serverCpuSeconds", "W3 server CPU", True),
                                  ("W4", "serverRssMiB", "W4 RSS with 10 000 connections", True)):
        theirs, peer = best_peer(w, key, lowest)
        if theirs is None:
            continue
        cells = []
        for m in modes:
            mine = get(w, "classcord", m, key)
            cells.append("n/a" if mine is None or not theirs else f"{mine / theirs:.2f}")
        lines.append(f"| {label} | {peer} ({fmt(theirs, 2)}) | " + " | ".join(cells) + " |")
    lines.append("")

if "classcord" in servers and modes:
    lines.append("Issue 12's targets (Classcord, computed from this run):")
    lines.append("")
    lines.append("| target | " + " | ".join(modes) + " |")
    lines.append("| --- | " + " | ".join("---" for _ in modes) + " |")

    def verdict(text, ok):
        return f"{text}: {'met' if ok else '**missed**'}"

    def target(label, cell):
        cells = [cell(m) for m in modes]
        if any(c is not None for c in cells):
            lines.append(f"| {label} | " + " | ".join(c or "n/a" for c in cells) + " |")

    def mine(w, m):
        return results.get((w, "classcord", m))

    def w1_rate(m):
        v, (b, p) = get("W1", "classcord", m, "deliveriesPerSecond"), best_peer("W1", "deliveriesPerSecond", False)
        if v is None:
            return None
        ok = v >= 450_000 and (b is None or v >= b)
        return verdict(f"{fmt(v, 0)}/s" + (f" vs {p}'s {fmt(b, 0)}/s" if b is not None else " (no peer in the run)"), ok)

    def w1_p99(m):
        v = get("W1", "classcord", m, "p99Ms")
        return None if v is None else verdict(f"{v:.1f} ms", v <= 40)

    def w1_cpu(m):
        v, (b, p) = get("W1", "classcord", m, "cpuSecondsPerMillion"), best_peer("W1", "cpuSecondsPerMillion", True)
        if v is None or b is None:
            return None
        return verdict(f"{v:.2f} s vs {p}'s {b:.2f} s ({v / b:.1f}x)", v <= 2 * b)

    def w2(m):
        r = mine("W2", m)
        if r is None:
            return None
        return verdict(f"p99 {r['p99Ms']:.2f} ms, {r['lost']} lost", r["p99Ms"] <= 2 and r["lost"] == 0)

    def w2x(m):
        r = mine("W2x", m)
        if r is None:
            return None
        return verdict(f"{r['connectFailures']} refused or unanswered, {r['lost']} lost",
                       r["connectFailures"] == 0 and r["lost"] == 0)

    def storm(w):
        def cell(m):
            r = mine(w, m)
            if r is None:
                return None
            t = joined_seconds(r)
            return verdict(f"{t:.2f} s, {r['connectFailures']} failed", t <= 1.5 and r["connectFailures"] == 0)
        return cell

    def idle_rss(m):
        values = [get(w, "classcord", m, "idleRssMiB") for w in workloads]
        values = [v for v in values if v is not None]
        if not values:
            return None
        return verdict(f"{max(values):.0f} MiB (highest of {len(values)} starts)", max(values) <= 96)

    def w1_w2_rss(m):
        values = [(get(w, "classcord", m, "serverPeakRssMiB"), w) for w in ("W1", "W2")]
        values = [v for v in values if v[0] is not None]
        if not values:
            return None
        return verdict(", ".join(f"{w} {v:.0f} MiB" for v, w in values), max(v for v, _ in values) <= 128)

    def w4_rss(m):
        r = mine("W4", m)
        if r is None or r["serverRssMiB"] < 0:
            return None
        return verdict(f"{r['serverRssMiB']:.0f} MiB with {r['idle'] - r['connectFailures']} held "
                       f"(peak {r['serverPeakRssMiB']:.0f})", r["serverRssMiB"] <= 160 and r["connectFailures"] == 0)

    def first_connection(m):
        values = [get(w, "classcord", m, "firstConnectMs") for w in workloads]
        values = [v for v in values if v is not None]
        if not values:
            return None
        median = statistics.median(values)
        return verdict(f"median {median:.0f} ms of {len(values)} starts (max {max(values):.0f})", median <= 500)

    target("W1 deliveries/s at least the best peer's and at least 450 000", w1_rate)
    target("W1 p99 at most 40 ms", w1_p99)
    target("W1 server CPU per million deliveries at most twice the best peer's", w1_cpu)
    target("W2 p99 at most 2 ms, nothing lost (`synchronous: FULL`)", w2)
    target("W2x every connection accepted, nothing lost", w2x)
    target("W3 2000 guests joined in at most 1.5 s", storm("W3"))
    target("W3a 2000 accounts (cheap hash) registered, logged in and joined in at most 1.5 s", storm("W3a"))
    target("RSS at most 96 MiB idle (after start)", idle_rss)
    target("RSS at most 128 MiB through W1 and W2 (peak)", w1_w2_rss)
    target("RSS at most 160 MiB with 10 000 idle connections (W4, held)", w4_rss)
    target("First accepted chat connection within 0.5 s of the launch", first_connection)
    lines.append("")

text = doc_path.read_text() if doc_path.exists() else "# Performance\n"
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
doc_path.write_text(text.rstrip() + "\n")
