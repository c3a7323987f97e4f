"""Load benchmark (not a test): the four situations of issue 13, for our server and Virtuoso.

1. 4 clients send cheap queries;
2. the same while 2 more clients (other loopback addresses) send a pathological query
   (`SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a`) again and again;
3. 48 clients at once (with wrk: for three times the situation's length; else 40 queries each);
4. 30 connections send half a request and stall; then 4 clients send cheap queries.

The cheap load comes from wrk (Debian's `wrk`: C, an event loop per thread, so the load
generator takes little of the two cores from the servers) when it is installed, else from
Python threads (`--client python`), which cost about 0.4 ms of CPU per request themselves.

Every cheap query carries a unique comment, so no result cache answers it (a line below also
shows cached repeats). Loopback only, bounded in count and time; the servers it starts are
stopped at the end. Virtuoso (`virtuoso-t`, Debian's virtuoso-opensource) runs side by side
when it is installed: its own instance on a free port in a temporary folder, loaded with the
same files. Run with `make bench-load` (about two minutes).
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from server.store.files import discover  # noqa: E402

CHEAP = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?thing ?label {{ ?thing rdfs:label ?label }} ORDER BY ?thing LIMIT 10 # {n}"
)
CACHED = CHEAP.format(n="repeat")
PATHOLOGICAL = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a"
ACCEPT = "application/sparql-results+json"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Tally:
    """Latencies of answered requests and the count of the others, by status."""

    seconds: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int | str, seconds: float) -> None:
        with self.lock:
            if status == 200:
                self.seconds.append(seconds)
            else:
                self.errors[str(status)] = self.errors.get(str(status), 0) + 1

    def line(self, wall: float) -> str:
        done = len(self.seconds)
        failed = sum(self.errors.values())
        if not done:
            return f"0 answered, {failed} failed {self.errors}"
        ordered = sorted(self.seconds)
        p99 = ordered[min(done - 1, int(done * 0.99))]
        text = (
            f"{done / wall:6.0f} req/s, p50 {statistics.median(ordered) * 1000:6.1f} ms, "
            f"p99 {p99 * 1000:7.1f} ms, {done} answered, {failed} failed"
        )
        return text + (f" {self.errors}" if failed else "")


class Client:
    """One keep-alive HTTP connection from a given loopback address."""

    def __init__(self, port: int, path: str, source: str = "127.0.0.1", timeout: float = 60):
        self.port, self.path, self.source, self.timeout = port, path, source, timeout
        self.connection: http.client.HTTPConnection | None = None

    def query(self, text: str) -> int | str:
        for attempt in range(2):  # a keep-alive connection the server closed: one new try
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=self.timeout, source_address=(self.source, 0)
                )
            try:
                self.connection.request(
                    "GET", f"{self.path}?query={quote(text)}", headers={"Accept": ACCEPT}
                )
                response = self.connection.getresponse()
                response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status
            except (ConnectionError, http.client.HTTPException, OSError) as exc:
                self.close()
                if attempt or isinstance(exc, TimeoutError):
                    return type(exc).__name__
        return "unreachable"

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


_counter = iter(range(10**9))
_counter_lock = threading.Lock()


def cheap_query() -> str:
    with _counter_lock:
        return CHEAP.format(n=next(_counter))


def cheap_clients(port, path, clients: int, seconds: float, per_client: int, tally: Tally):
    """`clients` threads, each sending cheap queries until `per_client` or `seconds` ran out."""
    deadline = time.monotonic() + seconds

    def run():
        client = Client(port, path)
        for _ in range(per_client):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            status = client.query(cheap_query())
            tally.add(status, time.perf_counter() - started)
        client.close()

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


WRK_SCRIPT = """
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  counter = 0
end
function request()
  counter = counter + 1
  local target = unique and (prefix .. id .. "-" .. counter) or prefix
  return wrk.format("GET", target, {["Accept"] = accept})
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


def wrk(port: int, path: str, connections: int, seconds: float, unique: bool = True) -> str:
    """`connections` kept-alive connections sending cheap queries for `seconds` with wrk (C,
    one event loop per thread: a load generator that costs the server's cores little), each
    query made unique by the run and a counter in its comment, unless `unique` is false (then
    one query, repeated: cache hits)."""
    # the run's number in every query: wrk's counters start at 0 in each run, and a repeat of
    # an earlier run's queries would be answered by the result cache
    fresh = CHEAP.format(n=f"run{next(_counter)}-")
    prefix = f"{path}?query={quote(fresh if unique else CACHED)}"
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    header = f"unique = {'true' if unique else 'false'}\naccept = {ACCEPT!r}\nprefix = {prefix!r}\n"
    script.write_text(header + WRK_SCRIPT, encoding="utf-8")
    try:
        done = subprocess.run(
            [
                "wrk",
                "-t",
                str(min(2, connections)),
                "-c",
                str(connections),
                "-d",
                f"{seconds:g}s",
                "--timeout",
                "60s",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}/",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 120,
        )
    finally:
        script.unlink()
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRK ")), None)
    if line is None:
        return f"wrk failed: {done.stderr.strip()[:100]}"
    requests, micros, p50, p99, non_2xx, errors = (int(x) for x in line.split()[1:])
    answered = requests - non_2xx
    if not answered:
        return f"0 answered in {seconds:g} s ({non_2xx + errors} failed, the rest unanswered)"
    text = (
        f"{answered / (micros / 1e6):6.0f} req/s, p50 {p50 / 1000:6.1f} ms, "
        f"p99 {p99 / 1000:7.1f} ms, {answered} answered, {non_2xx + errors} failed"
    )
    return text


def situations(port: int, path: str, seconds: float, use_wrk: bool) -> list[tuple[str, str]]:
    def cheap(clients: int, duration: float, per_client: int) -> str:
        if use_wrk:
            return wrk(port, path, clients, duration)
        tally = Tally()
        return tally.line(cheap_clients(port, path, clients, duration, per_client, tally))

    rows = []
    warm = Tally()
    cheap_clients(port, path, 2, 2, 50, warm)  # warm-up, not reported
    if use_wrk:
        wrk(port, path, 4, 3)  # and as long again under load, as the first situation runs
    rows.append(("4 clients, cheap queries", cheap(4, seconds, 10**6)))

    if use_wrk:
        rows.append(("1 client, one cheap query repeated", wrk(port, path, 1, 2, unique=False)))
    else:
        cached = Tally()
        client = Client(port, path)
        begun = time.monotonic()
        for _ in range(200):
            started = time.perf_counter()
            cached.add(client.query(CACHED), time.perf_counter() - started)
        client.close()
        rows.append(("1 client, one cheap query repeated", cached.line(time.monotonic() - begun)))

    heavy, stop = Tally(), threading.Event()

    def pathological(source: str) -> None:
        client = Client(port, path, source, timeout=120)
        while not stop.is_set():
            started = time.perf_counter()
            status = client.query(PATHOLOGICAL)
            heavy.add(status, time.perf_counter() - started)
            if status != 200:
                stop.wait(1)  # as a client that honours Retry-After would, briefly
        client.close()

    threads = [threading.Thread(target=pathological, args=(a,)) for a in ("127.0.0.2", "127.0.0.3")]
    for thread in threads:
        thread.start()
    time.sleep(1.5)  # both past any fast budget
    line = cheap(4, seconds, 10**6)
    stop.set()
    rows.append(("the same while 2 clients send a pathological query", line))
    heavy_row = len(rows)
    rows.append(("  (the pathological queries' answers)", ""))

    burst = "48 clients at once" + (f" ({seconds * 3:g} s)" if use_wrk else " (40 queries each)")
    rows.append((burst, cheap(48, seconds * 3, 40)))

    stalled = []
    for _ in range(30):
        sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        sock.sendall(f"GET {path}?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n".encode())
        stalled.append(sock)
    time.sleep(0.2)
    rows.append(("30 stalled half-requests, then cheap queries", cheap(4, 3, 5)))
    for sock in stalled:
        sock.close()
    for thread in threads:
        thread.join(130)
    outcomes = dict(heavy.errors)
    if heavy.seconds:
        outcomes["200"] = len(heavy.seconds)
    rows[heavy_row] = (rows[heavy_row][0], str(outcomes))
    return rows


def wait_until_up(port: int, path: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    client = Client(port, path, timeout=5)
    while client.query("ASK {}") != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the server on port {port} did not start")
        time.sleep(0.2)
    client.close()


def our_server(workdir: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    command = [str(Path(sys.executable).with_name("mannheim-kg")), "serve", "--port", str(port)]
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "MANNHEIM_KG_TIMEOUT": "10"}
    log = (workdir / "server.log").open("wb")
    process = subprocess.Popen(
        [*command, "--no-validate"], cwd=ROOT, env=environ, stdout=log, stderr=log
    )
    wait_until_up(port, "/sparql", process, 120)
    return process, port


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{isql}
DirsAllowed = ., {dir}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ServerThreads = 20
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
ServerThreads = 20
MaxClientConnections = 20
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 10
MaxQueryCostEstimationTime = 0
"""


def virtuoso(workdir: Path) -> tuple[subprocess.Popen, int] | None:
    """A Virtuoso of its own on loopback, loaded with the bundled files (one graph each)."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not (binary and isql):
        return None
    folder = workdir / "virtuoso"
    folder.mkdir()
    isql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, isql=isql_port, http=http_port))
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=log
    )
    statements = []
    for source in discover([ROOT / "ontology", ROOT / "data"]):
        if source.path.suffix != ".ttl":
            continue
        copy = folder / source.path.name
        shutil.copy(source.path, copy)
        graph = source.graph or f"file://{source.path.name}"
        statements.append(f"DB.DBA.TTLP(file_to_string_output('{copy}'), '', '{graph}');")
    deadline = time.monotonic() + 60
    while True:
        done = subprocess.run(
            [isql, f"127.0.0.1:{isql_port}", "dba", "dba", "exec=" + " ".join(statements)],
            capture_output=True,
            text=True,
        )
        if done.returncode == 0:
            break
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            print("Virtuoso did not start:", done.stdout, done.stderr, file=sys.stderr)
            return None
        time.sleep(0.5)
    wait_until_up(http_port, "/sparql", process, 60)
    return process, http_port


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5, help="length of a timed situation")
    parser.add_argument("--no-virtuoso", action="store_true", help="only our server")
    parser.add_argument(
        "--client",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="load generator: wrk (Debian's wrk; auto: when installed) or Python threads",
    )
    args = parser.parse_args()
    use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk") is not None)
    columns: dict[str, list[tuple[str, str]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as temporary:
        workdir = Path(temporary)
        process, port = our_server(workdir)
        try:
            columns["mannheim-kg"] = situations(port, "/sparql", args.seconds, use_wrk)
        finally:
            stop(process)
        started = None if args.no_virtuoso else virtuoso(workdir)
        if started:
            process, port = started
            try:
                columns["Virtuoso"] = situations(port, "/sparql", args.seconds, use_wrk)
            finally:
                stop(process)
    client = "wrk" if use_wrk else "Python threads (install wrk for a lighter load generator)"
    print(f"{os.cpu_count()} cores; bundled graph; load from {client}")
    print(f"cheap query: {CHEAP.format(n='N')}")
    for server, rows in columns.items():
        print(f"\n{server}")
        for situation, result in rows:
            print(f"  {situation:<52} {result}")


if __name__ == "__main__":
    main()
