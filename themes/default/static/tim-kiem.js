/*
 * tim-kiem.js – reads the search index cchc writes under tim-kiem/chi-muc/
 * (docs/search.md is the contract) and, on the search page (tim-kiem/),
 * shows the results.  Needs tim-kiem-chuan.js (window.cchcNorm, the same
 * normalisation as the index) loaded before it.
 *
 * The index files are JavaScript that call window.cchcSearch.{root, dict,
 * bucket, doc}: loaded with <script> elements, not fetch(), so that the
 * section also works opened from disk (file://).  Each file is loaded
 * once; later queries reuse it, and a query waiting for a file that is
 * still loading waits for that same load.
 *
 * Other scripts (loc-thu-tuc.js) use the engine through
 * window.cchcTimKiem.query(text) -> Promise of a result (see query()).
 * The <script> element carries data-chi-muc (the index's folder) and
 * data-goc (the section's root), both relative to the page.
 *
 * Every text from the index goes into the page with textContent.
 */
(function () {
	"use strict";
	var N = window.cchcNorm;
	var me = document.currentScript;
	if (!N || !me || !window.Promise || !window.URLSearchParams) {
		/* tim-kiem-chuan.js defines no cchcNorm in a browser without
		   Unicode regular expressions (before 2018). */
		var st = document.getElementById("cchc_tk-trang-thai");
		if (st) {
			st.textContent = "Trình duyệt này quá cũ nên không tìm kiếm được. Xin dùng bản mới của Chrome, Firefox, Edge hoặc Safari.";
		}
		return;
	}
	var BASE = me.getAttribute("data-chi-muc") || "tim-kiem/chi-muc/";
	var ROOT = me.getAttribute("data-goc") || "";
	var TYPES = ["Tin tức", "Kế hoạch", "Thủ tục hành chính", "Trang"];
	var NO_YEAR = 63;

	/* ---------- Loading the index files ---------- */

	var files = {};		/* name -> {done, val, waits} */

	function settle(name, val) {
		var f = files[name];
		if (!f || f.done) {
			return;
		}
		f.done = true;
		f.val = val;
		f.waits.forEach(function (cb) { cb(val); });
		f.waits = null;
	}

	function viaScript(name) {
		var s = document.createElement("script");
		s.src = BASE + name + ".js";
		s.async = true;
		s.onload = s.onerror = function () {
			settle(name, null);	/* no-op when it called back */
			s.parentNode.removeChild(s);
		};
		document.head.appendChild(s);
	}

	/* Over HTTP: the same bytes with fetch(), their call made here
	   (`cchcSearch.<kind>(` JSON arguments `)`): no script element to
	   insert, compile and schedule (an inserted one ran 3-68 ms after
	   its bytes were in on the bench machine; fetch()ed, 2-62 ms: see
	   bench/README.md "Search"), and fetch() asks at high priority.
	   The same callbacks as a script's, so the same values.  A refused
	   fetch (a policy) falls back to the script; a missing or broken
	   file is null, as a script's onerror. */
	var CALL = /^cchcSearch\.(root|dict|bucket|doc)\(/;
	function viaFetch(name) {
		fetch(BASE + name + ".js").then(function (r) {
			if (!r.ok) {
				settle(name, null);
				return;
			}
			return r.text().then(function (t) {
				var m = CALL.exec(t), end = t.lastIndexOf(")");
				try {
					if (m && end >= m[0].length) {
						window.cchcSearch[m[1]].apply(null,
						    JSON.parse("[" + t.slice(m[0].length, end) + "]"));
					}
				} catch (e) {
					/* broken: null below */
				}
				settle(name, null);	/* no-op when it called back */
			}, function () {
				settle(name, null);
			});
		}, function () {
			viaScript(name);
		});
	}
	var FETCH = location.protocol !== "file:" && typeof window.fetch === "function";

	/* The file's value (what it passed to cchcSearch), null if it is
	   missing or broken: a missing shard or bucket holds no term. */
	function load(name) {
		return new Promise(function (resolve) {
			var f = files[name];
			if (f) {
				if (f.done) {
					resolve(f.val);
				} else {
					f.waits.push(resolve);
				}
				return;
			}
			files[name] = { done: false, val: null, waits: [resolve] };
			if (FETCH) {
				viaFetch(name);
			} else {
				viaScript(name);
			}
		});
	}

	window.cchcSearch = {
		root: function (v) { settle("goc", v); },
		dict: function (p, v) { settle("tu/" + p, v); },
		bucket: function (b, v) { settle("ds/" + b, v); },
		doc: function (id, v) { settle("d/" + id, v); }
	};

	var rootP = null;
	var rootVal = null;	/* the root once in: a query starts its loads at once */
	function root() {
		if (!rootP) {
			rootP = load("goc").then(function (r) {
				if (!r || r.v !== 1) {
					throw new Error("chỉ mục tìm kiếm không đọc được");
				}
				var bin = atob(r.meta || "");
				var meta = new Uint8Array(bin.length);
				for (var i = 0; i < bin.length; i++) {
					meta[i] = bin.charCodeAt(i);
				}
				rootVal = { n: r.n, nb: r.nb, ns: r.ns, y0: r.y0, meta: meta };
				return rootVal;
			});
			rootP.catch(function () {	/* a later query tries again */
				rootP = null;
				delete files.goc;
			});
		}
		return rootP;
	}

	function bucketName(term, nb) {
		var b = N.bucketOf(term, nb);
		if (typeof b === "number") {
			var w = (nb - 1).toString(16).length;
			b = b.toString(16);
			while (b.length < w) {
				b = "0" + b;
			}
		}
		return "ds/" + b;
	}

	/* The bucket's entry for term, or null. */
	function entry(term, nb) {
		return load(bucketName(term, nb)).then(function (b) {
			return b && Object.prototype.hasOwnProperty.call(b, term) ?
			    b[term] : null;
		});
	}

	/* ---------- Sets of document ids (sorted Int32Array) ---------- */

	var EMPTY = new Int32Array(0);

	/* Decoded postings by their string: each key of a typed query
	   decodes again most of what the key before it did. */
	var decoded = new Map();
	function decode(p) {
		if (!p) {
			return EMPTY;
		}
		var d = decoded.get(p);
		if (!d) {
			if (decoded.size > 4000) {
				decoded.clear();
			}
			d = N.decode(p);
			decoded.set(p, d);
		}
		return d;
	}

	function and(a, b) {
		var out = new Int32Array(Math.min(a.length, b.length));
		var i = 0, j = 0, k = 0;
		while (i < a.length && j < b.length) {
			if (a[i] < b[j]) {
				i++;
			} else if (a[i] > b[j]) {
				j++;
			} else {
				out[k++] = a[i];
				i++;
				j++;
			}
		}
		return out.subarray(0, k);
	}

	/* The union, through a mark per id: linear.  Nine sets (13,000 ids
	   over 20,000 documents) in node 20: 0.4-0.8 ms, against 2.5-3.6 ms
	   sorting their concatenation. */
	function or(sets) {
		if (sets.length === 1) {
			return sets[0];
		}
		var max = -1, total = 0;
		sets.forEach(function (s) {
			if (s.length) {
				max = Math.max(max, s[s.length - 1]);
				total += s.length;
			}
		});
		var mark = new Uint8Array(max + 1);
		sets.forEach(function (s) {
			for (var i = 0; i < s.length; i++) {
				mark[s[i]] = 1;
			}
		});
		var out = new Int32Array(Math.min(total, max + 1)), k = 0;
		for (var id = 0; id <= max; id++) {
			if (mark[id]) {
				out[k++] = id;
			}
		}
		return out.subarray(0, k);
	}

	/* ---------- The query ---------- */

	/* The query's items: an atom {fold, exact, pos} or a compound
	   {fold (joined), exact, pos, atoms: [atom…]}.  A joined token comes
	   right after its compound's atoms, which are those at or after its
	   position. */
	function parse(text) {
		var items = [];
		N.tokens(text).forEach(function (t) {
			var it = { fold: t.fold, exact: t.exact, pos: t.pos, atoms: null };
			if (t.joined) {
				it.atoms = [];
				while (items.length && !items[items.length - 1].atoms &&
				    items[items.length - 1].pos >= t.pos) {
					it.atoms.unshift(items.pop());
				}
			}
			items.push(it);
		});
		return items;
	}

	/* The up to MAXC most frequent terms of the shard that start with
	   prefix and are in at least as many documents as prefix itself
	   (all of them when prefix is no term).  A prefix that is already
	   a word more frequent than what it could become is most likely
	   that word, and each completion costs a bucket download on every
	   key.  A shard holds whole two-byte prefixes (docs/search.md), so
	   the prefix's shard has them all. */
	var MAXC = 3;
	function completions(prefix, ns) {
		/* A shard holds terms by their first two bytes: a one-byte
		   prefix has no shard of its own (the one named after it
		   holds other prefixes that hash alike), so no completions. */
		if (new TextEncoder().encode(prefix).length < 2) {
			return Promise.resolve([]);
		}
		return load("tu/" + N.shardOf(prefix, ns)).then(function (d) {
			var found = [], own = 0;
			for (var i = 0; d && i + 1 < d.length; i += 2) {
				if (d[i] === prefix) {
					own = d[i + 1];
				} else if (d[i].lastIndexOf(prefix, 0) === 0) {
					found.push({ t: d[i], df: d[i + 1] });
				}
			}
			found = found.filter(function (c) { return c.df >= own; });
			found.sort(function (x, y) {
				return y.df - x.df || (x.t < y.t ? -1 : x.t > y.t ? 1 : 0);
			});
			return found.slice(0, MAXC).map(function (c) { return c.t; });
		});
	}

	/* An item's documents: {P, T, X, terms, known}; X the documents with
	   the typed exact form (null when typed without diacritics), terms
	   the folded terms it stands for (to highlight), known whether the
	   item's own term is in the index.  ix: the root. */
	function resolve(it, prefix, ix) {
		var nb = ix.nb;
		var own = entry(it.fold, nb);	/* beside the shard, not after it */
		var more = prefix ? completions(it.fold, ix.ns) : Promise.resolve([]);
		return more.then(function (extra) {
			var terms = [it.fold].concat(extra);
			return Promise.all([own].concat(extra.map(function (t) {
				return entry(t, nb);
			}))).then(function (es) {
				var P = [], T = [], X = [];
				var wantX = it.exact !== it.fold;
				es.forEach(function (e) {
					if (!e) {
						return;
					}
					var p = decode(e[0]);
					P.push(p);
					T.push(decode(e[1]));
					var ex = e[2] || {};
					Object.keys(ex).forEach(function (k) {
						if (wantX && (k === it.exact ||
						    (prefix && k.lastIndexOf(it.exact, 0) === 0))) {
							X.push(ex[k] === "=" ? p : decode(ex[k]));
						}
					});
				});
				return {
					P: P.length ? or(P) : EMPTY,
					T: T.length ? or(T) : EMPTY,
					X: wantX ? (X.length ? or(X) : EMPTY) : null,
					terms: terms,
					known: es[0] !== null
				};
			});
		});
	}

	/* Items resolved, compounds whose joined form is in no document
	   replaced by their atoms. */
	function resolveAll(items, prefix, ix) {
		var last = items.length - 1;
		return Promise.all(items.map(function (it, i) {
			return resolve(it, prefix && i === last, ix).then(function (r) {
				if (!it.atoms || r.P.length > 0) {
					return [r];
				}
				return Promise.all(it.atoms.map(function (a, j) {
					return resolve(a, prefix && i === last &&
					    j === it.atoms.length - 1, ix);
				}));
			});
		})).then(function (lists) {
			return [].concat.apply([], lists);
		});
	}

	/* The bigrams of the query's atoms at consecutive positions; the last
	   one only when its second atom is a whole word of the index (a
	   prefix being typed makes no bigram yet). */
	function bigrams(items, lastKnown, prefix) {
		var atoms = [];
		items.forEach(function (it) {
			(it.atoms || [it]).forEach(function (a) { atoms.push(a); });
		});
		var out = [];
		for (var i = 1; i < atoms.length; i++) {
			if (atoms[i].pos !== atoms[i - 1].pos + 1) {
				continue;
			}
			if (i === atoms.length - 1 && prefix && !lastKnown) {
				continue;
			}
			out.push(atoms[i - 1].fold + " " + atoms[i].fold);
		}
		return out;
	}

	/* Counts, per document, how many of the sets hold it. */
	function count(n, sets) {
		var c = new Uint8Array(n);
		sets.forEach(function (s) {
			for (var i = 0; i < s.length; i++) {
				if (s[i] < n) {
					c[s[i]]++;
				}
			}
		});
		return c;
	}

	/*
	 * query(text) -> Promise of {ids, meta, y0, terms, score}: ids the
	 * matching documents in rank order (docs/search.md "Queries"),
	 * meta/y0 the root's, terms the folded terms that matched (to
	 * highlight), score(id) of a matching document 4 (every bigram of
	 * the query: the phrase; always for one word) + 2 (every term in
	 * the title) + 1 (every term typed with diacritics in that form).
	 * An empty query gives no ids.  whole: the last word is a word, not
	 * a prefix (a query pasted, not typed), unless the index has no such
	 * word.
	 */
	function query(text, whole) {
		var items = parse(text);
		var prefixable = items.length > 0 && !/\s$/.test(text);
		var prefix = !whole && prefixable;
		/* With the root in, the downloads start before this returns,
		   not a microtask later. */
		if (rootVal) {
			var r0 = rootVal;
			return new Promise(function (ok) { ok(search(r0)); });
		}
		return root().then(search);
		function search(r) {
			var res = { ids: EMPTY, meta: r.meta, y0: r.y0, terms: [],
			    score: function () { return 0; } };
			if (items.length === 0) {
				return res;
			}
			var terms = resolveAll(items, prefix, r);
			/* The bigrams early, beside the terms' buckets (asked for
			   after them: a browser opens 6 connections to a server
			   at most, and the terms are needed first); the last one,
			   whose second word is still being typed, only once that
			   word has two letters (a bigram with a letter is a
			   download for nothing, on every key). */
			var lastAtom = items[items.length - 1];
			lastAtom = lastAtom.atoms ? lastAtom.atoms[lastAtom.atoms.length - 1] : lastAtom;
			var early = bigrams(items, !prefix || lastAtom.fold.length >= 2, prefix);
			early.forEach(function (b) {
				load(bucketName(b, r.nb));
			});
			return terms.then(function (rs) {
				/* A pasted last word the index does not have may
				   be cut short: completed after all, as typed. */
				if (whole && prefixable && !rs[rs.length - 1].known) {
					return query(text, false);
				}
				var m = rs[0].P;
				rs.forEach(function (x) {
					m = and(m, x.P);
					res.terms = res.terms.concat(x.terms);
				});
				if (m.length === 0) {
					return res;
				}
				var bg = bigrams(items, rs[rs.length - 1].known, prefix);
				return Promise.all(bg.map(function (b) {
					return entry(b, r.nb);
				})).then(function (es) {
					rank(res, r.n, m, rs, es);
					return res;
				});
			});
		}
	}

	/* Phrase (every bigram), then every term in the title, then every
	   term typed with diacritics in that form, then newer (higher id). */
	function rank(res, n, m, rs, bigramEntries) {
		var phrase = count(n, bigramEntries.map(function (e) {
			return e ? decode(e[0]) : EMPTY;
		}));
		var title = count(n, rs.map(function (x) { return x.T; }));
		var withX = rs.filter(function (x) { return x.X !== null; });
		var exact = count(n, withX.map(function (x) { return x.X; }));
		var score = new Uint8Array(n);
		var per = [0, 0, 0, 0, 0, 0, 0, 0, 0];
		var i, id;
		for (i = 0; i < m.length; i++) {
			id = m[i];
			score[id] = (phrase[id] === bigramEntries.length ? 4 : 0) +
			    (title[id] === rs.length ? 2 : 0) +
			    (exact[id] === withX.length ? 1 : 0);
			per[score[id]]++;
		}
		/* A counting sort: by score (8 values), then newer first, as m
		   is in id order.  Linear: a comparison sort of 11,000 ids
		   took 10-40 ms of the page's time on the bench. */
		var at = [];
		for (i = 7, id = 0; i >= 0; i--) {
			at[i] = id;
			id += per[i];
		}
		var ids = new Array(m.length);
		for (i = m.length - 1; i >= 0; i--) {
			ids[at[score[m[i]]]++] = m[i];
		}
		res.ids = ids;
		res.score = function (id) { return score[id]; };
	}

	function doc(id) {
		return load("d/" + id);
	}

	window.cchcTimKiem = { query: query, doc: doc, types: TYPES, noYear: NO_YEAR };

	/* ---------- The search page ---------- */

	var list = document.getElementById("cchc-kq");
	var form = document.getElementById("cchc_tk");
	var input = document.getElementById("cchc_tk-o");
	var status = document.getElementById("cchc_tk-trang-thai");
	var filters = document.getElementById("cchc_tk-loc");
	var more = document.getElementById("cchc_tk-them");
	if (!list || !form || !input || !status || !filters || !more) {
		return;
	}
	var PAGE = 10;
	var FIRST = 1;		/* documents loaded at once for a page of results */
	var PAUSE = 150;	/* ms after the last key before the page's other documents load */
	var typeBox = document.getElementById("cchc_tk-loai");
	var yearSel = document.getElementById("cchc_tk-nam");
	var state = { q: null, res: null, type: -1, year: -1, shown: 0, gen: 0, typed: false, lastInput: 0,
	    whole: false };
	/* Input that puts in a whole query at once, not a key: its last word
	   is not being typed, so it is not completed (one wait less). */
	var WHOLE = /^(insertFromPaste|insertFromDrop|insertReplacementText|insertFromYank)$/;

	/* Links: a folder URL gets index.html when the site was built with
	   --links files (its own links end so) or is opened from disk. */
	var home = document.querySelector("a.thuong-hieu");
	var filesMode = location.protocol === "file:" ||
	    (home && /(^|\/)index\.html$/.test(home.getAttribute("href") || ""));
	function href(u) {
		u = u || "";
		if (filesMode && (u === "" || u.charAt(u.length - 1) === "/")) {
			u += "index.html";
		}
		return ROOT + u;
	}

	function typeOf(meta, id) { return meta[id] & 3; }
	function yearOf(meta, y0, id) {
		var y = meta[id] >> 2;
		return y === NO_YEAR ? -1 : y + y0;
	}

	/* The ids the filters leave (all of them, not copied, with no
	   filter chosen: a loop over every match that the first result
	   need not wait for), and counts(f) the counts each filter shows. */
	function filtered(r) {
		r = r || state.res;
		var f = { r: r, ids: r.ids, types: null, years: null };
		if (state.type >= 0 || state.year >= 0) {
			counts(f);
		}
		return f;
	}

	/* Type counts under the chosen year, year counts under the chosen
	   type; and f.ids, what both filters leave. */
	function counts(f) {
		if (f.types) {
			return f;
		}
		var r = f.r, out = [], types = [0, 0, 0, 0], years = {};
		r.ids.forEach(function (id) {
			var t = typeOf(r.meta, id), y = yearOf(r.meta, r.y0, id);
			var okT = state.type < 0 || t === state.type;
			var okY = state.year < 0 || y === state.year;
			if (okY) {
				types[t]++;
			}
			if (okT && y >= 0) {
				years[y] = (years[y] || 0) + 1;
			}
			if (okT && okY) {
				out.push(id);
			}
		});
		f.ids = out;
		f.types = types;
		f.years = years;
		return f;
	}

	function labelText(el, text) {
		el.textContent = text;
	}

	function drawFilters(f) {
		counts(f);
		var total = f.types.reduce(function (a, b) { return a + b; }, 0);
		var radios = typeBox.querySelectorAll("input[type=radio]");
		Array.prototype.forEach.call(radios, function (rb) {
			var t = Number(rb.value);
			var n = t < 0 ? total : f.types[t];
			labelText(rb.parentNode.querySelector(".tk-loc__so"), "(" + n + ")");
			rb.checked = t === state.type;
			rb.parentNode.hidden = t >= 0 && n === 0 && t !== state.type;
		});
		var ys = Object.keys(f.years).map(Number).sort(function (a, b) { return b - a; });
		if (state.year >= 0 && ys.indexOf(state.year) < 0) {
			ys.unshift(state.year);
		}
		while (yearSel.options.length > 1) {
			yearSel.remove(1);
		}
		var all = 0;
		Object.keys(f.years).forEach(function (y) { all += f.years[y]; });
		yearSel.options[0].textContent = "Mọi năm (" + all + ")";
		ys.forEach(function (y) {
			var o = document.createElement("option");
			o.value = String(y);
			o.textContent = y + " (" + (f.years[y] || 0) + ")";
			yearSel.appendChild(o);
		});
		yearSel.value = String(state.year);
		filters.hidden = false;
	}

	function dateText(d) {
		var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d || "");
		return m ? m[3] + "/" + m[2] + "/" + m[1] : "";
	}

	var WORD = /[\p{L}\p{M}\p{Nd}]+(?:[./-][\p{L}\p{M}\p{Nd}]+)*/gu;
	var ATOM = /[\p{L}\p{M}\p{Nd}]+/gu;

	/* cchcNorm.fold() of a word, remembered: a fold costs ~20 µs, and
	   10 snippets' 5,000 words hold ~500 distinct ones (110 ms → 18 ms
	   in node 20 on the bench corpus). */
	var folds = new Map();
	function foldOf(w) {
		var f = folds.get(w);
		if (f === undefined) {
			if (folds.size > 100000) {
				folds.clear();
			}
			f = N.fold(w);
			folds.set(w, f);
		}
		return f;
	}

	/* The words of s: [{a, b, hit}] (hit: the folded term it matched, or
	   ""); a compound whose joined form matched is one word. */
	function words(s, terms) {
		var out = [], m, k;
		WORD.lastIndex = 0;
		while ((m = WORD.exec(s)) !== null) {
			var parts = [];
			ATOM.lastIndex = 0;
			while ((k = ATOM.exec(m[0])) !== null) {
				parts.push({ a: m.index + k.index, b: m.index + k.index + k[0].length, f: foldOf(k[0]) });
			}
			var joined = parts.map(function (p) { return p.f; }).join("");
			if (parts.length > 1 && terms[joined]) {
				out.push({ a: m.index, b: m.index + m[0].length, hit: joined });
				continue;
			}
			parts.forEach(function (p) {
				out.push({ a: p.a, b: p.b, hit: terms[p.f] ? p.f : "" });
			});
		}
		return out;
	}

	var SNIP = 30;	/* words in a snippet */

	/* The snippet: the window of SNIP words with the most distinct
	   matched terms (then the most matches, then the earliest), as text
	   and <mark> nodes appended to el. */
	function snippet(el, s, terms) {
		s = (s || "").normalize("NFC");
		var w = words(s, terms);
		if (w.length === 0) {
			return;
		}
		var best = 0, bestKey = -1;
		for (var i = 0; i < w.length; i++) {
			if (i > 0 && !w[i].hit) {
				continue;	/* windows start on a match (or at 0) */
			}
			var seen = {}, distinct = 0, hits = 0;
			for (var j = i; j < w.length && j < i + SNIP; j++) {
				if (w[j].hit) {
					hits++;
					if (!seen[w[j].hit]) {
						seen[w[j].hit] = true;
						distinct++;
					}
				}
			}
			var key = distinct * 1000 + hits;
			if (key > bestKey) {
				bestKey = key;
				best = i;
			}
		}
		/* A few words of context before the first match. */
		var from = Math.max(0, best - (w[best].hit ? 4 : 0));
		var to = Math.min(w.length, from + SNIP);
		var at = from === 0 ? 0 : w[from].a;
		if (from > 0) {
			el.appendChild(document.createTextNode("… "));
		}
		for (var x = from; x < to; x++) {
			if (!w[x].hit) {
				continue;
			}
			/* Matched words with only spaces between: one mark. */
			var y = x;
			while (y + 1 < to && w[y + 1].hit &&
			    /^\s+$/.test(s.slice(w[y].b, w[y + 1].a))) {
				y++;
			}
			el.appendChild(document.createTextNode(s.slice(at, w[x].a)));
			var mk = document.createElement("mark");
			mk.textContent = s.slice(w[x].a, w[y].b);
			el.appendChild(mk);
			at = w[y].b;
			x = y;
		}
		var end = to < w.length ? w[to - 1].b : s.length;
		el.appendChild(document.createTextNode(s.slice(at, end)));
		if (to < w.length) {
			el.appendChild(document.createTextNode(" …"));
		}
	}

	function addSnippet(li, d, terms) {
		if (d.s) {
			var sn = document.createElement("p");
			sn.className = "tk-kq__trich";
			snippet(sn, d.s, terms);
			li.appendChild(sn);
		}
	}

	/* A result's <li>; its snippet too unless terms is null. */
	function item(id, d, terms) {
		var li = document.createElement("li");
		li.className = "tk-kq__muc";
		var h = document.createElement("h2");
		h.className = "tk-kq__tieu-de";
		var a = document.createElement("a");
		a.href = href(d.u);
		a.textContent = d.t || d.u || "";
		h.appendChild(a);
		li.appendChild(h);
		var p = document.createElement("p");
		p.className = "tk-kq__meta";
		var t = document.createElement("span");
		t.className = "tk-kq__loai";
		t.textContent = TYPES[d.k] || TYPES[typeOf(state.res.meta, id)];
		p.appendChild(t);
		function sep() {
			var c = document.createElement("span");
			c.className = "tk-kq__cach";
			c.setAttribute("aria-hidden", "true");
			c.textContent = " · ";
			p.appendChild(c);
		}
		/* The portal's merged index names each document's department
		   (docs/search.md, "Across departments"); a department's has no "g". */
		if (typeof d.g === "string" && d.g !== "") {
			var g = document.createElement("span");
			g.className = "tk-kq__don-vi";
			g.textContent = d.g;
			sep();
			p.appendChild(g);
		}
		var ds = dateText(d.d);
		if (ds) {
			var tm = document.createElement("time");
			tm.dateTime = d.d;
			tm.textContent = ds;
			sep();
			p.appendChild(tm);
		}
		li.appendChild(p);
		if (terms) {
			addSnippet(li, d, terms);
		}
		return li;
	}

	function say(text, none) {
		status.textContent = text;
		status.classList.toggle("tk-trang-thai--khong", !!none);
	}

	/* Shows the results from state.shown on (all of them again when
	   `fresh`), up to state.shown + PAGE.  Each result is drawn as soon
	   as its document file and those before it are in, so the first
	   shows without waiting for the tenth; the old list stays until
	   then. */
	function draw(fresh) {
		var gen = state.gen, f = filtered(), q = state.q.trim();
		var terms = {};
		state.res.terms.forEach(function (t) { terms[t] = true; });
		/* The filters' counts after the first result: its document
		   is what the reader waits for; and in a task after it, so
		   that it is painted first (they take 5-30 ms). */
		var filtersDrawn = false;
		function filtersOnce() {
			if (!filtersDrawn && gen === state.gen) {
				filtersDrawn = true;
				drawFilters(f);
			}
		}
		var from = fresh ? 0 : state.shown;
		var upto = Math.min(f.ids.length, from + PAGE);
		var ids = f.ids.slice(from, upto);
		/* The first few documents at once; the others once the reader
		   has paused, so that each key typed does not download ten
		   documents for results the next key replaces. */
		var docs = new Array(ids.length), go;
		var rest = new Promise(function (r) { go = r; });
		function want(i) {
			if (!docs[i]) {
				docs[i] = doc(ids[i]);
			}
			return docs[i];
		}
		for (var i = 0; i < FIRST && i < ids.length; i++) {
			want(i);
		}
		function later() {
			if (gen === state.gen) {
				for (var j = FIRST; j < ids.length; j++) {
					want(j);
				}
				go();
			}
		}
		/* Not before the first ones are in either: alone, they come
		   sooner. */
		if (ids.length > FIRST) {
			want(FIRST - 1).then(function () {
				var wait = PAUSE - (Date.now() - state.lastInput);
				if (wait > 0) {
					setTimeout(later, wait);
				} else {
					later();
				}
			});
		}
		var cleared = !fresh;
		list.setAttribute("aria-busy", "true");

		function clearOnce() {
			if (!cleared) {
				list.textContent = "";
				cleared = true;
			}
		}
		function next(i) {
			if (gen !== state.gen) {
				return null;
			}
			if (i === ids.length) {
				clearOnce();
				done();
				return null;
			}
			return (i < FIRST ? want(i) : rest.then(function () {
				return want(i);
			})).then(function (d) {
				if (gen !== state.gen) {
					return null;
				}
				clearOnce();
				if (i === 0) {
					/* The first result's title, type and date
					   are painted before its snippet is cut
					   (the words' folds: 5-15 ms) and the
					   filters' counts drawn. */
					var li = d ? item(ids[i], d, null) : null;
					if (li) {
						list.appendChild(li);
					}
					return new Promise(function (r) {
						setTimeout(r, 0);
					}).then(function () {
						if (gen !== state.gen) {
							return null;
						}
						if (li) {
							addSnippet(li, d, terms);
						}
						filtersOnce();
						state.shown = from + 1;
						return next(1);
					});
				}
				if (d) {
					list.appendChild(item(ids[i], d, terms));
				}
				filtersOnce();
				state.shown = from + i + 1;
				return next(i + 1);
			});
		}
		function done() {
			filtersOnce();
			list.setAttribute("aria-busy", "false");
			state.shown = upto;
			more.hidden = upto >= f.ids.length;
			if (f.ids.length === 0) {
				say(state.res.ids.length === 0 ?
				    "Không tìm thấy kết quả nào cho “" + q + "”. Hãy thử ít từ hơn, hoặc gõ không dấu." :
				    "Không có kết quả nào cho “" + q + "” với bộ lọc đã chọn. Hãy bỏ bớt bộ lọc.", true);
				filters.hidden = state.res.ids.length === 0;
			} else {
				say("Tìm thấy " + f.ids.length + " kết quả cho “" + q + "”" +
				    (upto < f.ids.length ? ", đang hiện " + upto + "." : "."));
			}
		}
		return Promise.resolve(next(0));
	}

	function setUrl() {
		var p = new URLSearchParams();
		if (state.q) {
			p.set("q", state.q);
		}
		if (state.type >= 0) {
			p.set("loai", String(state.type));
		}
		if (state.year >= 0) {
			p.set("nam", String(state.year));
		}
		var s = p.toString();
		/* Over HTTP the folder is the URL to share, even when the
		   page was opened as tim-kiem/index.html. */
		var path = location.pathname;
		if (!filesMode) {
			path = path.replace(/\/index\.html$/, "/");
		}
		try {
			history.replaceState(null, "", path + (s ? "?" + s : "") + location.hash);
		} catch (e) {
			/* some file:// pages refuse it: the results still show */
		}
	}

	var urlTimer = 0;

	function clear() {
		list.textContent = "";
		list.setAttribute("aria-busy", "false");
		filters.hidden = true;
		more.hidden = true;
		say("");
	}

	function run() {
		var q = input.value;
		if (q === state.q && !state.typed) {
			list.setAttribute("aria-busy", "false");
			return;
		}
		state.typed = false;
		state.q = q;
		var gen = ++state.gen;
		list.setAttribute("aria-busy", "true");
		if (!q.trim()) {
			state.res = null;
			setUrl();
			clear();
			return;
		}
		var asked = query(q, state.whole);	/* its downloads start now */
		/* The address after them, in a task of its own: replaceState
		   takes a few ms the first results need not wait for. */
		clearTimeout(urlTimer);
		urlTimer = setTimeout(setUrl, 0);
		asked.then(function (res) {
			if (gen !== state.gen) {
				return null;
			}
			state.res = res;
			return draw(true);
		}).catch(function () {
			if (gen === state.gen) {
				clear();
				say("Không tải được chỉ mục tìm kiếm. Xin tải lại trang.", true);
			}
		});
	}

	/* The query runs in the input event itself, not after a timer:
	   its downloads are asked for at once (a timer, even of 0 ms, is
	   a task behind whatever else the page has queued). */
	input.addEventListener("input", function (e) {
		/* The answer to what was typed before is no longer wanted:
		   only the query after the last key draws results. */
		state.gen++;
		state.typed = true;
		state.whole = WHOLE.test(e.inputType || "");
		state.lastInput = Date.now();
		list.setAttribute("aria-busy", "true");
		run();
	});
	form.addEventListener("submit", function (e) {
		e.preventDefault();
		run();
	});
	typeBox.addEventListener("change", function (e) {
		if (e.target.name !== "loai" || !state.res) {
			return;
		}
		state.type = Number(e.target.value);
		state.gen++;
		setUrl();
		draw(true);
	});
	yearSel.addEventListener("change", function () {
		if (!state.res) {
			return;
		}
		state.year = Number(yearSel.value);
		state.gen++;
		setUrl();
		draw(true);
	});
	more.addEventListener("click", function () {
		if (!state.res) {
			return;
		}
		var first = state.shown;
		state.gen++;
		draw(false).then(function () {
			/* Focus the first new result, so a keyboard user goes on from there. */
			var li = list.children[first];
			var a = li && li.querySelector("a");
			if (a) {
				a.focus();
			}
		});
	});

	/* Runs decode, and, or, rank and filtered over made-up postings of
	   r.n documents; nothing of it is kept or shown. */
	function warm(r) {
		var n = Math.max(r.n, 8), bits = new Uint8Array(n >> 3), v = [], i, prev = -1;
		for (i = 0; i < n; i += 3) {
			bits[i >> 3] |= 1 << (i & 7);
		}
		for (i = 0; i < n; i += 5) {
			v.push(i - prev);	/* gaps under 128: one byte each */
			prev = i;
		}
		var a = N.decode("b" + btoa(String.fromCharCode.apply(null, bits)).replace(/=+$/, ""));
		var b = N.decode("v" + btoa(String.fromCharCode.apply(null, v)).replace(/=+$/, ""));
		var res = { ids: EMPTY, meta: r.meta, y0: r.y0 };
		var m = or([a, b]);
		rank(res, r.n, m, [{ P: a, T: b, X: and(a, b) }], [null]);
		counts(filtered(res));
	}

	var params = new URLSearchParams(location.search);
	var t = Number(params.get("loai"));
	state.type = params.get("loai") !== null && t >= 0 && t <= 3 ? t : -1;
	state.year = /^\d{4}$/.test(params.get("nam") || "") ? Number(params.get("nam")) : -1;
	root().catch(function () {});	/* early: the first query needs it */
	/* Once, while the reader has not typed yet: the regular
	   expressions and the code a query and a snippet run are compiled
	   on first use, 10-20 ms on the bench machine that would otherwise
	   come after the first key. */
	setTimeout(function () {
		var el = document.createElement("p");
		N.tokens("Thủ tục hành chính 19/KH-UBND");
		snippet(el, "Thủ tục hành chính được giao, 19/KH-UBND.", { "thu": true, "19khubnd": true });
	}, 0);
	/* And, unless a query from the address is already running, the
	   postings' code once on sets as large as the index's (the page
	   runs its loops over every match: the first run, not yet
	   compiled, took 10-30 ms after the query's files were in). */
	if (!(params.get("q") || input.value)) {
		root().then(function (r) {
			setTimeout(function () { warm(r); }, 0);
		}, function () {});
	}
	input.value = params.get("q") || input.value || "";
	var headBox = document.getElementById("cchc_o-tim");
	if (headBox && !headBox.value) {
		headBox.value = input.value;
	}
	run();
})();
