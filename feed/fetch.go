package feed

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/herald-reader/herald/sanitize"
)

// Fetch defaults. A feed is a small document: a server that needs more than
// a minute for one is treated as down, not waited for.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultTimeout        = 60 * time.Second
	DefaultMaxRedirects   = 10
)

// FetchOptions configure a Fetcher. Zero values take the defaults.
type FetchOptions struct {
	// UserAgent names herald and its version (see UserAgent).
	UserAgent string
	// ConnectTimeout bounds connecting, TLS handshake included.
	ConnectTimeout time.Duration
	// Timeout bounds one whole fetch: connecting, redirects, reading the body.
	Timeout time.Duration
	// MaxSize is the most bytes of a document read, counted after
	// decompression, so a gzip bomb stops there. Default MaxDocumentSize.
	MaxSize int64
	// MaxRedirects is how many redirects one fetch follows.
	MaxRedirects int
	// MaxConnsPerHost bounds the idle connections kept per host (set it to
	// the refresh's per-host limit so each fetch finds one to reuse).
	MaxConnsPerHost int
	// Transport replaces herald's own (tests); nil for the default.
	Transport http.RoundTripper
}

func (o FetchOptions) withDefaults() FetchOptions {
	if o.UserAgent == "" {
		o.UserAgent = UserAgent("")
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxSize <= 0 {
		o.MaxSize = MaxDocumentSize
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.MaxConnsPerHost <= 0 {
		o.MaxConnsPerHost = DefaultPerHost
	}
	return o
}

// UserAgent is the User-Agent herald sends: its name, its version and where
// to read about it, so a server's operator knows who is asking.
func UserAgent(version string) string {
	if version == "" {
		version = "dev"
	}
	return "herald/" + version + " (terminal news reader; +https://github.com/herald-reader/herald)"
}

// Fetcher gets documents over HTTP with herald's limits. It is safe for
// concurrent use; one Fetcher shares its connections across fetches.
type Fetcher struct {
	opts      FetchOptions
	transport http.RoundTripper
}

// NewFetcher returns a Fetcher with opts (zero values: the defaults).
func NewFetcher(opts FetchOptions) *Fetcher {
	opts = opts.withDefaults()
	f := &Fetcher{opts: opts, transport: opts.Transport}
	if f.transport == nil {
		dialer := &net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}
		f.transport = &http.Transport{
			Proxy:               http.ProxyFromEnvironment,
			DialContext:         dialer.DialContext,
			TLSHandshakeTimeout: opts.ConnectTimeout,
			MaxIdleConns:        100,
			MaxIdleConnsPerHost: opts.MaxConnsPerHost,
			IdleConnTimeout:     30 * time.Second,
			ForceAttemptHTTP2:   true,
		}
	}
	return f
}

// CloseIdleConnections closes the connections kept for reuse.
func (f *Fetcher) CloseIdleConnections() {
	if t, ok := f.transport.(interface{ CloseIdleConnections() }); ok {
		t.CloseIdleConnections()
	}
}

// Options returns the fetcher's settings, defaults filled in.
func (f *Fetcher) Options() FetchOptions { return f.opts }

// Request is one conditional GET.
type Request struct {
	URL          string
	ETag         string // sent as If-None-Match when set
	LastModified string // sent as If-Modified-Since when set
}

// Response is a fetched document.
type Response struct {
	// URL is where the document came from, after redirects.
	URL string
	// Moved is the URL to keep in place of the requested one: where the
	// leading run of permanent redirects (301, 308) ended; "" when the first
	// hop was not permanent. A temporary hop (302, 307) stops the run.
	Moved string
	// NotModified is set for a 304: Body is empty and needs no parsing.
	NotModified        bool
	ETag, LastModified string
	ContentType        string
	Body               []byte // decompressed; at most MaxSize bytes
}

// FetchError is why a fetch failed, in one line fit for the user.
type FetchError struct {
	Status     int       // HTTP status, 0 when none was received
	Reason     string    // "HTTP 404 Not Found", "connection refused", ...
	RetryAfter time.Time // when a 429 or 503 asked to be tried again; else zero
}

func (e *FetchError) Error() string { return e.Reason }

func fetchErr(format string, args ...any) *FetchError {
	return &FetchError{Reason: sanitize.Line(fmt.Sprintf(format, args...))}
}

var (
	errRedirectLoop    = errors.New("redirect loop")
	errTooManyRedirect = errors.New("too many redirects")
)

// Get fetches req.URL: http and https only, at most MaxRedirects redirects
// (a loop is an error), the whole fetch within Timeout, the body read up to
// MaxSize after decompression. A status other than 2xx or 304 is an error.
// Errors are *FetchError.
func (f *Fetcher) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := checkFetchURL(req.URL)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fetchErr("%v", err)
	}
	hr.Header.Set("User-Agent", f.opts.UserAgent)
	hr.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5")
	if req.ETag != "" {
		hr.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hr.Header.Set("If-Modified-Since", req.LastModified)
	}
	var rd redirects
	client := &http.Client{Transport: f.transport, CheckRedirect: rd.check(f.opts.MaxRedirects)}
	resp, err := client.Do(hr)
	if err != nil {
		return nil, f.describe(ctx, err)
	}
	defer resp.Body.Close()
	out := &Response{
		URL:          resp.Request.URL.String(),
		Moved:        rd.moved,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		ContentType:  resp.Header.Get("Content-Type"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, statusError(resp, time.Now())
	}
	if resp.ContentLength > f.opts.MaxSize {
		return nil, fetchErr("larger than the %s limit (%s)", sizeLabel(f.opts.MaxSize), sizeLabel(resp.ContentLength))
	}
	// The transport asked for gzip and decompresses as it reads, so the
	// cap counts decompressed bytes and a bomb stops at it.
	body, err := readUpTo(resp.Body, f.opts.MaxSize)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, fetchErr("larger than the %s limit", sizeLabel(f.opts.MaxSize))
		}
		return nil, f.describe(ctx, err)
	}
	out.Body = decodeByHeader(body, out.ContentType)
	return out, nil
}

// checkFetchURL accepts absolute http and https URLs only.
func checkFetchURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fetchErr("not a valid URL")
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, fetchErr("not an absolute URL (it needs http:// or https://)")
	default:
		return nil, fetchErr("%s: URLs cannot be fetched (only http and https)", strings.ToLower(u.Scheme))
	}
	if u.Host == "" {
		return nil, fetchErr("no host in URL")
	}
	return u, nil
}

// redirects follows one fetch's redirects.
type redirects struct {
	moved     string
	permanent bool // every hop so far was permanent
}

func (rd *redirects) check(max int) func(*http.Request, []*http.Request) error {
	rd.permanent = true
	return func(req *http.Request, via []*http.Request) error {
		next := req.URL.String()
		for _, v := range via {
			if v.URL.String() == next {
				return errRedirectLoop
			}
		}
		if len(via) > max {
			return errTooManyRedirect
		}
		if rd.permanent && req.Response != nil {
			switch req.Response.StatusCode {
			case http.StatusMovedPermanently, http.StatusPermanentRedirect:
				rd.moved = next
			default:
				rd.permanent = false
			}
		}
		return nil
	}
}

// statusError describes a response that is not a document.
func statusError(resp *http.Response, now time.Time) *FetchError {
	e := &FetchError{Status: resp.StatusCode}
	text := http.StatusText(resp.StatusCode)
	if text == "" {
		text = "unknown status"
	}
	e.Reason = fmt.Sprintf("HTTP %d %s", resp.StatusCode, text)
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		if t, ok := parseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
			e.RetryAfter = t
			e.Reason += "; asked to wait until " + t.Local().Format("2006-01-02 15:04")
		}
	case http.StatusGone:
		e.Reason += ": the feed is gone (herald rm unsubscribes)"
	}
	return e
}

// maxRetryAfter bounds how long a server can hold a feed off.
const maxRetryAfter = 7 * 24 * time.Hour

// parseRetryAfter reads a Retry-After value: seconds, or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	var t time.Time
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return time.Time{}, false
		}
		t = now.Add(time.Duration(min(secs, int64(maxRetryAfter/time.Second))) * time.Second)
	} else if d, err := http.ParseTime(v); err == nil {
		t = d
	} else {
		return time.Time{}, false
	}
	if !t.After(now) {
		return time.Time{}, false
	}
	if t.After(now.Add(maxRetryAfter)) {
		t = now.Add(maxRetryAfter)
	}
	return t.Truncate(time.Second), true
}

// readUpTo reads r to the end, failing with errTooLarge past max bytes and
// reading no further than one byte past it.
func readUpTo(r io.Reader, max int64) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(r, max+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > max {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}

func sizeLabel(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// decodeByHeader converts a document to UTF-8 by the charset its
// Content-Type names, but only when the document does not say for itself
// (no byte order mark, no XML declaration naming an encoding) and is not
// valid UTF-8 already. Servers often name the wrong charset; the document's
// own word and its bytes are the better witnesses (the parsers take it from
// there).
func decodeByHeader(body []byte, contentType string) []byte {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil || params["charset"] == "" {
		return body
	}
	if enc, _ := unicodeEncoding(body); enc != nil || utf8.Valid(body) {
		return body
	}
	if declaredEncoding(bytes.TrimPrefix(body, utf8BOM)) != "" {
		return body
	}
	enc, name := charset.Lookup(params["charset"])
	if enc == nil || name == "utf-8" || isWideEncoding(name) {
		return body
	}
	decoded, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return decoded
}

// describe turns a transport error into a FetchError the user can act on.
func (f *Fetcher) describe(ctx context.Context, err error) *FetchError {
	var fe *FetchError
	if errors.As(err, &fe) {
		return fe
	}
	var dnsErr *net.DNSError
	var verifyErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidCert x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var netErr net.Error
	switch {
	case errors.Is(err, errRedirectLoop):
		return fetchErr("redirect loop")
	case errors.Is(err, errTooManyRedirect):
		return fetchErr("stopped after %d redirects", f.opts.MaxRedirects)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fetchErr("timed out after %v", f.opts.Timeout)
	case errors.Is(err, context.Canceled):
		return fetchErr("canceled")
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return fetchErr("host not found: %s", dnsErr.Name)
		}
		return fetchErr("cannot look up host %s: %s", dnsErr.Name, dnsErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fetchErr("connection refused")
	case errors.Is(err, syscall.ECONNRESET):
		return fetchErr("connection reset by the server")
	case errors.As(err, &unknownCA):
		return fetchErr("TLS error: certificate signed by an unknown authority")
	case errors.As(err, &hostErr):
		return fetchErr("TLS error: certificate is not valid for %s", hostErr.Host)
	case errors.As(err, &invalidCert):
		return fetchErr("TLS error: %v", invalidCert)
	case errors.As(err, &verifyErr):
		return fetchErr("TLS error: %v", verifyErr.Err)
	case errors.As(err, &recordErr):
		return fetchErr("TLS error: the server did not answer in TLS")
	case errors.As(err, &netErr) && netErr.Timeout():
		return fetchErr("timed out connecting")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fetchErr("the server closed the connection mid-document")
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fetchErr("%v", err)
}
