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
  // Print buttons.
  document.querySelectorAll("[data-print]").forEach(function (el) {
    el.addEventListener("click", function () {
      window.print();
    });
  });
  // Drafts of long entries, kept in this tab only (sessionStorage: gone when the tab closes,
  // never sent anywhere), so that a lost connection or an expired session loses nothing.
  var store;
  try {
    store = window.sessionStorage;
  } catch (e) {
    store = null;
  }
  if (!store) return;
  document.querySelectorAll("[data-drafts-saved]").forEach(function (el) {
    var prefix = el.getAttribute("data-drafts-saved") + "-";
    Object.keys(store).forEach(function (k) {
      if (k.indexOf("draft:" + prefix) === 0) store.removeItem(k);
    });
  });
  document.querySelectorAll("textarea[data-draft]").forEach(function (area) {
    var key = "draft:" + area.getAttribute("data-draft");
    var saved = store.getItem(key);
    if (saved !== null && saved !== area.value && area.value.trim() === "") {
      area.value = saved;
    }
    area.addEventListener("input", function () {
      store.setItem(key, area.value);
    });
  });
})();
