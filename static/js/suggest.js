/* As-you-type suggestions for search boxes with data-suggest-url (the header box #site-search-q).
   Progressive: without this file the box is a plain GET form to /search/. ARIA 1.2 combobox + listbox. */
(function () {
  "use strict";
  var counter = 0;

  function attach(input) {
    var form = input.form;
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("span");
    var timer = null;
    var controller = null;
    var active = -1;

    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.classList.add("suggest-host");
    form.appendChild(list);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function options() { return list.querySelectorAll("[role=option]"); }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function render(suggestions) {
      list.textContent = "";
      suggestions.forEach(function (suggestion, i) {
        var item = document.createElement("li");
        item.id = listId + "-" + (++counter);
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.url = suggestion.url;
        item.textContent = suggestion.label;
        list.appendChild(item);
      });
      status.textContent = suggestions.length ? suggestions.length + " suggestions; use the arrow keys to choose." : "";
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < 2) { render([]); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller.signal
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === query) { render(data.suggestions || []); } })
        .catch(function () { /* aborted or offline: the form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(options()[active].dataset.url);
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) { window.location.assign(item.dataset.url); }
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(attach);
})();
