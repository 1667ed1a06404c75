/* Parley timeline: the page at / and the embeddable widget, in one dependency-free file.
 *
 * Embed on any page:
 *   <script src="https://parley.example/parley.js" defer></script>
 *   <div data-parley-timeline data-parley-actor="RUS" data-parley-controls="false"></div>
 *
 * Attributes (all optional): data-parley-api (API origin; default: where this script came from),
 * data-parley-actor, data-parley-cameo, data-parley-from, data-parley-to, data-parley-q,
 * data-parley-controls ("false" hides the filters), data-parley-detail ("false" hides the panel),
 * data-parley-max (most events drawn, default 500).
 *
 * Every event is a row: a button (keyboard: Tab, arrow keys, Enter) with its date and label, and a
 * track on a shared time axis where the bar spans [earliest, latest] (the uncertainty) and the dot
 * marks the best estimate. The axis is compressed (log of each gap) and long empty stretches become
 * a marked break, so a month-wide window and a one-day event stay readable side by side.
 * All text from the API is inserted as text, never as HTML.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var DEFAULT_API = SCRIPT && SCRIPT.src ? new URL(SCRIPT.src, document.baseURI).origin : window.location.origin;
  var DAY = 86400000;
  var GAP_CAP_DAYS = 45;
  var BREAK_UNITS = 2.5;

  var CSS = [
    ".pt{--pt-ink:#1d2433;--pt-muted:#5b6478;--pt-line:#d9dde6;--pt-bg:#fff;--pt-accent:#1f5fbf;--pt-range:rgba(31,95,191,.22);",
    "font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--pt-ink);background:var(--pt-bg);}",
    ".pt *{box-sizing:border-box}",
    ".pt-controls{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:0 0 .75rem}",
    ".pt-controls label{display:flex;flex-direction:column;font-size:.8rem;color:var(--pt-muted);gap:.2rem}",
    ".pt-controls select{font:inherit;padding:.35rem .4rem;border:1px solid var(--pt-line);border-radius:6px;min-width:11rem;background:#fff}",
    ".pt-status{font-size:.85rem;color:var(--pt-muted);margin:.25rem 0 .5rem}",
    ".pt-body{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem;align-items:start}",
    ".pt-open .pt-body{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}",
    ".pt-axis{position:relative;height:1.6rem;margin-left:var(--pt-labelw,14rem);border-bottom:1px solid var(--pt-line);font-size:.72rem;color:var(--pt-muted)}",
    ".pt-tick{position:absolute;bottom:2px;transform:translateX(-50%);white-space:nowrap}",
    ".pt-break{position:absolute;bottom:-.45rem;transform:translateX(-50%);color:var(--pt-muted);font-weight:700}",
    ".pt-list{list-style:none;margin:0;padding:0}",
    ".pt-row{border-bottom:1px solid var(--pt-line)}",
    ".pt-item{display:grid;grid-template-columns:var(--pt-labelw,14rem) 1fr;gap:.5rem;width:100%;text-align:left;background:none;border:0;padding:.45rem .25rem;font:inherit;color:inherit;cursor:pointer}",
    ".pt-item:hover{background:#f3f6fb}",
    ".pt-item:focus-visible{outline:3px solid var(--pt-accent);outline-offset:-3px}",
    ".pt-item[aria-pressed=true]{background:#e8f0fc}",
    ".pt-when{display:block;font-size:.8rem;color:var(--pt-muted)}",
    ".pt-label{display:block;font-weight:600}",
    ".pt-actors{display:block;font-size:.78rem;color:var(--pt-muted)}",
    ".pt-track{position:relative;min-height:2.4rem}",
    ".pt-range{position:absolute;top:.9rem;height:.6rem;background:var(--pt-range);border:1px solid var(--pt-accent);border-radius:4px;min-width:4px}",
    ".pt-dot{position:absolute;top:.8rem;width:.8rem;height:.8rem;margin-left:-.4rem;border-radius:50%;background:var(--pt-accent);border:2px solid #fff}",
    ".pt-approx .pt-range{border-style:dashed}",
    ".pt-detail{border:1px solid var(--pt-line);border-radius:8px;padding:.75rem 1rem;position:sticky;top:.5rem;max-height:90vh;overflow:auto}",
    ".pt-detail:focus{outline:3px solid var(--pt-accent)}",
    ".pt-detail h2{font-size:1.05rem;margin:.1rem 0 .4rem}",
    ".pt-detail dl{display:grid;grid-template-columns:auto 1fr;gap:.15rem .6rem;margin:.4rem 0;font-size:.88rem}",
    ".pt-detail dt{color:var(--pt-muted)}.pt-detail dd{margin:0}",
    ".pt-source{border-top:1px solid var(--pt-line);margin-top:.6rem;padding-top:.5rem;font-size:.9rem}",
    ".pt-excerpt{margin:.35rem 0;padding:.4rem .6rem;background:#fafbfd;border-left:3px solid var(--pt-accent)}",
    "mark.pt-evidence{background:#fff1a8;color:inherit;padding:0 .1rem}",
    "mark.pt-evidence strong{background:#ffd45c}",
    ".pt-warn{color:#8a4b00;font-size:.85rem}",
    ".pt-close{float:right;font:inherit;border:1px solid var(--pt-line);background:#fff;border-radius:6px;padding:.1rem .5rem;cursor:pointer}",
    "@media (max-width:700px){.pt{--pt-labelw:9.5rem}.pt-open .pt-body{grid-template-columns:1fr}.pt-detail{position:static;max-height:none}",
    ".pt-controls select{min-width:0;width:100%}.pt-controls label{flex:1 1 8rem}}"
  ].join("\n");

  function injectCss() {
    if (document.getElementById("parley-timeline-css")) return;
    var style = document.createElement("style");
    style.id = "parley-timeline-css";
    style.textContent = CSS;
    document.head.appendChild(style);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function getJson(api, path, params) {
    var url = new URL(path, api);
    Object.keys(params || {}).forEach(function (k) {
      var v = params[k];
      if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
    });
    return fetch(url.toString(), { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(path + ": HTTP " + r.status);
      return r.json();
    });
  }

  /* All events matching the filters, following `next` cursors up to `max`. */
  function loadTimeline(api, filters, max) {
    var items = [];
    function page(cursor) {
      var params = Object.assign({ limit: Math.min(500, max) }, filters, { cursor: cursor });
      return getJson(api, "/v1/timeline", params).then(function (body) {
        items = items.concat(body.items);
        if (body.next && items.length < max) return page(body.next);
        return items.slice(0, max);
      });
    }
    return page(null);
  }

  function dayNumber(iso) { return Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY); }
  function isoOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function shortDate(day) { var d = new Date(day * DAY); return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear(); }

  /* A time scale over calendar days: monotonic, log-compressed, with breaks over long empty stretches. */
  function makeScale(items) {
    var points = [];
    items.forEach(function (it) { points.push(dayNumber(it.earliest), dayNumber(it.latest) + 1); });
    points = points.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    if (points.length === 1) points.push(points[0] + 1);
    var offsets = [0], breaks = [];
    for (var i = 1; i < points.length; i++) {
      var gap = points[i] - points[i - 1];
      // Logarithmic widths keep a one-day event visible next to a month-long window;
      // a stretch longer than GAP_CAP_DAYS becomes a fixed-width break.
      var width = gap > GAP_CAP_DAYS ? BREAK_UNITS : Math.log2(1 + gap);
      if (gap > GAP_CAP_DAYS) breaks.push(i);
      offsets.push(offsets[i - 1] + width);
    }
    var total = offsets[offsets.length - 1] || 1;
    function x(day) {
      if (day <= points[0]) return 0;
      for (var j = 1; j < points.length; j++) {
        if (day <= points[j]) {
          var frac = (day - points[j - 1]) / (points[j] - points[j - 1]);
          return (offsets[j - 1] + frac * (offsets[j] - offsets[j - 1])) / total * 100;
        }
      }
      return 100;
    }
    return { x: x, points: points, breaks: breaks, offsets: offsets, total: total };
  }

  function drawAxis(axis, scale) {
    axis.textContent = "";
    var lastX = -100;
    var minGap = Math.max(12, 95 / Math.max(axis.clientWidth, 1) * 100);  // about 95 px between labels
    scale.points.forEach(function (day, i) {
      var pos = scale.x(day);
      if (pos - lastX >= minGap && pos <= 94) {
        axis.appendChild(el("span", { className: "pt-tick", style: "left:" + pos + "%", text: shortDate(day) }));
        lastX = pos;
      }
      if (scale.breaks.indexOf(i) >= 0) {
        var mid = (scale.x(scale.points[i - 1]) + pos) / 2;
        axis.appendChild(el("span", { className: "pt-break", style: "left:" + mid + "%", title: "time compressed", "aria-hidden": "true", text: "//" }));
      }
    });
  }

  function actorText(item) {
    var s = item.actors.join(", ");
    if (item.targets.length) s += " → " + item.targets.join(", ");
    return s;
  }

  function row(item, scale) {
    var left = scale.x(dayNumber(item.earliest));
    var right = scale.x(dayNumber(item.latest) + 1);
    var best = scale.x(dayNumber(item.best) + 0.5);
    var exact = item.earliest === item.latest;
    var span = exact ? "on " + item.display : "between " + item.earliest + " and " + item.latest + ", best estimate " + item.best;
    var button = el("button", {
      type: "button", className: "pt-item" + (exact ? "" : " pt-approx"), "aria-pressed": "false",
      "data-event-id": String(item.id), "aria-label": item.label + ", " + span + ", " + actorText(item)
    }, [
      el("span", {}, [
        el("span", { className: "pt-when", text: item.display }),
        el("span", { className: "pt-label", text: item.label }),
        el("span", { className: "pt-actors", text: actorText(item) })
      ]),
      el("span", { className: "pt-track", "aria-hidden": "true" }, [
        el("span", { className: "pt-range", style: "left:" + left + "%;width:" + Math.max(right - left, 0.4) + "%", title: item.earliest + " … " + item.latest }),
        el("span", { className: "pt-dot", style: "left:" + best + "%", title: "best: " + item.best })
      ])
    ]);
    return el("li", { className: "pt-row", "data-event-id": String(item.id), "data-best": item.best }, [button]);
  }

  /* The article text around one evidence span, the span marked and the time words in bold. */
  function excerpt(text, span, timeText) {
    var from = Math.max(0, span.start - 140), to = Math.min(text.length, span.end + 140);
    if (from > 0) from = Math.min(span.start, text.indexOf(" ", from) + 1 || span.start);  // whole words
    if (to < text.length) { var cut = text.lastIndexOf(" ", to); if (cut > span.end) to = cut; }
    var box = el("p", { className: "pt-excerpt" });
    box.appendChild(document.createTextNode((from > 0 ? "… " : "") + text.slice(from, span.start)));
    box.appendChild(markEvidence(text.slice(span.start, span.end), timeText));
    box.appendChild(document.createTextNode(text.slice(span.end, to) + (to < text.length ? " …" : "")));
    return box;
  }

  /* The evidence sentence in a <mark>, each of the time words (";"-separated in time_text) in bold. */
  function markEvidence(sentence, timeText) {
    var mark = el("mark", { className: "pt-evidence" });
    var lower = sentence.toLowerCase(), found = [];
    (timeText || "").split(/\s*;\s*/).forEach(function (words) {
      var at = words ? lower.indexOf(words.toLowerCase()) : -1;
      if (at >= 0) found.push([at, at + words.length]);
    });
    found.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    found.forEach(function (r) {
      if (r[0] < pos) return;  // overlapping phrases: keep the first
      mark.appendChild(document.createTextNode(sentence.slice(pos, r[0])));
      mark.appendChild(el("strong", { text: sentence.slice(r[0], r[1]) }));
      pos = r[1];
    });
    mark.appendChild(document.createTextNode(sentence.slice(pos)));
    return mark;
  }

  function Timeline(root, opts) {
    this.root = root;
    this.opts = opts;
    this.filters = { actor: opts.actor, cameo: opts.cameo, from: opts.from, to: opts.to, q: opts.q };
    this.items = [];
    this.build();
    this.refresh();
  }

  Timeline.prototype.build = function () {
    var self = this, o = this.opts;
    this.root.classList.add("pt");
    this.root.textContent = "";
    if (o.controls) {
      this.actorSel = el("select", { "aria-label": "Actor", name: "actor" }, [el("option", { value: "", text: "All actors" })]);
      this.typeSel = el("select", { "aria-label": "Event type", name: "cameo" }, [el("option", { value: "", text: "All event types" })]);
      this.actorSel.addEventListener("change", function () { self.filters.actor = self.actorSel.value; self.refresh(); });
      this.typeSel.addEventListener("change", function () { self.filters.cameo = self.typeSel.value; self.refresh(); });
      var controls = el("div", { className: "pt-controls", role: "group", "aria-label": "Filters" }, [
        el("label", {}, [document.createTextNode("Actor"), this.actorSel]),
        el("label", {}, [document.createTextNode("Event type"), this.typeSel])
      ]);
      this.root.appendChild(controls);
      this.fillFilters();
    }
    this.status = el("p", { className: "pt-status", role: "status", "aria-live": "polite", text: "Loading timeline…" });
    this.axis = el("div", { className: "pt-axis", "aria-hidden": "true" });
    this.list = el("ol", { className: "pt-list", "aria-label": "Events in time order" });
    this.list.addEventListener("keydown", function (e) { self.onKey(e); });
    var main = el("div", { className: "pt-main" }, [this.axis, this.list]);
    this.detail = el("section", { className: "pt-detail", tabindex: "-1", "aria-label": "Event detail", hidden: "" });
    this.detail.addEventListener("keydown", function (e) { if (e.key === "Escape") self.closeDetail(); });
    this.root.appendChild(this.status);
    this.root.appendChild(el("div", { className: "pt-body" }, [main, o.detail ? this.detail : null]));
  };

  Timeline.prototype.fillFilters = function () {
    var self = this, api = this.opts.api;
    getJson(api, "/v1/actors").then(function (body) {
      body.items.filter(function (a) { return a.events > 0; }).forEach(function (a) {
        var label = a.name && a.name !== a.code ? a.name + " (" + a.code + ")" : a.code;
        self.actorSel.appendChild(el("option", { value: a.code, text: label + " · " + a.events }));
      });
      if (self.filters.actor) self.actorSel.value = self.filters.actor;
    }).catch(function () {});
    getJson(api, "/v1/stats").then(function (body) {
      body.by_cameo_root.forEach(function (c) {
        self.typeSel.appendChild(el("option", { value: c.root, text: c.name + " (" + c.root + ") · " + c.count }));
      });
      if (self.filters.cameo) self.typeSel.value = self.filters.cameo;
    }).catch(function () {});
  };

  Timeline.prototype.refresh = function () {
    var self = this;
    this.status.textContent = "Loading timeline…";
    return loadTimeline(this.opts.api, this.filters, this.opts.max).then(function (items) {
      self.items = items;
      self.draw();
      self.status.textContent = items.length === 1 ? "1 event" : items.length + " events";
      self.root.setAttribute("data-parley-ready", "true");
    }).catch(function (err) {
      self.status.textContent = "Could not load the timeline (" + err.message + ").";
    });
  };

  Timeline.prototype.draw = function () {
    var self = this;
    this.list.textContent = "";
    if (!this.items.length) { this.axis.textContent = ""; return; }
    var scale = makeScale(this.items);
    this.scale = scale;
    drawAxis(this.axis, scale);
    this.items.forEach(function (item) {
      var li = row(item, scale);
      li.firstChild.addEventListener("click", function () { self.select(item.id, li.firstChild); });
      self.list.appendChild(li);
    });
  };

  Timeline.prototype.onKey = function (e) {
    var buttons = Array.prototype.slice.call(this.list.querySelectorAll(".pt-item"));
    var i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    var next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, next))].focus();
  };

  Timeline.prototype.select = function (id, button) {
    var self = this;
    Array.prototype.forEach.call(this.list.querySelectorAll(".pt-item"), function (b) { b.setAttribute("aria-pressed", String(b === button)); });
    this.selectedButton = button;
    if (!this.opts.detail) return;
    getJson(this.opts.api, "/v1/events/" + id).then(function (item) { self.showDetail(item); });
  };

  Timeline.prototype.showDetail = function (item) {
    var self = this, d = this.detail;
    d.textContent = "";
    d.removeAttribute("hidden");
    this.root.classList.add("pt-open");
    if (this.scale) drawAxis(this.axis, this.scale);  // the axis got narrower: re-space its labels
    d.setAttribute("data-event-id", String(item.id));
    var close = el("button", { type: "button", className: "pt-close", "aria-label": "Close detail", text: "×" });
    close.addEventListener("click", function () { self.closeDetail(); });
    d.appendChild(close);
    d.appendChild(el("h2", { text: item.label }));
    var facts = [
      ["When", item.display + (item.earliest === item.latest ? "" : " (between " + item.earliest + " and " + item.latest + ")")],
      ["Best estimate", item.best + " · " + item.granularity],
      ["Actors", actorText(item)],
      ["CAMEO", item.cameo + " · " + item.modality],
      ["Confidence", String(item.confidence)],
      ["Reports", String(item.mention_count)]
    ];
    d.appendChild(el("dl", {}, [].concat.apply([], facts.map(function (f) { return [el("dt", { text: f[0] }), el("dd", { text: f[1] })]; }))));
    if (item.date_conflict) d.appendChild(el("p", { className: "pt-warn", text: "Sources disagree on the date: the window shown covers all of them." }));
    item.provenance.forEach(function (p) {
      var src = el("div", { className: "pt-source" });
      var name = p.outlet || p.title || "Article " + p.article_id;
      var head = el("p", {});
      if (p.url && /^https?:/i.test(p.url)) head.appendChild(el("a", { href: p.url, rel: "noopener noreferrer", target: "_blank", text: name }));
      else head.appendChild(document.createTextNode(name));
      head.appendChild(document.createTextNode(" · published " + p.published.slice(0, 10) + (p.published_flagged ? " (guessed)" : "")));
      src.appendChild(head);
      src.appendChild(el("p", { className: "pt-how", text: "Dated by " + (p.time_text ? "“" + p.time_text + "”" : "context") + " — " + p.resolution + (p.rule_ids.length ? " (" + p.rule_ids.join(", ") + ")" : "") }));
      var quotes = el("div", {});
      p.evidence.forEach(function (span) { quotes.appendChild(el("p", { className: "pt-excerpt" }, [markEvidence(span.text, p.time_text)])); });
      src.appendChild(quotes);
      d.appendChild(src);
      getJson(self.opts.api, "/v1/articles/" + p.article_id).then(function (article) {
        quotes.textContent = "";
        p.evidence.forEach(function (span) { quotes.appendChild(excerpt(article.text, span, p.time_text)); });
      }).catch(function () {});
    });
    d.focus();
  };

  Timeline.prototype.closeDetail = function () {
    this.detail.setAttribute("hidden", "");
    this.root.classList.remove("pt-open");
    if (this.scale) drawAxis(this.axis, this.scale);
    if (this.selectedButton) { this.selectedButton.setAttribute("aria-pressed", "false"); this.selectedButton.focus(); }
  };

  function optionsOf(node) {
    var ds = node.dataset;
    return {
      api: ds.parleyApi || DEFAULT_API,
      actor: ds.parleyActor || "",
      cameo: ds.parleyCameo || "",
      from: ds.parleyFrom || "",
      to: ds.parleyTo || "",
      q: ds.parleyQ || "",
      controls: ds.parleyControls !== "false",
      detail: ds.parleyDetail !== "false",
      max: Math.max(1, Math.min(5000, parseInt(ds.parleyMax || "500", 10) || 500))
    };
  }

  function mount(node, options) {
    injectCss();
    var opts = Object.assign(optionsOf(node), options || {});
    node.parleyTimeline = new Timeline(node, opts);
    return node.parleyTimeline;
  }

  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-parley-timeline]"), function (node) {
      if (!node.parleyTimeline) mount(node);
    });
  }

  window.Parley = { mount: mount, mountAll: mountAll, makeScale: makeScale, isoOf: isoOf };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
