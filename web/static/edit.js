// Change a weight: on a paused or idle run, a click on a weight or bias of the weights table, or F2 on it (as in a
// spreadsheet; Enter on a number marks it in the equations), opens a small input beside it; Enter sends the value
// (POST /runs/{id}/weight), Escape cancels. So do an edge or a bias of the network diagram (a click, or Enter or F2 on
// it: Tab reaches them) and a pixel of a weights picture (a layer too big for cells: a click, or F2 on the keyboard
// cursor; matrix.js says which cell). The stream then brings the new tables and pictures; the address bar (and Copy
// link) carry the run's edits= from then on.
(function () {
  "use strict";
  var CELL = ".weights td[data-ref^='W'], .weights td[data-ref^='b']";
  var EDGE = "svg.nd .edge[data-ref^='W'], svg.nd .bias[data-ref^='b']";
  var box = null;
  var from = null; // what to focus again when the input closes: a selector (the stream replaces the elements)

  function app() { return document.getElementById("app"); }
  // the header's text, not its class (htmx's settle keeps the old class on a swapped-in element for a moment)
  function training() {
    var chip = document.getElementById("state-chip");
    return !!chip && chip.textContent.trim() === "running";
  }
  // rewound on the timeline, the tables show a past moment: only the weights of now can be changed
  function rewound() {
    var slider = document.getElementById("timeline-slider");
    var panel = document.getElementById("p-sample");
    return !!(slider && panel && panel.open && !slider.disabled && Number(slider.value) < Number(slider.max));
  }

  function close(refocus) {
    if (!box) return;
    var back = from;
    box.remove();
    box = null;
    from = null;
    if (refocus && back) {
      var el = document.querySelector(back);
      if (el) el.focus();
    }
  }

  /** The value an element shows in full: a cell's title, or what follows "= " in a diagram's title. */
  function valueOf(el) {
    var title = el.querySelector && el.querySelector("title");
    var text = title ? title.textContent : (el.getAttribute("title") || el.textContent);
    var eq = text.lastIndexOf("= ");
    return (eq >= 0 ? text.slice(eq + 2) : text).trim().replace("\u2212", "-");
  }

  /**
   * Opens the input for weight or bias {@code ref} beside element {@code at}, with {@code value} in it (null: asked of
   * the server, for a pixel of a picture); {@code back} is the selector to focus again when it closes.
   */
  function open(at, ref, value, back) {
    var a = app();
    if (!a || !a.dataset.run || training() || rewound()) return false;
    close(false);
    from = back;
    box = document.createElement("form");
    box.className = "cell-edit";
    box.id = "cell-edit";
    box.dataset.cell = ref;
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Change " + ref);
    var label = document.createElement("label");
    var name = document.createElement("span");
    name.className = "cell-name";
    name.textContent = ref; // the server's name for it (w⁽²⁾₁₂) replaces the ref when /cell answers
    label.appendChild(name);
    label.appendChild(document.createTextNode(" = "));
    var input = document.createElement("input");
    input.type = "text";
    input.name = "value";
    input.id = "cell-edit-value";
    input.setAttribute("inputmode", "decimal");
    input.setAttribute("autocomplete", "off");
    input.size = 10;
    if (value !== null) input.value = value;
    ask(a.dataset.run, ref, input, name, box);
    label.appendChild(input);
    var hint = document.createElement("span");
    hint.className = "hint";
    hint.textContent = "Enter to set, Esc to cancel";
    var msg = document.createElement("p");
    msg.className = "err";
    msg.id = "cell-edit-error";
    msg.setAttribute("role", "alert");
    box.appendChild(label);
    box.appendChild(hint);
    box.appendChild(msg);
    document.body.appendChild(box);
    var r = at.getBoundingClientRect();
    var w = box.offsetWidth;
    box.style.left = Math.max(4, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - w - 4)) + "px";
    box.style.top = (window.scrollY + r.bottom + 2) + "px";
    input.focus();
    input.select();
    box.addEventListener("submit", function (e) {
      e.preventDefault();
      send(a.dataset.run, ref, input.value, msg);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        close(true);
      }
    });
    return true;
  }

  /**
   * Names the cell as the tables and equations do (w⁽²⁾₁₂, with its ref), and fills the input with its exact value
   * where the page shows it as a pixel (unless the learner typed first).
   */
  function ask(run, ref, input, name, form) {
    fetch("/runs/" + run + "/cell?ref=" + encodeURIComponent(ref), {headers: {Accept: "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (typeof body.label === "string") {
          name.textContent = body.label + " (" + ref + ")";
          form.setAttribute("aria-label", "Change " + body.label);
        }
        if (input.value === "" && typeof body.value === "number") { input.value = String(body.value); input.select(); }
      }).catch(function () {});
  }

  function fromTable(cell) {
    var ref = cell.getAttribute("data-ref");
    return open(cell, ref, valueOf(cell), ".weights td[data-ref='" + ref + "']");
  }

  function fromDiagram(el) {
    var ref = el.getAttribute("data-ref");
    return open(el, ref, valueOf(el), "svg.nd [data-ref='" + ref + "']");
  }

  /** The stream then replaces the element edited (the diagram, a picture): focus its successor, for a second or two. */
  function keepFocus(selector) {
    if (!selector) return;
    var until = Date.now() + 2000;
    function again() {
      if (Date.now() > until) {
        document.removeEventListener("htmx:afterSwap", again);
        document.removeEventListener("htmx:sseMessage", again);
        return;
      }
      var now = document.activeElement;
      if (box || now && now !== document.body) return;
      var el = document.querySelector(selector);
      if (el) el.focus();
    }
    document.addEventListener("htmx:afterSwap", again);
    document.addEventListener("htmx:sseMessage", again);
  }

  function send(run, ref, value, msg) {
    fetch("/runs/" + run + "/weight", {method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"},
      body: new URLSearchParams({ref: ref, value: value}).toString()}).then(function (res) {
      if (res.status === 204) {
        var edits = res.headers.get("X-Run-Edits");
        var here = new URL(location.href);
        here.searchParams.delete("at");
        if (edits) here.searchParams.set("edits", edits);
        history.replaceState(history.state, "", here.pathname + here.search + here.hash);
        var back = from;
        close(true);
        keepFocus(back);
        return;
      }
      return res.text().then(function (html) {
        var d = document.createElement("div");
        d.innerHTML = html;
        msg.textContent = d.textContent.trim() || ("The server answered " + res.status);
      });
    }).catch(function () { msg.textContent = "The server could not be reached; try again."; });
  }

  document.addEventListener("click", function (e) {
    if (box && !e.target.closest("#cell-edit") && !e.target.closest("img.mx-img")) close(false);
    var cell = e.target.closest && e.target.closest(CELL);
    if (cell) fromTable(cell);
    var edge = e.target.closest && e.target.closest(EDGE);
    if (edge) fromDiagram(edge);
  });
  // F2 on a weight or bias of a table opens the input (Enter on a number stays what it was: it marks it in the
  // equations); on an edge or a bias of the diagram, Enter does too (and marks it)
  window.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || !e.target.closest) return;
    var cell = e.key === "F2" && e.target.closest(CELL);
    var edge = (e.key === "F2" || e.key === "Enter") && e.target.closest(EDGE);
    if (cell && fromTable(cell) || edge && fromDiagram(edge)) {
      // no keypress follows: the Enter that opened the input must not also send it
      e.preventDefault();
      if (e.key === "F2") e.stopPropagation();
    }
  }, true);
  // a pixel of a weights picture, chosen by a click or F2 (matrix.js); Enter there pins the value, as before
  document.addEventListener("bp:cell", function (e) {
    var img = e.target;
    var ref = e.detail && e.detail.ref;
    if (!img.closest(".weights") || !/^[Wb]/.test(ref) || e.detail.how === "key") return;
    var at = img.parentNode.querySelector(".mx-cursor") || img;
    open(at, ref, null, img.id ? "#" + img.id : null);
  });
})();
