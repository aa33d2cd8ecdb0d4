package engine

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// PCA2 projects the rows of X (n × d, row-major) on their first two
// principal components (gonum's stat.PC: the centred data's SVD). It
// returns the points as x0, y0, x1, y1, … and each component's share of
// the total variance. Each component's sign is fixed so that its largest
// coordinate (in absolute value) is positive: an SVD's signs are arbitrary,
// and a plot should not flip between two runs of the same weights.
//
// The points are float32: gonum's assembly kernels (amd64) and pure Go ones
// (wasm) may differ in a float64's last bits; float32 is ample for a plot
// and the same on every platform but on a rounding tie.
func PCA2(X []float64, n, d int) (xy []float32, share [2]float64, err error) {
	dirs, share, err := principalAxes(X, n, d)
	if err != nil {
		return nil, share, err
	}
	mean := make([]float64, d)
	for i := 0; i < n; i++ {
		for j, v := range X[i*d : i*d+d] {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	xy = make([]float32, 2*n)
	for i := 0; i < n; i++ {
		for c, dir := range dirs {
			var s float64
			for j, v := range X[i*d : i*d+d] {
				s += float64((v - mean[j]) * dir[j])
			}
			xy[2*i+c] = float32(s)
		}
	}
	return xy, share, nil
}

// principalAxes returns the first two principal directions of X's rows
// (unit vectors, signs fixed as PCA2 says) and their shares of variance.
func principalAxes(X []float64, n, d int) (dirs [2][]float64, share [2]float64, err error) {
	if n < 2 || d < 1 || len(X) != n*d {
		return dirs, share, fmt.Errorf("pca: %d values for %d × %d (need n ≥ 2)", len(X), n, d)
	}
	var pc stat.PC
	if !pc.PrincipalComponents(mat.NewDense(n, d, X), nil) {
		return dirs, share, fmt.Errorf("pca: the SVD of a %d × %d matrix did not converge", n, d)
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	vars := pc.VarsTo(nil)
	var total float64
	for _, v := range vars {
		total += v
	}
	for c := range dirs {
		dirs[c] = make([]float64, d)
		if c >= len(vars) {
			continue // fewer than two components: the second axis is 0
		}
		big := 0
		for j := range dirs[c] {
			dirs[c][j] = vecs.At(j, c)
			if math.Abs(dirs[c][j]) > math.Abs(dirs[c][big]) {
				big = j
			}
		}
		if dirs[c][big] < 0 {
			for j := range dirs[c] {
				dirs[c][j] = -dirs[c][j]
			}
		}
		if total > 0 {
			share[c] = vars[c] / total
		}
	}
	return dirs, share, nil
}
