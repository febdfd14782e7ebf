// The review page (Views/Review/Show.cshtml): "Aprobar" and "Marcar como pagado" open a dialog that shows what will be
// recorded, read from the form, and asks again ("aprobaciones involuntarias", issue 9). "Sí, …" is a submit button of
// the form that posts Confirmed=true; "Volver sin …" and Escape close the dialog and give the focus back to the button
// that opened it. Without JavaScript (or without <dialog>) the form posts as it is and the server asks on a page.
(function () {
    'use strict';

    // The date boxes are text boxes for dd/mm/aaaa (Infrastructure/DateInputTagHelper.cs); the server says whether the
    // date exists. An ISO date (a browser's own date box) is rewritten dd/mm/aaaa.
    function formatDate(value) {
        var text = (value || '').trim();
        var iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
        if (iso) {
            return iso[3] + '/' + iso[2] + '/' + iso[1];
        }

        var parts = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/.exec(text);
        return parts ? ('0' + parts[1]).slice(-2) + '/' + ('0' + parts[2]).slice(-2) + '/' + parts[3] : (text || '—');
    }

    function fill(dialog) {
        dialog.querySelectorAll('[data-source]').forEach(function (slot) {
            var control = document.getElementById(slot.getAttribute('data-source'));
            if (!control) {
                return;
            }

            var format = slot.getAttribute('data-format');
            var text;
            if (format === 'date') {
                text = formatDate(control.value);
            } else if (format === 'file') {
                text = control.files && control.files.length > 0 ? control.files[0].name : slot.getAttribute('data-empty');
            } else {
                text = control.value.trim() || slot.getAttribute('data-empty');
            }

            var strong = document.createElement('strong');
            strong.textContent = text;
            slot.replaceChildren(strong);
        });
    }

    document.querySelectorAll('form[data-confirm-dialog]').forEach(function (form) {
        var dialog = document.getElementById(form.getAttribute('data-confirm-dialog'));
        if (!dialog || typeof dialog.showModal !== 'function') {
            return;
        }

        var opener = null;
        var confirmed = false;
        var cancel = dialog.querySelector('[data-dialog-cancel]');

        form.addEventListener('submit', function (event) {
            if (event.submitter && dialog.contains(event.submitter)) {
                // "Sí, …": the form goes with Confirmed=true; a second press is not a second decision.
                if (confirmed) {
                    event.preventDefault();
                }

                confirmed = true;
                return;
            }

            event.preventDefault();
            opener = event.submitter || form.querySelector('button[type=submit]');
            confirmed = false;
            fill(dialog);
            dialog.showModal();
            cancel.focus();
        });

        cancel.addEventListener('click', function () {
            dialog.close();
        });

        dialog.addEventListener('close', function () {
            if (!confirmed && opener) {
                opener.focus();
            }
        });
    });
})();
