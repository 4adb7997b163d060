//! E-mail over SMTP with `lettre`. The URL says how to reach the server:
//!
//! | URL | what |
//! |---|---|
//! | `smtp://user:pass@host:587?tls=starttls` (or `?tls=required`) | STARTTLS, required |
//! | `smtps://user:pass@host:465` | TLS from the first byte |
//! | `smtp://host:25` | plain (a relay on loopback, tests) |
//! | `smtp://host:25?tls=opportunistic` | STARTTLS when offered (not safe against a man in the middle) |
//!
//! A message carries no health information: one sentence and a link to `/notifications`
//! (and the one-click unsubscribe link when the kind has one). Its only other marks are ids:
//! `X-Rapport-Notice: <notice id>` and a Message-ID made from the delivery's id, the same on
//! every retry.

use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, Message};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Tokio1Executor};
use uuid::Uuid;

use crate::messages;
use crate::{Error, MailConfig};

/// lettre says `tls=required` for STARTTLS; `tls=starttls` is accepted as the same.
fn lettre_url(url: &str) -> String {
    url.replace("tls=starttls", "tls=required")
}

/// The transport for the URL, or what is wrong with it (without the password).
fn transport(url: &str) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let t = AsyncSmtpTransport::<Tokio1Executor>::from_url(&lettre_url(url))
        .map_err(|e| format!("the SMTP URL is not usable: {e}"))?
        .timeout(Some(Duration::from_secs(20)))
        .build();
    Ok(t)
}

/// Checks the settings at start: the URL and the sender's address.
pub fn check(config: &MailConfig) -> Result<(), String> {
    if !(config.smtp_url.starts_with("smtp://") || config.smtp_url.starts_with("smtps://")) {
        return Err("the SMTP URL must start with smtp:// or smtps://".to_string());
    }
    transport(&config.smtp_url)?;
    config
        .from
        .parse::<Mailbox>()
        .map_err(|e| format!("the sender address (--mail-from) is not an address: {e}"))?;
    Ok(())
}

/// What the mail server answered.
#[derive(Debug, Clone)]
pub struct Reply {
    /// Its code and words, e.g. `250 Message accepted for delivery`.
    pub text: String,
}

/// A failed send: why, and whether retrying can help (a permanent refusal, 5xx, cannot).
#[derive(Debug, Clone)]
pub struct SendError {
    pub message: String,
    pub permanent: bool,
}

/// The message for one delivery of notice `notice_id` to `to`.
pub fn compose(
    config: &MailConfig,
    base_url: &str,
    to: &str,
    delivery_id: Uuid,
    notice_id: Uuid,
    unsubscribe_path: Option<&str>,
    language: rapport_core::language::Language,
) -> Result<Message, Error> {
    let [subject, body_text, unsubscribe_text, foot] = messages::mail_texts(language);
    let from: Mailbox = config
        .from
        .parse()
        .map_err(|e| Error::Internal(format!("mail-from: {e}")))?;
    let to: Mailbox = to
        .parse()
        .map_err(|e| Error::Internal(format!("recipient address: {e}")))?;
    let domain = from.email.domain().to_string();
    let base = base_url.trim_end_matches('/');
    let mut body = format!("{body_text}\n\n{base}/notifications\n");
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .message_id(Some(format!("<{delivery_id}@{domain}>")))
        .header(ContentType::TEXT_PLAIN)
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Rapport-Notice"),
            notice_id.to_string(),
        ));
    if let Some(path) = unsubscribe_path {
        let link = format!("{base}{path}");
        body.push_str(&format!("\n{unsubscribe_text}\n{link}\n"));
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<{link}>"),
        ));
    }
    body.push_str(&format!("\n{foot}\n"));
    // Plain 7-bit text when it is (English is: the words are fixed, the links ASCII), so
    // that the mail reads as it was written; Spanish has accents and is encoded.
    let body = Body::new_with_encoding(body.clone(), ContentTransferEncoding::SevenBit)
        .unwrap_or_else(|_| Body::new(body));
    builder
        .body(body)
        .map_err(|e| Error::Internal(format!("composing the e-mail: {e}")))
}

/// Hands the message to the server. `Ok` only on its positive reply.
pub async fn send(config: &MailConfig, message: Message) -> Result<Reply, SendError> {
    let t = transport(&config.smtp_url).map_err(|message| SendError {
        message,
        permanent: false,
    })?;
    match t.send(message).await {
        Ok(r) if r.is_positive() => Ok(Reply {
            text: format!("{} {}", r.code(), r.message().collect::<Vec<_>>().join(" ")),
        }),
        Ok(r) => Err(SendError {
            message: format!(
                "the server did not accept it: {} {}",
                r.code(),
                r.message().collect::<Vec<_>>().join(" ")
            ),
            permanent: false,
        }),
        Err(e) => Err(SendError {
            permanent: e.is_permanent(),
            message: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapport_core::language::Language;

    fn text(language: Language) -> String {
        let config = MailConfig {
            smtp_url: "smtp://127.0.0.1:25".into(),
            from: "Rapport <notices@example.org>".into(),
        };
        let m = compose(
            &config,
            "https://rapport.example.org/",
            "ana@example.org",
            Uuid::nil(),
            Uuid::nil(),
            Some("/unsubscribe/x"),
            language,
        )
        .expect("a message");
        String::from_utf8(m.formatted()).expect("utf-8")
    }

    // Issue 21: the notice e-mail in the recipient's language, with the same link and no
    // details in either.
    #[test]
    fn the_notice_email_speaks_the_recipients_language() {
        let en = text(Language::En);
        assert!(
            en.contains("Subject: You have a new notice in Rapport"),
            "{en}"
        );
        assert!(en.contains("Sign in to read it:"));
        let es = text(Language::Es);
        assert!(
            es.contains("Subject: Tienes un aviso nuevo en Rapport"),
            "{es}"
        );
        assert!(es.contains("/notifications"), "{es}");
        assert!(!es.contains("Sign in to read it"), "{es}");
    }
}
