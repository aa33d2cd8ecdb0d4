// Hover readouts without re-rendering the Vugu tree: any element with a
// data-tip attribute shows it; a chart <svg data-px data-tips data-w>
// shows the readout of the point nearest the cursor's x.
(() => {
  const tip = document.createElement("div");
  tip.id = "tooltip";
  tip.hidden = true;
  document.body.appendChild(tip);
  const cache = new Map();
  const parsed = (s) => {
    if (!cache.has(s)) { if (cache.size > 32) cache.clear(); cache.set(s, JSON.parse(s || "[]")); }
    return cache.get(s);
  };
  const show = (text, x, y) => {
    tip.textContent = text;
    tip.hidden = false;
    const w = tip.offsetWidth;
    tip.style.left = Math.min(x + 14, window.innerWidth - w - 8) + "px";
    tip.style.top = y + 14 + "px";
  };
  document.addEventListener("mousemove", (ev) => {
    const t = ev.target;
    if (!(t instanceof Element)) { tip.hidden = true; return; }
    const el = t.closest("[data-tip]");
    if (el) { show(el.getAttribute("data-tip"), ev.clientX, ev.clientY); return; }
    const svg = t.closest("svg[data-px]");
    if (svg) {
      const px = parsed(svg.getAttribute("data-px"));
      const tips = parsed(svg.getAttribute("data-tips"));
      if (px.length) {
        const r = svg.getBoundingClientRect();
        const x = ((ev.clientX - r.left) * Number(svg.getAttribute("data-w") || r.width)) / r.width;
        let best = 0;
        for (let i = 1; i < px.length; i++) if (Math.abs(px[i] - x) < Math.abs(px[best] - x)) best = i;
        show(tips[best], ev.clientX, ev.clientY);
        return;
      }
    }
    tip.hidden = true;
  }, { passive: true });
})();
