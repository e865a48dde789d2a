//! The transport that actually delivers a message: SMTP (lettre, pooled connections), or files under
//! `mail.dir` in development so that nothing leaves the machine.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport as _};
use secrecy::ExposeSecret;

use super::worker::OutboxMessage;
use crate::config::{MailSettings, ServerSettings};

enum Transport {
    Smtp(Box<SmtpTransport>),
    Files(PathBuf),
}

pub struct Courier {
    transport: Transport,
    from: Mailbox,
    /// The domain of Message-IDs: the service's public host.
    domain: String,
}

impl Courier {
    pub fn from_settings(mail: &MailSettings, server: &ServerSettings) -> anyhow::Result<Courier> {
        let from: Mailbox = mail
            .from
            .parse()
            .map_err(|e| anyhow::anyhow!("mail.from {:?}: {e}", mail.from))?;
        let transport = match mail.transport.as_str() {
            "file" => Transport::Files(PathBuf::from(&mail.dir)),
            "smtp" => Transport::Smtp(Box::new(smtp(mail)?)),
            other => anyhow::bail!("mail.transport = {other:?}: expected \"file\" or \"smtp\""),
        };
        let domain = server
            .base_url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split([':', '/']).next())
            .filter(|h| !h.is_empty())
            .unwrap_or("localhost")
            .to_owned();
        Ok(Courier {
            transport,
            from,
            domain,
        })
    }

    /// Delivers one message; the error says why the server or the disk refused it.
    pub fn send(&self, msg: &OutboxMessage) -> Result<(), String> {
        let email = self.build(msg)?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(&email).map(|_| ()).map_err(|e| e.to_string()),
            Transport::Files(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
                let path = dir.join(format!("{:08}.eml", msg.id));
                std::fs::write(path, email.formatted()).map_err(|e| e.to_string())
            }
        }
    }

    fn build(&self, msg: &OutboxMessage) -> Result<Message, String> {
        let to = Mailbox::new(
            Some(msg.to_name.clone()).filter(|n| !n.is_empty()),
            msg.to_address.parse().map_err(|e| format!("{e}"))?,
        );
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(msg.subject.clone())
            // Stable per outbox row: a receiver can tell a re-delivery after a crash from a new message.
            .message_id(Some(format!(
                "<outbox-{}.{}@{}>",
                msg.id,
                msg.created_at.and_utc().timestamp(),
                self.domain
            )));
        if let Ok(reply_to) = msg.reply_to.parse::<Mailbox>() {
            builder = builder.reply_to(reply_to);
        }
        if !msg.list_unsubscribe.is_empty() {
            // RFC 2369 and RFC 8058: mail clients offer a one-click "unsubscribe" that POSTs to
            // the link, which withdraws the tenant's consent to this channel.
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{}>", msg.list_unsubscribe),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(msg.body_text.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(msg.body_html.clone()),
                    ),
            )
            .map_err(|e| e.to_string())
    }
}

fn smtp(mail: &MailSettings) -> anyhow::Result<SmtpTransport> {
    let host = mail.smtp_host.as_str();
    let tls = match mail.smtp_tls.as_str() {
        "none" => Tls::None,
        "starttls" => Tls::Required(TlsParameters::new(host.to_owned())?),
        "tls" => Tls::Wrapper(TlsParameters::new(host.to_owned())?),
        other => anyhow::bail!("mail.smtp_tls = {other:?}: expected none, starttls or tls"),
    };
    let mut builder = SmtpTransport::builder_dangerous(host)
        .port(mail.smtp_port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(30)));
    if !mail.smtp_username.is_empty() {
        builder = builder.credentials(Credentials::new(
            mail.smtp_username.clone(),
            mail.smtp_password.expose_secret().to_owned(),
        ));
    }
    Ok(builder.build())
}
