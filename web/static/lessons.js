// Lessons: progress kept in this browser (no accounts). A lesson's check, once met on the page, marks it done; the
// lessons page shows which are. No inline script (CSP).
(function () {
  "use strict";
  var KEY = "bp-lessons-done";
  function done() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (err) { return []; }
  }
  function mark(id) {
    var all = done();
    if (all.indexOf(id) >= 0) return;
    all.push(id);
    try { localStorage.setItem(KEY, JSON.stringify(all)); } catch (err) { /* storage may be off */ }
  }
  // the page: the check's fragment comes in through htmx; met once, the lesson is done. A page without a lesson
  // (its links keep it: a page swapped in has one only if this one had) spends nothing here.
  var onPage = !!document.getElementById("lesson");
  if (onPage) document.addEventListener("htmx:afterSwap", function (e) {
    if (!e.target || e.target.id !== "lesson-check") return;
    var check = e.target.querySelector(".check[data-met='true']");
    if (check) mark(check.dataset.lesson);
  });
  // the check again as the run moves on: after the stream's status line changes, at most once a second, and once
  // more after the last change (a run that ends is checked as it ended)
  var due = 0, pending = null;
  if (onPage) document.addEventListener("htmx:sseMessage", function (e) {
    if (!e.target || e.target.id !== "status" || pending) return;
    pending = setTimeout(function () {
      pending = null;
      due = Date.now() + 1000;
      var check = document.getElementById("lesson-check");
      if (check && window.htmx) htmx.trigger(check, "bp:refresh");
    }, Math.max(50, due - Date.now()));
  });
  // the lessons page
  var cards = document.querySelectorAll(".lesson-card[data-lesson]");
  if (!cards.length) return;
  var ids = done(), n = 0;
  Array.prototype.forEach.call(cards, function (c) {
    if (ids.indexOf(c.dataset.lesson) < 0) return;
    n++;
    c.classList.add("done");
    c.querySelector(".done-mark").hidden = false;
  });
  var progress = document.getElementById("progress");
  if (progress && n) progress.textContent = n + " of " + cards.length + " done";
})();
