#!/usr/bin/env python3
"""`dossier serve` under abuse, on loopback: the figures of BENCHMARKS.md "Hardening".

    scripts/bench_serve_abuse.py DOSSIER STORE [CASE ...]

DOSSIER is the binary, STORE a built store. Cases (all by default):

  slowloris  300 sockets from 127.0.0.1 each sending one header line every 2 s for 30 s; a
             client from 127.0.0.2 queries every 0.5 s: its slowest answer, and how the 300
             fared (refused at once, cut off at the header deadline)
  idle       2,000 idle connections from 127.0.0.1; then a query from 127.0.0.2
  bodies     8 concurrent 60 MB bodies, with the defaults and with --max-body 64M
             --max-body-memory 64M: answers and the server's peak resident memory
  runaway    the runaway queries of issue 24 with --timeout 5: time to the answer, the
             resident memory of the server and its query worker processes (peak while the
             query ran, and after), CPU time of query threads in the server itself

Each case starts its own server on a free port and stops it with SIGTERM.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, dossier, store, *args):
        self.port = free_port()
        self.process = subprocess.Popen(
            [dossier, "serve", "--store", store, "--bind", f"127.0.0.1:{self.port}", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("the server did not listen")

    def status(self, field):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) // 1024  # MB
        return 0

    def query_cpu_seconds(self):
        """CPU seconds of the threads named 'dossier query' (workers)."""
        total = 0
        tick = os.sysconf("SC_CLK_TCK")
        for task in os.listdir(f"/proc/{self.process.pid}/task"):
            try:
                with open(f"/proc/{self.process.pid}/task/{task}/comm") as f:
                    if f.read().strip() != "dossier query":
                        continue
                with open(f"/proc/{self.process.pid}/task/{task}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                    total += (int(fields[11]) + int(fields[12])) / tick
            except OSError:
                pass
        return total

    def tree_rss(self):
        """Resident MB of the server and its worker processes, and how many workers."""
        total, workers = self.status("VmRSS"), 0
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                if ppid != self.process.pid:
                    continue
                with open(f"/proc/{pid}/status") as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1]) // 1024
                            workers += 1
            except (OSError, IndexError, ValueError):
                pass
        return total, workers

    def query_threads(self):
        n = 0
        for task in os.listdir(f"/proc/{self.process.pid}/task"):
            try:
                with open(f"/proc/{self.process.pid}/task/{task}/comm") as f:
                    n += f.read().strip() == "dossier query"
            except OSError:
                pass
        return n

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()


def request(port, raw, source="127.0.0.1", timeout=120):
    """Sends raw bytes, reads the answer to its end: (status, seconds, body)."""
    started = time.time()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(source, 0)) as s:
            s.sendall(raw)
            chunks = []
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
    except OSError as e:
        return (0, time.time() - started, str(e))
    answer = b"".join(chunks).decode("utf-8", "replace")
    try:
        status = int(answer.split()[1])
    except (IndexError, ValueError):
        status = 0
    return (status, time.time() - started, answer.split("\r\n\r\n", 1)[-1])


def sparql(query):
    q = urllib.parse.quote(query)
    return f"GET /sparql?query={q} HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\nConnection: close\r\n\r\n".encode()


CHEAP = sparql("SELECT (COUNT(*) AS ?n) WHERE { ?d a dos:Document }")


def slowloris(dossier, store):
    server = Server(dossier, store)
    sockets, refused, cut = [], 0, 0
    for _ in range(300):
        s = socket.create_connection(("127.0.0.1", server.port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        sockets.append(s)
    latencies, stop = [], time.time() + 30
    answered = []

    def trickle():
        nonlocal refused, cut
        line = 0
        alive = list(sockets)
        while time.time() < stop and alive:
            still = []
            for s in alive:
                try:
                    s.sendall(f"X-{line}: y\r\n".encode())
                    still.append(s)
                except OSError:
                    pass
            alive = still
            line += 1
            time.sleep(2)

    t = threading.Thread(target=trickle)
    t.start()
    while time.time() < stop:
        status, seconds, _ = request(server.port, CHEAP, source="127.0.0.2")
        answered.append(status)
        latencies.append(seconds)
        time.sleep(0.5)
    t.join()
    for s in sockets:
        s.settimeout(0.05)
        try:
            data = s.recv(4096)
        except OSError:
            data = b""
        if data.startswith(b"HTTP/1.1 503"):
            refused += 1
        elif data.startswith(b"HTTP/1.1 408"):
            cut += 1
        s.close()
    same = request(server.port, CHEAP)
    server.stop()
    print(
        f"slowloris: 300 sockets, {refused} refused at once (503), {cut} cut off at the header deadline (408); "
        f"a client from 127.0.0.2: {len(latencies)} queries, {answered.count(200)} answered 200, "
        f"slowest {max(latencies):.3f} s, median {sorted(latencies)[len(latencies) // 2]:.3f} s; "
        f"after: a query from 127.0.0.1 {same[0]} in {same[1]:.3f} s"
    )


def idle(dossier, store):
    server = Server(dossier, store)
    sockets = []
    started = time.time()
    for _ in range(2000):
        try:
            sockets.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
        except OSError:
            break
    opened = time.time() - started
    status, seconds, _ = request(server.port, CHEAP, source="127.0.0.2")
    refused = 0
    for s in sockets:
        s.settimeout(0.01)
        try:
            refused += s.recv(64).startswith(b"HTTP/1.1 503")
        except OSError:
            pass
        s.close()
    rss = server.status("VmHWM")
    server.stop()
    print(
        f"idle: {len(sockets)} connections opened in {opened:.2f} s, {refused} refused at once (503); "
        f"a query from 127.0.0.2: {status} in {seconds:.3f} s; server peak {rss} MB"
    )


def bodies(dossier, store):
    body = b"ASK { ?s ?p ?o }" + b" " * (60_000_000 - 16)
    head = (
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        f"Accept: text/csv\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    for args in [[], ["--max-body", "64M", "--max-body-memory", "64M"]]:
        server = Server(dossier, store, *args)
        results = []

        def send():
            results.append(request(server.port, head + body))

        started = time.time()
        threads = [threading.Thread(target=send) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.time() - started
        rss = server.status("VmHWM")
        server.stop()
        statuses = sorted(r[0] for r in results)
        print(f"bodies {' '.join(args) or '(defaults)'}: 8 x 60 MB -> {statuses} in {seconds:.1f} s; server peak {rss} MB")


RUNAWAYS = [
    ("path", "SELECT (COUNT(*) AS ?n) WHERE { ?s (<http://x/p>|!<http://x/p>)* ?o }"),
    ("cross join", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"),
    (
        "two paths",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s (<http://x/p>|!<http://x/p>)* ?o . ?x (<http://x/p>|!<http://x/p>)* ?y }",
    ),
]


def runaway(dossier, store):
    for name, query in RUNAWAYS:
        server = Server(dossier, store, "--timeout", "5")
        time.sleep(1)
        peak, running = [0], [True]

        def sample():
            while running[0]:
                peak[0] = max(peak[0], server.tree_rss()[0])
                time.sleep(0.1)

        sampler = threading.Thread(target=sample)
        sampler.start()
        results = {}
        runaway_thread = threading.Thread(target=lambda: results.update(runaway=request(server.port, sparql(query))))
        runaway_thread.start()
        time.sleep(2)
        results["cheap"] = request(server.port, CHEAP)
        runaway_thread.join()
        (status, seconds, _), cheap = results["runaway"], results["cheap"]
        after = {}
        for wait in (1, 5, 30):
            time.sleep(wait - (max(after) if after else 0))
            rss, workers = server.tree_rss()
            after[wait] = (rss, workers, server.query_threads(), server.query_cpu_seconds())
        running[0] = False
        sampler.join()
        server.stop()
        print(
            f"runaway {name}: {status} in {seconds:.2f} s; a cheap query meanwhile {cheap[0]} in {cheap[1]:.3f} s; "
            f"peak while it ran {peak[0]} MB (server and workers); after: "
            + "; ".join(
                f"+{w} s {r} MB, {k} workers, {n} query threads ({c:.1f} CPU s)" for w, (r, k, n, c) in after.items()
            )
        )


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    dossier, store = sys.argv[1], sys.argv[2]
    cases = sys.argv[3:] or ["slowloris", "idle", "bodies", "runaway"]
    for case in cases:
        globals()[case](dossier, store)


if __name__ == "__main__":
    main()
