"""The native peer: the DeepFM of bench/tfjs-deepfm.js and engine/stepbench.go
in PyTorch, single-threaded, on MovieLens-100k's field shapes with synthetic
batches; prints one JSON line per batch size (samples/s of a training step).

    /usr/bin/python3 bench/pytorch_deepfm.py        (Debian's python3-torch)
"""
import json
import time

import torch

VOCAB = [943, 2, 7, 21, 19, 1682, 19, 13]  # engine.MovieLens100kShape
K, HIDDEN, LR, L2 = 16, (200, 200), 1e-3, 1e-5


class DeepFM(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.ModuleList(torch.nn.Embedding(v, K) for v in VOCAB)
        self.lin = torch.nn.ModuleList(torch.nn.Embedding(v, 1) for v in VOCAB)
        for e in list(self.emb) + list(self.lin):
            torch.nn.init.normal_(e.weight, 0, 1e-4)
        self.bias = torch.nn.Parameter(torch.zeros(1))
        layers, width = [], len(VOCAB) * K
        for h in HIDDEN:
            layers += [torch.nn.Linear(width, h), torch.nn.ReLU(), torch.nn.Dropout(0.5)]
            width = h
        layers.append(torch.nn.Linear(width, 1, bias=False))
        self.mlp = torch.nn.Sequential(*layers)

    def forward(self, x):  # x: (B, F) int64
        E = torch.stack([e(x[:, f]) for f, e in enumerate(self.emb)], 1)  # (B, F, K)
        linear = sum(l(x[:, f]) for f, l in enumerate(self.lin)) + self.bias
        s = E.sum(1)
        fm = 0.5 * (s * s - (E * E).sum(1)).sum(1, keepdim=True)
        return (linear + fm + self.mlp(E.flatten(1))).squeeze(1)

    def l2(self):
        return L2 * sum((p * p).sum() for m in list(self.emb) + list(self.lin) for p in m.parameters())


def batches(B, count, g):
    out = []
    for _ in range(count):
        x = torch.stack([torch.randint(0, v, (B,), generator=g) for v in VOCAB], 1)
        y = (x[:, 6] < 10)
        flip = ((x[:, 1] == 1) == (x[:, 7] < 6)) & (torch.randint(0, 3, (B,), generator=g) == 0)
        y = y ^ flip ^ (torch.randint(0, 5, (B,), generator=g) == 0)
        out.append((x, y.float()))
    return out


def main():
    torch.set_num_threads(1)
    torch.manual_seed(1)
    for B in (128, 64):
        g = torch.Generator().manual_seed(7)
        data = batches(B, max(16, 32768 // B), g)
        model = DeepFM()
        opt = torch.optim.Adam(model.parameters(), lr=LR)
        lossf = torch.nn.BCEWithLogitsLoss()
        params = sum(p.numel() for p in model.parameters())

        def step(i):
            x, y = data[i % len(data)]
            opt.zero_grad()
            loss = lossf(model(x), y) + model.l2()
            loss.backward()
            opt.step()
            return loss.item()

        for i in range(20):
            step(i)
        steps = max(100, 200_000 // B)
        t0 = time.perf_counter()
        for i in range(steps):
            last = step(20 + i)
        dt = time.perf_counter() - t0
        print(json.dumps({"impl": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                          "model": "deepfm", "batch": B, "params": params, "steps": steps,
                          "samples_per_sec": steps * B / dt, "last_loss": last}))


if __name__ == "__main__":
    main()
