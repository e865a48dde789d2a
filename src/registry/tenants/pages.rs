//! The tenants pages: searchable, filtered list; a tenant's page with their consents; CSV export of
//! the list. Create and edit are in `form`.

use actix_session::Session;
use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::queries::{self, Filter, Status, TenantView};
use super::TenantInput;
use crate::domain::roles::Action;
use crate::domain::validate;
use crate::error::AppError;
use crate::registry::buildings::pages::Choice;
use crate::state::AppState;
use crate::web::{csv_response, render, urlencode, CurrentUser, ListQuery, Page, Pager, PAGE_SIZE};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_tenants)
        .service(export_tenants)
        .service(show_tenant)
        .configure(super::form::configure);
}

/// `?q=&page=&building_id=&status=` of the list and its export; unreadable values are ignored.
#[derive(Debug, Deserialize, Default)]
pub struct TenantListQuery {
    pub q: Option<String>,
    pub page: Option<String>,
    pub building_id: Option<String>,
    pub status: Option<String>,
}

impl TenantListQuery {
    fn list(&self) -> ListQuery {
        ListQuery {
            q: self.q.clone(),
            page: self.page.clone(),
        }
    }

    fn filter(&self) -> Filter {
        Filter {
            q: self.list().query(),
            building_id: parse_id(self.building_id.as_deref()),
            status: Status::parse(self.status.as_deref()),
        }
    }
}

pub(super) fn parse_id(s: Option<&str>) -> Option<i64> {
    s.and_then(|v| v.trim().parse().ok())
}

/// The query string of the filters other than `q` (`&building_id=..&status=..`), for links.
fn filter_params(f: &Filter) -> String {
    let mut out = String::new();
    if let Some(b) = f.building_id {
        out.push_str(&format!("&building_id={b}"));
    }
    if f.status != Status::Current {
        out.push_str(&format!("&status={}", f.status.as_str()));
    }
    out
}

#[derive(Serialize)]
struct BuildingOption {
    id: i64,
    name: String,
    selected: bool,
}

#[derive(Serialize)]
struct ListPage {
    q: String,
    statuses: Vec<Choice>,
    buildings: Vec<BuildingOption>,
    tenants: Vec<TenantView>,
    pager: Pager,
    can_manage: bool,
    new_link: String,
    csv_link: String,
}

#[get("/tenants")]
async fn list_tenants(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    query: web::Query<TenantListQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadTenants)?;
    let (filter, list, office) = (query.filter(), query.list(), user.office_id);
    let f = filter.clone();
    let (buildings, (rows, total)) = state
        .db(move |c| {
            let buildings = crate::registry::buildings::list_all(c, office)?;
            let page = Some((list.offset(), PAGE_SIZE));
            Ok((buildings, queries::list(c, office, &f, page)?))
        })
        .await?;
    let extra = filter_params(&filter);
    let mut pager = Pager::new("/tenants", &filter.q, query.list().page(), total);
    pager.prev = pager.prev.map(|u| u + &extra);
    pager.next = pager.next.map(|u| u + &extra);
    let page = ListPage {
        statuses: Status::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str(),
                label_key: format!("tenants-status-{}", s.as_str()),
                selected: *s == filter.status,
            })
            .collect(),
        buildings: buildings
            .into_iter()
            .map(|b| BuildingOption {
                selected: Some(b.id) == filter.building_id,
                id: b.id,
                name: b.name,
            })
            .collect(),
        tenants: rows,
        pager,
        can_manage: user.role.can(Action::ManageTenants),
        new_link: match filter.building_id {
            Some(b) => format!("/tenants/new?building_id={b}"),
            None => "/tenants/new".into(),
        },
        csv_link: format!("/tenants.csv?q={}{extra}", urlencode(&filter.q)),
        q: filter.q,
    };
    let ctx = Page::new(&session, &user, "tenants-title", "tenants", page);
    render(&state, "tenants/list", &ctx)
}

#[get("/tenants.csv")]
async fn export_tenants(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<TenantListQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadTenants)?;
    let (filter, office) = (query.filter(), user.office_id);
    let (rows, _) = state
        .db(move |c| queries::list(c, office, &filter, None))
        .await?;
    Ok(csv_response("locataires.csv", to_csv(&rows)?))
}

/// The CSV export of tenants. The first columns are those the CSV import reads (prenom, nom,
/// immeuble, logement, langue, telephone, courriel, entree); consents give the date they were given.
fn to_csv(rows: &[TenantView]) -> Result<Vec<u8>, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| AppError::internal(e);
    w.write_record([
        "id",
        "prenom",
        "nom",
        "immeuble",
        "logement",
        "langue",
        "telephone",
        "courriel",
        "menage",
        "consentement_courriel",
        "consentement_telephone",
        "consentement_sms",
        "entree",
        "sortie",
    ])
    .map_err(io)?;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let given = |c: &Option<queries::Consent>| {
        date(c.as_ref().map(|c| queries::local_time(c.given_at).date()))
    };
    for t in rows {
        w.write_record([
            t.id.to_string().as_str(),
            &t.first_name,
            &t.last_name,
            &t.building_name,
            &t.dwelling_number,
            &t.language,
            &t.phone,
            &t.email,
            &t.household_size.to_string(),
            &given(&t.consent_email),
            &given(&t.consent_phone),
            &given(&t.consent_sms),
            &date(t.move_in),
            &date(t.move_out),
        ])
        .map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!("csv: {e}")))
}

/// A consent line of a tenant's page, or a consent box of the form.
#[derive(Serialize)]
pub(super) struct ConsentLine {
    name: &'static str,
    label_key: &'static str,
    checked: bool,
    given_at: Option<String>,
    recorded_by: Option<String>,
}

const CHANNELS: [(&str, &str); 3] = [
    ("consent_email", "tenant-consent-email"),
    ("consent_phone", "tenant-consent-phone"),
    ("consent_sms", "tenant-consent-sms"),
];

/// The recorded consents of `tenant` (with their recorders' names, one statement), each marked
/// `checked` from `boxes` (the form's) or from the record itself.
pub(super) fn consent_lines(
    c: &mut crate::db::DbConnection,
    office: i64,
    tenant: Option<&TenantView>,
    boxes: Option<&TenantInput>,
) -> Result<Vec<ConsentLine>, AppError> {
    let recorded = [
        tenant.and_then(|t| t.consent_email.clone()),
        tenant.and_then(|t| t.consent_phone.clone()),
        tenant.and_then(|t| t.consent_sms.clone()),
    ];
    let ids: Vec<i64> = recorded.iter().flatten().map(|c| c.recorded_by).collect();
    let names = queries::user_names(c, office, &ids)?;
    let checked = boxes.map(|b| [&b.consent_email, &b.consent_phone, &b.consent_sms]);
    Ok(CHANNELS
        .iter()
        .zip(recorded)
        .enumerate()
        .map(|(i, ((name, label_key), consent))| ConsentLine {
            name,
            label_key,
            checked: match checked {
                Some(b) => validate::checkbox(b[i].as_deref()),
                None => consent.is_some(),
            },
            given_at: consent.as_ref().map(|c| {
                queries::local_time(c.given_at)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            }),
            recorded_by: consent.map(|c| {
                names
                    .get(&c.recorded_by)
                    .cloned()
                    .unwrap_or_else(|| format!("#{}", c.recorded_by))
            }),
        })
        .collect())
}

#[derive(Serialize)]
struct ShowPage {
    tenant: TenantView,
    consents: Vec<ConsentLine>,
    moved_out: bool,
    can_manage: bool,
}

#[get("/tenants/{id:\\d+}")]
async fn show_tenant(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadTenants)?;
    let (office, id) = (user.office_id, path.into_inner());
    let (tenant, consents) = state
        .db(move |c| {
            let tenant = queries::find_view(c, office, id)?;
            let consents = consent_lines(c, office, Some(&tenant), None)?;
            Ok((tenant, consents))
        })
        .await?;
    let page = ShowPage {
        moved_out: tenant.move_out.is_some_and(|d| d <= queries::today()),
        tenant,
        consents,
        can_manage: user.role.can(Action::ManageTenants),
    };
    let ctx = Page::new(&session, &user, "tenant-title", "tenants", page);
    render(&state, "tenants/show", &ctx)
}
