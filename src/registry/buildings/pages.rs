//! The buildings pages: searchable list, a building's page with its rooms, dwellings and tenants,
//! create, edit, delete, CSV export.

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;

use super::{Building, BuildingInput, CLIENTELES};
use crate::accounts::routes::Empty;
use crate::db::schema::{community_rooms, dwellings, tenants};
use crate::db::DbConnection;
use crate::domain::roles::Action;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{
    csv_response, redirect, render, render_status, CsrfForm, CurrentUser, ListQuery, Page, Pager,
    PAGE_SIZE,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_buildings)
        .service(export_buildings)
        .service(new_building)
        .service(create_building)
        .service(show_building)
        .service(edit_building)
        .service(update_building)
        .service(delete_building);
}

#[derive(Serialize)]
struct ListPage {
    q: String,
    buildings: Vec<Building>,
    pager: Pager,
    can_manage: bool,
}

#[get("/buildings")]
async fn list_buildings(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let (q, page, offset, office) = (query.query(), query.page(), query.offset(), user.office_id);
    let term = q.clone();
    let (rows, total) = state
        .db(move |c| super::list(c, office, &term, offset, PAGE_SIZE))
        .await?;
    let pager = Pager::new("/buildings", &q, page, total);
    let ctx = Page::new(
        &session,
        &user,
        "buildings-title",
        "buildings",
        ListPage {
            q,
            buildings: rows,
            pager,
            can_manage: user.role.can(Action::ManageRegistry),
        },
    );
    render(&state, "buildings/list", &ctx)
}

#[get("/buildings.csv")]
async fn export_buildings(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let office = user.office_id;
    let rows = state.db(move |c| super::list_all(c, office)).await?;
    Ok(csv_response("immeubles.csv", super::to_csv(&rows)?))
}

#[derive(Serialize)]
struct FormPage {
    action: String,
    form: BuildingInput,
    errors: BTreeMap<String, String>,
    clienteles: Vec<Choice>,
    editing: bool,
}

#[derive(Serialize)]
pub struct Choice {
    pub value: &'static str,
    pub label_key: String,
    pub selected: bool,
}

fn clientele_choices(selected: Option<&str>) -> Vec<Choice> {
    let selected = selected.unwrap_or("mixte");
    CLIENTELES
        .iter()
        .map(|c| Choice {
            value: c,
            label_key: format!("clientele-{c}"),
            selected: *c == selected,
        })
        .collect()
}

fn form_page(
    action: String,
    form: BuildingInput,
    errors: &FieldErrors,
    user: &CurrentUser,
    editing: bool,
) -> FormPage {
    let clienteles = clientele_choices(form.clientele.as_deref());
    FormPage {
        action,
        form,
        errors: errors.translated(user.lang),
        clienteles,
        editing,
    }
}

#[get("/buildings/new")]
async fn new_building(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let page = form_page(
        "/buildings".into(),
        BuildingInput::default(),
        &FieldErrors::new(),
        &user,
        false,
    );
    render(
        &state,
        "buildings/form",
        &Page::new(&session, &user, "building-new-title", "buildings", page),
    )
}

#[post("/buildings")]
async fn create_building(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    CsrfForm(input): CsrfForm<BuildingInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let data = match input.validate() {
        Ok(d) => d,
        Err(errors) => {
            let page = form_page("/buildings".into(), input, &errors, &user, false);
            let ctx = Page::new(&session, &user, "building-new-title", "buildings", page);
            return render_status(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                "buildings/form",
                &ctx,
            );
        }
    };
    let office = user.office_id;
    let id = state
        .db_tx(move |c| super::insert(c, office, &data))
        .await?;
    Ok(redirect(
        &session,
        &format!("/buildings/{id}"),
        Some("flash-saved"),
    ))
}

/// A dwelling line of a building's page, with its current tenants' names.
#[derive(Serialize)]
struct DwellingLine {
    id: i64,
    number: String,
    bedrooms: i32,
    adapted: bool,
    tenants: Vec<TenantName>,
}

#[derive(Serialize, Queryable)]
struct TenantName {
    id: i64,
    dwelling_id: i64,
    first_name: String,
    last_name: String,
}

#[derive(Serialize, Queryable)]
struct RoomLine {
    id: i64,
    name: String,
    capacity: i32,
    accessible: bool,
}

#[derive(Serialize)]
struct ShowPage {
    building: Building,
    rooms: Vec<RoomLine>,
    dwellings: Vec<DwellingLine>,
    show_tenants: bool,
    can_manage: bool,
    /// The building's request overview (open, late, recurring problems) is for those who handle them.
    can_see_requests: bool,
    occupied: usize,
}

/// A building with its rooms and dwellings, in four queries whatever its size.
fn load_building_page(
    conn: &mut DbConnection,
    office: i64,
    id: i64,
    with_tenants: bool,
) -> Result<(Building, Vec<RoomLine>, Vec<DwellingLine>), AppError> {
    let building = super::find(conn, office, id)?;
    let rooms = community_rooms::table
        .filter(community_rooms::building_id.eq(id))
        .filter(community_rooms::office_id.eq(office))
        .order(community_rooms::name.asc())
        .select((
            community_rooms::id,
            community_rooms::name,
            community_rooms::capacity,
            community_rooms::accessible,
        ))
        .load::<RoomLine>(conn)?;
    let rows: Vec<(i64, String, i32, bool)> = dwellings::table
        .filter(dwellings::building_id.eq(id))
        .filter(dwellings::office_id.eq(office))
        .select((
            dwellings::id,
            dwellings::number,
            dwellings::bedrooms,
            dwellings::adapted,
        ))
        .load(conn)?;
    let mut names: Vec<TenantName> = if with_tenants {
        // Start from the building's dwellings (IN on the tenants' dwelling index): joined the
        // other way, SQLite without statistics scans every tenant of the office.
        tenants::table
            .filter(
                tenants::dwelling_id.eq_any(
                    dwellings::table
                        .filter(dwellings::building_id.eq(id))
                        .select(dwellings::id),
                ),
            )
            .filter(tenants::office_id.eq(office))
            .filter(
                tenants::move_out
                    .is_null()
                    .or(tenants::move_out.gt(crate::web::format::today())),
            )
            .order((tenants::last_name.asc(), tenants::first_name.asc()))
            .select((
                tenants::id,
                tenants::dwelling_id,
                tenants::first_name,
                tenants::last_name,
            ))
            .load(conn)?
    } else {
        Vec::new()
    };
    let mut lines: Vec<DwellingLine> = rows
        .into_iter()
        .map(|(id, number, bedrooms, adapted)| {
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut names)
                .into_iter()
                .partition(|t| t.dwelling_id == id);
            names = rest;
            DwellingLine {
                id,
                number,
                bedrooms,
                adapted,
                tenants: mine,
            }
        })
        .collect();
    // Natural order of door numbers: "2" before "10".
    lines.sort_by_key(|l| natural_key(&l.number));
    Ok((building, rooms, lines))
}

fn natural_key(s: &str) -> (u64, String) {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), s.to_owned())
}

#[get("/buildings/{id:\\d+}")]
async fn show_building(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ReadRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    let show_tenants = user.role.can(Action::ReadTenants);
    let (building, rooms, dwellings) = state
        .db(move |c| load_building_page(c, office, id, show_tenants))
        .await?;
    let occupied = dwellings.iter().filter(|d| !d.tenants.is_empty()).count();
    let ctx = Page::new(
        &session,
        &user,
        "building-title",
        "buildings",
        ShowPage {
            building,
            rooms,
            dwellings,
            show_tenants,
            can_manage: user.role.can(Action::ManageRegistry),
            can_see_requests: user.role.can(Action::HandleRequests),
            occupied,
        },
    );
    render(&state, "buildings/show", &ctx)
}

#[get("/buildings/{id:\\d+}/edit")]
async fn edit_building(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    let b = state.db(move |c| super::find(c, office, id)).await?;
    let page = form_page(
        format!("/buildings/{id}"),
        BuildingInput::from_building(&b),
        &FieldErrors::new(),
        &user,
        true,
    );
    render(
        &state,
        "buildings/form",
        &Page::new(&session, &user, "building-edit-title", "buildings", page),
    )
}

#[post("/buildings/{id:\\d+}")]
async fn update_building(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<BuildingInput>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    let data = match input.validate() {
        Ok(d) => d,
        Err(errors) => {
            state.db(move |c| super::find(c, office, id)).await?;
            let page = form_page(format!("/buildings/{id}"), input, &errors, &user, true);
            let ctx = Page::new(&session, &user, "building-edit-title", "buildings", page);
            return render_status(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                "buildings/form",
                &ctx,
            );
        }
    };
    state
        .db_tx(move |c| super::update(c, office, id, &data))
        .await?;
    Ok(redirect(
        &session,
        &format!("/buildings/{id}"),
        Some("flash-saved"),
    ))
}

#[post("/buildings/{id:\\d+}/delete")]
async fn delete_building(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    user.require(Action::ManageRegistry)?;
    let (office, id) = (user.office_id, path.into_inner());
    state.db_tx(move |c| super::delete(c, office, id)).await?;
    Ok(redirect(&session, "/buildings", Some("flash-deleted")))
}
