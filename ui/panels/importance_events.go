package panels

import "github.com/flsest/flsest/engine/api"

// What the importance panel and the what-if report.

//vugugen:event RunImportance
//vugugen:event CancelImportance
//vugugen:event ReadMechanism
//vugugen:event WhatIf

// RunImportanceEvent starts permutation importance with Repeats.
type RunImportanceEvent struct{ Repeats int }

// CancelImportanceEvent stops the running permutation job.
type CancelImportanceEvent struct{}

// ReadMechanismEvent reads the Shapley summary and SEST's mechanism again.
type ReadMechanismEvent struct{}

// WhatIfEvent applies Edit to the inspected pair (zero: undo every edit).
type WhatIfEvent struct{ Edit api.SampleEdit }
