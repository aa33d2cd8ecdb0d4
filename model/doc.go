// Package model implements FLSEST ("FLSEST: CTR model based on important
// features and soft threshold", Chen, He, Zhou, 2026) and the layers it is
// made of, with hand-written forward and backward passes side by side.
//
// # Notation
//
// B batch size, F fields, K embedding size, M general domains (field
// groups), H hidden width, R = max(1, ⌊F/r⌋) the SEST bottleneck width.
// Tensors are row-major []T; a shape comment such as (B, F, K) follows each.
//
// # Files and the paper
//
//	embedding.go   §3.2, Figure 4: embeddings, sum/mean pooling
//	linear.go      eq (11): w0 + Σ x_i w_i
//	sest.go        §3.3, eq (1)–(8): soft threshold + squeeze-excitation
//	excitation.go  eq (2), (6): the bottleneck layers of both SEST branches
//	fwbi.go        §3.4, eq (12)–(14): FwBI with r[i][j], DiceFactor
//	fm.go, fwfm.go eq (15), (16): the special cases FwBI reduces to
//	dense.go, mlp.go, dropout.go, activation.go   §3.5, eq (17)–(18)
//	fusion.go      §3: joining the original and SEST streams
//	net.go         Figure 1: FLSEST, and every baseline, as one composition:
//	               Forward calls the layers in order, Backward in reverse
//	stream.go      one stream (E or V): its values, gradient and layers
//	deep_input.go  what an MLP reads: flat X, bi(X), bilinear(X) side by side
//	senet.go, bilinear.go, bi_interaction.go, cin.go   FiBiNET, NFM, xDeepFM
//	edcn.go, cross.go, regulation.go   EDCN: bridged cross and deep networks
//	finalmlp.go, feature_gate.go, aggregation.go   FinalMLP: gated streams, bilinear fusion
//	disentangle.go DisenCTR's disentangled user and item (channel routing)
//	loss.go        sigmoid + binary cross-entropy
//	config.go, choices.go   the architecture's settings and their allowed values
//	optimizer.go   Adam (§4.3.1), SGD, Adagrad
//	lazy_adam.go   LazyAdam: only the embedding rows a batch used
//	train.go       one training step; Predict
//	auc.go, logloss.go   eq (19), (20)
//	checkpoint.go  versioned, checksummed weights; LogSize (§4.3.5)
//	inspect.go     what SEST and FwBI learned, per field and per part
//	composite.go   rows whose fields come from different samples, scored with the first layers split by field
//	shapley.go, shapley_summary.go   exact interventional Shapley values per field (2^F coalitions)
//	permutation.go permutation importance per field (AUC drop, LogLoss rise)
//	kernels.go     matrix products (tiled, sparse paths for ReLU/dropout zeros, naive twins)
//
// # Invariants
//
// Every layer is generic over Float: float32 trains, float64 checks
// gradients against central differences (the _test files). Parameters live
// in one Arena per model; layers hold named windows into it. Buffers are
// sized at construction for the largest batch, so a training step allocates
// nothing. Backward passes add into gradients (+=), so a tensor that feeds
// several layers (E feeds SEST, FwBI and the MLP) needs no special case.
// Forward stores what Backward needs; Backward must follow the Forward of the
// same batch.
//
// Training gives the same bits natively (amd64 at the default GOAMD64=v1) as
// under WebAssembly, so the browser's run is the CLI's run to the last
// digit. Two rules keep it so: sigmoid and tanh use the portable exp in
// exp.go, not math.Exp; and every floating-point product that is added is
// first rounded by an explicit conversion, T(a*b), which Go forbids a
// compiler to fuse into a multiply-add (fused_test.go fails on any the
// compiler emits for amd64 v3/v4 or arm64, where Go fuses; the standard
// library's own code does fuse there). Performance code may regroup loops
// and tiles freely, but not change the order in which one output's terms
// are summed.
//
// Misuse (wrong buffer length, batch too large) panics with a "model: "
// message; what a user can cause (a bad hyperparameter, a corrupt
// checkpoint, a NaN loss) is returned as an error: *ConfigError,
// ErrCheckpoint, ErrNonFinite.
//
// The package does no I/O except through io.Reader/io.Writer, starts no
// goroutine, keeps no mutable package state (randomness comes from seeds),
// and imports nothing from the browser, the engine or the datasets: the same
// code runs natively and compiled to WebAssembly.
package model
