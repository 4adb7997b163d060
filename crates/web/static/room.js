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
    $("check-camera").textContent = "Camera: checking…";
    $("check-mic").textContent = "Microphone: checking…";
    getMedia().then(function (stream) {
      var cam = stream.getVideoTracks()[0];
      var mic = stream.getAudioTracks()[0];
      $("check-camera").textContent = cam
        ? "Camera: working (" + (cam.label || "camera") + ")"
        : "Camera: not found or not allowed. Others will hear you without video.";
      $("check-mic").textContent = mic
        ? "Microphone: working (" + (mic.label || "microphone") + ")"
        : "Microphone: not found or not allowed. You can still use the chat.";
    });
    var started = Date.now();
    fetch("/healthz", { cache: "no-store" })
      .then(function (r) {
        var ms = Date.now() - started;
        $("check-connection").textContent = r.ok
          ? "Connection to Rapport: good (" + ms + " ms)"
          : "Connection to Rapport: Rapport answered with a problem; try again in a moment.";
      })
      .catch(function () {
        $("check-connection").textContent = "Connection to Rapport: no connection. Check your internet.";
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
    video.setAttribute("aria-label", "Video of " + name);
    var label = document.createElement("span");
    label.className = "room-name";
    label.textContent = name;
    var quality = document.createElement("span");
    quality.className = "room-quality";
    quality.textContent = "Connection: connecting";
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
    var t = tileFor(id, name || "Someone");
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
        status("Could not connect to " + (p.name || "someone") + "; trying again.");
      });
  }

  function onSignal(from, data) {
    var p = peers[from] || createPeer(from, "Someone", false);
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
      p.quality.textContent = "Connection: " + word;
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
    status(list.length ? "Connecting to " + list.length + (list.length === 1 ? " person." : " people.") : "You are in the room. Waiting for the others.");
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
      b.textContent = "Let in " + p.name;
      b.addEventListener("click", function () {
        b.disabled = true;
        send({ type: "admit", peer: p.id });
      });
      li.appendChild(b);
      ul.appendChild(li);
    });
    if (list.length) status(list.map(function (p) { return p.name; }).join(", ") + (list.length === 1 ? " is" : " are") + " waiting to come in.");
  }

  function addChat(m) {
    var li = document.createElement("li");
    li.id = "chat-" + m.id;
    var who = document.createElement("strong");
    who.textContent = m.from === you ? "You" : m.name;
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
      b.textContent = "Save to record";
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
          status(m.peer.name + " joined.");
        }
        break;
      case "left":
      case "gone":
        if (peers[m.peer]) status((peers[m.peer].name || "Someone") + " left.");
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
          done.textContent = "Saved to the record";
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
      status("Connected.");
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
      status("Connection lost. Reconnecting…");
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
    status(on ? (kind === "audio" ? "You are muted." : "Your camera is off.") : kind === "audio" ? "You are unmuted." : "Your camera is on.");
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
    $("share").textContent = "Share screen";
    status("You stopped sharing your screen.");
  }

  function share() {
    if (screen) return stopSharing();
    if (!navigator.mediaDevices || !navigator.mediaDevices.getDisplayMedia) {
      status("This browser cannot share the screen.");
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
        $("share").textContent = "Stop sharing";
        status("You are sharing your screen.");
      })
      .catch(function () {
        status("Screen sharing was not started.");
      });
  }

  $("check-devices").addEventListener("click", checkDevices);
  $("join").addEventListener("click", function () {
    $("join").disabled = true;
    getMedia().then(connect);
  });
  $("mute").addEventListener("click", function () {
    toggle($("mute"), "audio", "Mute", "Unmute");
  });
  $("camera").addEventListener("click", function () {
    toggle($("camera"), "video", "Camera off", "Camera on");
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
