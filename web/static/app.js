// Backprop Playground: the few lines of glue htmx does not do. No inline script (CSP).
(function () {
  "use strict";

  // ---- the panels of numbers under the stage: which are open is kept in this browser, and told to the server,
  // which streams an open panel's fragments only. This runs before htmx opens the stream (deferred scripts run
  // before DOMContentLoaded), so the stream starts with the right panels.
  var PANELS_KEY = "bp-panels";
  var app = document.getElementById("app");
  function openPanels() {
    return Array.prototype.filter.call(document.querySelectorAll("details[data-panel]"), function (d) {
      return d.open;
    }).map(function (d) { return d.dataset.panel; });
  }
  try {
    var saved = localStorage.getItem(PANELS_KEY);
    if (saved !== null) {
      var want = saved.split(",");
      Array.prototype.forEach.call(document.querySelectorAll("details[data-panel]"), function (d) {
        d.open = want.indexOf(d.dataset.panel) >= 0;
      });
    }
  } catch (err) { /* storage may be off: keep the defaults */ }
  if (app && app.getAttribute("sse-connect")) {
    var src = new URL(app.getAttribute("sse-connect"), location.href);
    src.searchParams.set("panels", openPanels().join(","));
    app.setAttribute("sse-connect", src.pathname + src.search);
  }
  // a link to a moment (at=E:S) opened it; from here on the run moves on, so the address bar no longer names that
  // moment (a reload reattaches to the run as it is; Copy link gives the moment the header shows)
  if (app && app.dataset.run && /[?&]at=/.test(location.search)) {
    var here = new URL(location.href);
    here.searchParams.delete("at");
    history.replaceState(history.state, "", here.pathname + here.search + here.hash);
  }
  // a form sent from further down the page (a CSV file, weights to import) comes back with its reason at the top of
  // the form: brought into sight (on a phone the form is last; at 1280x720 it is in sight already)
  var reason = document.getElementById("upload-error") || document.getElementById("weights-error");
  if (reason) reason.scrollIntoView({block: "center"});
  function post(path, body) {
    return fetch(path, {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"},
      body: new URLSearchParams(body).toString(), credentials: "same-origin"});
  }
  document.addEventListener("toggle", function (e) {
    if (!e.target.matches || !e.target.matches("details[data-panel]")) return;
    var panels = openPanels().join(",");
    try { localStorage.setItem(PANELS_KEY, panels); } catch (err) { /* fine */ }
    if (app && app.dataset.run) post("/runs/" + app.dataset.run + "/view", {view: app.dataset.view, panels: panels});
  }, true);

  // ---- a control's answer says the run's new state: shown at once (Pause within a round trip, however many frames
  // the stream still has on their way), and the stream's frames older than it are not swapped in over it
  var minVersion = 0;
  document.addEventListener("htmx:afterRequest", function (e) {
    var xhr = e.detail && e.detail.xhr;
    if (!xhr || !e.detail.successful) return;
    var state = xhr.getResponseHeader("X-Run-State");
    var version = Number(xhr.getResponseHeader("X-Run-Version"));
    if (!state || !version) return;
    minVersion = Math.max(minVersion, version);
    var chip = document.getElementById("state-chip");
    if (chip && chip.textContent !== state) {
      chip.textContent = state;
      chip.className = "chip chip-" + state;
    }
  });
  document.addEventListener("htmx:sseBeforeMessage", function (e) {
    var m = /^\s*<div class="(?:status-line|controls)[^>]*data-version="(\d+)"/.exec((e.detail && e.detail.data) || "");
    if (m && Number(m[1]) < minVersion) e.preventDefault();
    // rewound on the timeline: the panels keep the moment chosen until the timeline itself changes (a step, a new
    // state: the stream sends it before the numbers)
    var id = e.target && e.target.id;
    if ((id === "state" || id === "equations" || id === "weights") && rewound()) e.preventDefault();
  });
  function rewound() {
    var slider = document.getElementById("timeline-slider");
    var panel = document.getElementById("p-sample");
    return !!(slider && panel && panel.open && !slider.disabled && Number(slider.value) < Number(slider.max));
  }

  // ---- the pace: changed at once, without reloading; the address bar and Copy link follow
  document.addEventListener("change", function (e) {
    if (e.target.id !== "f-speed") return;
    var speed = e.target.value;
    var url = new URL(location.href);
    url.searchParams.set("speed", speed);
    if (app && app.dataset.run) {
      post("/runs/" + app.dataset.run + "/speed", {speed: speed}).then(function (r) {
        if (r.ok) history.replaceState(history.state, "", url.pathname + url.search);
      });
    } else if (window.htmx) {
      htmx.trigger(document.getElementById("config"), "change");
    }
  });

  // A link's pace for a run this visitor already has: the page asks for it (opening a link changes no run)
  var speedField = document.getElementById("f-speed");
  if (app && app.dataset.run && speedField && app.dataset.runSpeed && speedField.value !== app.dataset.runSpeed) {
    post("/runs/" + app.dataset.run + "/speed", {speed: speedField.value});
  }

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
  // runs after every swap (many a second while training): cheap when nothing is selected
  function mark() {
    var marked = document.querySelectorAll("[data-ref].hl");
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove("hl");
    if (selected === null) return;
    var same = document.querySelectorAll("[data-ref='" + selected.replace(/'/g, "") + "']");
    for (var k = 0; k < same.length; k++) same[k].classList.add("hl");
  }
  function toggle(el) {
    var ref = el.getAttribute("data-ref");
    selected = selected === ref ? null : ref;
    mark();
  }
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest(REFS);
    if (!el) return;
    toggle(el);
    // a weight, bias or neuron of the diagram: open the panel with its number, and show the number
    if (selected && el.closest("svg.nd")) {
      var panel = document.getElementById(/^[Wb]/.test(selected) ? "p-weights" : "p-sample");
      if (panel && !panel.open) panel.open = true;
      var cell = panel && panel.querySelector("[data-ref='" + selected + "']");
      if (cell) cell.scrollIntoView({block: "nearest", behavior: "smooth"});
    }
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
})();
