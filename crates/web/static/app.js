// Small enhancements only; every page works without this file.
(function () {
  "use strict";
  // Fill a hidden timezone field so times can be shown in the person's own zone.
  document.querySelectorAll("input[data-timezone]").forEach(function (input) {
    try {
      input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (e) {
      /* leave it empty: the server falls back to UTC */
    }
  });
  // Confirm before a button marked data-confirm submits its form.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (ev) {
      if (!window.confirm(el.getAttribute("data-confirm"))) ev.preventDefault();
    });
  });
})();
