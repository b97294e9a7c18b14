"""The graph files and the site change together or not at all, and nothing is left behind."""
from __future__ import annotations

import fcntl
import os

import pytest

from graphbuild.build import CURRENT, OUTPUT_FILES, STATE_DIR, write_atomically
from ykg.foundation.errors import UserError
from ykg.site.swap import clean_leftovers, exchange, staging_folder, swap_in


def files(tag: str) -> dict[str, bytes]:
    return {name: f"{tag} {name}\n".encode() for name in OUTPUT_FILES}


def contents(out) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


def test_graph_files_switch_as_one(tmp_path):
    out = tmp_path / "build"
    written = write_atomically(files("A"), out)
    assert written == [out / n for n in OUTPUT_FILES] and contents(out) == files("A")
    assert all((out / n).is_symlink() for n in OUTPUT_FILES)
    first = os.readlink(out / STATE_DIR / CURRENT)
    write_atomically(files("B"), out)
    assert contents(out) == files("B")
    versions = [p.name for p in (out / STATE_DIR).iterdir() if p.name.startswith("v-")]
    assert versions == [os.readlink(out / STATE_DIR / CURRENT)] and versions != [first]
    assert sorted(p.name for p in out.iterdir()) == sorted([STATE_DIR, *OUTPUT_FILES])


def test_plain_files_of_an_older_build_are_adopted(tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    for name, data in files("old").items():
        (out / name).write_bytes(data)
    (out / "notes.txt").write_text("mine")
    write_atomically(files("new"), out)
    assert contents(out) == files("new") and (out / "notes.txt").read_text() == "mine"


def test_a_failed_write_keeps_the_old_files_and_the_next_run_cleans(tmp_path, monkeypatch):
    out = tmp_path / "build"
    write_atomically(files("A"), out)
    real_fsync, calls = os.fsync, []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)
    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(UserError, match="cannot write the graph files into .*No space left"):
        write_atomically(files("B"), out)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert contents(out) == files("A")
    assert len([p for p in (out / STATE_DIR).iterdir() if p.name.startswith("v-")]) == 2
    write_atomically(files("C"), out)
    assert contents(out) == files("C")
    assert len([p for p in (out / STATE_DIR).iterdir() if p.name.startswith("v-")]) == 1


def test_an_unwritable_out_is_a_user_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(UserError, match="cannot write the graph files into"):
        write_atomically(files("A"), tmp_path / "file" / "out")


def test_site_folders_are_exchanged_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x").write_text("a"), (b / "x").write_text("b")
    assert exchange(a, b)
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_swap_replaces_the_site_and_leaves_no_staging(tmp_path):
    out = tmp_path / "site"
    for version in ("one", "two"):
        with staging_folder(out) as tmp:
            (tmp / "site.json").write_text(version)
            swap_in(tmp, out)
        assert (out / "site.json").read_text() == version
        assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_killed_publishes_are_removed_but_not_a_running_one(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    dead = tmp_path / ".site-tmp-dead"
    (dead / "doc").mkdir(parents=True)
    old = tmp_path / ".site-old-123"
    old.mkdir()
    running = tmp_path / ".site-tmp-running"
    running.mkdir()
    fd = os.open(running, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # what a publish in progress holds
    try:
        assert sorted(p.name for p in clean_leftovers(out)) == [".site-old-123", ".site-tmp-dead"]
        assert running.is_dir() and not dead.exists() and not old.exists()
    finally:
        os.close(fd)
    assert [p.name for p in clean_leftovers(out)] == [".site-tmp-running"]
