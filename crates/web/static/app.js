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
  // Confirm before a button marked data-confirm submits its form, once the form is complete:
  // a required field left empty goes to the server first, which says what to fill in.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (ev) {
      var missing = el.form && Array.prototype.some.call(el.form.querySelectorAll("[required]"), function (f) {
        return f.value.trim() === "";
      });
      if (missing) return;
      if (!window.confirm(el.getAttribute("data-confirm"))) ev.preventDefault();
    });
  });
  // Print buttons.
  document.querySelectorAll("[data-print]").forEach(function (el) {
    el.addEventListener("click", function () {
      window.print();
    });
  });

  // The phone menu (a <details>): Escape closes it and gives the focus back to "Menu"; a tap
  // outside closes it.
  document.querySelectorAll("details.nav-menu").forEach(function (menu) {
    var summary = menu.querySelector("summary");
    menu.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && menu.open) {
        menu.open = false;
        if (summary) summary.focus();
      }
    });
    document.addEventListener("click", function (ev) {
      if (menu.open && !menu.contains(ev.target)) menu.open = false;
    });
  });

  // An in-page link to a question (error summaries, unanswered questions) puts the focus on
  // its first answer, not only the page at it.
  function focusQuestion(id) {
    var target = document.getElementById(id);
    if (!target) return false;
    var input = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
    (input || target).focus();
    (input || target).scrollIntoView({ block: "center" });
    return !!input;
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest(".error-summary a[href^='#'], .unanswered a[href^='#']");
    if (!link) return;
    if (focusQuestion(decodeURIComponent(link.getAttribute("href").slice(1)))) ev.preventDefault();
  });

  // A questionnaire sent with questions left out: before it leaves, name each one with a link
  // to it, and ask: answer it, or send as it is (the server asks the same without JavaScript).
  // Not when an unanswered question cannot be left out (the server refuses and says why, and
  // records it: CLINICAL.md, item 9), nor when an answer calls for crisis help at once.
  document.querySelectorAll("form.measure[data-ask-unanswered]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      var by = ev.submitter;
      if (by && by.name === "confirm_unanswered") return;
      var missing = [];
      var refused = false;
      var urgent = false;
      form.querySelectorAll("fieldset.question").forEach(function (fs) {
        var chosen = fs.querySelector("input:checked");
        if (!chosen) {
          missing.push(fs);
          if (fs.hasAttribute("data-required")) refused = true;
        } else if (fs.hasAttribute("data-urgent") && chosen.value !== "0") {
          urgent = true;
        }
      });
      if (missing.length === 0 || refused || urgent) return;
      ev.preventDefault();
      showUnanswered(form, missing);
    });
  });
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text) node.textContent = text;
    return node;
  }
  function questionText(fs) {
    var legend = fs.querySelector("legend").cloneNode(true);
    legend.querySelectorAll(".q-number").forEach(function (n) {
      n.remove();
    });
    return "Question " + fs.getAttribute("data-number") + ": " + legend.textContent.replace(/\s+/g, " ").trim();
  }
  function showUnanswered(form, missing) {
    var old = form.querySelector(".unanswered");
    if (old) old.remove();
    var one = missing.length === 1;
    var box = el("div", { class: "unanswered notice warning stack", role: "alert", tabindex: "-1", "aria-labelledby": "unanswered-heading" });
    box.appendChild(el("h2", { id: "unanswered-heading" }, one ? "One question is not answered" : missing.length + " questions are not answered"));
    var list = el("ul");
    missing.forEach(function (fs) {
      var li = el("li");
      li.appendChild(el("a", { href: "#" + fs.id }, questionText(fs)));
      list.appendChild(li);
    });
    box.appendChild(list);
    box.appendChild(el("p", {}, "Answer " + (one ? "it" : "them") + " now, or send it as it is: your score is then worked out from the answers you gave."));
    var actions = el("div", { class: "actions" });
    actions.appendChild(el("a", { class: "button", href: "#" + missing[0].id }, one ? "Answer it" : "Answer them"));
    actions.appendChild(el("button", { type: "submit", class: "secondary", name: "confirm_unanswered", value: "1" }, "Send as it is"));
    box.appendChild(actions);
    form.insertBefore(box, form.querySelector("fieldset.question"));
    box.focus();
  }

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

  // Before leaving a page with text typed and not saved, the browser asks. Not for the form
  // being sent, and never on the way to crisis help (the drafts below keep the text).
  var sending = null;
  var toCrisis = false;
  function unsaved(form) {
    if (form === sending || form.hasAttribute("data-autosave")) return false;
    var areas = form.querySelectorAll("textarea");
    for (var i = 0; i < areas.length; i += 1) {
      if (areas[i].value !== areas[i].defaultValue) return true;
    }
    // Sent back with an error: what is in the boxes is not saved yet.
    if (form.querySelector(".has-error, [aria-invalid='true']")) {
      for (var k = 0; k < areas.length; k += 1) {
        if (areas[k].value.trim() !== "") return true;
      }
    }
    return false;
  }
  document.addEventListener("submit", function (ev) {
    if (!ev.defaultPrevented) sending = ev.target;
  });
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a[href]");
    if (link && /^(\/crisis|tel:|sms:)/.test(link.getAttribute("href"))) toCrisis = true;
  });
  window.addEventListener("beforeunload", function (ev) {
    if (toCrisis) {
      toCrisis = false;
      return;
    }
    var forms = document.querySelectorAll("form");
    for (var i = 0; i < forms.length; i += 1) {
      if (unsaved(forms[i])) {
        ev.preventDefault();
        ev.returnValue = "";
        sending = null;
        return;
      }
    }
  });
  // Back from the browser's cache: nothing is being sent any more.
  window.addEventListener("pageshow", function () {
    sending = null;
    toCrisis = false;
  });

  // Drafts of long entries, kept in this tab only (sessionStorage: gone when the tab closes,
  // never sent anywhere), so that a lost connection or an expired session loses nothing. A
  // draft put back into a box says so, with its time, and can be thrown away. Drafts are
  // cleared once the server says they are saved: a page marked data-drafts-saved, or the page
  // after a form was sent that confirms it (a success notice).
  var store;
  try {
    store = window.sessionStorage;
  } catch (e) {
    store = null;
  }
  if (!store) return;
  var PENDING = "drafts:sent";
  var PREFIX = "draft:";
  function readDraft(key) {
    var raw = store.getItem(key);
    if (raw === null) return null;
    try {
      var d = JSON.parse(raw);
      if (d && typeof d.text === "string") return d;
    } catch (e) {
      /* a draft from before drafts had a time */
    }
    return { text: raw, at: null };
  }
  function clearPrefix(prefix) {
    Object.keys(store).forEach(function (k) {
      if (k.indexOf(PREFIX + prefix) === 0) store.removeItem(k);
    });
  }
  document.querySelectorAll("[data-drafts-saved]").forEach(function (el) {
    el.getAttribute("data-drafts-saved").split(/\s+/).forEach(function (prefix) {
      if (prefix) clearPrefix(prefix + "-");
    });
  });
  (function () {
    var pending = null;
    try {
      pending = JSON.parse(store.getItem(PENDING) || "null");
    } catch (e) {
      pending = null;
    }
    store.removeItem(PENDING);
    var saved = document.querySelector(".notice.success, [data-drafts-saved]");
    var failed = document.querySelector(".error-summary, [aria-invalid='true']");
    if (pending && saved && !failed && Date.now() - pending.at < 120000) {
      pending.keys.forEach(function (k) {
        store.removeItem(k);
      });
    }
  })();
  document.addEventListener("submit", function (ev) {
    if (ev.defaultPrevented) return;
    var keys = [];
    ev.target.querySelectorAll("textarea[data-draft]").forEach(function (area) {
      keys.push(PREFIX + area.getAttribute("data-draft"));
    });
    if (keys.length) store.setItem(PENDING, JSON.stringify({ keys: keys, at: Date.now() }));
  });

  function when(at) {
    var d = new Date(at);
    var time = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    if (d.toDateString() === new Date().toDateString()) return "today at " + time;
    return d.toLocaleDateString([], { weekday: "long", day: "numeric", month: "long" }) + " at " + time;
  }
  var restored = [];
  document.querySelectorAll("textarea[data-draft]").forEach(function (area) {
    var key = PREFIX + area.getAttribute("data-draft");
    var draft = readDraft(key);
    if (draft && draft.text.trim() !== "" && draft.text !== area.value) {
      area.value = draft.text;
      restored.push({ area: area, key: key, at: draft.at });
    }
    area.addEventListener("input", function () {
      if (area.value === area.defaultValue) store.removeItem(key);
      else store.setItem(key, JSON.stringify({ text: area.value, at: Date.now() }));
    });
  });
  // One notice per form, above the first box put back; a live region first, then its words,
  // so that it is read out.
  var forms = [];
  restored.forEach(function (r) {
    if (r.area.form && forms.indexOf(r.area.form) < 0) forms.push(r.area.form);
  });
  forms.forEach(function (form) {
    var mine = restored.filter(function (r) {
      return r.area.form === form;
    });
    var latest = mine.reduce(function (m, r) {
      return r.at && r.at > m ? r.at : m;
    }, 0);
    var notice = el("div", { class: "notice warning draft-notice", role: "status" });
    var text = el("p");
    var discard = el("button", { type: "button", class: "secondary" }, "Discard draft");
    notice.appendChild(text);
    notice.appendChild(discard);
    var anchor = mine[0].area.closest(".field") || mine[0].area;
    anchor.parentNode.insertBefore(notice, anchor);
    setTimeout(function () {
      text.textContent =
        "Restored your unsaved draft" + (latest ? " from " + when(latest) : "") + ". It is not saved yet: save it, or discard it to go back to what was saved.";
    }, 100);
    discard.addEventListener("click", function () {
      mine.forEach(function (r) {
        r.area.value = r.area.defaultValue;
        store.removeItem(r.key);
      });
      notice.remove();
      mine[0].area.focus();
    });
  });
})();
