"""The one guarded boundary between labkit and plugin code.

Every import of a plugin and every call into it (hooks, the iterators they return, document generators) runs
through :func:`call`. Whatever the plugin code does there ends as a value or as one :class:`PluginFault`:

- an exception of any kind, ``sys.exit()`` and a ``KeyboardInterrupt`` the plugin raised itself become a fault;
  a real Ctrl-C (SIGINT) still stops labkit;
- what the plugin prints to standard output is captured and handed back, so machine output (``--json``) stays
  valid and labkit can show it as a warning;
- a call may take at most :attr:`Limits.seconds` (on POSIX the call is interrupted; elsewhere the limit is checked
  between the items of a returned iterator) and an iterable result is taken with at most :attr:`Limits.items`
  items, so an endless iterator cannot exhaust memory.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from typing import Any

import attrs

__all__ = ["Limits", "PluginFault", "call"]

ENV_TIMEOUT = "LABKIT_PLUGIN_TIMEOUT"
ENV_SLOW = "LABKIT_PLUGIN_SLOW"


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value >= 0 else default


@attrs.frozen
class Limits:
    """How much labkit takes from one call into a plugin."""

    items: int = 10_000
    """Items taken from one hook's result; a plugin returning more is skipped."""
    seconds: float = 30.0
    """Seconds one import or hook call may take (``LABKIT_PLUGIN_TIMEOUT``; 0 means no limit)."""
    slow: float = 1.0
    """An import slower than this is reported (``LABKIT_PLUGIN_SLOW``), naming the plugin and the time."""

    @classmethod
    def from_environment(cls) -> Limits:
        return cls(seconds=_seconds(ENV_TIMEOUT, 30.0), slow=_seconds(ENV_SLOW, 1.0))


class PluginFault(Exception):
    """Plugin code failed. ``str(fault)`` says how, for example ``RuntimeError: database down``."""

    def __init__(self, message: str, *, raised: BaseException | None = None, output: str = "") -> None:
        super().__init__(message)
        self.raised = raised
        """The exception the plugin raised, if it raised one."""
        self.output = output
        """What the plugin printed to standard output before it failed."""

    def describe(self, verb: str = "raised") -> str:
        """``raised RuntimeError: ...`` for an exception, otherwise what happened (``called sys.exit(3)``)."""
        return f"{verb} {self}" if self.raised is not None and not self.special else str(self)

    @property
    def special(self) -> bool:
        return isinstance(self.raised, (SystemExit, KeyboardInterrupt, _Deadline))


class _Deadline(BaseException):
    """Raised inside plugin code that ran past its time (a BaseException, so ``except Exception`` passes it on)."""


class _Capture(io.StringIO):
    """Standard output of plugin code, kept up to a limit."""

    LIMIT = 2000

    def write(self, text: str) -> int:
        room = self.LIMIT - self.tell()
        if room > 0:
            super().write(text[:room])
        return len(text)


_lock = threading.Lock()
_depth = 0
_user_interrupt = False


def _on_sigint(_signum: int, _frame: Any) -> None:
    global _user_interrupt
    _user_interrupt = True
    raise KeyboardInterrupt


def _on_alarm(_signum: int, _frame: Any) -> None:
    raise _Deadline


@contextlib.contextmanager
def _signals(seconds: float) -> Iterator[bool]:
    """Tell a real Ctrl-C from a plugin's own KeyboardInterrupt, and interrupt a call that runs too long.

    Only the outermost guarded call in the main thread installs handlers; nested calls run under its deadline.
    Yields whether a real Ctrl-C can be told apart (it cannot where another SIGINT handler is installed).
    """
    global _depth
    with _lock:
        _depth += 1
        outermost = _depth == 1
    usable = outermost and threading.current_thread() is threading.main_thread()
    previous_int = previous_alarm = None
    try:
        if usable:
            if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                previous_int = signal.signal(signal.SIGINT, _on_sigint)
            if seconds and hasattr(signal, "setitimer"):
                previous_alarm = signal.signal(signal.SIGALRM, _on_alarm)
                signal.setitimer(signal.ITIMER_REAL, seconds)
        # Signals reach only the main thread: elsewhere a KeyboardInterrupt can only come from the plugin.
        yield threading.current_thread() is not threading.main_thread() or (
            signal.getsignal(signal.SIGINT) is _on_sigint
        )
    finally:
        if previous_alarm is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_alarm)
        if previous_int is not None:
            signal.signal(signal.SIGINT, previous_int)
        with _lock:
            _depth -= 1


def _take(value: Any, limits: Limits, started: float) -> Any:
    """*value*, with an iterator consumed here (where its errors are caught) within the limits."""
    if isinstance(value, (str, bytes, os.PathLike)) or not isinstance(value, Iterable):
        return value
    if isinstance(value, (Sized, Mapping)) and not isinstance(value, Iterator):
        if len(value) > limits.items:
            raise PluginFault(f"returned {len(value)} items; labkit takes at most {limits.items}")
        return value
    items = []
    for item in value:
        items.append(item)
        if len(items) > limits.items:
            raise PluginFault(f"returned more than {limits.items} items; labkit takes at most {limits.items}")
        if limits.seconds and time.perf_counter() - started > limits.seconds:
            raise PluginFault(f"took longer than {limits.seconds:g} s to return its items and was stopped")
    return items


def call(
    function: Callable[..., Any],
    /,
    *args: Any,
    limits: Limits,
    take: bool = True,
    timed: bool = True,
    passthrough: tuple[type[BaseException], ...] = (),
    **kwargs: Any,
) -> tuple[Any, str]:
    """Run plugin code: ``function(*args, **kwargs)``; returns its value and what it printed to standard output.

    With *take*, an iterable result (or each item of a list of results, as pluggy returns them) is taken within
    the limits. With *timed*, the call may take at most ``limits.seconds``. Exceptions of the *passthrough*
    types are raised as they are (a generator's deliberate :class:`~labkit.errors.LabkitError`); every other
    way plugin code can fail raises :class:`PluginFault`. A real Ctrl-C raises ``KeyboardInterrupt``.
    """
    output = _Capture()
    started = time.perf_counter()
    watching = False
    try:
        with _signals(limits.seconds if timed else 0) as watching, contextlib.redirect_stdout(output):
            value = function(*args, **kwargs)
            if take:
                value = (
                    [_take(v, limits, started) for v in value]
                    if isinstance(value, list)
                    else _take(value, limits, started)
                )
    except PluginFault as fault:
        fault.output = output.getvalue()
        raise
    except passthrough:
        raise
    except _Deadline as exc:
        raise PluginFault(
            f"took longer than {limits.seconds:g} s and was stopped", raised=exc, output=output.getvalue()
        ) from None
    except KeyboardInterrupt as exc:
        if _user_interrupt or not watching:
            raise
        raise PluginFault("raised KeyboardInterrupt", raised=exc, output=output.getvalue()) from None
    except SystemExit as exc:
        raise PluginFault(f"called sys.exit({exc.code!r})", raised=exc, output=output.getvalue()) from None
    except BaseException as exc:
        raise PluginFault(f"{type(exc).__name__}: {exc}", raised=exc, output=output.getvalue()) from exc
    return value, output.getvalue()
