package edge

import "github.com/flsest/flsest/engine/api"

// Limits bound what one request may ask for. A Worker has 128 MB of memory
// and, on the Workers Paid plan, 30 s of CPU time a request by default;
// its clock stands still while it computes, so the work is bounded, not
// the time (README, "Deploying to Cloudflare").
var Limits = api.EdgeInfo{
	// A quick-preset checkpoint of MovieLens-100k is about 0.2 MB; the
	// paper's full settings about 1 MB.
	MaxBodyBytes: 16 << 20,
	// 1,024 MovieLens samples take about 150 KB of JSON; the bound keeps
	// a body of empty samples ("{},{},…") from decoding into gigabytes of
	// maps before their number is checked.
	MaxRequestBytes:   1 << 20,
	MaxSamples:        1024,
	MaxExplainSamples: 16,
	MaxBackground:     64,
	// 4 × 2^8 × 64 for MovieLens' eight fields. Memory is what binds: the
	// distinct composite rows are kept while they are scored, about 270
	// bytes a row (BenchmarkEdge: 16 × 2^8 × 64 allocated 70 MB, against a
	// Worker's 128 MB).
	MaxExplainRows: 1 << 16,
}

// maxBatch is the batch the checkpoint's model is built for: requests of
// more rows are scored in chunks.
const maxBatch = 256
