// Charts drawn into a canvas, for the Go UI (ui/charts): Go lays a chart
// out (scales, ticks, colours, labels) and calls draw once when its data
// changed, with the layout as JSON and the numbers as one Float64Array;
// this file paints it (soon after, one chart a task) and answers the mouse
// with one listener per chart and the page's one tooltip. Nothing here
// re-renders the Go UI.
//
// The host is an element the Go UI leaves childless (data-island); the
// canvas lives inside it, sized to the host's width and the layout's
// aspect. The layout and numbers stay on the canvas (canvas.chart) so
// tests can read what is drawn.
(() => {
  // CSS colours, read once (a read while the page's style is dirty would
  // force a style recalculation in the middle of a render).
  const vars = new Map();
  const cssVar = (name, fallback) => {
    if (!vars.has(name)) vars.set(name, getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback);
    return vars.get(name);
  };
  // color of a CSS class (e.g. "legend s2"), read once from a probe.
  const colorCache = new Map();
  const color = (cls) => {
    if (!colorCache.has(cls)) {
      const probe = document.createElement("span");
      probe.className = cls;
      probe.hidden = true;
      document.body.appendChild(probe);
      colorCache.set(cls, getComputedStyle(probe).color);
      probe.remove();
    }
    return colorCache.get(cls);
  };
  const ink = () => cssVar("--ink", "#1d2330");
  const muted = () => cssVar("--muted", "#5d6675");

  // The page's one tooltip (assets/hover.js).
  const showTip = (text, ev) => window.flsestTooltip?.show(text, ev);
  const hideTip = () => window.flsestTooltip?.hide();

  // sig formats x with n significant digits, no exponent (ui/format.Sig).
  const sig = (x, n) => {
    if (!Number.isFinite(x)) return "–";
    if (x === 0) return "0";
    return x.toFixed(Math.max(0, n - 1 - Math.floor(Math.log10(Math.abs(x)))));
  };

  // Each host's width comes from a ResizeObserver, after the browser's own
  // layout: drawing never asks for a layout (which, in the render that
  // creates the page, would lay the whole page out inside that task). A
  // chart whose host has no width yet is drawn when it gets one, and again
  // when the width changes.
  const sizes = new ResizeObserver((entries) => {
    for (const e of entries) {
      const host = e.target, w = e.contentRect.width;
      if (w > 0 && w !== host.flsestWidth) {
        host.flsestWidth = w;
        if (host.flsestDraw) later(host);
      }
    }
  });

  // canvasIn returns the host's canvas (made once, with the chart's one
  // listener pair), sized for a w × h layout; ctx draws in layout units.
  function canvasIn(host, w, h) {
    if (host.svg) return [{ dataset: {}, style: {} }, host.svg]; // drawn again as SVG (assets/export.js)
    let c = host.firstElementChild;
    if (!c || c.tagName !== "CANVAS") {
      host.textContent = "";
      c = document.createElement("canvas");
      c.style.width = "100%";
      c.style.display = "block";
      c.style.margin = "0 auto";
      host.appendChild(c);
      c.addEventListener("mousemove", (ev) => {
        const ch = c.chart;
        if (!ch || !ch.hover || !c.cssWidth) return;
        const k = ch.w / c.cssWidth; // offsetX/Y: the mouse in the canvas, from the hit test the event already did
        const text = ch.hover(ev.offsetX * k, ev.offsetY * k);
        if (text) showTip(text, ev); else hideTip();
      }, { passive: true });
      c.addEventListener("mouseleave", hideTip, { passive: true });
    }
    const maxW = host.dataset.maxWidth ? Number(host.dataset.maxWidth) : Infinity;
    const cssW = Math.min(host.flsestWidth, maxW);
    const dpr = window.devicePixelRatio || 1;
    c.style.maxWidth = Number.isFinite(maxW) ? maxW + "px" : "";
    c.cssWidth = cssW;
    const pw = Math.round(cssW * dpr), ph = Math.round((cssW * h / w) * dpr);
    if (c.width !== pw || c.height !== ph) { c.width = pw; c.height = ph; }
    const ctx = c.getContext("2d");
    ctx.setTransform(pw / w, 0, 0, ph / h, 0, 0);
    ctx.clearRect(0, 0, w, h);
    return [c, ctx];
  }

  const text = (ctx, s, x, y, { align = "left", base = "alphabetic", size = 10, fill = muted(), weight = "" } = {}) => {
    ctx.font = `${weight} ${size}px system-ui, sans-serif`;
    ctx.textAlign = align;
    ctx.textBaseline = base;
    ctx.fillStyle = fill;
    ctx.fillText(s, x, y);
  };

  // line: spec {w, h, left, right, xs: {d0,d1,r0,r1}, ys, yTicks, xTicks:
  // [{at, label}], series: [{name, cls, n}], xLabel, xDecimals, yDecimals,
  // hoverX: the x of each readout}; values: each series' x then y.
  function line(host, spec, values) {
    const { w, h } = spec;
    const [c, ctx] = canvasIn(host, w, h);
    const at = (s, v) => (s.d1 === s.d0 ? (s.r0 + s.r1) / 2 : s.r0 + ((v - s.d0) / (s.d1 - s.d0)) * (s.r1 - s.r0));
    ctx.lineWidth = 1;
    ctx.strokeStyle = "#eceff3";
    for (const t of spec.yTicks || []) {
      const y = at(spec.ys, t.at);
      ctx.beginPath(); ctx.moveTo(spec.left, y); ctx.lineTo(spec.right, y); ctx.stroke();
      text(ctx, t.label, spec.left - 4, y, { align: "right", base: "middle" });
    }
    for (const t of spec.xTicks || []) text(ctx, t.label, at(spec.xs, t.at), h - 6, { align: "center" });
    const series = [];
    let off = 0;
    for (const s of spec.series || []) {
      const xs = values.subarray(off, off + s.n), ys = values.subarray(off + s.n, off + 2 * s.n);
      off += 2 * s.n;
      series.push({ ...s, xs, ys });
      ctx.strokeStyle = color("legend " + s.cls);
      ctx.lineWidth = 1.8;
      ctx.lineJoin = "round";
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < s.n; i++) {
        if (!Number.isFinite(ys[i])) { pen = false; continue; }
        const x = at(spec.xs, xs[i]), y = at(spec.ys, ys[i]);
        if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
        pen = true;
      }
      ctx.stroke();
    }
    if (!series.some((s) => s.n > 0)) text(ctx, "no data yet", w / 2, h / 2, { align: "center" });
    c.chart = {
      w, h, spec, series,
      // hover: the readout of the first series' point nearest x, with
      // every series' value at that x.
      hover(x) {
        const first = series[0];
        if (!first || first.n === 0) return "";
        let best = 0;
        for (let i = 1; i < first.n; i++) if (Math.abs(at(spec.xs, first.xs[i]) - x) < Math.abs(at(spec.xs, first.xs[best]) - x)) best = i;
        const bx = first.xs[best];
        let t = `${spec.xLabel} ${bx.toFixed(spec.xDecimals)}`;
        for (const s of series) {
          const j = s.xs.indexOf(bx);
          if (j >= 0) t += ` · ${s.name} ${Number.isFinite(s.ys[j]) ? s.ys[j].toFixed(spec.yDecimals) : "–"}`;
        }
        return t;
      },
    };
  }

  // heatmap: spec {w, h, labelW, labelH, cell, rows, cols, colors (one a
  // cell, row-major), texts ("" for none), onDark, legend: {y, x0, w,
  // min, max}, tipFormat, decimals}; values: the cells, row-major (NaN:
  // no value).
  function heatmap(host, spec, values) {
    const { w, h, cell, labelW, labelH } = spec;
    const rows = spec.rows || [], cols = spec.cols || [];
    const [c, ctx] = canvasIn(host, w, h);
    const C = cols.length;
    c.chart = { w, h, spec, values, hover: () => "" };
    if (!rows.length || !C) return;
    for (let i = 0; i < rows.length; i++) {
      text(ctx, rows[i], labelW - 4, labelH + i * cell + cell / 2, { align: "right", base: "middle" });
      for (let j = 0; j < C; j++) {
        const k = i * C + j;
        ctx.fillStyle = spec.colors[k];
        ctx.fillRect(labelW + j * cell, labelH + i * cell, cell - 1, cell - 1);
        if (spec.texts[k]) text(ctx, spec.texts[k], labelW + j * cell + cell / 2, labelH + i * cell + cell / 2,
          { align: "center", base: "middle", size: 11, fill: spec.onDark[k] ? "#fff" : ink() });
      }
    }
    for (let j = 0; j < C; j++) {
      ctx.save();
      ctx.translate(labelW + j * cell + cell / 2, labelH - 4);
      ctx.rotate(-40 * Math.PI / 180);
      text(ctx, cols[j], 0, 0);
      ctx.restore();
    }
    const g = ctx.createLinearGradient(spec.legend.x0, 0, spec.legend.x0 + spec.legend.w, 0);
    spec.legend.stops.forEach((s, i) => g.addColorStop(i / (spec.legend.stops.length - 1), s));
    ctx.fillStyle = g;
    ctx.fillRect(spec.legend.x0, spec.legend.y, spec.legend.w, 8);
    text(ctx, spec.legend.min, spec.legend.x0, spec.legend.y + 20);
    text(ctx, spec.legend.max, spec.legend.x0 + spec.legend.w, spec.legend.y + 20, { align: "right" });
    c.chart = {
      w, h, spec, values,
      hover(x, y) {
        const i = Math.floor((y - labelH) / cell), j = Math.floor((x - labelW) / cell);
        if (i < 0 || j < 0 || i >= rows.length || j >= C) return "";
        const v = values[i * C + j];
        const label = spec.tipFormat.replace("%r", rows[i]).replace("%c", cols[j]);
        return Number.isNaN(v) ? label + ": —" : label + " = " + sig(v, spec.decimals);
      },
    };
  }

  // sest: spec {w, h, heads: [{x, text}], rows: [{name, y, textY, zW,
  // lambdaW, aText, se: {x, initX, loX, hiX}, seText, zeroedW, zeroed,
  // tip, data}], cols: {bar, a, se, seW, seText, zero, zeroText}}; no values.
  function sest(host, spec) {
    const { w, h, cols } = spec;
    const [c, ctx] = canvasIn(host, w, h);
    const v = (name) => cssVar(name, "#999");
    spec.rows = spec.rows || [];
    for (const hd of spec.heads) text(ctx, hd.text, hd.x, 12, { fill: ink(), weight: "600" });
    for (const r of spec.rows) {
      text(ctx, r.name, cols.bar - 6, r.textY, { align: "right", size: 11, fill: ink() });
      ctx.fillStyle = v("--z"); ctx.fillRect(cols.bar, r.y, r.zW, 16);
      ctx.fillStyle = v("--lambda"); ctx.fillRect(cols.bar, r.y, r.lambdaW, 16);
      text(ctx, r.aText, cols.a, r.textY, { size: 11, fill: ink() });
      ctx.lineWidth = 1; ctx.strokeStyle = "#e3e6eb";
      ctx.beginPath(); ctx.moveTo(cols.se, r.textY); ctx.lineTo(cols.se + cols.seW, r.textY); ctx.stroke();
      ctx.lineWidth = 2; ctx.strokeStyle = v("--s2");
      ctx.beginPath(); ctx.moveTo(r.se.loX, r.textY); ctx.lineTo(r.se.hiX, r.textY); ctx.stroke();
      ctx.lineWidth = 1; ctx.strokeStyle = muted();
      ctx.beginPath(); ctx.arc(r.se.initX, r.textY, 5, 0, 2 * Math.PI); ctx.stroke();
      ctx.fillStyle = v("--s2");
      ctx.beginPath(); ctx.arc(r.se.x, r.textY, 3.5, 0, 2 * Math.PI); ctx.fill();
      text(ctx, r.seText, cols.seText, r.textY, { size: 11, fill: ink() });
      ctx.fillStyle = v("--zeroed"); ctx.fillRect(cols.zero, r.y, r.zeroedW, 16);
      text(ctx, r.zeroed, cols.zeroText, r.textY, { size: 11, fill: ink() });
    }
    c.chart = {
      w, h, spec, rows: spec.rows,
      hover(x, y) {
        const r = spec.rows.find((r) => y >= r.y - 5 && y < r.y + 21);
        return r ? r.tip : "";
      },
    };
  }

  const kinds = { line, heatmap, sest };
  function paint(host) {
    const d = host.flsestDraw;
    try {
      if (typeof d.layout === "string") d.layout = JSON.parse(d.layout); // here, not in the render's task
      kinds[d.kind](host, d.layout, d.values);
      window.flsestExport?.decorate(host);
    } catch (e) {
      console.error(`charts: ${d.kind} in #${host.closest("[id]")?.id}:`, e); // a chart fails alone, not the page
    }
  }
  // Charts are painted one a task, after the render that asked for them (a
  // snapshot redraws five charts at once; in the render's task they made
  // it long). A MessageChannel message is a task of its own, unthrottled.
  const queue = new Set();
  const channel = new MessageChannel();
  let scheduled = false;
  const schedule = () => {
    if (!scheduled && queue.size) {
      scheduled = true;
      channel.port2.postMessage(0);
    }
  };
  channel.port1.onmessage = () => {
    scheduled = false;
    const host = queue.values().next().value;
    queue.delete(host);
    if (host) paint(host);
    schedule();
  };
  const later = (host) => {
    queue.add(host);
    schedule();
  };

  // draw(kind, host, layout JSON, values as the bytes of float64s): soon
  // if the host's width is known, else once it is. add(kind, fn) adds a
  // drawing function (assets/views.js), which may use tools.
  window.flsestCharts = {
    add(kind, fn) { kinds[kind] = fn; },
    // redraw draws kind into a stand-in host (assets/export.js: as SVG).
    redraw(kind, host, layout, values) { kinds[kind](host, layout, values); },
    tools: { canvasIn, text, color, cssVar, ink, muted, sig },
    draw(kind, host, layout, bytes) {
      const values = bytes ? new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8) : new Float64Array(0);
      host.flsestDraw = { kind, layout, values };
      if (!host.flsestObserved) {
        host.flsestObserved = true;
        sizes.observe(host);
      }
      if (host.flsestWidth) later(host);
    },
  };
})();
