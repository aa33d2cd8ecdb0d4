package model

// Field describes one categorical input field.
type Field struct {
	Name   string
	Vocab  int // number of distinct values; indices are 0..Vocab-1
	Domain int // general feature domain (paper §3.1), 0..len(Schema.Domains)-1
}

// Schema is the model's view of its inputs: F fields grouped into M general
// domains (user, item, context; or one per field for FwFM, eq 16).
type Schema struct {
	Fields  []Field
	Domains []string
}

// Validate checks that every field has a vocabulary and a domain.
func (s Schema) Validate() error {
	if len(s.Fields) < 2 {
		return errorf("schema", "%d fields: need at least 2", len(s.Fields))
	}
	used := make([]bool, len(s.Domains))
	for _, f := range s.Fields {
		if f.Vocab < 1 {
			return errorf("schema", "field %q has vocabulary size %d", f.Name, f.Vocab)
		}
		if f.Domain < 0 || f.Domain >= len(s.Domains) {
			return errorf("schema", "field %q has domain %d, want 0..%d", f.Name, f.Domain, len(s.Domains)-1)
		}
		used[f.Domain] = true
	}
	for m, u := range used {
		if !u {
			return errorf("schema", "domain %q has no field", s.Domains[m])
		}
	}
	return nil
}

// Batch is N samples in CSR form: sample b, field f has the value indices
// Idx[Off[b*F+f]:Off[b*F+f+1]] (none: missing, zero embedding; several: a
// multi-valued field such as genres). Label holds 0 or 1 per sample.
type Batch struct {
	N     int
	Off   []int32 // len N*F+1
	Idx   []int32
	Label []float32 // len N
}

// Values returns the indices of sample b, field f.
func (bt *Batch) Values(F, b, f int) []int32 {
	return bt.Idx[bt.Off[b*F+f]:bt.Off[b*F+f+1]]
}

// AppendSamples appends src's samples to dst (both of F fields).
func AppendSamples(dst, src *Batch, F int) {
	for i := 0; i < src.N; i++ {
		for f := 0; f < F; f++ {
			dst.Idx = append(dst.Idx, src.Values(F, i, f)...)
			dst.Off = append(dst.Off, int32(len(dst.Idx)))
		}
		dst.Label = append(dst.Label, src.Label[i])
		dst.N++
	}
}
