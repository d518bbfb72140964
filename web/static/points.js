// Change the data (2-D sets): "✎ points" above the output heatmap turns it on; the radios that then take the legend's
// place under it say what a click on the plane does: add a training point with that target, or delete the training
// point under it. Touch: a tap is a click. Keyboard:
// the plane is focusable; the arrows move a cross (Shift: 1 a step, else 0.25) and Enter adds or deletes there.
// POST /runs/{id}/points; the stream then brings the points and pictures, and the address bar (and Copy link) carry
// the run's edits= from then on. A refusal (training, off the plane, no point there) is said beside the radios.
(function () {
  "use strict";
  var HALF = 6; // the plane drawn: x1 and x2 from -6 to 6
  var cursor = {x1: 0, x2: 0};

  function app() { return document.getElementById("app"); }
  function plot() { return document.querySelector(".output .hm-plot"); }
  function on() {
    var t = document.getElementById("pt-toggle");
    return !!t && t.getAttribute("aria-pressed") === "true";
  }
  function mode() {
    var r = document.querySelector("input[name='pt-mode']:checked");
    return on() && r ? r : null;
  }
  // a refusal holds for the state it was said in ("pause it first"): a change of the run's state clears it
  var saidIn = null;
  function state() {
    var chip = document.getElementById("state-chip");
    return chip ? chip.textContent.trim() : "";
  }
  function say(text) {
    var msg = document.getElementById("pt-error");
    if (msg) msg.textContent = text;
    saidIn = text ? state() : null;
  }
  document.addEventListener("htmx:sseMessage", function (e) {
    if (saidIn !== null && e.target && e.target.id === "status" && state() !== saidIn) say("");
  });

  // the plot follows the mode: focusable, a crosshair, and a name saying what Enter does
  function dress() {
    var p = plot();
    if (!p) return;
    var tools = document.getElementById("pt-tools");
    if (tools) tools.hidden = !on();
    var panel = p.closest(".output");
    if (panel) panel.classList.toggle("pt-on", on());
    var m = mode();
    p.classList.toggle("pt-active", !!m);
    p.classList.toggle("pt-deleting", !!m && m.value === "delete");
    if (m) {
      p.tabIndex = 0;
      p.setAttribute("role", "application");
      p.setAttribute("aria-label", "the plane: the arrows move the cross, Enter " +
        (m.value === "delete" ? "deletes the training point under it" : "adds a training point of target " + m.dataset.label));
    } else {
      p.removeAttribute("tabindex");
      p.removeAttribute("role");
      p.removeAttribute("aria-label");
    }
    var c = p.querySelector(".pt-cursor");
    if (!c) {
      c = document.createElement("div");
      c.className = "pt-cursor";
      c.setAttribute("aria-hidden", "true");
      p.appendChild(c);
    }
    c.style.left = ((cursor.x1 + HALF) / (2 * HALF) * 100) + "%";
    c.style.top = ((HALF - cursor.x2) / (2 * HALF) * 100) + "%";
  }

  function send(x1, x2) {
    var a = app(), m = mode();
    if (!a || !a.dataset.run || !m) return;
    var body = {op: m.value, x1: x1.toFixed(2), x2: x2.toFixed(2)};
    if (m.value === "add") body.label = m.dataset.label;
    fetch("/runs/" + a.dataset.run + "/points", {method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"},
      body: new URLSearchParams(body).toString()}).then(function (res) {
      if (res.status === 204) {
        say("");
        var edits = res.headers.get("X-Run-Edits");
        var here = new URL(location.href);
        here.searchParams.delete("at");
        if (edits) here.searchParams.set("edits", edits);
        history.replaceState(history.state, "", here.pathname + here.search + here.hash);
        return;
      }
      return res.text().then(function (html) {
        var d = document.createElement("div");
        d.innerHTML = html;
        say(d.textContent.trim() || ("The server answered " + res.status));
      });
    }).catch(function () { say("The server could not be reached; try again."); });
  }

  document.addEventListener("change", function (e) {
    if (e.target.name === "pt-mode") { say(""); dress(); }
  });
  document.addEventListener("click", function (e) {
    var t = e.target.closest && e.target.closest("#pt-toggle");
    if (t) {
      t.setAttribute("aria-pressed", String(!on()));
      say("");
      dress();
      return;
    }
    var p = e.target.closest && e.target.closest(".output .hm-plot");
    if (!p || !mode()) return;
    var r = p.getBoundingClientRect();
    var x1 = -HALF + 2 * HALF * (e.clientX - r.left) / r.width;
    var x2 = HALF - 2 * HALF * (e.clientY - r.top) / r.height;
    cursor = {x1: Math.max(-HALF, Math.min(HALF, x1)), x2: Math.max(-HALF, Math.min(HALF, x2))};
    dress();
    send(cursor.x1, cursor.x2);
  });
  // capture: the plane's keys are not the page's shortcuts (Space, S, ...)
  window.addEventListener("keydown", function (e) {
    var p = e.target.closest && e.target.closest(".output .hm-plot");
    if (!p || !mode() || e.ctrlKey || e.metaKey || e.altKey) return;
    var step = e.shiftKey ? 1 : 0.25, moved = true;
    if (e.key === "ArrowLeft") cursor.x1 -= step;
    else if (e.key === "ArrowRight") cursor.x1 += step;
    else if (e.key === "ArrowUp") cursor.x2 += step;
    else if (e.key === "ArrowDown") cursor.x2 -= step;
    else moved = false;
    if (moved || e.key === "Enter") {
      e.preventDefault();
      e.stopPropagation();
    }
    cursor.x1 = Math.max(-HALF, Math.min(HALF, cursor.x1));
    cursor.x2 = Math.max(-HALF, Math.min(HALF, cursor.x2));
    if (moved) dress();
    if (e.key === "Enter") send(cursor.x1, cursor.x2);
  }, true);
  // a page swapped in whole (a rebuilt run) keeps the radios' markup: dress the new plot
  document.addEventListener("htmx:afterSwap", function () { if (mode()) dress(); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", dress);
  else dress();
})();
