// Live progress of the runs page: the table's rows follow runs/live (the rows as the page shows them) every 3 seconds.
(function () {
  var table = document.getElementById('runs');
  if (!table) return;
  function refresh() {
    fetch('runs/live', {headers: {'X-Requested-With': 'fetch', 'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (runs) {
        var known = {};
        table.querySelectorAll('tbody tr').forEach(function (tr) { known[tr.dataset.run] = tr; });
        var added = false;
        runs.forEach(function (run) {
          var tr = known[run.id];
          if (!tr) { added = true; return; }
          var status = tr.querySelector('.status');
          if (status.className !== 'status ' + run.status) added = added || run.rowsRejected > 0 || run.failed;
          status.textContent = run.statusLabel;
          status.className = 'status ' + run.status;
          tr.querySelector('.read').textContent = run.read;
          tr.querySelector('.stored').textContent = run.stored;
          tr.querySelector('.rejected').textContent = run.rejected;
          tr.querySelector('.message').textContent = run.note || '';
        });
        // A run started elsewhere, or one that ended with rejects or failed: reload once to show its links.
        if (added) { window.location.reload(); return; }
        setTimeout(refresh, 3000);
      })
      .catch(function () { setTimeout(refresh, 10000); });
  }
  setTimeout(refresh, 3000);
})();
