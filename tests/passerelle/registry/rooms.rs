//! Community rooms, from a building's page and through the API.

use reqwest::StatusCode;
use serde_json::json;

use super::room;
use crate::helpers::{building, json_of, spawn_app, TestApp};

fn rooms_of(
    app: &TestApp,
    office_id: i64,
    building_id: i64,
) -> Vec<passerelle::registry::rooms::Room> {
    app.db(|c| passerelle::registry::rooms::list_for_building(c, office_id, building_id))
        .unwrap()
}

#[actix_web::test]
async fn an_administrator_adds_a_room_from_the_building_page_and_bad_input_is_redisplayed() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let b = building(&app, admin.office_id, "Les Pins");
    let browser = app.login(&admin).await;
    let (status, form) = browser.get_text(&format!("/buildings/{b}/rooms/new")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Les Pins") && form.contains("<label for=\"capacity\">"));

    let res = browser
        .post_form(
            &format!("/buildings/{b}/rooms"),
            &[("name", "Salle Desjardins"), ("capacity", "0")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("La valeur doit être d&#x27;au moins 1."));
    assert!(
        page.contains("value=\"Salle Desjardins\""),
        "what was typed is kept"
    );
    let res = browser
        .post_form(
            &format!("/buildings/{b}/rooms"),
            &[("name", ""), ("capacity", "mille deux")],
        )
        .await;
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Ce champ est obligatoire.") && page.contains("Entrez un nombre entier.")
    );
    assert!(rooms_of(&app, admin.office_id, b).is_empty());

    let res = browser
        .post_form(
            &format!("/buildings/{b}/rooms"),
            &[
                ("name", "Salle Desjardins"),
                ("capacity", "25"),
                ("accessible", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()["location"],
        format!("/buildings/{b}").as_str()
    );
    let (_, page) = browser.get_text(&format!("/buildings/{b}")).await;
    assert!(
        page.contains("Salle Desjardins")
            && page.contains("25 places")
            && page.contains("accessible")
    );

    let id = rooms_of(&app, admin.office_id, b)[0].id;
    let (_, form) = browser.get_text(&format!("/rooms/{id}/edit")).await;
    assert!(form.contains("value=\"25\"") && form.contains(" checked"));
    let res = browser
        .post_form(
            &format!("/rooms/{id}"),
            &[("name", "Salle Desjardins"), ("capacity", "1001")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("La valeur doit être d&#x27;au plus 1000."));
    assert_eq!(rooms_of(&app, admin.office_id, b)[0].capacity, 25);
    let res = browser
        .post_form(
            &format!("/rooms/{id}"),
            &[("name", "Grande salle"), ("capacity", "40")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let r = &rooms_of(&app, admin.office_id, b)[0];
    assert_eq!(
        (r.name.as_str(), r.capacity, r.accessible),
        ("Grande salle", 40, false)
    );

    let res = browser.post_form(&format!("/rooms/{id}/delete"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()["location"],
        format!("/buildings/{b}").as_str()
    );
    assert!(rooms_of(&app, admin.office_id, b).is_empty());
}

#[actix_web::test]
async fn the_rooms_api_round_trips() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let b = building(&app, admin.office_id, "Les Pins");
    let api = app.api(&admin).await;
    let list = format!("/api/v1/buildings/{b}/rooms");
    let problem = json_of(
        api.post(&list, &json!({"name": "Salle", "capacity": 5000}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "capacity");
    assert_eq!(problem["errors"][0]["code"], "too-large");
    let created = json_of(
        api.post(
            &list,
            &json!({"name": "Salle communautaire", "capacity": 60, "accessible": true}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["building_id"], b);
    assert_eq!(created["accessible"], true);
    let id = created["id"].as_i64().unwrap();
    let rooms = json_of(api.get(&list).await, StatusCode::OK).await;
    assert_eq!(rooms.as_array().unwrap().len(), 1);
    let path = format!("/api/v1/rooms/{id}");
    let body = json_of(
        api.put(
            &path,
            &json!({"name": "Salle communautaire", "capacity": 45}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (body["capacity"].as_i64(), body["accessible"].as_bool()),
        (Some(45), Some(false))
    );
    assert_eq!(
        json_of(api.get(&path).await, StatusCode::OK).await["capacity"],
        45
    );
    assert_eq!(api.delete(&path).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(api.get(&path).await.status(), StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn another_offices_rooms_and_buildings_are_not_found_in_pages_and_api() {
    let app = spawn_app().await;
    let ours = app.office("OH Laval");
    let theirs = app.office("OH Longueuil");
    let their_building = building(&app, theirs.office_id, "Chez les voisins");
    let id = room(&app, theirs.office_id, their_building, "Salle voisine");
    let browser = app.login(&ours).await;
    for path in [
        format!("/buildings/{their_building}/rooms/new"),
        format!("/rooms/{id}/edit"),
    ] {
        assert_eq!(
            browser.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    for path in [
        format!("/buildings/{their_building}/rooms"),
        format!("/rooms/{id}"),
    ] {
        for fields in [
            [("name", "Prise"), ("capacity", "10")],
            [("name", ""), ("capacity", "0")],
        ] {
            let res = browser.post_form(&path, &fields).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path} {fields:?}");
        }
    }
    let res = browser.post_form(&format!("/rooms/{id}/delete"), &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let api = app.api(&ours).await;
    let list = format!("/api/v1/buildings/{their_building}/rooms");
    let body = json!({"name": "Prise", "capacity": 10});
    assert_eq!(api.get(&list).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.post(&list, &body).await.status(), StatusCode::NOT_FOUND);
    let path = format!("/api/v1/rooms/{id}");
    assert_eq!(api.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.put(&path, &body).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.delete(&path).await.status(), StatusCode::NOT_FOUND);
    let theirs_now = rooms_of(&app, theirs.office_id, their_building);
    assert_eq!(
        (theirs_now.len(), theirs_now[0].name.as_str()),
        (1, "Salle voisine")
    );
}

#[actix_web::test]
async fn only_administrators_change_rooms_and_other_roles_read_them() {
    let app = spawn_app().await;
    let admin = app.office("OH Test");
    let b = building(&app, admin.office_id, "Les Pins");
    let id = room(&app, admin.office_id, b, "Salle A");
    let staff = app.login(&app.user(admin.office_id, "staff")).await;
    for path in [
        format!("/buildings/{b}/rooms/new"),
        format!("/rooms/{id}/edit"),
    ] {
        assert_eq!(
            staff.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let fields = [("name", "X"), ("capacity", "10")];
    for path in [format!("/buildings/{b}/rooms"), format!("/rooms/{id}")] {
        assert_eq!(
            staff.post_form(&path, &fields).await.status(),
            StatusCode::FORBIDDEN
        );
    }
    let res = staff.post_form(&format!("/rooms/{id}/delete"), &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (_, page) = staff.get_text(&format!("/buildings/{b}")).await;
    assert!(page.contains("Salle A") && !page.contains(&format!("/rooms/{id}/edit")));

    let isc = app.api(&app.user(admin.office_id, "isc")).await;
    assert_eq!(
        isc.get(&format!("/api/v1/buildings/{b}/rooms"))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        isc.get(&format!("/api/v1/rooms/{id}")).await.status(),
        StatusCode::OK
    );
    let body = json!({"name": "X", "capacity": 10});
    let res = isc
        .post(&format!("/api/v1/buildings/{b}/rooms"), &body)
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let path = format!("/api/v1/rooms/{id}");
    assert_eq!(isc.put(&path, &body).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(isc.delete(&path).await.status(), StatusCode::FORBIDDEN);
    let tenant = app.api(&app.user(admin.office_id, "tenant")).await;
    assert_eq!(tenant.get(&path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(rooms_of(&app, admin.office_id, b)[0].name, "Salle A");
}
