use reqwest::StatusCode;

use super::{png, post_request, tenant, tenant_account, world, NewTenant};
use crate::helpers::spawn_app_with;

#[actix_web::test]
async fn photos_are_checked_stored_outside_the_database_and_shown_only_to_those_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_string_lossy().into_owned();
    let app = spawn_app_with(|s| {
        s.uploads.dir = path.clone();
        s.uploads.max_photo_bytes = 1024;
    })
    .await;
    let w = world(&app, "OH Test");
    let office = w.admin.office_id;
    let (_, t) = tenant(
        &app,
        office,
        NewTenant {
            building: w.building,
            email: "a@example.org",
            consent_email: true,
            ..Default::default()
        },
    );
    let browser = app.login(&w.isc).await;
    let (b, cat, ts) = (
        w.building.to_string(),
        w.category.to_string(),
        t.to_string(),
    );
    let fields = [
        ("building_id", b.as_str()),
        ("category_id", cat.as_str()),
        ("tenant_id", ts.as_str()),
        ("description", "Moisissure"),
    ];
    // A text file named .png is not a photo.
    let res = post_request(
        &browser,
        &fields,
        vec![("photo.png", b"not an image".to_vec())],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("pas une photo"));
    let res = post_request(&browser, &fields, vec![("big.png", vec![0x89; 2048])]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let six = (0..6)
        .map(|i| (if i == 0 { "a.png" } else { "b.png" }, png()))
        .collect();
    let res = post_request(&browser, &fields, six).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("au plus 5 photos"));
    assert_eq!(
        std::fs::read_dir(&path).map(|d| d.count()).unwrap_or(0),
        0,
        "nothing written"
    );
    let res = post_request(&browser, &fields, vec![("mur.jpg", png())]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = location.trim_start_matches("/requests/").parse().unwrap();
    let (_, page) = browser.get_text(&location).await;
    let start = page.find(&format!("/requests/{id}/photos/")).unwrap();
    let src: String = page[start..].split('"').next().unwrap().to_owned();
    let res = browser.get(&src).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.bytes().await.unwrap().to_vec(), png());
    // The tenant sees their photo; another tenant does not.
    let own = app.login(&tenant_account(&app, office, t)).await;
    assert_eq!(own.get(&src).await.status(), StatusCode::OK);
    let (_, t2) = tenant(
        &app,
        office,
        NewTenant {
            building: w.building,
            email: "b@example.org",
            consent_email: true,
            ..Default::default()
        },
    );
    let other = app.login(&tenant_account(&app, office, t2)).await;
    assert_eq!(other.get(&src).await.status(), StatusCode::NOT_FOUND);
}
