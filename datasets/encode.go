package datasets

import (
	"fmt"
	"sort"
	"time"
)

// EncodeOptions chooses which fields Encode produces.
type EncodeOptions struct {
	// Context adds the context domain (weekday, hour of the rating's UTC
	// timestamp), so that FwBI's r can be 3×3 (docs/design.md, "Reading the paper").
	Context bool
}

// Age buckets of MovieLens-1M's users.dat, used for MovieLens-100k's exact
// ages so both datasets share a schema.
var ageBuckets = []struct {
	max  int
	name string
}{{17, "<18"}, {24, "18-24"}, {34, "25-34"}, {44, "35-44"}, {49, "45-49"}, {55, "50-55"}, {1 << 30, "56+"}}

func ageBucket(age int) int {
	for i, b := range ageBuckets {
		if age <= b.max {
			return i
		}
	}
	return len(ageBuckets) - 1
}

// Release-year buckets: most MovieLens-100k movies are from the 1990s, so
// those years stand alone and older films are grouped by decade.
var yearBuckets = []string{"<1960", "1960s", "1970s", "1980s", "1990", "1991", "1992", "1993", "1994", "1995", "1996", "1997", "1998+"}

// yearBucket returns -1 for a missing year (a zero embedding).
func yearBucket(y int) int {
	switch {
	case y == 0:
		return -1
	case y < 1960:
		return 0
	case y < 1990:
		return 1 + (y-1960)/10
	case y >= 1998:
		return len(yearBuckets) - 1
	default:
		return 4 + y - 1990
	}
}

var weekdays = []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// Encode turns ratings into categorical samples: user domain = user_id,
// gender, age bucket, occupation, zip prefix (first character: the US postal
// region, or the letter of a Canadian code); item domain = movie_id, genres
// (multi-valued), release-year bucket; optional context domain = weekday,
// hour. Label = rating ≥ 4 (paper §4.1). Vocabularies cover every user and
// movie in u.user and u.item, not only those rated.
func (ml *MovieLens) Encode(opt EncodeOptions) *Encoded {
	userIDs := make([]string, len(ml.Users))
	for i, u := range ml.Users {
		userIDs[i] = fmt.Sprint(u.ID)
	}
	movieIDs := make([]string, len(ml.Movies))
	for i, m := range ml.Movies {
		movieIDs[i] = fmt.Sprint(m.ID)
	}
	ages := make([]string, len(ageBuckets))
	for i, b := range ageBuckets {
		ages[i] = b.name
	}
	zips := map[string]bool{}
	for _, u := range ml.Users {
		zips[u.Zip[:1]] = true
	}
	zipNames := make([]string, 0, len(zips))
	for z := range zips {
		zipNames = append(zipNames, z)
	}
	sort.Strings(zipNames)
	zipIndex := indexOf(zipNames)
	occIndex := indexOf(ml.Occupations)
	hours := make([]string, 24)
	for h := range hours {
		hours[h] = fmt.Sprintf("%02d", h)
	}

	fields := []Field{
		{Name: "user_id", Domain: DomainUser, Values: userIDs},
		{Name: "gender", Domain: DomainUser, Values: []string{"F", "M"}},
		{Name: "age", Domain: DomainUser, Values: ages},
		{Name: "occupation", Domain: DomainUser, Values: ml.Occupations},
		{Name: "zip", Domain: DomainUser, Values: zipNames},
		{Name: "movie_id", Domain: DomainItem, Values: movieIDs},
		{Name: "genres", Domain: DomainItem, Multi: true, Values: ml.Genres},
		{Name: "year", Domain: DomainItem, Values: yearBuckets},
	}
	if opt.Context {
		fields = append(fields,
			Field{Name: "weekday", Domain: DomainContext, Values: weekdays},
			Field{Name: "hour", Domain: DomainContext, Values: hours})
	}
	F := len(fields)
	n := len(ml.Ratings)
	d := &Encoded{
		Name:   ml.Name,
		Fields: fields,
		N:      n,
		Off:    make([]int32, 0, n*F+1),
		Idx:    make([]int32, 0, n*(F+2)),
		Label:  make([]float32, n),
		Rating: make([]uint8, n),
		User:   make([]int32, n),
		Item:   make([]int32, n),
		enc:    &sampleEncoder{ml: ml, context: opt.Context, zip: zipIndex, occ: occIndex},
	}
	d.enc.users = make([]userValues, len(ml.Users))
	for i, u := range ml.Users {
		d.enc.users[i] = d.enc.userValues(u)
	}
	d.Off = append(d.Off, 0)
	for s, r := range ml.Ratings {
		d.Idx, d.Off = d.enc.append(d.Idx, d.Off, r.User, r.Item, r.Time)
		if r.Rating >= 4 {
			d.Label[s] = 1
		}
		d.Rating[s] = r.Rating
		d.User[s] = r.User
		d.Item[s] = r.Item
	}
	return d
}

// sampleEncoder turns a (user, movie, time) triple into field values.
type sampleEncoder struct {
	ml       *MovieLens
	context  bool
	zip, occ map[string]int
	// users holds each user's field values, looked up once: encoding a
	// rating is then indexing, not two string-keyed map lookups (which,
	// 100,000 times over, were most of Encode's time in a browser).
	users []userValues
}

// userValues are a user's value indices in the user domain's fields.
type userValues struct{ gender, age, occ, zip int }

func (e *sampleEncoder) userValues(u User) userValues {
	v := userValues{age: ageBucket(u.Age), occ: e.occ[u.Occupation], zip: e.zip[u.Zip[:1]]}
	if u.Gender == "M" {
		v.gender = 1
	}
	return v
}

// append adds one sample's F field ranges to idx/off (CSR, see package doc).
func (e *sampleEncoder) append(idx, off []int32, user, item int32, t int64) ([]int32, []int32) {
	return e.appendValues(idx, off, user, item, e.users[user], e.ml.Movies[item], t)
}

// appendAs is append with the user's and the movie's attributes given (an
// edited sample keeps its ids and changes u or m).
func (e *sampleEncoder) appendAs(idx, off []int32, user, item int32, u User, m Movie, t int64) ([]int32, []int32) {
	return e.appendValues(idx, off, user, item, e.userValues(u), m, t)
}

// appendValues lays out one sample's fields, in Encode's order.
func (e *sampleEncoder) appendValues(idx, off []int32, user, item int32, u userValues, m Movie, t int64) ([]int32, []int32) {
	put := func(v ...int) {
		for _, x := range v {
			if x >= 0 {
				idx = append(idx, int32(x))
			}
		}
		off = append(off, int32(len(idx)))
	}
	put(int(user))
	put(u.gender)
	put(u.age)
	put(u.occ)
	put(u.zip)
	put(int(item))
	put(m.Genres...)
	put(yearBucket(m.Year))
	if e.context {
		if t < 0 { // no timestamp: the context fields are missing
			put()
			put()
		} else {
			tm := time.Unix(t, 0).UTC()
			put(int(tm.Weekday()))
			put(tm.Hour())
		}
	}
	return idx, off
}

// EncodePair encodes user × movie (indices into the source's Users and
// Movies) as one sample: idx holds its value indices and off its F+1
// offsets, starting at 0. t is the Unix time for the context fields, or
// −1 when unknown (they are then missing).
func (d *Encoded) EncodePair(user, item int32, t int64) (idx, off []int32) {
	return d.enc.append(nil, []int32{0}, user, item, t)
}

func indexOf(names []string) map[string]int {
	m := make(map[string]int, len(names))
	for i, n := range names {
		m[n] = i
	}
	return m
}
