"""``mocr serve``: the publication on a local address, rebuilt and reloaded after each save.

Three parts, each small:

- ``resolve`` maps a request's path to a regular file under the output folder,
  or to nothing: ``..`` and ``.`` segments, their percent-encoded forms,
  encoded slashes and backslashes, hidden names (the build's record and
  staged files) and symlinks that lead out of the folder are all "not
  found", and a folder is never listed.
- ``PreviewServer`` (the standard library's ``ThreadingHTTPServer``) serves
  those files as they are, and appends to each HTML page one small script
  that listens to ``/.mocr/events`` (server-sent events) to reload the page
  or show the data's problems over it. The script is added to the response
  only: the file in the output folder is the page ``mocr build`` writes, byte
  for byte, and the response begins with those very bytes. Event streams
  are bounded in number, and each has a bounded queue that the build fills
  without ever waiting: a browser that reads slowly, or vanished, loses its
  stream, never holds up a build.
- ``serve`` watches the data folder, the templates and the catalogs
  (``watchfiles``) and, after each save, runs ``build`` — the same code,
  record and output folder as ``mocr build`` — in passes: the pages open in
  a browser first (their HTML, in this process), then the front pages, then
  every HTML page, then the rest (the PDFs). A save during a later pass stops
  it and starts again from the open pages. Each pass's new files reload the
  pages showing them; a pass that finds problems in the data shows them,
  one ``FILE:ROW:COLUMN: message`` line each, over the last good page. A
  file read in the middle of its save (a workbook written in place is not
  yet a zip archive) is given up to a second for the save's last write,
  which starts the next cycle, before its problem is believed.

See docs/cli.md (``mocr serve``) and docs/design.md (where it sits).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import queue
import select
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from mocr_factsheet.build.interrupts import Interrupted
from mocr_factsheet.build.registry import KINDS
from mocr_factsheet.build.run import BuildReport, dry_run, make_scope, select_languages
from mocr_factsheet.build.run import build as run_build
from mocr_factsheet.problems import Problem, UserError, report_lines, sort_problems
from mocr_factsheet.render.kind import Job, Kind, Scope
from mocr_factsheet.settings import BuildSettings

EVENTS = "/.mocr/events"  # a hidden name: no file of the output folder can be served there
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
MAX_CONNECTIONS = 64  # open at once, streams included; one more is closed unanswered
# Open pages listening for reloads at once; one more takes the place of the
# page opened longest ago, which is told it no longer reloads by itself.
MAX_STREAMS = 8
QUEUE_SIZE = 16  # events waiting for one page; a page this far behind loses its stream
KEEPALIVE = 15.0  # seconds between comments on a quiet stream (for proxies between)
# How often a quiet stream looks whether its page has gone (a browser's stream
# sends nothing after its request: the connection readable is its end).
GONE_CHECK = 0.5
LET_GO = (
    "This page no longer reloads by itself: {count} pages or more were opened since. "
    "Reload it to follow the changes again."
)
SEND_TIMEOUT = 10.0  # a socket write that waits longer ends that connection
VIEWED_FIRST = 4  # at most this many open pages are rebuilt before the others
# Editors' lock, backup and temporary files (Excel's "~$offices.xlsx", LibreOffice's
# ".~lock.offices.xlsx#", "offices.csv~", a staged ".offices.xlsx.x1y2.tmp"): not data.
IGNORED_PREFIXES = (".", "~$")
IGNORED_SUFFIXES = ("~", ".tmp", ".swp", "#")
# What a file gives while an editor is still saving it: a workbook written in
# place is not yet a zip archive, a file rewritten from the start is empty,
# one replaced by a rename is briefly gone. Such a problem in a file saved less
# than SETTLE seconds ago waits for the save's last write before it is shown.
WHILE_SAVING = frozenset({"bad-workbook", "empty-file", "missing-file", "unreadable-file"})
SETTLE = 1.0

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".json": "application/json",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
}


# --- which file a request names ------------------------------------------------


def resolve(root: Path, target: str) -> Path | None:
    """The regular file under ``root`` (a resolved folder) that the request
    target names, or None: anything else is "not found".

    The path is decoded once, after refusing what decoding could turn into a
    separator (``%2f``, ``%5c``) or a NUL; then no segment may be empty (but
    the last: ``/2019/`` is that folder's ``index.html``), ``.``, ``..`` or
    hidden, and the file, symlinks followed, must lie under ``root``.
    """
    path = urlsplit(target).path
    lowered = path.lower()
    if (
        not path.startswith("/")
        or "\\" in path
        or any(code in lowered for code in ("%2f", "%5c", "%00"))
    ):
        return None
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in decoded or "\\" in decoded:
        return None
    segments = decoded.split("/")[1:]
    if segments[-1] == "":
        segments[-1] = "index.html"
    if any(not s or s in (".", "..") or s.startswith(".") for s in segments):
        return None
    try:
        found = root.joinpath(*segments).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a loop of links, a name too long
        return None
    if not found.is_relative_to(root) or not found.is_file():
        return None
    return found


def _page_address(target: str) -> str | None:
    """The address a request names, as ``address`` writes it (``/`` is
    ``/index.html``), for comparing with the publication's pages; None if it
    cannot be one."""
    path = urlsplit(target).path
    if "%" in path or not path.startswith("/"):
        return None
    return path + "index.html" if path.endswith("/") else path


def address(root: Path, path: Path) -> str:
    """The URL path of an output: ``/2019/municipalities/mocr-2019-decan-en.html``."""
    return "/" + path.relative_to(root).as_posix()


# What a page of the publication not built yet shows until it is (the tool's own
# words, in English like its command line).
NOT_BUILT_YET = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Not built yet</title>"
    b"</head><body><p>This page has not been built yet. The preview builds it once the data"
    b" has no problems (any it has are listed above), and it then shows here by itself.</p>"
    b"</body></html>\n"
)

# A page in the folder that this preview does not rebuild (``mocr serve --lang sq``
# and the English page a language link leads to): it may be older than the data
# (CLI review). Shown in served responses only, after the page like the script.
OUTSIDE = (
    b"<p id='mocr-outside' role='status' style='position:fixed;inset:auto 0 0 0;"
    b"z-index:2147483646;margin:0;padding:0.5em 1em;background:#fff8e0;color:#3d2e00;"
    b"border-top:2px solid #b08000;font:14px/1.4 sans-serif'>This preview does not "
    b"rebuild this page (it is outside the --year, --lang, --kind or --format that "
    b"mocr serve was started with): it shows the last build that included it, and may "
    b"be out of date.</p>\n"
)


# --- the script that only served pages carry -------------------------------------

_SCRIPT = """
<script id="mocr-serve">(() => {
  const page = %(page)s, version = %(version)s;
  const query = "?page=" + encodeURIComponent(page) + "&version=" + encodeURIComponent(version);
  const events = new EventSource(%(events)s + query);
  let box = null;
  function show(lines) {
    if (!box) {
      box = document.createElement("pre");
      box.id = "mocr-problems";
      box.setAttribute("role", "alert");
      // At the top of the page, pushing it down (not over it: what a page not
      // built yet says would be hidden), and kept in sight while scrolling.
      box.style.cssText = "position:sticky;top:0;z-index:2147483647;margin:0;"
        + "max-height:60vh;overflow:auto;padding:1em;background:#fff4f4;color:#7a0000;"
        + "border-bottom:3px solid #b00;font:14px/1.4 monospace;white-space:pre-wrap";
      document.body.prepend(box);
    }
    // What the page under the list is: not the data as saved (serve review).
    box.textContent = %(stale)s + "\\n\\n" + lines.join("\\n");
  }
  events.addEventListener("problems", (e) => show(JSON.parse(e.data)));
  events.addEventListener("ok", () => { if (box) { box.remove(); box = null; } });
  events.addEventListener("reload", (e) => {
    if (JSON.parse(e.data).includes(page)) { events.close(); location.reload(); }
  });
  // More pages opened since than the preview follows: this one, the oldest, is
  // not followed any more, and says so (it would otherwise go stale unseen).
  events.addEventListener("let-go", (e) => {
    events.close();
    const note = document.createElement("p");
    note.id = "mocr-let-go";
    note.setAttribute("role", "status");
    note.style.cssText = "position:sticky;top:0;z-index:2147483647;margin:0;padding:0.5em 1em;"
      + "background:#fff8e0;color:#3d2e00;border-bottom:2px solid #b08000;font:14px/1.4 sans-serif";
    note.textContent = JSON.parse(e.data);
    document.body.prepend(note);
  });
})();</script>
"""


def _js(value: str) -> str:
    """A JavaScript string literal safe inside a <script> element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


# The problem list's first line: the page under it is the last good build's.
STALE = (
    "The data has problems, so the preview shows the last build without them: "
    "this page does not show your latest changes until they are fixed."
)


def reload_script(page: str, version: str) -> bytes:
    values = {
        "page": _js(page),
        "version": _js(version),
        "events": _js(EVENTS),
        "stale": _js(STALE),
    }
    return (_SCRIPT % values).encode("utf-8")


def version_of(path: Path) -> str:
    """What tells one build of a file from the next, without reading it."""
    try:
        stat = path.stat()
    except OSError:
        return ""
    return f"{stat.st_mtime_ns}-{stat.st_size}"


# --- event streams -----------------------------------------------------------------


@dataclass(eq=False)
class Stream:
    """One open page listening: what it shows, and the events waiting for it."""

    page: str
    opened: float = field(default_factory=time.monotonic)
    events: queue.Queue[tuple[str, str] | None] = field(
        default_factory=lambda: queue.Queue(QUEUE_SIZE)
    )
    dropped: bool = False
    # Ends the stream's connection (set by its handler): a dropped page's
    # handler may be blocked writing to a browser that stopped reading.
    hangup: Callable[[], None] | None = None

    def offer(self, event: tuple[str, str] | None) -> None:
        """Queue an event without waiting; a page too far behind is dropped,
        its connection ended at once (not at the next write's timeout)."""
        try:
            self.events.put_nowait(event)
        except queue.Full:
            self.dropped = True
            if self.hangup is not None:
                self.hangup()


class PreviewServer(ThreadingHTTPServer):
    """The output folder on a local address, with the reload events."""

    daemon_threads = True  # a connection left open never keeps the process alive
    # Only ever bound to the address asked for: never reuse another's port.
    allow_reuse_address = False

    def __init__(
        self,
        out_dir: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        max_streams: int = MAX_STREAMS,
        max_connections: int = MAX_CONNECTIONS,
        keepalive: float = KEEPALIVE,
    ) -> None:
        self.root = out_dir.resolve()
        self.loopback = host in LOOPBACK_HOSTS
        self.max_streams = max_streams
        self.keepalive = keepalive
        self._lock = threading.Lock()
        self._streams: list[Stream] = []
        self._problems: tuple[str, ...] = ()
        self._expected: frozenset[str] = frozenset()
        self._wake: Callable[[str], None] | None = None
        self._building = False
        self._closing = False
        self._connections = threading.BoundedSemaphore(max_connections)
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """One thread per connection, at most ``MAX_CONNECTIONS`` of them."""
        if not self._connections.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._connections.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._connections.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that went away mid-answer (a reload, a cancelled download)
        is no error to report: the terminal is for the build's lines. Anything
        else is socketserver's traceback, as before."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}/"

    # Called by the build loop; none of these waits on a browser.

    def broadcast(self, event: str, data: object) -> None:
        message = (event, json.dumps(data, ensure_ascii=False))
        with self._lock:
            for stream in self._streams:
                stream.offer(message)

    def show_problems(self, lines: Sequence[str]) -> None:
        with self._lock:
            self._problems = tuple(lines)
        self.broadcast("problems", list(lines))

    def clear_problems(self) -> None:
        with self._lock:
            had = bool(self._problems)
            self._problems = ()
        if had:
            self.broadcast("ok", True)

    def expect(self, pages: set[str]) -> None:
        """The addresses of the HTML pages the publication has, built or not yet:
        one not yet built is answered by a page that shows it once it is."""
        with self._lock:
            self._expected = frozenset(pages)

    def expected(self, page: str) -> bool:
        with self._lock:
            return page in self._expected

    def on_missing(self, wake: Callable[[str], None]) -> None:
        """Call ``wake(page)`` when a page of the publication is asked for and its
        file is missing while no build runs (deleted from the output folder,
        which nobody watches): the build loop then writes it again."""
        with self._lock:
            self._wake = wake

    @contextlib.contextmanager
    def building(self) -> Iterator[None]:
        """While a cycle runs: a page missing meanwhile is that cycle's to write
        (waking the loop would stop the cycle and start it again)."""
        with self._lock:
            self._building = True
        try:
            yield
        finally:
            with self._lock:
                self._building = False

    def missing(self, page: str) -> None:
        with self._lock:
            wake = None if self._building else self._wake
        if wake is not None:
            wake(page)

    def outside(self, page: str) -> bool:
        """A page this preview's builds do not write (known once it knows its pages)."""
        with self._lock:
            return bool(self._expected) and page not in self._expected

    @property
    def problems(self) -> tuple[str, ...]:
        with self._lock:
            return self._problems

    def viewed(self) -> list[str]:
        """The pages open in a browser, the most recently opened first, each once."""
        with self._lock:
            streams = sorted(self._streams, key=lambda s: -s.opened)
        return list(dict.fromkeys(s.page for s in streams))

    def open_streams(self) -> int:
        with self._lock:
            return len(self._streams)

    # Called by the handlers.

    def add_stream(self, page: str) -> Stream | None:
        """A stream for a page just opened; None once the server is stopping.
        Where ``max_streams`` are open, the page opened longest ago gives its
        place (most likely a tab since moved on, whose end is not yet seen): the
        page the analyst opened last is the one to follow."""
        with self._lock:
            if self._closing:
                return None
            if len(self._streams) >= self.max_streams:
                oldest = min(self._streams, key=lambda s: s.opened)
                self._streams.remove(oldest)
                oldest.offer(("let-go", json.dumps(LET_GO.format(count=self.max_streams))))
                oldest.offer(None)
            stream = Stream(page)
            self._streams.append(stream)
            if self._problems:
                stream.offer(("problems", json.dumps(list(self._problems), ensure_ascii=False)))
            else:
                stream.offer(("ok", "true"))
            return stream

    def remove_stream(self, stream: Stream) -> None:
        with self._lock, contextlib.suppress(ValueError):
            self._streams.remove(stream)

    def start(self, poll_interval: float = 0.5) -> threading.Thread:
        """Serve in a thread; ``stop`` waits up to ``poll_interval`` for it."""
        thread = threading.Thread(
            target=self.serve_forever, args=(poll_interval,), name="mocr-serve", daemon=True
        )
        thread.start()
        return thread

    def stop(self) -> None:
        """Stop serving; every open stream ends."""
        with self._lock:
            self._closing = True
            for stream in self._streams:
                stream.offer(None)
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = SEND_TIMEOUT  # every read and write of the connection
    server_version = "mocr-serve"

    def version_string(self) -> str:
        """``Server: mocr-serve``, not Python's version after it."""
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for the build's lines."""

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        if not self._host_allowed():
            self._refuse(HTTPStatus.FORBIDDEN)
            return
        if urlsplit(self.path).path == EVENTS and body:
            self._events()
            return
        found = resolve(self.server.root, self.path)
        if found is None:
            page = _page_address(self.path)
            if page is not None and self.server.expected(page):
                self.server.missing(page)
                self._not_built_yet(page, body)
            else:
                self._refuse(HTTPStatus.NOT_FOUND)
            return
        try:
            data = found.read_bytes()
        except OSError:
            self._refuse(HTTPStatus.NOT_FOUND)
            return
        kind = CONTENT_TYPES.get(found.suffix.lower(), "application/octet-stream")
        if found.suffix.lower() == ".html":
            page = address(self.server.root, found)
            if self.server.outside(page):
                data += OUTSIDE
            data += reload_script(page, version_of(found))
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self._common_headers()
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _not_built_yet(self, page: str, body: bool) -> None:
        """A page of the publication that the first build has not reached yet:
        a note that turns into the page as soon as it is written."""
        data = NOT_BUILT_YET + reload_script(page, "")
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", CONTENT_TYPES[".html"])
        self.send_header("Content-Length", str(len(data)))
        self._common_headers()
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _host_allowed(self) -> bool:
        """On a loopback address, only loopback names: another site's page,
        its name pointed at 127.0.0.1, is not answered (DNS rebinding)."""
        if not self.server.loopback:
            return True
        host = self.headers.get("Host", "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name.strip("[]").lower() in LOOPBACK_HOSTS

    def _common_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")

    def _refuse(self, status: HTTPStatus) -> None:
        text = f"{status.value} {status.phrase}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(text)))
        self._common_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(text)

    def _events(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        asked = query.get("page", [""])[0]
        found = resolve(self.server.root, asked)
        if found is not None:
            page = address(self.server.root, found)
        elif self.server.expected(asked):
            page = asked  # not built yet: ``found`` reloads it once it is
            found = self.server.root / asked.lstrip("/")
        else:
            self._refuse(HTTPStatus.NOT_FOUND)
            return
        stream = self.server.add_stream(page)
        if stream is None:
            self._refuse(HTTPStatus.SERVICE_UNAVAILABLE)
            return
        self.close_connection = True
        stream.hangup = self._hang_up
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self._common_headers()
            self.end_headers()
            self.wfile.write(b"retry: 1000\n\n")
            if query.get("version", [""])[0] != version_of(found):
                # Rebuilt between the page's load and this stream's start.
                stream.offer(("reload", json.dumps([stream.page])))
            self.wfile.flush()
            self._send_events(stream)
        except OSError:
            pass  # the browser went away, or stopped reading
        finally:
            self.server.remove_stream(stream)

    def _page_gone(self) -> bool:
        """Whether the browser closed this stream (a page reloaded, left or
        closed): a browser sends nothing after its request, so a readable
        connection is one at its end. Pages that move on quickly would otherwise
        hold their places until a keepalive failed (serve review: ten pages
        opened in seven seconds, and the last two were refused)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
        except (OSError, ValueError):
            return True
        return bool(readable)

    def _hang_up(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _send_events(self, stream: Stream) -> None:
        quiet_since = time.monotonic()
        while not stream.dropped:
            try:
                event = stream.events.get(timeout=min(GONE_CHECK, self.server.keepalive))
            except queue.Empty:
                if self._page_gone():
                    return  # its place is free at once, not at the next keepalive
                if time.monotonic() - quiet_since >= self.server.keepalive:
                    self.wfile.write(b": keepalive\n\n")  # fails once the browser is gone
                    self.wfile.flush()
                    quiet_since = time.monotonic()
                continue
            if event is None:
                return
            name, data = event
            self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode())
            self.wfile.flush()


# --- the build loop ---------------------------------------------------------------------


class SupersededError(Exception):
    """A save came while a pass was running: it stops, and the next cycle starts."""


@dataclass
class Watch:
    """Saves seen by the watcher thread, waiting for the build loop."""

    changed: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _paths: set[str] = field(default_factory=set)

    def add(self, paths: set[str]) -> None:
        with self._lock:
            self._paths |= paths
        self.changed.set()

    def take(self) -> set[str]:
        with self._lock:
            self.changed.clear()
            paths, self._paths = self._paths, set()
        return paths


def ignored(path: str, out_dir: Path) -> bool:
    """A file no build reads: an editor's lock or backup, or one the build itself wrote."""
    name = Path(path).name
    if name.startswith(IGNORED_PREFIXES) or name.endswith(IGNORED_SUFFIXES):
        return True
    return Path(path).resolve().is_relative_to(out_dir.resolve())


def watch_folders(
    folders: Sequence[Path], out_dir: Path, watch: Watch, *, debounce_ms: int = 100
) -> threading.Thread:
    """A thread that adds every save in ``folders`` to ``watch`` until ``watch.stop``."""
    import watchfiles

    def run() -> None:
        for changes in watchfiles.watch(
            *folders,
            debounce=debounce_ms,
            step=20,
            stop_event=watch.stop,
            rust_timeout=500,
            raise_interrupt=False,
        ):
            saved = {path for _, path in changes if not ignored(path, out_dir)}
            if saved:
                watch.add(saved)

    thread = threading.Thread(target=run, name="mocr-watch", daemon=True)
    thread.start()
    return thread


@dataclass(frozen=True)
class Pass:
    """One build of a cycle: its settings, whether a save may stop it, and the
    outputs it brings up to date (None: every one its settings ask for)."""

    name: str
    settings: BuildSettings
    stoppable: bool
    only: frozenset[Path] | None = None


def targets(settings: BuildSettings) -> dict[Path, tuple[Kind, Job, str]]:
    """Every output of the publication by its resolved path."""
    _, chosen = select_languages(settings)
    scope = make_scope(replace(settings, years=(), municipalities=()), chosen)
    root = settings.out_dir.resolve()
    return {
        root / kind.path(Path(), job, fmt): (kind, job, fmt)
        for kind in KINDS.values()
        for job, fmt in kind.targets(scope)
    }


def passes(
    settings: BuildSettings,
    viewed: Sequence[str],
    outputs: Mapping[Path, tuple[Kind, Job, str]],
) -> list[Pass]:
    """The builds of one cycle: the open pages; the front pages (every output of
    their kind is HTML, and cheap); every other HTML page; then the rest.

    ``outputs``: every output of the publication by resolved path (``targets``);
    empty where the data folder cannot say (the last pass then says why).
    """
    found: list[Pass] = []
    root = settings.out_dir.resolve()
    scope = make_scope(settings, select_languages(settings)[1]) if outputs else None
    for page in viewed[:VIEWED_FIRST]:
        target = outputs.get(root / page.lstrip("/"))
        if target is None or scope is None:
            continue
        kind, job, fmt = target
        # The page alone, in this process, as the whole build makes it (its
        # navigation and links included): shown once, right, and found up to
        # date by the passes after it.
        alone = frozenset({kind.path(settings.out_dir, job, fmt)})
        one = replace(settings, jobs=1)
        found.append(Pass(f"open page {page}", one, stoppable=False, only=alone))
    if scope is not None and "html" in settings.formats:
        # The whole run's settings, limited to some of its outputs (``only``):
        # each page is made as the last pass would make it (its navigation, its
        # PDF's and downloads' links), which then finds it up to date. A run
        # limited to HTML would make every page without those links, and the
        # last pass every page again.
        front = {kind.name for kind in KINDS.values() if _front(kind, scope)}
        out = settings.out_dir

        def html_of(chosen: Callable[[Kind], bool]) -> frozenset[Path]:
            return frozenset(
                kind.path(out, job, fmt)
                for kind, job, fmt in outputs.values()
                if fmt == "html" and chosen(kind)
            )

        if pages := html_of(lambda kind: kind.name in front):
            # A few pages: made in this process, which has what they need loaded
            # already, rather than by workers that would load it first (about 0.8 s).
            few = replace(settings, jobs=1)
            found.append(Pass("front pages", few, stoppable=True, only=pages))
        if len(settings.formats) > 1 and (pages := html_of(lambda kind: kind.name not in front)):
            found.append(Pass("every HTML page", settings, stoppable=True, only=pages))
    found.append(Pass("everything", settings, stoppable=True))
    return found


def _front(kind: Kind, scope: Scope) -> bool:
    """Whether every output of the kind is HTML (the front pages: cheap, and the way in)."""
    made = kind.targets(scope)
    return bool(made) and all(fmt == "html" for _, fmt in made)


@dataclass
class Cycle:
    """What one cycle did: the files it wrote, or the problems that stopped it."""

    built: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    superseded: bool = False
    failed: bool = False  # stopped by a failure of ours, not by the data's problems
    seconds: float = 0.0


def every_problem(settings: BuildSettings, found: Sequence[Problem]) -> list[Problem]:
    """The problems a pass found, with every other problem of the data folder:
    the analyst sees them all at once, as ``mocr validate`` prints them."""
    from mocr_factsheet.build.run import validate

    problems = list(found)
    try:  # what mocr validate reads, read as it reads it (build/run.py)
        validate(settings.data_dir, settings.years, settings.locales_dir, settings.encoding)
    except UserError as err:
        problems += err.problems
    return sort_problems(problems)


def still_saving(data_dir: Path, problems: Sequence[Problem], now: float | None = None) -> float:
    """How long the problems may yet be those of a save in progress: the rest of
    SETTLE seconds since the latest change to a file (or to its folder, where a
    file is replaced by a rename) that has one of them; 0 when there is none."""
    latest = 0.0
    for problem in problems:
        if problem.code not in WHILE_SAVING or not problem.file:
            continue
        path = data_dir / problem.file
        for changed in (path, path.parent):
            with contextlib.suppress(OSError):
                latest = max(latest, changed.stat().st_mtime)
    return max(0.0, min(SETTLE, latest + SETTLE - (time.time() if now is None else now)))


def run_cycle(
    settings: BuildSettings,
    server: PreviewServer,
    watch: Watch,
    say: Callable[[str], None],
    complain: Callable[[str], None],
) -> Cycle:
    """Bring the publication up to date in passes, reloading pages as they are rewritten."""
    with server.building():  # a page missing meanwhile is this cycle's to write
        return _cycle(settings, server, watch, say, complain)


def _cycle(
    settings: BuildSettings,
    server: PreviewServer,
    watch: Watch,
    say: Callable[[str], None],
    complain: Callable[[str], None],
) -> Cycle:
    cycle = Cycle()
    started = time.perf_counter()
    root = server.root

    def stop_if_saved(line: str, done: int, total: int) -> None:
        if watch.changed.is_set():
            raise SupersededError

    collecting = gc.get_threshold()
    try:
        outputs = targets(settings)
    except UserError:
        outputs = {}  # the last pass says what is wrong
    server.expect({address(root, path) for path in outputs if path.suffix == ".html"})
    for step in passes(settings, server.viewed(), outputs):
        if step.stoppable and watch.changed.is_set():
            cycle.superseded = True
            break
        try:
            report: BuildReport = run_build(
                step.settings,
                progress=stop_if_saved if step.stoppable else lambda *_: None,
                only=step.only,
            )
        except SupersededError:
            cycle.superseded = True
            break
        except UserError as err:
            if watch.changed.wait(still_saving(settings.data_dir, err.problems)):
                cycle.superseded = True  # the save went on: its end starts the next cycle
                break
            cycle.problems = every_problem(settings, err.problems)
            lines = list(report_lines(cycle.problems))
            server.show_problems(lines)
            for line in lines:
                complain(line)
            break
        except Exception as err:
            # A failure of ours, not of the data: the preview goes on (the next
            # save may mend the data that led to it). Where the data has
            # problems, they are what to fix; otherwise the failure is shown.
            try:
                cycle.problems = every_problem(settings, [])
            except Exception:  # the failure below is what to show
                cycle.problems = []
            if cycle.problems:
                lines = list(report_lines(cycle.problems))
            else:
                lines = [f"the build failed: {type(err).__name__}: {err} (a bug in mocr)"]
                for line in traceback.format_exc().splitlines():
                    complain(line)
            server.show_problems(lines)
            for line in lines:
                complain(line)
            cycle.failed = True
            break
        finally:
            _unfreeze(collecting)
        server.clear_problems()
        if report.built:
            cycle.built += report.built
            server.broadcast("reload", [address(root, p.resolve()) for p in report.built])
    cycle.seconds = time.perf_counter() - started
    if cycle.superseded:
        say("a file was saved: starting again")
    elif not cycle.problems and not cycle.failed:
        count = len(cycle.built)
        done = f"rebuilt {count} file{'s' if count != 1 else ''}" if count else "nothing to rebuild"
        say(f"{done} in {cycle.seconds:.1f} s; the publication is up to date")
    return cycle


def _unfreeze(thresholds: tuple[int, int, int]) -> None:
    """A build in this process freezes the objects it finds and collects less
    often (build/run.py's workers do, to skip collections); a long-lived server
    must not keep either."""
    gc.unfreeze()
    gc.set_threshold(*thresholds)


class StoppedWhileBuildingError(Interrupted):
    """Ctrl-C or SIGTERM while a cycle was bringing the output folder up to date,
    with ``behind`` outputs still to write or remove (None: not known). What it
    finished is in place, the rest is not: ``mocr serve`` says so, and exits as
    an interrupted build does. Stopped between cycles, or in a cycle that had
    nothing left to do, the folder is up to date and it exits 0."""

    def __init__(self, signum: int, *, kept: int = 0, behind: int | None = None) -> None:
        super().__init__(signum, kept=kept)
        self.behind = behind


def left_to_build(settings: BuildSettings) -> int | None:
    """How many outputs a build would still write or remove (``mocr build
    --dry-run``'s plan): 0 where the folder is up to date, or where the data has
    problems (the preview showed them; no build would write anything); None
    where it cannot be told (stopped again while planning)."""
    try:
        plan = dry_run(settings)
    except UserError:
        return 0
    except (KeyboardInterrupt, Exception):
        return None
    return len(plan.stale) + len(plan.removed)


class CannotListenError(UserError):
    """The address or port given cannot be listened on: a mistake of the command
    line, which ``mocr serve`` reports with status 2 (``option``: the one to change)."""

    def __init__(self, option: str, reason: str, host: str, port: int) -> None:
        super().__init__([Problem(f"{host}:{port}", None, None, "cannot-serve", reason)])
        self.option = option
        self.reason = reason

    @classmethod
    def of(cls, err: OSError, host: str, port: int) -> CannotListenError:
        """What ``err`` means for the one who typed ``--host`` and ``--port``, in plain words."""
        free = "or leave --port out for a free one"
        if err.errno == errno.EADDRINUSE:
            return cls("--port", f"port {port} is in use by another program: give another "
                       f"with --port, {free}", host, port)  # fmt: skip
        if err.errno in (errno.EACCES, errno.EPERM):
            return cls("--port", f"port {port} needs an administrator's rights: give one from "
                       f"1024 to 65535, {free}", host, port)  # fmt: skip
        if isinstance(err, socket.gaierror) or err.errno == errno.EADDRNOTAVAIL:
            return cls("--host", f"'{host}' is not an address of this computer: leave --host "
                       "out (this computer only), or give one of its addresses on the network "
                       "(ip addr, ipconfig)", host, port)  # fmt: skip
        reason = (err.strerror or type(err).__name__).lower()
        return cls("--host", f"cannot listen on {host} port {port} ({reason})", host, port)


def serve(
    settings: BuildSettings,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    open_browser: bool = False,
    say: Callable[[str], None] = print,
    complain: Callable[[str], None] | None = None,
    debounce_ms: int = 100,
) -> None:
    """Serve ``settings.out_dir`` and keep it up to date until Ctrl-C or SIGTERM.

    The server is started (and its address said) before the first build, so
    that the first pages open while the rest are built. ``say`` hears what is
    done, ``complain`` the data's problems (``say`` where None).
    """
    make_scope(settings, select_languages(settings)[1])  # no data folder: say so, serve nothing
    try:
        server = PreviewServer(settings.out_dir, host, port)
    except OSError as err:  # the port is taken, the address is not this machine's
        raise CannotListenError.of(err, host, port) from None
    server.start()
    say(f"serving {settings.out_dir} on {server.url} (Ctrl-C to stop)")
    watch = Watch()
    folders = (settings.data_dir, settings.templates_dir, settings.locales_dir)
    watcher = watch_folders(
        [f for f in folders if f.is_dir()], settings.out_dir, watch, debounce_ms=debounce_ms
    )

    def missing(page: str) -> None:
        say(f"{page.lstrip('/')} is missing from {settings.out_dir}: building it again")
        watch.add({str(settings.out_dir / page.lstrip("/"))})

    server.on_missing(missing)
    building = False

    def cycle() -> None:
        nonlocal building
        building = True
        run_cycle(settings, server, watch, say, complain or say)
        building = False

    try:
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        cycle()
        for _ in _saves(watch):
            cycle()
    except KeyboardInterrupt as stop:
        # Stopped in a cycle: is the folder behind the data? (A cycle of a
        # duplicate save may have had nothing to do.)
        behind = left_to_build(settings) if building else 0
        if behind == 0:
            raise
        signum = stop.signum if isinstance(stop, Interrupted) else signal.SIGINT
        kept = stop.kept if isinstance(stop, Interrupted) else 0
        raise StoppedWhileBuildingError(signum, kept=kept, behind=behind) from None
    finally:
        watch.stop.set()
        server.stop()
        watcher.join(timeout=2)


def _saves(watch: Watch) -> Iterator[set[str]]:
    """Each batch of saves, as it comes (a short wait at a time, so that
    Ctrl-C is heard at once)."""
    while True:
        if watch.changed.wait(timeout=0.5):
            saved = watch.take()
            if saved:
                yield saved
