//! The life of a request as a pure state machine: which steps may be taken from which status, and
//! where each leads. Pages offer only `Step::allowed_from(status)`; the service refuses any other.

use serde::{Deserialize, Serialize};

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// nouvelle
    New,
    /// transmise (to the category's department)
    Routed,
    /// en cours
    InProgress,
    /// en attente
    Waiting,
    /// résolue
    Resolved,
    /// fermée
    Closed,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::New,
        Status::Routed,
        Status::InProgress,
        Status::Waiting,
        Status::Resolved,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Routed => "routed",
            Status::InProgress => "in_progress",
            Status::Waiting => "waiting",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Still waiting for an answer (counts toward lateness).
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }

    /// The statuses that count as open, as stored.
    pub fn open_codes() -> Vec<&'static str> {
        Status::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .map(Status::as_str)
            .collect()
    }
}

/// A step someone takes on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Send to the category's department.
    Route,
    /// The department works on it.
    Start,
    /// Waiting for something (a part, the tenant, a contractor).
    Wait,
    Resolve,
    /// Close a resolved request.
    Close,
    /// Close as not the office's to answer, with a referral to an outside resource.
    CloseNotOurs,
    Reopen,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Route,
        Step::Start,
        Step::Wait,
        Step::Resolve,
        Step::Close,
        Step::CloseNotOurs,
        Step::Reopen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Route => "route",
            Step::Start => "start",
            Step::Wait => "wait",
            Step::Resolve => "resolve",
            Step::Close => "close",
            Step::CloseNotOurs => "close_not_ours",
            Step::Reopen => "reopen",
        }
    }

    pub fn parse(s: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    /// The status the step leads to.
    pub fn target(self) -> Status {
        match self {
            Step::Route => Status::Routed,
            Step::Start | Step::Reopen => Status::InProgress,
            Step::Wait => Status::Waiting,
            Step::Resolve => Status::Resolved,
            Step::Close | Step::CloseNotOurs => Status::Closed,
        }
    }

    /// Whether the step may be taken from `from`.
    pub fn allowed(self, from: Status) -> bool {
        use Status::*;
        match self {
            Step::Route => from == New,
            Step::Start => matches!(from, Routed | Waiting),
            Step::Wait => matches!(from, Routed | InProgress),
            Step::Resolve => matches!(from, Routed | InProgress | Waiting),
            Step::Close => from == Resolved,
            Step::CloseNotOurs => matches!(from, New | Routed | InProgress | Waiting),
            Step::Reopen => matches!(from, Resolved | Closed),
        }
    }

    /// The steps offered on a request in status `from`.
    pub fn allowed_from(from: Status) -> Vec<Step> {
        Step::ALL.into_iter().filter(|s| s.allowed(from)).collect()
    }
}

/// How urgent a request is; each category has a response target per urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Low,
    Normal,
    Urgent,
}

impl Urgency {
    pub const ALL: [Urgency; 3] = [Urgency::Low, Urgency::Normal, Urgency::Urgent];

    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Low => "low",
            Urgency::Normal => "normal",
            Urgency::Urgent => "urgent",
        }
    }

    pub fn parse(s: &str) -> Option<Urgency> {
        Urgency::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_life_of_a_request_follows_only_allowed_steps() {
        assert_eq!(
            Step::allowed_from(Status::New),
            [Step::Route, Step::CloseNotOurs]
        );
        assert_eq!(
            Step::allowed_from(Status::Routed),
            [Step::Start, Step::Wait, Step::Resolve, Step::CloseNotOurs]
        );
        assert_eq!(
            Step::allowed_from(Status::Resolved),
            [Step::Close, Step::Reopen]
        );
        assert_eq!(Step::allowed_from(Status::Closed), [Step::Reopen]);
        assert!(
            !Step::Resolve.allowed(Status::New),
            "a new request is routed first"
        );
        assert!(
            !Step::Close.allowed(Status::InProgress),
            "closing follows resolution"
        );
        assert_eq!(Step::Reopen.target(), Status::InProgress);
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert!(!Step::allowed_from(s).is_empty(), "no status is a dead end");
        }
        for s in Step::ALL {
            assert_eq!(Step::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            Status::open_codes(),
            ["new", "routed", "in_progress", "waiting"]
        );
    }
}
