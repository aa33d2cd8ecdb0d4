package api

// PathSlices serves the model's quality per slice of the validation split:
// GET → SlicesReport.
const PathSlices = "/api/slices"

// MissingValue names the slice of rows with no value in a field (a movie
// without a release year).
const MissingValue = "(missing)"

// SlicesReport is validation AUC, LogLoss, positive rate and calibration
// per value of gender, age bucket, occupation, genre and release-year
// bucket, on the current weights.
type SlicesReport struct {
	Step     int       `json:"step"`
	Epoch    int       `json:"epoch"`
	N        int       `json:"n"` // validation rows
	Slicings []Slicing `json:"slicings"`
}

// Slicing is one field's slices. For a single-valued field every row is in
// exactly one slice (a row without a value in the MissingValue slice), so
// the counts add up to N. For a multi-valued field (genres) a row counts in
// each of its values' slices, so the counts add up to the number of
// (row, value) pairs, at least N.
type Slicing struct {
	Field  string  `json:"field"`
	Multi  bool    `json:"multi"`
	Slices []Slice `json:"slices"` // in the field's vocabulary order, then MissingValue; empty slices left out
}

// Slice is the model's quality on the rows with one value of a field.
type Slice struct {
	Value     string `json:"value"`
	Count     int    `json:"count"`
	Positives int    `json:"positives"`
	// AUC is null when the slice holds one class only: it is undefined.
	AUC            *float64 `json:"auc"`
	LogLoss        float64  `json:"logloss"`
	PositiveRate   float64  `json:"positive_rate"`   // observed: Positives / Count
	MeanPrediction float64  `json:"mean_prediction"` // calibration: compare with PositiveRate
}
