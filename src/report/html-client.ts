// The HTML report's stylesheet and script, inlined into the one file (no network, no CDN). The script reads the
// findings from a JSON data block and renders only the rows in view, so 100,000 findings stay fluid; every value
// from the report reaches the page through textContent, never as markup.

export const HTML_CSS = String.raw`
:root { --fg:#1b1f24; --muted:#57606a; --line:#d0d7de; --bg:#ffffff; --soft:#f6f8fa; --focus:#0550ae;
  --critical:#82071e; --high:#b42318; --medium:#8a4b00; --low:#0b5e8e; --info:#57606a;
  --pass:#116329; --fail:#b42318; --error:#6e3bb5; --na:#57606a; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg); background:var(--bg); }
a { color:var(--focus); }
.skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:4px 8px; z-index:10; }
header, main { max-width:1400px; margin:0 auto; padding:12px 20px; }
h1 { font-size:22px; margin:8px 0 2px; } h2 { font-size:17px; margin:22px 0 8px; } h3 { font-size:14px; margin:12px 0 6px; }
.sub { color:var(--muted); margin:0; }
.cards { display:flex; flex-wrap:wrap; gap:10px; margin:12px 0; padding:0; list-style:none; }
.cards li { border:1px solid var(--line); border-radius:6px; padding:8px 12px; min-width:110px; }
.cards .n { display:block; font-size:22px; font-weight:600; }
.grid { display:grid; grid-template-columns:repeat(auto-fit,minmax(440px,1fr)); gap:16px 24px; }
.grid > section { overflow-x:auto; min-width:0; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:var(--soft); font-weight:600; } td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
.sev { display:inline-block; min-width:76px; padding:0 6px; border-radius:4px; color:#fff; font-size:12px; font-weight:600; text-transform:uppercase; text-align:center; }
.sev-critical { background:var(--critical); } .sev-high { background:var(--high); } .sev-medium { background:var(--medium); }
.sev-low { background:var(--low); } .sev-info { background:var(--info); }
.st { font-weight:600; } .st-pass { color:var(--pass); } .st-fail { color:var(--fail); } .st-error { color:var(--error); } .st-not_applicable { color:var(--na); }
.filters { display:flex; flex-wrap:wrap; gap:10px; align-items:end; padding:10px; background:var(--soft); border:1px solid var(--line); border-radius:6px; }
.filters label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); gap:2px; }
.filters select, .filters input[type=search] { font:inherit; padding:4px 6px; border:1px solid #8c959f; border-radius:4px; background:#fff; color:var(--fg); }
.filters input[type=search] { min-width:240px; }
.filters .check { flex-direction:row; align-items:center; gap:6px; color:var(--fg); font-size:14px; }
:focus-visible { outline:3px solid var(--focus); outline-offset:1px; }
#count { margin:8px 0; font-weight:600; }
.list-wrap { display:grid; grid-template-columns:minmax(0,3fr) minmax(280px,2fr); gap:12px; }
#list { position:relative; height:60vh; overflow:auto; border:1px solid var(--line); border-radius:6px; margin:0; padding:0; list-style:none; }
#list:focus-visible { outline:3px solid var(--focus); }
#spacer { position:relative; }
.row { position:absolute; left:0; right:0; height:28px; display:flex; gap:8px; align-items:center; padding:0 8px; border-bottom:1px solid var(--soft); white-space:nowrap; cursor:pointer; }
.row[aria-selected=true] { background:#ddf4ff; box-shadow:inset 3px 0 0 var(--focus); }
.row .st { width:110px; flex:none; } .row .ck { width:200px; flex:none; overflow:hidden; text-overflow:ellipsis; }
.row .where { width:190px; flex:none; color:var(--muted); overflow:hidden; text-overflow:ellipsis; }
.row .msg { overflow:hidden; text-overflow:ellipsis; }
.row .mute { color:var(--muted); font-style:italic; flex:none; }
#detail { border:1px solid var(--line); border-radius:6px; padding:10px 14px; height:60vh; overflow:auto; }
#detail pre { white-space:pre-wrap; word-break:break-word; background:var(--soft); padding:8px; border-radius:4px; font-size:12px; }
#detail dt { font-weight:600; margin-top:8px; } #detail dd { margin:0; }
.note { color:var(--muted); }
svg text { font-size:11px; fill:var(--muted); }
@media (max-width:900px) { .list-wrap { grid-template-columns:1fr; } #detail { height:auto; } }
`;

export const HTML_SCRIPT = String.raw`
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('rampart-data').textContent);
  var F = D.f, ROW = 28, OVERSCAN = 8;
  var $ = function (id) { return document.getElementById(id); };
  var list = $('list'), spacer = $('spacer'), detail = $('detail');
  var view = [], active = -1, hay = null, pool = [];

  function option(sel, value, text) { var o = document.createElement('option'); o.value = value; o.textContent = text; sel.appendChild(o); }
  function fill(sel, items) { for (var i = 0; i < items.length; i++) option(sel, String(i), items[i]); }
  fill($('f-status'), D.statusLabels);
  fill($('f-severity'), D.severities);
  fill($('f-check'), D.checks.map(function (c) { return c.id; }));
  fill($('f-account'), D.accounts);
  fill($('f-region'), D.regions);
  $('f-status').value = String(D.statuses.indexOf('fail'));

  // search text per finding, built on first use: check, title, account, Region, resource, ARN, message
  function haystack() {
    hay = new Array(F.length);
    for (var i = 0; i < F.length; i++) {
      var r = F[i], c = D.checks[r[0]];
      hay[i] = (c.id + ' ' + c.title + ' ' + D.accounts[r[3]] + ' ' + (r[4] < 0 ? 'global' : D.regions[r[4]]) + ' ' + D.types[r[5]] + ' ' + r[6] + ' ' + r[7] + ' ' + r[8]).toLowerCase();
    }
  }

  function num(id) { var v = $(id).value; return v === '' ? -1 : Number(v); }

  function apply() {
    var st = num('f-status'), sv = num('f-severity'), ck = num('f-check'), ac = num('f-account'), rg = num('f-region');
    var q = $('f-q').value.trim().toLowerCase(), withMuted = $('f-muted').checked;
    if (q && !hay) haystack();
    view = [];
    for (var i = 0; i < F.length; i++) {
      var r = F[i];
      if (st >= 0 && r[1] !== st) continue;
      if (sv >= 0 && r[2] !== sv) continue;
      if (ck >= 0 && r[0] !== ck) continue;
      if (ac >= 0 && r[3] !== ac) continue;
      if (rg >= 0 && r[4] !== rg) continue;
      if (!withMuted && r[9]) continue;
      if (q && hay[i].indexOf(q) < 0) continue;
      view.push(i);
    }
    $('count').textContent = view.length.toLocaleString('en-US') + ' of ' + F.length.toLocaleString('en-US') + ' findings shown';
    spacer.style.height = view.length * ROW + 'px';
    list.scrollTop = 0;
    active = view.length > 0 ? 0 : -1;
    render();
    show(active);
  }

  function where(r) { return D.accounts[r[3]] + (r[4] < 0 ? '' : ' ' + D.regions[r[4]]); }

  function rowEl(k) {
    var el = pool[k];
    if (!el) {
      el = document.createElement('div');
      el.className = 'row';
      el.setAttribute('role', 'option');
      for (var j = 0; j < 6; j++) el.appendChild(document.createElement('span'));
      el.children[0].className = 'sev'; el.children[1].className = 'st'; el.children[2].className = 'ck';
      el.children[3].className = 'where'; el.children[4].className = 'msg'; el.children[5].className = 'mute';
      spacer.appendChild(el);
      pool[k] = el;
    }
    return el;
  }

  // only the rows in view (plus a margin) exist in the DOM; they are reused as the list scrolls
  function render() {
    var top = list.scrollTop, h = list.clientHeight || 600;
    var start = Math.max(0, Math.floor(top / ROW) - OVERSCAN), end = Math.min(view.length, Math.ceil((top + h) / ROW) + OVERSCAN);
    var k = 0;
    for (var p = start; p < end; p++, k++) {
      var i = view[p], r = F[i], el = rowEl(k), s = el.children;
      el.hidden = false;
      el.id = 'fi-' + p;
      el.dataset.pos = String(p);
      el.style.top = p * ROW + 'px';
      el.setAttribute('aria-selected', p === active ? 'true' : 'false');
      s[0].className = 'sev sev-' + D.severities[r[2]]; s[0].textContent = D.severities[r[2]];
      s[1].className = 'st st-' + D.statuses[r[1]]; s[1].textContent = D.statusLabels[r[1]];
      s[2].textContent = D.checks[r[0]].id;
      s[3].textContent = where(r);
      s[4].textContent = r[6] + ' — ' + r[8];
      s[5].textContent = r[9] ? 'muted' : '';
    }
    for (; k < pool.length; k++) pool[k].hidden = true;
    list.setAttribute('aria-activedescendant', active >= 0 ? 'fi-' + active : '');
  }

  function dl(pairs) {
    var d = document.createElement('dl');
    for (var i = 0; i < pairs.length; i++) {
      if (!pairs[i][1]) continue;
      var dt = document.createElement('dt'); dt.textContent = pairs[i][0];
      var dd = document.createElement('dd');
      if (pairs[i][2]) { var pre = document.createElement('pre'); pre.textContent = pairs[i][1]; dd.appendChild(pre); } else dd.textContent = pairs[i][1];
      d.appendChild(dt); d.appendChild(dd);
    }
    return d;
  }

  function show(p) {
    detail.textContent = '';
    if (p < 0 || p >= view.length) { var n = document.createElement('p'); n.className = 'note'; n.textContent = 'No finding selected.'; detail.appendChild(n); return; }
    var r = F[view[p]], c = D.checks[r[0]];
    var h = document.createElement('h3'); h.textContent = c.title; detail.appendChild(h);
    detail.appendChild(dl([
      ['Status', D.statusLabels[r[1]] + (r[9] ? ' (muted: ' + r[9] + ')' : '')],
      ['Severity', D.severities[r[2]]],
      ['Check', c.id + (c.cis.length ? ' — CIS AWS v3.0 ' + c.cis.join(', ') : '')],
      ['Where', where(r) + (D.ou[r[3]] ? ' — OU ' + D.ou[r[3]] : '')],
      ['Resource', D.types[r[5]] + ' ' + r[6] + (r[7] ? ' (' + r[7] + ')' : '')],
      ['Finding', r[8]],
      ['Could not be evaluated because', r[11]],
      ['Why it matters', c.rationale],
      ['Fix', c.fix],
      ['Fix from the CLI', c.cli, true],
      ['Evidence', r[10], true]
    ]));
  }

  function select(p) {
    if (view.length === 0) return;
    active = Math.max(0, Math.min(view.length - 1, p));
    var top = active * ROW;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW - list.clientHeight;
    render();
    show(active);
  }

  list.addEventListener('scroll', function () { window.requestAnimationFrame(render); });
  list.addEventListener('click', function (e) { var el = e.target.closest('.row'); if (el) { select(Number(el.dataset.pos)); list.focus(); } });
  list.addEventListener('keydown', function (e) {
    var page = Math.max(1, Math.floor(list.clientHeight / ROW) - 1);
    var moves = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: view.length - 1 };
    if (e.key in moves) { e.preventDefault(); select(moves[e.key]); }
  });
  var timer = 0;
  $('f-q').addEventListener('input', function () { window.clearTimeout(timer); timer = window.setTimeout(apply, 120); });
  ['f-status', 'f-severity', 'f-check', 'f-account', 'f-region', 'f-muted'].forEach(function (id) { $(id).addEventListener('change', apply); });
  $('f-reset').addEventListener('click', function () {
    ['f-severity', 'f-check', 'f-account', 'f-region'].forEach(function (id) { $(id).value = ''; });
    $('f-status').value = ''; $('f-q').value = ''; $('f-muted').checked = true; apply();
  });
  apply();
  document.body.setAttribute('data-ready', 'true');
})();
`;
