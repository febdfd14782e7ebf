// Every page of the portal, enhanced: where the focus goes when a page arrives after a submit, so that screen-reader
// and keyboard users hear what the server answered. Without JavaScript the pages say the same, only the focus stays
// at the top. The Content-Security-Policy allows scripts from this origin only: no inline script anywhere.
//
// In order, the first that the page has:
//  1. the error summary (#errores, "Hay 2 datos por corregir"), or the layout's error message;
//  2. the element the address points to (#…: the document just attached, "Plan de pagos"), where the browser has
//     scrolled: the success message, if any, is then read out by a live region;
//  3. the success message ("Se guardó…", role=status), which takes the focus itself.
// Pages that change without a reload (payment-request.js) call SecopPortal.focusAnswer() after replacing the page.
(function () {
    'use strict';

    var announcer = null;

    // A polite live region that exists before it is filled: screen readers read a change, not what was there on load.
    function announce(text) {
        if (!text) {
            return;
        }

        if (!announcer || !document.body.contains(announcer)) {
            announcer = document.createElement('div');
            announcer.className = 'visually-hidden';
            announcer.setAttribute('role', 'status');
            announcer.setAttribute('aria-live', 'polite');
            announcer.setAttribute('data-announcer', '');
            document.body.appendChild(announcer);
        }

        announcer.textContent = '';
        window.setTimeout(function () {
            announcer.textContent = text;
        }, 250);
    }

    function focusable(element) {
        return element && (element.hasAttribute('tabindex') || element.matches('a[href], button, input, select, textarea, summary'));
    }

    function focus(element) {
        if (!element.hasAttribute('tabindex') && !focusable(element)) {
            element.setAttribute('tabindex', '-1');
        }

        element.focus();
    }

    function target(hash) {
        if (hash && hash.nodeType === 1) {
            return hash;
        }

        if (!hash || hash.length < 2) {
            return null;
        }

        var element = document.getElementById(decodeURIComponent(hash.slice(1)));
        return element && element.id !== 'contenido' ? element : null;
    }

    // Moves the focus to what the page answered (see above); "place" (an element or a "#id") stands for the address's
    // fragment. Returns the element focused, or null.
    function focusAnswer(place) {
        var errors = document.getElementById('errores') || document.querySelector('[data-flash-error]');
        var flash = document.querySelector('[data-flash]');
        place = target(place === undefined ? location.hash : place);
        if (errors) {
            focus(errors);
            return errors;
        }

        if (place) {
            focus(place);
            if (flash) {
                announce(flash.textContent.trim());
            }

            return place;
        }

        if (flash) {
            focus(flash);
            return flash;
        }

        return null;
    }

    window.SecopPortal = window.SecopPortal || {};
    window.SecopPortal.announce = announce;
    window.SecopPortal.focusAnswer = focusAnswer;

    // A page that opens with the focus already somewhere (a dialog's autofocus, the user's first Tab) keeps it.
    var active = document.activeElement;
    if (!active || active === document.body || active === document.documentElement) {
        focusAnswer();
    }
}());
