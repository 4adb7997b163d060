//! The online room of a session (issue 20): when it is open, how many may be in it, what a
//! chat line may be, and the ICE servers (STUN/TURN) the browsers are told about. Time comes
//! in as a parameter.

use chrono::{DateTime, Duration, Utc};

use super::Modality;
use crate::text::{at_most, required};
use crate::{Error, Result};

/// The room opens this long before the session starts.
pub const OPENS_MINUTES_BEFORE: i64 = 10;
/// A mesh of browsers: each sends its video to every other, so six is the most that a home
/// connection carries (see docs/online-sessions.md for an SFU beyond that).
pub const MAX_PARTICIPANTS: usize = 6;
/// A chat line, and a line saved to the record.
pub const MAX_CHAT_CHARS: usize = 2_000;
/// How long short-lived TURN credentials last unless `ttl=` says otherwise.
pub const DEFAULT_TURN_TTL_SECONDS: u64 = 4 * 3600;

/// Where a session's room stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomState {
    /// Not an online session: there is no room.
    NoRoom,
    Cancelled,
    /// Not open yet; it opens at this instant.
    NotYet(DateTime<Utc>),
    Open,
    /// The clinician ended it.
    Ended,
}

impl RoomState {
    pub fn is_open(self) -> bool {
        self == RoomState::Open
    }

    /// The stable word used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            RoomState::NoRoom => "no_room",
            RoomState::Cancelled => "cancelled",
            RoomState::NotYet(_) => "not_yet",
            RoomState::Open => "open",
            RoomState::Ended => "ended",
        }
    }

    /// What a person reads when the room is not open.
    pub fn message(self) -> &'static str {
        match self {
            RoomState::NoRoom => "This session is not online, so it has no room.",
            RoomState::Cancelled => "This session was cancelled.",
            RoomState::NotYet(_) => "The room opens 10 minutes before the session starts.",
            RoomState::Open => "The room is open.",
            RoomState::Ended => "The clinician has ended this session.",
        }
    }
}

/// The room opens 10 minutes before the start and stays open until the clinician ends it
/// (whatever the length booked: sessions run over).
pub fn room_state(
    modality: &str,
    starts_at: DateTime<Utc>,
    cancelled: bool,
    ended: bool,
    now: DateTime<Utc>,
) -> RoomState {
    let opens = starts_at - Duration::minutes(OPENS_MINUTES_BEFORE);
    if Modality::parse(modality) != Some(Modality::Online) {
        RoomState::NoRoom
    } else if cancelled {
        RoomState::Cancelled
    } else if ended {
        RoomState::Ended
    } else if now < opens {
        RoomState::NotYet(opens)
    } else {
        RoomState::Open
    }
}

/// A chat line or a line saved to the record: not empty, at most [`MAX_CHAT_CHARS`].
pub fn check_chat_line(text: &str) -> Result<()> {
    required("text", text, "Write something first.")?;
    at_most("text", text, MAX_CHAT_CHARS)
}

/// How a browser proves itself to an ICE server.
#[derive(Clone, PartialEq, Eq)]
pub enum IceAuth {
    /// A STUN server, or a TURN server that asks for nothing.
    None,
    /// A fixed username and credential.
    Static {
        username: String,
        credential: String,
    },
    /// Short-lived credentials from a secret shared with the TURN server (coturn's
    /// `use-auth-secret` / `static-auth-secret`, its "REST API").
    Shared { secret: String, ttl_seconds: u64 },
}

impl std::fmt::Debug for IceAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IceAuth::None => f.write_str("None"),
            IceAuth::Static { username, .. } => write!(f, "Static({username}, hidden)"),
            IceAuth::Shared { ttl_seconds, .. } => write!(f, "Shared(hidden, {ttl_seconds}s)"),
        }
    }
}

/// One configured ICE server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IceServerSpec {
    /// `stun:`, `stuns:`, `turn:` or `turns:` URL.
    pub url: String,
    pub auth: IceAuth,
}

/// Parses `--ice-servers` / `RAPPORT_ICE_SERVERS`: entries separated by commas or white
/// space, each a URL optionally followed by `;`-separated options:
///
/// - `stun:stun.example.org:3478`
/// - `turn:turn.example.org:3478?transport=udp;username=U;credential=C` (fixed)
/// - `turns:turn.example.org:5349;secret=S;ttl=3600` (coturn's shared secret)
///
/// Empty: no ICE servers at all (host candidates only).
pub fn parse_ice_servers(text: &str) -> std::result::Result<Vec<IceServerSpec>, String> {
    let mut out = Vec::new();
    for entry in text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|e| !e.is_empty())
    {
        let mut parts = entry.split(';');
        let url = parts.next().unwrap_or_default().to_string();
        let scheme = url.split(':').next().unwrap_or_default();
        let turn = match scheme {
            "stun" | "stuns" => false,
            "turn" | "turns" => true,
            _ => {
                return Err(format!(
                    "`{url}`: an ICE server URL starts with stun:, stuns:, turn: or turns:"
                ));
            }
        };
        if url.len() <= scheme.len() + 1 {
            return Err(format!("`{url}`: the host is missing"));
        }
        let (mut username, mut credential, mut secret, mut ttl) = (None, None, None, None);
        for option in parts {
            let (key, value) = option
                .split_once('=')
                .ok_or_else(|| format!("`{option}` in `{url}`: write key=value"))?;
            if value.is_empty() {
                return Err(format!("`{key}` in `{url}` is empty"));
            }
            match key {
                "username" => username = Some(value.to_string()),
                "credential" => credential = Some(value.to_string()),
                "secret" => secret = Some(value.to_string()),
                "ttl" => {
                    ttl = Some(
                        value
                            .parse::<u64>()
                            .ok()
                            .filter(|t| (60..=7 * 86_400).contains(t))
                            .ok_or_else(|| format!("ttl in `{url}`: seconds, from 60 to 604800"))?,
                    );
                }
                _ => {
                    return Err(format!(
                        "`{key}` in `{url}`: the options are username, credential, secret and ttl"
                    ));
                }
            }
        }
        let auth = match (username, credential, secret) {
            (None, None, None) => IceAuth::None,
            (Some(username), Some(credential), None) => IceAuth::Static {
                username,
                credential,
            },
            (None, None, Some(secret)) => IceAuth::Shared {
                secret,
                ttl_seconds: ttl.unwrap_or(DEFAULT_TURN_TTL_SECONDS),
            },
            _ => {
                return Err(format!(
                    "`{url}`: give username and credential together, or a secret alone"
                ));
            }
        };
        if !turn && auth != IceAuth::None {
            return Err(format!("`{url}`: a STUN server takes no credentials"));
        }
        out.push(IceServerSpec { url, auth });
    }
    Ok(out)
}

/// The username of short-lived TURN credentials, as coturn's REST API expects it:
/// `<expiry as Unix seconds>:<id>`. The credential is base64(HMAC-SHA1(secret, username)).
pub fn turn_username(expires_unix: i64, id: &str) -> String {
    format!("{expires_unix}:{id}")
}

/// Why a participant could not be let in.
pub fn check_room_size(present: usize) -> Result<()> {
    if present >= MAX_PARTICIPANTS {
        return Err(Error::invalid(
            "room",
            format!("The room holds {MAX_PARTICIPANTS} people; someone must leave first."),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap()
    }

    #[test]
    fn the_room_opens_ten_minutes_before_and_stays_open_until_ended() {
        let start = at(15, 0);
        assert_eq!(
            room_state("online", start, false, false, at(14, 49)),
            RoomState::NotYet(at(14, 50))
        );
        assert!(room_state("online", start, false, false, at(14, 50)).is_open());
        // Long after the booked end: open until the clinician ends it.
        assert!(room_state("online", start, false, false, at(18, 0)).is_open());
        assert_eq!(
            room_state("online", start, false, true, at(15, 30)),
            RoomState::Ended
        );
        assert_eq!(
            room_state("online", start, true, false, at(15, 0)),
            RoomState::Cancelled
        );
        assert_eq!(
            room_state("in_person", start, false, false, at(15, 0)),
            RoomState::NoRoom
        );
        assert_eq!(
            room_state("phone", start, false, false, at(15, 0)),
            RoomState::NoRoom
        );
    }

    #[test]
    fn no_ice_servers_unless_configured() {
        assert_eq!(parse_ice_servers("").unwrap(), vec![]);
        assert_eq!(parse_ice_servers("  ").unwrap(), vec![]);
    }

    #[test]
    fn ice_servers_with_and_without_credentials() {
        let list = parse_ice_servers(
            "stun:turn.example.org:3478, turn:turn.example.org:3478?transport=udp;username=u;credential=c \
             turns:turn.example.org:5349;secret=s3;ttl=600",
        )
        .unwrap();
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].auth, IceAuth::None);
        assert_eq!(
            list[1].auth,
            IceAuth::Static {
                username: "u".into(),
                credential: "c".into()
            }
        );
        assert_eq!(list[1].url, "turn:turn.example.org:3478?transport=udp");
        assert_eq!(
            list[2].auth,
            IceAuth::Shared {
                secret: "s3".into(),
                ttl_seconds: 600
            }
        );
        assert!(!format!("{:?}", list[2]).contains("s3"));
        assert!(!format!("{:?}", list[1]).contains("c)"));
        let default_ttl = parse_ice_servers("turn:t.example.org;secret=x").unwrap();
        assert_eq!(
            default_ttl[0].auth,
            IceAuth::Shared {
                secret: "x".into(),
                ttl_seconds: DEFAULT_TURN_TTL_SECONDS
            }
        );
    }

    #[test]
    fn wrong_ice_servers_say_what_to_fix() {
        for bad in [
            "https://turn.example.org",
            "stun:",
            "stun:x;secret=s",
            "turn:x;username=u",
            "turn:x;username=u;credential=c;secret=s",
            "turn:x;ttl=5;secret=s",
            "turn:x;colour=blue",
            "turn:x;secret=",
            "turn:x;secret",
        ] {
            assert!(parse_ice_servers(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn turn_usernames_carry_the_expiry_first() {
        assert_eq!(turn_username(1_700_000_000, "abc"), "1700000000:abc");
    }

    #[test]
    fn chat_lines_and_room_size() {
        assert!(check_chat_line(" ").is_err());
        assert!(check_chat_line(&"x".repeat(MAX_CHAT_CHARS + 1)).is_err());
        assert!(check_chat_line("Hello").is_ok());
        assert!(check_room_size(5).is_ok());
        assert!(check_room_size(6).is_err());
    }
}
