// Vugu v0.4.0 re-sends every node it is given on every render (the page
// gives it only the subtrees that changed: skip_subtrees.go): every
// attribute, every text, every vg-content and static block as innerHTML
// (which the browser parses again, and which invalidates layout even when
// nothing changed). This wraps window.vuguRender so that, while it runs, a write
// that would not change the DOM is skipped: setAttribute to the value the
// attribute has, a text node's text to its text, innerHTML to the content
// the element holds. Each check reads the live DOM, so a skip is always
// exact; a write that changes something happens as before (an innerHTML
// without markup as textContent, which needs no parser). The form
// properties Vugu sets (.value, .checked) are skipped the same way, and a
// select's value is set again after the render, once its options are there.
(() => {
  const render = window.vuguRender;
  if (!render || render.skipsUnchanged) return;
  let rendering = false;

  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (rendering && this.getAttribute(name) === value) return;
    setAttribute.call(this, name, value);
  };
  const setAttributeNS = Element.prototype.setAttributeNS;
  Element.prototype.setAttributeNS = function (ns, name, value) {
    if (rendering && this.getAttributeNS(ns, name.replace(/^.*:/, "")) === value) return;
    setAttributeNS.call(this, ns, name, value);
  };

  const text = Object.getOwnPropertyDescriptor(Node.prototype, "textContent");
  Object.defineProperty(Node.prototype, "textContent", {
    ...text,
    set(value) {
      if (rendering && this.nodeType === Node.TEXT_NODE && this.data === value) return;
      text.set.call(this, value);
    },
  });

  // The text an innerHTML without markup stands for (vg-content escapes
  // these five characters), or null when the HTML has markup or another
  // character reference.
  const entities = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&#34;": '"', "&#39;": "'", "&quot;": '"' };
  const plain = (html) => (html.includes("<") || /&(?!(amp|lt|gt|quot|#34|#39);)/.test(html) ? null
    : html.replace(/&(amp|lt|gt|quot|#34|#39);/g, (e) => entities[e]));
  // How the browser serialises an HTML string (parsed once per string: the
  // blocks with markup are Vugu's static blocks, a few dozen strings).
  const canonical = new Map();
  const serialised = (html) => {
    if (!canonical.has(html)) {
      const t = document.createElement("template");
      inner.set.call(t, html);
      canonical.set(html, t.innerHTML);
    }
    return canonical.get(html);
  };
  const holds = (el, html, t) => {
    if (t === null) return el.innerHTML === serialised(html);
    if (t === "") return el.firstChild === null;
    return el.childNodes.length === 1 && el.firstChild.nodeType === Node.TEXT_NODE && el.firstChild.data === t;
  };
  const inner = Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML");
  Object.defineProperty(Element.prototype, "innerHTML", {
    ...inner,
    set(html) {
      if (!rendering) return inner.set.call(this, html);
      const t = plain(html);
      if (holds(this, html, t)) return;
      // Text without markup: the same DOM as innerHTML makes, without
      // starting the HTML parser.
      if (t !== null) text.set.call(this, t);
      else inner.set.call(this, html);
    },
  });

  // Vugu sets a select's value before it renders the select's options: a
  // value no option has yet is kept and set again once the render is done.
  const selectValues = new Map(); // select → the value the render gave it
  for (const [proto, name] of [[HTMLInputElement.prototype, "value"], [HTMLInputElement.prototype, "checked"],
    [HTMLSelectElement.prototype, "value"], [HTMLTextAreaElement.prototype, "value"]]) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    Object.defineProperty(proto, name, {
      ...d,
      set(v) {
        const want = name === "checked" ? v : String(v);
        if (rendering && d.get.call(this) === want) return selectValues.delete(this);
        d.set.call(this, v);
        if (rendering && this instanceof HTMLSelectElement) {
          if (d.get.call(this) === want) selectValues.delete(this);
          else selectValues.set(this, [d, want]);
        }
      },
    });
  }
  const setSelectValues = () => {
    for (const [sel, [d, want]] of selectValues) {
      d.set.call(sel, want);
      if (d.get.call(sel) === want || !sel.isConnected) selectValues.delete(sel);
    }
  };

  window.vuguRender = function (...args) {
    rendering = true;
    try {
      return render.apply(this, args);
    } finally {
      rendering = false;
      setSelectValues();
    }
  };
  window.vuguRender.skipsUnchanged = true;
})();
