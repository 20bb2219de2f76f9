// The animation and learning-rate explorer (scripts/interactive.py): draws precomputed data only.
//
// Every number comes from assets/data/interactive/<problem>.js, written at build time
// by the optimizers package; this script decodes it (see interactive.py's docstring) and
// draws it on a <canvas> over a contour image whose edges are the plot's bounds.
// No library, no request to anywhere but the site itself.
(function () {
  "use strict";

  // Data paths are relative to the site's root, which is two folders above this script
  // (the same on the Korean pages and under /en/).
  const ROOT = new URL("../../", document.currentScript ? document.currentScript.src : location.href);
  const DATA = new Map();    // url -> Promise of decoded data
  const IMAGES = new Map();  // url -> Promise of a loaded Image
  const WIDGETS = [];
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  const loaded = new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", resolve, { once: true });
  });

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  // ------------------------------------------------------------ data

  function cumsum(codes, width) {
    const out = new Float64Array(codes.length);
    for (let i = 0; i < codes.length; i++) out[i] = codes[i] + (i >= width ? out[i - width] : 0);
    return out;
  }

  function decode(raw) {
    const [[x0, x1], [y0, y1]] = raw.bounds;
    const q = raw.quant;
    const path = (codes) => {
      const c = cumsum(codes, 2);
      for (let i = 0; i < c.length; i += 2) {
        c[i] = x0 + (c[i] / q) * (x1 - x0);
        c[i + 1] = y0 + (c[i + 1] / q) * (y1 - y0);
      }
      return c;
    };
    let lo = Infinity, hi = -Infinity;
    for (const o of raw.optimizers) {
      for (const k of ["tuned", "default"]) o.anim[k].path = path(o.anim[k].xy);
      for (const s of o.sweep) {
        s.path = path(s.xy);
        s.gap = cumsum(s.lg, 1).map((v) => v / raw.log_scale);
        // the axis spans the runs that stayed (a diverged one leaves through the top)
        if (s.diverged_at < 0) for (const v of s.gap) { if (v < lo) lo = v; if (v > hi) hi = v; }
        else if (s.gap[0] > hi) hi = s.gap[0];
      }
    }
    lo = Math.floor(Number.isFinite(lo) ? lo : -16);
    raw.lgRange = [lo, Math.max(Math.ceil(hi) + 1, lo + 2)];
    return raw;
  }

  // The data is a small script that assigns window.OPTIMIZER_DATA[problem]; a <script>
  // tag loads it over http:// and from file:// alike (fetch() is refused on file://).
  function load(url, key) {
    if (!DATA.has(url)) {
      DATA.set(url, new Promise((resolve, reject) => {
        const tag = document.createElement("script");
        tag.src = new URL(url, ROOT).href;
        tag.onload = () => {
          const data = (window.OPTIMIZER_DATA || {})[key];
          if (data) resolve(data); else reject(new Error(url + ": no data for " + key));
        };
        tag.onerror = () => reject(new Error(url));
        document.head.appendChild(tag);
      }).then(decode));
    }
    return DATA.get(url);
  }

  function image(url) {
    if (!IMAGES.has(url)) {
      IMAGES.set(url, new Promise((resolve, reject) => {
        const img = new Image();
        img.onload = () => resolve(img);
        img.onerror = () => reject(new Error(url));
        img.src = new URL(url, ROOT).href;
      }));
    }
    return IMAGES.get(url);
  }

  // ------------------------------------------------------------ numbers as the tables print them

  function fmt(x) {  // scripts/pages.py: fmt_num
    if (x === 0) return "0";
    if (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4) return String(parseFloat(x.toPrecision(3)));
    const [mant, exp] = x.toExponential(2).split("e");
    const e = parseInt(exp, 10);
    // a power of ten as code writes it: 1e-4, not 1.00e-4
    if ((mant === "1.00" || mant === "-1.00") && Math.abs(Math.abs(x) / Math.pow(10, e) - 1) < 1e-9) {
      return mant.slice(0, -3) + "e" + e;
    }
    return mant + "e" + e;
  }

  // ------------------------------------------------------------ drawing

  // A frame reads the canvas's width (and its font, once) before the widget writes any text: the layout is then
  // still clean from the last frame, so drawing never forces the browser to lay the page out again.
  const FONTS = new WeakMap();

  function setup(canvas, aspect) {
    const w = Math.max(1, canvas.clientWidth);
    const h = Math.round(w / aspect);
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!FONTS.has(canvas)) FONTS.set(canvas, "12px " + getComputedStyle(canvas).fontFamily);
    ctx.font = FONTS.get(canvas);
    return { ctx, w, h };
  }

  function marker(ctx, kind, x, y, r, fill, edge) {
    ctx.save();
    ctx.setLineDash([]);
    ctx.beginPath();
    const poly = (pts) => pts.forEach(([a, b], i) => (i ? ctx.lineTo(x + a * r, y + b * r) : ctx.moveTo(x + a * r, y + b * r)));
    switch (kind) {
      case "s": poly([[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]]); break;
      case "^": poly([[0, -1.1], [1, 0.75], [-1, 0.75]]); break;
      case "v": poly([[0, 1.1], [1, -0.75], [-1, -0.75]]); break;
      case "D": poly([[0, -1.15], [0.9, 0], [0, 1.15], [-0.9, 0]]); break;
      case "P": poly([[-0.35, -1], [0.35, -1], [0.35, -0.35], [1, -0.35], [1, 0.35], [0.35, 0.35], [0.35, 1],
        [-0.35, 1], [-0.35, 0.35], [-1, 0.35], [-1, -0.35], [-0.35, -0.35]]); break;
      case "X": {
        const pts = [];
        for (let i = 0; i < 4; i++) {
          const a = Math.PI / 4 + (i * Math.PI) / 2;
          pts.push([Math.cos(a) * 1.1 - Math.sin(a) * 0.3, Math.sin(a) * 1.1 + Math.cos(a) * 0.3]);
          pts.push([Math.cos(a) * 1.1 + Math.sin(a) * 0.3, Math.sin(a) * 1.1 - Math.cos(a) * 0.3]);
          const b = a + Math.PI / 4;
          pts.push([Math.cos(b) * 0.42, Math.sin(b) * 0.42]);
        }
        poly(pts); break;
      }
      case "*": {
        const pts = [];
        for (let i = 0; i < 10; i++) {
          const a = -Math.PI / 2 + (i * Math.PI) / 5, rr = i % 2 ? 0.5 : 1.25;
          pts.push([Math.cos(a) * rr, Math.sin(a) * rr]);
        }
        poly(pts); break;
      }
      default: ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.closePath();
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = edge;
    ctx.stroke();
    ctx.restore();
  }

  function cross(ctx, x, y, r, colour) {
    ctx.save();
    ctx.setLineDash([]);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = colour;
    ctx.beginPath();
    ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r);
    ctx.moveTo(x - r, y + r); ctx.lineTo(x + r, y - r);
    ctx.stroke();
    ctx.restore();
  }

  // A run over the contour, in two parts: its trail (the line through points from..to-1 and the markers along it),
  // which only grows while the animation plays, and its head (or a "diverged" cross and label at the edge of the
  // plot), which moves every frame. `trail` carries the line's drawn length (`len`), so a trail drawn piece by
  // piece keeps its dash pattern where the last piece left it; each piece starts one point back, so the joins
  // are drawn too.
  function markEvery(run) {
    return Math.max(1, Math.floor(run.path.length / 2 / 12));
  }

  function drawTrail(ctx, view, run, from, to, look, trail) {
    const { toX, toY } = view;
    const p = run.path;
    const colour = look.color[view.scheme];
    const start = Math.max(0, from - 2);
    let len = trail.len;
    // the piece's first segment was drawn last time: the dash offset goes back by its length
    if (start < from - 1) len -= Math.hypot(toX(p[2 * start + 2]) - toX(p[2 * start]), toY(p[2 * start + 3]) - toY(p[2 * start + 1]));
    ctx.save();
    ctx.lineWidth = 2;
    ctx.lineJoin = "round";
    ctx.strokeStyle = colour;
    ctx.setLineDash(look.dash);
    ctx.lineDashOffset = len;
    ctx.beginPath();
    let px = 0, py = 0;
    for (let i = start; i < to; i++) {
      const x = toX(p[2 * i]), y = toY(p[2 * i + 1]);
      if (i > start) { ctx.lineTo(x, y); if (i >= from) trail.len += Math.hypot(x - px, y - py); }
      else ctx.moveTo(x, y);
      px = x; py = y;
    }
    ctx.stroke();
    // a marker lies on every `every`-th point short of the head, drawn again where the piece's first segment
    // crossed it
    const every = markEvery(run);
    for (let i = Math.max(every, Math.ceil(start / every) * every); i < to - 1; i += every) {
      marker(ctx, look.marker, toX(p[2 * i]), toY(p[2 * i + 1]), 3, colour, view.theme.background);
    }
    ctx.restore();
  }

  function drawHead(ctx, view, run, n, look, diverged, label, head) {
    const { toX, toY, w, h, theme } = view;
    const p = run.path;
    const colour = look.color[view.scheme];
    ctx.save();
    const ex = Math.min(Math.max(toX(p[2 * n - 2]), 6), w - 6);
    const ey = Math.min(Math.max(toY(p[2 * n - 1]), 6), h - 6);
    if (diverged) {
      cross(ctx, ex, ey, 6, colour);
      ctx.fillStyle = colour;
      ctx.textAlign = ex > w - 90 ? "right" : "left";
      ctx.textBaseline = ey < 20 ? "top" : "bottom";
      ctx.lineWidth = 3;
      ctx.strokeStyle = theme.background;
      ctx.setLineDash([]);
      const tx = ex + (ctx.textAlign === "left" ? 8 : -8), ty = ey + (ctx.textBaseline === "top" ? 6 : -6);
      ctx.strokeText(label, tx, ty);
      ctx.fillText(label, tx, ty);
    } else if (head) {
      marker(ctx, look.marker, ex, ey, 6, colour, theme.foreground);
    }
    ctx.restore();
  }

  // The whole run at once (the explorer).
  function drawRun(ctx, view, run, n, look, diverged, label, head) {
    drawTrail(ctx, view, run, 0, n, look, { len: 0 });
    drawHead(ctx, view, run, n, look, diverged, label, head);
  }

  // The plot's coordinates on a canvas of CSS size w × h, clipped to it; unless `bare`, the background is painted
  // first: its colour and the contour.
  function viewOf(ctx, w, h, data, img, bare) {
    const [[x0, x1], [y0, y1]] = data.bounds;
    const s = scheme();
    const theme = data.theme[s];
    if (!bare) {
      ctx.fillStyle = theme.background;
      ctx.fillRect(0, 0, w, h);
      if (img) ctx.drawImage(img, 0, 0, w, h);
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, 0, w, h);
    ctx.clip();
    return {
      ctx, w, h, scheme: s, theme,
      toX: (x) => ((x - x0) / (x1 - x0)) * w,
      toY: (y) => (1 - (y - y0) / (y1 - y0)) * h,
      done: () => ctx.restore(),
    };
  }

  function contourView(canvas, data, img) {
    const { ctx, w, h } = setup(canvas, 4 / 3);
    return viewOf(ctx, w, h, data, img);
  }

  // Points of a run to show at frame f: kept steps ≤ frames[f] (a diverged run keeps its last point).
  function shown(data, run, f) {
    const total = run.path.length / 2;
    if (run.diverged_at < 0) return Math.min(f + 1, total);
    return data.frames[f] >= run.diverged_at ? total : Math.min(f + 1, total - 1);
  }

  // ------------------------------------------------------------ widgets

  function Widget(root) {
    this.root = root;
    this.labels = root.dataset;
    this.canvas = root.querySelector("canvas.ix-main");
    this.img = null;
  }

  Widget.prototype.background = function () {
    const url = this.root.dataset[scheme() === "dark" ? "imageDark" : "imageLight"];
    image(url).then((img) => { this.img = img; this.draw(); }, () => {});
  };

  // A small picture of a run's line and marker, for the legend (the names are text beside it).
  function legendSwatch(look, s, theme) {
    const c = document.createElement("canvas");
    const dpr = window.devicePixelRatio || 1;
    c.className = "ix-swatch";
    c.setAttribute("aria-hidden", "true");
    c.width = Math.round(40 * dpr);
    c.height = Math.round(14 * dpr);
    const ctx = c.getContext("2d");
    ctx.scale(dpr, dpr);
    ctx.strokeStyle = look.color[s];
    ctx.lineWidth = 2;
    ctx.setLineDash(look.dash);
    ctx.beginPath(); ctx.moveTo(1, 7); ctx.lineTo(39, 7); ctx.stroke();
    marker(ctx, look.marker, 20, 7, 4.5, look.color[s], theme.background);
    return c;
  }

  // The animation: every optimizer at its tuned (or default) lr, frame by frame.
  function Animation(root, data) {
    Widget.call(this, root);
    this.data = data;
    this.frame = data.frames.length - 1;
    this.playing = false;
    this.last = 0;
    this.interval = Math.max(30, 7000 / data.frames.length);
    this.button = root.querySelector(".ix-play");
    this.scrubber = root.querySelector(".ix-scrubber");
    this.output = root.querySelector(".ix-step");
    this.which = root.querySelector(".ix-which");
    this.legend = root.querySelector(".ix-legend");
    this.scrubber.max = String(data.frames.length - 1);
    this.button.addEventListener("click", () => (this.playing ? this.pause() : this.play()));
    this.scrubber.addEventListener("input", () => { this.pause(); this.frame = +this.scrubber.value; this.draw(); });
    this.which.addEventListener("change", () => { this.buildLegend(); this.draw(); });
    this.tick = this.tick.bind(this);
    this.buildLegend();
    if (!reduceMotion.matches) this.frame = 0;
  }
  Animation.prototype = Object.create(Widget.prototype);

  Animation.prototype.buildLegend = function () {
    const s = scheme(), theme = this.data.theme[s], which = this.which.value;
    this.legend.textContent = "";
    this.status = [];
    for (const o of this.data.optimizers) {
      const li = document.createElement("li");
      li.appendChild(legendSwatch(o, s, theme));
      const lr = which === "tuned" ? this.data.lrs[o.tuned_index] : o.default_lr;
      const name = document.createElement("span");
      name.className = "ix-name";
      name.textContent = o.name;
      const value = document.createElement("span");
      value.className = "ix-lr-note";
      value.textContent = this.labels.lrNote + " " + fmt(lr);
      const status = document.createElement("span");
      status.className = "ix-diverged";
      li.append(name, " ", value, " ", status);
      this.legend.appendChild(li);
      this.status.push(status);
    }
  };

  Animation.prototype.play = function () {
    if (this.frame >= this.data.frames.length - 1) this.frame = 0;
    this.playing = true;
    this.button.textContent = this.labels.pause;
    this.last = performance.now();
    requestAnimationFrame(this.tick);
    this.draw();
  };

  Animation.prototype.pause = function () {
    this.playing = false;
    this.button.textContent = this.labels.play;
  };

  Animation.prototype.tick = function (now) {
    if (!this.playing) return;
    if (now - this.last >= this.interval) {
      this.last = now;
      this.frame += 1;
      if (this.frame >= this.data.frames.length - 1) {
        this.frame = this.data.frames.length - 1;
        this.pause();
      }
      this.draw();
    }
    if (this.playing) requestAnimationFrame(this.tick);
  };

  // A frame draws only what is new since the last one: the lines and markers drawn so far are kept on a canvas of
  // their own (the trail, over the contour), which a frame extends by the runs' new segments and copies in one
  // go; only the heads are drawn anew. Going back (the scrubber, a replay), another size, colour scheme, lr or
  // background draws the trail again from the start.
  Animation.prototype.trailTo = function (f, width, height, w, h) {
    const data = this.data, which = this.which.value;
    const key = [width, height, scheme(), which, this.img ? this.img.src : ""].join(" ");
    let t = this.trail;
    if (!t || t.key !== key || f < t.frame) {
      const canvas = (t && t.canvas) || document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const dpr = window.devicePixelRatio || 1;
      const ctx = canvas.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const view = viewOf(ctx, w, h, data, this.img);
      t = this.trail = { key, canvas, view, frame: -1, shown: data.optimizers.map(() => 0),
        runs: data.optimizers.map(() => ({ len: 0 })) };
    }
    if (f !== t.frame) {
      data.optimizers.forEach((o, i) => {
        const run = o.anim[which], n = shown(data, run, f);
        if (n > t.shown[i]) drawTrail(t.view.ctx, t.view, run, t.shown[i], n, o, t.runs[i]);
        t.shown[i] = n;
      });
      t.frame = f;
    }
    return t.canvas;
  };

  Animation.prototype.draw = function () {
    const data = this.data, f = this.frame, which = this.which.value;
    const step = data.frames[f];
    const { ctx, w, h } = setup(this.canvas, 4 / 3);
    const trail = this.trailTo(f, this.canvas.width, this.canvas.height, w, h);
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(trail, 0, 0);
    ctx.restore();
    const view = viewOf(ctx, w, h, data, null, true);
    const status = data.optimizers.map((o) => {
      const run = o.anim[which];
      const gone = run.diverged_at >= 0 && step >= run.diverged_at;
      drawHead(view.ctx, view, run, shown(data, run, f), o, gone, o.name + ": " + this.labels.divergedShort, true);
      return gone ? this.labels.diverged.replace("{step}", run.diverged_at) : "";
    });
    view.done();
    this.scrubber.value = String(f);
    const text = this.labels.step + " " + step + " / " + data.steps;
    this.output.textContent = text;
    this.scrubber.setAttribute("aria-valuetext", text);
    status.forEach((t, i) => { if (this.status[i].textContent !== t) this.status[i].textContent = t; });
  };

  Animation.prototype.restyle = function () { this.buildLegend(); this.background(); this.draw(); };

  // The explorer: one optimizer, one lr of the grid; its path and its loss curve.
  function Explorer(root, data) {
    Widget.call(this, root);
    this.data = data;
    this.select = root.querySelector(".ix-opt");
    this.slider = root.querySelector(".ix-lr");
    this.lossCanvas = root.querySelector("canvas.ix-loss");
    this.lrOut = root.querySelector(".ix-lr-value");
    this.scoreOut = root.querySelector(".ix-score");
    this.statusOut = root.querySelector(".ix-status");
    this.slider.max = String(data.lrs.length - 1);
    this.slider.value = String(data.optimizers[0].tuned_index);
    this.select.addEventListener("change", () => this.draw());
    this.slider.addEventListener("input", () => this.draw());
  }
  Explorer.prototype = Object.create(Widget.prototype);

  Explorer.prototype.draw = function () {
    const data = this.data, L = this.labels;
    const o = data.optimizers[+this.select.value], k = +this.slider.value;
    const run = o.sweep[k], lr = data.lrs[k];
    const diverged = run.diverged_at >= 0;
    const notes = [];
    if (k === o.tuned_index) notes.push(L.isTuned);
    if (Math.abs(lr - o.default_lr) <= 1e-3 * o.default_lr) notes.push(L.isDefault);
    const lrText = fmt(lr) + (notes.length ? " (" + notes.join(", ") + ")" : "");
    const view = contourView(this.canvas, data, this.img);
    drawRun(view.ctx, view, run, run.path.length / 2, o, diverged, L.divergedShort, true);
    view.done();
    this.drawLoss(o, run);
    this.lrOut.textContent = lrText;
    this.slider.setAttribute("aria-valuetext", L.lrNote + " " + lrText);
    const status = diverged ? L.diverged.replace("{step}", run.diverged_at) : L.ok;
    this.scoreOut.textContent = run.score === null ? "∞" : fmt(run.score);
    this.statusOut.textContent = status;
    this.statusOut.classList.toggle("ix-bad", diverged);
  };

  Explorer.prototype.drawLoss = function (o, run) {
    const data = this.data, L = this.labels;
    const { ctx, w, h } = setup(this.lossCanvas, 2);
    const theme = data.theme[scheme()];
    const [lo, hi] = data.lgRange;
    const left = 48, right = 18, top = 10, bottom = 34;
    const pw = w - left - right, ph = h - top - bottom;
    const X = (step) => left + (step / data.steps) * pw;
    const Y = (lg) => top + ((hi - lg) / (hi - lo)) * ph;
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, w, h);
    ctx.strokeStyle = theme.grid;
    ctx.fillStyle = theme.foreground;
    ctx.lineWidth = 1;
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    const every = Math.max(1, Math.ceil((hi - lo) / 6));
    for (let e = Math.ceil(lo / every) * every; e <= hi; e += every) {
      ctx.beginPath(); ctx.moveTo(left, Y(e)); ctx.lineTo(left + pw, Y(e)); ctx.stroke();
      ctx.fillText("1e" + e, left - 4, Y(e));
    }
    ctx.save();
    ctx.setLineDash([2, 3]);
    const tg = Math.log10(data.target_gap);
    ctx.beginPath(); ctx.moveTo(left, Y(tg)); ctx.lineTo(left + pw, Y(tg)); ctx.stroke();
    ctx.restore();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (let i = 0; i <= 4; i++) {
      const s = Math.round((i * data.steps) / 4);
      ctx.fillText(String(s), X(s), top + ph + 4);
    }
    ctx.fillText(L.stepAxis, left + pw / 2, top + ph + 18);
    ctx.strokeStyle = theme.foreground;
    ctx.strokeRect(left, top, pw, ph);
    ctx.save();
    ctx.translate(12, top + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = "middle";
    ctx.fillText(L.lossAxis, 0, 0);
    ctx.restore();

    const steps = data.samples;
    const n = run.gap.length;
    const stepAt = (i) => (i === n - 1 && run.diverged_at >= 0 ? run.diverged_at : steps[i]);
    const colour = o.color[scheme()];
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, pw, ph);
    ctx.clip();
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.setLineDash(o.dash);
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const x = X(stepAt(i)), y = Y(run.gap[i]);
      if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
    }
    ctx.stroke();
    const ex = Math.min(X(stepAt(n - 1)), left + pw - 6), ey = Math.min(Math.max(Y(run.gap[n - 1]), top + 6), top + ph - 6);
    if (run.diverged_at >= 0) cross(ctx, ex, ey, 5, colour);
    else marker(ctx, o.marker, ex, ey, 5, colour, theme.foreground);
    ctx.restore();
  };

  Explorer.prototype.restyle = function () { this.background(); this.draw(); };

  // ------------------------------------------------------------ start

  function init(root) {
    root.dataset.ready = "loading";
    load(root.dataset.data, root.dataset.problem).then((data) => {
      const widget = root.classList.contains("ix-anim") ? new Animation(root, data) : new Explorer(root, data);
      root.hidden = false;
      root.dataset.ready = "true";
      WIDGETS.push(widget);
      widget.background();
      widget.draw();
      if (widget instanceof Animation && !reduceMotion.matches && "IntersectionObserver" in window) {
        // it plays once in view, and not before the page has loaded: its frames would slow the page's own start
        let started = false, visible = false;
        new IntersectionObserver((entries) => {
          for (const e of entries) {
            visible = e.isIntersecting;
            if (visible && !started) {
              started = true;
              loaded.then(() => { if (visible) widget.play(); else started = false; });
            } else if (!visible && widget.playing) widget.pause();
          }
        }, { threshold: 0.5 }).observe(widget.canvas);
      }
      if ("ResizeObserver" in window) {
        let width = 0;
        new ResizeObserver(() => {
          if (root.clientWidth !== width) { width = root.clientWidth; widget.draw(); }
        }).observe(root);
      }
    }, () => { root.dataset.ready = "failed"; root.hidden = true; });
  }

  // A widget's data (a problem's is ~270 KB of script to parse and decode) is fetched when the widget comes within
  // a screen of the view, not while the page is still starting: the problem pages' widgets are far below their
  // first screen, and a phone's main thread is then left to the page itself. One in the first screen (the home
  // page's) starts at once, as before.
  const near = "IntersectionObserver" in window ? new IntersectionObserver((entries, observer) => {
    for (const e of entries) {
      if (e.isIntersecting && !e.target.dataset.ready) { observer.unobserve(e.target); init(e.target); }
    }
  }, { rootMargin: "100% 0px" }) : null;

  function start() {
    for (const root of document.querySelectorAll(".ix[data-data]:not([data-ready])")) {
      if (near) near.observe(root); else init(root);
    }
  }

  new MutationObserver(() => {
    for (const w of WIDGETS) if (document.body.contains(w.root)) w.restyle();
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
