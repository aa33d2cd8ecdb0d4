package api

// Session statuses.
const (
	StatusNoData   = "no_data"  // waiting for MovieLens-100k
	StatusReady    = "ready"    // data and model ready, not started
	StatusTraining = "training" // the loop is running
	StatusPaused   = "paused"   // stopped mid-run; play continues
	StatusFinished = "finished" // test metrics are in Result
)

// Error codes and the HTTP status each maps to.
const (
	CodeInvalid  = "invalid"   // 400: a bad request or value; Field names it
	CodeData     = "data"      // 400: a dataset or checkpoint that cannot be used
	CodeNotFound = "not_found" // 404
	CodeConflict = "conflict"  // 409: not possible in the current status
	CodeNaN      = "nan"       // training stopped on a non-finite loss (events and State only)
	CodeInternal = "internal"  // 500
)

// Error is the body of every error response, and State.Error.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// Setting describes one training setting for controls and URL state.
type Setting struct {
	Name    string   `json:"name"` // e.g. "batch_size"
	Kind    string   `json:"kind"` // int, uint, float, bool, string, ints
	Default string   `json:"default"`
	Choices []string `json:"choices,omitempty"` // for enumerations
	Help    string   `json:"help"`
}

// ConfigRequest sets the training configuration: a preset, then settings
// by name (values as text, as in the URL and the CLI).
type ConfigRequest struct {
	Preset   string            `json:"preset,omitempty"`
	Settings map[string]string `json:"settings,omitempty"`
}

// Summary is a mean with its spread over samples.
type Summary struct {
	Mean float64 `json:"mean"`
	Std  float64 `json:"std"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
}

// FieldSEST is SEST's view of one field (paper eq 1–8).
type FieldSEST struct {
	Name     string  `json:"name"`
	Z        Summary `json:"z"`         // mean |e_i|, eq (1)
	A        Summary `json:"a"`         // threshold ratio λ_i/z_i, eq (2)
	Lambda   Summary `json:"lambda"`    // λ_i, eq (4)
	Zeroed   Summary `json:"zeroed"`    // share of coordinates the soft threshold zeroes, eq (3)
	SEWeight Summary `json:"se_weight"` // a'_i, eq (6)
}

// Contribution is a part's or a stream's share of the logit.
type Contribution struct {
	Name string `json:"name"`
	Summary
}

// Snapshot is what the model has learned, over N validation samples.
type Snapshot struct {
	Step    int         `json:"step"`
	Epoch   int         `json:"epoch"`
	N       int         `json:"n"`
	Scope   string      `json:"scope"` // "validation" (all of it) or "validation-sample" (a fixed live subset)
	Fields  []FieldSEST `json:"fields,omitempty"`
	Initial []FieldSEST `json:"initial,omitempty"` // the same at step 0, over the same samples
	Domains []string    `json:"domains"`
	// FieldNames orders Interaction's rows and columns.
	FieldNames []string `json:"field_names"`
	// R per stream ("original", "sest"): M×M, diagonal r[m][m], upper r[i][j].
	R       [][][]float64 `json:"r,omitempty"`
	Streams []string      `json:"streams,omitempty"`
	// Interaction per stream: F×F effective pair strength (upper triangle).
	Interaction   [][][]float64  `json:"interaction,omitempty"`
	Contributions []Contribution `json:"contributions"`
}

// EpochResult is one epoch's metrics.
type EpochResult struct {
	Epoch        int     `json:"epoch"`
	TrainLoss    float64 `json:"train_loss"`
	ValAUC       float64 `json:"val_auc"`
	ValLogLoss   float64 `json:"val_logloss"`
	Best         bool    `json:"best"`
	TrainSeconds float64 `json:"train_seconds"`
	EvalSeconds  float64 `json:"eval_seconds"`
	Samples      int     `json:"samples"`
}

// Result is a finished run: test metrics at the best-validation epoch.
type Result struct {
	BestEpoch     int     `json:"best_epoch"`
	TestAUC       float64 `json:"test_auc"`
	TestLogLoss   float64 `json:"test_logloss"`
	LogSizeBytes  int64   `json:"log_size_bytes"`
	ValAUC        float64 `json:"val_auc"`
	ValLogLoss    float64 `json:"val_logloss"`
	StoppedEarly  bool    `json:"stopped_early"`
	Parameters    int     `json:"parameters"`
	EpochSeconds  float64 `json:"epoch_seconds"`
	SamplesPerSec float64 `json:"train_samples_per_second"`
}

// Progress is the training loop's position, sent at most every 100–250 ms.
type Progress struct {
	Epoch           int     `json:"epoch"` // completed epochs
	Batch           int     `json:"batch"` // batches done in the current epoch
	BatchesPerEpoch int     `json:"batches_per_epoch"`
	Steps           int     `json:"steps"`
	Phase           string  `json:"phase"` // train, validate, test, done
	Loss            float64 `json:"loss"`  // mean of the recent batches
	SamplesPerSec   float64 `json:"samples_per_second"`
	Workers         int     `json:"workers"` // model copies training each batch (1: the engine alone)
}

// DatasetInfo describes the loaded data.
type DatasetInfo struct {
	Loaded  bool     `json:"loaded"`
	Source  string   `json:"source,omitempty"`
	Users   int      `json:"users"`
	Movies  int      `json:"movies"`
	Ratings int      `json:"ratings"`
	Train   int      `json:"train"`
	Val     int      `json:"val"`
	Test    int      `json:"test"`
	Fields  []string `json:"fields,omitempty"`
	Domains []string `json:"domains,omitempty"`
	// Official is false when the files differ from GroupLens' sha256 list
	// (the data still loads if it parses).
	Official bool `json:"official"`
	// Load counts the datasets this engine has loaded, this one included:
	// GET /api/dataset/prepared?load=N answers only while it is N.
	Load int `json:"load"`
}

// State is the whole session state: what a UI needs after (re)connecting.
type State struct {
	// Seq orders states in time: a reply to a command and the event stream
	// may arrive in either order, and a UI keeps the state with the larger Seq.
	Seq        uint64            `json:"seq"`
	Status     string            `json:"status"`
	Config     map[string]string `json:"config"` // every setting, as text
	Dataset    DatasetInfo       `json:"dataset"`
	Progress   Progress          `json:"progress"`
	History    []EpochResult     `json:"history"`
	Result     *Result           `json:"result,omitempty"`
	Error      *Error            `json:"error,omitempty"`
	Parameters int               `json:"parameters"`
}

// Event is one line of the event stream. Type says which field is set.
type Event struct {
	Type       string             `json:"type"` // one of the Event constants (events.go)
	State      *State             `json:"state,omitempty"`
	Importance *PermutationStatus `json:"importance,omitempty"`
	Progress   *Progress          `json:"progress,omitempty"`
	Epoch      *EpochResult       `json:"epoch,omitempty"`
	Snapshot   *Snapshot          `json:"snapshot,omitempty"`
	Error      *Error             `json:"error,omitempty"`
	Result     *Result            `json:"result,omitempty"`
}

// User is one MovieLens user.
type User struct {
	ID         int    `json:"id"`
	Age        int    `json:"age"`
	Gender     string `json:"gender"`
	Occupation string `json:"occupation"`
	Zip        string `json:"zip"`
}

// Movie is one MovieLens movie.
type Movie struct {
	ID      int      `json:"id"`
	Title   string   `json:"title"`
	Year    int      `json:"year,omitempty"`
	Genres  []string `json:"genres"`
	Ratings int      `json:"ratings"` // how many ratings it has
}

// InspectRequest names a user × movie pair by MovieLens ids, optionally
// with edited attributes (a what-if).
type InspectRequest struct {
	User  int         `json:"user"`
	Movie int         `json:"movie"`
	Edit  *SampleEdit `json:"edit,omitempty"`
	Trace bool        `json:"trace,omitempty"` // also return the pair's SampleTrace (trace.go)
}

// SampleInspection is the model's view of one user × movie pair.
type SampleInspection struct {
	User          User           `json:"user"`
	Movie         Movie          `json:"movie"`
	Rating        int            `json:"rating,omitempty"` // the true rating if the user rated the movie
	Split         string         `json:"split,omitempty"`  // train, val or test, if rated
	Probability   float64        `json:"probability"`      // P(rating ≥ 4)
	Fields        []FieldSEST    `json:"fields,omitempty"`
	Contributions []Contribution `json:"contributions"`
	Trace         *SampleTrace   `json:"trace,omitempty"` // when asked for (trace.go)
}

// PredictRequest asks for P(like) of user × movie pairs.
type PredictRequest struct {
	Pairs []InspectRequest `json:"pairs"`
}

// PredictResponse answers PredictRequest in order.
type PredictResponse struct {
	Probabilities []float64 `json:"probabilities"`
}
