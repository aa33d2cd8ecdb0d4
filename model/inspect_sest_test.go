package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The Inspector's SEST mechanism equals a direct float64 computation from
// the embeddings and the excitation weights, in both readings: u, a, a', λ,
// the shares zeroed, the per-coordinate means and each hidden unit's share
// of active samples.
func TestInspectSESTMechanismMatchesDirectComputation(t *testing.T) {
	for _, g := range []string{SESTPerField, SESTPerCoordinate} {
		t.Run(g, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(83, 84))
			s := testSchema([]int{0, 0, 0, 1, 1}, 9)
			c := smallConfig()
			c.SESTGranularity, c.ExcitationBias = g, true
			const n = 30
			m, err := NewFLSEST[float64](s, c, n, 3)
			if err != nil {
				t.Fatal(err)
			}
			randomizeParams(&m.Arena, rng, 0.7)
			b := randomBatch(rng, s, n, 4)
			got := m.Inspect(b)
			F, K := m.F, m.K
			E := append([]float64(nil), m.E[:n*F*K]...) // Inspect's forward pass left them
			W := F
			if g == SESTPerCoordinate {
				W = F * K
			}
			excite := func(x *Excitation[float64], z []float64, out Activation, active []int) (u, a []float64) {
				h := make([]float64, x.R)
				for r := range h {
					h[r] = x.DownBias.Value[r]
					for c, v := range z {
						h[r] += x.Down.Value[r*W+c] * v
					}
					if h[r] > 0 {
						active[r]++
					}
					h[r] = math.Max(h[r], 0)
				}
				u, a = make([]float64, W), make([]float64, W)
				for c := range u {
					u[c] = x.UpBias.Value[c]
					for r, v := range h {
						u[c] += x.Up.Value[c*x.R+r] * v
					}
					a[c] = 1 / (1 + math.Exp(-u[c]))
				}
				return u, a
			}
			type acc struct{ u, a, seU, seW, zeroed []float64 }
			per := make([]acc, F)
			aCoord, zeroedCoord := make([]float64, F*K), make([]float64, F*K)
			thrActive, seActive := make([]int, m.SEST.Threshold.R), make([]int, m.SEST.Weight.R)
			for i := 0; i < n; i++ {
				zT, zS := make([]float64, W), make([]float64, W)
				scale := make([]float64, F)
				for f := 0; f < F; f++ {
					for k := 0; k < K; k++ {
						e := E[(i*F+f)*K+k]
						scale[f] += math.Abs(e) / float64(K)
						if W == F {
							zT[f] += math.Abs(e) / float64(K)
							zS[f] += e / float64(K)
						} else {
							zT[f*K+k], zS[f*K+k] = math.Abs(e), e
						}
					}
				}
				u, a := excite(m.SEST.Threshold, zT, Sigmoid, thrActive)
				seU, seW := excite(m.SEST.Weight, zS, Sigmoid, seActive)
				for f := 0; f < F; f++ {
					zeroed := 0
					for k := 0; k < K; k++ {
						c := f
						if W > F {
							c = f*K + k
						}
						if math.Abs(E[(i*F+f)*K+k]) <= a[c]*scale[f] {
							zeroed++
							zeroedCoord[f*K+k]++
						}
						if W > F || k == 0 {
							per[f].u = append(per[f].u, u[c])
							per[f].a = append(per[f].a, a[c])
							per[f].seU = append(per[f].seU, seU[c])
							per[f].seW = append(per[f].seW, seW[c])
							aCoord[f*K+k] += a[c] / n
						}
					}
					per[f].zeroed = append(per[f].zeroed, float64(zeroed)/float64(K))
				}
			}
			near := func(what string, got, want float64) {
				t.Helper()
				if math.Abs(got-want) > 1e-9 {
					t.Errorf("%s: inspector %v, direct %v", what, got, want)
				}
			}
			sum := func(what string, got Summary, xs []float64) {
				t.Helper()
				want := summarise(xs)
				near(what+" mean", got.Mean, want.Mean)
				near(what+" std", got.Std, want.Std)
				near(what+" min", got.Min, want.Min)
				near(what+" max", got.Max, want.Max)
			}
			for f, fl := range got.Fields {
				sum(fl.Name+" u", fl.U, per[f].u)
				sum(fl.Name+" a", fl.A, per[f].a)
				sum(fl.Name+" se u", fl.SEU, per[f].seU)
				sum(fl.Name+" a'", fl.SEWeight, per[f].seW)
				sum(fl.Name+" zeroed", fl.Zeroed, per[f].zeroed)
				if W == F {
					if fl.ACoord != nil || fl.ZeroedCoord != nil {
						t.Errorf("%s: per-coordinate vectors under the per-field reading", fl.Name)
					}
					continue
				}
				for k := 0; k < K; k++ {
					near(fl.Name+" a_coord", fl.ACoord[k], aCoord[f*K+k])
					near(fl.Name+" zeroed_coord", fl.ZeroedCoord[k], zeroedCoord[f*K+k]/n)
				}
			}
			for r, c := range thrActive {
				near("threshold unit active", got.SESTUnits.Threshold[r], float64(c)/n)
			}
			for r, c := range seActive {
				near("SE unit active", got.SESTUnits.SE[r], float64(c)/n)
			}
			if got.SESTGranularity != g || len(got.SESTUnits.Threshold) != m.SEST.Threshold.R {
				t.Errorf("granularity %q, %d threshold units; want %q, %d", got.SESTGranularity, len(got.SESTUnits.Threshold), g, m.SEST.Threshold.R)
			}
		})
	}
}

// SESTOnly gives the same SEST fields and units as a full inspection.
func TestInspectSESTOnlyEqualsFull(t *testing.T) {
	m, b := trainedSmallModel(t)
	full := m.Inspect(b)
	in := NewInspector(m)
	in.SESTOnly = true
	in.Add(b)
	only := in.Result()
	if only.N != full.N || len(only.Fields) != len(full.Fields) || len(only.Contributions) != 0 || only.R != nil {
		t.Fatalf("SEST only: n %d, %d fields, %d contributions, R %v", only.N, len(only.Fields), len(only.Contributions), only.R)
	}
	for f := range full.Fields {
		a, b := full.Fields[f], only.Fields[f]
		if a.A != b.A || a.SEWeight != b.SEWeight || a.U != b.U || a.SEU != b.SEU || a.Zeroed != b.Zeroed || a.Lambda != b.Lambda || a.Z != b.Z {
			t.Errorf("%s: full %+v, SEST only %+v", a.Name, a, b)
		}
	}
	for r := range full.SESTUnits.Threshold {
		if full.SESTUnits.Threshold[r] != only.SESTUnits.Threshold[r] {
			t.Errorf("threshold unit %d: %v, %v", r, full.SESTUnits.Threshold[r], only.SESTUnits.Threshold[r])
		}
	}
}
