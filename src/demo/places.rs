//! The offices of each scale: their names, regions, towns and sizes (DOMAIN.md section 9).

use rand::rngs::StdRng;
use rand::Rng;

/// One office to generate.
#[derive(Debug, Clone)]
pub struct OfficePlan {
    pub name: String,
    pub region: &'static str,
    /// The towns its buildings stand in.
    pub towns: Vec<&'static str>,
    /// The first two characters of its postal codes (forward sortation areas), e.g. "H2", "J7".
    pub fsa: Vec<&'static str>,
    pub dwellings: u32,
    pub montreal: bool,
}

/// Montréal's office: 20,810 HLM dwellings in 833 buildings.
const MONTREAL_DWELLINGS: u32 = 20_810;
/// The whole network: about 74,000 HLM dwellings.
const NETWORK_DWELLINGS: u32 = 74_000;
const NETWORK_OFFICES: usize = 100;

/// Offices that serve a region rather than one town, as the mergers of 2018-2020 made them.
const REGIONAL: &[(&str, &str, &[&str], &str)] = &[
    (
        "Office d'habitation des Laurentides",
        "Laurentides",
        &[
            "Saint-Jérôme",
            "Sainte-Agathe-des-Monts",
            "Mont-Laurier",
            "Sainte-Adèle",
        ],
        "J7",
    ),
    (
        "Office régional d'habitation de la Haute-Yamaska–Rouville",
        "Montérégie",
        &["Granby", "Marieville", "Waterloo", "Saint-Césaire"],
        "J2",
    ),
    (
        "Office d'habitation du Granit",
        "Estrie",
        &["Lac-Mégantic", "Lambton", "Stornoway"],
        "G6",
    ),
    (
        "Office d'habitation de la Matawinie",
        "Lanaudière",
        &["Rawdon", "Saint-Donat", "Saint-Michel-des-Saints"],
        "J0",
    ),
    (
        "Office régional d'habitation du Kamouraska",
        "Bas-Saint-Laurent",
        &["La Pocatière", "Saint-Pascal", "Kamouraska"],
        "G0",
    ),
    (
        "Office d'habitation de la Côte-de-Gaspé",
        "Gaspésie–Îles-de-la-Madeleine",
        &["Gaspé", "Murdochville", "Grande-Vallée"],
        "G4",
    ),
];

/// Towns with an office of their own: (town, region, postal prefix), largest first.
const TOWNS: &[(&str, &str, &str)] = &[
    ("Québec", "Capitale-Nationale", "G1"),
    ("Laval", "Laval", "H7"),
    ("Longueuil", "Montérégie", "J4"),
    ("Gatineau", "Outaouais", "J8"),
    ("Saguenay", "Saguenay–Lac-Saint-Jean", "G7"),
    ("Sherbrooke", "Estrie", "J1"),
    ("Trois-Rivières", "Mauricie", "G9"),
    ("Lévis", "Chaudière-Appalaches", "G6"),
    ("Terrebonne", "Lanaudière", "J6"),
    ("Saint-Jean-sur-Richelieu", "Montérégie", "J3"),
    ("Repentigny", "Lanaudière", "J6"),
    ("Drummondville", "Centre-du-Québec", "J2"),
    ("Saint-Hyacinthe", "Montérégie", "J2"),
    ("Shawinigan", "Mauricie", "G9"),
    ("Rimouski", "Bas-Saint-Laurent", "G5"),
    ("Châteauguay", "Montérégie", "J6"),
    ("Victoriaville", "Centre-du-Québec", "G6"),
    ("Rouyn-Noranda", "Abitibi-Témiscamingue", "J9"),
    ("Salaberry-de-Valleyfield", "Montérégie", "J6"),
    ("Sorel-Tracy", "Montérégie", "J3"),
    ("Alma", "Saguenay–Lac-Saint-Jean", "G8"),
    ("Val-d'Or", "Abitibi-Témiscamingue", "J9"),
    ("Baie-Comeau", "Côte-Nord", "G4"),
    ("Sept-Îles", "Côte-Nord", "G4"),
    ("Thetford Mines", "Chaudière-Appalaches", "G6"),
    ("Joliette", "Lanaudière", "J6"),
    ("Magog", "Estrie", "J1"),
    ("Rivière-du-Loup", "Bas-Saint-Laurent", "G5"),
    ("Saint-Georges", "Chaudière-Appalaches", "G5"),
    ("Matane", "Bas-Saint-Laurent", "G4"),
    ("Amos", "Abitibi-Témiscamingue", "J9"),
    ("Cowansville", "Estrie", "J2"),
    ("Lachute", "Laurentides", "J8"),
    ("Sainte-Thérèse", "Laurentides", "J7"),
    ("Mirabel", "Laurentides", "J7"),
    ("Saint-Eustache", "Laurentides", "J7"),
    ("Boucherville", "Montérégie", "J4"),
    ("Chambly", "Montérégie", "J3"),
    ("Vaudreuil-Dorion", "Montérégie", "J7"),
    ("Beloeil", "Montérégie", "J3"),
    ("La Prairie", "Montérégie", "J5"),
    ("Sainte-Julie", "Montérégie", "J3"),
    ("Mascouche", "Lanaudière", "J7"),
    ("Saint-Constant", "Montérégie", "J5"),
    ("Dolbeau-Mistassini", "Saguenay–Lac-Saint-Jean", "G8"),
    ("Roberval", "Saguenay–Lac-Saint-Jean", "G8"),
    ("La Tuque", "Mauricie", "G9"),
    (
        "Sainte-Anne-des-Monts",
        "Gaspésie–Îles-de-la-Madeleine",
        "G4",
    ),
    ("Carleton-sur-Mer", "Gaspésie–Îles-de-la-Madeleine", "G0"),
    ("New Richmond", "Gaspésie–Îles-de-la-Madeleine", "G0"),
    ("Amqui", "Bas-Saint-Laurent", "G5"),
    ("Montmagny", "Chaudière-Appalaches", "G5"),
    ("Baie-Saint-Paul", "Capitale-Nationale", "G3"),
    ("La Malbaie", "Capitale-Nationale", "G5"),
    ("Forestville", "Côte-Nord", "G0"),
    ("Chibougamau", "Nord-du-Québec", "G8"),
    ("Ville-Marie", "Abitibi-Témiscamingue", "J9"),
    ("La Sarre", "Abitibi-Témiscamingue", "J9"),
    ("Maniwaki", "Outaouais", "J9"),
    ("Coaticook", "Estrie", "J1"),
    ("Val-des-Sources", "Estrie", "J1"),
    ("Windsor", "Estrie", "J1"),
    ("Acton Vale", "Montérégie", "J0"),
    ("Farnham", "Montérégie", "J2"),
    ("Bromont", "Estrie", "J2"),
    ("Plessisville", "Centre-du-Québec", "G6"),
    ("Princeville", "Centre-du-Québec", "G6"),
    ("Nicolet", "Centre-du-Québec", "J3"),
    ("Bécancour", "Centre-du-Québec", "G9"),
    ("Louiseville", "Mauricie", "J5"),
    ("Berthierville", "Lanaudière", "J0"),
    ("Mont-Tremblant", "Laurentides", "J8"),
    ("Prévost", "Laurentides", "J0"),
    ("Huntingdon", "Montérégie", "J0"),
    ("Sainte-Marie", "Chaudière-Appalaches", "G6"),
    ("Beauceville", "Chaudière-Appalaches", "G5"),
    ("Saint-Raymond", "Capitale-Nationale", "G3"),
    ("Donnacona", "Capitale-Nationale", "G3"),
    ("Saint-Félicien", "Saguenay–Lac-Saint-Jean", "G8"),
    ("Fermont", "Côte-Nord", "G0"),
    ("Havre-Saint-Pierre", "Côte-Nord", "G0"),
    (
        "Les Îles-de-la-Madeleine",
        "Gaspésie–Îles-de-la-Madeleine",
        "G4",
    ),
    ("Témiscouata-sur-le-Lac", "Bas-Saint-Laurent", "G0"),
    ("Trois-Pistoles", "Bas-Saint-Laurent", "G0"),
    ("Mont-Joli", "Bas-Saint-Laurent", "G5"),
    ("Contrecoeur", "Montérégie", "J0"),
    ("Varennes", "Montérégie", "J3"),
    ("Saint-Rémi", "Montérégie", "J0"),
    ("Napierville", "Montérégie", "J0"),
    ("Sutton", "Estrie", "J0"),
    ("Stanstead", "Estrie", "J0"),
    ("East Angus", "Estrie", "J0"),
    ("Richmond", "Estrie", "J0"),
];

/// Dwellings of the largest towns' offices, in the order of `TOWNS`; the others share the rest.
const TOWN_SIZES: &[u32] = &[
    7_400, 2_900, 2_600, 2_500, 1_700, 1_600, 1_500, 900, 800, 700, 650, 600, 600,
];

/// "Office municipal d'habitation de Laval", "… d'Amos", "… des Îles-de-la-Madeleine".
fn office_name(town: &str) -> String {
    let of = if let Some(rest) = town.strip_prefix("Les ") {
        format!("des {rest}")
    } else if town.starts_with(['A', 'E', 'I', 'O', 'U', 'É', 'Î']) {
        format!("d'{town}")
    } else {
        format!("de {town}")
    };
    format!("Office municipal d'habitation {of}")
}

fn montreal() -> OfficePlan {
    OfficePlan {
        name: "Office municipal d'habitation de Montréal".into(),
        region: "Montréal",
        towns: vec!["Montréal"],
        fsa: vec!["H1", "H2", "H3", "H4", "H8", "H9"],
        dwellings: MONTREAL_DWELLINGS,
        montreal: true,
    }
}

fn regional(i: usize, dwellings: u32) -> OfficePlan {
    let (name, region, towns, fsa) = REGIONAL[i];
    OfficePlan {
        name: name.into(),
        region,
        towns: towns.to_vec(),
        fsa: vec![fsa],
        dwellings,
        montreal: false,
    }
}

/// small: one regional office of about 300 dwellings.
pub fn small() -> Vec<OfficePlan> {
    vec![regional(0, 300)]
}

/// large: Montréal's office alone.
pub fn large() -> Vec<OfficePlan> {
    vec![montreal()]
}

/// network: Montréal, the regional offices and enough towns to make 100 offices and about 74,000
/// dwellings; past the largest towns, sizes are drawn between 20 and 700 and scaled to the total.
pub fn network(rng: &mut StdRng) -> Vec<OfficePlan> {
    let mut plans = vec![montreal()];
    for i in 0..REGIONAL.len() {
        plans.push(regional(i, 0));
    }
    for &(town, region, fsa) in TOWNS.iter().take(NETWORK_OFFICES - plans.len()) {
        plans.push(OfficePlan {
            name: office_name(town),
            region,
            towns: vec![town],
            fsa: vec![fsa],
            dwellings: 0,
            montreal: false,
        });
    }
    let mut fixed = MONTREAL_DWELLINGS;
    for (plan, size) in plans[1 + REGIONAL.len()..].iter_mut().zip(TOWN_SIZES) {
        plan.dwellings = *size;
        fixed += size;
    }
    let free: Vec<usize> = (0..plans.len())
        .filter(|&i| plans[i].dwellings == 0)
        .collect();
    let weights: Vec<f64> = free
        .iter()
        .map(|_| rng.gen_range(20.0_f64..700.0))
        .collect();
    let total_weight: f64 = weights.iter().sum();
    let remaining = f64::from(NETWORK_DWELLINGS - fixed);
    for (&i, w) in free.iter().zip(&weights) {
        plans[i].dwellings = ((w / total_weight * remaining).round() as u32).max(20);
    }
    plans
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn the_network_has_a_hundred_offices_and_about_74000_dwellings() {
        let plans = network(&mut StdRng::seed_from_u64(1));
        assert_eq!(plans.len(), 100);
        let total: u32 = plans.iter().map(|p| p.dwellings).sum();
        assert!((73_500..=74_500).contains(&total), "{total}");
        assert!(plans.iter().all(|p| p.dwellings >= 20));
    }

    #[test]
    fn office_names_elide_before_vowels() {
        assert_eq!(office_name("Amos"), "Office municipal d'habitation d'Amos");
        assert_eq!(
            office_name("Les Îles-de-la-Madeleine"),
            "Office municipal d'habitation des Îles-de-la-Madeleine"
        );
        assert_eq!(
            office_name("Laval"),
            "Office municipal d'habitation de Laval"
        );
    }
}
