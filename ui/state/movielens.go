package state

// MovieLens-100k's vocabularies the what-if offers (u.occupation and
// u.genre). The engine checks every edit against its own vocabulary and
// names the field of one it cannot encode, so a list here that drifted
// from the data would show as a refused edit, not a wrong number.
var (
	Occupations = []string{"administrator", "artist", "doctor", "educator", "engineer", "entertainment", "executive",
		"healthcare", "homemaker", "lawyer", "librarian", "marketing", "none", "other", "programmer", "retired",
		"salesman", "scientist", "student", "technician", "writer"}
	Genres = []string{"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
		"Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"}
)
