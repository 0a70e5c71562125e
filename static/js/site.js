// Progressive enhancement only: the site works without this file.
// Highlights the table-of-contents entry of the section being read, and closes the phone TOC after a jump.
(function () {
  "use strict";
  var toc = document.getElementById("toc-list");
  if (!toc || !("IntersectionObserver" in window)) return;
  var links = {};
  toc.querySelectorAll('a[href^="#"]').forEach(function (link) {
    links[link.getAttribute("href").slice(1)] = link;
  });
  var current = null;
  var observer = new IntersectionObserver(
    function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        var link = links[entry.target.id];
        if (!link || link === current) return;
        if (current) { current.classList.remove("is-active"); current.removeAttribute("aria-current"); }
        link.classList.add("is-active");
        link.setAttribute("aria-current", "location");
        current = link;
      });
    },
    { rootMargin: "0px 0px -70% 0px", threshold: 0 }
  );
  Object.keys(links).forEach(function (id) {
    var section = document.getElementById(id);
    if (section) observer.observe(section);
  });
  toc.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (link && window.bootstrap && window.matchMedia("(max-width: 991.98px)").matches) {
      // Folding the list away shifts the page up under the section just jumped to: jump again once it is folded.
      var target = document.getElementById(link.getAttribute("href").slice(1));
      toc.addEventListener("hidden.bs.collapse", function () { if (target) target.scrollIntoView(); }, { once: true });
      var collapse = window.bootstrap.Collapse.getOrCreateInstance(toc);
      // A tap while the list is still opening would be ignored by Bootstrap: fold it once it is open.
      if (toc.classList.contains("collapsing")) {
        toc.addEventListener("shown.bs.collapse", function () { collapse.hide(); }, { once: true });
      } else {
        collapse.hide();
      }
    }
  });
})();

// A table or chart that scrolls sideways on a narrow screen must be reachable from the keyboard
// (WCAG 2.1.1): make each one that overflows a focusable, named region.
(function () {
  "use strict";
  document.querySelectorAll(".table-responsive").forEach(function (box) {
    if (box.scrollWidth <= box.clientWidth || box.hasAttribute("tabindex")) return;
    var name = box.querySelector("caption, figcaption, svg title");
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", name ? name.textContent.trim() : "Scrollable table");
  });
})();
