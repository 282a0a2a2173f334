// The atlas page: diffusion curves, a map of first adoption years, the adoption matrix, the
// partnership network, evidence for anything clicked, and search. It reads the JSON blocks
// kg/atlas/page.py writes and draws with Apache ECharts. Report text (names, sentences, files)
// only ever enters the page as text (textContent) or through esc() in chart tooltips.
(function () {
  "use strict";
  performance.mark("atlas:script");

  const byId = (id) => document.getElementById(id);
  const readJson = (id) => JSON.parse(byId(id).textContent);
  const rowsOf = (t) => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const el = (tag, text, cls) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  };

  const LEVEL = { province: "省级 province", prefecture: "地级 city", county: "县级 county", unknown: "其他 other" };
  const KIND = { platform: "平台 platform", program: "改革 program" };
  const STATUS = { done: "已建成 done", planned: "计划 planned" };
  const DEFAULT_CHOSEN = 5;
  const YEAR_COLOURS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"];  // viridis: early dark, late light
  const MATRIX_NAMES = 30;
  const MATRIX_ROWS = 30;

  const data = readJson("atlas-data");
  const regions = rowsOf(data.regions);
  const names = rowsOf(data.names);
  const facts = rowsOf(data.facts);
  const partners = rowsOf(data.partners);
  const reports = rowsOf(data.reports);
  [facts, partners].forEach((list) => list.forEach((f) => {  // sentences and files are shared: see data.py
    f.evidence = f.evidence === null ? null : data.texts[f.evidence];
    f.evidence_file = f.evidence_file === null ? null : data.texts[f.evidence_file];
  }));
  names.forEach((n, i) => { n.index = i; });
  // A name both a platform and a program in the graph is told apart in legends and axes.
  const twice = new Set(names.filter((n, i) => names.findIndex((m) => m.name === n.name) !== i).map((n) => n.name));
  names.forEach((n) => { n.label = twice.has(n.name) ? `${n.name} (${KIND[n.kind] || n.kind})` : n.name; });
  regions.forEach((r, i) => { r.index = i; });
  const factsOfName = names.map(() => []);
  const factsOfRegion = regions.map(() => []);
  facts.forEach((f) => { factsOfName[f.name].push(f); factsOfRegion[f.region].push(f); });

  const state = {
    chosen: names.slice(0, DEFAULT_CHOSEN).map((n) => n.index),
    focus: names.length ? 0 : null,
    level: "",
    mapLevel: "province",
    rollup: false,
    sort: "first",
  };

  // ---- evidence panel -------------------------------------------------------------------------
  function reportItem(index) {
    const r = reports[index];
    return el("li", r ? `${r.file}${r.year ? ` (${r.year})` : ""}${r.title ? ` · ${r.title}` : ""}` : "?");
  }

  function factItem(f, who, what) {
    const li = el("li");
    li.append(el("div", `${who} — ${what}`, "fact"));
    const years = f.first_year === f.last_year ? `${f.first_year ?? "?"}` : `${f.first_year ?? "?"}–${f.last_year ?? "?"}`;
    li.append(el("div", `年份 years ${years} · ${STATUS[f.status] || f.status || ""} · ${f.n_reports ?? 0} 份报告 reports`, "muted"));
    li.append(el("blockquote", f.evidence || ""));
    li.append(el("div", `${f.evidence_file || ""} · 字符 chars ${f.evidence_start ?? "?"}–${f.evidence_end ?? "?"}`, "source"));
    if (f.reports && f.reports.length) {
      const details = el("details");
      details.append(el("summary", `报告 reports (${f.reports.length})`));
      const list = el("ul");
      f.reports.forEach((i) => list.append(reportItem(i)));
      details.append(list);
      li.append(details);
    }
    return li;
  }

  function showEvidence(title, items) {
    byId("evidence-title").textContent = title;
    const list = byId("evidence");
    list.replaceChildren();
    if (!items.length) list.append(el("li", "没有记录 nothing recorded", "muted"));
    items.forEach((item) => list.append(item));
    byId("evidence-section").scrollIntoView({ block: "nearest" });
  }

  const nameLabel = (n) => `${KIND[n.kind] || n.kind} ${n.name}`;
  const showFacts = (title, list) =>
    showEvidence(title, list.map((f) => factItem(f, regions[f.region].name, nameLabel(names[f.name]))));
  const partnerItem = (p) =>
    factItem(p, regions[p.from].name, `合作 partner ${regions[p.to].name}`);

  // ---- diffusion --------------------------------------------------------------------------------
  const charts = {};
  const atLevel = (f) => !state.level || regions[f.region].level === state.level;

  // The first years of the facts in list as a colour scale's [min, max] (never a single point).
  function yearRange(list) {
    const ys = list.map((f) => f.first_year).filter((y) => y !== null && y !== undefined);
    const lo = ys.length ? Math.min(...ys) : 2000;
    const hi = ys.length ? Math.max(...ys) : lo;
    return [lo, hi === lo ? lo + 1 : hi];
  }

  function yearsOf(list) {
    const ys = list.map((f) => f.first_year).filter((y) => y !== null && y !== undefined);
    if (!ys.length) return [];
    const out = [];
    for (let y = Math.min(...ys); y <= Math.max(...ys); y++) out.push(y);
    return out;
  }

  function drawDiffusion() {
    const chosen = state.chosen.map((i) => names[i]);
    const years = yearsOf(chosen.flatMap((n) => factsOfName[n.index]));
    const series = chosen.map((n) => {
      const firsts = factsOfName[n.index].filter(atLevel).map((f) => f.first_year);
      return {
        name: n.label, type: "line", step: "end", symbolSize: 7,
        data: years.map((y) => [String(y), firsts.filter((v) => v !== null && v <= y).length]),
      };
    });
    charts.diffusion.setOption({
      tooltip: { trigger: "axis", formatter: (ps) => [esc(ps[0] ? ps[0].axisValue : "")]
        .concat(ps.map((p) => `${p.marker}${esc(p.seriesName)}: ${esc(p.value[1])}`)).join("<br>") },
      legend: { type: "scroll", top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 30 },
      xAxis: { type: "category", data: years.map(String), name: "年 year" },
      yAxis: { type: "value", minInterval: 1, name: "累计地区 regions", nameLocation: "middle", nameGap: 30 },
      series,
    }, { replaceMerge: ["series"] });
    const chips = byId("chosen");
    chips.replaceChildren();
    chosen.forEach((n) => {
      const b = el("button", `${n.label} ×`);
      b.title = "移除 remove";
      b.addEventListener("click", () => { state.chosen = state.chosen.filter((i) => i !== n.index); drawDiffusion(); drawMatrix(); });
      chips.append(b);
    });
  }

  // ---- map --------------------------------------------------------------------------------------
  const maps = {};
  ["province", "prefecture"].forEach((level) => {
    const block = byId(`map-${level}`);
    if (!block) return;
    const geo = JSON.parse(block.textContent);
    const byCode = new Map();
    const byProvince = new Map();
    const centre = new Map();
    geo.features.forEach((f) => {
      const code = String(f.id || (f.properties && f.properties.id) || "");
      const name = f.properties && f.properties.name;
      if (!name) return;
      if (code) byCode.set(code, name);
      if (f.properties.cp) centre.set(name, f.properties.cp);
      const key = code.slice(0, 2);
      if (!byProvince.has(key)) byProvince.set(key, []);
      byProvince.get(key).push(name);
    });
    echarts.registerMap(`govkg-${level}`, geo);
    maps[level] = { byCode, byProvince, centre };
  });

  // Centre and zoom that frame the coloured areas (by their centre points), so a county's or a
  // province's adopters are not specks on the map of China; all of China when they spread wide.
  function viewOf(points) {
    if (!points.length) return { center: null, zoom: 1 };
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const span = Math.max((Math.max(...lons) - Math.min(...lons)) / 62, (Math.max(...lats) - Math.min(...lats)) / 35, 0.1);
    const zoom = Math.min(6, Math.max(1, 0.5 / span));
    const center = zoom > 1 ? [(Math.max(...lons) + Math.min(...lons)) / 2, (Math.max(...lats) + Math.min(...lats)) / 2] : null;
    return { center, zoom };
  }

  // The boundary feature a region is drawn as on a map of `level`, or null.
  function featureOf(region, level) {
    const m = maps[level];
    if (!m) return null;
    const id = String(region.id || "");
    const drawable = level === "province" ? region.level === "province"
      : region.level === "prefecture" || (region.level === "province" && m.byCode.has(id))
        || (region.level === "county" && state.rollup);
    if (!drawable) return null;
    const code = region.level === "county" ? `${id.slice(0, 4)}00` : id;
    if (m.byCode.has(code)) return m.byCode.get(code);
    const near = m.byProvince.get(id.slice(0, 2)) || [];
    const parent = region.level === "county" ? regions.find((r) => r.level === "prefecture" && r.name === region.prefecture) : region;
    const match = parent && near.find((n) => n.length >= 2 && parent.name.startsWith(n));
    return match || null;
  }

  // The map's name list holds the names two or more regions adopted (a national graph has
  // thousands of names once); one found by search joins it when picked.
  function addMapOption(n) {
    const option = el("option", `${n.label} (${n.n_regions})`);
    option.value = String(n.index);
    byId("map-name").append(option);
  }

  function drawMap() {
    const select = byId("map-name");
    if (state.focus === null || !maps[state.mapLevel]) {
      charts.map.clear();
      return;
    }
    if (![...select.options].some((o) => o.value === String(state.focus))) addMapOption(names[state.focus]);
    select.value = String(state.focus);
    const list = factsOfName[state.focus];
    const areas = new Map();
    const off = [];
    const rolled = [];
    list.forEach((f) => {
      const region = regions[f.region];
      const feature = featureOf(region, state.mapLevel);
      if (!feature) { off.push(f); return; }
      if (region.level === "county") rolled.push(f);
      const area = areas.get(feature) || { name: feature, value: f.first_year, facts: [] };
      area.value = Math.min(area.value ?? f.first_year, f.first_year ?? area.value);
      area.facts.push(f);
      areas.set(feature, area);
    });
    const [lo, hi] = yearRange(list);
    const view = viewOf([...areas.keys()].map((name) => maps[state.mapLevel].centre.get(name)).filter(Boolean));
    charts.map.setOption({
      tooltip: { trigger: "item", formatter: (p) => {
        const area = p.data;  // ECharts gives every other region a data item without facts
        if (!area || !area.facts) return esc(p.name);
        return `${esc(p.name)}: ${esc(area.value)}<br>` + area.facts.map((f) => esc(regions[f.region].name)).join("、");
      } },
      visualMap: { type: "continuous", min: lo, max: hi, calculable: true, precision: 0,
        text: ["晚 later", "早 earlier"], inRange: { color: YEAR_COLOURS },
        left: 4, bottom: 8 },
      series: [{ type: "map", map: `govkg-${state.mapLevel}`, roam: true, data: [...areas.values()], ...view,
        emphasis: { label: { show: false } }, itemStyle: { areaColor: "#eceff1", borderColor: "#90a4ae" },
      }],
    }, { replaceMerge: ["series"] });
    const aside = byId("off-map");
    aside.replaceChildren();
    const groups = new Map();
    const add = (key, f) => {
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(f);
    };
    off.forEach((f) => add(regions[f.region].level, f));
    rolled.forEach((f) => add("rolled", f));
    if (!groups.size) aside.append(el("li", "无 none", "muted"));
    [...groups.entries()].forEach(([key, list]) => {
      const level = key === "rolled" ? "county" : key;
      const why = key === "rolled" ? "以所属地级市显示 drawn as their city"
        : level === state.mapLevel ? "边界数据中没有 not in the boundary data"
          : level === "county" ? "无县级边界 no county boundaries" : "不是这一层级 another level";
      const group = el("li");
      const details = el("details");
      details.open = key === state.mapLevel || groups.size === 1;
      details.append(el("summary", `${LEVEL[level] || level}: ${list.length} · ${why}`));
      const items = el("ul");
      list.sort((a, b) => (a.first_year ?? 0) - (b.first_year ?? 0)).forEach((f) => {
        const region = regions[f.region];
        const li = el("li", `${region.name} ${f.first_year ?? "?"}`);
        li.addEventListener("click", () => showFacts(`${region.name} · ${names[f.name].name}`, [f]));
        items.append(li);
      });
      details.append(items);
      group.append(details);
      aside.append(group);
    });
  }

  // ---- adoption matrix --------------------------------------------------------------------------
  function matrixNames() {
    const shown = [...state.chosen];
    names.forEach((n) => { if (shown.length < MATRIX_NAMES && !shown.includes(n.index)) shown.push(n.index); });
    return shown;
  }

  function drawMatrix() {
    const columns = matrixNames();
    const cells = columns.flatMap((ni) => factsOfName[ni]);
    const regionIds = [...new Set(cells.map((f) => f.region))];
    const earliest = (ri) => Math.min(...factsOfRegion[ri].filter((f) => columns.includes(f.name)).map((f) => f.first_year ?? 9999));
    const count = (ri) => factsOfRegion[ri].filter((f) => columns.includes(f.name)).length;
    const byName = (a, b) => regions[a].name.localeCompare(regions[b].name, "zh");
    const order = {
      first: (a, b) => earliest(a) - earliest(b) || byName(a, b),
      count: (a, b) => count(b) - count(a) || byName(a, b),
      name: byName,
    }[state.sort];
    regionIds.sort(order);
    const row = new Map(regionIds.map((r, i) => [r, i]));
    const col = new Map(columns.map((n, i) => [n, i]));
    const points = cells.map((f) => ({ value: [col.get(f.name), row.get(f.region), f.first_year], fact: f }));
    const [lo, hi] = yearRange(cells);
    const many = regionIds.length > MATRIX_ROWS;  // then a slider scrolls the rows
    byId("matrix").style.height = `${150 + 16 * Math.min(regionIds.length, MATRIX_ROWS)}px`;
    charts.matrix.resize();
    byId("matrix-note").textContent = `${regionIds.length} 地区 regions × ${columns.length} 名称 names`;
    charts.matrix.setOption({
      tooltip: { formatter: (p) => {
        const f = p.data.fact;
        return `${esc(regions[f.region].name)} · ${esc(names[f.name].name)}: ${esc(f.first_year)}`;
      } },
      grid: { left: 110, right: 90, top: 110, bottom: 20 },
      xAxis: { type: "category", position: "top", data: columns.map((i) => names[i].label),
        axisLabel: { rotate: 60, interval: 0, width: 100, overflow: "truncate" } },
      yAxis: { type: "category", inverse: true, data: regionIds.map((i) => regions[i].name),
        axisLabel: { interval: 0, width: 100, overflow: "truncate" } },
      visualMap: { type: "continuous", min: lo, max: hi, calculable: true, precision: 0,
        orient: "vertical", right: 0, top: "middle", inRange: { color: YEAR_COLOURS } },
      dataZoom: many ? [{ type: "slider", yAxisIndex: 0, right: 40, startValue: 0, endValue: MATRIX_ROWS - 1 }, { type: "inside", yAxisIndex: 0 }] : [],
      series: [{ type: "heatmap", data: points, label: { show: !many, fontSize: 9, formatter: (p) => String(p.value[2] ?? "") } }],
    }, { replaceMerge: ["series", "dataZoom"] });
  }

  // ---- partnership network ----------------------------------------------------------------------
  function drawNetwork() {
    const ends = [...new Set(partners.flatMap((p) => [p.from, p.to]))];
    byId("network-note").textContent = partners.length
      ? `${ends.length} 地区 regions, ${partners.length} 合作关系 partnerships; 点击连线看证据 click a link for its evidence`
      : "报告中没有合作关系 no partnerships in these reports";
    if (!partners.length) { byId("network").hidden = true; return; }
    const degree = new Map();
    partners.forEach((p) => [p.from, p.to].forEach((r) => degree.set(r, (degree.get(r) || 0) + 1)));
    const levels = ["province", "prefecture", "county", "unknown"];
    const width = charts.network.getWidth();
    const height = charts.network.getHeight();
    const radius = Math.min(width, height) / 3;
    charts.network.setOption({
      tooltip: { formatter: (p) => p.dataType === "edge"
        ? `${esc(regions[p.data.partner.from].name)} → ${esc(regions[p.data.partner.to].name)}`
        : `${esc(p.data.name)} (${esc(p.data.degree)})` },
      legend: { data: levels.map((l) => LEVEL[l]), top: 0 },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true,
        categories: levels.map((l) => ({ name: LEVEL[l] })),
        // laid out before it is shown, so links stay where a reader (or a test) clicks them; a
        // large network settles in view instead, so the page does not wait for it
        force: { layoutAnimation: ends.length > 100, ...(ends.length > 80 ? { repulsion: 40, edgeLength: 30, gravity: 0.25 }
          : { repulsion: 120, edgeLength: 70 }) },
        label: { show: ends.length <= 80, position: "right", fontSize: 11 },
        edgeSymbol: ["none", "arrow"], edgeSymbolSize: 6, lineStyle: { opacity: 0.6 },
        // start from a circle, not ECharts' random places, so the same graph always lays out alike
        data: ends.map((r, i) => ({ id: String(r), name: regions[r].name, region: r, degree: degree.get(r),
          x: width / 2 + radius * Math.cos((2 * Math.PI * i) / ends.length),
          y: height / 2 + radius * Math.sin((2 * Math.PI * i) / ends.length),
          symbolSize: 6 + 3 * Math.sqrt(degree.get(r)), category: Math.max(0, levels.indexOf(regions[r].level)) })),
        links: partners.map((p) => ({ source: String(p.from), target: String(p.to), partner: p })),
      }],
    });
  }

  // ---- search -----------------------------------------------------------------------------------
  function searchMatches(text) {
    const q = text.trim().toLowerCase();
    if (!q) return [];
    const hits = [];
    names.forEach((n) => {
      const alias = n.name.toLowerCase().includes(q) ? null : (n.surfaces || []).find((s) => s.toLowerCase().includes(q));
      if (alias === undefined) return;
      const starts = n.name.toLowerCase().startsWith(q) || (alias && alias.toLowerCase().startsWith(q));
      hits.push({ rank: starts ? 0 : 1, weight: n.n_regions, label: `${nameLabel(n)}${alias ? `（别名 alias ${alias}）` : ""}`, pick: () => pickName(n.index) });
    });
    regions.forEach((r) => {
      if (!r.name.toLowerCase().includes(q) && String(r.id) !== q) return;
      hits.push({ rank: r.name.startsWith(q) ? 0 : 1, weight: factsOfRegion[r.index].length, label: `地区 region ${r.name} (${LEVEL[r.level] || r.level})`, pick: () => pickRegion(r.index) });
    });
    return hits.sort((a, b) => a.rank - b.rank || b.weight - a.weight || a.label.localeCompare(b.label, "zh")).slice(0, 20);
  }

  function pickName(index) {
    if (!state.chosen.includes(index)) state.chosen = [...state.chosen, index];
    state.focus = index;
    const n = names[index];
    state.mapLevel = defaultMapLevel(index);
    byId("map-level").value = state.mapLevel;
    drawDiffusion(); drawMap(); drawMatrix();
    showFacts(`${nameLabel(n)} · ${factsOfName[index].length} 地区 regions`, [...factsOfName[index]].sort((a, b) => (a.first_year ?? 0) - (b.first_year ?? 0)));
  }

  function pickRegion(index) {
    const r = regions[index];
    const list = [...factsOfRegion[index]].sort((a, b) => (a.first_year ?? 0) - (b.first_year ?? 0));
    const links = partners.filter((p) => p.from === index || p.to === index);
    showEvidence(`${r.name} · ${list.length} 采用 adoptions, ${links.length} 合作 partnerships`,
      [...list.map((f) => factItem(f, r.name, nameLabel(names[f.name]))), ...links.map(partnerItem)]);
  }

  function setUpSearch() {
    const input = byId("search");
    const box = byId("search-results");
    let hits = [];
    let active = 0;
    const render = () => {
      box.replaceChildren();
      hits.forEach((h, i) => {
        const li = el("li", h.label);
        li.setAttribute("role", "option");
        if (i === active) li.className = "active";
        li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(i); });
        box.append(li);
      });
      box.hidden = !hits.length;
    };
    const choose = (i) => { if (hits[i]) { hits[i].pick(); hits = []; render(); input.blur(); } };
    input.addEventListener("input", () => { hits = searchMatches(input.value); active = 0; render(); });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown") { active = Math.min(active + 1, hits.length - 1); render(); e.preventDefault(); }
      else if (e.key === "ArrowUp") { active = Math.max(active - 1, 0); render(); e.preventDefault(); }
      else if (e.key === "Enter") choose(active);
      else if (e.key === "Escape") { hits = []; render(); }
    });
    input.addEventListener("blur", () => { hits = []; render(); });
  }

  // Each part's drawing time, as performance measures (atlas:map …), for the benchmark's figures.
  function timed(part, draw) {
    const t0 = performance.now();
    draw();
    performance.measure(`atlas:${part}`, { start: t0, end: performance.now() });
  }

  // ---- wiring -----------------------------------------------------------------------------------
  // The finest level the name's adopters have boundaries for; counties are drawn as their city
  // (and listed as such) unless the reader unticks it.
  function defaultMapLevel(nameIndex) {
    const levels = new Set((factsOfName[nameIndex] || []).map((f) => regions[f.region].level));
    state.rollup = levels.has("county");
    byId("map-rollup").checked = state.rollup;
    return maps.prefecture && (levels.has("prefecture") || levels.has("county")) ? "prefecture" : "province";
  }

  function start() {
    byId("summary").textContent = `${regions.length} 地区 regions · ${names.length} 平台与改革 platforms & programs · `
      + `${facts.length} 采用 adoptions · ${partners.length} 合作 partnerships · ${reports.length} 份报告 reports`
      + (data.filters.province ? ` · ${data.filters.province}` : "") + ` · ${data.store}`;
    names.filter((n) => n.n_regions >= 2 || n.index === state.focus).forEach(addMapOption);
    if (!maps.prefecture) byId("map-level").querySelector('option[value="prefecture"]').disabled = true;
    ["diffusion", "map", "matrix", "network"].forEach((id) => { charts[id] = echarts.init(byId(id)); });
    if (state.focus !== null) state.mapLevel = defaultMapLevel(state.focus);
    byId("map-level").value = state.mapLevel;
    // The diffusion chart now; the others one task each after it, so the page shows at once and
    // fills in (the city map alone takes a few hundred milliseconds to draw on a slow laptop).
    timed("diffusion", drawDiffusion);
    const later = [["map", drawMap], ["matrix", drawMatrix], ["network", drawNetwork]];
    const next = () => {
      const step = later.shift();
      if (!step) {
        document.body.dataset.ready = "true";
        performance.measure("atlas:ready", { start: 0, end: performance.now() });
        return;
      }
      timed(step[0], step[1]);
      setTimeout(next, 0);
    };
    setTimeout(next, 0);

    byId("map-name").addEventListener("change", () => { state.focus = Number(byId("map-name").value); state.mapLevel = defaultMapLevel(state.focus); byId("map-level").value = state.mapLevel; drawMap(); });
    byId("map-level").addEventListener("change", (e) => { state.mapLevel = e.target.value; drawMap(); });
    byId("map-rollup").addEventListener("change", (e) => { state.rollup = e.target.checked; drawMap(); });
    byId("diffusion-level").addEventListener("change", (e) => { state.level = e.target.value; drawDiffusion(); });
    byId("matrix-sort").addEventListener("change", (e) => { state.sort = e.target.value; drawMatrix(); });

    charts.diffusion.on("click", (p) => {
      const n = names[state.chosen[p.seriesIndex]];
      const year = Number(p.value[0]);
      const list = factsOfName[n.index].filter((f) => f.first_year === year && atLevel(f));
      showFacts(`${n.name} · ${year}: ${list.length} 地区首次采用 regions first adopted`, list);
    });
    charts.map.on("click", (p) => {
      if (p.data && p.data.facts) showFacts(`${p.name} · ${names[state.focus].name}`, p.data.facts);
      else showEvidence(`${p.name} · ${names[state.focus].name}: 没有报告说已采用 no report says it adopted`, []);
    });
    charts.matrix.on("click", (p) => {
      const f = p.data.fact;
      showFacts(`${regions[f.region].name} · ${names[f.name].name}`, [f]);
    });
    charts.network.on("click", (p) => {
      if (p.dataType === "edge") showEvidence(`${regions[p.data.partner.from].name} → ${regions[p.data.partner.to].name}`, [partnerItem(p.data.partner)]);
      else pickRegion(p.data.region);
    });
    window.addEventListener("resize", () => Object.values(charts).forEach((c) => c.resize()));
    setUpSearch();
    window.govkgAtlas = { charts, state, pickName, pickRegion };
  }

  timed("start", start);
})();
