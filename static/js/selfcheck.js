/* Skills self-check on a role page (templates/roles/includes/selfcheck.html).
 * Reads the ticked checkboxes, keeps them in localStorage per role (nothing leaves the browser),
 * and shows what is missing for this role and the next level up, and which roles in the catalog
 * the ticks are closest to (lists from /api/skills/). Without JavaScript the lists stay as lists. */
(function () {
  "use strict";

  var section = document.getElementById("selfcheck");
  if (!section) { return; }
  var form = document.getElementById("selfcheck-form");
  var result = document.getElementById("selfcheck-result");
  var clearButton = document.getElementById("selfcheck-clear");
  var storageKey = "careerguide:selfcheck:" + section.dataset.role;
  var catalog = null;

  function boxes() { return Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]")); }

  function labelOf(box) {
    var label = form.querySelector("label[for='" + box.id + "']");
    return label ? label.firstChild.textContent.trim() : box.value;
  }

  function ticked() {
    var keys = {};
    boxes().forEach(function (box) { if (box.checked) { keys[box.value] = true; } });
    return keys;
  }

  function load() {
    try { return JSON.parse(window.localStorage.getItem(storageKey) || "[]"); } catch (e) { return []; }
  }

  function save(keys) {
    try { window.localStorage.setItem(storageKey, JSON.stringify(Object.keys(keys))); } catch (e) { /* private mode: ticks just are not kept */ }
  }

  function list(id, heading, names, emptyText) {
    var box = document.getElementById(id);
    box.textContent = "";
    var h = document.createElement("h4");
    h.className = "h6 mt-3";
    h.textContent = heading;
    box.appendChild(h);
    if (!names.length) {
      var p = document.createElement("p");
      p.className = "mb-1 selfcheck-done";
      p.textContent = emptyText;
      box.appendChild(p);
      return;
    }
    var ul = document.createElement("ul");
    ul.className = "mb-1";
    names.forEach(function (name) {
      var li = document.createElement("li");
      li.textContent = name;
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function render() {
    var have = ticked();
    var own = boxes().filter(function (b) { return b.dataset.group === "role"; });
    var ownMissing = own.filter(function (b) { return !have[b.value]; }).map(labelOf);
    var count = Object.keys(have).length;
    clearButton.hidden = count === 0;
    result.hidden = false;
    document.getElementById("selfcheck-summary").textContent = own.length
      ? "You have " + (own.length - ownMissing.length) + " of the " + own.length + " skills and certifications listed for " + section.dataset.roleTitle + "."
      : "";
    list("selfcheck-missing-role", "Missing for " + section.dataset.roleTitle, ownMissing, "Nothing: you tick every item on the list.");

    var nextTitle = section.dataset.nextTitle;
    var nextBox = document.getElementById("selfcheck-missing-next");
    nextBox.textContent = "";
    if (nextTitle) {
      var nextMissing;
      var nextRole = catalog && catalog.filter(function (r) { return r.title === nextTitle; })[0];
      if (nextRole) {
        nextMissing = nextRole.items.filter(function (i) { return !have[i.key]; }).map(function (i) { return i.name; });
      } else {
        nextMissing = boxes().filter(function (b) { return b.dataset.group === "next" && !b.checked; }).map(labelOf);
      }
      list("selfcheck-missing-next", "Missing for the next level up, " + nextTitle, nextMissing, "Nothing: you are ready on paper.");
    }

    var closest = document.getElementById("selfcheck-closest");
    closest.textContent = "";
    if (!catalog) { return; }
    var scored = catalog.map(function (role) {
      var keys = {};
      role.items.forEach(function (i) { keys[i.key] = true; });
      var total = Object.keys(keys).length;
      var matched = Object.keys(keys).filter(function (k) { return have[k]; }).length;
      return { role: role, matched: matched, total: total, share: total ? matched / total : 0 };
    }).filter(function (s) { return s.matched > 0; });
    scored.sort(function (a, b) { return b.share - a.share || b.matched - a.matched || a.role.title.localeCompare(b.role.title); });
    var h = document.createElement("h4");
    h.className = "h6 mt-3";
    h.textContent = "Roles in the guide closest to your ticks";
    closest.appendChild(h);
    if (!scored.length) {
      var p = document.createElement("p");
      p.className = "mb-0";
      p.textContent = "Tick a few skills to see which roles fit you best.";
      closest.appendChild(p);
      return;
    }
    var ol = document.createElement("ol");
    ol.className = "mb-0";
    ol.id = "selfcheck-closest-list";
    scored.slice(0, 3).forEach(function (s) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = s.role.url + "#selfcheck";
      a.textContent = s.role.title;
      li.appendChild(a);
      li.appendChild(document.createTextNode(": " + s.matched + " of " + s.total + " (" + Math.round(100 * s.share) + "%)"));
      li.dataset.slug = s.role.slug;
      ol.appendChild(li);
    });
    closest.appendChild(ol);
  }

  var saved = {};
  load().forEach(function (key) { saved[key] = true; });
  boxes().forEach(function (box) { box.checked = !!saved[box.value]; });

  form.addEventListener("change", function (event) {
    var box = event.target;
    if (box && box.type === "checkbox") {
      // The same skill can appear in two lists (this role and the next level): keep them in step.
      boxes().forEach(function (other) { if (other.value === box.value) { other.checked = box.checked; } });
    }
    save(ticked());
    render();
  });
  clearButton.addEventListener("click", function () {
    boxes().forEach(function (box) { box.checked = false; });
    save({});
    render();
    form.querySelector("input[type=checkbox]") && form.querySelector("input[type=checkbox]").focus();
  });

  render();
  fetch(section.dataset.api, { headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) { if (data) { catalog = data.roles; render(); } })
    .catch(function () { /* offline: the page's own lists still work */ });
}());
