/* kartoitus report: sortable and filterable tables, collapsed sections, print button. No network. */
(function () {
  'use strict';
  var lang = document.documentElement.lang || 'fi';
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });

  // fold lower-cases and drops diacritics, so "paatos" also finds "päätös"
  // (typed on a keyboard without Finnish letters).
  function fold(s) {
    return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }

  function sortKey(cell) {
    if (!cell) return '';
    var v = cell.getAttribute('data-sort');
    return v === null ? cell.textContent.trim() : v;
  }

  function isNumber(s) {
    return s !== '' && isFinite(Number(s.replace(',', '.')));
  }

  function sortTable(table, index, th) {
    var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keys = rows.map(function (r) { return sortKey(r.cells[index]); });
    var numeric = keys.every(function (k) { return k === '' || isNumber(k); });
    var order = rows.map(function (r, i) { return i; });
    order.sort(function (a, b) {
      var ka = keys[a], kb = keys[b], c;
      if (numeric) {
        var na = ka === '' ? -Infinity : Number(ka.replace(',', '.'));
        var nb = kb === '' ? -Infinity : Number(kb.replace(',', '.'));
        c = na < nb ? -1 : na > nb ? 1 : 0;
      } else {
        c = collator.compare(ka, kb);
      }
      if (c === 0) c = a - b; // stable
      return dir === 'ascending' ? c : -c;
    });
    var frag = document.createDocumentFragment();
    order.forEach(function (i) { frag.appendChild(rows[i]); });
    body.appendChild(frag);
  }

  function updateCount(table) {
    var out = document.querySelector('[data-count-for="' + table.id + '"]');
    if (!out) return;
    var rows = table.tBodies[0].rows, shown = 0;
    for (var i = 0; i < rows.length; i++) if (!rows[i].hidden) shown++;
    out.textContent = shown + ' / ' + rows.length;
  }

  function filterTable(table, query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
      if (r.dataset.text === undefined) r.dataset.text = fold(r.textContent);
      var text = r.dataset.text;
      r.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    updateCount(table);
  }

  document.querySelectorAll('table[data-sortable]').forEach(function (table) {
    if (!table.tHead || !table.tBodies.length) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      var b = th.querySelector('button.sort');
      if (b) b.addEventListener('click', function () { sortTable(table, i, th); });
    });
    updateCount(table);
  });

  document.querySelectorAll('input.filter').forEach(function (input) {
    var table = document.getElementById(input.getAttribute('data-table'));
    if (!table) return;
    input.addEventListener('input', function () { filterTable(table, input.value); });
  });

  // Sections are collapsed <details>. A link to a section, or to
  // anything inside a collapsed one, opens it first; the browser then
  // scrolls to the target as usual (hashchange covers back/forward).
  function reveal(id) {
    var el = id && document.getElementById(id);
    if (!el) return null;
    var inner = el.querySelector(':scope > details.fold');
    if (inner) inner.open = true;
    for (var d = el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
    return el;
  }
  function hashID() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return ''; }
  }
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest && ev.target.closest('a[href^="#"]');
    if (!a) return;
    var id = a.getAttribute('href').slice(1);
    var el = reveal(id);
    // Same hash again: no hashchange, so scroll here.
    if (el && id === hashID()) { ev.preventDefault(); el.scrollIntoView(); }
  });
  window.addEventListener('hashchange', function () {
    var el = reveal(hashID());
    if (el) el.scrollIntoView();
  });
  if (location.hash) {
    var first = reveal(hashID());
    if (first) first.scrollIntoView();
  }
  // Printing from the menu: open everything, close it again afterwards
  // (the print stylesheet does the same for browsers without JS).
  var reopened = [];
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details:not([open])').forEach(function (d) { d.open = true; reopened.push(d); });
  });
  window.addEventListener('afterprint', function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });

  var print = document.getElementById('print-button');
  if (print) print.addEventListener('click', function () { window.print(); });
})();
