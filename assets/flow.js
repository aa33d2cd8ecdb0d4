// One prediction, end to end (ui/panels/flow.vugu): the selected pair's
// trace (POST /api/inspect with trace) drawn into a canvas stage by stage —
// embeddings as heat strips, SEST's squeeze z, threshold λ and the
// coordinates it zeroes, the SE weights a′, V, each stream's FwBI and MLP
// outputs, the fused logit, the sigmoid. The play, pause, step and restart
// buttons live here, so the animation never re-renders the Go UI; under
// prefers-reduced-motion every stage shows at once and nothing moves.
// The drawn numbers stay on the canvas (canvas.flow) for tests; the Table
// button shows every stage's numbers as tables (the text alternative).
(() => {
  const stages = [
    "embeddings e_i, one strip per field (k coordinates)",
    "SEST threshold: z = mean|e|, λ = z·a; outlined coordinates are zeroed (|e| ≤ λ)",
    "SEST excitation: the SE weight a′ per field",
    "the stream V = η + a′·e",
    "each stream's FwBI output h = FM + MF",
    "each stream's MLP output (last layer)",
    "the fusion: linear part + each part's term = the logit",
    "the sigmoid: P(rating ≥ 4)",
  ];
  const reduced = () => window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const fmt = (x) => {
    if (!isFinite(x)) return "–";
    if (x === 0) return "0";
    const d = 3 - Math.floor(Math.log10(Math.abs(x)));
    return x.toFixed(Math.max(d, 0)).replace("-", "−");
  };
  // The page's diverging scale, centred at 0 (purple below, orange above):
  // its stops come with the data from ui/plot (DivergingStops), where they
  // are defined, and are interpolated as plot.Diverging does.
  const lerp = (a, b, t) => Math.round(a + (b - a) * t);
  const rgbOf = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let scale; // show() sets it before anything is drawn
  const colour = (v, max) => {
    const t = 0.5 + 0.5 * (max > 0 ? Math.max(-1, Math.min(1, v / max)) : 0);
    const x = t * (scale.length - 1), i = Math.min(Math.floor(x), scale.length - 2), f = x - i;
    const [a, b] = [scale[i], scale[i + 1]];
    return `rgb(${lerp(a[0], b[0], f)},${lerp(a[1], b[1], f)},${lerp(a[2], b[2], f)})`;
  };
  const maxAbs = (rows) => rows.flat().reduce((m, v) => Math.max(m, Math.abs(v)), 0);

  function strip(ctx, x, y, w, h, values, max, zeroed) {
    const cw = w / values.length;
    values.forEach((v, i) => {
      ctx.fillStyle = colour(v, max);
      ctx.fillRect(x + i * cw, y, Math.ceil(cw), h);
      if (zeroed && zeroed[i]) {
        ctx.strokeStyle = "#222";
        ctx.lineWidth = 1;
        ctx.strokeRect(x + i * cw + 1, y + 1, Math.max(cw - 2, 1), h - 2);
      }
    });
  }

  function draw(view) {
    const { canvas, data, stage } = view;
    const t = data.trace;
    const F = t.fields.length;
    const W = canvas.clientWidth || 900;
    const parts = t.parts || [];
    const row = 18, top = 28, H = top + F * row + 14 + 2 * (16 + 18 * 2) + 10 + 15 * (parts.length + 1) + 18 + 70;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(W * dpr) || canvas.height !== Math.round(H * dpr)) {
      canvas.width = Math.round(W * dpr);
      canvas.height = Math.round(H * dpr);
      canvas.style.height = H + "px";
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    const ink = getComputedStyle(canvas).color || "#222";
    ctx.fillStyle = ink;
    const label = 90, stripW = Math.max(120, W * 0.28);
    const xE = label, xNum = xE + stripW + 12, xV = xNum + 230;
    const col = [0, 64, 128, 176]; // z, λ, zeroed, a′ after xNum
    const eMax = maxAbs(t.e);
    const sest = !!t.v;
    ctx.fillText("E (embeddings)", xE, 12);
    if (stage >= 1 && sest) ["z", "λ", "zeroed"].forEach((h, i) => ctx.fillText(h, xNum + col[i], 12));
    if (stage >= 2 && sest) ctx.fillText("a′", xNum + col[3], 12);
    if (stage >= 3 && sest) ctx.fillText("V = SEST(E)", xV, 12);
    t.fields.forEach((name, f) => {
      const y = top + f * row;
      ctx.fillStyle = ink;
      ctx.textAlign = "right";
      ctx.fillText(name, label - 6, y + row / 2 - 1);
      ctx.textAlign = "left";
      const zeroed = stage >= 1 && sest ? t.eta[f].map((v) => v === 0) : null;
      strip(ctx, xE, y, stripW, row - 4, t.e[f], eMax, zeroed);
      if (!sest) return;
      ctx.fillStyle = ink;
      if (stage >= 1) {
        const nz = t.eta[f].filter((v) => v === 0).length;
        [fmt(t.z[f]), fmt(t.lambda[f][0]), `${nz}/${t.k}`].forEach((v, i) => ctx.fillText(v, xNum + col[i], y + row / 2 - 1));
      }
      if (stage >= 2) ctx.fillText(fmt(t.se_weight[f][0]), xNum + col[3], y + row / 2 - 1);
      if (stage >= 3) strip(ctx, xV, y, Math.min(stripW, W - xV - 8), row - 4, t.v[f], eMax, null);
    });
    let y = top + F * row + 14;
    const blocks = (title, rows) => {
      ctx.fillStyle = ink;
      ctx.fillText(title, 4, y);
      y += 10;
      const max = maxAbs(rows.map((r) => r[1]));
      rows.forEach(([name, values]) => {
        ctx.fillStyle = ink;
        ctx.textAlign = "right";
        ctx.fillText(name, label - 6, y + 7);
        ctx.textAlign = "left";
        strip(ctx, xE, y, Math.min(W - xE - 8, stripW * 2), 14, values, max, null);
        y += 18;
      });
      y += 6;
    };
    if (stage >= 4) blocks("FwBI output h per stream", parts.filter((p) => p.name.startsWith("fwbi")).map((p) => [p.name, p.output]));
    if (stage >= 5) blocks("MLP output per stream", parts.filter((p) => p.name.startsWith("mlp")).map((p) => [p.name, p.output]));
    if (stage >= 6) {
      // The logit as a running sum: linear, then each part's term.
      const terms = [["linear", t.linear], ...parts.map((p) => [p.name, p.term])];
      let run = 0, lo = 0, hi = 0;
      const spans = terms.map(([n, v]) => { const a = run; run += v; lo = Math.min(lo, a, run); hi = Math.max(hi, a, run); return [n, a, run, v]; });
      const x0 = xE, w = Math.min(W - xE - 160, stripW * 2);
      const sx = (v) => x0 + ((v - lo) / ((hi - lo) || 1)) * w;
      ctx.fillStyle = ink;
      ctx.fillText("fusion: the logit, term by term", 4, y);
      y += 10;
      spans.forEach(([n, a, b, v]) => {
        ctx.fillStyle = ink;
        ctx.textAlign = "right";
        ctx.fillText(n, label - 6, y + 6);
        ctx.textAlign = "left";
        ctx.fillStyle = colour(v >= 0 ? 1 : -1, 1);
        ctx.fillRect(Math.min(sx(a), sx(b)), y, Math.max(Math.abs(sx(b) - sx(a)), 1), 12);
        ctx.fillStyle = ink;
        ctx.fillText(fmt(v), x0 + w + 8, y + 6);
        y += 15;
      });
      ctx.fillText(`logit = ${fmt(t.logit)}`, x0 + w + 8, y + 6);
      y += 18;
    }
    if (stage >= 7) {
      // σ over [−6, 6] with the logit marked.
      const x0 = xE, w = 200, h = 50, yb = y + h;
      ctx.strokeStyle = ink;
      ctx.beginPath();
      for (let i = 0; i <= 60; i++) {
        const z = -6 + (12 * i) / 60, px = x0 + (w * i) / 60, py = yb - h / (1 + Math.exp(-z));
        i ? ctx.lineTo(px, py) : ctx.moveTo(px, py);
      }
      ctx.stroke();
      const z = Math.max(-6, Math.min(6, t.logit));
      ctx.fillStyle = colour(1, 1);
      ctx.beginPath();
      ctx.arc(x0 + ((z + 6) / 12) * w, yb - h * t.probability, 4, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = ink;
      ctx.fillText(`σ(${fmt(t.logit)}) = ${fmt(t.probability)}`, x0 + w + 12, yb - h / 2);
    }
    canvas.flow = { stage, logit: t.logit, probability: t.probability };
  }

  // table writes the trace's numbers, every stage at once, into the view's
  // table (its text alternative, built only while shown). Each number cell
  // keeps its exact value in data-v for tests.
  function table(view) {
    const t = view.data.trace, sest = !!t.v;
    const esc = (v) => String(v).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    const num = (x) => `<td data-v="${x}">${fmt(x)}</td>`;
    const row = (name, cells) => `<tr><th scope="row">${esc(name)}</th>${cells.join("")}</tr>`;
    const mean = (a) => a.reduce((s, v) => s + v, 0) / (a.length || 1);
    const absMax = (a) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const head = (cols) => `<thead><tr>${cols.map((c) => `<th scope="col">${esc(c)}</th>`).join("")}</tr></thead>`;
    const fields = t.fields.map((name, f) => row(name, [num(mean(t.e[f])), num(absMax(t.e[f])),
      ...(sest ? [num(t.z[f]), num(t.lambda[f][0]), `<td data-v="${t.eta[f].filter((v) => v === 0).length}">${t.eta[f].filter((v) => v === 0).length}/${t.k}</td>`, num(t.se_weight[f][0])] : [])]));
    const parts = (t.parts || []).map((p) => row(p.name, [num(mean(p.output)), num(absMax(p.output)), `<td>${p.output.map(fmt).join(" ")}</td>`, num(p.term)]));
    view.table.innerHTML =
      `<table class="chart-table" id="flow-table-fields"><caption>${esc(view.data.title)}: each field's embedding (k = ${t.k})${sest ? " and SEST" : ""}</caption>` +
      head(["field", "mean e", "max |e|", ...(sest ? ["z = mean|e|", "λ", "zeroed", "SE weight a′"] : [])]) + `<tbody>${fields.join("")}</tbody></table>` +
      `<table class="chart-table" id="flow-table-parts"><caption>${esc(view.data.title)}: each stream's FwBI and MLP output, and the fusion</caption>` +
      head(["part", "mean output", "max |output|", "output", "term in the logit"]) +
      `<tbody>${row("linear", ["<td></td>", "<td></td>", "<td></td>", num(t.linear)])}${parts.join("")}</tbody>` +
      `<tfoot>${row("logit", ["<td></td>", "<td></td>", "<td></td>", num(t.logit)])}${row("P(rating ≥ 4) = σ(logit)", ["<td></td>", "<td></td>", "<td></td>", num(t.probability)])}</tfoot></table>`;
  }

  function render(view) {
    draw(view);
    if (!view.table.hidden) table(view);
    const last = view.stage === stages.length - 1;
    view.caption.textContent = `${view.data.title}, stage ${view.stage + 1} of ${stages.length}: ${stages[view.stage]}` +
      (last ? ` = ${fmt(view.data.trace.probability)}` : "");
    view.play.textContent = view.playing ? "Pause" : "Play";
    view.p.textContent = last ? fmt(view.data.trace.probability) : "…";
    view.p.dataset.p = last ? String(view.data.trace.probability) : "";
  }

  function tick(view) {
    clearTimeout(view.timer);
    if (!view.playing) return;
    view.timer = setTimeout(() => {
      if (!view.host.isConnected) return;
      view.stage = Math.min(view.stage + 1, stages.length - 1);
      if (view.stage === stages.length - 1) view.playing = false;
      render(view);
      tick(view);
    }, 1100);
  }

  function build(host) {
    host.innerHTML = "";
    const bar = document.createElement("div");
    bar.className = "flow-controls";
    const button = (id, text, on) => {
      const b = document.createElement("button");
      b.id = id;
      b.type = "button";
      b.textContent = text;
      b.addEventListener("click", on);
      bar.appendChild(b);
      return b;
    };
    const view = { host };
    view.play = button("flow-play", "Play", () => {
      if (view.stage === stages.length - 1 && !view.playing) view.stage = 0;
      view.playing = !view.playing;
      render(view);
      tick(view);
    });
    button("flow-step", "Step", () => {
      view.playing = false;
      view.stage = Math.min(view.stage + 1, stages.length - 1);
      render(view);
      tick(view);
    });
    button("flow-restart", "Restart", () => {
      view.stage = 0;
      view.playing = !reduced();
      render(view);
      tick(view);
    });
    const shown = button("flow-table-toggle", "Table", () => {
      view.table.hidden = !view.table.hidden;
      shown.setAttribute("aria-expanded", String(!view.table.hidden));
      if (view.table.hidden) view.table.innerHTML = "";
      else table(view);
    });
    shown.setAttribute("aria-expanded", "false");
    shown.setAttribute("aria-controls", "flow-table");
    shown.setAttribute("aria-label", "Table of the prediction's numbers, every stage");
    const out = document.createElement("span");
    out.className = "flow-p";
    out.append("P(rating ≥ 4) = ");
    view.p = document.createElement("output");
    view.p.id = "flow-p";
    out.appendChild(view.p);
    bar.appendChild(out);
    view.caption = document.createElement("p");
    view.caption.className = "flow-caption";
    view.caption.setAttribute("aria-live", "polite");
    view.canvas = document.createElement("canvas");
    view.canvas.id = "flow-canvas";
    view.canvas.setAttribute("role", "img");
    view.canvas.setAttribute("aria-label", "The selected pair's pass through the model, stage by stage; the caption above says what is shown, the Table button gives every stage's numbers.");
    view.table = document.createElement("div");
    view.table.id = "flow-table";
    view.table.hidden = true;
    host.append(bar, view.caption, view.canvas, view.table);
    host.flsestFlowView = view;
    return view;
  }

  window.flsestFlow = {
    // show draws a trace (JSON of {title, trace}): a new pair from the first
    // stage, playing — or, under reduced motion, every stage at once; the
    // same pair's newer numbers at the stage shown.
    show(host, json) {
      const view = host.flsestFlowView || build(host);
      const data = JSON.parse(json);
      scale = data.stops.map(rgbOf);
      const same = view.data && view.data.title === data.title; // the model moved on: keep the stage
      view.data = data;
      if (!same) {
        const still = reduced();
        view.stage = still ? stages.length - 1 : 0;
        view.playing = !still;
      }
      render(view);
      tick(view);
    },
    stages: stages.length,
  };
})();
