package panels

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
)

// The lesson's steps, in the paper's order. Each names the page panel it
// talks about (Target, a section id), says in words what the equations
// (lessonMath, generated from tools/mathml/equations.mjs) show, and fills
// their slots with the selected pair's numbers from its trace.

// lessonData is what the steps read: the selected pair's inspection with
// its trace, the epochs so far, and the field the per-field steps show.
type lessonData struct {
	S       *api.SampleInspection // with Trace
	Config  map[string]string     // the session's settings
	History []api.EpochResult
	Domains []string
	Field   int       // within the trace's fields
	Paper   api.Paper // the paper's reported results (GET /api/paper)
}

// slot is one live number: its value and where the page read it, as a
// path into {"inspect": the inspection, "state": the session state} —
// "inspect.trace.z.3", or op(path) for a number derived from several
// (sum, min, max, zeros: how many are 0; neglog: −log x; neglog1m:
// −log(1−x)), a * in the path standing for every index. The browser test
// recomputes every slot from the engine's API by its path.
type slot struct {
	V    float64
	Src  string
	Text string // shown instead of V's digits (a count)
}

type lessonStep struct {
	ID, Title, Target string
	words             func(d *lessonData) string
	slots             func(d *lessonData) map[string]slot
}

// at is the trace's number at path.
func at(path string, v float64) slot { return slot{V: v, Src: "inspect.trace." + path} }

func count(n int, src string) slot { return slot{V: float64(n), Src: src, Text: strconv.Itoa(n)} }

func fieldPath(name string, f int) string { return name + "." + strconv.Itoa(f) }

// part returns the trace's part named name and its index, or −1.
func part(t *api.SampleTrace, name string) (api.TracePart, int) {
	for i, p := range t.Parts {
		if p.Name == name {
			return p, i
		}
	}
	return api.TracePart{}, -1
}

// termSlots fills slot names[2i] with the term of the part named
// names[2i+1], for the parts the model has.
func termSlots(t *api.SampleTrace, names ...string) map[string]slot {
	out := map[string]slot{}
	for i := 0; i+1 < len(names); i += 2 {
		if p, at := part(t, names[i+1]); at >= 0 {
			out[names[i]] = slot{V: p.Term, Src: "inspect.trace.parts." + strconv.Itoa(at) + ".term"}
		}
	}
	return out
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

func zeros(xs []float64) int {
	n := 0
	for _, x := range xs {
		if x == 0 {
			n++
		}
	}
	return n
}

// seRange is the SE weights' range over fields and coordinates.
func seRange(t *api.SampleTrace) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, w := range t.SEWeight {
		for _, x := range w {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	return lo, hi
}

// seFlat reports whether every SE weight sits at σ(0) = 0.5 (within 0.01):
// what the paper's SEST gives per field at these sizes (docs/design.md).
func seFlat(t *api.SampleTrace) bool {
	lo, hi := seRange(t)
	return lo > 0.49 && hi < 0.51
}

var lessonSteps = []lessonStep{
	{ID: "input", Title: "The input and the general domains", Target: "inspector",
		words: func(d *lessonData) string {
			s := d.S
			return fmt.Sprintf("One sample is one user × movie pair: user %d (%d, %s, %s) and %s. Each of its f fields holds one value (an id, a gender, an age band …) or several (genres). FwBI groups the fields into M general domains (%s): interactions within a domain and between domains get their own weights r.",
				s.User.ID, s.User.Age, s.User.Gender, s.User.Occupation, s.Movie.Title, strings.Join(d.Domains, ", "))
		},
		slots: func(d *lessonData) map[string]slot {
			t := d.S.Trace
			M := 0
			if len(t.FwBI) > 0 {
				M = len(t.FwBI[0].R)
			}
			return map[string]slot{"f": count(len(t.Fields), "len(inspect.trace.fields)"), "M": count(M, "len(inspect.trace.fwbi.0.r)")}
		}},
	{ID: "embedding", Title: "Embedding", Target: "projector",
		words: func(d *lessonData) string {
			t := d.S.Trace
			pool := "averages its rows (pooling mean, as DeepCTR's MovieLens example; the paper sums them, §3.2)"
			if d.Config["pooling"] == "sum" {
				pool = "sums its rows (pooling sum, as the paper's §3.2)"
			}
			return fmt.Sprintf("Each field's value picks a row of its own table: a k-dimensional vector e_i, learned. A multi-valued field (genres) %s. The numbers are those of %s for this pair; they start near 0 (initialised with standard deviation %s) and grow only as far as training pushes them — the projector shows where they end up.",
				pool, t.Fields[d.Field], d.Config["embedding_std"])
		},
		slots: func(d *lessonData) map[string]slot {
			t, f := d.S.Trace, d.Field
			out := map[string]slot{"k": count(t.K, "inspect.trace.k")}
			for c := 0; c < 3 && c < t.K; c++ {
				out["e"+strconv.Itoa(c+1)] = at(fieldPath("e", f)+"."+strconv.Itoa(c), t.E[f][c])
			}
			return out
		}},
	{ID: "threshold", Title: "SEST, branch 1: the soft threshold", Target: "sest",
		words: func(d *lessonData) string {
			t, f := d.S.Trace, d.Field
			if len(t.Z) == 0 {
				return "This model has no SEST layer (choose FLSEST to see it)."
			}
			return fmt.Sprintf("For %s: the squeeze z is the mean magnitude of e; a small network turns all fields' z into a ratio a between 0 and 1, and λ = z·a is the threshold. Every coordinate of e closer to 0 than λ is set to 0, the others move λ towards 0 (η). Here %d of the %d coordinates are zeroed: SEST's way of dropping weak features.",
				t.Fields[f], zeros(t.Eta[f]), t.K)
		},
		slots: func(d *lessonData) map[string]slot {
			t, f := d.S.Trace, d.Field
			if len(t.Z) == 0 {
				return nil
			}
			out := map[string]slot{"k": count(t.K, "inspect.trace.k"), "z": at(fieldPath("z", f), t.Z[f]),
				"lam":    at(fieldPath("lambda", f)+".0", t.Lambda[f][0]),
				"zeroed": count(zeros(t.Eta[f]), "zeros(inspect.trace."+fieldPath("eta", f)+")")}
			if len(t.A) > 0 {
				out["a"] = at(fieldPath("a", f), t.A[f])
			}
			return out
		}},
	{ID: "excitation", Title: "SEST, branch 2: squeeze and excitation", Target: "sest",
		words: func(d *lessonData) string {
			t, f := d.S.Trace, d.Field
			if len(t.Z) == 0 {
				return "This model has no SEST layer."
			}
			lo, hi := seRange(t)
			head := fmt.Sprintf("The second branch squeezes e to its plain mean z′ and excites: a′ weighs the whole field. For %s a′ = %s — and over all fields it lies in [%s, %s]. ",
				t.Fields[f], format.Sig(t.SEWeight[f][0], 4), format.Sig(lo, 4), format.Sig(hi, 4))
			if !seFlat(t) {
				return head + "In this run the weights do move away from σ(0) = 0.5: compare them with the importance panel's ranking of the fields."
			}
			return head + "That is σ(0) = 0.5, honestly: the squeezes of embeddings this small are tiny, so W₂·ReLU(W₁·z′) ≈ 0 and the sigmoid sits at its middle. The weights do not single fields out here; docs/sest.md measures why, and its per-coordinate reading moves them further."
		},
		slots: func(d *lessonData) map[string]slot {
			t, f := d.S.Trace, d.Field
			if len(t.Z) == 0 {
				return nil
			}
			out := map[string]slot{"aw": at(fieldPath("se_weight", f)+".0", t.SEWeight[f][0])}
			if len(t.ZMean) > 0 {
				out["zm"] = at(fieldPath("z_mean", f), t.ZMean[f])
			}
			return out
		}},
	{ID: "stream", Title: "The stream V", Target: "sest-coords",
		words: func(d *lessonData) string {
			if len(d.S.Trace.V) == 0 {
				return "This model has one stream, E."
			}
			return "The two branches add up: v = η + a′·e. The model now has two streams, the original E and V = SEST(E); each goes through its own FwBI and MLP, and the fusion joins them. SEST per coordinate shows these numbers for every coordinate."
		},
		slots: func(d *lessonData) map[string]slot {
			t, f := d.S.Trace, d.Field
			out := map[string]slot{}
			for c := 0; c < 3 && len(t.V) > 0 && c < t.K; c++ {
				out["v"+strconv.Itoa(c+1)] = at(fieldPath("v", f)+"."+strconv.Itoa(c), t.V[f][c])
			}
			return out
		}},
	{ID: "linear", Title: "FwBI, part 1: the linear part", Target: "flow",
		words: func(d *lessonData) string {
			return "Every field value also has one scalar weight; their sum and a bias w₀ are the linear part L, a logistic regression inside the model. One linear part serves both streams."
		},
		slots: func(d *lessonData) map[string]slot {
			t := d.S.Trace
			return map[string]slot{"w0": at("linear_bias", t.LinearBias), "lsum": {V: sum(t.LinearFields), Src: "sum(inspect.trace.linear_fields)"},
				"lin": at("linear", t.Linear)}
		}},
	{ID: "fm", Title: "FwBI, part 2: FM within a domain", Target: "fwbi",
		words: func(d *lessonData) string {
			return "Within a domain (the user's fields among themselves, the movie's among themselves) every pair of fields interacts as in a factorization machine: e_a ⊙ e_b, weighted by that domain's r[m][m]. The numbers are the original stream's."
		},
		slots: func(d *lessonData) map[string]slot {
			t := d.S.Trace
			if len(t.FwBI) == 0 {
				return nil
			}
			x := t.FwBI[0]
			out := map[string]slot{"fm": {V: sum(x.Within), Src: "sum(inspect.trace.fwbi.0.within)"}, "r11": at("fwbi.0.r.0.0", x.R[0][0])}
			if len(x.R) > 1 {
				out["r22"] = at("fwbi.0.r.1.1", x.R[1][1])
			}
			return out
		}},
	{ID: "mf", Title: "FwBI, part 3: MF between domains", Target: "fwbi",
		words: func(d *lessonData) string {
			return "Between domains each domain first sums its fields, e_(m) = Σ e_n, and the domains interact pairwise, weighted by r[i][j]: the user as a whole meets the movie as a whole, as in matrix factorization."
		},
		slots: func(d *lessonData) map[string]slot {
			t := d.S.Trace
			if len(t.FwBI) == 0 || len(t.FwBI[0].R) < 2 {
				return nil
			}
			x := t.FwBI[0]
			return map[string]slot{"mf": {V: sum(x.Across), Src: "sum(inspect.trace.fwbi.0.across)"}, "r12": at("fwbi.0.r.0.1", x.R[0][1])}
		}},
	{ID: "fwbi", Title: "FwBI: r[i][j] and the output h", Target: "fwbi",
		words: func(d *lessonData) string {
			return "FwBI's output is h = MF + FM, a k-vector per stream; its head turns it into one term of the logit. With one domain FwBI is an FM, with one domain per field a FwFM. The FwBI panel draws both streams' r matrices as they learn."
		},
		slots: func(d *lessonData) map[string]slot { return termSlots(d.S.Trace, "tfo", "fwbi_o", "tfs", "fwbi_s") }},
	{ID: "mlp", Title: "The MLP", Target: "flow",
		words: func(d *lessonData) string {
			return "Each stream's fields, laid side by side, also go through a multilayer perceptron (ReLU layers, dropout while training): the implicit, high-order interactions. Its last layer, times its head, is one more term."
		},
		slots: func(d *lessonData) map[string]slot { return termSlots(d.S.Trace, "tmo", "mlp_o", "tms", "mlp_s") }},
	{ID: "fusion", Title: "The fusion", Target: "flow",
		words: func(d *lessonData) string {
			s := d.S
			return fmt.Sprintf("The fusion adds the linear part and every part's term into one logit; the sigmoid makes it the probability that user %d rates %s 4 or more: %s. The end-to-end view animates this sum.",
				s.User.ID, s.Movie.Title, format.Percent(s.Trace.Probability, 1))
		},
		slots: func(d *lessonData) map[string]slot {
			t := d.S.Trace
			var terms float64
			for _, p := range t.Parts {
				terms += p.Term
			}
			return map[string]slot{"lin": at("linear", t.Linear), "terms": {V: terms, Src: "sum(inspect.trace.parts.*.term)"},
				"logit": at("logit", t.Logit), "p": at("probability", t.Probability)}
		}},
	{ID: "loss", Title: "The loss", Target: "curves",
		words: func(d *lessonData) string {
			s := d.S
			truth := "This user has not rated this movie, so there is no label: both cases are shown."
			if s.Rating > 0 {
				y := 0
				if s.Rating >= 4 {
					y = 1
				}
				truth = fmt.Sprintf("This user rated it %d (in the %s split), so y = %d.", s.Rating, s.Split, y)
			}
			return "Training lowers the log loss, averaged over a batch: confident and wrong costs most. " + truth + " The learning curves show the mean over batches falling."
		},
		slots: func(d *lessonData) map[string]slot {
			p := d.S.Trace.Probability
			return map[string]slot{"l1": {V: -math.Log(p), Src: "neglog(inspect.trace.probability)"},
				"l0": {V: -math.Log(1 - p), Src: "neglog1m(inspect.trace.probability)"}}
		}},
	{ID: "metrics", Title: "AUC and LogLoss", Target: "curves",
		words: func(d *lessonData) string {
			if len(d.History) == 0 {
				return "After each epoch the model is scored on the validation split: AUC (the chance a random liked pair is ranked above a random disliked one; 0.5 is a coin) and LogLoss. No epoch has finished yet: press play."
			}
			words := "After each epoch the model is scored on the validation split: AUC (the chance a random liked pair is ranked above a random disliked one; 0.5 is a coin) and LogLoss (eq 20 over the split)."
			if p, ok := paperFLSEST(d.Paper); ok {
				words += " The paper reports " + format.Fixed(p.AUC, 4) + " and " + format.Fixed(p.LogLoss, 4) + " on the test split."
			}
			return words
		},
		slots: func(d *lessonData) map[string]slot {
			if len(d.History) == 0 {
				return nil
			}
			e := d.History[len(d.History)-1]
			return map[string]slot{"epoch": count(e.Epoch, "state.history.-1.epoch"), "auc": {V: e.ValAUC, Src: "state.history.-1.val_auc"},
				"ll": {V: e.ValLogLoss, Src: "state.history.-1.val_logloss"}}
		}},
	{ID: "importance", Title: "What the importance views say", Target: "importance",
		words: func(d *lessonData) string {
			t := d.S.Trace
			if len(t.SEWeight) == 0 {
				return "The importance panel measures each field by permutation (how much AUC drops when it is shuffled) and by exact Shapley values."
			}
			lo, hi := seRange(t)
			head := "The importance panel measures fields two ways that do not depend on SEST: permutation (AUC lost when a field is shuffled) and exact Shapley values. "
			if !seFlat(t) {
				return head + fmt.Sprintf("Beside them it shows SEST's a′, here between %s and %s: does SEST rank the fields as the other two do?", format.Sig(lo, 4), format.Sig(hi, 4))
			}
			return head + fmt.Sprintf("Beside them it shows SEST's a′ — here between %s and %s for every field, σ(0) = 0.5 — so the class sees what the paper's mechanism does not tell: the fields that matter are found by the other two, not by SEST's per-field weights.",
				format.Sig(lo, 4), format.Sig(hi, 4))
		},
		slots: func(d *lessonData) map[string]slot {
			t := d.S.Trace
			out := map[string]slot{"f": count(len(t.Fields), "len(inspect.trace.fields)")}
			if len(t.SEWeight) > 0 {
				lo, hi := seRange(t)
				out["awmin"] = slot{V: lo, Src: "min(inspect.trace.se_weight)"}
				out["awmax"] = slot{V: hi, Src: "max(inspect.trace.se_weight)"}
			}
			return out
		}},
}
