// The network graph: a small force-directed layout on <canvas>, fed by /api/network.
// Forces: springs along links, short-range repulsion (a grid keeps it near-linear) and a
// weak pull to the centre; the temperature `alpha` cools so the layout settles.
(function () {
  "use strict";
  var canvas = document.getElementById("graph");
  if (!canvas) return;
  var status = document.getElementById("graph-status");
  var ctx = canvas.getContext("2d");
  var css = getComputedStyle(document.documentElement);
  function colour(strength) {
    var name = strength === null ? "none" : strength < 25 ? "cold" : strength < 45 ? "cool" : strength < 65 ? "warm" : "strong";
    return css.getPropertyValue("--s-" + name).trim() || "#888";
  }
  var W = canvas.width, H = canvas.height, ratio = window.devicePixelRatio || 1;
  canvas.width = W * ratio; canvas.height = H * ratio; ctx.scale(ratio, ratio);
  var nodes = [], links = [], byId = {}, alpha = 1, hover = null, drag = null, moved = false, centre = null;

  function radius(n) { return n.strength === null ? 3.5 : 3.5 + n.strength / 16; }

  function layoutStep() {
    var cell = 70, grid = {}, i, j, n, m, dx, dy, d2, f, key;
    for (i = 0; i < nodes.length; i++) {
      n = nodes[i];
      key = Math.floor(n.x / cell) + "," + Math.floor(n.y / cell);
      (grid[key] = grid[key] || []).push(n);
    }
    for (i = 0; i < nodes.length; i++) {
      n = nodes[i];
      var cx = Math.floor(n.x / cell), cy = Math.floor(n.y / cell);
      for (var gx = cx - 1; gx <= cx + 1; gx++) for (var gy = cy - 1; gy <= cy + 1; gy++) {
        var bucket = grid[gx + "," + gy];
        if (!bucket) continue;
        for (j = 0; j < bucket.length; j++) {
          m = bucket[j];
          if (m === n) continue;
          dx = n.x - m.x; dy = n.y - m.y; d2 = dx * dx + dy * dy + 0.01;
          if (d2 > cell * cell) continue;
          f = 220 / d2;
          n.vx += dx * f * alpha; n.vy += dy * f * alpha;
        }
      }
    }
    links.forEach(function (l) {
      dx = l.t.x - l.s.x; dy = l.t.y - l.s.y;
      var d = Math.sqrt(dx * dx + dy * dy) || 1, want = l.suggested ? 90 : 55;
      f = (d - want) / d * 0.04 * alpha;
      l.s.vx += dx * f; l.s.vy += dy * f; l.t.vx -= dx * f; l.t.vy -= dy * f;
    });
    nodes.forEach(function (n) {
      n.vx += (W / 2 - n.x) * 0.004 * alpha; n.vy += (H / 2 - n.y) * 0.004 * alpha;
      if (n === drag) { n.vx = n.vy = 0; return; }
      n.vx *= 0.6; n.vy *= 0.6;
      n.x = Math.max(8, Math.min(W - 8, n.x + n.vx));
      n.y = Math.max(8, Math.min(H - 8, n.y + n.vy));
    });
    alpha *= 0.985;
  }

  function draw() {
    ctx.clearRect(0, 0, W, H);
    ctx.lineWidth = 1;
    links.forEach(function (l) {
      var lit = hover && (l.s === hover || l.t === hover);
      ctx.strokeStyle = l.suggested ? "rgba(138,111,209,.85)" : lit ? "rgba(47,111,221,.8)" : "rgba(120,130,150,.22)";
      ctx.setLineDash(l.suggested ? [5, 4] : []);
      ctx.beginPath(); ctx.moveTo(l.s.x, l.s.y); ctx.lineTo(l.t.x, l.t.y); ctx.stroke();
    });
    ctx.setLineDash([]);
    nodes.forEach(function (n) {
      ctx.fillStyle = colour(n.strength);
      ctx.beginPath(); ctx.arc(n.x, n.y, radius(n), 0, Math.PI * 2); ctx.fill();
      if (n === hover || n.id === centre) { ctx.strokeStyle = "#1d2430"; ctx.lineWidth = 2; ctx.stroke(); ctx.lineWidth = 1; }
    });
    ctx.font = "12px system-ui, sans-serif";
    nodes.forEach(function (n) {
      if (!(n === hover || n.id === centre || n.label)) return;
      var text = n.name + (n === hover && n.strength !== null ? " · " + n.strength : "");
      var w = ctx.measureText(text).width, x = Math.min(n.x + 8, W - w - 6), y = Math.max(n.y - 8, 14);
      ctx.fillStyle = "rgba(255,255,255,.85)"; ctx.fillRect(x - 3, y - 11, w + 6, 15);
      ctx.fillStyle = "#1d2430"; ctx.fillText(text, x, y);
    });
  }

  function tick() {
    if (alpha > 0.02 || drag) { layoutStep(); draw(); }
    requestAnimationFrame(tick);
  }

  function at(e) {
    var r = canvas.getBoundingClientRect(), x = (e.clientX - r.left) * W / r.width, y = (e.clientY - r.top) * H / r.height;
    var best = null, bestD = 144;
    nodes.forEach(function (n) { var d = (n.x - x) * (n.x - x) + (n.y - y) * (n.y - y); if (d < bestD) { best = n; bestD = d; } });
    return { node: best, x: x, y: y };
  }
  canvas.addEventListener("mousemove", function (e) {
    var p = at(e);
    if (drag) { drag.x = p.x; drag.y = p.y; moved = true; alpha = Math.max(alpha, 0.3); return; }
    if (p.node !== hover) { hover = p.node; canvas.style.cursor = hover ? "pointer" : "grab"; draw(); }
  });
  canvas.addEventListener("mousedown", function (e) { drag = at(e).node; moved = false; });
  window.addEventListener("mouseup", function () {
    if (drag && !moved) location.href = "/people/" + drag.id;
    drag = null;
  });

  fetch(canvas.getAttribute("data-src"), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(function (data) {
      centre = data.centre;
      nodes = data.nodes.map(function (n, i) {
        var a = i * 2.399963, d = 12 * Math.sqrt(i + 1);
        var node = { id: n.id, name: n.name, strength: n.strength, x: W / 2 + d * Math.cos(a), y: H / 2 + d * Math.sin(a), vx: 0, vy: 0, label: i < 12 };
        byId[n.id] = node;
        return node;
      });
      links = data.links.filter(function (l) { return byId[l.source] && byId[l.target]; })
        .map(function (l) { return { s: byId[l.source], t: byId[l.target], suggested: l.suggested }; });
      status.textContent = nodes.length + " people, " + links.length + " links" + (data.notes.length ? " · " + data.notes.join("; ") : "");
      canvas.setAttribute("data-ready", "true");
      tick();
    })
    .catch(function (err) { status.textContent = "Could not load the graph: " + err.message; });
})();
