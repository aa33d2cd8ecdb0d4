package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// PCA2's axes are the covariance matrix's two leading eigenvectors, found
// here the slow way (power iteration with deflation); they are orthonormal,
// in variance order, and each point is the centred row's projection on
// them, whose variance is the eigenvalue.
func TestPCA2MatchesCovarianceEigenvectors(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n, d = 40, 4
	X := make([]float64, n*d)
	scale := []float64{3, 0.5, 1.7, 0.2}
	for i := 0; i < n; i++ {
		a, b := rng.NormFloat64(), rng.NormFloat64()
		for j := 0; j < d; j++ {
			X[i*d+j] = scale[j]*a + 0.3*float64(j)*b + 0.1*rng.NormFloat64() + 5 // mean far from 0
		}
	}
	mean := make([]float64, d)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			mean[j] += X[i*d+j] / n
		}
	}
	cov := make([]float64, d*d)
	for i := 0; i < n; i++ {
		for a := 0; a < d; a++ {
			for b := 0; b < d; b++ {
				cov[a*d+b] += (X[i*d+a] - mean[a]) * (X[i*d+b] - mean[b]) / (n - 1)
			}
		}
	}
	var trace float64
	for a := 0; a < d; a++ {
		trace += cov[a*d+a]
	}
	var eigvec [2][]float64
	var eigval [2]float64
	for c := 0; c < 2; c++ {
		v := []float64{1, 1, 1, 1}
		for it := 0; it < 2000; it++ {
			w := make([]float64, d)
			for a := 0; a < d; a++ {
				for b := 0; b < d; b++ {
					w[a] += cov[a*d+b] * v[b]
				}
			}
			var norm float64
			for _, x := range w {
				norm += x * x
			}
			norm = math.Sqrt(norm)
			for a := range w {
				v[a] = w[a] / norm
			}
			eigval[c] = norm
		}
		big := 0
		for a := range v {
			if math.Abs(v[a]) > math.Abs(v[big]) {
				big = a
			}
		}
		if v[big] < 0 {
			for a := range v {
				v[a] = -v[a]
			}
		}
		eigvec[c] = v
		for a := 0; a < d; a++ { // deflate: cov −= λ v vᵀ
			for b := 0; b < d; b++ {
				cov[a*d+b] -= eigval[c] * v[a] * v[b]
			}
		}
	}
	dirs, share, err := principalAxes(X, n, d)
	if err != nil {
		t.Fatal(err)
	}
	for c := 0; c < 2; c++ {
		for a := 0; a < d; a++ {
			if math.Abs(dirs[c][a]-eigvec[c][a]) > 1e-6 {
				t.Fatalf("axis %d = %v, covariance eigenvector %v", c, dirs[c], eigvec[c])
			}
		}
		if math.Abs(share[c]-eigval[c]/trace) > 1e-9 {
			t.Errorf("component %d's share %v, eigenvalue/trace %v", c, share[c], eigval[c]/trace)
		}
	}
	var dot, n0, n1 float64
	for a := 0; a < d; a++ {
		dot += dirs[0][a] * dirs[1][a]
		n0 += dirs[0][a] * dirs[0][a]
		n1 += dirs[1][a] * dirs[1][a]
	}
	if math.Abs(dot) > 1e-12 || math.Abs(n0-1) > 1e-12 || math.Abs(n1-1) > 1e-12 || !(share[0] >= share[1]) {
		t.Errorf("axes not orthonormal in variance order: dot %v, norms² %v %v, shares %v", dot, n0, n1, share)
	}
	xy, share2, err := PCA2(X, n, d)
	if err != nil || share2 != share {
		t.Fatal(err, share2)
	}
	var v0, v1 float64
	for i := 0; i < n; i++ {
		for c := 0; c < 2; c++ {
			var p float64
			for a := 0; a < d; a++ {
				p += (X[i*d+a] - mean[a]) * eigvec[c][a]
			}
			if math.Abs(float64(xy[2*i+c])-p) > 1e-5*(1+math.Abs(p)) {
				t.Fatalf("point %d axis %d: %v, projection %v", i, c, xy[2*i+c], p)
			}
		}
		v0 += float64(xy[2*i]) * float64(xy[2*i]) / (n - 1)
		v1 += float64(xy[2*i+1]) * float64(xy[2*i+1]) / (n - 1)
	}
	if math.Abs(v0-eigval[0]) > 1e-4*eigval[0] || math.Abs(v1-eigval[1]) > 1e-4*eigval[0] {
		t.Errorf("projected variances %v %v, eigenvalues %v", v0, v1, eigval)
	}
	if _, _, err := PCA2(X[:3], 1, 3); err == nil {
		t.Error("one row: no error")
	}
}
