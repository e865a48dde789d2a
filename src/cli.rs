//! The command line: `serve` (the default), `migrate`, `demo`, `user create|list|disable`,
//! `mail test|status`.

use clap::{Parser, Subcommand};

/// Passerelle — soutien communautaire en HLM / community support in public housing.
#[derive(Debug, Parser)]
#[command(name = "passerelle", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lancer le service (par défaut) / Run the service (the default).
    Serve,
    /// Appliquer les migrations / Apply the database migrations.
    Migrate,
    /// Remplir la base de données de démonstration / Fill the database with demo data.
    Demo {
        /// Taille : small, large ou network / Scale: small, large or network.
        #[arg(long, default_value = "small")]
        scale: String,
        /// Mot de passe des comptes de démonstration / Password of the demo accounts.
        #[arg(long, default_value = "passerelle-demo")]
        password: String,
        /// Graine du générateur / Generator seed.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Gérer les comptes / Manage accounts.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Boîte d'envoi des courriels / The mail outbox.
    Mail {
        #[command(subcommand)]
        action: MailCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Mettre des messages d'essai dans la boîte d'envoi / Put test messages in the outbox.
    Test {
        /// Office (identifiant) / Office id.
        #[arg(long)]
        office: i64,
        /// Destinataire / Recipient.
        #[arg(long)]
        to: String,
        /// Nombre de messages / How many messages.
        #[arg(long, default_value_t = 1)]
        count: u32,
    },
    /// État de la boîte d'envoi / Outbox status: messages per status, first and last delivery.
    Status,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Créer un compte / Create an account.
    Create {
        /// Office (identifiant) / Office id.
        #[arg(long)]
        office: i64,
        /// Courriel / Email.
        #[arg(long)]
        email: String,
        /// Nom affiché / Display name.
        #[arg(long)]
        name: String,
        /// Rôle : admin, isc, staff, committee, tenant / Role.
        #[arg(long)]
        role: String,
        /// Mot de passe (sinon PASSERELLE_PASSWORD) / Password (else PASSERELLE_PASSWORD).
        #[arg(long, env = "PASSERELLE_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Lister les comptes / List accounts.
    List,
    /// Désactiver un compte / Disable an account.
    Disable {
        /// Courriel / Email.
        #[arg(long)]
        email: String,
    },
}
