// A long task runs on the server; this page only watches it, so closing the browser does not stop it. The element
// #state says whether it runs (data-running) and where its status is (data-status-url); the page reloads when done.
(function () {
    'use strict';
    var state = document.getElementById('state');
    if (!state || state.dataset.running !== 'true') return;
    var bar = document.getElementById('progress-bar');
    var label = document.getElementById('status-label');
    function poll() {
        fetch(state.dataset.statusUrl, { headers: { 'Accept': 'application/json' } })
            .then(function (r) { return r.json(); })
            .then(function (s) {
                if (bar) {
                    bar.style.width = s.progress + '%';
                    bar.textContent = s.progress + '%';
                    bar.parentElement.setAttribute('aria-valuenow', s.progress);
                }
                if (label && s.label) { label.textContent = s.label; }
                if (s.running) { setTimeout(poll, 700); } else { window.location.reload(); }
            })
            .catch(function () { setTimeout(poll, 2000); });
    }
    setTimeout(poll, 500);
})();
