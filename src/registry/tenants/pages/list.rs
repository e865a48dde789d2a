//! `/tenants`: the office's tenants, searchable and filtered by building and status, and
//! `/tenants.csv`, the same selection as a spreadsheet. Both are reads of personal information:
//! the list and the export are logged with their row count.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::access::log::{read_many, Channel, RecordKind};
use crate::access::Caller;
use crate::domain::roles::Action;
use crate::error::AppError;
use crate::registry::tenants::queries::{self, Filter, Status, TenantView};
use crate::registry::tenants::{export, TenantListQuery};
use crate::state::AppState;
use crate::web::choice::Choice;
use crate::web::pagination::Pager;
use crate::web::{render_status, urlencode, Page};

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

pub async fn list_tenants(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    query: web::Query<TenantListQuery>,
) -> Result<HttpResponse, AppError> {
    let (filter, at) = (query.filter(), query.pagination());
    let f = filter.clone();
    let (actor, (buildings, paged)) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadTenants)?;
            let office = actor.office_id.get();
            let buildings = crate::registry::buildings::list_all(c, office)?;
            let paged = queries::list_page(c, office, &f, at)?;
            read_many(
                c,
                actor,
                Channel::Page,
                RecordKind::Tenant,
                paged.items.len(),
            )?;
            Ok((buildings, paged))
        })
        .await?;
    let extra = filter_params(&filter);
    let filters = match filter.q.is_empty() {
        true => extra.trim_start_matches('&').to_owned(),
        false => format!("q={}{extra}", urlencode(&filter.q)),
    };
    let pager = paged.pager("/tenants", &filters);
    let lang = actor.lang;
    let page = ListPage {
        statuses: Status::ALL
            .iter()
            .map(|s| {
                let label = crate::i18n::t(lang, &format!("tenants-status-{}", s.as_str()));
                Choice::new(s.as_str(), label, *s == filter.status)
            })
            .collect(),
        buildings: buildings
            .into_iter()
            .map(|b| BuildingOption {
                selected: Some(b.id.get()) == filter.building_id,
                id: b.id.get(),
                name: b.name,
            })
            .collect(),
        tenants: paged.items,
        pager,
        can_manage: actor.can(Action::ManageTenants),
        new_link: match filter.building_id {
            Some(b) => format!("/tenants/new?building_id={b}"),
            None => "/tenants/new".into(),
        },
        csv_link: format!("/tenants.csv?q={}{extra}", urlencode(&filter.q)),
        q: filter.q,
    };
    let ctx = Page::of(&session, &actor, "tenants-title", "tenants", page);
    render_status(&state, StatusCode::OK, "tenants/list", &ctx)
}

/// The export, logged with its row count.
pub async fn export_tenants(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<TenantListQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = query.filter();
    let (_, csv) = state
        .read(caller, move |c, actor| {
            actor.require(Action::ReadTenants)?;
            let (rows, _) = queries::list(c, actor.office_id.get(), &filter, None)?;
            read_many(c, actor, Channel::Csv, RecordKind::Tenant, rows.len())?;
            export::to_csv(&rows)
        })
        .await?;
    csv.into_response("locataires.csv")
}
