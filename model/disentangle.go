package model

import "math"

// Disentangle is DisenCTR's disentangled representation (Wang et al.,
// "DisenCTR: Dynamic Graph-based Disentangled Representation for
// Click-Through Rate Prediction", SIGIR 2022, §3.2) on the graph one sample
// gives: each embedding is cut into C channels ("intents") of K/C
// coordinates, and a centre node — the user (the first field of domain 0)
// and the item (the first field of domain 1) — gathers its neighbours, the
// other fields of its domain, channel by channel, each neighbour routed to
// the channels it agrees with (one step of neighbourhood routing):
//
//	p_{f,c} = softmax_c(⟨e_{f,c}, e_{t,c}⟩ / √(K/C))
//	z_{t,c} = e_{t,c} + Σ_{f ∈ N(t)} p_{f,c} e_{f,c}
//
// The output is [z_u, z_i, a] (2K + C), a_c = ⟨z_{u,c}, z_{i,c}⟩ the
// user–item affinity of intent c; an MLP reads it (the paper's prediction
// layer). Without interaction histories in a sample there is no time-evolving
// graph and no Hawkes process here (docs/design.md says so).
type Disentangle[T Float] struct {
	F, K, C   int
	centres   [2]int   // the user and item fields
	neighbour [2][]int // the other fields of each centre's domain
	p         []T      // (B, F, C): routing weights, by neighbour field
	z         []T      // (B, 2, K)
	dz        []T      // (B, 2, K) scratch
}

// NewDisentangle builds the layer for schema s (at least two domains).
func NewDisentangle[T Float](s Schema, K, channels, maxBatch int) *Disentangle[T] {
	F := len(s.Fields)
	d := &Disentangle[T]{F: F, K: K, C: channels, centres: [2]int{-1, -1},
		p: make([]T, maxBatch*F*channels), z: make([]T, maxBatch*2*K), dz: make([]T, maxBatch*2*K)}
	for f, fl := range s.Fields {
		if fl.Domain > 1 {
			continue
		}
		if d.centres[fl.Domain] < 0 {
			d.centres[fl.Domain] = f
		} else {
			d.neighbour[fl.Domain] = append(d.neighbour[fl.Domain], f)
		}
	}
	return d
}

// OutWidth is 2K + C.
func (d *Disentangle[T]) OutWidth() int { return 2*d.K + d.C }

// Forward sets out (n, 2K+C) from X (n, F, K).
func (d *Disentangle[T]) Forward(out, X []T, n int) {
	F, K, C, W := d.F, d.K, d.C, d.OutWidth()
	w := K / C
	scale := T(1 / math.Sqrt(float64(w)))
	for b := 0; b < n; b++ {
		Xb := X[b*F*K : (b+1)*F*K]
		for t := 0; t < 2; t++ {
			ct := d.centres[t]
			z := d.z[(b*2+t)*K : (b*2+t+1)*K]
			copy(z, Xb[ct*K:ct*K+K])
			for _, f := range d.neighbour[t] {
				p := d.p[(b*F+f)*C : (b*F+f+1)*C]
				for c := 0; c < C; c++ {
					var s T
					for k := c * w; k < (c+1)*w; k++ {
						s += T(Xb[f*K+k] * Xb[ct*K+k])
					}
					p[c] = T(s * scale)
				}
				softmaxInPlace(p)
				for k := 0; k < K; k++ {
					z[k] += T(p[k/w] * Xb[f*K+k])
				}
			}
		}
		o := out[b*W : (b+1)*W]
		zu, zi := d.z[b*2*K:b*2*K+K], d.z[b*2*K+K:b*2*K+2*K]
		copy(o[:K], zu)
		copy(o[K:2*K], zi)
		for c := 0; c < C; c++ {
			var a T
			for k := c * w; k < (c+1)*w; k++ {
				a += T(zu[k] * zi[k])
			}
			o[2*K+c] = a
		}
	}
}

// Backward adds into dX (n, F, K), given dOut (n, 2K+C) and the X of the
// last Forward.
func (d *Disentangle[T]) Backward(dX, dOut, X []T, n int) {
	F, K, C, W := d.F, d.K, d.C, d.OutWidth()
	w := K / C
	scale := T(1 / math.Sqrt(float64(w)))
	var dp, ds [64]T // C ≤ 64 (Config.Validate)
	for b := 0; b < n; b++ {
		Xb, dXb, o := X[b*F*K:(b+1)*F*K], dX[b*F*K:(b+1)*F*K], dOut[b*W:(b+1)*W]
		zu, zi := d.z[b*2*K:b*2*K+K], d.z[b*2*K+K:b*2*K+2*K]
		dzu, dzi := d.dz[b*2*K:b*2*K+K], d.dz[b*2*K+K:b*2*K+2*K]
		copy(dzu, o[:K])
		copy(dzi, o[K:2*K])
		for k := 0; k < K; k++ { // a_c = ⟨z_u,c, z_i,c⟩
			da := o[2*K+k/w]
			dzu[k] += T(da * zi[k])
			dzi[k] += T(da * zu[k])
		}
		for t := 0; t < 2; t++ {
			ct := d.centres[t]
			dz := d.dz[(b*2+t)*K : (b*2+t+1)*K]
			for k, g := range dz {
				dXb[ct*K+k] += g
			}
			for _, f := range d.neighbour[t] {
				p := d.p[(b*F+f)*C : (b*F+f+1)*C]
				var mean T
				for c := 0; c < C; c++ {
					var s T
					for k := c * w; k < (c+1)*w; k++ {
						s += T(dz[k] * Xb[f*K+k])
					}
					dp[c] = s
					mean += T(p[c] * s)
				}
				for c := 0; c < C; c++ {
					ds[c] = T(T(p[c]*(dp[c]-mean)) * scale)
				}
				for k := 0; k < K; k++ {
					c := k / w
					dXb[f*K+k] += T(p[c]*dz[k]) + T(ds[c]*Xb[ct*K+k])
					dXb[ct*K+k] += T(ds[c] * Xb[f*K+k])
				}
			}
		}
	}
}

// softmaxInPlace sets v = softmax(v).
func softmaxInPlace[T Float](v []T) {
	mx := math.Inf(-1)
	for _, x := range v {
		mx = math.Max(mx, float64(x))
	}
	var sum float64
	for i, x := range v {
		e := exp(float64(x) - mx)
		v[i] = T(e)
		sum += e
	}
	for i := range v {
		v[i] = T(float64(v[i]) / sum)
	}
}
