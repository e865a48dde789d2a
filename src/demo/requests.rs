//! Several years of tenant requests: about `PER_DWELLING_YEAR` per dwelling and year, each routed to
//! the department of its category, most of them answered within their target, some late, some still
//! open; vermin and elevator reports linked under one building issue; consenting tenants asked
//! whether it is fixed. Requests are many (close to a million at Montréal's scale), so they are made
//! and written building by building, in the generator's one transaction, rather than held in memory.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::gen::Gen;
use super::registry::OfficeMade;
use super::store::take;
use crate::db::bulk::advance_sequences;
use crate::db::schema::{request_categories, request_events, requests, user_buildings, users};
use crate::db::DbConnection;
use crate::domain::ids::{
    BuildingId, CategoryId, DepartmentId, DwellingId, OfficeId, RequestId, TenantId, UserId,
};
use crate::requests::categories::{queries as categories, service as category_service};
use crate::requests::{EventKind, FollowupAnswer, NewEvent, NewRequest, Status, Urgency};
use catalogue::{INDEXES, KINDS};

mod catalogue;

/// Requests per dwelling and year.
const PER_DWELLING_YEAR: f64 = 15.0;
/// Rows kept before they are written.
const FLUSH_AT: usize = 20_000;

/// An office's categories: (id, code, department, hours per urgency).
type Categories = Vec<(CategoryId, String, Option<DepartmentId>, [i64; 3])>;

/// Gives every office the default categories routed to its departments, links the first office's
/// committee and tenant accounts, then writes the requests. Returns (requests, events).
pub fn generate(
    conn: &mut DbConnection,
    gen: &mut Gen,
    offices: &[OfficeMade],
) -> anyhow::Result<(usize, usize)> {
    use diesel::connection::SimpleConnection;
    let (mut made, mut events) = (0, 0);
    let mut next = next_ids(conn)?;
    let drop: String = INDEXES
        .iter()
        .map(|(name, _)| format!("DROP INDEX {name};"))
        .collect();
    conn.batch_execute(&drop)?;
    for office in offices {
        let cats = categories(conn, gen, OfficeId(office.id))?;
        scope_accounts(conn, gen, office)?;
        let tenants: HashMap<i64, (i64, bool)> = gen
            .data
            .tenants
            .iter()
            .filter(|t| t.office_id == office.id && t.move_out.is_none())
            .map(|t| (t.dwelling_id, (t.id, t.consent_email_at.is_some())))
            .collect();
        let mut batch = Batch::default();
        let isc_count = office.iscs.len().max(1);
        for (k, building) in office.buildings.iter().enumerate() {
            let isc = office.iscs.get(k % isc_count).copied();
            let mut issues: HashMap<CategoryId, (RequestId, NaiveDateTime)> = HashMap::new();
            for &(dwelling, _) in &building.dwellings {
                let count = gen.between(
                    0,
                    (2.0 * PER_DWELLING_YEAR * gen.request_years as f64) as i64,
                );
                for _ in 0..count {
                    let ctx = Place {
                        office: OfficeId(office.id),
                        building: BuildingId(building.id),
                        dwelling: DwellingId(dwelling),
                        tenant: tenants.get(&dwelling).map(|&(t, c)| (TenantId(t), c)),
                        isc: isc.map(UserId),
                    };
                    request(gen, &mut next, &mut batch, &cats, &mut issues, &ctx);
                }
            }
            if batch.requests.len() + batch.events.len() >= FLUSH_AT {
                (made, events) = batch.flush(conn, made, events)?;
            }
        }
        (made, events) = batch.flush(conn, made, events)?;
    }
    let create: String = INDEXES
        .iter()
        .map(|(name, on)| format!("CREATE INDEX {name} ON {on};"))
        .collect();
    conn.batch_execute(&create)?;
    advance_sequences(conn, &["requests", "request_events"])?;
    Ok((made, events))
}

/// A request row with its explicit id.
type RequestRow = (
    diesel::dsl::Eq<requests::id, RequestId>,
    NewRequest<'static>,
);
/// An event row with its explicit id.
type EventRow = (diesel::dsl::Eq<request_events::id, i64>, NewEvent<'static>);

#[derive(Default)]
struct Batch {
    requests: Vec<RequestRow>,
    events: Vec<EventRow>,
}

impl Batch {
    fn flush(
        &mut self,
        conn: &mut DbConnection,
        made: usize,
        events: usize,
    ) -> QueryResult<(usize, usize)> {
        crate::bulk_insert!(conn, requests::table, self.requests);
        crate::bulk_insert!(conn, request_events::table, self.events);
        let counts = (made + self.requests.len(), events + self.events.len());
        self.requests.clear();
        self.events.clear();
        Ok(counts)
    }
}

struct Place {
    office: OfficeId,
    building: BuildingId,
    dwelling: DwellingId,
    tenant: Option<(TenantId, bool)>,
    isc: Option<UserId>,
}

struct Next {
    request: i64,
    event: i64,
}

fn next_ids(conn: &mut DbConnection) -> QueryResult<Next> {
    use diesel::dsl::max;
    Ok(Next {
        request: requests::table
            .select(max(requests::id))
            .first::<Option<i64>>(conn)?
            .unwrap_or(0)
            + 1,
        event: request_events::table
            .select(max(request_events::id))
            .first::<Option<i64>>(conn)?
            .unwrap_or(0)
            + 1,
    })
}

fn categories(conn: &mut DbConnection, gen: &Gen, office: OfficeId) -> anyhow::Result<Categories> {
    category_service::create_defaults(conn, office).map_err(|e| anyhow::anyhow!("{e}"))?;
    // Departments in the order the generator makes them: Entretien, Location, Sécurité, Administration.
    let depts: Vec<DepartmentId> = gen
        .data
        .departments
        .iter()
        .filter(|d| d.row.office_id == office)
        .map(|d| DepartmentId(d.id))
        .collect();
    let mut out = Vec::new();
    for c in categories::list(conn, office).map_err(|e| anyhow::anyhow!("{e}"))? {
        let index = match c.code.as_str() {
            "entretien" | "salubrite" | "accessibilite" => 0,
            "loyer" => 1,
            "securite" | "bruit" => 2,
            _ => 3,
        };
        let dept = depts.get(index).copied();
        diesel::update(request_categories::table.find(c.id))
            .set(request_categories::department_id.eq(dept))
            .execute(conn)?;
        out.push((c.id, c.code.clone(), dept, c.hours().map(i64::from)));
    }
    Ok(out)
}

/// The first office's committee account acts for its first three buildings; its tenant account is
/// the first tenant's.
fn scope_accounts(conn: &mut DbConnection, gen: &Gen, office: &OfficeMade) -> QueryResult<()> {
    let account = |role: &str| {
        gen.data
            .users
            .iter()
            .find(|u| u.office_id == office.id && u.role == role)
            .map(|u| u.id)
    };
    if let Some(committee) = account("committee") {
        for b in office.buildings.iter().take(3) {
            diesel::insert_into(user_buildings::table)
                .values((
                    user_buildings::user_id.eq(committee),
                    user_buildings::building_id.eq(b.id),
                ))
                .execute(conn)?;
        }
    }
    let first_tenant = gen
        .data
        .tenants
        .iter()
        .find(|t| t.office_id == office.id && t.move_out.is_none());
    if let (Some(account), Some(t)) = (account("tenant"), first_tenant) {
        diesel::update(users::table.find(account))
            .set(users::tenant_id.eq(t.id))
            .execute(conn)?;
    }
    Ok(())
}

fn pick_kind(gen: &mut Gen) -> usize {
    let total: u32 = KINDS.iter().map(|k| k.1).sum();
    let mut roll = gen.between(0, i64::from(total) - 1) as u32;
    for (i, k) in KINDS.iter().enumerate() {
        if roll < k.1 {
            return i;
        }
        roll -= k.1;
    }
    0
}

/// When a request was made, when it was due, and the steps it took up to now.
struct Timeline {
    created: NaiveDateTime,
    due: NaiveDateTime,
    urgency: Urgency,
    steps: Vec<(Status, Status, NaiveDateTime)>,
}

impl Timeline {
    fn status(&self) -> Status {
        self.steps.last().map_or(Status::New, |s| s.1)
    }

    fn reached(&self, status: Status) -> Option<NaiveDateTime> {
        self.steps.iter().find(|x| x.1 == status).map(|x| x.2)
    }
}

/// The life of one request of a category with these `hours` of target, up to now: most are
/// answered within their target, one in eight takes up to twice as long, a few are stuck waiting.
fn timeline(gen: &mut Gen, hours: [i64; 3]) -> Timeline {
    let created = gen.now - Duration::minutes(gen.between(60, gen.request_years * 365 * 24 * 60));
    let (urgency, target) = match gen.between(0, 9) {
        0 => (Urgency::Urgent, hours[2]),
        1..=3 => (Urgency::Low, hours[0]),
        _ => (Urgency::Normal, hours[1]),
    };
    let routed = created + Duration::minutes(gen.between(10, 48 * 60));
    let late_factor = if gen.chance(0.125) { 2.0 } else { 0.9 };
    let resolved =
        routed + Duration::minutes(gen.between(30, (target as f64 * 60.0 * late_factor) as i64));
    let closed = resolved + Duration::days(gen.between(7, 30));
    let mut steps = vec![(Status::New, Status::Routed, routed)];
    if !gen.chance(0.02) {
        steps.push((Status::Routed, Status::Resolved, resolved));
        steps.push((Status::Resolved, Status::Closed, closed));
    } else {
        steps.push((Status::Routed, Status::Waiting, routed + Duration::days(2)));
    }
    let now = gen.now;
    steps.retain(|s| s.2 <= now);
    Timeline {
        created,
        due: created + Duration::hours(target),
        urgency,
        steps,
    }
}

/// One request and its steps, from its creation to wherever it stands today.
fn request(
    gen: &mut Gen,
    next: &mut Next,
    batch: &mut Batch,
    cats: &Categories,
    issues: &mut HashMap<CategoryId, (RequestId, NaiveDateTime)>,
    at: &Place,
) {
    let (code, _, texts) = KINDS[pick_kind(gen)];
    let Some(cat) = cats.iter().find(|c| c.1 == code) else {
        return;
    };
    let life = timeline(gen, cat.3);
    let id = RequestId(take(&mut next.request));
    // Vermin and elevators: later reports within a month join the building's open issue.
    let parent = match issues.get(&cat.0) {
        Some(&(p, since))
            if (code == "salubrite" || texts[0].contains("ascenseur"))
                && life.created - since < Duration::days(30)
                && life.created > since =>
        {
            Some(p)
        }
        _ => None,
    };
    if parent.is_none() {
        issues.insert(cat.0, (id, life.created));
    }
    let with_tenant = at.tenant.filter(|_| gen.chance(0.75));
    let asked_at = life
        .reached(Status::Resolved)
        .map(|r| r + Duration::days(21))
        .filter(|a| with_tenant.is_some_and(|t| t.1) && *a <= gen.now);
    let description = gen.pick(texts);
    let fixed = asked_at.is_some() && gen.chance(0.6);
    let row = NewRequest {
        office_id: at.office,
        building_id: at.building,
        dwelling_id: Some(at.dwelling),
        tenant_id: with_tenant.map(|t| t.0),
        category_id: cat.0,
        department_id: cat.2,
        urgency: life.urgency,
        description,
        status: life.status(),
        parent_id: parent,
        isc_id: at.isc,
        created_by: at.isc.unwrap_or(UserId(1)),
        due_at: life.due,
        resolved_at: life.reached(Status::Resolved),
        closed_at: life.reached(Status::Closed),
        followup_sent_at: asked_at,
        followup_answer: match fixed {
            true => FollowupAnswer::Fixed,
            false => FollowupAnswer::Pending,
        },
        version: life.steps.len() as i32 + 1,
        created_at: life.created,
        updated_at: life.steps.last().map_or(life.created, |s| s.2),
    };
    batch.requests.push((requests::id.eq(id), row));
    for (from, to, when) in life.steps {
        let event = NewEvent {
            request_id: id,
            office_id: at.office,
            kind: EventKind::Step,
            from_status: from.as_str(),
            to_status: to.as_str(),
            body: "",
            visible_to_tenant: true,
            author_id: at.isc,
            audience: crate::domain::roles::Audience::Tenant,
            created_at: when,
        };
        batch
            .events
            .push((request_events::id.eq(take(&mut next.event)), event));
    }
}
