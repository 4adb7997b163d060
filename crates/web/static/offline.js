// Rapport as an app on the phone (issue 21; docs/offline.md):
// - with Background Sync, the service worker sends the outbox when no Rapport page is open;
// - registers Rapport's own service worker (/sw.js), which keeps the crisis page, the daily
//   check-in form and the client's own safety plan for use without a connection;
// - a check-in or homework entry sent while the device is offline is kept on this device
//   (IndexedDB) and sent when the connection returns, exactly once: it gets one
//   Idempotency-Key when it is kept, and every attempt to send it carries that key, so the
//   server stores it once however often it is sent;
// - the notice #offline-status (its words are in templates/_offline_status.html) says that it
//   is waiting, and then that it arrived;
// - what is kept belongs to the person signed in (data-who): it is sent only in their session,
//   and their pages are forgotten when a page is shown to nobody signed in, and at sign-out.
// Every page works without this file.
(function () {
  "use strict";
  var script = document.currentScript;
  var who = (script && script.getAttribute("data-who")) || "";
  var status = document.getElementById("offline-status");
  var OWN_PAGES = ["/checkin", "/safety-plan"];
  var PUBLIC_PAGES = ["/crisis", "/offline"];

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      /* no worker: the pages work online as before */
    });
  }

  // The client's own pages leave the device's cache (the worker is told too).
  function forgetOwnPages() {
    var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (worker) worker.postMessage({ type: "signed-out" });
    if (!window.caches) return Promise.resolve();
    return caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (n) {
              return n.indexOf("rapport-pages-") === 0;
            })
            .map(function (n) {
              return caches.open(n).then(function (c) {
                return Promise.all(
                  OWN_PAGES.map(function (p) {
                    return c.delete(p);
                  })
                );
              });
            })
        );
      })
      .catch(function () {});
  }
  // A page for nobody signed in that came from the server (the kept pages and the "no
  // connection" page may come from the device): whoever used this device before is gone.
  var here = location.pathname;
  if (
    !who &&
    OWN_PAGES.indexOf(here) < 0 &&
    PUBLIC_PAGES.indexOf(here) < 0 &&
    !document.querySelector("[data-offline-page]")
  ) {
    forgetOwnPages();
  }

  // ----- the outbox: entries kept on this device -----
  var DB_NAME = "rapport-offline";
  var STORE = "outbox";
  function open() {
    return new Promise(function (resolve, reject) {
      var req = window.indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore(STORE, { keyPath: "key" });
      };
      req.onsuccess = function () {
        resolve(req.result);
      };
      req.onerror = function () {
        reject(req.error);
      };
    });
  }
  function withStore(mode, use) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode);
        var req = use(t.objectStore(STORE));
        t.oncomplete = function () {
          db.close();
          resolve(req ? req.result : undefined);
        };
        t.onerror = t.onabort = function () {
          db.close();
          reject(t.error);
        };
      });
    });
  }
  function allEntries() {
    if (!window.indexedDB) return Promise.resolve([]);
    return withStore("readonly", function (s) {
      return s.getAll();
    })
      .then(function (list) {
        return (list || []).sort(function (a, b) {
          return a.at - b.at;
        });
      })
      .catch(function () {
        return [];
      });
  }
  function allMine() {
    return allEntries().then(function (list) {
      return list.filter(function (e) {
        return e.who === who;
      });
    });
  }
  // Waiting to be sent: not those the service worker sent already (`sent`, by Background Sync).
  function mine() {
    return allMine().then(function (list) {
      return list.filter(function (e) {
        return !e.sent;
      });
    });
  }
  // Asks the service worker to send the outbox when the connection returns, even with no
  // Rapport page open (Background Sync, where the browser has it; sw.js).
  function syncLater() {
    if (!navigator.serviceWorker) return;
    navigator.serviceWorker.ready
      .then(function (reg) {
        if (reg.sync) return reg.sync.register("rapport-outbox");
      })
      .catch(function () {
        /* no Background Sync: the next Rapport page sends it */
      });
  }
  function putEntry(entry) {
    return withStore("readwrite", function (s) {
      return s.put(entry);
    });
  }
  function dropEntry(key) {
    return withStore("readwrite", function (s) {
      return s.delete(key);
    });
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  // ----- the notice -----
  function words(name, entry, message) {
    var text = (status && status.getAttribute("data-" + name)) || "";
    if (entry) {
      var d = new Date(entry.at);
      var lang = document.documentElement.lang || undefined;
      var time = d.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
      if (d.toDateString() !== new Date().toDateString()) {
        time = d.toLocaleDateString(lang, { weekday: "long", day: "numeric", month: "long" }) + ", " + time;
      }
      text = text.split("{time}").join(time);
    }
    return text.split("{message}").join(message || "");
  }
  function link(href, label, cls) {
    var p = document.createElement("p");
    var a = document.createElement("a");
    a.href = href;
    a.textContent = label;
    if (cls) a.className = cls;
    p.appendChild(a);
    return p;
  }
  var wordsLater = null;
  // lines: [{text, crisis?, signIn?}]; tone "warning" or "success".
  function show(lines, tone, focus) {
    if (!status) return;
    if (!lines.length) {
      quiet();
      return;
    }
    status.hidden = false;
    status.setAttribute("role", "status");
    status.classList.add("notice");
    status.classList.toggle("warning", tone !== "success");
    status.classList.toggle("success", tone === "success");
    // The words go in a moment after the notice shows, so that it is read out. Only the
    // latest notice's words: an earlier one's, still to come, would overwrite them.
    clearTimeout(wordsLater);
    wordsLater = setTimeout(function () {
      while (status.firstChild) status.removeChild(status.firstChild);
      var crisis = false;
      var signIn = false;
      lines.forEach(function (l) {
        var p = document.createElement("p");
        p.className = "offline-text";
        p.textContent = l.text;
        status.appendChild(p);
        crisis = crisis || !!l.crisis;
        signIn = signIn || !!l.signIn;
      });
      if (crisis) status.appendChild(link("/crisis", status.getAttribute("data-crisis-link"), "button"));
      if (signIn) status.appendChild(link("/login", status.getAttribute("data-sign-in-link")));
      if (focus) status.focus();
    }, 50);
  }
  function quiet() {
    clearTimeout(wordsLater);
    if (!status) return;
    status.hidden = true;
    status.removeAttribute("role");
    status.classList.remove("notice", "warning", "success");
  }
  function waitingLines(entries) {
    var lines = [];
    entries.forEach(function (e) {
      lines.push({ text: words("waiting-" + e.kind, e) });
      if (e.selfHarm) lines.push({ text: words("self-harm"), crisis: true });
    });
    return lines;
  }
  // A check-in waiting to be sent: its form is not offered again until it has gone, so that
  // the same check-in is not kept twice.
  function hideSentForms(entries) {
    document.querySelectorAll("form[data-offline='checkin']").forEach(function (form) {
      var action = new URL(form.getAttribute("action") || here, location.href).pathname;
      if (entries.some(function (e) { return e.kind === "checkin" && e.url === action; })) form.hidden = true;
    });
  }

  // ----- keeping an entry sent without a connection -----
  function pairsOf(form, submitter) {
    var out = [];
    new FormData(form).forEach(function (v, k) {
      if (typeof v === "string") out.push([k, v]);
    });
    if (submitter && submitter.name) out.push([submitter.name, submitter.value]);
    return out;
  }
  document.querySelectorAll("form[data-offline]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (ev.defaultPrevented || navigator.onLine !== false || !who || !window.indexedDB) return;
      ev.preventDefault();
      var kind = form.getAttribute("data-offline");
      var url = new URL(form.getAttribute("action") || here, location.href).pathname;
      var fields = pairsOf(form, ev.submitter);
      var entry = {
        key: newKey(),
        who: who,
        kind: kind,
        url: url,
        fields: fields,
        at: Date.now(),
        selfHarm: fields.some(function (p) {
          return p[0] === "self_harm" && p[1] === "yes";
        }),
      };
      mine()
        .then(function (entries) {
          // A homework entry saved again replaces the one still waiting (the server keeps one
          // entry per exercise and day, so this is the same entry, newer).
          var older = entries.filter(function (e) {
            return kind === "homework" && e.kind === "homework" && e.url === url;
          });
          return Promise.all(
            older.map(function (e) {
              return dropEntry(e.key);
            })
          );
        })
        .then(function () {
          return putEntry(entry);
        })
        .then(function () {
          syncLater();
          // The entry holds what was typed now: no draft to restore, nothing "unsaved".
          form.querySelectorAll("textarea").forEach(function (area) {
            var draft = area.getAttribute("data-draft");
            try {
              if (draft) window.sessionStorage.removeItem("draft:" + draft);
            } catch (e) {
              /* no session storage */
            }
            area.defaultValue = area.value;
          });
          return mine();
        })
        .then(function (entries) {
          hideSentForms(entries);
          show(waitingLines(entries), "warning", true);
        })
        .catch(function () {
          // Nothing could be kept: send it the ordinary way (the browser says it is offline).
          form.submit();
        });
    });
  });

  // A check-in the server refused goes back into the form on this page, when it is here, so
  // that only the missing part needs doing (homework keeps its own copy on the device).
  function putBack(entry) {
    var form = entry.kind === "checkin" && document.querySelector("form[data-offline='checkin']");
    if (!form) return;
    var byName = {};
    entry.fields.forEach(function (p) {
      (byName[p[0]] = byName[p[0]] || []).push(p[1]);
    });
    Array.prototype.forEach.call(form.elements, function (f) {
      if (!f.name || f.name === "csrf" || f.type === "hidden" || f.type === "submit" || f.type === "button") return;
      var values = byName[f.name] || [];
      if (f.type === "checkbox" || f.type === "radio") f.checked = values.indexOf(f.value) >= 0;
      else if (values.length) f.value = values[0];
    });
    form.hidden = false;
  }

  // ----- sending what was kept -----
  var flushing = false;
  var arrived = [];
  function errorText(html) {
    try {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var el = doc.querySelector(".error-summary li") || doc.querySelector(".field-error");
      return el ? el.textContent.replace(/^\s*Error:\s*/, "").replace(/\s+/g, " ").trim() : "";
    } catch (e) {
      return "";
    }
  }
  // One entry: "arrived", "refused" (with .message), "signed-out" or "later".
  function send(entry) {
    var body = new URLSearchParams();
    // The form token of this page is the current one (a kept one may be from before).
    var token = document.querySelector("input[name='csrf']");
    entry.fields.forEach(function (p) {
      body.append(p[0], p[0] === "csrf" && token ? token.value : p[1]);
    });
    return fetch(entry.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Idempotency-Key": entry.key },
    }).then(
      function (r) {
        var landed = new URL(r.url || entry.url, location.href).pathname;
        if (r.redirected && landed === "/login") return { outcome: "signed-out" };
        if (r.ok) return { outcome: "arrived" };
        if (r.status === 422) {
          return r.text().then(function (html) {
            return { outcome: "refused", message: errorText(html) };
          });
        }
        return { outcome: "later" };
      },
      function () {
        return { outcome: "later" };
      }
    );
  }
  var flushAgain = false;
  function flush() {
    if (flushing) flushAgain = true;
    if (flushing || !status) return Promise.resolve();
    if (!who) {
      // Nobody signed in (on a page from the server): say that something waits for its
      // owner to sign in.
      if (navigator.onLine === false) return Promise.resolve();
      return allEntries().then(function (all) {
        if (all.length) show([{ text: words("signed-out"), signIn: true }], "warning", false);
      });
    }
    if (navigator.onLine === false) {
      return mine().then(function (entries) {
        hideSentForms(entries);
        show(waitingLines(entries), "warning", false);
      });
    }
    flushing = true;
    var signedOut = false;
    var lines = [];
    var touched = false;
    // What the service worker sent while no page was open: it arrived.
    return allMine()
      .then(function (list) {
        touched = list.length > 0;
        return Promise.all(
          list
            .filter(function (e) {
              return e.sent;
            })
            .map(function (e) {
              arrived.push(e);
              return dropEntry(e.key);
            })
        );
      })
      .then(mine)
      .then(function (entries) {
        hideSentForms(entries);
        if (!entries.length) return;
        show([{ text: words("sending") }], "warning", false);
        return entries.reduce(function (chain, entry) {
          return chain.then(function () {
            if (signedOut) return;
            return send(entry).then(function (r) {
              if (r.outcome === "arrived") {
                arrived.push(entry);
                return dropEntry(entry.key);
              }
              if (r.outcome === "refused") {
                lines.push({ text: words("refused-" + entry.kind, entry, r.message) });
                putBack(entry);
                return dropEntry(entry.key);
              }
              if (r.outcome === "signed-out") signedOut = true;
            });
          });
        }, Promise.resolve());
      })
      .catch(function () {})
      .then(mine)
      .then(function (left) {
        flushing = false;
        if (flushAgain) {
          flushAgain = false;
          setTimeout(flush, 0);
        }
        arrived.forEach(function (e) {
          lines.push({ text: words("arrived-" + e.kind, e), crisis: e.selfHarm });
        });
        arrived = [];
        if (signedOut) lines.push({ text: words("signed-out"), signIn: true });
        else lines = lines.concat(waitingLines(left));
        // Nothing was waiting: the notice stays as it is (it may say something arrived).
        if (!touched && !lines.length && !left.length) return;
        var tone = left.length || signedOut ? "warning" : "success";
        if (lines.length) show(lines, tone, false);
        else quiet();
      });
  }
  // For the tests and for the worker: the outbox is sent now.
  window.rapportOffline = { flush: flush, entries: allEntries };

  // ----- sign-out -----
  // Signing out deletes what this device kept (the answer carries Clear-Site-Data): first ask,
  // when something is still waiting to be sent, and forget the client's pages here too.
  document.querySelectorAll("form[action='/logout']").forEach(function (form) {
    var confirmed = false;
    form.addEventListener("submit", function (ev) {
      if (confirmed || ev.defaultPrevented) return;
      ev.preventDefault();
      mine()
        .then(function (entries) {
          if (entries.length && !window.confirm(words("sign-out-confirm"))) return false;
          return forgetOwnPages().then(function () {
            return true;
          });
        })
        .then(function (go) {
          if (!go) return;
          confirmed = true;
          form.submit();
        });
    });
  });

  window.addEventListener("online", flush);
  // The service worker sent something from the outbox (Background Sync).
  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener("message", function (ev) {
      if (ev.data && ev.data.type === "outbox-sent") flush();
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") flush();
  });
  flush();
})();

// "Skip for today" on the step of the day (home page): on a bad day the step steps aside until
// tomorrow, on this device only; a plain link still leads to it.
(function () {
  "use strict";
  var local = null;
  try {
    local = window.localStorage;
  } catch (e) {
    return;
  }
  var today = new Date().toDateString();
  document.querySelectorAll("[data-skip-today]").forEach(function (box) {
    var href = box.getAttribute("data-skip-today");
    var key = "skip-today:" + href;
    var section = box.parentNode;
    var big = section.querySelector("a.button[href='" + href + "']");
    var button = box.querySelector("button");
    if (!big || !button) return;
    function skipped() {
      big.parentNode.hidden = true;
      // "Step 1 of 3" counted the step set aside.
      var counter = big.parentNode.previousElementSibling;
      if (counter && counter.matches("p.muted")) counter.hidden = true;
      while (box.firstChild) box.removeChild(box.firstChild);
      var p = document.createElement("p");
      p.textContent = box.getAttribute("data-skipped") + " ";
      var a = document.createElement("a");
      a.href = href;
      a.textContent = box.getAttribute("data-anyway");
      p.appendChild(a);
      box.appendChild(p);
      box.classList.add("notice");
    }
    if (local.getItem(key) === today) {
      skipped();
    } else {
      local.removeItem(key);
      button.addEventListener("click", function () {
        local.setItem(key, today);
        skipped();
        box.setAttribute("tabindex", "-1");
        box.focus();
      });
    }
    box.hidden = false;
  });
})();
