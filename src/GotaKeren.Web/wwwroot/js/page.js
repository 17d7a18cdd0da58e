// What the markup cannot say without inline style or script, which the content security policy refuses: a
// progress bar's width (data-width, in percent), a regency card's colour (data-accent) and a print button
// (data-print).
(function () {
    'use strict';
    document.querySelectorAll('[data-width]').forEach(function (bar) {
        var percent = Math.max(0, Math.min(100, Number(bar.dataset.width) || 0));
        bar.style.width = percent + '%';
    });
    document.querySelectorAll('[data-accent]').forEach(function (card) {
        card.style.borderTop = '4px solid ' + card.dataset.accent;
    });
    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.addEventListener('click', function () { window.print(); });
    });
})();
