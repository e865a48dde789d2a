//! The changes a request's page and the API submit: a step (with its referral for "not ours"), a
//! comment, a link under a building-level request. Each carries the version it was read at, except
//! comments, which change nothing that could be stale.

use serde::{Deserialize, Serialize};

use crate::domain::roles::Audience;

use crate::domain::ids::RequestId;
use crate::domain::{validate, FieldErrors};
use crate::requests::{Step, TEXT_MAX};

/// Longest referral field, in characters.
const REFERRAL_MAX: usize = 500;

/// The referral of a "not ours" closure: the outside resource, its contact, what the tenant was
/// told.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Referral {
    pub resource: String,
    pub contact: String,
    pub told: String,
}

/// A step, validated: the version it was read at, the step, a comment (shown to the tenant or
/// kept internal) and, for "not ours", the referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepData {
    pub version: i32,
    pub step: Step,
    pub comment: String,
    pub visible: bool,
    pub referral: Option<Referral>,
}

/// The step form's fields, as text.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct StepForm {
    pub version: Option<String>,
    /// route, start, wait, resolve, close, close_not_ours, reopen
    pub step: Option<String>,
    pub comment: Option<String>,
    /// Present (and not "off"): the comment is visible to the tenant.
    pub visible: Option<String>,
    pub referral_resource: Option<String>,
    pub referral_contact: Option<String>,
    pub referral_told: Option<String>,
}

/// A lifecycle step through the API.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct StepBody {
    /// The request's version as read.
    #[schema(minimum = 1)]
    pub version: Option<i64>,
    /// route, start, wait, resolve, close, close_not_ours, reopen
    #[schema(value_type = Option<Step>)]
    pub step: Option<String>,
    #[schema(max_length = 4000)]
    pub comment: Option<String>,
    /// The comment is visible to the tenant.
    #[serde(default)]
    pub visible: bool,
    /// For close_not_ours: the outside resource, its contact, what the tenant was told.
    #[schema(max_length = 500)]
    pub referral_resource: Option<String>,
    #[schema(max_length = 500)]
    pub referral_contact: Option<String>,
    #[schema(max_length = 500)]
    pub referral_told: Option<String>,
}

/// The fields both step submissions share once the version is read.
struct RawStep<'a> {
    version: i32,
    step: Option<&'a str>,
    comment: Option<&'a str>,
    visible: bool,
    referral: [Option<&'a str>; 3],
}

/// The version a form read (text).
fn form_version(e: &mut FieldErrors, v: Option<&str>) -> i32 {
    validate::integer(e, "version", v, 1, i64::from(i32::MAX), None) as i32
}

/// The version a JSON body read (a number).
fn body_version(e: &mut FieldErrors, v: Option<i64>) -> i32 {
    validate::bounded(e, "version", v, 1, i64::from(i32::MAX), None) as i32
}

fn check_step(mut e: FieldErrors, raw: RawStep<'_>) -> Result<StepData, FieldErrors> {
    let step = Step::parse(raw.step.unwrap_or("").trim());
    if step.is_none() {
        e.add("step", "err-invalid-choice");
    }
    let comment = validate::optional(&mut e, "comment", raw.comment, TEXT_MAX);
    let referral = (step == Some(Step::CloseNotOurs)).then(|| {
        let [resource, contact, told] = raw.referral;
        let mut required = |field: &str, v: Option<&str>| {
            validate::required(&mut e, field, v.unwrap_or(""), REFERRAL_MAX)
        };
        Referral {
            resource: required("referral_resource", resource),
            contact: required("referral_contact", contact),
            told: required("referral_told", told),
        }
    });
    e.into_result(StepData {
        version: raw.version,
        step: step.unwrap_or(Step::Route),
        comment,
        visible: raw.visible,
        referral,
    })
}

impl StepForm {
    pub fn parse(&self) -> Result<StepData, FieldErrors> {
        let mut e = FieldErrors::new();
        let raw = RawStep {
            version: form_version(&mut e, self.version.as_deref()),
            step: self.step.as_deref(),
            comment: self.comment.as_deref(),
            visible: validate::checkbox(self.visible.as_deref()),
            referral: [
                self.referral_resource.as_deref(),
                self.referral_contact.as_deref(),
                self.referral_told.as_deref(),
            ],
        };
        check_step(e, raw)
    }
}

impl StepBody {
    pub fn parse(&self) -> Result<StepData, FieldErrors> {
        let mut e = FieldErrors::new();
        let raw = RawStep {
            version: body_version(&mut e, self.version),
            step: self.step.as_deref(),
            comment: self.comment.as_deref(),
            visible: self.visible,
            referral: [
                self.referral_resource.as_deref(),
                self.referral_contact.as_deref(),
                self.referral_told.as_deref(),
            ],
        };
        check_step(e, raw)
    }
}

/// A comment, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentData {
    pub body: String,
    /// Who reads it (always the tenant's, for those who do not handle requests).
    pub audience: Audience,
}

/// The comment form's fields, as text.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct CommentForm {
    pub body: Option<String>,
    /// `tenant`, `staff` or `isc`; without it, `visible` decides between tenant and staff.
    pub audience: Option<String>,
    /// Present (and not "off"): visible to the tenant.
    pub visible: Option<String>,
}

/// A comment through the API.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CommentBody {
    #[schema(max_length = 4000)]
    pub body: Option<String>,
    /// Who reads it: the tenant, the office's staff, or the ISCs alone. Without it, `visible`
    /// decides between the tenant and the staff.
    pub audience: Option<Audience>,
    /// Visible to the tenant (always, for tenants and committee members).
    #[serde(default)]
    pub visible: bool,
}

fn check_comment(
    body: Option<&str>,
    audience: Result<Option<Audience>, ()>,
    visible: bool,
) -> Result<CommentData, FieldErrors> {
    let mut e = FieldErrors::new();
    let body = validate::required(&mut e, "body", body.unwrap_or(""), TEXT_MAX);
    let fallback = if visible {
        Audience::Tenant
    } else {
        Audience::Staff
    };
    let audience = match audience {
        Ok(a) => a.unwrap_or(fallback),
        Err(()) => {
            e.add("audience", "err-request-audience");
            fallback
        }
    };
    e.into_result(CommentData { body, audience })
}

impl CommentForm {
    pub fn parse(&self) -> Result<CommentData, FieldErrors> {
        let audience = match self.audience.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(code) => Audience::parse(code).map(Some).ok_or(()),
        };
        check_comment(
            self.body.as_deref(),
            audience,
            validate::checkbox(self.visible.as_deref()),
        )
    }
}

impl CommentBody {
    pub fn parse(&self) -> Result<CommentData, FieldErrors> {
        check_comment(self.body.as_deref(), Ok(self.audience), self.visible)
    }
}

/// A link, validated: the version read, and the request to link under (`None`: unlink).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkData {
    pub version: i32,
    pub parent_id: Option<RequestId>,
}

/// The link form's fields, as text (an empty `parent_id` unlinks).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct LinkForm {
    pub version: Option<String>,
    pub parent_id: Option<String>,
}

/// A link under a building-level request through the API (`parent_id` null: unlink).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct LinkBody {
    pub version: Option<i64>,
    pub parent_id: Option<RequestId>,
}

impl LinkForm {
    pub fn parse(&self) -> Result<LinkData, FieldErrors> {
        let mut e = FieldErrors::new();
        let version = form_version(&mut e, self.version.as_deref());
        let parent_id = validate::reference(&mut e, "parent_id", self.parent_id.as_deref());
        e.into_result(LinkData { version, parent_id })
    }
}

impl LinkBody {
    pub fn parse(&self) -> Result<LinkData, FieldErrors> {
        let mut e = FieldErrors::new();
        let version = body_version(&mut e, self.version);
        e.into_result(LinkData {
            version,
            parent_id: self.parent_id,
        })
    }
}
