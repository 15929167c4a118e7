/*
 * loc-thu-tuc.js – the filter box of the procedure list (thu-tuc/ and
 * thu-tuc/linh-vuc/<slug>/).  The list is complete without this script;
 * the box (#cchc_loc) stays hidden until it runs.  A procedure
 * (li[data-search]) stays shown when its data-search contains every
 * word typed; both are folded the same way (no diacritics, đ → d,
 * lower case, single spaces), so "cap giay" finds "Cấp giấy".  A field
 * (.linh-vuc) with no procedure left is hidden; #cchc_loc-ket-qua (aria-live)
 * says how many were found.
 */
(function () {
	"use strict";
	var box = document.getElementById("cchc_loc");
	var input = document.getElementById("cchc_loc-o");
	var result = document.getElementById("cchc_loc-ket-qua");
	if (!box || !input || !result || !"".normalize) {
		return;
	}

	function fold(s) {
		return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
			.replace(/[đĐ]/g, "d").toLowerCase()
			.replace(/\s+/g, " ").trim();
	}

	var groups = [];
	Array.prototype.forEach.call(document.querySelectorAll(".linh-vuc"), function (g) {
		var items = Array.prototype.map.call(g.querySelectorAll("li[data-search]"), function (li) {
			return { el: li, text: fold(li.getAttribute("data-search") || "") };
		});
		groups.push({ el: g, items: items });
	});

	var last = null;
	function filter() {
		var q = fold(input.value);
		if (q === last) {
			return;
		}
		last = q;
		var words = q ? q.split(" ") : [];
		var found = 0;
		groups.forEach(function (g) {
			var shown = 0;
			g.items.forEach(function (it) {
				var ok = words.every(function (w) { return it.text.indexOf(w) !== -1; });
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
	}

	input.addEventListener("input", filter);
	box.hidden = false;
	filter();	/* a value the browser restored (back button) */
})();
