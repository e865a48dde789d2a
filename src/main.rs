use clap::Parser;
use passerelle::cli::{Cli, Command, MailCommand, UserCommand};
use passerelle::config::Settings;
use passerelle::domain::ids::OfficeId;
use passerelle::domain::roles::Role;
use passerelle::startup::Application;
use passerelle::{access, accounts, db, demo, telemetry};
use secrecy::ExposeSecret;

/// Runs the command; a failure is one line on standard error (its causes joined), and exit code 1,
/// never a backtrace.
fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match actix_web::rt::System::new().block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("passerelle: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load()?;
    telemetry::init(&settings);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(settings).await?;
            tracing::info!(port = app.port(), "Passerelle is listening");
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            let mut conn = connect(&settings)?;
            db::run_migrations(&mut conn)?;
            println!("migrations applied");
        }
        Command::Demo {
            scale,
            password,
            seed,
        } => {
            let scale = demo::Scale::parse(&scale)?;
            let mut conn = connect(&settings)?;
            db::run_migrations(&mut conn)?;
            let report = demo::generate(&mut conn, scale, &password, seed)?;
            println!("{report}");
        }
        Command::User { action } => user(&settings, action)?,
        Command::Mail { action } => mail(&settings, action)?,
    }
    Ok(())
}

fn connect(settings: &Settings) -> anyhow::Result<db::PooledConnection> {
    let pool = db::build_pool(
        settings.database.url.expose_secret(),
        1,
        db::QueryCounter::default(),
    )?;
    Ok(pool.get()?)
}

fn mail(settings: &Settings, action: MailCommand) -> anyhow::Result<()> {
    use passerelle::email;
    let mut conn = connect(settings)?;
    db::run_migrations(&mut conn)?;
    match action {
        MailCommand::Test { office, to, count } => {
            let templates = std::sync::Arc::new(email::EmailTemplates::load()?);
            let links = passerelle::access::signed::LinkKey::derive(&settings.link_secret()?);
            let composer = email::Composer::new(templates, &settings.server.base_url, links);
            db::write_tx(&mut conn, |c| {
                email::service::send_tests(c, &composer, OfficeId(office), &to, count)
            })?;
            println!("{count} test message(s) queued for {to}");
        }
        MailCommand::Status => {
            let report = email::queries::report(&mut conn)?;
            for (status, n) in &report.counts {
                println!("{status}\t{n}");
            }
            if let (Some(first), Some(last)) = (report.first_sent, report.last_sent) {
                println!("first_sent\t{}", first.and_utc().to_rfc3339());
                println!("last_sent\t{}", last.and_utc().to_rfc3339());
            }
        }
    }
    Ok(())
}

fn user(settings: &Settings, action: UserCommand) -> anyhow::Result<()> {
    let mut conn = connect(settings)?;
    db::run_migrations(&mut conn)?;
    match action {
        UserCommand::Create {
            office,
            email,
            name,
            role,
            password,
        } => {
            let role = Role::parse(&role).ok_or_else(|| {
                anyhow::anyhow!("role must be admin, isc, staff, committee or tenant")
            })?;
            if password.chars().count() < accounts::password::MIN_LEN {
                anyhow::bail!(
                    "password must have at least {} characters",
                    accounts::password::MIN_LEN
                );
            }
            let new = accounts::NewUser {
                office_id: OfficeId(office),
                email: access::normalise_email(&email),
                display_name: name,
                password_hash: accounts::password::hash(&password)?,
                role,
                language: "fr".into(),
                department_id: None,
                active: true,
                demo_password: false,
                created_at: db::now(),
            };
            let id = db::write_tx(&mut conn, |c| accounts::service::insert_user(c, &new))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("account {id} created");
        }
        UserCommand::List => {
            for a in accounts::queries::every_account(&mut conn)? {
                let state = if a.active { "active" } else { "disabled" };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{state}",
                    a.id, a.office_id, a.email, a.display_name, a.role
                );
            }
        }
        UserCommand::Disable { email } => {
            if !accounts::service::disable(&mut conn, &email)? {
                anyhow::bail!("no account with that email");
            }
            println!("account disabled");
        }
    }
    Ok(())
}
