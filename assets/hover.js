// The page's one tooltip, outside the Go UI's tree (so showing it never
// re-renders anything): window.flsestTooltip.show(text, mouseEvent) and
// .hide(). The charts (assets/charts.js) use it from their own listeners.
(() => {
  const tip = document.createElement("div");
  tip.id = "tooltip";
  tip.hidden = true;
  document.body.appendChild(tip);
  window.flsestTooltip = {
    show(text, ev) {
      if (tip.textContent !== text) tip.textContent = text;
      tip.hidden = false;
      tip.style.left = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + "px";
      tip.style.top = ev.clientY + 14 + "px";
    },
    hide() { tip.hidden = true; },
  };
})();
