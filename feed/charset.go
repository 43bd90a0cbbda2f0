package feed

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// toUTF8 returns an XML document as UTF-8 whatever it was written in, with
// any XML declaration that names another encoding replaced, so encoding/xml
// never converts it a second time.
//
// The encoding is taken, in order, from a byte order mark, from the NUL
// pattern of UTF-16 or UTF-32 text that has none, and from the XML
// declaration. A declaration is not trusted when the bytes disagree with it:
// a document that declares ISO-8859-1 but is valid UTF-8 with non-ASCII
// characters in it is UTF-8 (a common publishing mistake), and an unknown
// label is ignored. Undeclared bytes (or bytes declared UTF-8) that are not
// valid UTF-8 are read as windows-1252, unless most of their non-ASCII bytes
// are UTF-8, when only the stray bytes are (see undeclaredToUTF8).
//
// The common case (UTF-8, declared so or not at all) returns data itself.
func toUTF8(data []byte) []byte {
	if enc, skip := unicodeEncoding(data); enc != nil {
		decoded, err := enc.NewDecoder().Bytes(data[skip:])
		if err != nil {
			decoded = bytes.ToValidUTF8(data[skip:], nil)
		}
		return withUTF8Declaration(decoded)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	label := declaredEncoding(data)
	enc, name := charset.Lookup(label)
	switch {
	case label == "" || enc == nil || name == "utf-8" || isWideEncoding(name):
		// No usable declaration (a UTF-16 label on 8-bit bytes is wrong too).
		return withUTF8Declaration(undeclaredToUTF8(data))
	case utf8.Valid(data) && hasMultiByteRune(data):
		return withUTF8Declaration(data)
	}
	decoded, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		decoded = bytes.ToValidUTF8(data, nil)
	}
	return withUTF8Declaration(decoded)
}

// unicodeEncoding recognises UTF-16 and UTF-32 by their byte order mark or,
// without one, by where the NUL bytes fall around the first character
// (which in an XML document is '<' or whitespace). skip is the length of
// the mark.
func unicodeEncoding(data []byte) (enc encoding.Encoding, skip int) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), 4
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), 4
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 2
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 2
	}
	if len(data) < 4 {
		return nil, 0
	}
	b0, b1, b2, b3 := data[0] != 0, data[1] != 0, data[2] != 0, data[3] != 0
	switch {
	case b0 && !b1 && !b2 && !b3:
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), 0
	case !b0 && !b1 && !b2 && b3:
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), 0
	case b0 && !b1 && b2 && !b3:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 0
	case !b0 && b1 && !b2 && b3:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 0
	}
	return nil, 0
}

func isWideEncoding(name string) bool {
	return name == "utf-16le" || name == "utf-16be"
}

// undeclaredToUTF8 handles bytes with no trustworthy declared encoding.
//
// Bytes that are not valid UTF-8 are weighed: when the invalid bytes are at
// least as many as the well-formed multi-byte sequences, the document is a
// Western legacy encoding and is read as windows-1252 throughout (the web's
// rule for undeclared Latin text; it is the superset browsers assume for
// ISO-8859-1). Such text does form the odd valid sequence by chance ("é »"
// is E9 A0 BB, a CJK character in UTF-8), so one is no proof of UTF-8.
// Otherwise the document is UTF-8 with stray legacy bytes, which are read
// as windows-1252 one by one, the UTF-8 around them kept.
func undeclaredToUTF8(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	multi, invalid := utf8Evidence(data)
	if invalid >= multi {
		if decoded, err := charmap.Windows1252.NewDecoder().Bytes(data); err == nil {
			return decoded
		}
		return bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	out := make([]byte, 0, len(data)+invalid)
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(data[i]))
		} else {
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	return out
}

// utf8Evidence counts data's well-formed UTF-8 sequences of two or more
// bytes and its bytes that are no part of one.
func utf8Evidence(data []byte) (multi, invalid int) {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			multi++
		}
		i += size
	}
	return multi, invalid
}

// hasMultiByteRune reports whether data holds at least one well-formed
// UTF-8 sequence of two or more bytes.
func hasMultiByteRune(data []byte) bool {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || size > 1 {
			return true
		}
		i += size
	}
	return false
}

// xmlDeclaration returns the bounds of the XML declaration that opens data
// (after any whitespace), or -1, -1.
func xmlDeclaration(data []byte) (start, end int) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(trimmed, []byte("<?xml")) {
		return -1, -1
	}
	start = len(data) - len(trimmed)
	// A declaration is short; don't scan a hostile document for "?>".
	window := trimmed[:min(len(trimmed), 512)]
	n := bytes.Index(window, []byte("?>"))
	if n < 0 {
		return -1, -1
	}
	return start, start + n + 2
}

// declaredEncoding returns the encoding named by data's XML declaration, or "".
func declaredEncoding(data []byte) string {
	start, end := xmlDeclaration(data)
	if start < 0 {
		return ""
	}
	decl := data[start:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	quote := rest[0]
	j := bytes.IndexByte(rest[1:], quote)
	if j < 0 {
		return ""
	}
	return string(rest[1 : 1+j])
}

// withUTF8Declaration returns data with an XML declaration that names an
// encoding other than UTF-8 replaced by a plain one; data is UTF-8 by now.
func withUTF8Declaration(data []byte) []byte {
	label := declaredEncoding(data)
	if label == "" {
		return data
	}
	if _, name := charset.Lookup(label); name == "utf-8" {
		return data
	}
	start, end := xmlDeclaration(data)
	out := make([]byte, 0, len(data)-(end-start)+len(plainDeclaration))
	out = append(out, data[:start]...)
	out = append(out, plainDeclaration...)
	return append(out, data[end:]...)
}

const plainDeclaration = `<?xml version="1.0"?>`
