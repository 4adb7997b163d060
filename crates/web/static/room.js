// The online room of a session (issue 20): a device check, the waiting room, and a mesh of
// WebRTC peer connections (up to 6 people), signalled over Rapport's WebSocket. Media go
// between the browsers (DTLS-SRTP); Rapport only passes the messages that connect them.
// No library, nothing from another host.
(function () {
  "use strict";
  var root = document.getElementById("room");
  if (!root) return;
  var session = root.getAttribute("data-session");
  var host = root.getAttribute("data-host") === "1";
  var iceServers = [];
  try {
    iceServers = JSON.parse(root.getAttribute("data-ice") || "[]");
  } catch (e) {
    iceServers = [];
  }
  function $(id) {
    return document.getElementById(id);
  }
  // The page's texts in its language (the ui-texts data block, as static/app.js reads it).
  var TEXTS = {};
  try {
    TEXTS = JSON.parse($("ui-texts").textContent);
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

  var local = null; // camera and microphone
  var screen = null; // the shared screen, while sharing
  var ws = null;
  var you = null;
  var admitted = false;
  var leaving = false;
  var ended = false;
  var retry = 0;
  var opened = false; // the signalling connection opened at least once
  var peers = {}; // id -> {pc, name, tile, video, quality, offerer, queued}

  function status(text) {
    var el = $("status");
    if (el) el.textContent = text;
  }

  function send(msg) {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
  }

  // ---- devices -------------------------------------------------------------------------
  function getMedia() {
    if (local) return Promise.resolve(local);
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      local = new MediaStream();
      return Promise.resolve(local);
    }
    return navigator.mediaDevices
      .getUserMedia({ video: true, audio: true })
      .catch(function () {
        return navigator.mediaDevices.getUserMedia({ audio: true });
      })
      .catch(function () {
        return new MediaStream();
      })
      .then(function (stream) {
        local = stream;
        $("preview").srcObject = stream;
        $("self-video").srcObject = stream;
        return stream;
      });
  }

  function checkDevices() {
    $("check-camera").textContent = tr("js-room-camera-checking");
    $("check-mic").textContent = tr("js-room-mic-checking");
    getMedia().then(function (stream) {
      var cam = stream.getVideoTracks()[0];
      var mic = stream.getAudioTracks()[0];
      $("check-camera").textContent = cam
        ? tr("js-room-camera-working", { device: cam.label || tr("js-room-camera") })
        : tr("js-room-camera-missing");
      $("check-mic").textContent = mic
        ? tr("js-room-mic-working", { device: mic.label || tr("js-room-mic") })
        : tr("js-room-mic-missing");
    });
    var started = Date.now();
    fetch("/healthz", { cache: "no-store" })
      .then(function (r) {
        var ms = Date.now() - started;
        $("check-connection").textContent = r.ok
          ? tr("js-room-server-good", { ms: ms })
          : tr("js-room-server-problem");
      })
      .catch(function () {
        $("check-connection").textContent = tr("js-room-server-none");
      });
  }

  // ---- peers ---------------------------------------------------------------------------
  function tileFor(id, name) {
    var li = document.createElement("li");
    li.className = "room-tile";
    li.id = "tile-" + id;
    var video = document.createElement("video");
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute("aria-label", tr("js-room-video-of", { name: name }));
    var label = document.createElement("span");
    label.className = "room-name";
    label.textContent = name;
    var quality = document.createElement("span");
    quality.className = "room-quality";
    quality.textContent = tr("js-room-quality", { word: tr("js-room-q-connecting") });
    li.appendChild(video);
    li.appendChild(label);
    li.appendChild(quality);
    $("videos").appendChild(li);
    return { tile: li, video: video, quality: quality };
  }

  function currentVideoTrack() {
    if (screen) return screen.getVideoTracks()[0] || null;
    return local ? local.getVideoTracks()[0] || null : null;
  }

  function createPeer(id, name, offerer) {
    if (peers[id]) return peers[id];
    var pc = new RTCPeerConnection({ iceServers: iceServers });
    var t = tileFor(id, name || tr("js-room-someone"));
    var p = { pc: pc, name: name, tile: t.tile, video: t.video, quality: t.quality, offerer: offerer, queued: [], lastBytes: 0 };
    peers[id] = p;
    var tracks = local ? local.getTracks() : [];
    tracks.forEach(function (track) {
      var sending = track.kind === "video" ? currentVideoTrack() || track : track;
      pc.addTrack(sending, local);
    });
    if (!tracks.some(function (x) { return x.kind === "audio"; })) pc.addTransceiver("audio", { direction: "recvonly" });
    if (!tracks.some(function (x) { return x.kind === "video"; })) pc.addTransceiver("video", { direction: "recvonly" });
    pc.onicecandidate = function (e) {
      if (e.candidate) send({ type: "signal", to: id, data: { candidate: e.candidate.toJSON() } });
    };
    pc.ontrack = function (e) {
      if (e.streams && e.streams[0]) p.video.srcObject = e.streams[0];
      else {
        var s = p.video.srcObject || new MediaStream();
        s.addTrack(e.track);
        p.video.srcObject = s;
      }
    };
    pc.onconnectionstatechange = function () {
      if (pc.connectionState === "failed" && p.offerer) offer(id, true);
      showQuality(p);
    };
    if (offerer) offer(id, false);
    return p;
  }

  function offer(id, restart) {
    var p = peers[id];
    if (!p) return;
    p.pc
      .createOffer(restart ? { iceRestart: true } : {})
      .then(function (o) {
        return p.pc.setLocalDescription(o);
      })
      .then(function () {
        send({ type: "signal", to: id, data: { sdp: p.pc.localDescription.toJSON() } });
      })
      .catch(function () {
        status(tr("js-room-retrying", { name: p.name || tr("js-room-someone") }));
      });
  }

  function onSignal(from, data) {
    var p = peers[from] || createPeer(from, tr("js-room-someone"), false);
    var pc = p.pc;
    if (data.sdp) {
      pc.setRemoteDescription(data.sdp)
        .then(function () {
          p.queued.splice(0).forEach(function (c) {
            pc.addIceCandidate(c).catch(function () {});
          });
          if (data.sdp.type === "offer") {
            return pc
              .createAnswer()
              .then(function (a) {
                return pc.setLocalDescription(a);
              })
              .then(function () {
                send({ type: "signal", to: from, data: { sdp: pc.localDescription.toJSON() } });
              });
          }
          return null;
        })
        .catch(function () {});
    } else if (data.candidate) {
      if (pc.remoteDescription) pc.addIceCandidate(data.candidate).catch(function () {});
      else p.queued.push(data.candidate);
    }
  }

  function removePeer(id) {
    var p = peers[id];
    if (!p) return;
    delete peers[id];
    try {
      p.pc.close();
    } catch (e) {
      /* closed already */
    }
    if (p.tile.parentNode) p.tile.parentNode.removeChild(p.tile);
  }

  function closeAllPeers() {
    Object.keys(peers).forEach(removePeer);
  }

  // ---- connection quality, from getStats ----------------------------------------------
  function measure(p) {
    return p.pc.getStats().then(function (report) {
      var bytes = 0;
      var lost = 0;
      var received = 0;
      var rtt = null;
      report.forEach(function (s) {
        if (s.type === "inbound-rtp") {
          bytes += s.bytesReceived || 0;
          lost += s.packetsLost || 0;
          received += s.packetsReceived || 0;
        }
        if (s.type === "candidate-pair" && s.nominated && s.currentRoundTripTime !== undefined) {
          rtt = s.currentRoundTripTime;
        }
      });
      return { bytes: bytes, lost: lost, received: received, rtt: rtt, state: p.pc.connectionState };
    });
  }

  // A connection's state (data-quality) and its message.
  var WORDS = {
    "lost, reconnecting": "js-room-q-lost",
    connecting: "js-room-q-connecting",
    "no video or sound arriving": "js-room-q-nothing",
    good: "js-room-q-good",
    fair: "js-room-q-fair",
    poor: "js-room-q-poor",
  };

  function showQuality(p) {
    measure(p).then(function (m) {
      var word;
      if (m.state !== "connected") word = m.state === "failed" ? "lost, reconnecting" : "connecting";
      else {
        var loss = m.received + m.lost > 0 ? m.lost / (m.received + m.lost) : 0;
        var flowing = m.bytes > p.lastBytes;
        if (!flowing) word = "no video or sound arriving";
        else if (loss < 0.02 && (m.rtt === null || m.rtt < 0.3)) word = "good";
        else if (loss < 0.1 && (m.rtt === null || m.rtt < 0.8)) word = "fair";
        else word = "poor";
      }
      p.lastBytes = m.bytes;
      p.quality.textContent = tr("js-room-quality", { word: tr(WORDS[word]) });
      p.tile.setAttribute("data-quality", word);
    });
  }

  setInterval(function () {
    Object.keys(peers).forEach(function (id) {
      showQuality(peers[id]);
    });
  }, 2000);

  // For the browser tests and for support: what each connection has received.
  window.rapportRoom = {
    stats: function () {
      var ids = Object.keys(peers);
      return Promise.all(
        ids.map(function (id) {
          return measure(peers[id]).then(function (m) {
            return { id: id, name: peers[id].name, bytes: m.bytes, state: m.state };
          });
        })
      );
    },
    you: function () {
      return you;
    },
    admitted: function () {
      return admitted;
    },
  };

  // ---- the room ------------------------------------------------------------------------
  function showWaiting() {
    $("check").hidden = true;
    $("call").hidden = true;
    $("waiting").hidden = false;
  }

  function enterCall(list) {
    admitted = true;
    $("check").hidden = true;
    $("waiting").hidden = true;
    $("call").hidden = false;
    status(
      list.length === 0
        ? tr("js-room-alone")
        : list.length === 1
          ? tr("js-room-connecting-one")
          : tr("js-room-connecting-many", { count: list.length })
    );
    list.forEach(function (p) {
      createPeer(p.id, p.name, true);
    });
  }

  function renderLobby(list) {
    var ul = $("lobby-list");
    if (!ul) return;
    ul.textContent = "";
    $("lobby-empty").hidden = list.length > 0;
    list.forEach(function (p) {
      var li = document.createElement("li");
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = tr("js-room-let-in", { name: p.name });
      b.addEventListener("click", function () {
        b.disabled = true;
        send({ type: "admit", peer: p.id });
      });
      li.appendChild(b);
      ul.appendChild(li);
    });
    if (list.length) {
      var names = list.map(function (p) { return p.name; }).join(", ");
      status(tr(list.length === 1 ? "js-room-waiting-one" : "js-room-waiting-many", { names: names }));
    }
  }

  function addChat(m) {
    var li = document.createElement("li");
    li.id = "chat-" + m.id;
    var who = document.createElement("strong");
    who.textContent = m.from === you ? tr("js-room-you") : m.name;
    var at = document.createElement("span");
    at.className = "muted";
    var time = new Date(m.at);
    at.textContent = " " + time.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + " ";
    var text = document.createElement("span");
    text.className = "pre";
    text.textContent = m.text;
    li.appendChild(who);
    li.appendChild(at);
    li.appendChild(text);
    if (host) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "secondary room-save";
      b.textContent = tr("js-room-save");
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = ": " + m.text.slice(0, 40);
      b.appendChild(hidden);
      b.addEventListener("click", function () {
        b.disabled = true;
        send({ type: "save", from: m.from, text: m.text, id: m.id });
      });
      li.appendChild(b);
    }
    $("chat-lines").appendChild(li);
    $("chat-log").scrollTop = $("chat-log").scrollHeight;
  }

  function onMessage(m) {
    switch (m.type) {
      case "welcome":
        you = m.you;
        if (m.admitted) enterCall(m.peers || []);
        else showWaiting();
        break;
      case "admitted":
        enterCall(m.peers || []);
        break;
      case "joined":
        if (admitted) {
          createPeer(m.peer.id, m.peer.name, false);
          status(tr("js-room-joined", { name: m.peer.name }));
        }
        break;
      case "left":
      case "gone":
        if (peers[m.peer]) status(tr("js-room-left", { name: peers[m.peer].name || tr("js-room-someone") }));
        removePeer(m.peer);
        break;
      case "signal":
        onSignal(m.from, m.data || {});
        break;
      case "chat":
        addChat(m);
        break;
      case "waiting":
        renderLobby(m.peers || []);
        break;
      case "saved": {
        var li = $("chat-" + m.id);
        var b = li && li.querySelector("button");
        if (b) {
          var done = document.createElement("span");
          done.className = "badge";
          done.textContent = tr("js-room-saved");
          li.replaceChild(done, b);
        }
        break;
      }
      case "ended":
        finish();
        break;
      case "error":
        status(m.message);
        // A save or a let-in that failed may be tried again.
        document.querySelectorAll("#chat-log button:disabled, #lobby-list button:disabled").forEach(function (b) {
          b.disabled = false;
        });
        break;
      default:
        break;
    }
  }

  function connect() {
    if (ws || leaving || ended) return;
    var proto = location.protocol === "https:" ? "wss:" : "ws:";
    var socket = new WebSocket(proto + "//" + location.host + "/sessions/" + session + "/room/ws");
    ws = socket;
    var thisOpened = false;
    socket.onopen = function () {
      opened = true;
      thisOpened = true;
      retry = 0;
      status(tr("js-room-connected"));
    };
    socket.onmessage = function (e) {
      try {
        onMessage(JSON.parse(e.data));
      } catch (err) {
        /* not ours */
      }
    };
    socket.onclose = function () {
      if (ws === socket) ws = null;
      closeAllPeers();
      admitted = false;
      if (leaving || ended) return;
      if (!thisOpened && (retry >= 1 || !opened)) {
        // Refused (the room was ended meanwhile, or the sign-in is over)? The page says why.
        fetch(location.pathname, { cache: "no-store", credentials: "same-origin" })
          .then(function (r) {
            if (r.status === 403 || r.redirected) location.reload();
            else later();
          })
          .catch(later);
        return;
      }
      later();
    };
    function later() {
      status(tr("js-room-reconnecting"));
      var wait = Math.min(1000 * Math.pow(2, retry), 10000);
      retry += 1;
      setTimeout(connect, wait);
    }
  }

  window.addEventListener("online", function () {
    if (!ws && !leaving && !ended) connect();
  });

  function stopMedia() {
    [local, screen].forEach(function (s) {
      if (s) s.getTracks().forEach(function (t) { t.stop(); });
    });
  }

  function finish() {
    ended = true;
    closeAllPeers();
    stopMedia();
    $("call").hidden = true;
    $("waiting").hidden = true;
    $("check").hidden = true;
    $("ended").hidden = false;
    if (ws) ws.close();
  }

  // ---- controls ------------------------------------------------------------------------
  function toggle(button, kind, onText, offText) {
    var pressed = button.getAttribute("aria-pressed") === "true";
    var on = !pressed;
    (local ? local.getTracks() : []).forEach(function (t) {
      if (t.kind === kind) t.enabled = !on;
    });
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? offText : onText;
    var said = kind === "audio" ? (on ? "js-room-muted" : "js-room-unmuted") : on ? "js-room-camera-is-off" : "js-room-camera-is-on";
    status(tr(said));
  }

  function replaceVideo(track) {
    Object.keys(peers).forEach(function (id) {
      peers[id].pc.getSenders().forEach(function (s) {
        if (s.track && s.track.kind === "video") s.replaceTrack(track).catch(function () {});
      });
    });
  }

  function stopSharing() {
    if (!screen) return;
    screen.getTracks().forEach(function (t) { t.stop(); });
    screen = null;
    replaceVideo(local ? local.getVideoTracks()[0] || null : null);
    $("self-video").srcObject = local;
    $("share").setAttribute("aria-pressed", "false");
    $("share").textContent = tr("js-room-share");
    status(tr("js-room-share-stopped"));
  }

  function share() {
    if (screen) return stopSharing();
    if (!navigator.mediaDevices || !navigator.mediaDevices.getDisplayMedia) {
      status(tr("js-room-share-impossible"));
      return;
    }
    navigator.mediaDevices
      .getDisplayMedia({ video: true })
      .then(function (s) {
        screen = s;
        var track = s.getVideoTracks()[0];
        track.onended = stopSharing;
        replaceVideo(track);
        $("self-video").srcObject = s;
        $("share").setAttribute("aria-pressed", "true");
        $("share").textContent = tr("js-room-stop-sharing");
        status(tr("js-room-sharing"));
      })
      .catch(function () {
        status(tr("js-room-share-not-started"));
      });
  }

  $("check-devices").addEventListener("click", checkDevices);
  $("join").addEventListener("click", function () {
    $("join").disabled = true;
    getMedia().then(connect);
  });
  $("mute").addEventListener("click", function () {
    toggle($("mute"), "audio", tr("js-room-mute"), tr("js-room-unmute"));
  });
  $("camera").addEventListener("click", function () {
    toggle($("camera"), "video", tr("js-room-camera-off"), tr("js-room-camera-on"));
  });
  $("share").addEventListener("click", share);
  $("leave").addEventListener("click", function () {
    leaving = true;
    closeAllPeers();
    stopMedia();
    if (ws) ws.close();
    location.href = root.getAttribute("data-back") || "/home";
  });
  $("chat-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var input = $("chat-text");
    var text = input.value.trim();
    if (!text) return;
    send({ type: "chat", text: text });
    input.value = "";
    input.focus();
  });
  setInterval(function () {
    send({ type: "ping" });
  }, 25000);
})();
