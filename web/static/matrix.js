// Backprop Playground: pictures of matrices too big to read as cells (MatrixView.Picture, one pixel per number).
// The exact number under the pointer, or under the keyboard cursor, is asked of GET /runs/{id}/cell?ref=W2-3-4 and
// shown in the caption line under the picture. Tab to a picture, move with the arrow keys, Enter (or a click) pins
// the cell and selects its id for the page's highlight (app.js), Escape unpins. The stream replaces the pictures many
// times a second: what is shown is kept here, by picture id, and drawn again after every swap. No inline script (CSP).
(function () {
  "use strict";
  var PICTURE = "img.mx-img[data-ref-prefix]";
  var REFRESH_MS = 500; // a shown value is asked again after a swap at most this often (it changes while training)
  var shown = {}; // picture id -> {i, j, ref, text, pinned, hover, at}
  var want = null; // the newest question not yet sent: {id, run, ref}
  var busy = false; // one question in flight at a time

  function shape(img) {
    return {
      rows: parseInt(img.getAttribute("data-rows"), 10),
      cols: parseInt(img.getAttribute("data-cols"), 10),
      vector: img.getAttribute("data-vector") === "true"
    };
  }

  function refOf(img, i, j) {
    var p = img.getAttribute("data-ref-prefix");
    return shape(img).vector ? p + "-" + i : p + "-" + i + "-" + j;
  }

  function runOf(img) {
    var host = img.closest("[data-run]") || document.querySelector("[data-run]");
    return host ? host.getAttribute("data-run") : "";
  }

  /** The cell (i, j) under a pointer event, clamped to the picture. */
  function cellAt(img, e) {
    var r = img.getBoundingClientRect();
    var s = shape(img);
    var j = Math.floor(((e.clientX - r.left) / r.width) * s.cols);
    var i = Math.floor(((e.clientY - r.top) / r.height) * s.rows);
    return { i: Math.max(0, Math.min(s.rows - 1, i)), j: Math.max(0, Math.min(s.cols - 1, j)) };
  }

  function live() {
    var el = document.getElementById("mx-live");
    if (!el) {
      el = document.createElement("div");
      el.id = "mx-live";
      el.className = "mx-live";
      el.setAttribute("aria-live", "polite");
      document.body.appendChild(el);
    }
    return el;
  }

  /** Draws a picture's cursor box and caption line from what is kept for it. */
  function draw(id) {
    var img = document.getElementById(id);
    var st = shown[id];
    if (!img || !st) return;
    var box = img.parentNode.querySelector(".mx-cursor");
    var out = img.closest("figure") && img.closest("figure").querySelector(".mx-out");
    var cell = st.hover || (st.pinned || st.focused ? st : null);
    if (!cell) {
      if (box) box.remove();
      return;
    }
    var s = shape(img);
    if (!box) {
      box = document.createElement("span");
      box.className = "mx-cursor";
      box.setAttribute("aria-hidden", "true");
      img.parentNode.appendChild(box);
    }
    box.classList.toggle("pinned", !!st.pinned && !st.hover);
    box.style.left = (cell.j / s.cols) * 100 + "%";
    box.style.top = (cell.i / s.rows) * 100 + "%";
    box.style.width = 100 / s.cols + "%";
    box.style.height = 100 / s.rows + "%";
    if (out) out.textContent = st.text && st.textRef === refOf(img, cell.i, cell.j) ? st.text : refOf(img, cell.i, cell.j) + " = …";
  }

  /** Asks for the value of the cell a picture shows now (the newest question wins; one in flight). */
  function ask(img, announce) {
    var st = shown[img.id];
    var cell = st.hover || st;
    st.at = Date.now();
    want = { id: img.id, run: runOf(img), ref: refOf(img, cell.i, cell.j), announce: announce };
    pump();
  }

  function pump() {
    if (busy || !want) return;
    var q = want;
    want = null;
    if (!q.run) return;
    busy = true;
    fetch("/runs/" + encodeURIComponent(q.run) + "/cell?ref=" + encodeURIComponent(q.ref), {
      headers: { Accept: "application/json" }
    })
      .then(function (r) {
        return r.json();
      })
      .then(function (body) {
        var st = shown[q.id];
        if (!st) return;
        st.text = body.text || body.error || "";
        st.textRef = q.ref;
        draw(q.id);
        if (q.announce) live().textContent = st.text;
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        pump();
      });
  }

  function state(img) {
    return shown[img.id] || (shown[img.id] = { i: 0, j: 0, pinned: false, hover: null, focused: false });
  }

  /** Selects the cell's id in app.js's highlight (the equations' numbers with the same data-ref), as a click would. */
  function select(img, ref) {
    var proxy = document.createElement("span");
    proxy.hidden = true;
    proxy.setAttribute("data-ref", ref);
    img.parentNode.appendChild(proxy);
    proxy.click();
    proxy.remove();
  }

  function pin(img, i, j, how) {
    var st = state(img);
    var ref = refOf(img, i, j);
    var again = st.pinned && st.i === i && st.j === j;
    st.i = i;
    st.j = j;
    st.pinned = !again;
    draw(img.id);
    ask(img, true);
    select(img, ref);
    tell(img, ref, how);
  }

  /** Says which cell a picture's learner chose, and how ("click" or "key"): edit.js opens a weight's input on it. */
  function tell(img, ref, how) {
    img.dispatchEvent(new CustomEvent("bp:cell", { bubbles: true, detail: { ref: ref, how: how } }));
  }

  document.addEventListener("pointermove", function (e) {
    var img = e.target.closest && e.target.closest(PICTURE);
    if (!img) return;
    var st = state(img);
    var c = cellAt(img, e);
    if (st.hover && st.hover.i === c.i && st.hover.j === c.j) return;
    st.hover = c;
    draw(img.id);
    ask(img, false);
  });

  document.addEventListener("pointerout", function (e) {
    var img = e.target.closest && e.target.closest(PICTURE);
    if (!img || !shown[img.id] || (e.relatedTarget && img.contains(e.relatedTarget))) return;
    shown[img.id].hover = null;
    draw(img.id);
    if (shown[img.id].pinned || shown[img.id].focused) ask(img, false);
  });

  document.addEventListener("click", function (e) {
    var img = e.target.closest && e.target.closest(PICTURE);
    if (!img) return;
    var c = cellAt(img, e);
    state(img).hover = null;
    pin(img, c.i, c.j, "click");
  });

  document.addEventListener("focusin", function (e) {
    var img = e.target.closest && e.target.closest(PICTURE);
    if (!img) return;
    var st = state(img);
    if (st.focused) return; // focus given back after a swap
    st.focused = true;
    draw(img.id);
    ask(img, true);
  });

  document.addEventListener("focusout", function (e) {
    var img = e.target.closest && e.target.closest(PICTURE);
    if (!img || !shown[img.id]) return;
    // a swap takes the picture away and htmx focuses its successor (same id): keep the cursor for that moment
    var id = img.id;
    setTimeout(function () {
      var now = document.activeElement;
      if (now && now.id === id) return;
      if (shown[id]) shown[id].focused = false;
      draw(id);
    }, 0);
  });

  // capture: before the page's shortcuts (Space starts or pauses) see the keys a picture uses
  document.addEventListener("keydown", function (e) {
    var img = e.target.closest && e.target.closest(PICTURE);
    if (!img || e.ctrlKey || e.metaKey || e.altKey) return;
    var st = state(img);
    var s = shape(img);
    var step = e.shiftKey ? 8 : 1;
    var i = st.i, j = st.j;
    if (e.key === "ArrowUp") i -= step;
    else if (e.key === "ArrowDown") i += step;
    else if (e.key === "ArrowLeft") j -= step;
    else if (e.key === "ArrowRight") j += step;
    else if (e.key === "Home") j = 0;
    else if (e.key === "End") j = s.cols - 1;
    else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      e.stopPropagation();
      pin(img, st.i, st.j, "key");
      return;
    } else if (e.key === "F2") {
      e.preventDefault();
      e.stopPropagation();
      tell(img, refOf(img, st.i, st.j), "F2");
      return;
    } else if (e.key === "Escape") {
      st.pinned = false;
      draw(img.id);
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
    st.i = Math.max(0, Math.min(s.rows - 1, i));
    st.j = Math.max(0, Math.min(s.cols - 1, j));
    st.hover = null;
    draw(img.id);
    ask(img, true);
  }, true);

  // after the stream swaps the pictures: draw the cursors again, and ask again for values that may have changed
  function redraw() {
    var now = Date.now();
    Object.keys(shown).forEach(function (id) {
      draw(id);
      var img = document.getElementById(id);
      var st = shown[id];
      if (img && (st.hover || st.pinned || st.focused) && now - (st.at || 0) >= REFRESH_MS) ask(img, false);
    });
  }
  document.addEventListener("htmx:afterSwap", redraw);
  document.addEventListener("htmx:sseMessage", redraw);

  // the pictures' own styles, when the page does not link them
  if (!document.querySelector('link[href="/static/matrix.css"]')) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = "/static/matrix.css";
    document.head.appendChild(css);
  }
})();
