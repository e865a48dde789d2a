//! What the demo's requests are made of: the kinds of problems tenants report, with their weights
//! and descriptions, and the request tables' indexes rebuilt after the bulk load.

/// The indexes of the request tables (as in the migration), dropped during the bulk load and built
/// once at the end: maintaining them row by row was most of the load's time.
pub const INDEXES: [(&str, &str); 9] = [
    (
        "requests_office_created",
        "requests(office_id, created_at, id)",
    ),
    (
        "requests_office_status_due",
        "requests(office_id, status, due_at)",
    ),
    (
        "requests_department_status",
        "requests(department_id, status, due_at, office_id, id)",
    ),
    (
        "requests_building_created",
        "requests(building_id, created_at)",
    ),
    (
        "requests_building_status_due",
        "requests(building_id, status, due_at, id)",
    ),
    ("requests_tenant", "requests(tenant_id)"),
    ("requests_parent", "requests(parent_id)"),
    ("requests_resolved", "requests(status, resolved_at)"),
    (
        "request_events_request",
        "request_events(request_id, created_at)",
    ),
];

/// (code, weight, descriptions)
pub const KINDS: [(&str, u32, &[&str]); 7] = [
    (
        "entretien",
        40,
        &[
            "Le robinet de la cuisine fuit depuis plusieurs jours.",
            "La porte d'entrée de l'immeuble ne se verrouille plus.",
            "L'ascenseur est en panne.",
            "Infiltration d'eau au plafond de la salle de bain.",
            "Le chauffage ne fonctionne pas dans une chambre.",
        ],
    ),
    (
        "salubrite",
        18,
        &[
            "Présence de punaises de lit dans la chambre.",
            "Coquerelles dans la cuisine, malgré le dernier traitement.",
            "Moisissures sur le mur de la chambre.",
            "Souris aperçues au sous-sol.",
        ],
    ),
    (
        "securite",
        8,
        &[
            "Éclairage brisé dans le stationnement.",
            "Graffitis et vandalisme dans la cage d'escalier.",
            "Personnes inconnues qui dorment dans le hall.",
        ],
    ),
    (
        "bruit",
        14,
        &[
            "Bruit tard le soir chez le voisin du dessus.",
            "Conflit de voisinage au sujet de la buanderie.",
            "Musique forte la nuit.",
        ],
    ),
    (
        "accessibilite",
        6,
        &[
            "La rampe d'accès est glacée et non déneigée.",
            "Demande de barre d'appui dans la salle de bain.",
        ],
    ),
    (
        "loyer",
        8,
        &[
            "Question sur le calcul du loyer après un changement de revenu.",
            "Demande de transfert de logement.",
        ],
    ),
    (
        "autre",
        6,
        &[
            "Besoin d'aide pour remplir un formulaire.",
            "Demande d'information sur les activités de l'association.",
        ],
    ),
];
