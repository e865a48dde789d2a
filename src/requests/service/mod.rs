//! What happens to a request, in the caller's transaction: its rules, its events, the journal
//! entries and the mail it enqueues. `create` records a request; `changes` adds a comment or a
//! link; `steps` takes a lifecycle step (and carries it to the linked reports); `followup` records
//! the tenant's answer to the follow-up question; `events` writes what every one of them leaves
//! behind.

mod changes;
mod create;
mod events;
mod followup;
mod steps;

pub use changes::{comment, find_handled, link};
pub use create::{create, own_home};
pub use followup::answer_followup;
pub use steps::take_step;
