// Backprop Playground: the few lines of glue htmx does not do. No inline script (CSP).
(function () {
  "use strict";

  // ---- the panels of numbers under the stage: which are open is kept in this browser, and told to the server,
  // which streams an open panel's fragments only. This runs before htmx opens the stream (deferred scripts run
  // before DOMContentLoaded), so the stream starts with the right panels.
  var PANELS_KEY = "bp-panels";
  var app = document.getElementById("app");
  function openPanels(root) {
    return Array.prototype.filter.call((root || document).querySelectorAll("details[data-panel]"), function (d) {
      return d.open;
    }).map(function (d) { return d.dataset.panel; });
  }
  // the stream asks for the open panels
  function streamPanels(el, panels) {
    if (!el || !el.getAttribute("sse-connect")) return;
    var src = new URL(el.getAttribute("sse-connect"), location.href);
    src.searchParams.set("panels", panels.join(","));
    el.setAttribute("sse-connect", src.pathname + src.search);
  }
  // the learner's choice: the panels of a page that comes in whole (the form's, or one rebuilt after a restart) too
  var chosen = null;
  function choose(root) {
    Array.prototype.forEach.call(root.querySelectorAll("details[data-panel]"), function (d) {
      if (chosen !== null) d.open = chosen.indexOf(d.dataset.panel) >= 0;
      d.bpChosen = true; // its toggles from now on are the learner's
    });
  }
  try {
    var saved = localStorage.getItem(PANELS_KEY);
    if (saved !== null) chosen = saved.split(",");
  } catch (err) { /* storage may be off: keep the defaults */ }
  choose(document);
  chosen = openPanels();
  streamPanels(app, chosen);
  // a page swapped in whole, before htmx opens its stream: the learner's panels, and the page's element is the new one
  document.addEventListener("htmx:beforeProcessNode", function (e) {
    var el = e.target;
    if (!el || el.id !== "app" || el === app) return;
    choose(el);
    streamPanels(el, openPanels(el));
    app = el;
  });
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
    if (!e.target.bpChosen) { // a panel of a page just swapped in, opened by its HTML: the learner's choice instead
      choose(document);
      return;
    }
    chosen = openPanels();
    var panels = chosen.join(",");
    streamPanels(app, chosen); // a stream not yet open asks for them itself
    try { localStorage.setItem(PANELS_KEY, panels); } catch (err) { /* fine */ }
    if (app && app.dataset.run) {
      post("/runs/" + app.dataset.run + "/view", {view: app.dataset.view, panels: panels}).then(function (r) {
        if (r.status === 404) recover(null, "404 from view");
      }, function () { /* the stream notices too */ });
    }
  }, true);

  // ---- a control's answer says the run's new state: shown at once (Pause within a round trip, however many frames
  // the stream still has on their way), and the stream's frames older than it are not swapped in over it
  var minVersion = 0;
  // The run's state as the header shows it. Its text, not its class: htmx's settle gives an element swapped in the
  // class of the one it replaced (same id) for a moment, so just after a status swap the class can still be the old
  // state's.
  function runState() {
    var chip = document.getElementById("state-chip");
    return chip ? chip.textContent.trim() : "";
  }
  function shown(state, version) {
    if (!state || !version) return;
    minVersion = Math.max(minVersion, version);
    var chip = document.getElementById("state-chip");
    if (chip && chip.textContent !== state) {
      chip.textContent = state;
      chip.className = "chip chip-" + state;
    }
  }
  document.addEventListener("htmx:afterRequest", function (e) {
    var xhr = e.detail && e.detail.xhr;
    if (!xhr || !e.detail.successful) return;
    shown(xhr.getResponseHeader("X-Run-State"), Number(xhr.getResponseHeader("X-Run-Version")));
  });
  document.addEventListener("htmx:sseBeforeMessage", function (e) {
    var m = /^\s*<div class="(?:status-line|controls)[^>]*data-version="(\d+)"/.exec((e.detail && e.detail.data) || "");
    if (m && Number(m[1]) < minVersion) e.preventDefault();
    // rewound on the timeline: the panels and the pictures keep the moment chosen until the timeline itself changes
    // (a step, a new state: the stream sends it before the numbers and the pictures)
    var id = e.target && e.target.id;
    if (id && app && (" " + app.dataset.atMoment + " ").indexOf(" " + id + " ") >= 0 && rewound()) e.preventDefault();
  });
  // A budget for the panels of numbers while a run trains: their swaps may take at most a quarter of the main
  // thread's time over the last two seconds; past it a frame of them is skipped (the next brings them again, and the
  // server sends them with every change of state, so a paused or finished run shows its last numbers). On a slow or
  // busy machine the numbers come less often instead of leaving the page no time for the learner.
  var NUMBERS_SHARE = 0.25, NUMBERS_WINDOW = 2000;
  var numbers = " " + ((app && app.dataset.numbers) || "") + " ";
  var numberSwaps = []; // [end, ms] of the recent swaps of numbers
  var numberStarted = {};
  function numbersSpent(now) {
    while (numberSwaps.length && numberSwaps[0][0] < now - NUMBERS_WINDOW) numberSwaps.shift();
    return numberSwaps.reduce(function (sum, s) { return sum + s[1]; }, 0);
  }
  document.addEventListener("htmx:sseBeforeMessage", function (e) {
    var id = e.target && e.target.id;
    if (!id || numbers.indexOf(" " + id + " ") < 0 || e.defaultPrevented) return;
    var now = performance.now();
    // (window.bpNumbersShare: another budget, for a test)
    var share = typeof window.bpNumbersShare === "number" ? window.bpNumbersShare : NUMBERS_SHARE;
    if (runState() === "running" && numbersSpent(now) > share * NUMBERS_WINDOW) {
      e.preventDefault();
      window.bpNumbersSkipped = (window.bpNumbersSkipped || 0) + 1;
      return;
    }
    numberStarted[id] = now;
  });
  document.addEventListener("htmx:sseMessage", function (e) {
    var id = e.target && e.target.id;
    if (!id || numberStarted[id] === undefined) return;
    var now = performance.now();
    numberSwaps.push([now, now - numberStarted[id]]);
    delete numberStarted[id];
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
        if (r.ok || r.status === 404) history.replaceState(history.state, "", url.pathname + url.search);
        if (r.status === 404) recover(null, "404 from speed"); // rebuilt from the link, which now has the new pace
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
    // a teacher's link and a lesson stay (lock, hide, lesson)
    var here = new URLSearchParams(location.search);
    ["lock", "hide", "lesson"].forEach(function (k) {
      if (here.get(k)) url += "&" + k + "=" + encodeURIComponent(here.get(k));
    });
    // and so do the locked values (a locked dataset has no menu to change)
    (here.get("lock") || "").split(",").forEach(function (k) {
      var field = k && document.querySelector("#config [name='" + k.replace(/[^A-Za-z]/g, "") + "']");
      if (field && k !== "dataset") url += "&" + k + "=" + encodeURIComponent(field.value);
    });
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
      // and the run's changes of weights (edits=E:S:REF=VALUE,...), which it replays before that moment
      link.searchParams.delete("edits");
      if (at && at.dataset.edits) link.searchParams.set("edits", at.dataset.edits);
      var done = function () { copy.textContent = "Copied ✓"; setTimeout(function () { copy.textContent = "Copy link"; }, 1500); };
      if (navigator.clipboard) navigator.clipboard.writeText(link.href).then(done, function () { prompt("Copy this link:", link.href); });
      else prompt("Copy this link:", link.href);
    }
    // the embed snippet: this page's link, as the embed view's, in an iframe to paste into a course page or slides
    var embedBtn = e.target.closest("#embed-btn"), embedPop = document.getElementById("embed");
    if (embedBtn && embedPop) {
      embedPop.hidden = !embedPop.hidden;
      embedBtn.setAttribute("aria-expanded", String(!embedPop.hidden));
      var src = new URL(location.href);
      src.pathname = "/embed";
      src.searchParams.delete("at");
      var code = '<iframe src="' + src.href.replace(/&/g, "&amp;").replace(/"/g, "&quot;") + '" width="960" height="540"'
          + ' style="border:0;max-width:100%" title="Backprop Playground" loading="lazy"></iframe>';
      document.getElementById("embed-code").value = code;
      document.getElementById("embed-open").href = src.pathname + src.search;
    } else if (embedPop && !embedPop.hidden && !e.target.closest("#embed")) {
      embedPop.hidden = true;
    }
    if (e.target.closest("#embed-copy")) {
      var area = document.getElementById("embed-code");
      area.select();
      if (navigator.clipboard) navigator.clipboard.writeText(area.value);
      e.target.textContent = "Copied ✓";
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

  // Keyboard: the keys are the buttons' data-key (Space starts, pauses or resumes; S steps; P steps one phase;
  // E finishes the epoch; R resets).
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
      // unless the click opened the input to change that weight (edit.js, a paused run): the page stays put
      if (cell) setTimeout(function () {
        if (!document.getElementById("cell-edit")) cell.scrollIntoView({block: "nearest", behavior: "smooth"});
      }, 0);
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
  // ---- a restart loses nothing the page still shows. When the stream fails or ends with the server's last event
  // ("reconnect": a restart, a deploy), or the run answers 404 (another instance), the page opens its own link again
  // at the moment it shows (at=EPOCHS:SAMPLES; runs are deterministic, so the numbers are the same), swaps the new page
  // in without a reload, goes on training if it was, retries the control that failed, and says so in the status line.
  var RETRY_MILLIS = 500, NOTE_MILLIS = 30000, UPLOADS_KEY = "bp-uploads", PENDING_KEY = "bp-upload-pending";
  var recovering = null, retryAction = null, note = null, source = null;
  // what the page did to keep its run, the last few steps, for whoever looks into a page that did not recover
  var trail = window.bpRecoveryTrail = [];
  function step(what) {
    trail.push(new Date().toISOString().slice(11, 23) + " " + what);
    if (trail.length > 40) trail.shift();
  }
  function text(id) {
    var el = document.getElementById(id);
    return el ? el.textContent.trim() : "";
  }
  function showNote(message, millis) {
    step("note: " + (message || "none"));
    note = message ? {text: message, until: millis ? Date.now() + millis : Infinity} : null;
    renderNote();
    if (note && millis) setTimeout(renderNote, millis + 50);
    var live = document.getElementById("announce");
    if (live && message) live.textContent = message;
  }
  // the note is one line of the status line, which the stream swaps many times a second: put back after each swap
  function renderNote() {
    var old = document.getElementById("recovery-note");
    if (note && Date.now() > note.until) note = null;
    var line = document.querySelector("#status .status-line");
    if (!note || !line) {
      if (old) old.remove();
      if (line) line.classList.remove("has-note");
      return;
    }
    if (old && old.parentNode === line && old.textContent === note.text) return;
    if (old) old.remove();
    var span = document.createElement("span");
    span.id = "recovery-note";
    span.className = "message note";
    span.tabIndex = 0;
    span.title = note.text;
    span.textContent = note.text;
    line.classList.add("has-note");
    line.appendChild(span);
  }
  function keepNote() {
    if (note) renderNote();
  }
  document.addEventListener("htmx:sseMessage", keepNote);
  document.addEventListener("htmx:afterSwap", keepNote);
  // the page's stream (htmx's sse extension opens it): kept to close it when the page rebuilds its run
  document.addEventListener("htmx:sseOpen", function (e) { source = e.detail && e.detail.source; });
  document.addEventListener("htmx:sseError", function (e) {
    var s = e.detail && e.detail.source;
    if (s && e.target === app) recover(null, "stream error");
  });
  document.addEventListener("htmx:sseClose", function (e) {
    if (e.detail && e.detail.type === "message" && e.target === app) recover(null, "last event"); // the server's last event
  });
  // a control whose run is gone (404), or whose server is stopping or away: rebuild, then press it again. Its answer
  // is read on the request itself, not from htmx's events: a frame of the stream may swap the button out while its
  // request is on its way, and the events of an element no longer in the page reach no listener
  document.addEventListener("htmx:beforeSend", function (e) {
    var d = e.detail || {}, xhr = d.xhr;
    var path = ((d.requestConfig && d.requestConfig.path) || "").split("?")[0];
    if (!xhr || path.indexOf("/runs/") !== 0) return;
    // a button of the controls posts to /runs/{id}/{its action}
    var control = d.elt && d.elt.closest && d.elt.closest(".controls") ? path.replace(/.*\//, "") : null;
    xhr.addEventListener("error", function () { recover(control, "no answer to " + path); }); // no answer: the server is away
    xhr.addEventListener("load", function () {
      if (xhr.status === 404 || xhr.getResponseHeader("X-Restarting")) recover(control, xhr.status + " from " + path);
    });
  });

  function recover(action, why) {
    step("recover " + (action || "-") + " (" + why + ")" + (recovering ? ": already recovering" : ""));
    if (action) retryAction = action;
    if (recovering || !app || !app.dataset.run) return;
    recovering = {
      run: app.dataset.run,
      at: (document.getElementById("at") || {dataset: {}}).dataset.at || "0:0",
      epoch: text("epoch"),
      sample: text("sample"),
      running: runState() === "running",
      since: Date.now(),
      withAt: true
    };
    if (source) source.close();
    // a stream closed again and again (e.g. more tabs than a session may stream): not more than one rebuild in 3 s
    setTimeout(attempt, Math.max(0, lastRebuilt + 3000 - Date.now()));
  }
  var lastRebuilt = 0;
  // the page's own link (what Copy link gives), at the moment shown
  function rebuildUrl(r, withAt) {
    var url = new URL(location.href);
    url.searchParams.delete("at");
    url.searchParams.delete("uploadError");
    if (withAt && r.at !== "0:0") url.searchParams.set("at", r.at);
    return url.pathname + url.search;
  }
  function later(message) {
    if (message && Date.now() - recovering.since > 2000) showNote(message);
    setTimeout(attempt, RETRY_MILLIS);
  }
  function attempt() {
    var r = recovering;
    step("attempt at " + (r.withAt ? r.at : "the start"));
    fetch(rebuildUrl(r, r.withAt), {credentials: "same-origin", cache: "no-store"}).then(function (res) {
      step("answer " + res.status);
      if (res.status !== 200 && res.status !== 400) {
        later(res.status === 503 ? "The server is busy or restarting; your run will be rebuilt in a moment…" : null);
        return;
      }
      return res.text().then(function (html) { rebuilt(r, res.status, html); });
    }, function () {
      later("The server is not answering; your run will be rebuilt as soon as it is back…");
    }).catch(function (err) {
      recovering = null;
      showNote("Your run could not be rebuilt (" + err + "): reload the page.");
    });
  }
  function rebuilt(r, status, html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var next = doc.getElementById("app");
    if (!next) return later(null);
    var upload = next.querySelector("#upload .needs");
    if (status === 400 && r.withAt && !upload && !next.dataset.run) {
      r.withAt = false; // too far into the run to replay here: open it at its start instead
      r.tooFar = true;
      return attempt();
    }
    // what the visitor chose stays: the open panels (as for any page swapped in whole, above) and the log scale
    var log = document.getElementById("log-scale"), nextLog = next.querySelector("#log-scale");
    if (log && nextLog) {
      if (log.checked) nextLog.setAttribute("checked", "");
      else nextLog.removeAttribute("checked"); // the new page is swapped in as HTML: attributes, not properties
    }
    var uploadNote = upload ? uploadAgain(next, r) : null;
    var y = window.scrollY;
    htmx.swap(app, next.outerHTML, {swapStyle: "outerHTML", swapDelay: 0, settleDelay: 0});
    app = document.getElementById("app");
    window.scrollTo(0, y);
    minVersion = 0; // the new run counts its versions from the start
    recovering = null;
    lastRebuilt = Date.now();
    var action = retryAction;
    retryAction = null;
    step("rebuilt: run " + app.dataset.run + (app.dataset.run === r.run ? " (the same)" : "") + ", then "
        + (action || (r.running ? "train" : "nothing")));
    if (!app.dataset.run) {
      showNote(uploadNote || "The server restarted, and your run could not be rebuilt: see the form below.");
      var form = document.getElementById(uploadNote ? "upload" : "config");
      if (form) form.scrollIntoView({block: "nearest"});
      return;
    }
    if (app.dataset.run === r.run) {
      // the same run, still there (the stream only dropped): carry on
      showNote(null);
      if (action) control(action);
      return;
    }
    showNote(r.tooFar
        ? "The server restarted; your run was too far along to replay here (epoch " + r.epoch + ", sample " + r.sample
            + "): it is back at its start."
        : "The server restarted; your run was rebuilt at epoch " + r.epoch + ", sample " + r.sample, NOTE_MILLIS);
    var idle = runState() === "idle";
    if (action) control(action === "start" && !idle ? "resume" : action);
    else if (r.running) control(idle ? "start" : "resume");
  }
  function control(action) {
    return post("/runs/" + app.dataset.run + "/" + action, {}).then(function (res) {
      if (res.ok) shown(res.headers.get("X-Run-State"), Number(res.headers.get("X-Run-Version")));
    });
  }
  // uploaded data lives in the server's memory: after a restart, the page names the file to upload again, with its
  // columns, and the form comes back to the same moment
  function uploadAgain(next, r) {
    var dataset = new URL(location.href).searchParams.get("dataset");
    var known = null;
    try { known = JSON.parse(localStorage.getItem(UPLOADS_KEY) || "{}")[dataset] || null; } catch (err) { /* none */ }
    // once uploaded, the form opens the page's own link at the moment shown
    var link = next.querySelector(".upload-form input[name=link]");
    if (link) link.value = rebuildUrl(r, true);
    var where = "epoch " + r.epoch + ", sample " + r.sample;
    if (!known) {
      return "The server restarted and no longer has your data (" + dataset + "): upload the same file again, below, "
          + "to rebuild your run at " + where + ".";
    }
    var inputs = next.querySelector("#u-inputs"), targets = next.querySelector("#u-targets");
    if (inputs && known.inputs) inputs.setAttribute("value", known.inputs);
    if (targets && known.targets) targets.setAttribute("value", known.targets);
    return "The server restarted and no longer has your data: upload " + known.file + " again, below, to rebuild your"
        + " run at " + where + ".";
  }
  // which file each of this browser's uploads came from, to name it then
  document.addEventListener("submit", function (e) {
    if (!e.target.matches || !e.target.matches(".upload-form")) return;
    var file = e.target.querySelector("input[type=file]");
    if (!file || !file.files || !file.files[0]) return;
    var pending = {file: file.files[0].name, inputs: e.target.querySelector("#u-inputs").value.trim(),
      targets: e.target.querySelector("#u-targets").value.trim()};
    try { sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending)); } catch (err) { /* fine */ }
  }, true);
  try {
    var pending = sessionStorage.getItem(PENDING_KEY);
    var params = new URLSearchParams(location.search);
    var landed = params.get("dataset");
    if (pending && landed && /^csv-/.test(landed) && !params.get("uploadError") && app && app.dataset.run) {
      var uploads = JSON.parse(localStorage.getItem(UPLOADS_KEY) || "{}");
      uploads[landed] = JSON.parse(pending);
      var names = Object.keys(uploads);
      if (names.length > 20) delete uploads[names[0]];
      localStorage.setItem(UPLOADS_KEY, JSON.stringify(uploads));
    }
    if (pending) sessionStorage.removeItem(PENDING_KEY);
  } catch (err) { /* storage may be off: the page then names the dataset, not the file */ }
})();
