/*
 * Job-description page: "Copy to clipboard" and "Print".
 * Both buttons ship hidden, so without JavaScript the page is simply the job
 * description plus its download links. The copy puts the description on the
 * clipboard twice over: as HTML (headings and lists survive a paste into a
 * document or an applicant-tracking system) and as the server's plain-text
 * rendition (for plain-text fields), which lives in a <template> on the page.
 */
(function () {
  "use strict";

  function announce(status, message) {
    if (!status) return;
    // Clear first so saying the same thing twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function copyDescription(article, plainText) {
    var clone = article.cloneNode(true);
    clone.querySelectorAll(".d-none").forEach(function (node) {
      node.remove();
    });
    var html = clone.outerHTML;
    if (window.ClipboardItem && navigator.clipboard.write) {
      var item = new window.ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([plainText], { type: "text/plain" }),
      });
      return navigator.clipboard.write([item]).catch(function () {
        return navigator.clipboard.writeText(plainText);
      });
    }
    return navigator.clipboard.writeText(plainText);
  }

  function initCopy(button) {
    var article = document.getElementById(button.dataset.copyTarget);
    var textSource = document.getElementById(button.dataset.copyText);
    var status = document.querySelector(".jd-copy-status");
    if (!article || !navigator.clipboard) return; // No clipboard API (e.g. plain http): keep the button hidden.
    button.hidden = false;
    button.addEventListener("click", function () {
      var plainText = textSource && textSource.content ? textSource.content.textContent : article.innerText;
      copyDescription(article, plainText).then(
        function () {
          status.classList.remove("text-danger");
          status.classList.add("text-success");
          announce(status, "Copied: the whole job description is on your clipboard.");
        },
        function () {
          status.classList.remove("text-success");
          status.classList.add("text-danger");
          announce(status, "Could not copy. Select the text and copy it, or download it below.");
        }
      );
    });
  }

  function initPrint(button) {
    if (typeof window.print !== "function") return;
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  }

  document.querySelectorAll(".jd-copy").forEach(initCopy);
  document.querySelectorAll(".jd-print").forEach(initPrint);
})();
