"""The atlas opened in a real headless Chromium (Debian's, driven by Playwright): no request leaves
the page, no console error, every chart draws, a click on a chart shows the fact's evidence, search
finds names by alias, and report text with markup stays text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from atlas_reports import HOSTILE, write_atlas_corpus
from conftest import require, run_kg
from headless_chromium import ARGS, chromium_path

from kg.stores import EmbeddedStore

pytestmark = [pytest.mark.slow, pytest.mark.browser]

@pytest.fixture(scope="module")
def atlas(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("atlas")
    corpus = write_atlas_corpus(tmp / "corpus")
    run_kg("load", str(corpus), "--db", str(tmp / "db"))
    proc = run_kg("atlas", "--db", str(tmp / "db"), "--out", str(tmp / "atlas.html"))
    assert "atlas.html: 6 regions" in proc.stdout
    return tmp / "atlas.html", tmp / "db"


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        executable = chromium_path()
        if executable is None:
            require("no Chromium on PATH (Debian: apt-get install chromium; or set GOVKG_CHROMIUM)")
        launched = p.chromium.launch(executable_path=executable, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, atlas):
    """The atlas, opened and drawn; ``page.problems`` gathers console errors and every request
    for anything but the file itself (each one refused)."""
    url = atlas[0].as_uri()
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def guard(route):
        if route.request.url == url:
            route.continue_()
        else:
            problems.append(f"request: {route.request.url}")
            route.abort()

    tab.route("**/*", guard)
    tab.goto(url)
    tab.wait_for_function("document.body.dataset.ready === 'true'", timeout=30_000)
    tab.problems = problems  # type: ignore[attr-defined]
    yield tab
    tab.close()


def _click_chart(page, chart: str, point_js: str) -> None:
    """Click the chart's canvas where ``point_js`` (ECharts' convertToPixel on that chart) says."""
    canvas = page.locator(f"#{chart} canvas").first
    canvas.scroll_into_view_if_needed()
    x, y = page.evaluate(f"() => {{ const c = window.govkgAtlas.charts['{chart}']; return {point_js}; }}")
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)  # as a hand does: hover (tooltip) first, then click
    page.mouse.click(box["x"] + x, box["y"] + y)


def _inked_pixels(page, chart: str) -> int:
    return page.evaluate(
        """(id) => { const c = document.querySelector('#' + id + ' canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""",
        chart,
    )


def test_the_page_draws_every_chart_offline_without_errors(page):
    for chart in ("diffusion", "map", "matrix", "network"):
        assert _inked_pixels(page, chart) > 2000, chart
    assert page.problems == []
    assert "6 地区 regions" in page.locator("#summary").inner_text()


def test_a_click_on_a_matrix_cell_shows_the_facts_evidence(page, atlas):
    with EmbeddedStore(atlas[1]) as store:
        row = next(r for r in store.query("adopters", {"platform": "粤省事"}) if r["region"] == "广州市")
    point = """(() => { const o = c.getOption();
        return c.convertToPixel({seriesIndex: 0}, [o.xAxis[0].data.indexOf('粤省事'), o.yAxis[0].data.indexOf('广州市')]);
      })()"""
    _click_chart(page, "matrix", point)
    assert page.locator("#evidence-title").inner_text() == "广州市 · 粤省事"
    assert page.locator("#evidence blockquote").first.inner_text() == row["evidence"]
    source = page.locator("#evidence .source").first.inner_text()
    assert source == f"{row['report']} · 字符 chars {row['start']}–{row['end']}"
    assert page.problems == []


def _choose_on_map(page, name: str) -> None:
    value = page.evaluate("(n) => [...document.querySelectorAll('#map-name option')]"
                          ".find(o => o.textContent.startsWith(n + ' (')).value", name)
    page.select_option("#map-name", value)


def _coloured(page) -> list[list]:
    return page.evaluate("() => window.govkgAtlas.charts.map.getOption().series[0].data"
                         ".filter(d => d.value !== null && d.value !== undefined).map(d => [d.name, d.value])")


def test_the_map_colours_adopters_and_lists_what_it_cannot_draw(page):
    _choose_on_map(page, "粤省事")
    areas = _coloured(page)
    assert sorted(areas) == [["广州", 2019], ["深圳", 2021]]  # the city map; the province is listed
    assert "广东省 2018" in page.locator("#off-map").inner_text()
    page.select_option("#map-level", "province")  # a province is drawn there, and is large enough to hit
    assert _coloured(page) == [["广东", 2018]]
    cp = page.evaluate("""() => JSON.parse(document.getElementById('map-province').textContent)
        .features.find(f => String(f.id || f.properties.id) === '440000').properties.cp""")
    _click_chart(page, "map", f"c.convertToPixel({{seriesIndex: 0}}, {json.dumps(cp)})")
    assert page.locator("#evidence-title").inner_text() == "广东 · 粤省事"
    assert page.locator("#evidence .fact").first.inner_text() == "广东省 — 平台 platform 粤省事"
    # a county has no boundary of its own: drawn as its city, and listed as such
    assert page.locator("#map-name option", has_text="闽政通").count() == 0  # one region: search finds it
    page.locator("#search").fill("闽政")
    page.locator("#search").press("Enter")
    assert page.locator("#map-name option:checked").inner_text() == "闽政通 (1)"
    assert "建瓯市 2020" in page.locator("#off-map").inner_text()
    assert _coloured(page) == [["南平", 2020]]
    page.locator("#map-rollup").uncheck()
    assert _coloured(page) == []
    assert "无县级边界" in page.locator("#off-map").inner_text()
    assert page.problems == []


def test_search_finds_a_name_by_alias_and_report_markup_stays_text(page):
    page.locator("#search").fill("市民热线")
    first = page.locator("#search-results li").first
    assert "12345政务服务便民热线" in first.inner_text() and "12345市民热线" in first.inner_text()
    page.locator("#search").fill("浙里")
    page.locator("#search").press("Enter")
    assert page.locator("#evidence-title").inner_text().startswith("平台 platform 浙里办")
    quotes = page.locator("#evidence blockquote").all_inner_texts()
    assert any(HOSTILE in q for q in quotes)
    assert page.evaluate("() => window.__pwned") is None and page.locator("#evidence img").count() == 0
    assert "浙里办" in page.evaluate("() => window.govkgAtlas.charts.diffusion.getOption().legend[0].data || []") \
        or "浙里办" in [s["name"] for s in page.evaluate("() => window.govkgAtlas.charts.diffusion.getOption().series")]
    assert page.problems == []


def test_a_click_on_a_partnership_link_shows_its_evidence(page):
    # a point of the link that no node or label covers (the hit test ECharts' own click uses)
    point = """(() => { const s = c.getModel().getSeriesByIndex(0); const d = s.getData();
        const a = d.getItemLayout(d.indexOfName('广州市')), b = d.getItemLayout(d.indexOfName('南宁市'));
        for (let t = 0.5; t > 0.05; t -= 0.05) for (const u of [t, 1 - t]) {
          const p = [a[0] + u * (b[0] - a[0]), a[1] + u * (b[1] - a[1])];
          const hit = c.getZr().handler.findHover(p[0], p[1]).target;
          if (hit && hit.type === 'ec-line') return p;
        }
        return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]; })()"""
    _click_chart(page, "network", point)
    assert page.locator("#evidence-title").inner_text() == "广州市 → 南宁市"
    assert "南宁市" in page.locator("#evidence blockquote").first.inner_text()
    assert page.problems == []
