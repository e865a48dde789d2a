//! Adding photos to a request on its page (multipart). A photo is shown by the API's handler,
//! the same answer for a page session as for a token.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{web, HttpResponse};

use super::changes::{after, Change};
use crate::access::Caller;
use crate::domain::ids::RequestId;
use crate::error::AppError;
use crate::requests::input::StepForm;
use crate::requests::photos;
use crate::state::AppState;

pub async fn add_photos(
    state: web::Data<AppState>,
    caller: Caller,
    session: Session,
    path: web::Path<RequestId>,
    body: Multipart,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let max = state.settings.uploads.max_photo_bytes;
    let form = photos::read_page_form(body, max, &session).await?;
    let result = photos::add(&state, caller.clone(), id, form.files, |_, _| Ok(())).await;
    let change = Change {
        id,
        form: "photos",
        step: StepForm::default(),
        flash: "request-flash-photos",
    };
    after(&state, caller, &session, change, result.map(|_| ())).await
}
