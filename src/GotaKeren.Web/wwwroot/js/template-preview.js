// The template preview shows the whole page: the frame is given the document's own size (an A4 page and what
// follows it), then scaled down to the column, so the admin sees the page as it prints without scrolling.
(function () {
  var frame = document.querySelector('iframe[data-page-preview]');
  if (!frame) return;
  var box = frame.parentElement;
  function fit() {
    var doc = frame.contentDocument;
    if (!doc || !doc.documentElement || !doc.body) return;
    frame.style.width = '320px';
    frame.style.height = '100px';
    var width = Math.max(doc.documentElement.scrollWidth, 320);
    frame.style.width = width + 'px';
    var height = Math.max(doc.documentElement.scrollHeight, doc.body.scrollHeight);
    frame.style.height = height + 'px';
    var scale = Math.min(1, box.clientWidth / width);
    frame.style.transform = 'scale(' + scale + ')';
    box.style.height = Math.ceil(height * scale) + 'px';
    box.dataset.scale = scale.toFixed(3);
  }
  frame.addEventListener('load', fit);
  window.addEventListener('resize', fit);
  if (frame.contentDocument && frame.contentDocument.readyState === 'complete') fit();
})();
