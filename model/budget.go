package model

import "unsafe"

// A model is refused before anything is allocated when training it would
// need more memory than maxModelBytes (budget_wasm.go, budget_native.go):
// in a browser an out-of-memory error kills the whole engine worker, and
// Go cannot recover from one.

// bytesPerParam is what training keeps per parameter, in units of T: the
// value, its gradient and Adam's two moments.
const bytesPerParam = 4

// Footprint is the size, in values of T, of a model of schema s and config
// c built for batches of up to maxBatch: its parameters and its forward and
// backward buffers. It is an upper estimate computed from the shapes
// (budget_test.go holds it against what NewNet allocates), in integers (no
// float arithmetic, so nothing here can be fused) that cannot overflow:
// past maxFields, maxVocab or maxBatchSize it is saturated.
type Footprint struct {
	Params, Buffers int64
	// Largest names the config field behind the largest share, for the error.
	Largest string
}

// Past these the footprint is saturated; any model that large is far over
// every budget, and below them no product of sizes overflows int64.
const (
	maxFields    = 1 << 12
	maxVocab     = 1 << 40
	maxBatchSize = 1 << 16
	saturated    = 1 << 50
)

// EstimateFootprint computes the Footprint of (s, c, maxBatch) without
// building anything. s and c must have passed their Validate.
func EstimateFootprint(s Schema, c Config, maxBatch int) Footprint {
	var V int64
	for _, f := range s.Fields {
		V += int64(min(f.Vocab, maxVocab))
		if V > maxVocab {
			return Footprint{Params: saturated, Largest: "schema"}
		}
	}
	switch {
	case len(s.Fields) > maxFields:
		return Footprint{Params: saturated, Largest: "schema"}
	case maxBatch > maxBatchSize:
		return Footprint{Buffers: saturated, Largest: "batch_size"}
	}
	F, K, B := int64(len(s.Fields)), int64(c.EmbeddingDim), int64(maxBatch)
	M := int64(len(s.Domains))
	var fp Footprint
	var largest int64
	add := func(field string, params, buffers int64) {
		fp.Params += params
		fp.Buffers += buffers
		if v := bytesPerParam*params + buffers; v > largest {
			largest, fp.Largest = v, field
		}
	}
	add("schema", V*K+V+1, 1<<16) // embeddings and the linear part (eq 9, 11); maps and closures
	streams := int64(1)
	switch c.Transform {
	case "sest":
		w := F
		if c.SESTGranularity == SESTPerCoordinate {
			w = F * K
		}
		R := int64(ReducedWidth(int(w), c.ReductionRatio))
		add("sest_granularity", 2*(2*w*R+w+R), B*(16*w+2*F)) // two excitation layers (eq 2, 6)
		streams = 2
	case "senet":
		R := int64(ReducedWidth(len(s.Fields), c.ReductionRatio))
		add("transform", 2*F*R+F+R, B*10*F)
		streams = 2
	}
	add("embedding_dim", 0, streams*2*B*F*K) // E, dE (and V, dV)
	partWidth := int64(0)                    // the fused parts' total width
	for _, name := range c.Interactions {
		switch name {
		case "fwbi":
			add("interactions", streams*(M*M+K+F), streams*B*(2*M*K+F*F+3*K))
			partWidth += streams * K
		case "fm":
			add("interactions", 0, streams*B*(4*K+1))
			partWidth += streams
		case "fwfm":
			add("interactions", streams*F*F, streams*B)
			partWidth += streams
		case "cin":
			prev, params, buffers, width := F, int64(0), 2*B*K*F, int64(0)
			for k, h := range c.CIN {
				H := int64(h)
				params += H*prev*F + H
				buffers += 2*B*K*prev*F + 2*B*K*H // z and dz, x and dx
				width += H
				prev = H
				if c.CINSplitHalf && k < len(c.CIN)-1 {
					prev = H / 2 // half the maps go on
				}
			}
			add("cin", streams*params, streams*(buffers+B*width))
			partWidth += streams * width
		}
	}
	if len(c.DeepInputs) > 0 {
		in := int64(0) // one stream's MLP input width
		for _, d := range c.DeepInputs {
			switch d {
			case "flat":
				in += F * K
			case "bi":
				in += K
				add("deep_inputs", 0, streams*4*B*K)
			case "bilinear":
				pairs := F * (F - 1) / 2
				n := map[string]int64{BilinearInteraction: pairs, BilinearEach: F, BilinearAll: 1}[c.BilinearType]
				add("bilinear_type", streams*n*K*K, streams*B*(3*pairs*K+K))
				in += pairs * K
			}
		}
		mlps := streams
		if !c.DeepPerStream && streams == 2 {
			mlps, in = 1, 2*in
		}
		params, buffers, w := int64(0), 2*B*in, in
		for _, h := range c.Hidden {
			H := int64(h)
			params += w*H + H
			buffers += 4 * B * H // pre-activation, output, gradient, dropout mask
			w = H
		}
		add("hidden", mlps*params, mlps*buffers)
		partWidth += mlps * w
	}
	if c.Fusion == FusionConcat {
		H := int64(c.FusionHidden)
		add("fusion_hidden", partWidth*H+2*H+1, B*(2*partWidth+2*H))
	} else {
		add("fusion", partWidth, 0)
	}
	add("batch_size", 0, B*(partWidth+1)) // the parts' gradients, the logits
	return fp
}

// Bytes is what training a model of this footprint needs, for values of
// size elem bytes.
func (fp Footprint) Bytes(elem int) int64 {
	return int64(elem) * (bytesPerParam*fp.Params + fp.Buffers)
}

// CheckBudget refuses (s, c, maxBatch) when training it in T would need
// more than maxModelBytes, with a *ConfigError naming the field behind the
// largest share.
func CheckBudget[T Float](s Schema, c Config, maxBatch int) error {
	var zero T
	fp := EstimateFootprint(s, c, maxBatch)
	if need := fp.Bytes(int(unsafe.Sizeof(zero))); need > maxModelBytes {
		return errorf(fp.Largest, "the model would need about %d MB to train (%d parameters, %d buffer values), more than the %d MB this build allows",
			need/(1<<20), fp.Params, fp.Buffers, maxModelBytes>>20)
	}
	return nil
}
