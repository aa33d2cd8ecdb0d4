// The explanation views' charts, for the Go UI (ui/panels: Slices,
// Projector, SestCoordinates), drawn into canvases with the helpers of
// assets/charts.js (flsestCharts.tools) and registered with it, so they
// are painted the same way: one chart a task, one listener pair per
// canvas, the page's one tooltip. What each draws stays on its canvas
// (canvas.chart) for the tests.
(() => {
  const { canvasIn, text, ink, muted, cssVar } = window.flsestCharts.tools;

  // slices: spec {w, h, rowH, top, heads: [{x, text}], cols, auc: {Lo, Hi,
  // X, W}, rows: [{value, count, auc, logloss, positiveRate,
  // meanPrediction, y, countText, aucText, aucX (−1: no AUC), loglossText,
  // loglossW, observedX, predictedX, calText, tip}]}; no values.
  function slices(host, spec) {
    const { w, h, cols, rowH } = spec;
    const rows = spec.rows || [];
    const [c, ctx] = canvasIn(host, w, h);
    const blue = cssVar("--s1", "#2b59c3"), orange = cssVar("--s2", "#b35806");
    for (const hd of spec.heads) text(ctx, hd.text, hd.x, 12, { fill: ink(), weight: "600", align: hd.x === cols.Label || hd.x === cols.Count ? "right" : "left" });
    const half = spec.auc.X + spec.auc.W * (0.5 - spec.auc.Lo) / (spec.auc.Hi - spec.auc.Lo);
    for (const r of rows) {
      const mid = r.y + rowH / 2;
      text(ctx, r.value, cols.Label, mid, { align: "right", base: "middle", size: 11, fill: ink() });
      text(ctx, r.countText, cols.Count, mid, { align: "right", base: "middle", size: 11 });
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#e3e6eb";
      ctx.beginPath(); ctx.moveTo(spec.auc.X, mid); ctx.lineTo(spec.auc.X + spec.auc.W, mid); ctx.stroke();
      ctx.strokeStyle = muted();
      ctx.beginPath(); ctx.moveTo(half, mid - 5); ctx.lineTo(half, mid + 5); ctx.stroke();
      if (r.aucX >= 0) {
        ctx.fillStyle = blue;
        ctx.fillRect(half, mid - 3, r.aucX - half, 6);
        text(ctx, r.aucText, cols.AUCText, mid, { base: "middle", size: 11, fill: ink() });
      } else {
        text(ctx, r.aucText, cols.AUCText, mid, { base: "middle", size: 11 });
      }
      ctx.fillStyle = cssVar("--z", "#cfd5df");
      ctx.fillRect(cols.LogLoss, mid - 6, r.loglossW, 12);
      text(ctx, r.loglossText, cols.LogLossText, mid, { base: "middle", size: 11, fill: ink() });
      ctx.strokeStyle = "#e3e6eb";
      ctx.beginPath(); ctx.moveTo(cols.Cal, mid); ctx.lineTo(cols.Cal + cols.CalW, mid); ctx.stroke();
      ctx.strokeStyle = orange; ctx.lineWidth = 2;
      ctx.beginPath(); ctx.moveTo(r.observedX, mid); ctx.lineTo(r.predictedX, mid); ctx.stroke();
      ctx.lineWidth = 1.5; ctx.strokeStyle = ink();
      ctx.beginPath(); ctx.arc(r.observedX, mid, 4.5, 0, 2 * Math.PI); ctx.stroke();
      ctx.fillStyle = orange;
      ctx.beginPath(); ctx.arc(r.predictedX, mid, 3.5, 0, 2 * Math.PI); ctx.fill();
      text(ctx, r.calText, cols.CalText, mid, { base: "middle", size: 11, fill: ink() });
    }
    c.dataset.rows = rows.length;
    c.chart = {
      w, h, spec, rows,
      hover(x, y) {
        const r = rows.find((r) => y >= r.y && y < r.y + rowH);
        return r ? r.tip : "";
      },
    };
  }

  // projector: spec {w, h, n, plots: [{title, x0, size, top, xs: {D0, D1,
  // R0, R1}, ys, offset}], colors, of: a colour index per point, labels,
  // marked: per plot the neighbours' indices, picked (−1: none), radius};
  // values: each plot's x, y pairs from its offset. Points are squares,
  // the last colour (other) first so the named colours lie on top.
  function projector(host, spec, values) {
    const { w, h, n, radius: r } = spec;
    const plots = spec.plots || [];
    const [c, ctx] = canvasIn(host, w, h);
    const at = (s, v) => (s.D1 === s.D0 ? (s.R0 + s.R1) / 2 : s.R0 + ((v - s.D0) / (s.D1 - s.D0)) * (s.R1 - s.R0));
    // Each plot's points in layout units, once: drawing and hit tests read them.
    const pos = plots.map((p) => {
      const xy = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        xy[2 * i] = at(p.xs, values[p.offset + 2 * i]);
        xy[2 * i + 1] = at(p.ys, values[p.offset + 2 * i + 1]);
      }
      return xy;
    });
    let drawn = 0;
    plots.forEach((p, k) => {
      ctx.strokeStyle = "#e3e6eb"; ctx.lineWidth = 1;
      ctx.strokeRect(p.x0 + 0.5, p.top + 0.5, p.size - 1, p.size - 1);
      text(ctx, p.title, p.x0, p.top - 6, { size: 10.5, fill: ink() });
      const xy = pos[k];
      for (let col = spec.colors.length - 1; col >= 0; col--) {
        ctx.fillStyle = spec.colors[col];
        for (let i = 0; i < n; i++) {
          if (spec.of[i] !== col) continue;
          ctx.fillRect(xy[2 * i] - r, xy[2 * i + 1] - r, 2 * r, 2 * r);
          drawn++;
        }
      }
      ctx.strokeStyle = ink(); ctx.lineWidth = 1.2;
      for (const i of (spec.marked && spec.marked[k]) || []) {
        ctx.beginPath(); ctx.arc(xy[2 * i], xy[2 * i + 1], 4.5, 0, 2 * Math.PI); ctx.stroke();
      }
      if (spec.picked >= 0) {
        ctx.lineWidth = 2.5;
        ctx.beginPath(); ctx.arc(xy[2 * spec.picked], xy[2 * spec.picked + 1], 7, 0, 2 * Math.PI); ctx.stroke();
      }
    });
    // What is drawn, for the tests: points per plot, plots.
    c.dataset.points = plots.length ? drawn / plots.length : 0;
    c.dataset.plots = plots.length;
    // nearest is the point within 8 units of (x, y) in the plot there, or −1.
    const nearest = (x, y) => {
      const k = plots.findIndex((p) => x >= p.x0 && x < p.x0 + p.size);
      if (k < 0) return -1;
      const xy = pos[k];
      let best = -1, bd = 64;
      for (let i = 0; i < n; i++) {
        const dx = xy[2 * i] - x, dy = xy[2 * i + 1] - y, d = dx * dx + dy * dy;
        if (d < bd) { bd = d; best = i; }
      }
      return best;
    };
    c.chart = {
      w, h, spec, n, plots: plots.length,
      hover(x, y) {
        const i = nearest(x, y);
        return i >= 0 ? spec.labels[i] : "";
      },
      // pick: the point under a mouse event on this canvas (−1: none).
      pick(ev) {
        const k = w / c.cssWidth;
        return nearest(ev.offsetX * k, ev.offsetY * k);
      },
    };
  }

  // sestStrips: spec {w, h, rowH, cellH, aX, seX, stripW, uX, suX, heads,
  // rows: [{name, y, a, se, zeroed, aFill, seFill, uText, suText}], legend:
  // colours over legendLabels [low, 0.5, high], reading}; no values.
  function sestStrips(host, spec) {
    const { w, h, rowH, cellH, stripW } = spec;
    const rows = spec.rows || [];
    const [c, ctx] = canvasIn(host, w, h);
    for (const hd of spec.heads) text(ctx, hd.text, hd.x, 12, { fill: ink(), weight: "600" });
    const strip = (x, y, fills) => {
      const cw = stripW / fills.length;
      fills.forEach((f, j) => { ctx.fillStyle = f; ctx.fillRect(x + j * cw, y, Math.max(1, cw - (fills.length > 1 ? 0.5 : 0)), cellH); });
      ctx.strokeStyle = "#d9dde4"; ctx.lineWidth = 1;
      ctx.strokeRect(x + 0.5, y + 0.5, stripW - 1, cellH - 1);
    };
    for (const r of rows) {
      const mid = r.y + cellH / 2;
      text(ctx, r.name, spec.aX - 6, mid, { align: "right", base: "middle", size: 11, fill: ink() });
      strip(spec.aX, r.y, r.aFill);
      strip(spec.seX, r.y, r.seFill);
      text(ctx, r.uText, spec.uX, mid, { base: "middle", size: 11, fill: ink() });
      text(ctx, r.suText, spec.suX, mid, { base: "middle", size: 11, fill: ink() });
    }
    const ly = h - 20, lw = 160;
    const g = ctx.createLinearGradient(spec.aX, 0, spec.aX + lw, 0);
    spec.legend.forEach((s, i) => g.addColorStop(i / (spec.legend.length - 1), s));
    ctx.fillStyle = g;
    ctx.fillRect(spec.aX, ly, lw, 8);
    const [lo, mid, hi] = spec.legendLabels;
    text(ctx, lo, spec.aX, ly + 18);
    text(ctx, mid, spec.aX + lw / 2, ly + 18, { align: "center" });
    text(ctx, hi, spec.aX + lw, ly + 18, { align: "right" });
    c.dataset.rows = rows.length;
    c.chart = {
      w, h, spec, rows,
      hover(x, y) {
        const r = rows.find((r) => y >= r.y - 2 && y < r.y + rowH - 2);
        if (!r) return "";
        for (const [x0, name, vals] of [[spec.aX, "a", r.a], [spec.seX, "a′", r.se]]) {
          if (x < x0 || x >= x0 + stripW) continue;
          const j = Math.floor((x - x0) / (stripW / vals.length));
          const where = vals.length > 1 ? `${r.name}, coordinate ${j}` : r.name;
          let t = `${where}: ${name} = ${vals[j].toFixed(4)}`;
          if (r.zeroed && r.zeroed.length === vals.length) t += ` · zeroed in ${(100 * r.zeroed[j]).toFixed(1)}% of samples`;
          return t;
        }
        return `${r.name}: u ${r.uText}, u′ ${r.suText}`;
      },
    };
  }

  window.flsestCharts.add("slices", slices);
  window.flsestCharts.add("projector", projector);
  window.flsestCharts.add("sestStrips", sestStrips);
})();
