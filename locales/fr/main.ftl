# Chrome, errors, accounts — français (langue par défaut)
skip-to-content = Aller au contenu
switch-language = English
logout = Se déconnecter
nav-label = Navigation principale
nav-home = Accueil
nav-buildings = Immeubles
nav-tenants = Locataires
nav-journal = Journal de pratique
nav-admin = Administration
footer-text = Passerelle — soutien communautaire en HLM
back-home = Retour à l'accueil
error-title = Quelque chose ne va pas
pager-label = Pagination
pager-prev = Page précédente
pager-next = Page suivante
pager-status = Page { $page } sur { $pages } ({ $total ->
    [one] { $total } résultat
   *[other] { $total } résultats
})
results-count = { $count ->
    [one] { $count } résultat
   *[other] { $count } résultats
}
no-results = Aucun résultat.
search = Rechercher
export-csv = Exporter en CSV
save = Enregistrer
edit = Modifier
delete = Supprimer
actions = Actions
yes = Oui
no = Non
form-has-errors = Le formulaire contient des erreurs : corrigez les champs signalés.
flash-saved = Modifications enregistrées.
flash-deleted = Supprimé.
flash-setup-done = Bienvenue ! Votre office et votre compte d'administration sont créés.
flash-password-changed = Mot de passe modifié. Vos autres sessions sont fermées.
flash-token-revoked = Jeton révoqué.

# Erreurs
err-not-found = Introuvable : cette page ou cette fiche n'existe pas, ou vous n'y avez pas accès.
err-forbidden = Votre rôle ne permet pas cette action.
err-unauthenticated = Connexion requise.
err-csrf = Le formulaire a expiré. Rechargez la page et réessayez.
err-rate-limited = Trop de tentatives. Attendez une minute avant de réessayer.
err-validation = Certains champs sont invalides.
err-bad-json = Le corps de la requête n'est pas un JSON valide pour cette opération.
err-json-content-type = Le corps de la requête doit être de type application/json.
err-bad-form = Le formulaire envoyé est illisible.
err-bad-query = Les paramètres de la requête sont invalides.
err-bad-request = Requête invalide.
err-method = Méthode non permise.
err-too-large-payload = L'envoi est trop volumineux.
err-internal = Erreur interne. L'équipe technique en est informée ; réessayez plus tard.
err-required = Ce champ est obligatoire.
err-too-long = Ce champ est trop long ({ $limit } caractères au plus).
err-too-small = La valeur doit être d'au moins { $limit }.
err-too-large = La valeur doit être d'au plus { $limit }.
err-not-a-number = Entrez un nombre entier.
err-still-referenced = D’autres dossiers y font encore référence : retirez-les ou déplacez-les d’abord.
err-nul-character = Ce champ contient un caractère interdit (NUL).
err-invalid-date = Entrez une date valide (AAAA-MM-JJ).
err-invalid-email = Entrez une adresse courriel valide.
err-invalid-choice = Choisissez une des valeurs proposées.
err-unknown-reference = Cette fiche n'existe pas dans votre office.
err-email-taken = Un compte utilise déjà ce courriel.
err-password-short = Le mot de passe doit compter au moins { $limit } caractères.
err-password-mismatch = Les deux mots de passe ne concordent pas.
err-password-wrong = Le mot de passe actuel est incorrect.
err-login-failed = Courriel ou mot de passe incorrect.
err-postal-code = Entrez un code postal canadien (ex. H2X 1Y4).
err-building-not-empty = Cet immeuble a encore des logements : supprimez-les ou déplacez-les d'abord.

# Comptes
setup-title = Mise en service de Passerelle
setup-intro = Aucun compte n'existe encore. Créez votre office d'habitation et le premier compte d'administration.
setup-office = Office d'habitation
setup-admin = Compte d'administration
setup-submit = Créer l'office et le compte
office-name = Nom de l'office
office-region = Région
user-name = Nom
user-email = Courriel
password = Mot de passe
password-new = Nouveau mot de passe (10 caractères au moins)
password-confirm = Confirmer le mot de passe
password-change-ends-sessions = Changer le mot de passe ferme vos autres sessions ouvertes, sur tous vos appareils.
password-revoke-tokens = Révoquer aussi mes jetons d’API (les intégrations devront en recevoir un nouveau)
password-current = Mot de passe actuel
password-change = Changer le mot de passe
login-title = Connexion
login-submit = Se connecter
account-title = Mon compte
account-signed-in-as = Connecté en tant que { $email }.
tokens-title = Jetons d'accès à l'API
tokens-intro = Un jeton permet à un autre logiciel d'utiliser l'API en votre nom. Il n'est affiché qu'une fois.
tokens-created = Voici votre nouveau jeton. Copiez-le maintenant : il ne sera plus affiché.
tokens-name = Nom du jeton
tokens-created-at = Créé le
tokens-last-used = Dernière utilisation
tokens-revoke = Révoquer
tokens-none = Aucun jeton actif.
tokens-create = Créer un jeton

# Accueil
home-title = Tableau de bord
home-buildings = immeubles
home-dwellings = logements
home-tenants = locataires
home-journal-month = activités au journal ce mois-ci
home-poles = Les quatre pôles de la pratique
pole-1 = Service à la clientèle
pole-1-desc = accompagner les locataires auprès des services de l'office.
pole-2 = Action aux personnes
pole-2-desc = accueil, évaluation, orientation et accompagnement individuels.
pole-3 = Approche communautaire
pole-3-desc = milieu de vie, vie associative et ateliers de groupe.
pole-4 = Partenariat intersectoriel
pole-4-desc = projets collectifs et tables de concertation.
journal-new = Consigner une activité

# Rôles
role-admin = Gestionnaire
role-isc = Intervenante sociocommunautaire
role-staff = Personnel de l'office
role-committee = Membre de comité
role-tenant = Locataire

# Sous-activités des quatre pôles
subactivity-accompagnement_services = Accompagnement des locataires auprès des services de l'office
subactivity-intermediaire_residents = Intermédiaire entre les résidents et les services
subactivity-accueil_evaluation = Accueil et évaluation
subactivity-orientation_accompagnement = Orientation, référence et accompagnement
subactivity-education_sensibilisation = Éducation et sensibilisation
subactivity-milieu_de_vie = Amélioration du milieu de vie
subactivity-vie_associative = Soutien à la vie associative
subactivity-ateliers_groupe = Animation d'ateliers de groupe
subactivity-projets_collectifs = Projets collectifs avec des ressources externes
subactivity-tables_concertation = Tables de concertation

# Dates
date-format = { $day } { $month } { $year }
datetime-format = { $date } à { $hour } h { $minute }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

# The last "and" of a list ("3 logements, 2 demandes et 1 atelier").
list-and = et
