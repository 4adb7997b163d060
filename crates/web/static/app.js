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
  // Forms marked data-autosave are saved quietly to the server while the person types, so that
  // closing the page or losing the connection loses nothing; the Save button still works alone.
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var url = form.getAttribute("data-autosave");
    var status = form.querySelector("[data-autosave-status]");
    var timer = null;
    var dirty = false;
    function say(text) {
      if (status) status.textContent = text;
    }
    function save(leaving) {
      if (!dirty) return;
      dirty = false;
      var body = new URLSearchParams(new FormData(form));
      body.set("action", "save");
      fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: !!leaving })
        .then(function (r) {
          if (r.status === 204) {
            var t = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
            say("Saved at " + t + ".");
          } else if (r.status === 422) {
            r.text().then(function (t) {
              say("Not saved: " + t);
            });
          } else {
            dirty = true;
            say("Not saved yet: use the Save button below.");
          }
        })
        .catch(function () {
          dirty = true;
          say("Not saved: check your connection.");
        });
    }
    function later() {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(save, 1500);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") save(true);
    });
    window.addEventListener("pagehide", function () {
      save(true);
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
