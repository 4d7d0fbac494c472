// Baton dashboard: small behaviours the pages work without (no inline scripts; CSP 'self').
(function () {
  'use strict';

  function maxSeq(list) {
    var last = list.lastElementChild;
    return last ? parseInt(last.getAttribute('data-seq') || '0', 10) : 0;
  }

  document.addEventListener('click', function (e) {
    var example = e.target.closest('button[data-fill]');
    if (example) {
      var field = document.getElementById(example.getAttribute('data-fill'));
      if (field) { field.value = example.textContent.trim(); field.focus(); }
    }
    var tab = e.target.closest('[role="tab"]');
    if (tab) { select(tab); }
  });

  function select(tab) {
    var list = tab.closest('[role="tablist"]');
    list.querySelectorAll('[role="tab"]').forEach(function (t) {
      var on = t === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(t.getAttribute('aria-controls'));
      if (panel) { panel.classList.toggle('hidden-panel', !on); }
    });
  }

  document.addEventListener('keydown', function (e) {
    var tab = e.target.closest && e.target.closest('[role="tab"]');
    if (!tab || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) { return; }
    var tabs = Array.prototype.slice.call(tab.closest('[role="tablist"]').querySelectorAll('[role="tab"]'));
    var rtl = document.documentElement.dir === 'rtl';
    var step = (e.key === 'ArrowRight') !== rtl ? 1 : -1;
    var next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    select(next); next.focus(); e.preventDefault();
  });

  // Fragments holding no htmx attributes (pictures, the steps table, the summary) are swapped
  // directly: htmx would walk every node of a 500-step table looking for attributes.
  var PLAIN = { graph: 1, timeline: 1, steps: 1, summary: 1 };

  // Log lines arrive once each: a reconnect that starts over does not repeat what is shown.
  document.addEventListener('htmx:sseBeforeMessage', function (e) {
    if (e.detail && PLAIN[e.detail.type] && e.target && e.target.id === e.detail.type) {
      e.target.innerHTML = e.detail.data;
      e.preventDefault();
      e.target.dispatchEvent(new CustomEvent('baton:swapped', { bubbles: true, detail: { type: e.detail.type } }));
      return;
    }
    if (e.detail && e.detail.type === 'log') {
      var m = /data-seq="(\d+)"/.exec(e.detail.data || '');
      var list = document.getElementById('logs');
      if (m && list && parseInt(m[1], 10) <= maxSeq(list)) { e.preventDefault(); }
    }
  });

  document.addEventListener('htmx:sseMessage', function (e) {
    if (e.detail && e.detail.type === 'count') {
      var badge = document.getElementById('pending-count');
      if (badge) { badge.textContent = e.detail.data; }
    }
  });

  function conn(text) {
    var c = document.getElementById('conn');
    if (c) { c.textContent = text ? c.getAttribute('data-reconnecting') : ''; }
  }
  document.addEventListener('htmx:sseError', function () { conn(true); });
  document.addEventListener('htmx:sseOpen', function () { conn(false); });
})();
