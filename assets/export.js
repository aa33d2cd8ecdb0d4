// Exports and text alternatives of the page's charts, on demand only: a
// chart's data as SVG (drawn again from the numbers it shows, one <path>
// per series, with its axes and a legend — not a screenshot), PNG (that
// SVG rasterised), CSV (line charts: a header, one row per x), and a
// table beside it; the learning curves' per-epoch metrics as CSV; the
// importance tables, SEST's numbers and FwBI's r matrices as JSON from the
// engine. Nothing runs while training unless a person asks: the buttons
// answer one delegated click listener, and never re-render the Go UI.
//
// Canvas charts (assets/charts.js, assets/views.js) get a tool bar inside
// their host (an element the Go UI leaves to JavaScript), added once after
// the first paint; SVG charts made by the Go UI carry static buttons with
// data-export and data-chart (the svg's id); panels carry data-export
// buttons for their JSON and CSV.
(() => {
  const NS = "http://www.w3.org/2000/svg";
  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const num = (x) => (Number.isFinite(x) ? +x.toFixed(2) : 0);

  // svgContext records the calls of a 2D canvas context that the charts
  // make (assets/charts.js, views.js) as SVG elements.
  function svgContext() {
    const out = [], defs = [];
    let d = "", state = { fillStyle: "#000", strokeStyle: "#000", lineWidth: 1, font: "10px sans-serif", textAlign: "start", textBaseline: "alphabetic", transform: "" };
    const stack = [];
    const paint = (v) => (v && v.gradientId ? `url(#${v.gradientId})` : v);
    const tf = () => (state.transform ? ` transform="${state.transform.trim()}"` : "");
    const ctx = {
      get fillStyle() { return state.fillStyle; }, set fillStyle(v) { state.fillStyle = v; },
      get strokeStyle() { return state.strokeStyle; }, set strokeStyle(v) { state.strokeStyle = v; },
      get lineWidth() { return state.lineWidth; }, set lineWidth(v) { state.lineWidth = v; },
      get font() { return state.font; }, set font(v) { state.font = v; },
      get textAlign() { return state.textAlign; }, set textAlign(v) { state.textAlign = v; },
      get textBaseline() { return state.textBaseline; }, set textBaseline(v) { state.textBaseline = v; },
      lineJoin: "miter",
      setTransform() {}, clearRect() {},
      save() { stack.push({ ...state }); },
      restore() { if (stack.length) state = stack.pop(); },
      translate(x, y) { state.transform += ` translate(${num(x)} ${num(y)})`; },
      rotate(a) { state.transform += ` rotate(${num(a * 180 / Math.PI)})`; },
      beginPath() { d = ""; },
      moveTo(x, y) { d += `M${num(x)} ${num(y)}`; },
      lineTo(x, y) { d += `L${num(x)} ${num(y)}`; },
      closePath() { d += "Z"; },
      arc(x, y, r, a0, a1) {
        const full = Math.abs(a1 - a0) >= 2 * Math.PI - 1e-9;
        if (full) {
          d += `M${num(x + r)} ${num(y)}A${num(r)} ${num(r)} 0 1 1 ${num(x - r)} ${num(y)}A${num(r)} ${num(r)} 0 1 1 ${num(x + r)} ${num(y)}`;
          return;
        }
        const sx = x + r * Math.cos(a0), sy = y + r * Math.sin(a0), ex = x + r * Math.cos(a1), ey = y + r * Math.sin(a1);
        d += `${d ? "L" : "M"}${num(sx)} ${num(sy)}A${num(r)} ${num(r)} 0 ${a1 - a0 > Math.PI ? 1 : 0} 1 ${num(ex)} ${num(ey)}`;
      },
      stroke() {
        if (d) out.push(`<path d="${d}" fill="none" stroke="${esc(paint(state.strokeStyle))}" stroke-width="${num(state.lineWidth)}" stroke-linejoin="${ctx.lineJoin}"${tf()}/>`);
      },
      fill() { if (d) out.push(`<path d="${d}" fill="${esc(paint(state.fillStyle))}"${tf()}/>`); },
      fillRect(x, y, w, h) { out.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${esc(paint(state.fillStyle))}"${tf()}/>`); },
      strokeRect(x, y, w, h) { out.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="none" stroke="${esc(paint(state.strokeStyle))}" stroke-width="${num(state.lineWidth)}"${tf()}/>`); },
      fillText(s, x, y) {
        const size = /(\d+(?:\.\d+)?)px/.exec(state.font)?.[1] ?? 10;
        const weight = /\b(600|700|bold)\b/.test(state.font) ? ` font-weight="600"` : "";
        const anchor = { left: "start", start: "start", right: "end", end: "end", center: "middle" }[state.textAlign] ?? "start";
        const base = { middle: "middle", top: "hanging", hanging: "hanging", bottom: "text-after-edge" }[state.textBaseline];
        out.push(`<text x="${num(x)}" y="${num(y)}" font-size="${size}"${weight} text-anchor="${anchor}"${base ? ` dominant-baseline="${base}"` : ""} fill="${esc(paint(state.fillStyle))}"${tf()}>${esc(s)}</text>`);
      },
      createLinearGradient(x0, y0, x1, y1) {
        const id = "g" + defs.length, stops = [];
        defs.push({ id, x0, y0, x1, y1, stops });
        return { gradientId: id, addColorStop(at, color) { stops.push([at, color]); } };
      },
    };
    const body = () => {
      const g = defs.map((g) => `<linearGradient id="${g.id}" gradientUnits="userSpaceOnUse" x1="${num(g.x0)}" y1="${num(g.y0)}" x2="${num(g.x1)}" y2="${num(g.y1)}">` +
        g.stops.map(([at, c]) => `<stop offset="${at}" stop-color="${esc(c)}"/>`).join("") + "</linearGradient>").join("");
      return (g ? `<defs>${g}</defs>` : "") + out.join("\n");
    };
    return { ctx, body };
  }

  // titleOf is a chart's title: its figure's caption title, else its
  // panel's heading.
  const titleOf = (el) =>
    (el.closest("figure")?.querySelector(".chart-title")?.textContent ||
      el.closest("section")?.querySelector("h2")?.firstChild?.textContent || "chart").trim();
  const nameOf = (el) => el.closest("figure")?.id || el.id || el.closest("section")?.id || "chart";

  // chartSVG draws a canvas chart's host again into an SVG document: a
  // title, for line charts a legend (the page shows theirs in the
  // caption), then the chart as its drawing function lays it out.
  function chartSVG(host) {
    const draw = host.flsestDraw;
    const layout = typeof draw.layout === "string" ? JSON.parse(draw.layout) : draw.layout;
    const { ctx, body } = svgContext();
    const fake = { svg: ctx, dataset: {}, flsestWidth: layout.w };
    window.flsestCharts.redraw(draw.kind, fake, layout, draw.values);
    const { color, ink } = window.flsestCharts.tools;
    const head = 22, w = layout.w, h = layout.h + head;
    let legend = "";
    if (draw.kind === "line") {
      let x = w - 8;
      for (const s of [...(layout.series || [])].reverse()) {
        const c = color("legend " + s.cls);
        legend += `<text x="${num(x)}" y="14" font-size="10" text-anchor="end" fill="${esc(c)}">${esc(s.name)}</text>`;
        x -= 6.2 * s.name.length + 4;
        legend += `<path d="M${num(x - 14)} 10.5L${num(x - 2)} 10.5" stroke="${esc(c)}" stroke-width="3"/>`;
        x -= 22;
      }
    }
    return `<svg xmlns="${NS}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui, sans-serif">` +
      `<title>${esc(titleOf(host))}</title><rect width="${w}" height="${h}" fill="#fff"/>` +
      `<text x="4" y="14" font-size="12" font-weight="600" fill="${esc(ink())}">${esc(titleOf(host))}</text>${legend}` +
      `<g transform="translate(0 ${head})">${body()}</g></svg>`;
  }

  // inlineSVG copies an SVG the Go UI made, with the styles its classes
  // give inlined (a file has no stylesheet).
  function inlineSVG(svg) {
    const copy = svg.cloneNode(true);
    const from = [svg, ...svg.querySelectorAll("*")], to = [copy, ...copy.querySelectorAll("*")];
    const props = ["fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-size", "font-weight", "font-family", "text-anchor", "dominant-baseline"];
    from.forEach((el, i) => {
      const cs = getComputedStyle(el);
      to[i].setAttribute("style", props.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(";"));
    });
    const vb = svg.viewBox.baseVal;
    copy.setAttribute("xmlns", NS);
    copy.setAttribute("width", vb.width);
    copy.setAttribute("height", vb.height);
    copy.insertBefore(Object.assign(document.createElementNS(NS, "title"), { textContent: titleOf(svg) }), copy.firstChild);
    return new XMLSerializer().serializeToString(copy);
  }

  // svgOf is the SVG text of a chart: a canvas chart's host or an svg.
  const svgOf = (el) => (el.tagName.toLowerCase() === "svg" ? inlineSVG(el) : chartSVG(el));

  // png rasterises SVG text at twice its size.
  async function png(svgText) {
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
    try {
      await img.decode();
      const c = document.createElement("canvas");
      c.width = 2 * img.naturalWidth;
      c.height = 2 * img.naturalHeight;
      c.getContext("2d").drawImage(img, 0, 0, c.width, c.height);
      return await new Promise((ok) => c.toBlob(ok, "image/png"));
    } finally {
      URL.revokeObjectURL(img.src);
    }
  }

  // save downloads blob as filename, and returns the name.
  function save(blob, filename) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    return filename;
  }

  const csvCell = (v) => (typeof v === "string" && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  const csv = (header, rows) => [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";

  // tableOf is a chart's numbers as [header, rows] (every kind the page
  // draws); they are what the chart shows.
  function tableOf(host) {
    const { kind, values } = host.flsestDraw;
    const l = typeof host.flsestDraw.layout === "string" ? JSON.parse(host.flsestDraw.layout) : host.flsestDraw.layout;
    const sig = window.flsestCharts.tools.sig;
    switch (kind) {
      case "line": {
        // One row per x, one column per series (merged on x).
        const series = [];
        let off = 0;
        for (const s of l.series || []) {
          series.push({ name: s.name, xs: values.subarray(off, off + s.n), ys: values.subarray(off + s.n, off + 2 * s.n) });
          off += 2 * s.n;
        }
        const xs = [...new Set(series.flatMap((s) => [...s.xs]))].sort((a, b) => a - b);
        const at = series.map((s) => new Map([...s.xs].map((x, i) => [x, s.ys[i]])));
        return [[l.xLabel, ...series.map((s) => s.name)], xs.map((x) => [x, ...at.map((m) => (m.has(x) ? m.get(x) : ""))])];
      }
      case "heatmap": {
        const C = (l.cols || []).length;
        return [["", ...(l.cols || [])], (l.rows || []).map((r, i) => [r, ...[...values.subarray(i * C, i * C + C)].map((v) => (Number.isNaN(v) ? "" : sig(v, 4)))])];
      }
      case "sest":
        return [["field", "z = mean|e|", "λ", "a = λ/z", "SE weight a′", "a′ spread (sd)", "zeroed"],
          (l.rows || []).map((r) => [r.name, sig(r.data.z, 4), sig(r.data.lambda, 4), sig(r.data.a, 4), sig(r.data.se, 4), sig(r.data.seStd, 3), sig(r.data.zeroed, 3)])];
      case "sestStrips":
        return [["field", "a per coordinate", "a′ per coordinate", "u (before σ)", "u′ (before σ2)"],
          (l.rows || []).map((r) => [r.name, r.a.map((v) => v.toFixed(3)).join(" "), r.se.map((v) => v.toFixed(3)).join(" "), r.uText, r.suText])];
      case "slices":
        return [["value", "ratings", "AUC", "LogLoss", "positive rate", "mean prediction"],
          (l.rows || []).map((r) => [r.value, r.count, r.auc == null ? "" : sig(r.auc, 4), sig(r.logloss, 4), sig(r.positiveRate, 3), sig(r.meanPrediction, 3)])];
      case "projector": {
        const plots = l.plots || [];
        return [["point", ...plots.flatMap((p) => [p.title + " x", p.title + " y"])],
          (l.labels || []).map((label, i) => [label, ...plots.flatMap((p) => [sig(values[p.offset + 2 * i], 4), sig(values[p.offset + 2 * i + 1], 4)])])];
      }
    }
    return [[], []];
  }

  // fillTable writes a chart's table (a text alternative, shown on demand).
  function fillTable(host, table) {
    const [header, rows] = tableOf(host);
    const cap = `<caption>${esc(titleOf(host))}: the numbers</caption>`;
    const head = `<thead><tr>${header.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead>`;
    const body = rows.map((r) => `<tr>${r.map((v, j) => (j === 0 ? `<th scope="row">${esc(v)}</th>` : `<td>${esc(v)}</td>`)).join("")}</tr>`).join("");
    table.innerHTML = cap + head + `<tbody>${body}</tbody>`;
  }

  // decorate gives a painted canvas chart its accessible name and, once,
  // its tool bar: SVG, PNG, CSV (line charts) and a table toggle. charts.js
  // calls it after each paint; an open table follows the chart.
  function decorate(host) {
    const canvas = host.querySelector("canvas");
    const title = titleOf(host);
    if (canvas && !canvas.hasAttribute("role")) {
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", `${title} (chart; its numbers are in the table below it)`);
    }
    let bar = host.querySelector(":scope > .chart-tools");
    if (!bar) {
      bar = document.createElement("div");
      bar.className = "chart-tools";
      const kinds = ["svg", "png", ...(host.flsestDraw.kind === "line" ? ["csv"] : [])];
      bar.innerHTML = kinds.map((k) => `<button type="button" data-export="${k}" aria-label="Download ${esc(title)} as ${k.toUpperCase()}">${k.toUpperCase()}</button>`).join("") +
        `<button type="button" data-export="table" aria-expanded="false" aria-label="Table of ${esc(title)}">Table</button>`;
      const table = document.createElement("table");
      table.className = "chart-table";
      table.hidden = true;
      host.append(bar, table);
    }
    const table = host.querySelector(":scope > .chart-table");
    if (!table.hidden) fillTable(host, table);
  }

  // jsonExports fetch from the engine, when asked.
  const engine = (method, path, body) => window.flsestEngine.json(method, path, body).then((r) => {
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.body?.message ?? ""}`);
    return r.body;
  });
  const jsonExports = {
    async importance() {
      const [permutation, shapley_summary] = await Promise.all([engine("GET", "/api/importance/permutation"), engine("POST", "/api/importance/shapley/summary", {})]);
      return { permutation, shapley_summary };
    },
    async sest() {
      const [s, mechanism] = await Promise.all([engine("GET", "/api/snapshot"), engine("GET", "/api/sest")]);
      return { step: s.step, epoch: s.epoch, n: s.n, scope: s.scope, fields: s.fields, initial: s.initial, mechanism };
    },
    async r() {
      const s = await engine("GET", "/api/snapshot");
      return { step: s.step, epoch: s.epoch, domains: s.domains, streams: s.streams, r: s.r, field_names: s.field_names, interaction: s.interaction };
    },
  };

  // epochsCSV is the per-epoch metrics, one row per epoch.
  async function epochsCSV() {
    const st = await engine("GET", "/api/state");
    const cols = ["epoch", "train_loss", "val_auc", "val_logloss", "best", "train_seconds", "eval_seconds", "samples"];
    return csv(cols, (st.history || []).map((e) => cols.map((c) => e[c])));
  }

  // The files' names say what and when: the seed and the step.
  async function stem(what) {
    const st = await engine("GET", "/api/state");
    return `flsest-${what}-seed${st.config.seed}-step${st.progress.steps}`;
  }

  async function run(button) {
    const what = button.dataset.export;
    const chart = button.dataset.chart ? document.getElementById(button.dataset.chart) : button.closest("[data-island]");
    switch (what) {
      case "table": {
        const table = chart.querySelector(":scope > .chart-table");
        table.hidden = !table.hidden;
        button.setAttribute("aria-expanded", String(!table.hidden));
        if (!table.hidden) fillTable(chart, table);
        return;
      }
      case "svg":
        return save(new Blob([svgOf(chart)], { type: "image/svg+xml" }), `${await stem(nameOf(chart))}.svg`);
      case "png":
        return save(await png(svgOf(chart)), `${await stem(nameOf(chart))}.png`);
      case "csv": {
        const [header, rows] = tableOf(chart);
        return save(new Blob([csv(header, rows)], { type: "text/csv" }), `${await stem(nameOf(chart))}.csv`);
      }
      case "csv-epochs":
        return save(new Blob([await epochsCSV()], { type: "text/csv" }), `${await stem("epochs")}.csv`);
      case "json": {
        const kind = button.dataset.json;
        const body = JSON.stringify(await jsonExports[kind](), null, 1);
        return save(new Blob([body], { type: "application/json" }), `${await stem(kind)}.json`);
      }
    }
  }

  // One status line, outside the Go UI, says what an export did (screen
  // readers announce it).
  const said = document.createElement("p");
  said.id = "export-status";
  said.className = "visually-hidden";
  said.setAttribute("role", "status");
  document.body.append(said);

  document.addEventListener("click", (ev) => {
    const button = ev.target.closest?.("button[data-export]");
    if (!button) return;
    run(button).then((name) => {
      if (name) said.textContent = `Saved ${name}.`;
    }, (e) => {
      console.error("export:", e);
      said.textContent = `The export failed: ${e.message}`;
    });
  });

  window.flsestExport = { decorate, svgOf, tableOf, svgContext };
})();
