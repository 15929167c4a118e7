/*
 * tim-kiem-chuan.js – the search index's normalisation in the browser:
 * the same atoms, exact and folded forms as cchc's generator/searchnorm.c
 * (docs/search.md, "Normalisation"), and the index's small formats (bucket
 * and shard names, postings).  Defines the global `cchcNorm`:
 *
 *   tokens(text)     [{exact, fold, pos, joined}], as snorm_tokens()
 *   fold(word)       the folded form of one word, as snorm_fold()
 *   fnv1a(str)       FNV-1a 32-bit of the UTF-8 bytes (unsigned)
 *   bucketOf(t, nb)  the postings bucket's name for term t (nb buckets)
 *   shardOf(t, ns)   the dictionary shard's name for term t (ns shards)
 *   decode(p)        a postings string: sorted Int32Array of document ids
 *
 * A browser without Unicode property escapes in regular expressions
 * (before 2018) gets no `cchcNorm`: the page then says search needs a
 * newer browser.  Also a CommonJS module, for the tests under node.
 */
(function (root) {
	"use strict";
	var WORD = "[\\p{L}\\p{M}\\p{Nd}]";
	var compound, mark;
	try {
		/* Atoms joined each by exactly one . / - */
		compound = new RegExp(WORD + "+(?:[./-]" + WORD + "+)*", "gu");
		mark = new RegExp("\\p{M}", "gu");
	} catch (e) {
		return;
	}
	if (!"".normalize) {
		return;
	}
	var MAXTERM = 40;	/* folded atoms longer than this are dropped */

	/* UTF-8 bytes of s (a surrogate pair is 4). */
	function utf8len(s) {
		var n = 0, i, c;
		for (i = 0; i < s.length; i++) {
			c = s.charCodeAt(i);
			n += c < 0x80 ? 1 : c < 0x800 ? 2 : (c & 0xfc00) === 0xd800 ? 4 :
				(c & 0xfc00) === 0xdc00 ? 0 : 3;
		}
		return n;
	}

	/*
	 * Simple case mapping, code point by code point, as utf8proc_tolower:
	 * toLowerCase() alone turns İ into i + U+0307 and Σ into ς at a word's
	 * end; every other difference is locale-specific, which it does not do.
	 */
	function lower(s) {
		return s.replace(/[\u0130\u03a3]/g, function (c) {
			return c === "\u0130" ? "i" : "\u03c3";
		}).toLowerCase();
	}

	/* The i/y rule: kí/ký, quí/quý, mĩ/mỹ are one word; thủy, tay, ý stay. */
	function iy(f) {
		var n = f.length;
		if (n < 2 || f.charAt(n - 1) !== "y" || !/^[a-z]+$/.test(f)) {
			return f;
		}
		if ("aeiouy".indexOf(f.charAt(n - 2)) < 0 || f.slice(-3) === "quy") {
			return f.slice(0, -1) + "i";
		}
		return f;
	}

	/* The folded form of a lower-cased word. */
	function foldLower(e) {
		if (/[^\x00-\x7f]/.test(e)) {
			e = e.normalize("NFD").replace(mark, "").replace(/\u0111/g, "d");
		}
		return iy(e);
	}

	function fold(word) {
		return foldLower(lower(word == null ? "" : String(word)));
	}

	function tokens(text) {
		var out = [], pos = 0, m, atoms, i, e, f, je, jf, first;
		var t = (text == null ? "" : String(text)).normalize("NFC");
		compound.lastIndex = 0;
		while ((m = compound.exec(t)) !== null) {
			atoms = m[0].split(/[./-]/);
			first = pos;
			je = "";
			jf = "";
			for (i = 0; i < atoms.length; i++) {
				e = lower(atoms[i]);
				f = foldLower(e);
				je += e;
				jf += f;
				/* A dropped atom keeps its position: no phrase across it. */
				if (f !== "" && utf8len(f) <= MAXTERM) {
					out.push({ exact: e, fold: f, pos: pos, joined: false });
				}
				pos++;
			}
			if (atoms.length > 1 && jf !== "" && utf8len(jf) <= MAXTERM) {
				out.push({ exact: je, fold: jf, pos: first, joined: true });
			}
		}
		return out;
	}

	/* The UTF-8 bytes of s. */
	function utf8(s) {
		var b = [], i, c;
		for (i = 0; i < s.length; i++) {
			c = s.codePointAt(i);
			if (c > 0xffff) {
				i++;
			}
			if (c < 0x80) {
				b.push(c);
			} else if (c < 0x800) {
				b.push(0xc0 | c >> 6, 0x80 | c & 63);
			} else if (c < 0x10000) {
				b.push(0xe0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63);
			} else {
				b.push(0xf0 | c >> 18, 0x80 | c >> 12 & 63,
					0x80 | c >> 6 & 63, 0x80 | c & 63);
			}
		}
		return b;
	}

	/* FNV-1a 32-bit of the first n bytes of b. */
	function fnv1aBytes(b, n) {
		var h = 0x811c9dc5, i;
		for (i = 0; i < n; i++) {
			h = Math.imul(h ^ b[i], 0x01000193);
		}
		return h >>> 0;
	}

	function fnv1a(s) {
		var b = utf8(String(s));
		return fnv1aBytes(b, b.length);
	}

	/* h & (n - 1) in lower-case hex, as wide as n - 1's ("0a" of 256). */
	function hexName(h, n) {
		if (!(n >= 1)) {
			throw new TypeError("cchcNorm: a count of buckets or shards is needed");
		}
		var w = (n - 1).toString(16).length;
		var s = ((h & (n - 1)) >>> 0).toString(16);
		while (s.length < w) {
			s = "0" + s;
		}
		return s;
	}

	/* The postings bucket of a term: nb from the root. */
	function bucketOf(term, nb) {
		return hexName(fnv1a(term), nb);
	}

	/*
	 * The dictionary shard of a term (or of a prefix: every term sharing
	 * its first two bytes is in it): ns from the root.
	 */
	function shardOf(term, ns) {
		var b = utf8(String(term));
		return hexName(fnv1aBytes(b, Math.min(b.length, 2)), ns);
	}

	var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	var b64val = new Int8Array(128).fill(-1);
	(function () {
		for (var i = 0; i < 64; i++) {
			b64val[B64.charCodeAt(i)] = i;
		}
	})();

	/* Standard base64 without padding (any "=" ignored) to bytes.  A
	   table by char code, not an object by character: the page decodes
	   postings of thousands of ids on every key. */
	function unbase64(s) {
		var out = new Uint8Array(Math.floor(s.length * 3 / 4)), n = 0;
		var acc = 0, bits = 0, i, c, v;
		for (i = 0; i < s.length; i++) {
			c = s.charCodeAt(i);
			v = c < 128 ? b64val[c] : -1;
			if (v < 0) {
				continue;
			}
			acc = (acc << 6 | v) & 0xffffff;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				out[n++] = acc >> bits & 255;
			}
		}
		return out.subarray(0, n);
	}

	/*
	 * A postings string: "" none; "v" + LEB128 gaps (the first is the
	 * first id + 1); "b" + a bitmap (bit i: byte i >> 3, mask 1 << (i & 7)).
	 */
	function decode(p) {
		var b, i, k, n = 0, id = -1, gap, mul, out;
		p = p || "";
		b = unbase64(p.slice(1));
		if (p.charAt(0) === "v") {
			out = new Int32Array(b.length);	/* a gap takes a byte or more */
			for (i = 0; i < b.length;) {
				gap = 0;
				mul = 1;
				do {
					k = b[i++];
					gap += (k & 127) * mul;
					mul *= 128;
				} while (k & 128 && i < b.length);
				id += gap;
				out[n++] = id;
			}
		} else if (p.charAt(0) === "b") {
			out = new Int32Array(b.length * 8);
			for (i = 0; i < b.length; i++) {
				for (k = b[i]; k !== 0; k &= k - 1) {
					out[n++] = i * 8 + (31 - Math.clz32(k & -k));
				}
			}
		} else {
			return new Int32Array(0);
		}
		return out.slice(0, n);
	}

	var api = {
		tokens: tokens,
		fold: fold,
		fnv1a: fnv1a,
		bucketOf: bucketOf,
		shardOf: shardOf,
		decode: decode
	};
	root.cchcNorm = api;
	if (typeof module === "object" && module.exports) {
		module.exports = api;
	}
})(typeof window !== "undefined" ? window : this);
