// Amounts read as people write them: a field marked data-amount shows thousands separators (1.000.000) once
// the person leaves it, and on load. The server reads "1.000.000", "1,000,000" and "Rp 1.000.000" alike
// (Formats.ParseRupiah), so this is for the eyes only; text that is not an amount is left as typed.
(function () {
  function format(input) {
    var text = input.value.trim().replace(/^rp\s*/i, '');
    if (!/^[0-9.,\s]+$/.test(text)) return;
    // Cents (one or two digits after the last separator) are dropped, as the server does.
    var cents = /[.,]\d{1,2}$/.exec(text);
    if (cents) text = text.slice(0, cents.index);
    var digits = text.replace(/[^0-9]/g, '').replace(/^0+(?=\d)/, '');
    if (digits.length === 0) return;
    input.value = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  }
  document.querySelectorAll('input[data-amount]').forEach(function (input) {
    format(input);
    input.addEventListener('blur', function () { format(input); });
  });
})();
