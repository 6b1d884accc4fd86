/*
 * TBMS ops dashboard: polls GET /api/report every 2 s and updates the page in place.
 *
 * Plain ES2017, no dependencies. Every string from the report (task names come from callers)
 * reaches the page through textContent or setAttribute, never through HTML parsing. Rows and
 * bar segments are keyed and reused between polls, so nothing is torn down and rebuilt.
 */
'use strict';
(function () {
  const REPORT_URL = '/api/report';
  const POLL_MS = 2000;
  const STALE_MS = 6000;
  const FETCH_TIMEOUT_MS = 5000;
  const SPARK_POINTS = 150;
  const LABEL_CHAR_PX = 6.5;
  const SVG_NS = 'http://www.w3.org/2000/svg';

  // Okabe-Ito: distinguishable with the common colour-vision deficiencies.
  const MODEL_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#555555'];
  // Chain ranks: one hue, darker = better, so order survives greyscale too; EMPTY is vermillion, striped.
  const RANK_COLOURS = ['#08306B', '#2171B5', '#6BAED6', '#C6DBEF', '#E3EEF9'];
  const EMPTY_COLOUR = '#D55E00';

  const state = {
    lastOkAt: 0,
    lastError: null,
    renderError: null,
    report: null,
    shed: [],
    modelColour: new Map(),
  };

  // ---- small helpers -------------------------------------------------------------------------

  function $(sel, root) { return (root || document).querySelector(sel); }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      if (attrs[k] !== undefined && attrs[k] !== null) node.setAttribute(k, String(attrs[k]));
    });
  }

  function setText(node, text) {
    const s = String(text);
    if (node.textContent !== s) node.textContent = s;
  }

  function setAttr(node, name, value) {
    const s = String(value);
    if (node.getAttribute(name) !== s) node.setAttribute(name, s);
  }

  function obj(v) { return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {}; }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function num(v) { return typeof v === 'number' && isFinite(v) ? v : null; }
  function share(v) { const n = num(v); return n === null ? 0 : Math.max(0, Math.min(1, n)); }

  function fmtPct(v) { const n = num(v); return n === null ? '–' : (n * 100).toFixed(1) + '%'; }
  function fmtMs(v) { const n = num(v); return n === null ? '–' : n.toFixed(1) + ' ms'; }
  function fmtRate(v) { const n = num(v); return n === null ? '–' : n.toFixed(1); }
  function fmtCount(v) { const n = num(v); return n === null ? '–' : String(Math.round(n)); }
  function pad2(n) { return n < 10 ? '0' + n : String(n); }
  function fmtClock(tMs, seconds) {
    const d = new Date(tMs);
    const hm = pad2(d.getHours()) + ':' + pad2(d.getMinutes());
    return seconds ? hm + ':' + pad2(d.getSeconds()) : hm;
  }
  function fmtBytes(b) {
    const n = num(b);
    if (n === null) return '–';
    const gib = n / 1073741824;
    return gib >= 1 ? gib.toFixed(1) + ' GiB' : (n / 1048576).toFixed(0) + ' MiB';
  }

  /** Dark text on light fills, white on dark ones. */
  function inkFor(hex) {
    const c = parseInt(hex.slice(1), 16);
    const lin = [(c >> 16) & 255, (c >> 8) & 255, c & 255].map(function (x) {
      x /= 255;
      return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] > 0.3 ? '#111' : '#fff';
  }

  function colourOf(model) {
    if (!state.modelColour.has(model)) {
      state.modelColour.set(model, MODEL_COLOURS[state.modelColour.size % MODEL_COLOURS.length]);
    }
    return state.modelColour.get(model);
  }

  /**
   * Fixes model colours for the page's lifetime: models with lag data first, slowest first (the
   * best model of a chain is usually its slowest), then any other model by name.
   */
  function registerModels(r) {
    const lag = obj(r.lag);
    Object.keys(lag)
      .sort(function (a, b) { return (num(obj(lag[b]).avg_ms) || 0) - (num(obj(lag[a]).avg_ms) || 0); })
      .forEach(colourOf);
    const others = new Set();
    const add = function (o) { Object.keys(obj(o)).forEach(function (m) { others.add(m); }); };
    Object.keys(obj(r.downgrade)).forEach(function (t) { add(obj(obj(r.downgrade)[t]).models); });
    arr(obj(r.occupancy).devices).forEach(function (d) { add(obj(d).models); });
    add(r.circuits);
    add(r.batch_config);
    Array.from(others).sort().forEach(colourOf);
  }

  function rankColour(rank) { return RANK_COLOURS[Math.min(rank, RANK_COLOURS.length - 1)]; }

  /**
   * Makes parent's children the nodes for keys, in order: existing nodes are kept and updated,
   * missing ones created, nodes of vanished keys removed.
   */
  function keyed(parent, keys, create, update) {
    if (!parent.__nodes) parent.__nodes = new Map();
    const nodes = parent.__nodes;
    const wanted = new Set(keys);
    nodes.forEach(function (node, key) {
      if (!wanted.has(key)) { node.remove(); nodes.delete(key); }
    });
    keys.forEach(function (key, i) {
      let node = nodes.get(key);
      if (!node) { node = create(key); nodes.set(key, node); }
      update(node, key);
      if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] || null);
    });
  }

  /** Rebuilds node's children with build() only when signature changed since the last call. */
  function rebuildIfChanged(node, signature, build) {
    if (node.__signature === signature) return;
    node.__signature = signature;
    while (node.firstChild) node.removeChild(node.firstChild);
    build(node);
  }

  function showNote(section, empty) {
    const note = $('.empty-note', section);
    if (note) note.hidden = !empty;
  }

  /**
   * A stacked horizontal bar. segments: [{key, share, colour, cls, label, title, attrs}].
   * Segment nodes are keyed so widths change in place.
   */
  function updateBar(bar, segments) {
    const barPx = bar.clientWidth || 400;
    keyed(bar, segments.map(function (s) { return s.key; }),
      function () { return el('span', { class: 'seg' }); },
      function (node, key) {
        const s = segments.find(function (x) { return x.key === key; });
        const width = (s.share * 100).toFixed(2) + '%';
        if (node.style.width !== width) node.style.width = width;
        setAttr(node, 'class', 'seg' + (s.cls ? ' ' + s.cls : ''));
        if (s.colour) {
          node.style.backgroundColor = s.colour;
          node.style.color = inkFor(s.colour);
        }
        setAttr(node, 'title', s.title);
        if (s.attrs) Object.keys(s.attrs).forEach(function (k) { setAttr(node, k, s.attrs[k]); });
        setText(node, s.share * barPx >= s.label.length * LABEL_CHAR_PX + 6 ? s.label : '');
      });
  }

  function updateLegend(list, items) {
    keyed(list, items.map(function (i) { return i.key; }),
      function () {
        const li = el('li');
        li.appendChild(el('span', { class: 'swatch', 'aria-hidden': 'true' }));
        li.appendChild(el('span', { class: 'label' }));
        return li;
      },
      function (li, key) {
        const item = items.find(function (i) { return i.key === key; });
        const sw = li.firstChild;
        setAttr(sw, 'class', 'swatch' + (item.cls ? ' ' + item.cls : ''));
        sw.style.backgroundColor = item.colour || '';
        setText(li.lastChild, item.label);
      });
  }

  // ---- header and status ---------------------------------------------------------------------

  function renderHeader(r) {
    setText($('#qps'), fmtRate(r.queries_per_s));
    setText($('#empty-rate'), fmtPct(r.empty_rate));
    setText($('#shed-rate'), fmtRate(r.shed_per_s));
    setText($('#brokers'), fmtCount(r.brokers));
    const gen = num(r.generated_at_ms);
    setText($('#updated'), gen === null ? '–' : fmtClock(gen, true));
    if (gen !== null) setAttr($('#updated'), 'title', new Date(gen).toISOString());
    const windowS = num(r.window_s);
    if (windowS !== null) {
      setText($('#window'), windowS % 60 === 0 ? windowS / 60 + ' min' : windowS + ' s');
    }
  }

  function renderStatus() {
    const status = $('#status');
    const detail = $('#status-detail');
    const now = Date.now();
    const ageMs = state.lastOkAt ? now - state.lastOkAt : null;
    let text;
    let why = '';
    if (!state.lastOkAt && !state.lastError) {
      text = 'connecting';
    } else if (state.lastError || ageMs > STALE_MS) {
      text = 'stale';
      why = state.lastError ? state.lastError : 'no answer from ' + REPORT_URL;
      why += state.lastOkAt ? ' · last data ' + Math.round(ageMs / 1000) + ' s ago' : ' · no data received yet';
    } else {
      text = 'live';
      why = state.renderError || '';
    }
    setText(status, text);
    setAttr(status, 'class', 'pill pill-' + (text === 'live' ? 'live' : text === 'stale' ? 'stale' : 'wait'));
    setText(detail, why);
    setAttr(detail, 'title', why);
    document.body.classList.toggle('is-stale', text === 'stale' && state.lastOkAt > 0);
  }

  // ---- downgrade per task --------------------------------------------------------------------

  function rankKeys(ranks) {
    return Object.keys(ranks)
      .filter(function (k) { return /^\d+$/.test(k); })
      .sort(function (a, b) { return Number(a) - Number(b); });
  }

  function renderDowngrade(r) {
    const section = $('#downgrade');
    const data = obj(r.downgrade);
    const tasks = Object.keys(data).sort(function (a, b) {
      if (a === 'other' || b === 'other') return a === 'other' ? (b === 'other' ? 0 : 1) : -1;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    let maxRank = -1;
    tasks.forEach(function (task) {
      rankKeys(obj(obj(data[task]).ranks)).forEach(function (k) { maxRank = Math.max(maxRank, Number(k)); });
    });

    keyed($('tbody', section), tasks, createTaskRow, function (tr, task) {
      const t = obj(data[task]);
      const ranks = obj(t.ranks);
      const cells = tr.__cells;
      setText(cells.queries, fmtCount(t.queries));
      setText(cells.downgraded, fmtPct(t.downgraded));
      setText(cells.empty, fmtPct(t.empty));
      const segments = rankKeys(ranks).map(function (k) {
        const rank = Number(k);
        const s = share(ranks[k]);
        return {
          key: 'r' + k, share: s, colour: rankColour(rank), label: fmtPct(s),
          title: task + ': rank ' + k + (rank === 0 ? ' (best model)' : '') + ' answered ' + fmtPct(s),
          attrs: { 'data-rank': k },
        };
      });
      const e = share(t.empty);
      segments.push({
        key: 'empty', share: e, cls: 'seg-empty', colour: EMPTY_COLOUR, label: fmtPct(e),
        title: task + ': EMPTY (no answer in time) ' + fmtPct(e), attrs: { 'data-rank': 'empty' },
      });
      updateBar(cells.bar, segments);
      const models = obj(t.models);
      const names = Object.keys(models).sort(function (a, b) { return share(models[b]) - share(models[a]); });
      rebuildIfChanged(cells.models, JSON.stringify(names.map(function (m) { return [m, fmtPct(models[m])]; })),
        function (td) {
          if (!names.length) td.appendChild(el('span', { class: 'muted' }, 'no answers'));
          names.forEach(function (m) {
            const item = el('span', { class: 'model-share', 'data-model': m });
            const sw = el('span', { class: 'swatch', 'aria-hidden': 'true' });
            sw.style.backgroundColor = colourOf(m);
            item.appendChild(sw);
            item.appendChild(document.createTextNode(m + ' ' + fmtPct(models[m])));
            td.appendChild(item);
          });
        });
    });

    const legend = [];
    for (let k = 0; k <= maxRank; k++) {
      legend.push({ key: 'r' + k, colour: rankColour(k), label: 'rank ' + k + (k === 0 ? ' (best)' : '') });
    }
    legend.push({ key: 'empty', colour: EMPTY_COLOUR, cls: 'seg-empty', label: 'EMPTY' });
    updateLegend($('#rank-legend'), legend);
    $('#rank-legend').hidden = tasks.length === 0;
    showNote(section, tasks.length === 0);
    $('table', section).hidden = tasks.length === 0;
  }

  function createTaskRow(task) {
    const tr = el('tr', { 'data-task': task });
    const name = el('th', { scope: 'row', class: 'task', 'data-field': 'task', title: task }, task);
    const queries = el('td', { class: 'num', 'data-field': 'queries' });
    const barCell = el('td', { 'data-field': 'ranks' });
    const bar = el('div', { class: 'bar', role: 'img', 'aria-label': 'answers of ' + task + ' by chain rank' });
    barCell.appendChild(bar);
    const models = el('td', { class: 'models', 'data-field': 'models' });
    const downgraded = el('td', { class: 'num', 'data-field': 'downgraded' });
    const empty = el('td', { class: 'num', 'data-field': 'empty' });
    [name, queries, barCell, models, downgraded, empty].forEach(function (c) { tr.appendChild(c); });
    tr.__cells = { queries: queries, bar: bar, models: models, downgraded: downgraded, empty: empty };
    return tr;
  }

  // ---- lag per model -------------------------------------------------------------------------

  function renderLag(r) {
    const section = $('#lag');
    const data = obj(r.lag);
    const models = Object.keys(data).sort();

    keyed($('tbody', section), models, function (model) {
      const tr = el('tr', { 'data-model': model });
      const th = el('th', { scope: 'row', 'data-field': 'model', title: model });
      const sw = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      th.appendChild(sw);
      th.appendChild(document.createTextNode(model));
      tr.appendChild(th);
      ['avg', 'p50', 'p99', 'samples'].forEach(function (f) {
        tr.appendChild(el('td', { class: 'num', 'data-field': f }));
      });
      return tr;
    }, function (tr, model) {
      const m = obj(data[model]);
      tr.querySelector('.swatch').style.backgroundColor = colourOf(model);
      setText(tr.querySelector('[data-field="avg"]'), fmtMs(m.avg_ms));
      setText(tr.querySelector('[data-field="p50"]'), fmtMs(m.p50_ms));
      setText(tr.querySelector('[data-field="p99"]'), fmtMs(m.p99_ms));
      setText(tr.querySelector('[data-field="samples"]'), fmtCount(m.samples));
    });

    updateLegend($('#lag-legend'), models.map(function (m) {
      return { key: m, colour: colourOf(m), label: m };
    }).concat([{ key: ':avg', cls: 'line-solid', label: 'avg' }, { key: ':p99', cls: 'line-dashed', label: 'p99' }]));

    $('#lag-legend').hidden = models.length === 0;
    showNote(section, models.length === 0);
    $('.lag-body', section).hidden = models.length === 0;
    if (models.length) drawLagChart($('#lag-chart'), r, data, models);
  }

  function niceStep(span, ticks) {
    const raw = span / ticks;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
  }

  function drawLagChart(box, r, data, models) {
    const W = Math.max(320, box.clientWidth || 640);
    const H = 260;
    const pad = { l: 52, r: 12, t: 10, b: 26 };
    const iw = W - pad.l - pad.r;
    const ih = H - pad.t - pad.b;
    const windowMs = (num(r.window_s) || 600) * 1000;
    const bucketMs = (num(r.bucket_s) || 10) * 1000;
    const x1 = num(r.generated_at_ms) || Date.now();
    const x0 = x1 - windowMs;

    let yMax = 0;
    models.forEach(function (m) {
      arr(obj(data[m]).series).forEach(function (p) {
        yMax = Math.max(yMax, num(obj(p).p99_ms) || 0, num(obj(p).avg_ms) || 0);
      });
    });
    const yStep = niceStep(yMax > 0 ? yMax : 50, 4);
    const yTop = Math.max(yStep, Math.ceil(yMax / yStep) * yStep);
    const sx = function (t) { return pad.l + (t - x0) / windowMs * iw; };
    const sy = function (v) { return pad.t + ih - v / yTop * ih; };

    let svg = box.querySelector('svg');
    if (!svg) {
      svg = svgEl('svg', { role: 'img', 'aria-label': 'lag per model over the last ten minutes' });
      box.appendChild(svg);
      box.appendChild(el('div', { class: 'tip', hidden: '' }));
    }
    setAttrs(svg, { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H });
    while (svg.firstChild) svg.removeChild(svg.firstChild);

    const axes = svgEl('g', { class: 'axes' });
    for (let v = 0; v <= yTop + 1e-9; v += yStep) {
      const y = sy(v).toFixed(1);
      axes.appendChild(svgEl('line', { class: v === 0 ? 'axis' : 'gridline', x1: pad.l, x2: W - pad.r, y1: y, y2: y }));
      axes.appendChild(svgEl('text', { class: 'tick', x: pad.l - 6, y: Number(y) + 4, 'text-anchor': 'end' },
        (yStep < 1 ? v.toFixed(1) : Math.round(v)) + ' ms'));
    }
    const xStep = windowMs >= 300000 ? 120000 : 60000;
    for (let t = Math.ceil(x0 / xStep) * xStep; t <= x1; t += xStep) {
      if (sx(t) - pad.l < 20) continue; // a label this close would sit on the y axis
      const x = sx(t).toFixed(1);
      axes.appendChild(svgEl('line', { class: 'gridline', x1: x, x2: x, y1: pad.t, y2: pad.t + ih }));
      axes.appendChild(svgEl('text', { class: 'tick', x: x, y: H - 8, 'text-anchor': 'middle' }, fmtClock(t, false)));
    }
    axes.appendChild(svgEl('line', { class: 'axis', x1: pad.l, x2: pad.l, y1: pad.t, y2: pad.t + ih }));
    svg.appendChild(axes);

    const lines = svgEl('g', { class: 'lines' });
    const points = [];
    models.forEach(function (m) {
      const series = arr(obj(data[m]).series).map(obj)
        .filter(function (p) { return num(p.t_ms) !== null && p.t_ms >= x0 && p.t_ms <= x1; })
        .sort(function (a, b) { return a.t_ms - b.t_ms; });
      series.forEach(function (p) { points.push({ model: m, p: p }); });
      [['avg', 'avg_ms', ''], ['p99', 'p99_ms', '5 4']].forEach(function (spec) {
        const d = linePath(series, spec[1], bucketMs, sx, sy);
        if (!d) return;
        const path = svgEl('path', {
          d: d, 'data-model': m, 'data-stat': spec[0], class: 'line line-' + spec[0],
          stroke: colourOf(m), 'stroke-dasharray': spec[2] || null,
        });
        path.appendChild(svgEl('title', null, m + ' ' + spec[0]));
        lines.appendChild(path);
      });
    });
    svg.appendChild(lines);

    const cursor = svgEl('line', { class: 'cursor', y1: pad.t, y2: pad.t + ih, visibility: 'hidden' });
    svg.appendChild(cursor);
    const overlay = svgEl('rect', { x: pad.l, y: pad.t, width: iw, height: ih, fill: 'transparent' });
    svg.appendChild(overlay);
    const tip = box.querySelector('.tip');
    overlay.addEventListener('mousemove', function (ev) {
      const rect = svg.getBoundingClientRect();
      const t = x0 + (ev.clientX - rect.left - pad.l) / iw * windowMs;
      showTip(tip, cursor, points, t, bucketMs, sx, ev.clientX - rect.left, W);
    });
    overlay.addEventListener('mouseleave', function () {
      tip.hidden = true;
      cursor.setAttribute('visibility', 'hidden');
    });
  }

  /** An SVG path through the series; a bucket-sized gap or more breaks the line. */
  function linePath(series, field, bucketMs, sx, sy) {
    let d = '';
    let prevT = null;
    series.forEach(function (p) {
      const v = num(p[field]);
      if (v === null) { prevT = null; return; }
      const xy = sx(p.t_ms).toFixed(1) + ',' + sy(v).toFixed(1);
      d += (prevT === null || p.t_ms - prevT > bucketMs * 1.5 ? 'M' : 'L') + xy;
      prevT = p.t_ms;
    });
    // A lone point still shows as a dot (round caps on a zero-length segment).
    return d.replace(/M([\d.]+,[\d.]+)(?=M|$)/g, 'M$1l0.01,0');
  }

  function showTip(tip, cursor, points, t, bucketMs, sx, mouseX, W) {
    let best = null;
    points.forEach(function (e) {
      if (best === null || Math.abs(e.p.t_ms - t) < Math.abs(best - t)) best = e.p.t_ms;
    });
    if (best === null || Math.abs(best - t) > bucketMs) {
      tip.hidden = true;
      cursor.setAttribute('visibility', 'hidden');
      return;
    }
    cursor.setAttribute('x1', sx(best).toFixed(1));
    cursor.setAttribute('x2', sx(best).toFixed(1));
    cursor.setAttribute('visibility', 'visible');
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    tip.appendChild(el('div', { class: 'tip-time' }, fmtClock(best, true)));
    points.filter(function (e) { return e.p.t_ms === best; }).forEach(function (e) {
      const row = el('div');
      const sw = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      sw.style.backgroundColor = colourOf(e.model);
      row.appendChild(sw);
      row.appendChild(document.createTextNode(e.model + '  avg ' + fmtMs(e.p.avg_ms) + '  p99 ' + fmtMs(e.p.p99_ms)
        + '  n=' + fmtCount(e.p.samples)));
      tip.appendChild(row);
    });
    tip.hidden = false;
    const left = mouseX + 14;
    tip.style.left = (left + tip.offsetWidth > W ? mouseX - tip.offsetWidth - 14 : left) + 'px';
  }

  // ---- occupancy per device ------------------------------------------------------------------

  function renderOccupancy(r) {
    const section = $('#occupancy');
    const occ = obj(r.occupancy);
    const devices = arr(occ.devices).map(obj).filter(function (d) { return typeof d.id === 'string'; });
    const byId = new Map(devices.map(function (d) { return [d.id, d]; }));
    const allModels = new Set();
    devices.forEach(function (d) { Object.keys(obj(d.models)).forEach(function (m) { allModels.add(m); }); });

    keyed($('.devices', section), Array.from(byId.keys()), createDeviceRow, function (row, id) {
      const d = byId.get(id);
      const c = row.__cells;
      const name = typeof d.name === 'string' && d.name ? d.name : id;
      setText(c.name, name);
      setAttr(c.name, 'title', id + (d.backend ? ' · ' + d.backend : ''));
      setText(c.host, name === id ? '' : id);
      const kind = typeof d.kind === 'string' ? d.kind.toUpperCase() : '?';
      setText(c.kind, kind);
      setAttr(c.kind, 'class', 'badge kind-' + (kind === 'GPU' ? 'gpu' : 'cpu'));
      const down = d.down === true;
      c.down.hidden = !down;
      row.classList.toggle('down', down);
      setText(c.used, fmtPct(d.used));
      const memUsed = num(d.memory_used_bytes);
      const memTotal = num(d.memory_total_bytes);
      setText(c.mem, memTotal ? 'mem ' + fmtBytes(memUsed) + ' / ' + fmtBytes(memTotal) : '');

      const models = obj(d.models);
      const segments = Object.keys(models).sort().map(function (m) {
        const s = share(models[m]);
        return {
          key: 'm:' + m, share: s, colour: colourOf(m), label: fmtPct(s),
          title: name + ': ' + m + ' ' + fmtPct(s), attrs: { 'data-model': m },
        };
      });
      const un = share(d.unattributed);
      segments.push({
        key: 'unattributed', share: un, cls: 'seg-unattributed', label: fmtPct(un),
        title: name + ': unattributed (not one of our models) ' + fmtPct(un), attrs: { 'data-part': 'unattributed' },
      });
      const free = num(d.free) === null ? Math.max(0, 1 - share(d.used)) : share(d.free);
      segments.push({
        key: 'free', share: free, cls: 'seg-free', label: fmtPct(free) + ' free',
        title: name + ': free ' + fmtPct(free), attrs: { 'data-part': 'free' },
      });
      updateBar(c.bar, segments);
    });
    showNote(section, byId.size === 0);

    const legend = Array.from(allModels).sort().map(function (m) { return { key: m, colour: colourOf(m), label: m }; });
    legend.push({ key: ':un', cls: 'seg-unattributed', label: 'unattributed' });
    legend.push({ key: ':free', cls: 'seg-free', label: 'free' });
    updateLegend($('#occupancy-legend'), legend);

    const advice = arr(occ.advice).map(obj);
    rebuildIfChanged($('.advice', section), JSON.stringify(advice), function (ul) {
      advice.forEach(function (a) {
        const li = el('li', { 'data-kind': a.kind });
        li.appendChild(el('span', { class: 'badge advice-kind' }, a.kind || 'ADVICE'));
        li.appendChild(el('span', { class: 'reason' }, a.reason || ''));
        const parts = [];
        const models = arr(a.models).join(', ');
        if (models) parts.push('models ' + models);
        const from = arr(a.from_devices).join(', ');
        if (from || a.to_device) parts.push((from || '?') + ' → ' + (a.to_device || '?'));
        const freed = arr(a.freed_devices).join(', ');
        if (freed) parts.push('frees ' + freed);
        if (parts.length) li.appendChild(el('div', { class: 'muted small' }, parts.join(' · ')));
        ul.appendChild(li);
      });
    });
    $('.advice-note', section).hidden = advice.length > 0 || byId.size === 0;
    $('.advice-head', section).hidden = advice.length === 0 && byId.size === 0;
    $('#occupancy-legend').hidden = byId.size === 0;
  }

  function createDeviceRow(id) {
    const row = el('div', { class: 'device', 'data-device': id });
    const head = el('div', { class: 'device-head' });
    const cells = {
      name: el('strong', { class: 'device-name', 'data-field': 'name' }),
      host: el('span', { class: 'muted small', 'data-field': 'id' }),
      kind: el('span', { class: 'badge', 'data-field': 'kind' }),
      down: el('span', { class: 'badge badge-down', 'data-field': 'down', hidden: '' }, 'DOWN'),
      used: el('span', { 'data-field': 'used' }),
      mem: el('span', { class: 'muted small', 'data-field': 'memory' }),
      bar: el('div', { class: 'bar bar-tall', role: 'img', 'aria-label': 'occupancy of ' + id }),
    };
    const used = el('span', { class: 'used' });
    used.appendChild(cells.used);
    used.appendChild(document.createTextNode(' used'));
    [cells.name, cells.kind, cells.down, cells.host, el('span', { class: 'spacer' }), cells.mem, used]
      .forEach(function (n) { head.appendChild(n); });
    row.appendChild(head);
    row.appendChild(cells.bar);
    row.__cells = cells;
    return row;
  }

  // ---- circuits, batch config, shed ----------------------------------------------------------

  function renderCircuits(r) {
    const section = $('#circuits');
    const data = obj(r.circuits);
    const keys = [];
    Object.keys(data).sort().forEach(function (model) {
      Object.keys(obj(data[model])).sort().forEach(function (replica) { keys.push([model, replica]); });
    });
    const byKey = new Map(keys.map(function (k) { return [k[0] + '\u0000' + k[1], k]; }));
    keyed($('tbody', section), Array.from(byKey.keys()), function (key) {
      const k = byKey.get(key);
      const tr = el('tr', { 'data-model': k[0], 'data-replica': k[1] });
      tr.appendChild(el('th', { scope: 'row' }, k[0]));
      tr.appendChild(el('td', { class: 'replica', title: k[1] }, k[1]));
      const td = el('td');
      td.appendChild(el('span', { class: 'badge', 'data-field': 'state' }));
      tr.appendChild(td);
      return tr;
    }, function (tr, key) {
      const k = byKey.get(key);
      const s = String(obj(data[k[0]])[k[1]] || 'UNKNOWN');
      const badge = tr.querySelector('[data-field="state"]');
      setText(badge, s);
      setAttr(badge, 'class', 'badge state state-' + s.toLowerCase().replace(/[^a-z_]/g, ''));
    });
    showNote(section, keys.length === 0);
    $('table', section).hidden = keys.length === 0;
  }

  function renderBatch(r) {
    const section = $('#batch');
    const data = obj(r.batch_config);
    const models = Object.keys(data).sort();
    const fields = new Set();
    models.forEach(function (m) { Object.keys(obj(data[m])).forEach(function (f) { fields.add(f); }); });
    const cols = Array.from(fields).sort(function (a, b) {
      return a === 'batch_size' ? -1 : b === 'batch_size' ? 1 : a < b ? -1 : a > b ? 1 : 0;
    });
    rebuildIfChanged($('thead tr', section), JSON.stringify(cols), function (tr) {
      tr.appendChild(el('th', { scope: 'col' }, 'Model'));
      cols.forEach(function (c) { tr.appendChild(el('th', { scope: 'col', class: 'num' }, c.replace(/_/g, ' '))); });
    });
    rebuildIfChanged($('tbody', section), JSON.stringify([cols, data]), function (tbody) {
      models.forEach(function (m) {
        const tr = el('tr', { 'data-model': m });
        tr.appendChild(el('th', { scope: 'row' }, m));
        const conf = obj(data[m]);
        cols.forEach(function (c) {
          const v = conf[c];
          const text = v === undefined || v === null ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v);
          tr.appendChild(el('td', { class: 'num', 'data-field': c }, text));
        });
        tbody.appendChild(tr);
      });
    });
    showNote(section, models.length === 0);
    $('table', section).hidden = models.length === 0;
  }

  function renderTuning(r) {
    const section = $('#batch');
    const list = $('ol.tuning', section);
    const changes = Array.isArray(r.tuning) ? r.tuning.slice(0, 8) : [];
    rebuildIfChanged(list, JSON.stringify(changes), function (ol) {
      changes.forEach(function (c) {
        const li = el('li', { 'data-model': String(c.model) });
        li.appendChild(el('time', {}, fmtClock(num(c.at_ms), true)));
        li.appendChild(document.createTextNode(' ' + c.model + ' (' + c.source + '): b ' +
          (c.previous_batch_size === null || c.previous_batch_size === undefined ? '?' : c.previous_batch_size) +
          ' \u2192 ' + c.batch_size + ', queue delay ' + fmtMs(c.max_queue_delay_ms)));
        li.title = String(c.explanation || '');
        ol.appendChild(li);
      });
    });
    list.hidden = changes.length === 0;
  }

  function renderShed(r) {
    const section = $('#shed');
    setText($('[data-field="shed"]', section), fmtRate(r.shed_per_s));
    const v = num(r.shed_per_s);
    if (v !== null) {
      state.shed.push(v);
      if (state.shed.length > SPARK_POINTS) state.shed.shift();
    }
    const box = $('.spark', section);
    const W = Math.max(120, box.clientWidth || 240);
    const H = 40;
    const max = Math.max.apply(null, state.shed.concat([1]));
    const pts = state.shed.map(function (y, i) {
      const x = W - (state.shed.length - 1 - i) / (SPARK_POINTS - 1) * W;
      return x.toFixed(1) + ',' + (H - 2 - y / max * (H - 4)).toFixed(1);
    });
    let svg = box.querySelector('svg');
    if (!svg) {
      svg = svgEl('svg', { height: H });
      svg.appendChild(svgEl('polyline', { class: 'spark-line', fill: 'none' }));
      box.appendChild(svg);
    }
    setAttrs(svg, { width: W, viewBox: '0 0 ' + W + ' ' + H });
    svg.firstChild.setAttribute('points', pts.join(' '));
  }

  // ---- polling -------------------------------------------------------------------------------

  const SECTIONS = [renderHeader, renderDowngrade, renderLag, renderOccupancy, renderCircuits, renderBatch, renderTuning,
    renderShed];

  function render(report) {
    const failures = [];
    registerModels(report);
    SECTIONS.forEach(function (fn) {
      try {
        fn(report);
      } catch (e) {
        failures.push(fn.name + ': ' + e.message);
        if (window.console) console.error(e);
      }
    });
    return failures;
  }

  function poll() {
    const ctl = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = ctl ? setTimeout(function () { ctl.abort(); }, FETCH_TIMEOUT_MS) : null;
    fetch(REPORT_URL, { cache: 'no-store', headers: { Accept: 'application/json' }, signal: ctl ? ctl.signal : undefined })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status + (res.statusText ? ' ' + res.statusText : ''));
        return res.json();
      })
      .then(function (json) {
        if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error('report is not a JSON object');
        state.report = json;
        state.lastOkAt = Date.now();
        state.lastError = null;
        const failures = render(json);
        state.renderError = failures.length ? 'could not show ' + failures.join('; ') : null;
      })
      .catch(function (e) {
        const why = e && e.name === 'AbortError' ? 'timed out after ' + FETCH_TIMEOUT_MS / 1000 + ' s' : (e && e.message) || String(e);
        state.lastError = 'GET ' + REPORT_URL + ' failed: ' + why;
      })
      .then(function () {
        if (timer) clearTimeout(timer);
        renderStatus();
        setTimeout(poll, POLL_MS);
      });
  }

  function start() {
    let resizeQueued = false;
    window.addEventListener('resize', function () {
      if (resizeQueued || !state.report) return;
      resizeQueued = true;
      window.requestAnimationFrame(function () {
        resizeQueued = false;
        try { renderLag(state.report); } catch (e) { if (window.console) console.error(e); }
      });
    });
    setInterval(renderStatus, 1000);
    renderStatus();
    poll();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
