#!/usr/bin/env python3
"""Where a Redis save's server time goes: the commit script of snapshot-redis (read from Scripts.java) against
scripts that do less, on one server, in alternating rounds, by INFO commandstats (issue 16, item 6).

    python3 snapshot-benchmarks/tools/redis-commit-cost.py [port] [saves per round] [rounds]

Needs a Redis (6.2 or 7.x) on 127.0.0.1:<port> without a password that it may FLUSHALL; run it alone on the
machine (under the build lock). Prints per variant the median EVALSHA microseconds per call (its min-max over the
rounds) and the part spent in the commands the script calls. Standard library only.
"""
import os
import re
import socket
import statistics
import struct
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / (
    "snapshot-redis/src/main/java/dev/snapshotstore/redis/internal/Scripts.java")


def commit_script():
    source = SCRIPTS.read_text()
    prelude = re.search(r'PRELUDE = """\n(.*?)""";', source, re.S).group(1)
    commit = re.search(r'COMMIT = new Script\("commit", PRELUDE \+ """\n(.*?)"""\.formatted\((\w+)\)', source, re.S)
    page = re.search(r'int PAGE = (\d+);', source).group(1)
    # the Java text block's escapes, as Java would read them
    return prelude.replace('\\\\', '\\'), commit.group(1).replace('%d', page).replace('\\\\', '\\')


class Connection:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.reader = self.sock.makefile("rb")

    @staticmethod
    def encode(*args):
        out = [b"*%d\r\n" % len(args)]
        for arg in args:
            data = arg.encode() if isinstance(arg, str) else arg
            out.append(b"$%d\r\n%s\r\n" % (len(data), data))
        return b"".join(out)

    def read(self):
        line = self.reader.readline()
        kind = line[:1]
        if kind == b"-":
            raise RuntimeError(line.decode().strip())
        if kind in b"+:":
            return line[1:].strip()
        if kind == b"$":
            size = int(line[1:])
            return None if size < 0 else self.reader.read(size + 2)[:-2]
        if kind == b"*":
            return [self.read() for _ in range(int(line[1:]))]
        raise RuntimeError("unexpected reply %r" % line)

    def call(self, *args):
        self.sock.sendall(self.encode(*args))
        return self.read()


def command_stats(connection):
    stats = {}
    for line in connection.call("INFO", "commandstats").decode().splitlines():
        if line.startswith("cmdstat_"):
            name, fields = line[len("cmdstat_"):].split(":", 1)
            values = dict(field.split("=") for field in fields.split(","))
            stats[name] = (int(values["calls"]), int(values["usec"]))
    return stats


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 6379
    saves = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    prelude, commit = commit_script()
    body_start = commit.index("local keep, ttl")
    variants = {
        "the commit script (retention 5, new head)": prelude + commit,
        "its prelude, then return": prelude + commit[:body_start] + "return {1}",
        "9 calls of PERSIST on a missing key": "for i = 1, 9 do redis.call('PERSIST', KEYS[3] .. 'x') end return {1}",
        "return at once": "return {1}",
    }
    connection = Connection(port)
    payload = os.urandom(1024)
    stem = "{bench:commit}"
    keys = [stem + "latest", stem + "versions", stem + "staging:x"]
    results = {label: [] for label in variants}
    for _ in range(rounds):
        for label, script in variants.items():
            connection.call("FLUSHALL")
            sha = connection.call("SCRIPT", "LOAD", script).decode()

            def save(version):
                member = struct.pack(">QII", version, len(payload), 0)
                connection.sock.sendall(
                    Connection.encode("SET", keys[2], payload, "PX", "60000")
                    + Connection.encode("EVALSHA", sha, "3", *keys, "5", "0", "0", member))
                connection.read()
                connection.read()

            for version in range(1, 200):  # a stream at its retention, as in steady use
                save(version)
            connection.call("CONFIG", "RESETSTAT")
            for version in range(200, 200 + saves):
                save(version)
            stats = command_stats(connection)
            evalsha = stats["evalsha"][1] / saves
            inner = sum(usec for name, (calls, usec) in stats.items()
                        if name not in ("evalsha", "set", "config|resetstat", "info")) / saves
            results[label].append((evalsha, inner))
    version = connection.call("INFO", "server").decode()
    print("redis_version " + re.search(r"redis_version:(\S+)", version).group(1)
          + f", {saves} saves per round, {rounds} rounds")
    for label, values in results.items():
        times = [value[0] for value in values]
        print(f"{label:45s} EVALSHA {statistics.median(times):6.2f} µs/call ({min(times):.2f}-{max(times):.2f}),"
              f" commands it calls {statistics.median(value[1] for value in values):5.2f} µs")


if __name__ == "__main__":
    main()
