// File boxes in Spanish whatever the browser's language (Infrastructure/FilePickerTagHelper.cs marks them). The real
// <input type="file"> stays where it was: it keeps its label, its place in the Tab order and its keyboard (Space or
// Enter opens the dialog); it is only drawn out of sight. Next to it this adds a "Seleccionar archivo" button drawn
// for the eye (a click on it opens the same dialog) and the chosen file's name, which the input also names in its
// description. Without this file the browser's own box is shown, and works.
(function () {
    'use strict';

    function describe(input, id) {
        var ids = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (value) {
            return value && value !== id;
        });
        ids.unshift(id);
        input.setAttribute('aria-describedby', ids.join(' '));
    }

    function enhance(input) {
        var wrapper = document.createElement('span');
        wrapper.className = 'file-picker';

        var button = document.createElement('span');
        button.className = 'file-picker__button';
        button.setAttribute('aria-hidden', 'true');
        button.textContent = input.getAttribute('data-file-picker');

        var name = document.createElement('span');
        name.className = 'file-picker__name';
        name.id = (input.id || input.name) + '-archivo';

        var empty = input.getAttribute('data-file-picker-empty');

        function update() {
            var files = input.files;
            if (files && files.length > 1) {
                name.textContent = Array.prototype.map.call(files, function (file) { return file.name; }).join(', ');
            } else {
                name.textContent = files && files.length === 1 ? files[0].name : empty;
            }

            wrapper.classList.toggle('file-picker--chosen', !!(files && files.length > 0));
        }

        input.parentNode.insertBefore(wrapper, input);
        wrapper.appendChild(input);
        wrapper.appendChild(button);
        wrapper.appendChild(name);
        input.classList.add('file-picker__input');
        describe(input, name.id);

        button.addEventListener('click', function () {
            input.click();
        });
        input.addEventListener('change', update);
        if (input.form) {
            input.form.addEventListener('reset', function () {
                window.setTimeout(update, 0);
            });
        }

        update();
    }

    document.querySelectorAll('input[type=file][data-file-picker]').forEach(enhance);
})();
