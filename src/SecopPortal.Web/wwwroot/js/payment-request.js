// The cuenta de cobro pages, enhanced. Everything works without this file: it only adds what a browser with
// JavaScript can do better. The page's Content-Security-Policy allows scripts from this origin only, so the
// markup carries data- attributes and this file does the rest.
//
//  - "¿Está obligado a facturar electrónicamente?": hides the CUFE when "No", and then mirrors Valor neto into
//    Valor total (a persona natural bills the same amount in both).
//  - "Notas": a character count, read out only at milestones.
//  - "Validar" (CUFE, planilla): asks the server for a JSON answer about what is typed, without leaving the page.
//  - Uploads: refuses a file over the limit before sending it, shows a progress bar while it is sent, and then puts
//    the focus on the document attached (or on the errors).
//  - "Borrar": a confirmation dialog instead of the confirmation page.
(function () {
    'use strict';

    var numberFormat = new Intl.NumberFormat('es-CO');

    function init() {
        var form = document.querySelector('form[data-payment-request-form]');
        if (form) {
            initInvoicing(form);
            initCharCounts(form);
            initInlineChecks(form);
            initUploads(form);
        }

        initDeleteConfirmations();
    }

    function initInvoicing(form) {
        var choices = form.querySelectorAll('input[data-invoicing-choice]');
        var cufeField = form.querySelector('[data-cufe-field]');
        var net = form.querySelector('[data-net-value]');
        var total = form.querySelector('[data-total-value]');

        function invoicing() {
            var checked = form.querySelector('input[data-invoicing-choice]:checked');
            return !checked || checked.value === 'true';
        }

        function mirror() {
            if (!invoicing() && net && total) {
                total.value = net.value;
            }
        }

        function update() {
            if (cufeField) {
                cufeField.hidden = !invoicing();
            }

            if (total) {
                total.readOnly = !invoicing();
                total.classList.toggle('is-mirrored', !invoicing());
            }

            mirror();
        }

        choices.forEach(function (choice) {
            choice.addEventListener('change', function () {
                // Going from "Sí" to "No" and back gives the invoice's total back.
                if (total && !invoicing()) {
                    total.setAttribute('data-invoiced-total', total.value);
                } else if (total && total.hasAttribute('data-invoiced-total')) {
                    total.value = total.getAttribute('data-invoiced-total');
                    total.removeAttribute('data-invoiced-total');
                }

                update();
            });
        });

        if (net) {
            net.addEventListener('input', mirror);
        }

        update();
    }

    // The visible count follows every key; screen readers hear it only at milestones (100, 50 and 10 characters left,
    // the limit), once the typing pauses, through the page's live region (site.js). Whoever wants the exact count
    // finds it in the field's description.
    function initCharCounts(form) {
        form.querySelectorAll('[data-char-count-for]').forEach(function (counter) {
            var field = document.getElementById(counter.getAttribute('data-char-count-for'));
            var max = parseInt(counter.getAttribute('data-max'), 10);
            if (!field || isNaN(max)) {
                return;
            }

            counter.removeAttribute('aria-live');
            var said = milestone(max - field.value.length);
            var pause = null;

            function milestone(left) {
                if (left <= 0) {
                    return 0;
                }

                return [10, 50, 100].filter(function (mark) { return left <= mark; })[0] || null;
            }

            function update() {
                var length = field.value.length;
                counter.textContent = numberFormat.format(length) + ' de ' + numberFormat.format(max) + ' caracteres';
                counter.classList.toggle('char-count--over', length > max);
            }

            function speak() {
                var left = max - field.value.length;
                var mark = milestone(left);
                if (mark === said) {
                    return;
                }

                said = mark;
                if (mark !== null && window.SecopPortal && window.SecopPortal.announce) {
                    window.SecopPortal.announce(left <= 0
                        ? 'Llegó al límite de ' + numberFormat.format(max) + ' caracteres.'
                        : (left === 1 ? 'Queda 1 carácter.' : 'Quedan ' + numberFormat.format(left) + ' caracteres.'));
                }
            }

            field.addEventListener('input', function () {
                update();
                window.clearTimeout(pause);
                pause = window.setTimeout(speak, 700);
            });
            update();
        });
    }

    function initInlineChecks(form) {
        // On "Crear" there is no request to ask about yet: "Validar" is then an ordinary submit (it creates it).
        form.querySelectorAll('button[data-inline-check]:not([data-inline-check=""])').forEach(function (button) {
            button.addEventListener('click', function (event) {
                var result = document.getElementById(button.getAttribute('aria-describedby'));
                if (!result || !window.fetch) {
                    return; // the ordinary submit: saves and validates
                }

                event.preventDefault();
                var data = new FormData(form);
                data.delete('Upload.File');
                result.className = 'check-result check-result--pending';
                result.textContent = 'Validando…';
                button.disabled = true;
                fetch(button.formAction, {
                    method: 'POST',
                    body: data,
                    credentials: 'same-origin',
                    headers: { 'Accept': 'application/json' }
                }).then(function (response) {
                    if (!response.ok) {
                        throw new Error('HTTP ' + response.status);
                    }

                    return response.json();
                }).then(function (answer) {
                    result.className = 'check-result ' + (answer.ok ? 'check-result--ok' : 'check-result--error');
                    result.textContent = answer.message;
                }).catch(function () {
                    result.className = 'check-result check-result--error';
                    result.textContent = 'No fue posible validar en este momento. Pulse «Guardar» e intente de nuevo.';
                }).then(function () {
                    button.disabled = false;
                });
            });
        });
    }

    function initUploads(form) {
        var fileInput = form.querySelector('input[type=file][data-upload-file]');
        var progress = form.querySelector('[data-upload-progress]');
        if (!fileInput) {
            return;
        }

        var maxBytes = parseInt(form.getAttribute('data-max-file-bytes'), 10);
        var maxLabel = form.getAttribute('data-max-file-label') || '';
        var error = document.getElementById(fileInput.id + '-error');

        function showFileError(message) {
            if (error) {
                error.textContent = message;
            }

            fileInput.setAttribute('aria-invalid', 'true');
            fileInput.focus();
        }

        fileInput.addEventListener('change', function () {
            var file = fileInput.files && fileInput.files[0];
            if (file && !isNaN(maxBytes) && file.size > maxBytes) {
                showFileError('El archivo «' + file.name + '» supera el tamaño máximo permitido de ' + maxLabel + '. Elija otro.');
            } else if (error && fileInput.getAttribute('aria-invalid') === 'true') {
                error.textContent = '';
                fileInput.removeAttribute('aria-invalid');
            }
        });

        form.addEventListener('submit', function (event) {
            var file = fileInput.files && fileInput.files[0];
            if (!file || !window.XMLHttpRequest || !window.FormData) {
                return; // nothing to upload: the ordinary submit
            }

            if (!isNaN(maxBytes) && file.size > maxBytes) {
                event.preventDefault();
                showFileError('El archivo «' + file.name + '» supera el tamaño máximo permitido de ' + maxLabel + '. Elija otro.');
                return;
            }

            event.preventDefault();
            var submitter = event.submitter;
            var data = new FormData(form);
            var action = form.action;
            if (submitter) {
                if (submitter.name) {
                    data.append(submitter.name, submitter.value);
                }

                if (submitter.hasAttribute('formaction')) {
                    action = submitter.formAction;
                }
            }

            sendWithProgress(form, action, data, file, progress);
        });
    }

    // The attachments' rows, each known by its "Descargar" link.
    function attachmentRows() {
        return Array.prototype.slice.call(document.querySelectorAll('.pr-documents tbody tr')).map(function (row) {
            var link = row.querySelector('a[href]');
            return { row: row, key: link ? link.getAttribute('href') : row.textContent };
        });
    }

    function sendWithProgress(form, action, data, file, progress) {
        var before = attachmentRows().map(function (r) { return r.key; });
        var bar = progress ? progress.querySelector('progress') : null;
        var text = progress ? progress.querySelector('[data-upload-progress-text]') : null;
        var buttons = form.querySelectorAll('button');
        buttons.forEach(function (b) { b.disabled = true; });
        if (progress) {
            progress.hidden = false;
        }

        var xhr = new XMLHttpRequest();
        xhr.open('POST', action);
        xhr.upload.addEventListener('progress', function (event) {
            if (!event.lengthComputable) {
                return;
            }

            var percent = Math.round(event.loaded * 100 / event.total);
            if (bar) {
                bar.value = percent;
            }

            if (text) {
                text.textContent = 'Cargando «' + file.name + '»: ' + percent + ' %';
            }
        });
        xhr.upload.addEventListener('load', function () {
            if (text) {
                text.textContent = 'Revisando «' + file.name + '»…';
            }
        });
        xhr.addEventListener('load', function () {
            // XMLHttpRequest drops the redirect's fragment: after "Anexar" or "Quitar" the page opens at the documents.
            var redirected = xhr.responseURL && xhr.responseURL !== new URL(action, location.href).href;
            var hash = /\/anexos(\/|$)/.test(new URL(action, location.href).pathname) ? '#Documents' : '';
            replaceDocument(xhr.responseText, redirected ? xhr.responseURL + hash : null, before);
        });
        xhr.addEventListener('error', function () {
            buttons.forEach(function (b) { b.disabled = false; });
            if (progress) {
                progress.hidden = true;
            }

            var error = document.getElementById('Upload_File-error');
            if (error) {
                error.textContent = 'Se perdió la conexión mientras se cargaba el archivo. Revise su conexión y vuelva a intentarlo.';
            }

            var fileInput = form.querySelector('input[type=file][data-upload-file]');
            if (fileInput) {
                fileInput.setAttribute('aria-invalid', 'true');
                fileInput.focus();
            }
        });
        xhr.send(data);
    }

    // Shows the page the server answered, as the browser would after an ordinary submit, and puts the focus where
    // site.js puts it on a page that arrives: the error summary, else the document just attached (its row, read out
    // with the confirmation), else the address's fragment or the confirmation.
    function replaceDocument(html, url, rowsBefore) {
        var parsed = new DOMParser().parseFromString(html, 'text/html');
        document.title = parsed.title;
        document.body.replaceWith(document.adoptNode(parsed.body));
        if (url) {
            history.pushState(null, '', url);
        }

        init();
        var added = rowsBefore ? attachmentRows().filter(function (r) { return rowsBefore.indexOf(r.key) < 0; }) : [];
        var hash = url ? new URL(url).hash : '';
        var place = added.length === 1 ? added[0].row : (hash && document.getElementById(decodeURIComponent(hash.slice(1))));
        if (window.SecopPortal && window.SecopPortal.focusAnswer) {
            window.SecopPortal.focusAnswer(place || '');
            return;
        }

        var target = document.getElementById('errores') || place || document.getElementById('contenido');
        if (target) {
            target.scrollIntoView();
            if (target.id === 'errores') {
                target.focus();
            }
        }
    }

    function initDeleteConfirmations() {
        document.querySelectorAll('form[data-confirm]').forEach(function (form) {
            form.addEventListener('submit', function (event) {
                if (!window.confirm(form.getAttribute('data-confirm'))) {
                    event.preventDefault();
                    return;
                }

                var confirmed = form.querySelector('[data-confirmed]');
                if (confirmed) {
                    confirmed.value = 'true';
                }
            });
        });
    }

    init();
}());
