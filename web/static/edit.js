// Change a weight: on a paused or idle run, a click on a weight or bias of the weights table, or F2 on it (as in a
// spreadsheet; Enter on a number marks it in the equations), opens a small input beside it; Enter sends the value (POST /runs/{id}/weight), Escape cancels. The
// stream then brings the new tables and pictures; the address bar (and Copy link) carry the run's edits= from then on.
(function () {
  "use strict";
  var CELL = ".weights td[data-ref^='W'], .weights td[data-ref^='b']";
  var box = null;

  function app() { return document.getElementById("app"); }
  function training() { return !!document.querySelector("#state-chip.chip-running"); }
  // rewound on the timeline, the tables show a past moment: only the weights of now can be changed
  function rewound() {
    var slider = document.getElementById("timeline-slider");
    var panel = document.getElementById("p-sample");
    return !!(slider && panel && panel.open && !slider.disabled && Number(slider.value) < Number(slider.max));
  }

  function close(refocus) {
    if (!box) return;
    var ref = box.dataset.cell;
    box.remove();
    box = null;
    if (refocus) {
      var cell = document.querySelector(".weights td[data-ref='" + ref + "']");
      if (cell) cell.focus();
    }
  }

  function open(cell) {
    var a = app();
    if (!a || !a.dataset.run || training() || rewound()) return false;
    close(false);
    var ref = cell.getAttribute("data-ref");
    box = document.createElement("form");
    box.className = "cell-edit";
    box.id = "cell-edit";
    box.dataset.cell = ref;
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Change " + ref);
    var label = document.createElement("label");
    label.textContent = ref + " = ";
    var input = document.createElement("input");
    input.type = "text";
    input.name = "value";
    input.id = "cell-edit-value";
    input.setAttribute("inputmode", "decimal");
    input.setAttribute("autocomplete", "off");
    input.size = 10;
    input.value = (cell.getAttribute("title") || cell.textContent).trim().replace("\u2212", "-");
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
    var r = cell.getBoundingClientRect();
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
        close(true);
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
    if (box && !e.target.closest("#cell-edit")) close(false);
    var cell = e.target.closest && e.target.closest(CELL);
    if (cell) open(cell);
  });
  // F2 on a weight or bias opens the input (Enter on a number stays what it was: it marks it in the equations)
  window.addEventListener("keydown", function (e) {
    if (e.key !== "F2" || e.ctrlKey || e.metaKey || e.altKey) return;
    var cell = e.target.closest && e.target.closest(CELL);
    if (cell && open(cell)) {
      e.preventDefault();
      e.stopPropagation();
    }
  }, true);
})();
