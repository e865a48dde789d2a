//! The life of a request as a pure state machine: which steps may be taken from which status, and
//! where each leads. Pages offer only `Step::allowed_from(status)`; the service refuses any other.
//! Statuses, steps and urgencies are stored and sent as their codes.

crate::text_enum! {
    /// Where a request stands.
    pub enum Status {
        /// nouvelle
        New = "new",
        /// transmise (to the category's department)
        Routed = "routed",
        /// en cours
        InProgress = "in_progress",
        /// en attente
        Waiting = "waiting",
        /// résolue
        Resolved = "resolved",
        /// fermée
        Closed = "closed",
    }
}

impl Status {
    /// The statuses still waiting for an answer (they count toward lateness).
    pub const OPEN: [Status; 4] = [
        Status::New,
        Status::Routed,
        Status::InProgress,
        Status::Waiting,
    ];

    /// Still waiting for an answer.
    pub fn is_open(self) -> bool {
        Status::OPEN.contains(&self)
    }

    /// The catalogue key of the status's label.
    pub fn label_key(self) -> String {
        format!("request-status-{}", self.as_str())
    }
}

crate::text_enum! {
    /// A step someone takes on a request.
    pub enum Step {
        /// Send to the category's department.
        Route = "route",
        /// The department works on it.
        Start = "start",
        /// Waiting for something (a part, the tenant, a contractor).
        Wait = "wait",
        Resolve = "resolve",
        /// Close a resolved request.
        Close = "close",
        /// Close as not the office's to answer, with a referral to an outside resource.
        CloseNotOurs = "close_not_ours",
        Reopen = "reopen",
    }
}

impl Step {
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
        Step::ALL
            .iter()
            .copied()
            .filter(|s| s.allowed(from))
            .collect()
    }

    /// Whether the step ends the request's wait (its linked reports follow it).
    pub fn ends(self) -> bool {
        matches!(self, Step::Resolve | Step::Close | Step::CloseNotOurs)
    }

    /// The catalogue key of the step's label.
    pub fn label_key(self) -> String {
        format!("request-step-{}", self.as_str())
    }
}

crate::text_enum! {
    /// How urgent a request is; each category has a response target per urgency.
    pub enum Urgency {
        Low = "low",
        Normal = "normal",
        Urgent = "urgent",
    }
}

impl Urgency {
    /// The catalogue key of the urgency's label.
    pub fn label_key(self) -> String {
        format!("request-urgency-{}", self.as_str())
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
            assert_eq!(Status::parse(s.as_str()), Some(*s));
            assert!(
                !Step::allowed_from(*s).is_empty(),
                "no status is a dead end"
            );
        }
        for s in Step::ALL {
            assert_eq!(Step::parse(s.as_str()), Some(*s));
        }
        assert_eq!(
            Status::OPEN.map(Status::as_str),
            ["new", "routed", "in_progress", "waiting"]
        );
    }
}
