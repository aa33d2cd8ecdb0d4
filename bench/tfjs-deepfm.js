// The peer: DeepFM in TensorFlow.js, built to compute what the Go engine's
// "deepfm" computes on the benchmark's shapes (engine/stepbench.go): 8
// single-valued fields, embedding 16 ~ N(0, 1e-4²), a linear part, FM
// second order, MLP 200-200 ReLU with dropout 0.5 (Glorot normal), one
// logit = linear + FM + MLP, sigmoid cross-entropy, L2 1e-5 on the
// embedding and linear tables, Adam lr 1e-3.
/* global tf */

// TensorFlow.js 4.22's wasm backend has no UnsortedSegmentSum, the gradient
// of gather: without this kernel embeddings cannot train there at all.
export function registerSegmentSum() {
  if (tf.getKernel("UnsortedSegmentSum", "wasm")) return;
  tf.registerKernel({
    kernelName: "UnsortedSegmentSum",
    backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, segmentIds } = inputs;
      const n = attrs.numSegments;
      const inner = x.shape.slice(1).reduce((a, b) => a * b, 1);
      const out = backend.makeOutput([n, ...x.shape.slice(1)], x.dtype);
      const o = backend.typedArrayFromHeap(out); // views after the allocation: the heap may grow
      const xv = backend.typedArrayFromHeap(x);
      const ids = backend.typedArrayFromHeap(segmentIds);
      o.fill(0);
      for (let i = 0; i < ids.length; i++) {
        const s = ids[i];
        if (s < 0 || s >= n) continue;
        for (let k = 0, a = s * inner, b = i * inner; k < inner; k++) o[a + k] += xv[b + k];
      }
      return out;
    },
  });
}

export const vocab = [943, 2, 7, 21, 19, 1682, 19, 13]; // MovieLens100kShape

// makeDeepFM returns { step(batch) → loss tensor, params }.
export function makeDeepFM({ K = 16, hidden = [200, 200], lr = 1e-3, l2 = 1e-5, dropout = 0.5 } = {}) {
  const F = vocab.length;
  const emb = vocab.map((v) => tf.variable(tf.randomNormal([v, K], 0, 1e-4)));
  const lin = vocab.map((v) => tf.variable(tf.randomNormal([v, 1], 0, 1e-4)));
  const bias = tf.variable(tf.zeros([1]));
  const glorot = (i, o) => tf.variable(tf.randomNormal([i, o], 0, Math.sqrt(2 / (i + o))));
  const layers = [];
  let width = F * K;
  for (const h of hidden) {
    layers.push({ W: glorot(width, h), b: tf.variable(tf.zeros([h])) });
    width = h;
  }
  const out = glorot(width, 1); // DeepCTR's dnn_linear has no bias: the bias above is the model's
  const vars = [...emb, ...lin, bias, ...layers.flatMap((l) => [l.W, l.b]), out];
  const opt = tf.train.adam(lr);
  const params = vars.reduce((n, v) => n + v.size, 0);

  // batch: { idx: F Int32Array of length B, label: Float32Array B }
  function step(batch) {
    return opt.minimize(() => {
      const idx = batch.idx.map((a) => tf.tensor1d(a, "int32"));
      const E = tf.stack(idx.map((ix, f) => tf.gather(emb[f], ix)), 1); // (B, F, K)
      const linear = tf.addN(idx.map((ix, f) => tf.gather(lin[f], ix))).add(bias); // (B, 1)
      const sum = E.sum(1);
      const fm = sum.square().sub(E.square().sum(1)).sum(1, true).mul(0.5); // (B, 1)
      let h = E.reshape([-1, F * K]);
      for (const l of layers) h = tf.dropout(tf.relu(h.matMul(l.W).add(l.b)), dropout);
      const logit = linear.add(fm).add(h.matMul(out));
      const y = tf.tensor2d(batch.label, [batch.label.length, 1]);
      const bce = tf.losses.sigmoidCrossEntropy(y, logit);
      const reg = tf.addN([...emb, ...lin].map((t) => t.square().sum())).mul(l2); // λΣw², gradient 2λw as the engine
      return bce.add(reg);
    }, true, vars);
  }
  return { step, params, dispose: () => { vars.forEach((v) => v.dispose()); opt.dispose(); } };
}

// syntheticBatches draws uniform field values and the planted label rule of
// engine/stepbench.go (in spirit: its own random stream).
export function syntheticBatches(B, count, seed = 1) {
  let s = seed >>> 0;
  const rnd = (n) => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % n);
  const out = [];
  for (let c = 0; c < count; c++) {
    const idx = vocab.map(() => new Int32Array(B));
    const label = new Float32Array(B);
    for (let i = 0; i < B; i++) {
      vocab.forEach((v, f) => (idx[f][i] = rnd(v)));
      let y = idx[6][i] < 10;
      if ((idx[1][i] === 1) === (idx[7][i] < 6) && rnd(3) === 0) y = !y;
      if (rnd(5) === 0) y = !y;
      label[i] = y ? 1 : 0;
    }
    out.push({ idx, label });
  }
  return out;
}
