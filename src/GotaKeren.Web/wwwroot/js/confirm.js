// Asks before an irreversible step. A form that says data-confirm="..." is submitted only after the person
// agrees in a dialog that names what will happen; data-confirm-button names the agreeing button. The server
// still guards what matters (an import that deactivates people needs their number), so this is a second look,
// not a lock. A file, not an inline script, so the content security policy can one day drop 'unsafe-inline'.
(function () {
    'use strict';

    function ask(form, submitter) {
        var dialog = document.createElement('dialog');
        dialog.className = 'gk-confirm';
        dialog.setAttribute('aria-labelledby', 'gk-confirm-title');
        dialog.setAttribute('aria-describedby', 'gk-confirm-text');
        var inner = document.createElement('form');
        inner.method = 'dialog';
        var title = document.createElement('h2');
        title.id = 'gk-confirm-title';
        title.className = 'h5';
        title.textContent = form.dataset.confirmTitle || 'Yakin?';
        var text = document.createElement('p');
        text.id = 'gk-confirm-text';
        text.textContent = form.dataset.confirm;
        var buttons = document.createElement('div');
        buttons.className = 'd-flex gap-2 justify-content-end';
        var cancel = document.createElement('button');
        cancel.value = 'cancel';
        cancel.className = 'btn btn-outline-secondary';
        cancel.textContent = 'Batal';
        var ok = document.createElement('button');
        ok.value = 'ok';
        ok.className = 'btn btn-danger';
        ok.textContent = form.dataset.confirmButton || 'Ya, lanjutkan';
        buttons.append(cancel, ok);
        inner.append(title, text, buttons);
        dialog.append(inner);
        dialog.addEventListener('close', function () {
            var agreed = dialog.returnValue === 'ok';
            dialog.remove();
            if (agreed) {
                form.dataset.confirmed = 'true';
                if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
            }
        });
        document.body.append(dialog);
        dialog.showModal();
        cancel.focus();
    }

    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) { return; }
        if (form.dataset.confirmed === 'true') { delete form.dataset.confirmed; return; }
        event.preventDefault();
        ask(form, event.submitter);
    });
})();
