"""``mocr serve``, safe by construction: only files under the output folder, on
this computer only unless told, event streams that are bounded and that no slow
or vanished browser can hold up; and the passes of a rebuild, the open page first.

Every connection goes to 127.0.0.1 (a server started here on a free port); every
loop waiting for something is bounded in time.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

import mocr_factsheet.serve as serve_module
from helpers import edit, invoke
from mocr_factsheet.build.interrupts import Interrupted
from mocr_factsheet.problems import Problem
from mocr_factsheet.resources import resource_dir
from mocr_factsheet.serve import (
    EVENTS,
    NOT_BUILT_YET,
    OUTSIDE,
    SETTLE,
    Cycle,
    PreviewServer,
    Watch,
    ignored,
    passes,
    reload_script,
    resolve,
    run_cycle,
    still_saving,
    targets,
    version_of,
)
from mocr_factsheet.settings import FORMATS, BuildSettings
from test_serve_browser import as_workbook

PAGE = "2019/municipalities/mocr-2019-decan-en.html"
PAGE_BYTES = b"<!DOCTYPE html><html lang='en'><head><title>t</title></head><body>x</body></html>\n"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder with a page, a PDF, a front page, the build's record, and a
    secret beside it (outside the folder)."""
    folder = tmp_path / "out"
    (folder / "2019" / "municipalities").mkdir(parents=True)
    (folder / PAGE).write_bytes(PAGE_BYTES)
    (folder / "2019" / "mocr-2019-en.pdf").write_bytes(b"%PDF-1.7 not really\n")
    (folder / "index.html").write_bytes(PAGE_BYTES)
    (folder / ".mocr-build.json").write_text("{}\n")
    (folder / "2019" / ".mocr-2019-en.pdf.abc.tmp").write_bytes(b"staged")
    (tmp_path / "secret.txt").write_text("secret\n")
    return folder


@pytest.fixture
def server(out: Path) -> Iterator[PreviewServer]:
    preview = PreviewServer(out, keepalive=0.1)
    preview.start(poll_interval=0.02)
    try:
        yield preview
    finally:
        preview.stop()


def get(server: PreviewServer, target: str, host: str | None = None) -> tuple[int, bytes]:
    """The status and body of a GET of ``target`` exactly as written (not normalised)."""
    _, port = server.server_address[:2]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.putrequest("GET", target, skip_host=host is not None)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


# --- which file a request names --------------------------------------------------


def test_resolve_finds_the_files_of_the_folder(out: Path) -> None:
    root = out.resolve()
    assert resolve(root, "/" + PAGE) == root / PAGE
    assert resolve(root, "/" + PAGE + "?x=1#top") == root / PAGE
    assert resolve(root, "/") == root / "index.html"
    assert resolve(root, "/2019/mocr-2019-en.pdf") == root / "2019" / "mocr-2019-en.pdf"
    assert resolve(root, "/%32019/mocr-2019-en.pdf") == root / "2019" / "mocr-2019-en.pdf"


HOSTILE = [
    "/../secret.txt",
    "/2019/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/.%2e/secret.txt",
    "/2019/%2e%2e/%2e%2e/secret.txt",
    "/2019%2f..%2f..%2fsecret.txt",
    "/2019%2F..%2F..%2Fsecret.txt",
    "/..%5csecret.txt",
    "/..\\secret.txt",
    "/%252e%252e/secret.txt",  # decoded once: a name '%2e%2e', which does not exist
    "//secret.txt",
    "/2019//mocr-2019-en.pdf",
    "/./index.html",
    "/.mocr-build.json",
    "/2019/.mocr-2019-en.pdf.abc.tmp",
    "/index.html%00.pdf",
    "/%ff%fe",
    "secret.txt",
    "http://127.0.0.1/../secret.txt",
    "/2019",  # a folder: never listed
    "/2019/",  # a folder without an index.html
    "/2019/municipalities/",
    "/missing.html",
]


@pytest.mark.parametrize("target", HOSTILE)
def test_resolve_refuses_anything_else(out: Path, target: str) -> None:
    assert resolve(out.resolve(), target) is None


def test_resolve_refuses_symlinks_out_of_the_folder(out: Path, tmp_path: Path) -> None:
    (out / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (out / "outside").symlink_to(tmp_path, target_is_directory=True)
    (out / "inside.html").symlink_to(out / PAGE)
    root = out.resolve()
    assert resolve(root, "/leak.txt") is None
    assert resolve(root, "/outside/secret.txt") is None
    assert resolve(root, "/inside.html") == root / PAGE  # a link within the folder is fine


def test_resolve_refuses_what_is_not_a_regular_file(out: Path) -> None:
    os.mkfifo(out / "pipe.html")
    assert resolve(out.resolve(), "/pipe.html") is None


def test_editors_and_the_builds_own_files_are_not_saves(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert ignored(str(tmp_path / "data" / "2019" / "~$offices.xlsx"), out)
    assert ignored(str(tmp_path / "data" / "2019" / ".~lock.offices.xlsx#"), out)
    assert ignored(str(tmp_path / "data" / "2019" / "offices.csv~"), out)
    assert ignored(str(out / "2019" / "mocr-2019-en.html"), out)
    assert not ignored(str(tmp_path / "data" / "2019" / "offices.xlsx"), out)


# --- the server ---------------------------------------------------------------------


def test_binds_this_computer_only_by_default(out: Path) -> None:
    preview = PreviewServer(out)
    try:
        assert preview.server_address[0] == "127.0.0.1"
        assert preview.url.startswith("http://127.0.0.1:")
    finally:
        preview.server_close()


@pytest.mark.parametrize("target", HOSTILE)
def test_the_server_answers_404_outside_the_folder(server: PreviewServer, target: str) -> None:
    status, body = get(server, target)
    assert status == 404
    assert b"secret" not in body


def test_a_page_is_served_as_built_with_the_script_after_it(
    server: PreviewServer, out: Path
) -> None:
    status, body = get(server, "/" + PAGE)
    assert status == 200
    # The response begins with the file, byte for byte; the file is not changed.
    assert body.startswith(PAGE_BYTES)
    page = out / PAGE
    assert body[len(PAGE_BYTES) :] == reload_script("/" + PAGE, version_of(page))
    assert page.read_bytes() == PAGE_BYTES
    assert b"EventSource" in body and EVENTS.encode() in body


def test_other_files_are_served_byte_for_byte(server: PreviewServer, out: Path) -> None:
    status, body = get(server, "/2019/mocr-2019-en.pdf")
    assert (status, body) == (200, (out / "2019" / "mocr-2019-en.pdf").read_bytes())


def test_the_server_names_itself_without_python_s_version(server: PreviewServer) -> None:
    _, port = server.server_address[:2]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("HEAD", "/")
        assert connection.getresponse().getheader("Server") == "mocr-serve"
    finally:
        connection.close()


def test_another_sites_name_for_this_address_is_refused(server: PreviewServer) -> None:
    _, port = server.server_address[:2]
    assert get(server, "/", host=f"localhost:{port}")[0] == 200
    assert get(server, "/", host=f"rebound.example:{port}")[0] == 403


def test_only_get_and_head(server: PreviewServer) -> None:
    _, port = server.server_address[:2]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("POST", "/" + PAGE, body=b"x")
    assert connection.getresponse().status == 501
    connection.close()


# --- event streams -------------------------------------------------------------------


class EventClient:
    """An open page's event stream, read (or not) through a raw socket."""

    def __init__(self, server: PreviewServer, page: str = "/" + PAGE, version: str = "") -> None:
        _, port = server.server_address[:2]
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        query = f"?page={quote(page)}&version={quote(version)}"
        self.sock.sendall(
            f"GET {EVENTS}{query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
        )
        self.received = b""

    def read_until(self, text: bytes, seconds: float = 5.0) -> bool:
        deadline = time.monotonic() + seconds
        while text not in self.received and time.monotonic() < deadline:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                chunk = self.sock.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            self.received += chunk
        return text in self.received

    def close(self) -> None:
        self.sock.close()


def test_an_open_page_hears_problems_and_reloads(server: PreviewServer, out: Path) -> None:
    client = EventClient(server, version=version_of(out / PAGE))
    try:
        assert client.read_until(b"event: ok")
        assert wait_for(lambda: server.viewed() == ["/" + PAGE])
        server.show_problems(["2019/offices.xlsx:3:work_plan: 'maybe' is not yes or no"])
        assert client.read_until(b"'maybe' is not yes or no")
        server.clear_problems()
        server.broadcast("reload", ["/" + PAGE])
        assert client.read_until(b'event: reload\ndata: ["/2019/municipalities/')
    finally:
        client.close()


def test_a_page_that_opens_late_hears_the_problems_at_once(server: PreviewServer) -> None:
    server.show_problems(["2019/offices.xlsx:3:work_plan: 'maybe' is not yes or no"])
    client = EventClient(server)
    try:
        assert client.read_until(b"event: problems")
    finally:
        client.close()


def test_a_page_rebuilt_before_its_stream_opened_reloads_at_once(server: PreviewServer) -> None:
    client = EventClient(server, version="an older build")
    try:
        assert client.read_until(b"event: reload")
    finally:
        client.close()


def test_a_stream_for_a_file_not_in_the_folder_is_refused(server: PreviewServer) -> None:
    client = EventClient(server, page="/../secret.txt")
    try:
        assert client.read_until(b"404 Not Found")
    finally:
        client.close()
    assert server.open_streams() == 0


def test_the_number_of_streams_is_bounded_and_the_newest_page_is_followed(out: Path) -> None:
    """At most ``max_streams`` open pages are followed. The page opened last is
    the one the analyst looks at: it takes the place of the page opened longest
    ago, which is told it is let go (its notice says to reload it), rather than
    be refused with 503, after which a browser never asks again (serve review:
    the tenth page opened in seven seconds never reloaded)."""
    preview = PreviewServer(out, max_streams=2, keepalive=30)
    preview.start(poll_interval=0.02)
    clients: list[EventClient] = []
    try:
        # One after the other, each followed before the next opens: two requests
        # sent at once may be taken in either order (CI: the second was the oldest).
        for _ in range(2):
            clients.append(EventClient(preview))
            assert clients[-1].read_until(b"event: ok")
        newest = EventClient(preview)
        assert newest.read_until(b"event: ok")
        oldest = clients.pop(0)
        assert oldest.read_until(b'event: let-go\ndata: "This page no longer reloads by itself')
        assert oldest.read_until(b"<never said>", seconds=2) is False  # and its stream ended
        assert oldest.received.endswith(b"\n\n")
        oldest.close()
        clients.append(newest)
        assert preview.open_streams() == 2
        # The pages still followed hear what comes next.
        preview.broadcast("reload", ["/" + PAGE])
        for client in clients:
            assert client.read_until(b"event: reload")
    finally:
        for client in clients:
            client.close()
        preview.stop()


def test_a_page_left_frees_its_place_at_once(out: Path) -> None:
    """A tab that moves on closes its stream: its place is free within a second,
    not at the next keepalive (15 s), nor taken from another page."""
    preview = PreviewServer(out, max_streams=2, keepalive=30)
    preview.start(poll_interval=0.02)
    try:
        left = EventClient(preview)
        assert left.read_until(b"event: ok")
        left.close()
        assert wait_for(lambda: preview.open_streams() == 0, seconds=2)
    finally:
        preview.stop()


def test_the_number_of_connections_is_bounded(out: Path) -> None:
    preview = PreviewServer(out, max_connections=3)
    preview.start(poll_interval=0.02)
    _, port = preview.server_address[:2]
    idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(3)]
    try:
        # Three connections that say nothing hold every place: a fourth is closed unanswered.
        time.sleep(0.2)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as extra:
            extra.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert extra.recv(100) == b""
        idle.pop().close()

        def answered() -> bool:
            try:
                return get(preview, "/")[0] == 200
            except (OSError, http.client.HTTPException):  # still closed unanswered
                return False

        assert wait_for(answered)
    finally:
        for sock in idle:
            sock.close()
        preview.stop()


def test_a_vanished_browser_frees_its_stream(server: PreviewServer) -> None:
    client = EventClient(server)
    assert client.read_until(b"event: ok")
    client.sock.shutdown(socket.SHUT_RDWR)
    client.close()
    # The next keepalive (every 0.1 s here) finds it gone.
    assert wait_for(lambda: server.open_streams() == 0)


def test_a_browser_that_stops_reading_never_holds_up_a_build(server: PreviewServer) -> None:
    client = EventClient(server)
    client.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    # Its stream is open before the events come (on a loaded machine the
    # handler could otherwise open it after the last one, with nothing to fall behind).
    assert wait_for(lambda: server.open_streams() == 1)
    lines = ["2019/offices.xlsx:3:work_plan: " + "x" * 2000] * 50  # 100 KB an event
    started = time.monotonic()
    for _ in range(200):  # 20 MB: far more than the socket buffers hold
        server.show_problems(lines)
    # Broadcasting never waits on the page: 200 events take a blink, not a timeout.
    assert time.monotonic() - started < 2.0
    # The page that fell behind lost its stream.
    assert wait_for(lambda: server.open_streams() == 0, seconds=15)
    client.close()


def test_stop_ends_every_stream(out: Path) -> None:
    preview = PreviewServer(out, keepalive=30)
    preview.start(poll_interval=0.02)
    client = EventClient(preview)
    assert client.read_until(b"event: ok")
    started = time.monotonic()
    preview.stop()
    assert time.monotonic() - started < 5
    assert wait_for(lambda: preview.open_streams() == 0)
    client.close()


# --- the passes of a rebuild -------------------------------------------------------


def settings_for(data: Path, out: Path) -> BuildSettings:
    return BuildSettings(
        data_dir=data,
        out_dir=out,
        years=(),
        languages=(),
        formats=FORMATS,
        force=False,
        jobs=2,
        encoding=None,
        templates_dir=resource_dir("templates"),
        locales_dir=resource_dir("locales"),
    )


def test_the_open_page_is_built_first_then_the_html_then_the_rest(
    data: Path, tmp_path: Path
) -> None:
    settings = settings_for(data, tmp_path / "out")
    first, front, html, everything = passes(settings, ["/" + PAGE], targets(settings))
    # The open page alone, its HTML, in this process, as the whole build makes it.
    assert first.settings == replace(settings, jobs=1) and not first.stoppable
    assert first.only == {settings.out_dir / PAGE}
    # The front pages and the colophon (they are HTML only, and the way in),
    # then every other web page: each made as the last pass makes it (the whole
    # run's settings, limited to these outputs), so that it finds them done.
    out = settings.out_dir
    assert html.settings == everything.settings == settings
    assert front.settings == replace(settings, jobs=1)  # a few pages: in this process
    assert front.stoppable and html.stoppable and everything.stoppable
    assert front.only is not None and html.only is not None and everything.only is None
    assert out / "index-sq.html" in front.only and out / "about-sq.html" in front.only
    assert all(path.suffix == ".html" for path in front.only | html.only)
    assert not front.only & html.only
    assert out / PAGE in html.only and out / "index-sq.html" not in html.only


def test_an_open_front_page_is_built_as_mocr_build_builds_it(data: Path, tmp_path: Path) -> None:
    settings = settings_for(data, tmp_path / "out")
    first = passes(settings, ["/index-sq.html"], targets(settings))[0]
    assert first.settings == replace(settings, jobs=1)
    assert first.only == {settings.out_dir / "index-sq.html"}


def test_pages_that_are_not_outputs_change_nothing(data: Path, tmp_path: Path) -> None:
    settings = settings_for(data, tmp_path / "out")
    found = passes(settings, ["/nothing.html", "/2019/"], targets(settings))
    assert [p.name for p in found] == ["front pages", "every HTML page", "everything"]


def test_without_a_data_folder_only_the_build_says_why(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "nothing", tmp_path / "out")
    assert [p.settings for p in passes(settings, ["/" + PAGE], {})] == [settings]


def test_a_page_this_preview_does_not_rebuild_says_so(server: PreviewServer, out: Path) -> None:
    """``mocr serve --lang sq``: the language links lead to pages it does not rebuild,
    which showed figures from before the saves with nothing to say so (CLI review)."""
    assert OUTSIDE not in get(server, "/" + PAGE)[1]  # its pages not known yet: no mark
    server.expect({"/" + PAGE})
    assert OUTSIDE not in get(server, "/" + PAGE)[1]
    server.expect({"/index.html"})  # the preview rebuilds another page only
    status, body = get(server, "/" + PAGE)
    assert status == 200 and body.startswith(PAGE_BYTES)
    assert body[len(PAGE_BYTES) :].startswith(OUTSIDE)
    assert (out / PAGE).read_bytes() == PAGE_BYTES  # the file stays as built


def test_a_page_not_built_yet_shows_once_it_is(server: PreviewServer, out: Path) -> None:
    missing = "/2019/municipalities/mocr-2019-prizren-en.html"
    assert get(server, missing)[0] == 404
    server.expect({missing, "/index.html"})
    status, body = get(server, missing)
    assert status == 404 and body.startswith(NOT_BUILT_YET)
    assert body[len(NOT_BUILT_YET) :] == reload_script(missing, "")
    assert get(server, "/../secret.txt")[0] == 404  # still nothing else
    client = EventClient(server, page=missing)
    try:
        assert client.read_until(b"event: ok")
        (out / missing.lstrip("/")).write_bytes(PAGE_BYTES)
        server.broadcast("reload", [missing])
        assert client.read_until(b"event: reload")
    finally:
        client.close()


def test_a_missing_page_wakes_the_build_loop_unless_a_cycle_runs(
    server: PreviewServer, out: Path
) -> None:
    """A page deleted from the output folder (which is not watched) is built
    again when it is asked for, not at the next save of the data."""
    woken: list[str] = []
    server.on_missing(woken.append)
    assert get(server, "/" + PAGE)[0] == 200
    server.expect({"/" + PAGE, "/index.html"})
    (out / PAGE).unlink()
    assert get(server, "/" + PAGE)[0] == 404
    assert woken == ["/" + PAGE]
    with server.building():  # the running cycle writes it: no second cycle
        assert get(server, "/" + PAGE)[0] == 404
    assert get(server, "/2019/not-a-page.html")[0] == 404  # not the publication's
    assert woken == ["/" + PAGE]


def test_watch_takes_each_save_once() -> None:
    watch = Watch()
    watch.add({"a"})
    watch.add({"b"})
    assert watch.changed.is_set()
    assert watch.take() == {"a", "b"}
    assert not watch.changed.is_set()
    assert watch.take() == set()


# --- rebuilding: the same build as mocr build, the open page first ------------------------

ENGLISH_HTML = {"languages": ("en",), "formats": ("html",)}


def cycle_of(settings: BuildSettings, server: PreviewServer, said: list[str]) -> Cycle:
    return run_cycle(settings, server, Watch(), said.append, said.append)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file, the build's stamp aside: it records this folder's own file
    times (src/mocr_factsheet/build/stamp.py); and the compiled templates and
    kept charts aside: caches, which hold what the processes that built here
    compiled and drew, in their order (src/mocr_factsheet/render/html.py,
    src/mocr_factsheet/render/kept.py)."""
    caches = (".mocr-state/templates/", ".mocr-state/charts/")
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and p.name != "stamp.json"
        and not p.relative_to(folder).as_posix().startswith(caches)
    }


@pytest.mark.slow
def test_serve_writes_what_mocr_build_writes(data: Path, tmp_path: Path) -> None:
    settings = replace(settings_for(data, tmp_path / "served"), **ENGLISH_HTML)
    preview = PreviewServer(settings.out_dir)
    said: list[str] = []
    try:
        cycle = cycle_of(settings, preview, said)
    finally:
        preview.server_close()
    assert not cycle.problems and not cycle.superseded, said
    # What it did, then that all is up to date (not "up to date: 67 files rewritten").
    assert said[-1].startswith(f"rebuilt {len(cycle.built)} files in ")
    assert said[-1].endswith(" s; the publication is up to date")
    built = tmp_path / "built"
    result = invoke(
        "build", "--data", str(data), "--out", str(built), "--lang", "en", "--format", "html"
    )
    assert result.exit_code == 0, result.output
    served, written = files_of(settings.out_dir), files_of(built)
    assert served.keys() == written.keys()
    assert served == written  # the record too: the same fingerprints
    assert b"mocr-serve" not in b"".join(served.values())  # no reload script in a file


@pytest.mark.slow
def test_a_save_rebuilds_the_open_page_first_and_reloads_it(data: Path, tmp_path: Path) -> None:
    settings = replace(settings_for(data, tmp_path / "out"), **ENGLISH_HTML)
    preview = PreviewServer(settings.out_dir, keepalive=0.2)
    preview.start(poll_interval=0.02)
    said: list[str] = []
    try:
        assert not cycle_of(settings, preview, said).problems, said
        page = settings.out_dir / PAGE
        client = EventClient(preview, version=version_of(page))
    except BaseException:
        preview.stop()
        raise
    try:
        assert client.read_until(b"event: ok")
        assert wait_for(lambda: preview.viewed() == ["/" + PAGE])

        edit(data / "2019" / "offices.csv", "decan;established;yes;yes", "decan;established;no;yes")
        cycle = cycle_of(settings, preview, said)
        assert cycle.built[0] == settings.out_dir / PAGE  # the open page first
        assert cycle.built.count(settings.out_dir / PAGE) == 1  # made once, as build makes it
        assert client.read_until(b'event: reload\ndata: ["/' + PAGE.encode())
        assert "<dt>Work plan</dt><dd>✗\u00a0No</dd>".encode() in page.read_bytes()  # palette.MARKS

        edit(
            data / "2019" / "offices.csv", "decan;established;no;yes", "decan;established;maybe;yes"
        )
        before = page.read_bytes()
        cycle = cycle_of(settings, preview, said)
        # One problem, located as an editor shows it (the message is validation's).
        (problem,) = [str(p) for p in cycle.problems]
        assert problem.startswith("2019/offices.csv:2:work_plan: 'maybe'")
        assert client.read_until(b"event: problems")
        assert problem.encode() in client.received
        assert page.read_bytes() == before  # the last good page stays

        edit(
            data / "2019" / "offices.csv",
            "decan;established;maybe;yes",
            "decan;established;yes;yes",
        )
        client.received = b""
        cycle = cycle_of(settings, preview, said)
        assert not cycle.problems
        assert client.read_until(b"event: ok")
        assert "<dt>Work plan</dt><dd>✓\u00a0Yes</dd>".encode() in page.read_bytes()
    finally:
        client.close()
        preview.stop()


@pytest.mark.slow
def test_a_cycle_rewrites_what_mocr_build_would_each_file_once(data: Path, tmp_path: Path) -> None:
    """Each pass makes its pages as the last one does, so no page is made twice
    in a cycle (a pass limited to HTML made every web page without its PDF's
    link, and the last pass every page again: 1,399 files for a one-row edit of
    the bundled data, where mocr build rewrites 139)."""
    settings = replace(settings_for(data, tmp_path / "out"), languages=("en",))
    preview = PreviewServer(settings.out_dir, keepalive=0.2)
    preview.start(poll_interval=0.02)
    said: list[str] = []
    client = None
    try:
        first = cycle_of(settings, preview, said)
        assert first.built and len(set(first.built)) == len(first.built)
        # A profile open in a browser: its own pass comes first.
        client = EventClient(preview, version=version_of(settings.out_dir / PAGE))
        assert wait_for(lambda: preview.viewed() == ["/" + PAGE])
        edit(data / "2019" / "offices.csv", "\ndecan;established;yes;", "\ndecan;established;no;")
        would = invoke("build", "--data", str(data), "--out", str(settings.out_dir),
                       "--lang", "en", "--dry-run", "--json")  # fmt: skip
        expected = {item["output"] for item in json.loads(would.stdout)["rebuild"]}
        again = cycle_of(settings, preview, said)
    finally:
        if client is not None:
            client.close()
        preview.stop()
    rewritten = [path.relative_to(settings.out_dir).as_posix() for path in again.built]
    assert rewritten[0] == PAGE
    assert len(set(rewritten)) == len(rewritten)
    assert set(rewritten) == expected
    assert "2019/municipalities/mocr-2019-decan-en.html" in expected
    assert len(expected) < len(first.built) / 3


@pytest.mark.slow
def test_a_booklet_is_typeset_once_a_cycle_in_the_pass_of_its_sheet_s_page(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sheet's web page says its booklet's size and pages, so the pass of web
    pages typesets the booklet to describe it: it writes it too, and the last pass
    finds it up to date (it typeset every stale booklet a second time: about 0.5 s
    of CPU each, four a year in a one-row edit of the bundled data)."""
    from mocr_factsheet.render import typst

    settings = replace(settings_for(data, tmp_path / "out"), languages=("en",), jobs=1)
    preview = PreviewServer(settings.out_dir)
    said: list[str] = []
    booklet = settings.out_dir / "2019" / "mocr-2019-en-booklet.pdf"
    try:
        cycle_of(settings, preview, said)
        assert booklet.exists()
        compile_pdf = typst._compile_pdf
        typeset: list[str] = []

        def counted(*args: Any, **kwargs: Any) -> Any:
            typeset.append(str(args[1]))
            return compile_pdf(*args, **kwargs)

        monkeypatch.setattr(typst, "_compile_pdf", counted)
        edit(data / "2019" / "offices.csv", "\ndecan;established;yes;", "\ndecan;established;no;")
        passes_built: list[list[Path]] = []
        original = serve_module.run_build

        def each_pass(*args: Any, **kwargs: Any) -> Any:
            report = original(*args, **kwargs)
            passes_built.append(list(report.built))
            return report

        monkeypatch.setattr(serve_module, "run_build", each_pass)
        again = cycle_of(settings, preview, said)
    finally:
        preview.server_close()
    assert not again.problems
    assert typeset.count("booklet.typ") == 1
    assert booklet in again.built
    html_pass = next(built for built in passes_built if built and booklet in built)
    assert settings.out_dir / "2019" / "mocr-2019-en.html" in html_pass
    assert all(path.suffix == ".html" or path == booklet for path in html_pass)


@pytest.mark.slow
def test_a_deleted_page_asked_for_is_built_again(data: Path, tmp_path: Path) -> None:
    settings = replace(settings_for(data, tmp_path / "out"), **ENGLISH_HTML)
    preview = PreviewServer(settings.out_dir)
    preview.start(poll_interval=0.02)
    watch = Watch()
    preview.on_missing(lambda page: watch.add({page}))
    try:
        assert not run_cycle(settings, preview, watch, print, print).problems
        page = settings.out_dir / PAGE
        built = page.read_bytes()
        page.unlink()
        assert get(preview, "/" + PAGE)[0] == 404
        assert watch.take() == {"/" + PAGE}
        cycle = run_cycle(settings, preview, watch, print, print)
        assert cycle.built == [page]  # that page, nothing else
        assert page.read_bytes() == built
    finally:
        preview.stop()


@pytest.mark.slow
def test_a_save_during_a_pass_starts_the_cycle_again(data: Path, tmp_path: Path) -> None:
    settings = replace(settings_for(data, tmp_path / "out"), **ENGLISH_HTML)
    preview = PreviewServer(settings.out_dir)
    watch = Watch()
    watch.add({str(data / "2019" / "offices.csv")})  # as if saved while building
    try:
        cycle = run_cycle(settings, preview, watch, print, print)
    finally:
        preview.server_close()
    assert cycle.superseded and not cycle.built


def half_saved_workbook(data: Path) -> tuple[Path, bytes]:
    """2019's offices as a workbook, of which only the first half is written yet
    (a spreadsheet program saving in place); and the whole file's bytes."""
    workbook = as_workbook(data / "2019" / "offices.csv")
    whole = workbook.read_bytes()
    workbook.write_bytes(whole[: len(whole) // 2])
    return workbook, whole


def test_a_problem_of_a_file_being_saved_waits_for_the_save_to_end(tmp_path: Path) -> None:
    folder = tmp_path / "2019"
    folder.mkdir()
    (folder / "offices.xlsx").write_bytes(b"PK")
    now = (folder / "offices.xlsx").stat().st_mtime
    half = Problem("2019/offices.xlsx", None, None, "bad-workbook", "not a readable Excel workbook")
    gone = Problem("2019/staff.csv", None, None, "missing-file", "file not found")
    wrong = Problem("2019/offices.xlsx", 3, "work_plan", "not-yes-no", "'maybe' is not yes or no")
    assert still_saving(tmp_path, [half], now + 0.25) == pytest.approx(SETTLE - 0.25, abs=0.01)
    assert still_saving(tmp_path, [gone], now + 0.5) == pytest.approx(
        SETTLE - 0.5, abs=0.01
    )  # its folder
    assert still_saving(tmp_path, [half], now + SETTLE + 0.01) == 0.0  # saved a while ago
    assert still_saving(tmp_path, [wrong], now) == 0.0  # a mistake, not a save in progress
    assert still_saving(tmp_path, [half.located("1999/offices.xlsx")], now) == 0.0  # no file
    assert still_saving(tmp_path, [half], now - 60) == SETTLE  # a clock set back: at most SETTLE


def test_a_half_saved_workbook_is_not_shown_as_a_problem(data: Path, tmp_path: Path) -> None:
    # The save's last write comes 0.3 s after the cycle began on its first half:
    # the preview waits for it and starts again, the problem line never flashes.
    workbook, whole = half_saved_workbook(data)
    settings = replace(settings_for(data, tmp_path / "out"), **ENGLISH_HTML)
    preview = PreviewServer(settings.out_dir)
    watch = Watch()

    def finish_the_save() -> None:
        time.sleep(0.3)
        workbook.write_bytes(whole)
        watch.add({str(workbook)})

    saving = threading.Thread(target=finish_the_save)
    saving.start()
    try:
        cycle = run_cycle(settings, preview, watch, print, print)
    finally:
        saving.join()
        preview.server_close()
    assert cycle.superseded and not cycle.problems and not cycle.built
    assert preview.problems == ()
    assert watch.take() == {str(workbook)}  # the next cycle's


def test_a_workbook_left_half_written_is_shown_once_the_save_is_over(
    data: Path, tmp_path: Path
) -> None:
    workbook, _ = half_saved_workbook(data)
    settings = replace(settings_for(data, tmp_path / "out"), **ENGLISH_HTML)
    preview = PreviewServer(settings.out_dir)
    long_ago = time.time() - 60
    for changed in (workbook, workbook.parent):
        os.utime(changed, (long_ago, long_ago))
    waits: list[float | None] = []

    class Heard(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            waits.append(timeout)
            return super().wait(timeout)

    try:
        cycle = run_cycle(settings, preview, Watch(changed=Heard()), print, print)
    finally:
        preview.server_close()
    assert not cycle.superseded
    assert preview.problems[0].startswith("2019/offices.xlsx: not a readable Excel workbook")
    assert waits == [0.0]  # shown at once: nothing is being saved


def test_a_port_in_use_is_one_line(data: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke("serve", "--data", str(data), "--out", str(tmp_path / "out"),
                        "--port", str(port))  # fmt: skip
    # A mistake of the command line (status 2), said in plain words with what to type.
    assert result.exit_code == 2
    said = " ".join(result.output.replace("│", " ").split())
    assert (
        f"Invalid value for --port: port {port} is in use by another program: give another "
        "with --port, or leave --port out for a free one"
    ) in said
    assert not (tmp_path / "out").exists()


def test_stopped_while_rebuilding_it_says_the_folder_is_not_up_to_date(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of a rebuild said only "stopped." and exited 0, the
    output folder left behind the data (serve review): it says what is left to
    do, and exits as an interrupted build does (130)."""

    def interrupted(*args: object) -> None:
        raise Interrupted(signal.SIGINT, kept=3)  # as run_build raises it

    monkeypatch.setattr("mocr_factsheet.serve.run_cycle", interrupted)
    out = tmp_path / "out"
    settings = replace(settings_for(data, out), languages=("en",), formats=("html",))
    behind = serve_module.left_to_build(settings)  # what --dry-run counts: all of it
    assert behind is not None and behind > 100
    result = invoke("serve", "--data", str(data), "--out", str(out), "--lang", "en",
                    "--format", "html")  # fmt: skip
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == (
        f"stopped (Ctrl-C) while rebuilding: {behind:,} files of {out} are not up to date "
        "(the 3 it finished are kept). Run mocr build (or mocr serve) to finish them "
        "before sharing the folder."
    )
    assert "stopped.\n" not in result.stdout


def test_stopped_in_a_cycle_with_nothing_left_to_do_it_just_stops(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cycle that a duplicate save started, stopped when the folder is up to date
    (CI: the browser test's Ctrl-C fell in one): "stopped.", exit 0."""
    out = tmp_path / "out"
    args = ["--data", str(data), "--out", str(out), "--lang", "en", "--format", "html"]
    assert invoke("build", *args).exit_code == 0

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("mocr_factsheet.serve.run_cycle", interrupted)
    result = invoke("serve", *args)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "stopped."


def test_a_missing_data_folder_is_one_line(tmp_path: Path) -> None:
    result = invoke("serve", "--data", str(tmp_path / "nothing"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert str(tmp_path / "nothing") in result.stderr


def test_a_failure_the_data_explains_shows_the_datas_problem(data: Path, tmp_path: Path) -> None:
    # Issue 17: a majority language that validation refuses once ended mocr build
    # in a traceback; whatever the build does with it, the preview says what to fix.
    edit(data / "municipalities.csv", "decan,Deçan,Dečane,,,sq", "decan,Deçan,Dečane,,,srb")
    settings = replace(settings_for(data, tmp_path / "out"), **ENGLISH_HTML)
    preview = PreviewServer(settings.out_dir)
    said: list[str] = []
    try:
        cycle = cycle_of(settings, preview, said)
    finally:
        preview.server_close()
    assert str(cycle.problems[0]).startswith("municipalities.csv:2:majority_language")
    assert preview.problems[0] == str(cycle.problems[0])
    assert not any("Traceback" in line for line in said)


def test_a_failure_of_ours_keeps_the_preview_running(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(settings: BuildSettings, progress: Callable[..., None], **limits: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("mocr_factsheet.serve.run_build", broken)
    settings = settings_for(data, tmp_path / "out")
    preview = PreviewServer(settings.out_dir)
    said: list[str] = []
    try:
        cycle = cycle_of(settings, preview, said)
    finally:
        preview.server_close()
    assert cycle.failed and not cycle.problems
    assert preview.problems == ("the build failed: RuntimeError: a bug (a bug in mocr)",)


def test_a_browser_that_goes_away_mid_answer_prints_nothing(
    out: Path, server: PreviewServer, capfd: pytest.CaptureFixture[str]
) -> None:
    """A reload while a large file is still on its way resets the connection: the
    analyst's terminal is for the build's lines, not the server's traceback
    (socketserver's default ``handle_error`` prints one for every such reset)."""
    (out / "2019" / "mocr-2019-en.pdf").write_bytes(b"%PDF" + b"0" * 8_000_000)
    _, port = server.server_address[:2]
    for _ in range(5):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"GET /2019/mocr-2019-en.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        sock.recv(100)  # the answer has started
        # Closed with a reset (no lingering), as a browser's cancelled fetch may be.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    # Every handler has finished (the server still answers), then nothing was printed.
    assert wait_for(lambda: get(server, "/")[0] == 200)
    time.sleep(0.3)
    assert capfd.readouterr().err == ""
