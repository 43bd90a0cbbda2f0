package feed

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
)

// MaxDocumentSize is the most Parse, ParseOPML and ParseArticleFile read of
// one document, before and after gzip decompression. A bigger document is
// refused rather than read into memory without bound.
const MaxDocumentSize = 64 << 20

var gzipMagic = []byte{0x1f, 0x8b}

// errTooLarge and errBadGzip are reasons, wrapped into a ParseError by the
// caller, which knows the source.
var (
	errTooLarge = fmt.Errorf("larger than the %d MiB limit", MaxDocumentSize>>20)
	errBadGzip  = errors.New("corrupt gzip data")
)

// readDocument reads all of r, up to MaxDocumentSize, and gunzips it when it
// starts with the gzip magic bytes: servers and files sometimes hand over a
// compressed feed without saying so.
func readDocument(r io.Reader) ([]byte, error) {
	data, err := readCapped(r)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, gzipMagic) {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, errBadGzip
	}
	data, err = readCapped(zr)
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, errBadGzip
	}
	return data, err
}

// readCapped reads r to the end, failing with errTooLarge past MaxDocumentSize.
func readCapped(r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	// A reader that knows its length (bytes.Reader, strings.Reader) is read
	// into one allocation instead of a doubling series of them.
	// A file says its length too; its content is read the same way.
	switch sized := r.(type) {
	case interface{ Len() int }:
		buf.Grow(min(sized.Len(), MaxDocumentSize) + bytes.MinRead)
	case interface{ Stat() (os.FileInfo, error) }:
		if fi, err := sized.Stat(); err == nil && fi.Mode().IsRegular() {
			buf.Grow(int(min(fi.Size(), MaxDocumentSize)) + bytes.MinRead)
		}
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, MaxDocumentSize+1)); err != nil {
		return nil, err
	}
	if buf.Len() > MaxDocumentSize {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}

// isBlank reports whether data holds nothing but whitespace (and perhaps a
// UTF-8 byte order mark).
func isBlank(data []byte) bool {
	return len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0
}

// binarySampleSize is how much of a document looksBinary inspects.
const binarySampleSize = 4096

// looksBinary reports whether data is not text at all: it holds NUL bytes,
// or more than one byte in ten of its start is a control character. Text in
// UTF-16 or UTF-32 must be converted before asking.
func looksBinary(data []byte) bool {
	sample := data
	if len(sample) > binarySampleSize {
		sample = sample[:binarySampleSize]
	}
	if bytes.IndexByte(sample, 0) >= 0 {
		return true
	}
	controls := 0
	for _, c := range sample {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			controls++
		}
	}
	return controls*10 > len(sample)
}
