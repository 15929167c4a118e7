/*
 * in-thu-tuc.js – "In thủ tục này" on a procedure page.  Without this
 * script the link leads to a note (#cchc_huong-dan-in, shown with
 * :target) on how to print with the browser's own command; with it, the
 * link is replaced by a button that opens the print dialog.
 */
(function () {
	"use strict";
	var link = document.getElementById("cchc_nut-in");
	if (!link || typeof window.print !== "function") {
		return;
	}
	var button = document.createElement("button");
	button.type = "button";
	button.className = link.className;
	button.id = link.id;
	button.textContent = link.textContent;
	button.addEventListener("click", function () {
		window.print();
	});
	link.parentNode.replaceChild(button, link);
})();
