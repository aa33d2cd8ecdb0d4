package datasets

import (
	"errors"
	"os"
	"path/filepath"
)

// CacheDir is the git-ignored folder where `./build.sh data` puts the
// verified MovieLens-100k files, relative to the repository root.
const CacheDir = "datasets/ml-100k"

// EnvData names the environment variable that points at the data.
const EnvData = "FLSEST_DATA"

// ErrNoData means no MovieLens-100k copy was found.
var ErrNoData = errors.New("no MovieLens-100k found: pass -data DIR|ZIP, set FLSEST_DATA, or run ./build.sh data to download the official zip (GroupLens, sha256-checked)")

// Locate finds MovieLens-100k: flag (if not empty), then $FLSEST_DATA, then
// the cache (datasets/ml-100k, or datasets/ml-100k.zip) under root. It
// returns the path and where it came from ("flag", "env", "cache").
func Locate(flag, root string) (path, from string, err error) {
	if flag != "" {
		return flag, "flag", nil
	}
	if env := os.Getenv(EnvData); env != "" {
		return env, "env " + EnvData, nil
	}
	for _, p := range []string{CacheDir, CacheDir + ".zip"} {
		p = filepath.Join(root, p)
		if _, err := os.Stat(p); err == nil {
			return p, "cache", nil
		}
	}
	return "", "", ErrNoData
}
