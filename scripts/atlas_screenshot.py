"""Open an atlas page in headless Chromium and save a screenshot of it, with one name searched
for so the evidence panel shows its facts; prints the page's drawing times.

    python scripts/atlas_screenshot.py atlas.html docs/atlas-seeds.png [--search 皖事通]

Needs Playwright (the test extras) and a Chromium (Debian: apt-get install chromium; or set
GOVKG_CHROMIUM); CJK fonts (Debian: fonts-noto-cjk) for readable labels.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from headless_chromium import ARGS, chromium_path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--search", help="a name to search for and pick before the shot")
    parser.add_argument("--width", type=int, default=1400)
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 1000})
        started = time.perf_counter()
        page.goto(args.page.resolve().as_uri())
        page.wait_for_function("document.body.dataset.ready === 'true'", timeout=60_000)
        print(f"drawn {time.perf_counter() - started:.2f} s after navigation started (browser running)")
        timeline = page.evaluate(
            """() => [...performance.getEntriesByType('paint').map(p => [p.name, p.startTime]),
                      ...performance.getEntriesByType('mark').map(m => [m.name + ' runs', m.startTime]),
                      ...performance.getEntriesByType('measure').filter(m => m.name === 'atlas:start')
                         .map(m => ['first chart drawn', m.startTime + m.duration]),
                      ...performance.getEntriesByType('measure').filter(m => m.name === 'atlas:ready')
                         .map(m => ['all drawn', m.duration])]"""
        )
        print("  ".join(f"{name} {ms / 1000:.2f} s" for name, ms in timeline))
        measures = page.evaluate("performance.getEntriesByType('measure').map(m => [m.name, Math.round(m.duration)])")
        print("  ".join(f"{name} {ms} ms" for name, ms in measures if name not in ("atlas:start", "atlas:ready")))
        if args.search:
            page.locator("#search").fill(args.search)
            page.locator("#search").press("Enter")
        page.wait_for_timeout(1500)  # the network's force layout settles
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(args.png), full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
