"""Run the costly generators of a publish in forked worker processes that share the site.

A worker is a fork of the publishing process, so it has the graph and the templates without
copying them; it writes its files into the same staging folder and sends back only what the
parent must know: the pages it wrote with their links (for the sitemap and the link check), how
many files it wrote or kept, its re-publish cache records and its generator's result. Which
process writes a file does not change its bytes, so the site is the same with one worker or many.
"""
from __future__ import annotations

import multiprocessing
import os

# The site of the publish running now: set before the fork, so every worker inherits it.
_SITE = None
# Below this many tasks, forking costs more than it saves.
MIN_TASKS = 4


def workers() -> int:
    """Return how many processes a publish uses: one per usable core, at most four."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def _run(task):
    fn, arg = task
    site = _SITE
    site.pages, site.parsed, site.kept, site.written = [], {}, 0, 0
    if site.cache is not None:
        site.cache.new, site.cache.reused = {}, 0
    result = fn(site, arg)
    records = (site.cache.new, site.cache.reused) if site.cache is not None else ({}, 0)
    return result, site.pages, site.parsed, site.kept, site.written, records


def _merge(site, pages, parsed, kept, written, records) -> None:
    site.pages.extend(pages)
    site.parsed.update(parsed)
    site.kept += kept
    site.written += written
    if site.cache is not None:
        site.cache.new.update(records[0])
        site.cache.reused += records[1]


def run_tasks(site, tasks: list[tuple], processes: int | None = None) -> list:
    """Run fn(site, arg) for each (fn, arg) of tasks, in forked workers when it pays; results in order."""
    global _SITE
    processes = workers() if processes is None else processes
    if processes < 2 or len(tasks) < MIN_TASKS or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(site, arg) for fn, arg in tasks]
    saved = (site.pages, site.parsed, site.kept, site.written)
    _SITE = site
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            done = pool.map(_run, tasks, chunksize=1)
    finally:
        _SITE = None
        site.pages, site.parsed, site.kept, site.written = saved
    results = []
    for result, *state in done:
        _merge(site, *state)
        results.append(result)
    return results


def chunks(items: list, count: int) -> list[list]:
    """Split items into count interleaved parts (neighbours alike in cost spread over the parts)."""
    return [part for part in (items[i::count] for i in range(count)) if part]
