//! Layered settings: the embedded `config/default.toml`, then `config/<environment>.toml`, then
//! `PASSERELLE__SECTION__KEY` variables. Secrets are `SecretString` and never printed.

use std::path::{Path, PathBuf};

use config::{Config, Environment as EnvSource, File, FileFormat};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Where the service runs; chosen by `PASSERELLE_ENV`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Test,
    Production,
}

impl Environment {
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Development => "development",
            Environment::Test => "test",
            Environment::Production => "production",
        }
    }

    pub fn from_env() -> anyhow::Result<Environment> {
        match std::env::var("PASSERELLE_ENV").as_deref() {
            Err(_) | Ok("") | Ok("development") => Ok(Environment::Development),
            Ok("test") => Ok(Environment::Test),
            Ok("production") => Ok(Environment::Production),
            Ok(other) => {
                anyhow::bail!("PASSERELLE_ENV={other}: expected development, test or production")
            }
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub session: SessionSettings,
    pub security: SecuritySettings,
    pub mail: MailSettings,
    pub log: LogSettings,
    pub metrics: MetricsSettings,
    pub uploads: UploadSettings,
    pub requests: RequestSettings,
    pub retention: RetentionSettings,
    pub privacy: PrivacySettings,
    /// Seconds between runs of each periodic job, by name (0 turns one off); a job not named runs
    /// at its default interval. See `src/jobs`.
    #[serde(default)]
    pub jobs: std::collections::HashMap<String, u64>,
    #[serde(skip, default = "default_env")]
    pub environment: Environment,
}

fn default_env() -> Environment {
    Environment::Development
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub base_url: String,
    pub secure_cookies: bool,
    pub workers: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// May hold a password for PostgreSQL.
    pub url: SecretString,
    pub pool_size: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SessionSettings {
    /// Hex-encoded key for signing and encrypting the session cookie.
    pub key: SecretString,
    /// A page session ends after this many minutes without a request…
    pub idle_minutes: i64,
    /// …and after this many hours in all, however active.
    pub absolute_hours: i64,
}

/// Who may read `/metrics`.
#[derive(Debug, Clone, Deserialize)]
pub struct MetricsSettings {
    /// Required as `Authorization: Bearer <token>` when set. When empty, `/metrics` is open in
    /// development and test, and answers 404 in production.
    pub token: SecretString,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SecuritySettings {
    pub login_attempts_per_account: u32,
    pub login_attempts_per_address: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MailSettings {
    /// "file" (development: messages written under `dir`) or "smtp".
    pub transport: String,
    pub dir: String,
    pub from: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    /// "none" (plain, loopback relays only), "starttls" or "tls" (implicit TLS).
    pub smtp_tls: String,
    pub smtp_username: String,
    pub smtp_password: SecretString,
    /// The outbox worker: whether this instance runs one, how often it looks for due messages, how
    /// many it claims at once, and how long a claim holds before another instance may take it over.
    pub worker: bool,
    pub poll_interval_ms: u64,
    pub batch_size: i64,
    /// SMTP connections one worker uses at once.
    pub concurrency: usize,
    pub lease_seconds: i64,
    /// Failed deliveries wait `retry_base_ms` × 2^(attempt − 1), at most six hours; after
    /// `max_attempts` the message is marked failed for an administrator to retry.
    pub retry_base_ms: i64,
    pub max_attempts: i32,
}

/// Where uploaded files (request photos) are kept, outside the database.
#[derive(Debug, Clone, Deserialize)]
pub struct UploadSettings {
    pub dir: String,
    pub max_photo_bytes: usize,
}

/// Tenant requests: when the follow-up question is asked, how often the jobs run.
#[derive(Debug, Clone, Deserialize)]
pub struct RequestSettings {
    /// Days after resolution before the tenant is asked whether the problem is really fixed.
    pub followup_days: i64,
}

/// How long each kind of record is kept before the retention job destroys or anonymises it
/// (Law 25: no longer than its purpose needs). In days; 0 keeps that kind for ever.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct RetentionSettings {
    /// After a tenant's move-out date: names, phone and email are blanked, the row is kept for counts.
    pub tenants_moved_out_days: i64,
    /// After a request is closed: description, comments and referral blanked, tenant and dwelling
    /// unlinked, photos deleted (files and rows); the request is kept for counts.
    pub requests_closed_days: i64,
    /// After a message was created and sent (or failed): its bodies are blanked.
    pub outbox_days: i64,
    /// After a read was logged: the access-log row is deleted.
    pub access_log_days: i64,
}

/// Privacy settings other than retention.
#[derive(Debug, Clone, Deserialize)]
pub struct PrivacySettings {
    /// Hex or any text: the secret that signs consent-withdrawal links in emails. Empty: derived
    /// from the session key (changing that key then breaks the links already sent).
    pub link_secret: SecretString,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LogSettings {
    pub format: String,
    pub filter: String,
}

const DEFAULTS: &str = include_str!("../config/default.toml");

/// The environment files shipped with Passerelle, embedded so that the binary runs from any folder:
/// a file of the same name in the configuration folder (`PASSERELLE_CONFIG_DIR`, default `config`)
/// is read after them and wins.
const EMBEDDED: [(Environment, &str); 3] = [
    (
        Environment::Development,
        include_str!("../config/development.toml"),
    ),
    (Environment::Test, include_str!("../config/test.toml")),
    (
        Environment::Production,
        include_str!("../config/production.toml"),
    ),
];

fn embedded(env: Environment) -> &'static str {
    EMBEDDED
        .iter()
        .find(|(e, _)| *e == env)
        .map_or("", |(_, text)| text)
}

impl Settings {
    /// Loads the settings for the environment named by `PASSERELLE_ENV`, reading environment files from
    /// `PASSERELLE_CONFIG_DIR` (default `config`).
    pub fn load() -> anyhow::Result<Settings> {
        let env = Environment::from_env()?;
        let dir = std::env::var("PASSERELLE_CONFIG_DIR").unwrap_or_else(|_| "config".into());
        Settings::load_from(env, Path::new(&dir))
    }

    pub fn load_from(env: Environment, dir: &Path) -> anyhow::Result<Settings> {
        let env_file: PathBuf = dir.join(format!("{}.toml", env.as_str()));
        let mut settings: Settings = Config::builder()
            .add_source(File::from_str(DEFAULTS, FileFormat::Toml))
            .add_source(File::from_str(embedded(env), FileFormat::Toml))
            .add_source(File::from(env_file).required(false))
            .add_source(
                EnvSource::with_prefix("PASSERELLE")
                    .prefix_separator("__")
                    .separator("__"),
            )
            .build()?
            .try_deserialize()?;
        settings.environment = env;
        Ok(settings)
    }

    /// The secret that signs links sent by email: `privacy.link_secret`, else the session key.
    pub fn link_secret(&self) -> anyhow::Result<Vec<u8>> {
        let own = self.privacy.link_secret.expose_secret().trim();
        if own.is_empty() {
            self.session_key()
        } else {
            Ok(own.as_bytes().to_vec())
        }
    }

    /// The decoded session key, or an error saying what is wrong with it.
    pub fn session_key(&self) -> anyhow::Result<Vec<u8>> {
        let raw = self.session.key.expose_secret().trim();
        if raw.is_empty() {
            anyhow::bail!("session.key is missing: set PASSERELLE__SESSION__KEY to 128 hex digits");
        }
        let bytes = decode_hex(raw).ok_or_else(|| anyhow::anyhow!("session.key is not hex"))?;
        if bytes.len() < 64 {
            anyhow::bail!("session.key must be at least 64 bytes (128 hex digits)");
        }
        Ok(bytes)
    }

    /// Refuses settings that must never reach production: a missing or development session key, the
    /// file mail transport, cookies sent over plain HTTP.
    pub fn check_production(&self) -> anyhow::Result<()> {
        if self.environment != Environment::Production {
            return Ok(());
        }
        self.session_key()?;
        // The published keys are compared with the embedded files, not with files of the working
        // folder: the check must hold wherever the service is started from.
        for env in [Environment::Development, Environment::Test] {
            if embedded(env).contains(self.session.key.expose_secret().trim()) {
                anyhow::bail!(
                    "session.key is the published key of {}.toml: production needs its own",
                    env.as_str()
                );
            }
        }
        if self.mail.transport == "file" {
            anyhow::bail!("mail.transport = \"file\" is for development: configure SMTP");
        }
        if !self.server.secure_cookies {
            anyhow::bail!("server.secure_cookies must be true in production");
        }
        Ok(())
    }
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}
