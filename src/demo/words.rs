//! The words the demo data is made of: Quebec first and last names (with their accents, so that
//! accent-insensitive search has something to do), streets, building names, community rooms and
//! journal notes. Everything is fictional; tenants' emails use the reserved `example.*` domains and
//! their phone numbers the `555` exchange, so nothing generated can reach a real person.

/// French-Canadian first names (women).
#[rustfmt::skip]
pub const FIRST_QC_F: &[&str] = &[
    "Hélène", "Thérèse", "Léa", "Marie", "Chloé", "Émilie", "Geneviève", "Josée", "Sylvie",
    "Francine", "Ginette", "Gisèle", "Lise", "Louise", "Monique", "Nicole", "Pierrette", "Réjeanne",
    "Jacqueline", "Céline", "Diane", "Johanne", "Manon", "Nathalie", "Isabelle", "Mélanie", "Julie",
    "Stéphanie", "Valérie", "Véronique", "Anaïs", "Zoé", "Noémie", "Maëlle", "Béatrice", "Cécile",
    "Denise", "Yvette", "Lucie", "Amélie", "Rosalie", "Huguette", "Jocelyne", "Andrée", "Marie-Ève",
    "Marie-Josée", "Édith", "Mégane", "Océane",
    "Hélène", // twice: the search examples of the documentation look for her
];

/// French-Canadian first names (men).
#[rustfmt::skip]
pub const FIRST_QC_M: &[&str] = &[
    "Jean", "Pierre", "Jacques", "Michel", "André", "Réal", "Gérard", "Gilles", "Guy", "Jérôme",
    "François", "Benoît", "Stéphane", "Sébastien", "Mathieu", "Éric", "Frédéric", "Denis",
    "Normand", "Raymond", "Roger", "Marcel", "Gaétan", "Rémi", "Jean-François", "Jean-Guy", "Luc",
    "Marc-André", "Simon", "Olivier", "Félix", "Zacharie", "Noé", "Émile", "Léon", "Théo", "Réjean",
    "Yvon", "Clément", "Hervé", "Gérald", "Ghislain", "Jean-Sébastien", "Alexandre",
];

/// First names of tenants born elsewhere (Haiti, the Maghreb, West Africa, Vietnam, Latin America).
#[rustfmt::skip]
pub const FIRST_WORLD: &[&str] = &[
    "Mohamed", "Ahmed", "Karim", "Youssef", "Fatima", "Aïcha", "Mariam", "Nadia", "Samira",
    "Yasmine", "Minh", "Linh", "Thi Hoa", "Wei", "Mei", "Carlos", "José", "Sofía", "María", "Lucía",
    "Jean-Robert", "Wilner", "Marie-Carmelle", "Guerda", "Mamadou", "Ibrahim", "Aminata",
    "Fatoumata", "Rachid", "Leïla", "Inès", "Omar",
];

/// First names of English-speaking tenants.
#[rustfmt::skip]
pub const FIRST_EN: &[&str] = &[
    "John", "Mary", "Patricia", "Robert", "Linda", "James", "Susan", "William", "Margaret",
    "David", "Karen", "Sean", "Kathleen", "Brian",
];

/// French-Canadian family names, the most common first (Tremblay, Gagnon, Roy, Côté…).
#[rustfmt::skip]
pub const LAST_QC: &[&str] = &[
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin",
    "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette",
    "Girard", "Simard", "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier",
    "Lapointe", "Leclerc", "Lefebvre", "Poulin", "Thibault", "St-Pierre", "Nadeau", "Martin",
    "Landry", "Martel", "Bédard", "Grenier", "Lessard", "Bernier", "Richard", "Michaud", "Hébert",
    "Desjardins", "Couture", "Turcotte", "Lachance", "Parent", "Blais", "Gosselin", "Savard",
    "Proulx", "Beaudoin", "Demers", "Perreault", "Boudreau", "Lemieux", "Cyr", "Perron", "Dufour",
    "Dion", "Mercier", "Bolduc", "Bérubé", "Boivin", "Langlois", "Ménard", "Gingras", "Carrier",
    "Beauchamp", "Chabot", "Pépin", "Fréchette", "Lévêque", "Théberge", "Brisson", "Séguin",
    "Thériault", "Côté-Lévesque",
];

/// Family names of tenants born elsewhere.
#[rustfmt::skip]
pub const LAST_WORLD: &[&str] = &[
    "Nguyen", "Tran", "Pham", "Haddad", "Khoury", "Benali", "Bouchareb", "Diallo", "Traoré", "Koné",
    "Joseph", "Jean-Baptiste", "Pierre-Louis", "Saint-Fleur", "Désir", "Rodríguez", "García",
    "Hernández", "Martínez", "Chen", "Wang", "Li", "Singh", "Kaur", "Rossi", "Russo", "Da Silva",
    "Santos", "Mohamed", "Ahmed", "Yılmaz", "Papadopoulos", "Kowalski", "Ben Salah", "El Amrani",
];

/// Family names of English-speaking tenants.
#[rustfmt::skip]
pub const LAST_EN: &[&str] = &[
    "Smith", "Brown", "Wilson", "Murphy", "Johnston", "Campbell", "Kelly", "O'Neill", "Taylor",
    "MacDonald", "Stewart", "Young",
];

/// Streets of Montréal (with their generic: rue, avenue, boulevard, chemin).
#[rustfmt::skip]
pub const STREETS_MONTREAL: &[&str] = &[
    "rue Sainte-Catherine Est", "rue de la Montagne", "rue Saint-Hubert", "boulevard Saint-Michel",
    "boulevard Pie-IX", "rue Ontario Est", "avenue du Parc", "rue Jean-Talon Est",
    "boulevard Rosemont", "rue Beaubien Est", "rue Hochelaga", "rue Notre-Dame Ouest",
    "avenue Papineau", "rue Fleury Est", "boulevard Gouin Ouest", "rue Sherbrooke Est",
    "rue Wellington", "avenue Christophe-Colomb", "avenue De Lorimier", "rue Saint-Denis",
    "boulevard Saint-Laurent", "rue Masson", "avenue Van Horne", "chemin de la Côte-des-Neiges",
    "rue Jarry Est", "boulevard Henri-Bourassa Est", "rue Bélanger", "rue Villeray",
    "rue Saint-Zotique Est", "rue Sainte-Marie", "rue Parthenais", "rue Frontenac", "rue Dickson",
    "rue Lacordaire", "boulevard Langelier", "rue Viau", "avenue Bourbonnière", "rue Ontario Ouest",
    "rue de Bleury", "rue Saint-Urbain", "avenue Jeanne-Mance", "rue Rachel Est",
    "avenue du Mont-Royal Est", "rue Laurier Ouest", "boulevard de Maisonneuve Est",
    "rue Saint-Jacques", "rue Centre", "rue Charlevoix", "boulevard Décarie", "avenue Victoria",
    "rue Jean-Brillant", "boulevard LaSalle", "rue Notre-Dame Est", "boulevard Lacordaire",
    "rue Sauvé Est", "boulevard Crémazie Est",
];

/// Streets found in most Quebec towns.
#[rustfmt::skip]
pub const STREETS_TOWN: &[&str] = &[
    "rue Principale", "rue Notre-Dame", "rue Saint-Jean", "rue Saint-Georges", "rue de l'Église",
    "boulevard Laurier", "rue des Érables", "avenue du Parc", "rue Champlain", "rue des Pins",
    "rue Dufferin", "rue Wellington", "rue King", "rue Saint-Louis", "rue Racine",
    "boulevard Sainte-Anne", "rue du Couvent", "rue Frontenac", "avenue Royale", "rue Saint-Joseph",
    "rue Laval", "boulevard René-Lévesque", "rue Marguerite-Bourgeoys", "rue du Moulin",
    "rue des Bouleaux", "rue Papineau", "rue Jacques-Cartier", "boulevard Taschereau",
    "rue Sherbrooke", "rue de la Fabrique", "rue Saint-Pierre", "rue du Pont", "rue Gamelin",
    "rue Saint-Vallier", "rue des Forges", "rue Lafontaine",
];

/// First words of building names.
#[rustfmt::skip]
pub const BUILDING_KINDS: &[&str] = &[
    "Habitations", "Résidence", "Place", "Les Jardins", "Domaine", "Pavillon", "Manoir",
    "Les Tours", "Cité", "Terrasse", "Villa", "Les Appartements", "Maison",
];

/// What building names are named after.
#[rustfmt::skip]
pub const BUILDING_ROOTS: &[&str] = &[
    "Saint-Michel", "Jean-Talon", "Sainte-Catherine", "Marguerite-Bourgeoys", "Louis-Riel",
    "Jeanne-Mance", "Papineau", "Frontenac", "Champlain", "Hochelaga", "Maisonneuve", "Rosemont",
    "Lionel-Groulx", "Émile-Nelligan", "Gabrielle-Roy", "Thérèse-Casgrain", "Marie-Victorin",
    "Félix-Leclerc", "Henri-Bourassa", "Georges-Vanier", "Laurier", "De Lorimier", "Fullum",
    "Beaubien", "Saint-Hubert", "Saint-Denis", "Christophe-Colomb", "Sainte-Thérèse", "Notre-Dame",
    "Jacques-Cartier", "Saint-Sulpice", "Bellechasse", "Iberville", "Marie-Rollet", "Hélène-Boullé",
    "Mgr-Bourget", "Cartier", "Dollard", "Ahuntsic", "Villeray", "Cartierville",
    "Pointe-aux-Trembles", "Rivière-des-Prairies", "Saint-Léonard", "Mercier", "Tétreaultville",
    "Anjou", "Verdun", "LaSalle", "Lachine", "Côte-des-Neiges", "Petite-Patrie", "Montcalm",
    "Wolfe", "Parthenais", "Lartigue", "Viger", "Berri", "Rachel", "Marquette", "Chambly", "Masson",
    "Fleury", "Gouin", "Sauvé", "Crémazie", "Jarry", "Bélanger", "Saint-Zotique", "Fabre",
    "Garnier", "Boyer", "Chabot", "Marie-Anne", "Ontario", "Sherbrooke", "Langelier", "Lacordaire",
    "Viau", "Pie-IX", "Dickson", "Bourbonnière", "Les Érables", "des Pins", "des Ormes",
    "des Lilas", "des Tilleuls", "du Fleuve", "des Bâtisseurs", "de l'Harmonie", "du Parc",
    "des Pionniers", "de la Rivière", "des Cèdres", "des Saules", "du Soleil", "de l'Amitié",
    "des Trembles", "Bon-Accueil", "Belle-Rive", "Jolicoeur", "Sainte-Cécile",
    "Saint-Vincent-de-Paul", "Madeleine-Parent", "Idola-Saint-Jean", "Simonne-Monet-Chartrand",
    "Léa-Roback", "Marcelle-Ferron",
];

/// Names of second community rooms in large buildings.
#[rustfmt::skip]
pub const EXTRA_ROOMS: &[&str] = &[
    "Salle d'activités", "Cuisine collective", "Bibliothèque", "Salle polyvalente",
];

/// Short journal notes, by sub-activity code (empty notes are common too).
pub fn notes(sub_activity: &str) -> &'static [&'static str] {
    match sub_activity {
        "accompagnement_services" => &[
            "Accompagnement au service de la location pour une demande de transfert",
            "Suivi d'une demande d'entretien avec le contremaître",
            "Rencontre avec la sécurité au sujet d'un bris de porte",
        ],
        "intermediaire_residents" => &[
            "Médiation entre des résidents et l'entretien au sujet du bruit",
            "Transmission des préoccupations du comité à la direction",
            "Porte-à-porte pour expliquer les travaux de l'ascenseur",
        ],
        "accueil_evaluation" => &[
            "Première rencontre, évaluation des besoins",
            "Accueil d'une nouvelle locataire",
            "Évaluation à domicile",
        ],
        "orientation_accompagnement" => &[
            "Référence au CLSC pour du soutien à domicile",
            "Accompagnement à la banque alimentaire",
            "Orientation vers l'aide juridique",
        ],
        "education_sensibilisation" => &[
            "Information sur la prévention des punaises de lit",
            "Sensibilisation au budget et aux droits des locataires",
        ],
        "milieu_de_vie" => &[
            "Corvée de nettoyage de la cour",
            "Jardin communautaire : préparation des bacs",
            "Fête des voisins dans la salle communautaire",
        ],
        "vie_associative" => &[
            "Soutien au conseil d'administration de l'association",
            "Préparation de l'assemblée générale annuelle",
            "Rencontre du comité consultatif des résidents",
        ],
        "ateliers_groupe" => &[
            "Café-rencontre",
            "Cuisine collective",
            "Atelier sur le budget",
            "Séance d'information sur la sécurité à domicile",
        ],
        "projets_collectifs" => &[
            "Projet de marché de quartier avec la table de concertation",
            "Rencontre avec l'organisme communautaire partenaire",
        ],
        "tables_concertation" => &[
            "Table de quartier",
            "Table de concertation des aînés",
            "Comité logement du quartier",
        ],
        _ => &[],
    }
}
