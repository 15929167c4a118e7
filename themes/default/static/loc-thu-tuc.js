/*
 * loc-thu-tuc.js – the filter box of the procedure list (thu-tuc/ and
 * thu-tuc/linh-vuc/<slug>/).  The list is complete without this script;
 * the box (#cchc_loc) stays hidden until it runs.
 *
 * With the search index (tim-kiem.js loaded before this script, each
 * li carrying data-doc, its document id): a procedure stays shown when
 * the query finds it, as on the search page (docs/search.md: every word
 * anywhere in the procedure, its code with or without dots, the last
 * word as a prefix, with or without diacritics), restricted to
 * procedures, and of those only the best matches (the words as a
 * phrase, then every word in the title: see filter()).  Without the
 * index (not loaded): a procedure stays shown when its data-search
 * (title, code and field, folded by the generator) contains every word
 * typed, folded the same way.
 *
 * A field (.linh-vuc) with no procedure left is hidden;
 * #cchc_loc-ket-qua (aria-live) says how many were found.  #cchc_loc is
 * aria-busy="true" from a key typed until its results are shown (the
 * index answers asynchronously), "false" otherwise.
 */
(function () {
	"use strict";
	var box = document.getElementById("cchc_loc");
	var input = document.getElementById("cchc_loc-o");
	var result = document.getElementById("cchc_loc-ket-qua");
	if (!box || !input || !result || !"".normalize) {
		return;
	}
	var engine = window.cchcTimKiem || null;
	var PROCEDURE = 2;	/* document type in the index */

	function fold(s) {
		return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
			.replace(/[đĐ]/g, "d").toLowerCase()
			.replace(/\s+/g, " ").trim();
	}

	var groups = [];
	Array.prototype.forEach.call(document.querySelectorAll(".linh-vuc"), function (g) {
		var items = Array.prototype.map.call(g.querySelectorAll("li[data-search]"), function (li) {
			var d = li.getAttribute("data-doc");
			if (!/^\d+$/.test(d || "")) {
				engine = null;	/* a list without ids: filter without the index */
			}
			return { el: li, text: fold(li.getAttribute("data-search") || ""), doc: Number(d) };
		});
		groups.push({ el: g, items: items });
	});

	/* Shows the items keep(item) accepts; says how many. */
	function show(q, keep) {
		var found = 0;
		groups.forEach(function (g) {
			var shown = 0;
			g.items.forEach(function (it) {
				var ok = !q || keep(it);
				it.el.hidden = !ok;
				if (ok) {
					shown++;
				}
			});
			g.el.hidden = shown === 0;
			found += shown;
		});
		if (!q) {
			result.textContent = "";
		} else if (found === 0) {
			result.textContent = "Không tìm thấy thủ tục phù hợp.";
		} else {
			result.textContent = "Tìm thấy " + found + " thủ tục";
		}
		result.classList.toggle("loc__ket-qua--khong", q !== "" && found === 0);
		box.setAttribute("aria-busy", "false");
	}

	function byWords(q) {
		var words = q ? q.split(" ") : [];
		show(q, function (it) {
			return words.every(function (w) { return it.text.indexOf(w) !== -1; });
		});
	}

	/* shown: the text whose answer the list shows.  gen: bumped by each
	   key too, so that an answer still on its way when a key comes in
	   (the filter waits 15 ms) is dropped, and does not say "done"
	   (aria-busy) over the text now in the box. */
	var shown = null, gen = 0, timer = 0;
	function filter() {
		var raw = input.value;
		var q = fold(raw);
		var mine = ++gen;
		if (raw === shown) {
			box.setAttribute("aria-busy", "false");
			return;
		}
		if (!engine || !q) {
			shown = raw;
			byWords(q);
			return;
		}
		engine.query(raw).then(function (res) {
			if (mine !== gen) {
				return;
			}
			shown = raw;
			/* A list is not ranked: it shows the procedures that
			   match best, by the search page's first two criteria
			   (the words as a phrase, then every word in the
			   title).  So "toàn trình" keeps the procedures that
			   say it, not one with "An toàn" here and "Trình tự"
			   there; "cấp giấy" those whose title says it. */
			var found = {}, best = -1;
			res.ids.forEach(function (id) {
				if ((res.meta[id] & 3) === PROCEDURE) {
					best = Math.max(best, res.score(id) >> 1);
				}
			});
			res.ids.forEach(function (id) {
				if ((res.meta[id] & 3) === PROCEDURE &&
				    res.score(id) >> 1 === best) {
					found[id] = true;
				}
			});
			show(q, function (it) { return found[it.doc] === true; });
		}).catch(function () {
			/* the index did not load: the filter of titles and codes */
			engine = null;
			if (mine === gen) {
				shown = raw;
				byWords(q);
			}
		});
	}

	input.addEventListener("focus", function () {
		if (engine) {
			engine.query("");	/* loads the index's root, once */
		}
	});
	input.addEventListener("input", function () {
		clearTimeout(timer);
		gen++;
		box.setAttribute("aria-busy", "true");
		timer = setTimeout(filter, engine ? 15 : 0);
	});
	box.hidden = false;
	filter();	/* a value the browser restored (back button) */
})();
