// The compare page: every control acts on both runs (A and B); the server keeps them in lockstep.
(function () {
  "use strict";
  var app = document.getElementById("app");
  if (!app) return;
  var a = app.dataset.a, b = app.dataset.b;

  function post(id, path, body) {
    return fetch("/runs/" + id + "/" + path, {
      method: "POST", credentials: "same-origin",
      headers: body ? { "Content-Type": "application/x-www-form-urlencoded" } : {},
      body: body || null
    });
  }

  // both at once: the lockstep holds whichever starts first until the other goes too
  function both(action) {
    if (!a || !b) return;
    Promise.all([post(a, action), post(b, action)]).then(function (rs) {
      if (rs.some(function (r) { return r.status === 404; })) location.reload(); // a run was freed: make them again
    });
  }

  document.addEventListener("click", function (e) {
    var btn = e.target.closest("[data-action]");
    if (!btn || btn.disabled) return;
    both(btn.dataset.action);
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    var key = e.key === " " ? " " : (e.key || "").toLowerCase();
    var btn = Array.prototype.find.call(document.querySelectorAll(".cmp-status [data-key]"), function (x) {
      return x.dataset.key === key && !x.disabled;
    });
    if (!btn) return;
    e.preventDefault();
    both(btn.dataset.action);
  });

  // the pace: both runs, and the link (each side's query carries it)
  var speed = document.getElementById("f-speed");
  if (speed) speed.addEventListener("change", function () {
    var body = "speed=" + encodeURIComponent(speed.value);
    post(a, "speed", body);
    post(b, "speed", body);
    var u = new URL(location.href);
    ["a", "b"].forEach(function (side) {
      var q = new URLSearchParams(u.searchParams.get(side) || "");
      q.set("speed", speed.value);
      u.searchParams.set(side, q.toString().replace(/%2C/g, ","));
    });
    history.replaceState(null, "", u.pathname + u.search);
    var copy = document.getElementById("copy-link");
    if (copy) copy.dataset.url = u.pathname + u.search;
    document.querySelectorAll("#form-b input[name=a], #form-b input[name=b]").forEach(function (i) {
      i.value = u.searchParams.get(i.name);
    });
  });

  var copy = document.getElementById("copy-link");
  if (copy) copy.addEventListener("click", function () {
    var url = new URL(copy.dataset.url || location.href, location.href).href;
    var done = function () { copy.textContent = "Copied"; setTimeout(function () { copy.textContent = "Copy link"; }, 1500); };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, function () { prompt("The link:", url); });
    else prompt("The link:", url);
  });

  // B's form: a changed field applies at once (the server says beside it what is wrong)
  var form = document.getElementById("form-b");
  if (form) form.addEventListener("change", function (e) {
    if (e.target.matches("select, input")) form.requestSubmit();
  });

  // the server restarted or a run is gone: open the comparison's link again (it gives the same runs)
  var retry = 0;
  document.body.addEventListener("htmx:sseClose", function () {
    setTimeout(function () { location.reload(); }, Math.min(5000, 500 * ++retry));
  });

  // status changes are said politely
  var last = "";
  document.body.addEventListener("htmx:sseMessage", function (e) {
    if (!e.detail || e.detail.type !== "compare_status") return;
    var s = document.querySelector(".cmp-status");
    if (!s) return;
    var now = "A " + s.dataset.aState + ", B " + s.dataset.bState;
    if (now !== last && last !== "") document.getElementById("announce-compare").textContent = now;
    last = now;
  });
})();
