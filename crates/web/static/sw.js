// Rapport's own service worker (served at /sw.js, scope /). It keeps exactly three pages for
// use without a connection, and the files they need:
//   /crisis       for everyone (kept at install),
//   /checkin      the client's daily check-in form (kept after a visit while online),
//   /safety-plan  the client's own safety plan (kept after a visit while online),
// plus /offline, the page shown for any other page opened without a connection. Nothing else
// is ever kept: no staff page, no other page about a client, no API answer. Pages are always
// asked of the network first, so a page kept here is only used when the network fails.
// The kept pages are removed at sign-out (the page sends "signed-out"; the sign-out answer
// also carries Clear-Site-Data) and whenever a page is shown to someone not signed in.
"use strict";

var VERSION = "v1";
var STATIC_CACHE = "rapport-static-" + VERSION;
var PAGE_CACHE = "rapport-pages-" + VERSION;

var STATIC_FILES = [
  "/static/app.css",
  "/static/app.js",
  "/static/offline.js",
  "/static/favicon.svg",
  "/static/icon.svg",
  "/static/icon-192.png",
];
// Kept at install: they show nothing about anyone.
var PUBLIC_PAGES = ["/crisis", "/offline"];
// Kept only after the signed-in client opened them while online.
var OWN_PAGES = ["/checkin", "/safety-plan"];

function isKeptPage(path) {
  return PUBLIC_PAGES.indexOf(path) >= 0 || OWN_PAGES.indexOf(path) >= 0;
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    Promise.all([
      caches.open(STATIC_CACHE).then(function (c) {
        return c.addAll(STATIC_FILES);
      }),
      caches.open(PAGE_CACHE).then(function (c) {
        return Promise.all(
          PUBLIC_PAGES.map(function (path) {
            return fetch(path, { credentials: "same-origin" }).then(function (r) {
              if (r.ok && !r.redirected) return c.put(path, r);
            });
          })
        );
      }),
    ]).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (n) {
              return n.indexOf("rapport-") === 0 && n !== STATIC_CACHE && n !== PAGE_CACHE;
            })
            .map(function (n) {
              return caches.delete(n);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

// "signed-out": the client's own pages go (the public ones stay).
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "signed-out") return;
  var done = caches.open(PAGE_CACHE).then(function (c) {
    return Promise.all(
      OWN_PAGES.map(function (path) {
        return c.delete(path);
      })
    );
  });
  if (event.waitUntil) event.waitUntil(done);
});

function isHtml(response) {
  var type = response.headers.get("content-type") || "";
  return type.indexOf("text/html") === 0;
}

function page(request, path) {
  return fetch(request)
    .then(function (response) {
      // Only the page itself, as the signed-in person sees it: a redirect (to sign in) or an
      // error page is never kept.
      if (isKeptPage(path) && response.ok && !response.redirected && isHtml(response)) {
        var copy = response.clone();
        caches.open(PAGE_CACHE).then(function (c) {
          return c.put(path, copy);
        });
      }
      return response;
    })
    .catch(function () {
      return caches.open(PAGE_CACHE).then(function (c) {
        return (isKeptPage(path) ? c.match(path) : Promise.resolve(undefined)).then(function (kept) {
          return kept || c.match("/offline").then(function (fallback) {
            return fallback || Response.error();
          });
        });
      });
    });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) {
    if (STATIC_FILES.indexOf(url.pathname) < 0) return;
    // The network first (a new version of the program brings new files), the kept copy when
    // there is no network.
    event.respondWith(
      fetch(request)
        .then(function (response) {
          if (response.ok) {
            var copy = response.clone();
            caches.open(STATIC_CACHE).then(function (c) {
              return c.put(url.pathname, copy);
            });
          }
          return response;
        })
        .catch(function () {
          return caches.match(url.pathname, { cacheName: STATIC_CACHE }).then(function (kept) {
            return kept || Response.error();
          });
        })
    );
    return;
  }
  if (request.mode === "navigate" && url.pathname.indexOf("/api/") !== 0) {
    event.respondWith(page(request, url.pathname));
  }
});

// ----- Background Sync: the outbox sent with no Rapport page open -----
// Where the browser has Background Sync, a check-in or homework entry kept without a
// connection (offline.js keeps it in IndexedDB and registers "rapport-outbox") is sent when the
// connection returns even if no Rapport page is open. Each goes with its own Idempotency-Key and
// the form token it was kept with, so the server stores it once whoever sends it (a page opened
// meanwhile may send it too). One that arrived is marked `sent`, and the next Rapport page says it arrived; one
// refused, or met by the sign-in page, stays for the page, which puts it back into its form or
// asks to sign in. A failed connection fails the event, and the browser tries again later.
var OUTBOX_DB = "rapport-offline";
var OUTBOX = "outbox";

function outbox(mode, use) {
  return new Promise(function (resolve, reject) {
    var req = indexedDB.open(OUTBOX_DB, 1);
    req.onupgradeneeded = function () {
      req.result.createObjectStore(OUTBOX, { keyPath: "key" });
    };
    req.onerror = function () {
      reject(req.error);
    };
    req.onsuccess = function () {
      var db = req.result;
      var t = db.transaction(OUTBOX, mode);
      var result = use(t.objectStore(OUTBOX));
      t.oncomplete = function () {
        db.close();
        resolve(result && "result" in result ? result.result : undefined);
      };
      t.onerror = t.onabort = function () {
        db.close();
        reject(t.error);
      };
    };
  });
}

// Marked sent only if the page has not dropped it meanwhile (it may have sent it too).
function markSent(key) {
  return outbox("readwrite", function (store) {
    var get = store.get(key);
    get.onsuccess = function () {
      if (get.result) {
        get.result.sent = Date.now();
        store.put(get.result);
      }
    };
  });
}

// "sent", "signed-out", "stays" (refused: the page puts it back) or a rejection (no network).
function sendKept(entry) {
  var body = new URLSearchParams();
  entry.fields.forEach(function (p) {
    body.append(p[0], p[1]);
  });
  return fetch(entry.url, {
    method: "POST",
    body: body,
    credentials: "same-origin",
    headers: { "Idempotency-Key": entry.key },
  }).then(function (r) {
    var landed = new URL(r.url || entry.url, self.location.href).pathname;
    if (r.redirected && landed === "/login") return "signed-out";
    if (r.ok) {
      return markSent(entry.key)
        .then(function () {
          // An open page says so at once (it may have been sending the same entry).
          return self.clients.matchAll({ type: "window" });
        })
        .then(function (pages) {
          pages.forEach(function (p) {
            p.postMessage({ type: "outbox-sent" });
          });
          return "sent";
        });
    }
    if (r.status >= 500) throw new Error("server unavailable: try again later");
    return "stays";
  });
}

// Only when no Rapport page is open: an open page sends the outbox itself when the connection
// returns (offline.js), and deals with what is refused.
function sendOutbox() {
  return self.clients
    .matchAll({ type: "window" })
    .then(function (pages) {
      if (pages.length) return [];
      return outbox("readonly", function (store) {
        return store.getAll();
      });
    })
    .then(function (entries) {
      var waiting = (entries || [])
        .filter(function (e) {
          return !e.sent;
        })
        .sort(function (a, b) {
          return a.at - b.at;
        });
      var stop = false;
      return waiting.reduce(function (chain, entry) {
        return chain.then(function () {
          if (stop) return;
          return sendKept(entry).then(function (outcome) {
            // Signed out: the rest waits for the page and a new sign-in.
            if (outcome === "signed-out") stop = true;
          });
        });
      }, Promise.resolve());
    });
}

self.addEventListener("sync", function (event) {
  if (event.tag === "rapport-outbox") event.waitUntil(sendOutbox());
});
