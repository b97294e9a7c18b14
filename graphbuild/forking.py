"""Run a function in a forked process while this one works on; take its result (or its error) back.

The build has two cores' worth of independent work at large sizes (the later plans' tables, two
of the four files) and nothing to share during it, so a fork with a pipe is all it takes: the
child inherits the inputs copy-on-write and sends its result back pickled.
"""
from __future__ import annotations

import os
import pickle
import signal
import threading
from typing import Callable


def can_fork() -> bool:
    """Tell whether forking is safe here (POSIX, one thread: a fork copies only the calling one)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def fork_call(fn: Callable[[], object]) -> tuple[Callable[[], object], Callable[[], None]]:
    """Start fn() in a forked process; return (join, kill).

    join() waits for the child and returns fn's result, or raises the exception it raised;
    kill() ends the child at once (call it when this side fails, then do not join).
    """
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: send the result or the failure through the pipe, never return
        status = 1
        try:
            os.close(read_end)
            _die_with_parent(parent)
            payload = pickle.dumps((True, fn()), protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        except BaseException as exc:  # noqa: BLE001 (every failure goes back to the parent)
            try:
                payload = pickle.dumps((False, exc))
            except Exception:  # noqa: BLE001 (an exception that does not pickle)
                payload = pickle.dumps((False, RuntimeError(repr(exc))))
        try:
            with open(write_end, "wb", closefd=False) as pipe:
                pipe.write(payload)
        finally:
            os._exit(status)
    os.close(write_end)
    done = False

    def join():
        nonlocal done
        done = True
        with open(read_end, "rb") as pipe:  # read before waiting: the child blocks until it is
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not payload:
            raise RuntimeError(f"a forked build process ended with status {status} and no answer")
        ok, value = pickle.loads(payload)
        if not ok:
            raise value
        return value

    def kill():
        nonlocal done
        if done:
            return
        done = True
        os.kill(pid, signal.SIGKILL)
        os.close(read_end)
        os.waitpid(pid, 0)

    return join, kill


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this forked process when its parent dies (Linux)."""
    # A killed build must leave no worker behind (tests/test_atomic_kills.py).
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request
        os._exit(1)
