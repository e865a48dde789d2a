//! How much of one request the actor sees, once the request was found within its scope.
//!
//! The scope (`Resource::Requests` in `domain::roles`) decides which requests; the sight decides
//! what of each: those who handle requests see all of it but the notes of an audience they do not
//! read; a tenant, or a committee member, sees all of a request that is theirs; a committee member
//! sees a building-level issue of its buildings as its status and steps only — no photos, no
//! comment thread, no routing — and may not comment on it.

use super::Request;
use crate::access::Actor;
use crate::domain::roles::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sight {
    /// Admins, ISCs and department staff.
    Handler,
    /// The request is the actor's: recorded by the account, or about its own tenant record.
    Own,
    /// A building-level issue seen by a committee member who did not record it.
    Collective,
}

impl Sight {
    pub fn of(actor: &Actor, r: &Request) -> Sight {
        if actor.can(Action::HandleRequests) {
            Sight::Handler
        } else if r.created_by == actor.user_id
            || (r.tenant_id.is_some() && r.tenant_id == actor.tenant)
        {
            Sight::Own
        } else {
            Sight::Collective
        }
    }

    /// Its photos, and adding some.
    pub fn photos(self) -> bool {
        self != Sight::Collective
    }

    /// Its comment thread (within the audiences the role reads).
    pub fn comments(self) -> bool {
        self != Sight::Collective
    }

    /// Adding a comment.
    pub fn may_comment(self) -> bool {
        self != Sight::Collective
    }

    /// The request as this sight shows it: the department it is routed to and the ISC who
    /// accompanies it are the office's business, not the tenant's or a committee's.
    pub fn redact(self, mut r: Request) -> Request {
        if self != Sight::Handler {
            r.department_id = None;
            r.isc_id = None;
        }
        r
    }
}
