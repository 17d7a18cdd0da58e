// Draws each chart from the table beside it, so the numbers a person reads and the picture are the same.
// Cells are written the Indonesian way ("1.234", "Rp16.800", "12,5%"): read back as numbers here.
(function () {
    'use strict';
    if (typeof Chart === 'undefined') { return; }
    function number(text) {
        var cleaned = (text || '').replace(/Rp|%|\s/g, '').replace(/\./g, '').replace(',', '.');
        var value = parseFloat(cleaned);
        return isNaN(value) ? 0 : value;
    }
    var colours = ['#0b5e3c', '#f2b705', '#b23a48', '#1f6feb', '#6f42c1'];
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var table = document.getElementById(canvas.dataset.chartTable);
        if (!table) { return; }
        var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent.trim(); });
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        var labelColumn = parseInt(canvas.dataset.chartLabel || '0', 10);
        var columns = canvas.dataset.chartColumns.split(',').map(function (c) { return parseInt(c, 10); });
        new Chart(canvas, {
            type: canvas.dataset.chart,
            data: {
                labels: rows.map(function (r) { return r.cells[labelColumn].textContent.trim(); }),
                datasets: columns.map(function (c, i) {
                    return {
                        label: headers[c],
                        data: rows.map(function (r) { return number(r.cells[c].textContent); }),
                        backgroundColor: colours[i % colours.length],
                        borderColor: colours[i % colours.length]
                    };
                })
            },
            options: { responsive: true, animation: false, plugins: { legend: { position: 'bottom' } } }
        });
    });
}());
