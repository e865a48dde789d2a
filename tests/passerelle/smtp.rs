//! A real SMTP server on loopback (mailin-embedded) that keeps what it receives, so mail tests see
//! messages as a mail server does: over a socket, encoded, in the order they arrived.

use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailin_embedded::{response, Handler, Response, Server, SslConfig};
use passerelle::config::Settings;

/// One message as received, decoded like a mail client would.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.raw)
            .expect("a parsable message")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    pub fn text(&self) -> String {
        self.parsed().body_text(0).unwrap_or_default().into_owned()
    }

    pub fn html(&self) -> String {
        self.parsed().body_html(0).unwrap_or_default().into_owned()
    }

    pub fn message_id(&self) -> String {
        self.parsed().message_id().unwrap_or_default().to_owned()
    }

    pub fn reply_to(&self) -> String {
        let parsed = self.parsed();
        parsed
            .reply_to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap_or_default()
            .to_owned()
    }
}

#[derive(Clone)]
struct Collector {
    inbox: Arc<Mutex<Vec<Received>>>,
    to: Vec<String>,
    buf: Vec<u8>,
}

impl Handler for Collector {
    fn data_start(&mut self, _: &str, _: &str, _: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.buf.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.buf.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.inbox.lock().unwrap().push(Received {
            to: std::mem::take(&mut self.to),
            raw: std::mem::take(&mut self.buf),
        });
        response::OK
    }

    fn helo(&mut self, _: IpAddr, _: &str) -> Response {
        response::OK
    }
}

/// A loopback port for the SMTP server, reserved now and served from `start` on (until then a
/// connection is refused: the mail server is down).
pub struct TestSmtp {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
    listener: Option<TcpListener>,
}

impl TestSmtp {
    /// A port with no server yet.
    pub fn down() -> TestSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        TestSmtp {
            port,
            inbox: Arc::default(),
            listener: None,
        }
    }

    /// A server already accepting mail.
    pub fn up() -> TestSmtp {
        let mut smtp = TestSmtp::down();
        smtp.start();
        smtp
    }

    /// Starts serving on the reserved port.
    pub fn start(&mut self) {
        let listener = match self.listener.take() {
            Some(l) => l,
            None => TcpListener::bind(("127.0.0.1", self.port)).expect("the reserved port"),
        };
        let handler = Collector {
            inbox: self.inbox.clone(),
            to: Vec::new(),
            buf: Vec::new(),
        };
        let mut server = Server::new(handler);
        server
            .with_name("smtp.test")
            .with_ssl(SslConfig::None)
            .unwrap()
            .with_num_threads(40)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
    }

    /// Points `settings` at this server over plain SMTP.
    pub fn configure(&self, settings: &mut Settings) {
        settings.mail.transport = "smtp".into();
        settings.mail.smtp_host = "127.0.0.1".into();
        settings.mail.smtp_port = self.port;
        settings.mail.smtp_tls = "none".into();
    }

    pub fn received(&self) -> Vec<Received> {
        self.inbox.lock().unwrap().clone()
    }

    /// Waits (up to 20 s, a liveness bound, not a speed requirement) until `n` messages arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.received();
            if got.len() >= n || Instant::now() > deadline {
                return got;
            }
            actix_web::rt::time::sleep(Duration::from_millis(25)).await;
        }
    }
}
