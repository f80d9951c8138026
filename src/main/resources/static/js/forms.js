// Every page: a filter's select or date input marked data-submit-on-change submits its form when it
// changes. Here and not in an onchange attribute, which the Content-Security-Policy (script-src 'self') forbids.
(function () {
  'use strict';
  document.querySelectorAll('[data-submit-on-change]').forEach(function (el) {
    el.addEventListener('change', function () { el.form.submit(); });
  });
})();
