"""`accesswatch build` and `accesswatch serve`: the static site from `data/`."""

from __future__ import annotations

import argparse
import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from accesswatch.sitegen.build import SiteBuildError, build_site


def _build(args: argparse.Namespace) -> int:
    base_url = getattr(args, "base_url", "https://accesswatch.github.io/accesswatch/")
    try:
        report = build_site(Path(args.data), Path(args.output), base_url=base_url,
                            archive=getattr(args, "archive", None))
    except SiteBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a bad data file: the loaders' messages name the file
        print(f"error: cannot build the site from {args.data}: {error}", file=sys.stderr)
        return 1
    per_page = 1000 * report.total_seconds / max(report.pages, 1)
    print(f"built {report.pages} pages into {report.output} in {report.total_seconds:.2f} s "
          f"({per_page:.1f} ms per page; generation {report.generate_seconds:.2f} s, "
          f"rendering {report.render_seconds:.2f} s)")
    return 0


def build_command(args: argparse.Namespace) -> int:
    """Build the site from `args.data` into `args.output` (strict MkDocs build). Returns 0 or 1."""
    return _build(args)


def serve(directory: Path, port: int = 8000, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A threaded static HTTP server for `directory` on host:port (not started)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    return ThreadingHTTPServer((host, port), handler)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def serve_command(args: argparse.Namespace) -> int:
    """Build the site, then serve it on 127.0.0.1:`args.port` until interrupted."""
    status = _build(args)
    if status:
        return status
    server = serve(Path(args.output), args.port)
    print(f"serving {args.output} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        thread.join()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
