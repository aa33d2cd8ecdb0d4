package panels

// What the lesson and the one-prediction view report.

//vugugen:event LessonOpen
//vugugen:event LessonGo
//vugugen:event LessonReading
//vugugen:event LessonField
//vugugen:event FlowOpen

// LessonOpenEvent opens or closes the lesson.
type LessonOpenEvent struct{ Open bool }

// LessonGoEvent opens step Step (from 0).
type LessonGoEvent struct{ Step int }

// LessonReadingEvent switches to the reading mode (every step in order)
// or back to the stepped mode.
type LessonReadingEvent struct{ On bool }

// LessonFieldEvent picks the field the per-field equations show.
type LessonFieldEvent struct{ Field int }

// FlowOpenEvent opens or closes the one-prediction view.
type FlowOpenEvent struct{ Open bool }
