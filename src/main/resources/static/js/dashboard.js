// The dashboard and a unit's page: tables whose headers sort them, and trend charts (ECharts, served
// by the app from its webjar). The page is complete without this script: it only orders and draws.
(function () {
  'use strict';

  // Sorting: a header with data-key sorts its table by the cells' data-v (numbers; a cell without one
  // sorts last either way); "unit" goes back to the tree order (data-order). Numbers sort the largest
  // first, ranks the first place first; a second click turns the order round.
  function sortable(table) {
    var headers = table.querySelectorAll('th[data-key]');
    var body = table.tBodies[0];
    Array.prototype.forEach.call(headers, function (th, column) {
      th.classList.add('sort');
      th.tabIndex = 0;
      function sort() {
        var key = th.dataset.key;
        var current = th.getAttribute('aria-sort');
        var first = key === 'rank' ? 'ascending' : 'descending';
        var dir = key === 'unit' ? 'ascending' : current === first ? (first === 'ascending' ? 'descending' : 'ascending') : first;
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          if (key !== 'unit') {
            var x = value(a.cells[index]);
            var y = value(b.cells[index]);
            if (x === null && y !== null) return 1;
            if (y === null && x !== null) return -1;
            if (x !== null && y !== null && x !== y) return dir === 'ascending' ? x - y : y - x;
          }
          return Number(a.dataset.order) - Number(b.dataset.order);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        table.classList.toggle('flat', key !== 'unit');
        var link = document.getElementById('export');
        if (link && table.id === 'dashboard') {
          var url = new URL(link.href);
          url.searchParams.set('sort', key);
          url.searchParams.set('dir', dir === 'ascending' ? 'asc' : 'desc');
          link.href = url.toString();
        }
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  }

  function value(cell) {
    var v = cell && cell.dataset.v;
    return v === undefined || v === '' ? null : Number(v);
  }

  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), sortable);

  // Trend charts: data-trend holds {periods, series, units: [{code, label, values: [per series, per period]}]}.
  var COLOURS = ['#8b1a1a', '#0b5cad', '#1b7a2f', '#8a5a00', '#6a3d9a', '#00838f'];

  function draw(chart, trend, code) {
    var unit = trend.units.filter(function (u) { return u.code === code; })[0] || trend.units[0];
    if (!unit) return;
    chart.setOption({
      color: COLOURS,
      title: {text: unit.label, left: 'center', top: 0, textStyle: {fontSize: 14, fontWeight: 600}},
      tooltip: {trigger: 'axis', valueFormatter: function (v) { return v === null || v === undefined ? '–' : String(v).replace('.', ',') + '%'; }},
      legend: {top: 24, data: trend.series},
      grid: {left: 16, right: 32, top: 64, bottom: 16, containLabel: true},
      xAxis: {type: 'category', data: trend.periods, boundaryGap: false},
      yAxis: {type: 'value', min: 0, max: 100, axisLabel: {formatter: '{value}%'}},
      series: trend.series.map(function (name, i) {
        return {name: name, type: 'line', data: unit.values[i], connectNulls: false, symbolSize: 7};
      })
    }, true);
  }

  Array.prototype.forEach.call(document.querySelectorAll('.chart[data-trend]'), function (el) {
    if (typeof echarts === 'undefined') return;
    var trend = JSON.parse(el.dataset.trend);
    var chart = echarts.init(el, null, {renderer: 'canvas'});
    var select = document.getElementById('trend-unit');
    draw(chart, trend, select ? select.value : null);
    if (select) {
      select.addEventListener('change', function () { draw(chart, trend, select.value); });
      var table = document.getElementById('dashboard');
      if (table) {
        table.tBodies[0].addEventListener('click', function (e) {
          var row = e.target.closest('tr[data-unit]');
          if (!row || e.target.closest('a')) return;
          select.value = row.dataset.unit;
          draw(chart, trend, select.value);
        });
      }
    }
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
