package model

import "testing"

// Training with SEST per coordinate is bit-identical on every platform too
// (its excitation layers use the tiled kernels): `./build.sh test` runs
// this natively and under wasm against a pinned hash of the weights after
// 30 Adam steps, as TestTrainingBitIdenticalAcrossPlatforms does per field.
func TestSESTPerCoordinateTrainingBitIdentical(t *testing.T) {
	const pinned = "cb864c4fa163155b"
	got := trainedWeightsHash(t, func(c *Config) {
		c.Hidden = []int{64, 48}
		c.SESTGranularity = SESTPerCoordinate
	})
	if got != pinned {
		t.Errorf("weights hash %s, pinned %s: training differs from the pinned platform", got, pinned)
	}
}
