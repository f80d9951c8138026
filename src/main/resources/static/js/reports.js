// The reports page and a unit's page: rows still pending or rendering follow /api/reports/{id} every
// 2 seconds; once one has finished, the page reloads to show its download link.
(function () {
  var pending = document.querySelectorAll('tr[data-report][data-pending="true"]');
  if (!pending.length) return;
  function refresh() {
    Promise.all(Array.prototype.map.call(pending, function (tr) {
      return fetch(tr.dataset.statusUrl, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
    })).then(function (reports) {
      if (reports.some(function (r) { return r.status === 'DONE' || r.status === 'FAILED'; })) {
        window.location.reload();
        return;
      }
      setTimeout(refresh, 2000);
    }).catch(function () { setTimeout(refresh, 10000); });
  }
  setTimeout(refresh, 2000);
})();
