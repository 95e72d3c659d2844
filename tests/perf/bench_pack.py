"""Benchmark of the review pack for a 200-project demo portfolio, beside bare reportlab.

Run (not collected by pytest)::

    python tests/perf/bench_pack.py [--projects 200] [--repeats 3]

Prints, for the pack of the whole workspace (every section):

* ours: ``build_pack`` end to end (reading the data through the services,
  writing the story, laying it out once with contents, bookmarks, running
  header and "page n of m", writing the PDF through a temporary file);
* bare: reportlab's plain ``BaseDocTemplate.build`` (same page and frame) of the very same
  flowables, made beforehand from data already read (no data gathering, no
  contents, bookmarks, header or footer);
* the ratio of the two. Target: within 1.5×, and under 10 s.

The parts of ours (gathering, writing the story, laying out) are printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_RATIO = 1.5
TARGET_SECONDS = 10.0


def plain_document(path: str, layout: Any) -> Any:
    """reportlab's own document with the pack's page and frame, and nothing else."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from pmodesk.reports.document import FOOTER_SPACE, MARGIN

    document = BaseDocTemplate(path, pagesize=(layout.page_width, layout.page_height))
    frame = Frame(
        MARGIN,
        MARGIN + FOOTER_SPACE,
        layout.frame_width,
        layout.frame_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(frames=[frame])])
    return document


def build_workspace(path: Path, projects: int) -> float:
    from pmodesk.services.demo import DemoSize, generate_demo
    from pmodesk.store import open_workspace

    start = time.perf_counter()
    workspace = open_workspace(path)
    try:
        generate_demo(workspace, DemoSize(projects=projects))
    finally:
        workspace.close()
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    from pmodesk.reports import PackSettings, build_pack, gather_pack
    from pmodesk.reports.document import Layout
    from pmodesk.reports.fonts import register_fonts
    from pmodesk.reports.sections import build_story
    from pmodesk.store import open_workspace

    scratch = Path(tempfile.mkdtemp(prefix="pmodesk-bench-pack-"))
    workspace_path = scratch / "bench.pmodesk"
    made = build_workspace(workspace_path, args.projects)
    print(f"demo workspace of {args.projects} projects made in {made:.1f} s ({workspace_path})")
    register_fonts()  # once per process, for both sides
    settings = PackSettings()
    layout = Layout.of(settings)
    workspace = open_workspace(workspace_path)
    ours_times: list[float] = []
    bare_times: list[float] = []
    gather_times: list[float] = []
    story_times: list[float] = []
    result: Any = None
    try:
        # One untimed run first: modules imported on first use, caches filled.
        with workspace.session() as session:
            build_pack(session, settings, scratch / "warm.pdf")
        # Ours and bare take turns, so that a busy machine slows both alike.
        for _ in range(args.repeats):
            with workspace.session() as session:
                start = time.perf_counter()
                result = build_pack(session, settings, scratch / "ours.pdf")
                ours_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                data = gather_pack(session, settings)
                gather_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            story, _levels = build_story(data, layout)
            story_times.append(time.perf_counter() - start)
            document = plain_document(str(scratch / "bare.pdf"), layout)
            start = time.perf_counter()
            document.build(story)
            bare_times.append(time.perf_counter() - start)
    finally:
        workspace.close()
    ours = statistics.median(ours_times)
    bare_build = statistics.median(bare_times)
    gathered = statistics.median(gather_times)
    storied = statistics.median(story_times)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"(machine load average {load:.1f} at the end; both sides run in turns)")
    ratio = ours / bare_build
    print(
        f"pack: {result.pages} pages, {result.projects} projects in scope, period {result.period}"
    )
    print(f"  ours  build_pack end to end      {ours:7.2f} s")
    print(f"          of which gathering data   {gathered:7.2f} s")
    print(f"          of which writing story    {storied:7.2f} s")
    print(f"          laying out and writing    {ours - gathered - storied:7.2f} s")
    print(f"  bare  reportlab, same flowables  {bare_build:7.2f} s")
    runs = ", ".join(f"{o:.2f}/{b:.2f}" for o, b in zip(ours_times, bare_times, strict=True))
    print(f"  each run, ours/bare: {runs} s")
    verdict = "ok" if ratio <= TARGET_RATIO and ours < TARGET_SECONDS else "OVER TARGET"
    print(
        f"  ratio {ratio:.2f}x (target ≤ {TARGET_RATIO}x and < {TARGET_SECONDS:.0f} s): {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
