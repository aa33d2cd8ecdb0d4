package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/flsest/flsest/datasets"
)

// The official download (GroupLens; the files' sha256 are committed in
// datasets/ml-100k.sha256 and checked after extraction).
const groupLensURL = "https://files.grouplens.org/datasets/movielens/ml-100k.zip"

func runData(args []string) error {
	fl := flag.NewFlagSet("data", flag.ContinueOnError)
	dataPath := fl.String("data", "", "MovieLens-100k directory or zip (default: $FLSEST_DATA, then the cache "+datasets.CacheDir+")")
	fetch := fl.Bool("fetch", false, "download the official ml-100k.zip into the cache if no copy is found, and verify it")
	url := fl.String("url", groupLensURL, "download address for -fetch")
	verify := fl.Bool("verify", false, "check every file against the official sha256 list")
	synthetic := fl.String("synthetic", "", "instead: write a synthetic MovieLens-shaped dataset (ml-100k's file format, a planted signal) into this directory")
	users := fl.Int("users", 6040, "-synthetic: users (default: MovieLens-1M's)")
	movies := fl.Int("movies", 3706, "-synthetic: movies")
	ratings := fl.Int("ratings", 1000209, "-synthetic: ratings")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if *synthetic != "" {
		return writeSynthetic(*synthetic, *users, *movies, *ratings)
	}
	path, from, err := datasets.Locate(*dataPath, ".")
	if err != nil && *fetch {
		if err := download(*url); err != nil {
			return err
		}
		path, from, err = datasets.Locate("", ".")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "MovieLens-100k: %s (from %s)\n", path, from)
	if *verify || *fetch {
		fsys, err := datasets.Open(path)
		if err != nil {
			return err
		}
		if err := datasets.VerifyMovieLens100K(fsys); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fmt.Fprintln(os.Stderr, "every file matches the official sha256")
	}
	ml, err := datasets.LoadMovieLens100KFrom(path)
	if err != nil {
		return err
	}
	fmt.Printf("%s\n", path)
	fmt.Fprintf(os.Stderr, "%d users, %d movies, %d ratings\n", len(ml.Users), len(ml.Movies), len(ml.Ratings))
	return nil
}

// download fetches the zip, checks every extracted file's sha256, and only
// then writes the cache: a failed or altered download leaves nothing behind.
func download(url string) error {
	fmt.Fprintf(os.Stderr, "downloading %s …\n", url)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("download %s: %w (no network? pass -data DIR|ZIP or set FLSEST_DATA)", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("download %s: %s", url, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("download %s: %w", url, err)
	}
	sum := sha256.Sum256(b)
	fmt.Fprintf(os.Stderr, "%d bytes, sha256 %s\n", len(b), hex.EncodeToString(sum[:]))
	fsys, err := datasets.OpenZip("ml-100k.zip", b)
	if err != nil {
		return err
	}
	if err := datasets.VerifyMovieLens100K(fsys); err != nil {
		return fmt.Errorf("downloaded file: %w", err)
	}
	files := map[string][]byte{}
	for name := range datasets.MovieLens100KSums() {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue // listed but optional (the split files)
		}
		files[name] = data
	}
	if err := datasets.WriteDir(datasets.CacheDir, files); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(datasets.CacheDir), "ml-100k.zip"), b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "verified %d files into %s\n", len(files), datasets.CacheDir)
	return nil
}

// writeSynthetic writes a generated dataset of the given size, for speed
// measurements at sizes the shared data does not have (MovieLens-1M's
// shape without its files).
func writeSynthetic(dir string, users, movies, ratings int) error {
	if users < 1 || movies < 1 || ratings < 1 || ratings > users*movies {
		return fmt.Errorf("-synthetic: %d ratings of %d users × %d movies is not possible", ratings, users, movies)
	}
	s := datasets.NewSynthetic(datasets.SyntheticOptions{Users: users, Movies: movies, Ratings: ratings, Seed: 1})
	if err := datasets.WriteDir(dir, s.MovieLens100KFiles()); err != nil {
		return err
	}
	fmt.Printf("%s\n", dir)
	fmt.Fprintf(os.Stderr, "synthetic: %d users, %d movies, %d ratings in %s\n", users, movies, ratings, dir)
	return nil
}
