package plot

// Categorical colours: Okabe and Ito's palette, chosen to stay apart under
// the common colour-vision deficiencies, in an order that keeps the most
// distinct colours for the largest categories (yellow, weakest on white,
// last). Other is for the categories beyond the palette and for points
// with no value.
var categorical = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442"}

// Other is the colour of "the rest" (and of no value).
const Other = "#b8bcc4"

// Categorical returns the palette (a copy).
func Categorical() []string { return append([]string(nil), categorical...) }

// AroundHalf is the colour of v on the diverging scale from 0.5 − span to
// 0.5 + span (0.5: an excitation weight's neutral value): purple below,
// orange above, white at 0.5.
func AroundHalf(v, span float64) string { return Diverging(v-0.5, span) }
