// Small enhancements only; every page works without this file.
(function () {
  "use strict";
  // The texts this script shows, in the page's language: the layout writes them into the page
  // (the ui-texts data block), with `{name}` where a value goes.
  var TEXTS = {};
  try {
    TEXTS = JSON.parse(document.getElementById("ui-texts").textContent);
  } catch (e) {
    TEXTS = {};
  }
  function tr(key, vars) {
    var text = TEXTS[key] || key;
    Object.keys(vars || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(vars[name]));
    });
    return text;
  }
  var LANG = document.documentElement.lang || "en";
  // English keeps the browser's own clock format, as before there were other languages.
  var LOCALE = LANG === "en" ? [] : LANG;
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
  // Copy buttons: data-copy names the id of the field whose text is copied.
  document.querySelectorAll("[data-copy]").forEach(function (el) {
    el.hidden = false;
    el.addEventListener("click", function () {
      var field = document.getElementById(el.getAttribute("data-copy"));
      if (!field) return;
      field.select();
      var done = function () {
        el.textContent = tr("js-copied");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          document.execCommand("copy");
          done();
        });
      } else {
        document.execCommand("copy");
        done();
      }
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
    return tr("js-question", { number: fs.getAttribute("data-number"), text: legend.textContent.replace(/\s+/g, " ").trim() });
  }
  function showUnanswered(form, missing) {
    var old = form.querySelector(".unanswered");
    if (old) old.remove();
    var one = missing.length === 1;
    var box = el("div", { class: "unanswered notice warning stack", role: "alert", tabindex: "-1", "aria-labelledby": "unanswered-heading" });
    box.appendChild(el("h2", { id: "unanswered-heading" }, one ? tr("js-unanswered-one") : tr("js-unanswered-many", { count: missing.length })));
    var list = el("ul");
    missing.forEach(function (fs) {
      var li = el("li");
      li.appendChild(el("a", { href: "#" + fs.id }, questionText(fs)));
      list.appendChild(li);
    });
    box.appendChild(list);
    box.appendChild(el("p", {}, tr(one ? "js-unanswered-advice-one" : "js-unanswered-advice-many")));
    var actions = el("div", { class: "actions" });
    actions.appendChild(el("a", { class: "button", href: "#" + missing[0].id }, tr(one ? "js-answer-it" : "js-answer-them")));
    actions.appendChild(el("button", { type: "submit", class: "secondary", name: "confirm_unanswered", value: "1" }, tr("js-send-as-is")));
    box.appendChild(actions);
    form.insertBefore(box, form.querySelector("fieldset.question"));
    box.focus();
  }

  // What is typed in a form marked data-keep="<name>" is also kept on this device
  // (localStorage) until the server confirms it has it, so that a session that ended
  // mid-entry, a lost connection or a closed tab loses no word: the next time the form is
  // opened (after signing in again) it is filled from the copy, and says so.
  var local = null;
  try {
    local = window.localStorage;
  } catch (e) {
    local = null;
  }
  function pairsOf(form) {
    var out = [];
    new FormData(form).forEach(function (v, k) {
      if (k !== "csrf" && k !== "action" && typeof v === "string") out.push([k, v]);
    });
    return out;
  }
  function keptKey(form) {
    return "kept:" + form.getAttribute("data-keep");
  }
  function readCopy(form) {
    if (!local) return null;
    try {
      var c = JSON.parse(local.getItem(keptKey(form)) || "null");
      if (c && c.fields) return c;
    } catch (e) {
      /* not a copy of ours */
    }
    return null;
  }
  function keepCopy(form) {
    if (!local || !form.hasAttribute("data-keep")) return;
    try {
      local.setItem(keptKey(form), JSON.stringify({ at: Date.now(), fields: pairsOf(form) }));
    } catch (e) {
      /* storage full or refused: the server copy is all there is */
    }
  }
  // The server has `sent`: the copy goes, unless more was typed since.
  function confirmCopy(form, sent) {
    var c = form.hasAttribute("data-keep") ? readCopy(form) : null;
    if (c && JSON.stringify(c.fields) === sent) local.removeItem(keptKey(form));
  }

  // Forms marked data-autosave are saved quietly to the server while the person types, so that
  // closing the page or losing the connection loses nothing; the Save button still works alone.
  // A session that has ended answers with a redirect to sign in: the page says so.
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var url = form.getAttribute("data-autosave");
    var status = form.querySelector("[data-autosave-status]");
    var again = form.querySelector("[data-signed-out]");
    var timer = null;
    var dirty = false;
    function say(text) {
      if (status) status.textContent = text;
    }
    function signedOut(yes) {
      if (again) again.hidden = !yes;
      if (!yes) return;
      say(
        form.hasAttribute("data-keep") && local
          ? tr("js-signed-out-kept")
          : tr("js-signed-out-lost")
      );
    }
    function save(leaving) {
      if (!dirty) return;
      dirty = false;
      var sent = JSON.stringify(pairsOf(form));
      var body = new URLSearchParams(new FormData(form));
      body.set("action", "save");
      fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: !!leaving, redirect: "manual" })
        .then(function (r) {
          if (r.status === 204) {
            signedOut(false);
            var t = new Date().toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
            say(tr("js-saved-at", { time: t }));
            confirmCopy(form, sent);
          } else if (r.type === "opaqueredirect" || r.status === 401) {
            dirty = true;
            signedOut(true);
          } else if (r.status === 422 || r.status === 409) {
            r.text().then(function (t) {
              say(tr("js-not-saved", { message: t }));
            });
          } else {
            dirty = true;
            say(tr("js-not-saved-yet"));
          }
        })
        .catch(function () {
          dirty = true;
          say(tr("js-not-saved-offline"));
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

  // Lists of rows (moods, thoughts, activities…) get a button that adds a blank row: a copy of
  // the last, its names and ids numbered on (`moods[3].name`), emptied.
  var MAX_ROWS = 60;
  function addRow(list) {
    var rows = list.querySelectorAll(":scope > fieldset.row");
    if (!rows.length || rows.length >= MAX_ROWS) return null;
    var n = rows.length;
    var from = list.id + "[" + (n - 1) + "]";
    var to = list.id + "[" + n + "]";
    var last = rows[n - 1];
    var copy = last.cloneNode(true);
    copy.querySelectorAll(".field-error").forEach(function (e) {
      e.remove();
    });
    copy.querySelectorAll(".has-error").forEach(function (e) {
      e.classList.remove("has-error");
    });
    copy.querySelectorAll("[name], [id], [for], [aria-describedby], [aria-invalid]").forEach(function (node) {
      ["name", "id", "for", "aria-describedby"].forEach(function (a) {
        var v = node.getAttribute(a);
        if (v) node.setAttribute(a, v.split(from).join(to));
      });
      node.removeAttribute("aria-invalid");
      if (node.matches("input[type=radio], input[type=checkbox]")) node.checked = false;
      else if (node.matches("input, textarea, select")) node.value = "";
    });
    copy.querySelector("legend").textContent = list.getAttribute("data-row-title") + " " + (n + 1);
    last.parentNode.insertBefore(copy, last.nextSibling);
    return copy;
  }
  document.querySelectorAll("fieldset.rows[data-row-title]").forEach(function (list) {
    var button = list.querySelector("[data-add-row]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var row = addRow(list);
      var first = row && row.querySelector("input, textarea");
      if (first) first.focus();
      if (!row) button.hidden = true;
    });
  });

  // The kept copies: gone once a page says the server has them (data-kept-saved); refreshed
  // from a form sent back with what was typed (data-keep-typed); else put back into a form
  // that shows less than the copy, with a notice, and saved again.
  function fill(form, pairs) {
    // Rows added on the page before are added again.
    pairs.forEach(function (p) {
      var m = /^([a-z_]+)\[(\d+)\]\./.exec(p[0]);
      var list = m && form.querySelector("fieldset.rows[id='" + m[1] + "']");
      for (var guard = 0; list && guard < MAX_ROWS && !form.querySelector('[name="' + p[0] + '"]'); guard += 1) {
        if (!addRow(list)) break;
      }
    });
    var byName = {};
    pairs.forEach(function (p) {
      (byName[p[0]] = byName[p[0]] || []).push(p[1]);
    });
    var used = {};
    Array.prototype.forEach.call(form.elements, function (f) {
      if (!f.name || f.name === "csrf" || f.type === "hidden" || f.type === "submit" || f.type === "button") return;
      var values = byName[f.name] || [];
      if (f.type === "checkbox" || f.type === "radio") {
        f.checked = values.indexOf(f.value) >= 0;
      } else {
        var i = used[f.name] || 0;
        f.value = i < values.length ? values[i] : "";
        used[f.name] = i + 1;
      }
    });
  }
  // "4 Dec 2026, 14:30" on the reader's clock (the form's data-zone), like the pages' times.
  function stamp(at, zone) {
    var locale = LANG === "en" ? "en-GB" : LANG;
    var d = new Date(at);
    var day = { day: "numeric", month: "short", year: "numeric" };
    var time = { hour: "2-digit", minute: "2-digit", hour12: false };
    try {
      if (zone) {
        day.timeZone = zone;
        time.timeZone = zone;
      }
      return d.toLocaleDateString(locale, day) + ", " + d.toLocaleTimeString(locale, time);
    } catch (e) {
      return d.toLocaleString(locale);
    }
  }
  if (local) {
    document.querySelectorAll("[data-kept-saved]").forEach(function (n) {
      local.removeItem("kept:" + n.getAttribute("data-kept-saved"));
    });
    document.querySelectorAll("form[data-keep]").forEach(function (form) {
      var copy = readCopy(form);
      if (form.hasAttribute("data-keep-typed")) {
        keepCopy(form);
      } else if (copy && JSON.stringify(copy.fields) === JSON.stringify(pairsOf(form))) {
        local.removeItem(keptKey(form));
      } else if (copy) {
        var zone = form.getAttribute("data-zone");
        var notice = el("div", { class: "notice warning kept-notice", role: "status" });
        var text = el("p");
        notice.appendChild(text);
        form.parentNode.insertBefore(notice, form);
        var restore = function () {
          fill(form, copy.fields);
          // The copy as the form now reads it (its rows may differ), so the save confirms it.
          keepCopy(form);
          form.dispatchEvent(new Event("input", { bubbles: true }));
        };
        // A copy older than the server's last save (made elsewhere since) is offered, not
        // put over it; either way it stays until the server has what the form shows.
        if (copy.at >= Number(form.getAttribute("data-saved-at") || 0)) {
          restore();
          setTimeout(function () {
            text.textContent =
              tr("js-kept-restored", { when: stamp(copy.at, zone) }) + " " +
              tr(form.hasAttribute("data-autosave") ? "js-kept-saving" : "js-kept-send");
          }, 100);
        } else {
          var use = el("button", { type: "button", class: "secondary" }, tr("js-kept-put-back"));
          notice.appendChild(use);
          setTimeout(function () {
            text.textContent =
              tr("js-kept-older", { when: stamp(copy.at, zone) });
          }, 100);
          use.addEventListener("click", function () {
            restore();
            use.remove();
            text.textContent = tr("js-kept-restored", { when: stamp(copy.at, zone) });
          });
        }
      }
      form.addEventListener("input", function () {
        keepCopy(form);
      });
      form.addEventListener("change", function () {
        keepCopy(form);
      });
    });
  }

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

  // Drafts of what is typed in a text area, kept in this tab only (sessionStorage: gone when the tab closes,
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
  var AUTO = "auto:";
  // Every other text area that is sent to be saved has a draft too, named after its page, its
  // form and its name (forms saved as they are typed, or kept on the device, have their own).
  document.querySelectorAll("form[method=post] textarea:not([data-draft]):not([data-no-draft]):not([readonly]):not([disabled])").forEach(function (area) {
    var form = area.form;
    if (!form || !area.name || form.hasAttribute("data-autosave") || form.hasAttribute("data-keep")) return;
    area.setAttribute("data-draft", AUTO + location.pathname + "|" + (form.getAttribute("action") || "") + "|" + area.name);
  });
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
    if (!pending || failed || Date.now() - pending.at >= 120000) return;
    // A page without a notice also says a draft of its own was saved when the form's answer
    // sent us here (a form saved is answered with a redirect; one refused, with the form
    // again) and the person is still signed in: not the sign-in page after a session ended,
    // nor a page opened after an error page.
    var who = document.querySelector("script[data-who]");
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var answered = !!(nav && nav.redirectCount > 0) && !!(who && who.getAttribute("data-who"));
    pending.keys.forEach(function (k) {
      if (saved || (answered && k.indexOf(PREFIX + AUTO) === 0)) store.removeItem(k);
    });
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
    var time = d.toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
    if (d.toDateString() === new Date().toDateString()) return tr("js-today-at", { time: time });
    return tr("js-day-at", { day: d.toLocaleDateString(LOCALE, { weekday: "long", day: "numeric", month: "long" }), time: time });
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
    var discard = el("button", { type: "button", class: "secondary" }, tr("js-draft-discard"));
    notice.appendChild(text);
    notice.appendChild(discard);
    var anchor = mine[0].area.closest(".field") || mine[0].area;
    anchor.parentNode.insertBefore(notice, anchor);
    setTimeout(function () {
      text.textContent =
        latest ? tr("js-draft-restored-from", { when: when(latest) }) : tr("js-draft-restored");
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
  // A text area marked data-count="<id>" shows how many characters are left in that element.
  document.querySelectorAll("textarea[data-count]").forEach(function (area) {
    var out = document.getElementById(area.getAttribute("data-count"));
    var max = parseInt(area.getAttribute("maxlength"), 10);
    if (!out || !max) return;
    var show = function () {
      var left = max - Array.from(area.value).length;
      out.textContent = tr("js-characters-left", { left: left, max: max });
    };
    area.addEventListener("input", show);
    show();
  });
})();
// A message thread (ol[data-refresh], a polite live region) picks up new messages every 30
// seconds while the page is in view and the person has used it in the last two minutes (so
// that an idle session still times out): new ones are added at the end and announced by a
// screen reader without moving the focus. Without this file the page shows new messages when
// it is opened again.
(function () {
  "use strict";
  var list = document.querySelector("ol[data-refresh]");
  if (!list || !window.fetch || !window.DOMParser) return;
  var url = list.getAttribute("data-refresh");
  var lastUse = Date.now();
  ["keydown", "pointerdown", "scroll", "focusin"].forEach(function (type) {
    window.addEventListener(type, function () {
      lastUse = Date.now();
    }, { passive: true });
  });
  function refresh() {
    if (document.visibilityState !== "visible" || Date.now() - lastUse > 120000) return;
    fetch(url, { credentials: "same-origin", redirect: "manual" })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("ol[data-refresh]");
        if (!fresh) return;
        Array.prototype.forEach.call(fresh.children, function (li) {
          if (li.id && !document.getElementById(li.id)) list.appendChild(document.importNode(li, true));
        });
        var none = document.getElementById("no-messages");
        if (none && list.children.length) none.remove();
      })
      .catch(function () {
        /* offline or signed out: the page stays as it is */
      });
  }
  setInterval(refresh, 30000);
})();
