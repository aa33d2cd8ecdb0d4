package datasets

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync"
)

// What a dataset may be, so that no input makes the loader allocate without
// bound (in a browser an out-of-memory error kills the engine worker). The
// largest supported file, MovieLens-1M's ratings.dat, is 24 MB; the official
// ml-100k.zip holds 24 entries and 16 MB uncompressed.
const (
	MaxFileBytes    = 64 << 20  // one file, after decompression
	MaxDatasetBytes = 256 << 20 // everything one dataset's loader reads
	MaxZipEntries   = 1000      // entries in an archive
	MaxCSVLineBytes = 64 << 10  // one physical line of a CSV file
)

// ErrTooLarge is wrapped by every error about an input over a limit.
var ErrTooLarge = errors.New("is larger than this program reads")

// boundedFS reads files of fs through the limits: each file's declared size
// is checked before anything is allocated, the read stops one byte past
// MaxFileBytes (a zip entry may lie about its size), and the total read is
// kept under MaxDatasetBytes. label names the source in errors
// ("ml-100k.zip: entry u.data is corrupt: …").
type boundedFS struct {
	fs.FS
	label string

	mu   sync.Mutex
	read int64 // bytes read so far
}

func (b *boundedFS) ReadFile(name string) ([]byte, error) {
	f, err := b.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, b.corrupt(name, err)
	}
	if st.Size() > MaxFileBytes {
		return nil, tooLarge(st.Size())
	}
	b.mu.Lock()
	if b.read+st.Size() > MaxDatasetBytes {
		b.mu.Unlock()
		return nil, fmt.Errorf("with the files read before it, more than the %d MB a dataset may be in all (%w)", MaxDatasetBytes>>20, ErrTooLarge)
	}
	b.read += st.Size()
	b.mu.Unlock()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			// What archive/zip says of an entry that inflates past its declared size.
			return nil, b.corrupt(name, fmt.Errorf("it does not inflate to the %d bytes its header declares (%w)", st.Size(), err))
		}
		return nil, b.corrupt(name, err)
	}
	if int64(len(data)) > MaxFileBytes {
		return nil, tooLarge(int64(len(data)))
	}
	if int64(len(data)) != st.Size() {
		return nil, b.corrupt(name, fmt.Errorf("%d bytes, its header says %d", len(data), st.Size()))
	}
	return data, nil
}

func (b *boundedFS) corrupt(name string, err error) error {
	return fmt.Errorf("%s: entry %s is corrupt: %w", b.label, name, err)
}

func tooLarge(size int64) error {
	return fmt.Errorf("%d bytes, more than the %d MB a dataset file may be (%w)", size, MaxFileBytes>>20, ErrTooLarge)
}
