//! The rooms that are live on this server: who is connected to each, who is let in, and the
//! channel to each connection. Messages go only between the admitted people of one room; a
//! person in the waiting room hears only that they are waiting, let in, or that it ended.
//!
//! In memory, per server: with several servers the load balancer keeps a session's room on
//! one of them (docs/online-sessions.md).

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{Value, json};
use tokio::sync::mpsc::UnboundedSender;
use uuid::Uuid;

/// What the hub asks of one connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outgoing {
    Text(String),
    /// Close the connection (the room ended, or the person connected again elsewhere).
    Close,
}

struct Peer {
    user_id: Uuid,
    name: String,
    role: &'static str,
    admitted: bool,
    tx: UnboundedSender<Outgoing>,
}

impl Peer {
    fn send(&self, v: &Value) {
        // A connection that has gone is removed by its own task: nothing to do here.
        let _ = self.tx.send(Outgoing::Text(v.to_string()));
    }

    fn card(&self, id: &str) -> Value {
        json!({"id": id, "name": self.name, "role": self.role})
    }
}

#[derive(Default)]
struct Room {
    peers: HashMap<String, Peer>,
    /// Everyone who was let in while the room lived here, by connection, also after they left
    /// or reconnected: whose a chat line was, when the host saves it.
    writers: HashMap<String, (String, &'static str, Uuid)>,
}

impl Room {
    fn admitted_cards(&self, except: &str) -> Vec<Value> {
        let mut v: Vec<(&String, &Peer)> = self
            .peers
            .iter()
            .filter(|(id, p)| p.admitted && id.as_str() != except)
            .collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v.into_iter().map(|(id, p)| p.card(id)).collect()
    }

    fn broadcast(&self, v: &Value, except: &str) {
        for (id, p) in &self.peers {
            if p.admitted && id != except {
                p.send(v);
            }
        }
    }

    /// Tells the host(s) who is waiting.
    fn tell_hosts_waiting(&self) {
        let mut waiting: Vec<Value> = self
            .peers
            .iter()
            .filter(|(_, p)| !p.admitted)
            .map(|(id, p)| p.card(id))
            .collect();
        waiting.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
        let msg = json!({"type": "waiting", "peers": waiting});
        for p in self.peers.values() {
            if p.admitted && p.role == "clinician" {
                p.send(&msg);
            }
        }
    }

    fn admitted_count(&self) -> usize {
        self.peers.values().filter(|p| p.admitted).count()
    }
}

/// Every live room of this server.
#[derive(Default)]
pub struct Hub {
    rooms: Mutex<HashMap<Uuid, Room>>,
}

/// One person joining, as the hub needs them.
pub struct Joining {
    pub peer: String,
    pub user_id: Uuid,
    pub name: String,
    pub role: &'static str,
    pub admitted: bool,
    pub tx: UnboundedSender<Outgoing>,
}

impl Hub {
    fn with_room<T>(&self, session: Uuid, f: impl FnOnce(&mut Room) -> T) -> T {
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        let room = rooms.entry(session).or_default();
        let out = f(room);
        if room.peers.is_empty() {
            rooms.remove(&session);
        }
        out
    }

    /// A connection opens. An older connection of the same person (a reload, a reconnect
    /// after a drop) is closed first, and the others told it left.
    /// Joins `j` to the room; false when the room was full, so an admitted person waits.
    pub fn connect(&self, session: Uuid, j: Joining) -> bool {
        self.with_room(session, |room| {
            let stale: Vec<String> = room
                .peers
                .iter()
                .filter(|(_, p)| p.user_id == j.user_id)
                .map(|(id, _)| id.clone())
                .collect();
            for id in stale {
                if let Some(p) = room.peers.remove(&id) {
                    let _ = p.tx.send(Outgoing::Close);
                    if p.admitted {
                        room.broadcast(&json!({"type": "left", "peer": id}), "");
                    }
                }
            }
            let peer = Peer {
                user_id: j.user_id,
                name: j.name,
                role: j.role,
                admitted: j.admitted,
                tx: j.tx,
            };
            let full = j.admitted
                && room.admitted_count() >= rapport_core::sessions::room::MAX_PARTICIPANTS;
            let admitted = j.admitted && !full;
            let welcome = json!({
                "type": "welcome",
                "you": j.peer,
                "admitted": admitted,
                "peers": if admitted { room.admitted_cards(&j.peer) } else { vec![] },
            });
            peer.send(&welcome);
            if admitted {
                room.broadcast(
                    &json!({"type": "joined", "peer": peer.card(&j.peer)}),
                    &j.peer,
                );
            }
            if admitted {
                room.writers
                    .insert(j.peer.clone(), (peer.name.clone(), peer.role, peer.user_id));
            }
            room.peers.insert(j.peer, Peer { admitted, ..peer });
            room.tell_hosts_waiting();
            !full
        })
    }

    /// A connection closed.
    pub fn disconnect(&self, session: Uuid, peer: &str) {
        self.with_room(session, |room| {
            if let Some(p) = room.peers.remove(peer) {
                if p.admitted {
                    room.broadcast(&json!({"type": "left", "peer": peer}), "");
                }
                room.tell_hosts_waiting();
            }
        });
    }

    /// The user behind a waiting peer, when there is room for them.
    pub fn waiting_user(&self, session: Uuid, peer: &str) -> Result<Uuid, &'static str> {
        self.with_room(session, |room| {
            if room.admitted_count() >= rapport_core::sessions::room::MAX_PARTICIPANTS {
                return Err("The room holds 6 people; someone must leave first.");
            }
            match room.peers.get(peer) {
                Some(p) if !p.admitted => Ok(p.user_id),
                _ => Err("That person is no longer waiting."),
            }
        })
    }

    /// Lets every connection of `user_id` in.
    pub fn admit(&self, session: Uuid, user_id: Uuid) {
        self.with_room(session, |room| {
            let ids: Vec<String> = room
                .peers
                .iter()
                .filter(|(_, p)| p.user_id == user_id && !p.admitted)
                .map(|(id, _)| id.clone())
                .collect();
            for id in ids {
                let others = room.admitted_cards(&id);
                if let Some(p) = room.peers.get_mut(&id) {
                    p.admitted = true;
                    p.send(&json!({"type": "admitted", "peers": others}));
                }
                if let Some(p) = room.peers.get(&id) {
                    room.broadcast(&json!({"type": "joined", "peer": p.card(&id)}), &id);
                    room.writers
                        .insert(id.clone(), (p.name.clone(), p.role, p.user_id));
                }
            }
            room.tell_hosts_waiting();
        });
    }

    /// The name, role and user of a connection that was let into the room (it may have left
    /// or reconnected since): the writer of a chat line.
    pub fn writer(&self, session: Uuid, peer: &str) -> Option<(String, &'static str, Uuid)> {
        self.with_room(session, |room| room.writers.get(peer).cloned())
    }

    /// Passes an offer, an answer or an ICE candidate from one admitted peer to another.
    pub fn relay(&self, session: Uuid, from: &str, to: &str, data: Value) -> bool {
        self.with_room(session, |room| {
            let ok = room.peers.get(from).is_some_and(|p| p.admitted);
            match room.peers.get(to) {
                Some(p) if ok && p.admitted => {
                    p.send(&json!({"type": "signal", "from": from, "data": data}));
                    true
                }
                _ => false,
            }
        })
    }

    /// A chat line from an admitted peer, to every admitted peer (the sender included, so
    /// that everyone sees the same order).
    pub fn chat(&self, session: Uuid, from: &str, text: &str, at: &str) -> bool {
        self.with_room(session, |room| {
            let Some(p) = room.peers.get(from).filter(|p| p.admitted) else {
                return false;
            };
            let msg = json!({
                "type": "chat", "id": Uuid::new_v4().simple().to_string(), "from": from,
                "name": p.name, "role": p.role, "text": text, "at": at,
            });
            room.broadcast(&msg, "");
            true
        })
    }

    /// Ends the room: everyone is told and their connections closed.
    pub fn end(&self, session: Uuid) {
        let room = {
            let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
            rooms.remove(&session)
        };
        if let Some(room) = room {
            for p in room.peers.values() {
                p.send(&json!({"type": "ended"}));
                let _ = p.tx.send(Outgoing::Close);
            }
        }
    }

    /// How many connections the room has (tests).
    pub fn size(&self, session: Uuid) -> usize {
        let rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        rooms.get(&session).map_or(0, |r| r.peers.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

    fn join(
        hub: &Hub,
        s: Uuid,
        peer: &str,
        user: u128,
        role: &'static str,
        admitted: bool,
    ) -> UnboundedReceiver<Outgoing> {
        let (tx, rx) = unbounded_channel();
        hub.connect(
            s,
            Joining {
                peer: peer.into(),
                user_id: Uuid::from_u128(user),
                name: format!("P{user}"),
                role,
                admitted,
                tx,
            },
        );
        rx
    }

    fn drain(rx: &mut UnboundedReceiver<Outgoing>) -> Vec<Value> {
        let mut out = vec![];
        while let Ok(m) = rx.try_recv() {
            match m {
                Outgoing::Text(t) => out.push(serde_json::from_str(&t).unwrap()),
                Outgoing::Close => out.push(json!({"type": "close"})),
            }
        }
        out
    }

    fn types(v: &[Value]) -> Vec<String> {
        v.iter()
            .map(|m| m["type"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn the_waiting_hear_nothing_until_let_in() {
        let hub = Hub::default();
        let s = Uuid::from_u128(9);
        let mut host = join(&hub, s, "h", 1, "clinician", true);
        let mut client = join(&hub, s, "c", 2, "client", false);
        assert_eq!(types(&drain(&mut host)), ["welcome", "waiting", "waiting"]);
        assert_eq!(types(&drain(&mut client)), ["welcome"]);
        assert!(!hub.chat(s, "c", "hello", "t"));
        assert!(hub.chat(s, "h", "hi", "t"));
        assert!(!hub.relay(s, "h", "c", json!({})));
        assert!(drain(&mut client).is_empty());
        assert_eq!(hub.waiting_user(s, "c"), Ok(Uuid::from_u128(2)));
        hub.admit(s, Uuid::from_u128(2));
        let got = drain(&mut client);
        assert_eq!(types(&got), ["admitted"]);
        assert_eq!(got[0]["peers"][0]["id"], "h");
        assert!(types(&drain(&mut host)).contains(&"joined".to_string()));
        assert!(hub.relay(s, "c", "h", json!({"sdp": "x"})));
        assert_eq!(drain(&mut host)[0]["from"], "c");
    }

    #[test]
    fn a_reconnect_replaces_the_old_connection_and_the_end_closes_all() {
        let hub = Hub::default();
        let s = Uuid::from_u128(9);
        let mut host = join(&hub, s, "h", 1, "clinician", true);
        let mut old = join(&hub, s, "c1", 2, "client", true);
        drain(&mut host);
        let mut new = join(&hub, s, "c2", 2, "client", true);
        assert!(types(&drain(&mut old)).contains(&"close".to_string()));
        let to_host = types(&drain(&mut host));
        assert_eq!(to_host[..2], ["left", "joined"]);
        assert_eq!(hub.size(s), 2);
        // A line written before the reconnect is still known to be the client's.
        assert_eq!(hub.writer(s, "c1").map(|w| w.2), Some(Uuid::from_u128(2)));
        assert_eq!(hub.writer(s, "nobody"), None);
        hub.end(s);
        assert_eq!(types(&drain(&mut new))[1..], ["ended", "close"]);
        assert_eq!(hub.size(s), 0);
    }

    #[test]
    fn six_at_most() {
        let hub = Hub::default();
        let s = Uuid::from_u128(9);
        let _kept: Vec<_> = (0..6)
            .map(|i| join(&hub, s, &format!("p{i}"), i, "client", true))
            .collect();
        let (tx, mut seventh) = unbounded_channel();
        let joining = Joining {
            peer: "p7".into(),
            user_id: Uuid::from_u128(7),
            name: "P7".into(),
            role: "client",
            admitted: true,
            tx,
        };
        assert!(!hub.connect(s, joining), "the room was full");
        let got = drain(&mut seventh);
        assert_eq!(got[0]["admitted"], false);
        assert_eq!(types(&got), ["welcome"]);
        assert!(hub.waiting_user(s, "p7").is_err());
    }
}
