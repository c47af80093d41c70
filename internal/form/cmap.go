package form

import (
	"encoding/binary"
	"errors"
	"sync"
)

// covered is the set of runes both embedded font styles have a glyph for,
// read once from the fonts' cmap tables; nfc replaces any other rune so that
// no text prints as an empty box.
var covered = sync.OnceValue(func() map[rune]bool {
	var out map[rune]bool
	for _, f := range [][]byte{fontRegular, fontBold} {
		m, err := cmapRunes(f)
		if err != nil {
			panic("form: embedded font: " + err.Error())
		}
		if out == nil {
			out = m
			continue
		}
		for r := range out {
			if !m[r] {
				delete(out, r)
			}
		}
	}
	return out
})

// errCmap is returned for a font without a usable Unicode cmap.
var errCmap = errors.New("no Unicode cmap (format 4 or 12)")

// cmapRunes returns the runes a TrueType font maps to a glyph other than
// .notdef, from its Unicode cmap subtable (format 12 preferred, else 4). It
// returns errCmap, or an error for a truncated font.
func cmapRunes(ttf []byte) (map[rune]bool, error) {
	be := binary.BigEndian
	if len(ttf) < 12 {
		return nil, errors.New("truncated font")
	}
	var cmap []byte
	n := int(be.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, errors.New("truncated table directory")
		}
		if string(ttf[rec:rec+4]) == "cmap" {
			off, l := int(be.Uint32(ttf[rec+8:])), int(be.Uint32(ttf[rec+12:]))
			if off+l > len(ttf) {
				return nil, errors.New("truncated cmap")
			}
			cmap = ttf[off : off+l]
		}
	}
	if len(cmap) < 4 {
		return nil, errCmap
	}
	var f4, f12 []byte
	for i := range int(be.Uint16(cmap[2:])) {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		pid, eid, off := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:]), int(be.Uint32(cmap[rec+4:]))
		if off+2 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		switch format := be.Uint16(sub); {
		case format == 12 && (pid == 3 && eid == 10 || pid == 0):
			f12 = sub
		case format == 4 && (pid == 3 && eid == 1 || pid == 0):
			f4 = sub
		}
	}
	out := map[rune]bool{}
	switch {
	case len(f12) >= 16:
		groups := int(be.Uint32(f12[12:]))
		for g := range groups {
			p := 16 + 12*g
			if p+12 > len(f12) {
				return nil, errors.New("truncated cmap format 12")
			}
			start, end, glyph := be.Uint32(f12[p:]), be.Uint32(f12[p+4:]), be.Uint32(f12[p+8:])
			for c := start; c <= end && c <= 0x10FFFF; c++ {
				if glyph+(c-start) != 0 {
					out[rune(c)] = true
				}
			}
		}
	case len(f4) >= 14:
		seg := int(be.Uint16(f4[6:])) / 2
		ends, starts, deltas, ranges := 14, 14+2*seg+2, 14+4*seg+2, 14+6*seg+2
		if ranges+2*seg > len(f4) {
			return nil, errors.New("truncated cmap format 4")
		}
		for s := range seg {
			end, start := int(be.Uint16(f4[ends+2*s:])), int(be.Uint16(f4[starts+2*s:]))
			delta, ro := be.Uint16(f4[deltas+2*s:]), int(be.Uint16(f4[ranges+2*s:]))
			for c := start; c <= end && c != 0xFFFF; c++ {
				var glyph uint16
				if ro == 0 {
					glyph = uint16(c) + delta
				} else {
					p := ranges + 2*s + ro + 2*(c-start)
					if p+2 > len(f4) {
						return nil, errors.New("truncated cmap format 4 glyph array")
					}
					if glyph = be.Uint16(f4[p:]); glyph != 0 {
						glyph += delta
					}
				}
				if glyph != 0 {
					out[rune(c)] = true
				}
			}
		}
	default:
		return nil, errCmap
	}
	return out, nil
}
