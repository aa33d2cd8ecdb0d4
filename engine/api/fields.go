package api

// The loaded data's fields and the values each can take, in the order the
// model's schema has them:
//
//	GET /api/fields[?names=occupation,genres]   → FieldValues (409 without data)
//
// The page's what-if offers these lists (an occupation, genres) instead of
// keeping its own copy of MovieLens's vocabularies, so they are the ones
// the engine encodes. Without names every field is listed: user_id and
// movie_id have one value per user and movie (943 and 1,682 on
// MovieLens-100k).

// PathFields is the route.
const PathFields = "/api/fields"

// FieldValues lists fields with their vocabularies.
type FieldValues struct {
	Fields []FieldVocabulary `json:"fields"`
}

// FieldVocabulary is one categorical field.
type FieldVocabulary struct {
	Name   string   `json:"name"`   // e.g. "occupation"
	Domain string   `json:"domain"` // user, item or context (the data's, before any grouping)
	Multi  bool     `json:"multi"`  // several values per sample (genres)
	Values []string `json:"values"` // a value's index here is its feature index
}
