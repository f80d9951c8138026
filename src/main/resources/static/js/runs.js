// Live progress of the runs page: the table's rows follow /api/runs every 3 seconds.
(function () {
  var table = document.getElementById('runs');
  if (!table) return;
  var number = function (n) { return n.toLocaleString('vi-VN'); };
  function refresh() {
    fetch('api/runs?limit=100', {headers: {'X-Requested-With': 'fetch', 'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (runs) {
        var known = {};
        table.querySelectorAll('tbody tr').forEach(function (tr) { known[tr.dataset.run] = tr; });
        var added = false;
        runs.forEach(function (run) {
          var tr = known[run.id];
          if (!tr) { added = true; return; }
          var status = tr.querySelector('.status');
          status.textContent = run.status;
          status.className = 'status ' + run.status;
          tr.querySelector('.read').textContent = number(run.rowsRead);
          tr.querySelector('.stored').textContent = number(run.rowsStored);
          tr.querySelector('.rejected').textContent = number(run.rowsRejected);
          tr.querySelector('.message').textContent = run.message || '';
        });
        // A run started elsewhere: reload the page once to show its row with its links.
        if (added) { window.location.reload(); return; }
        setTimeout(refresh, 3000);
      })
      .catch(function () { setTimeout(refresh, 10000); });
  }
  setTimeout(refresh, 3000);
})();
