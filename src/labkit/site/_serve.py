"""``labkit site --serve``: a local preview of a built site with the standard library's http.server.

The server listens on 127.0.0.1 only, so nothing outside this computer can reach it, and it does not serve
labkit's bookkeeping folder (``.labkit/``) or any other hidden file.
"""

from __future__ import annotations

import errno
import functools
import http.server
import os
from pathlib import Path
from typing import Any

from ..errors import ConfigurationError

__all__ = ["HOST", "make_server"]

#: The only address the preview listens on.
HOST = "127.0.0.1"


_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".png": "image/png",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, quiet: bool = False, **kwargs: Any) -> None:
        self.quiet = quiet
        self.extensions_map = {**self.extensions_map, **_TYPES}
        super().__init__(*args, **kwargs)

    def send_head(self) -> Any:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if any(part.startswith(".") for part in path.split("/") if part):
            self.send_error(404, "Not found")
            return None
        return super().send_head()

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # the browser went away mid-answer (a cancelled download, a closed tab): nothing to report
        super().handle_error(request, client_address)


def make_server(
    folder: str | os.PathLike[str], port: int = 8000, *, quiet: bool = False
) -> http.server.ThreadingHTTPServer:
    """A server for *folder* on ``127.0.0.1:port`` (port 0 picks a free one); call ``serve_forever()`` on it."""
    root = Path(folder)
    if not (root / "index.html").is_file():
        raise ConfigurationError(f"{root} holds no site; build it first with 'labkit site --out {root}'")
    handler = functools.partial(_Handler, directory=str(root), quiet=quiet)
    try:
        return _Server((HOST, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigurationError(f"port {port} is already in use; choose another with --port") from None
        raise ConfigurationError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
