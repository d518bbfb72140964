// Backprop Playground: the few lines of glue htmx does not do. No inline script (CSP).
(function () {
  "use strict";

  // The hidden-layer width boxes have no name: keep the form's `layers` field (e.g. 2,3,2) in step with them,
  // before htmx serialises the form (capture phase runs first).
  document.addEventListener("change", function (e) {
    if (!e.target.matches("[data-hidden]")) return;
    var field = document.getElementById("f-layers");
    var parts = field.value.split(",");
    var widths = Array.prototype.map.call(document.querySelectorAll("[data-hidden]"), function (i) {
      return i.value.trim();
    });
    field.value = [parts[0]].concat(widths, [parts[parts.length - 1]]).join(",");
  }, true);

  // Another dataset brings its own inputs, outputs and defaults (TensorFlow Playground's for the 2-D sets): open it
  // fresh, keeping the seed, rather than submitting the old dataset's layers and loss with it.
  document.addEventListener("change", function (e) {
    if (e.target.id !== "f-dataset") return;
    e.stopPropagation();
    var url = "/?dataset=" + encodeURIComponent(e.target.value);
    var seed = document.getElementById("f-seed");
    if (seed && seed.value) url += "&seed=" + encodeURIComponent(seed.value);
    location.assign(url);
  }, true);

  document.addEventListener("click", function (e) {
    var copy = e.target.closest("#copy-link");
    if (copy) {
      // the link carries the moment too (at=EPOCHS:SAMPLES), so that whoever opens it sees the same numbers
      var link = new URL(location.href);
      var at = document.getElementById("at");
      link.searchParams.delete("at");
      if (at && at.dataset.at && at.dataset.at !== "0:0") link.searchParams.set("at", at.dataset.at);
      var done = function () { copy.textContent = "Copied ✓"; setTimeout(function () { copy.textContent = "Copy link"; }, 1500); };
      if (navigator.clipboard) navigator.clipboard.writeText(link.href).then(done, function () { prompt("Copy this link:", link.href); });
      else prompt("Copy this link:", link.href);
    }
    var help = e.target.closest("#help-btn");
    var pop = document.getElementById("help");
    if (help && pop) {
      pop.hidden = !pop.hidden;
      help.setAttribute("aria-expanded", String(!pop.hidden));
    } else if (pop && !pop.hidden && !e.target.closest("#help")) {
      pop.hidden = true;
    }
  });

  // Keyboard: Space starts, pauses or resumes; S steps; E finishes the epoch; R resets.
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest("input, select, textarea, button, a")) return;
    var key = e.key === " " ? " " : e.key.toLowerCase();
    var buttons = document.querySelectorAll("#controls button[data-key]");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].dataset.key === key && !buttons[i].disabled) {
        e.preventDefault();
        buttons[i].click();
        return;
      }
    }
    if (key === " ") {
      var pause = document.getElementById("btn-pause");
      if (pause && !pause.disabled) { e.preventDefault(); pause.click(); }
    }
  });
  // Clicking a number in a table (or in the equations) highlights every place that value appears: the cells and the
  // equations' numbers share a data-ref id (e.g. W2-0-1). Clicking it again clears. The stream swaps the tables and
  // equations many times a second, so the selected id is kept here and marked again after every swap.
  var REFS = "[data-ref]:not([data-ref=''])";
  var selected = null;
  function mark() {
    var marked = document.querySelectorAll("[data-ref].hl");
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove("hl");
    var all = document.querySelectorAll(REFS);
    for (var k = 0; k < all.length; k++) {
      if (!all[k].hasAttribute("tabindex")) all[k].setAttribute("tabindex", "0");
      if (all[k].getAttribute("data-ref") === selected) all[k].classList.add("hl");
    }
  }
  function toggle(el) {
    var ref = el.getAttribute("data-ref");
    selected = selected === ref ? null : ref;
    mark();
  }
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest(REFS);
    if (el) toggle(el);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" && e.key !== " ") return;
    var el = e.target.closest && e.target.closest(REFS);
    if (!el) return;
    e.preventDefault();
    e.stopPropagation(); // Space on a number is not the Start/Pause shortcut
    toggle(el);
  }, true);
  document.addEventListener("htmx:afterSwap", mark);
  document.addEventListener("htmx:sseMessage", mark);
  document.addEventListener("DOMContentLoaded", mark);
})();
