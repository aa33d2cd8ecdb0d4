package datasets

// Domain names used by the MovieLens schema (paper §3.1: general feature
// domains). A field belongs to exactly one domain.
const (
	DomainUser    = "user"
	DomainItem    = "item"
	DomainContext = "context"
)

// Field describes one categorical field of an encoded dataset.
type Field struct {
	Name   string   // e.g. "age"
	Domain string   // DomainUser, DomainItem or DomainContext
	Multi  bool     // multi-valued (genres): several indices per sample
	Values []string // the vocabulary; an index into it is a feature value
}

// Encoded is a dataset ready for a model: F categorical fields per sample in
// a CSR layout (see package doc), a binary label and the raw rating.
type Encoded struct {
	Name   string
	Fields []Field
	N      int       // samples
	Off    []int32   // len N*F+1
	Idx    []int32   // value indices, per field
	Label  []float32 // 1 if rating ≥ 4 (paper §4.1), else 0
	Rating []uint8   // the raw 1–5 rating, for inspection
	User   []int32   // index into the source's Users, per sample
	Item   []int32   // index into the source's Movies, per sample

	enc *sampleEncoder
}

// NumFields is F.
func (d *Encoded) NumFields() int { return len(d.Fields) }

// Values returns the value indices of sample s, field f. The slice aliases d.
func (d *Encoded) Values(s, f int) []int32 {
	F := len(d.Fields)
	return d.Idx[d.Off[s*F+f]:d.Off[s*F+f+1]]
}

// MaxValues returns, per field, the largest number of values any sample has.
func (d *Encoded) MaxValues() []int {
	F := len(d.Fields)
	out := make([]int, F)
	for s := 0; s < d.N; s++ {
		for f := 0; f < F; f++ {
			if n := int(d.Off[s*F+f+1] - d.Off[s*F+f]); n > out[f] {
				out[f] = n
			}
		}
	}
	return out
}

// DomainNames returns the distinct domains of d's fields in first-seen order.
func (d *Encoded) DomainNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, f := range d.Fields {
		if !seen[f.Domain] {
			seen[f.Domain] = true
			names = append(names, f.Domain)
		}
	}
	return names
}

// Positives returns the number of samples labelled 1.
func (d *Encoded) Positives() int {
	n := 0
	for _, y := range d.Label {
		if y == 1 {
			n++
		}
	}
	return n
}
