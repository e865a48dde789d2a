# Vie privée (Loi 25)
privacy-title = Protection des renseignements personnels
privacy-intro = Les obligations de l'office envers les renseignements personnels qu'il détient : qui les consulte, combien de temps ils sont gardés, les demandes des personnes et les incidents.
privacy-overdue = { $count ->
    [one] Une demande d'accès a dépassé son délai de 20 jours.
   *[other] { $count } demandes d'accès ont dépassé leur délai de 20 jours.
}
privacy-no-officer = Aucune personne responsable de la protection des renseignements personnels n'est nommée.
privacy-officer-desc = son nom et ses coordonnées, dans chaque courriel aux locataires et sur les pages publiques
privacy-access-log-desc = qui a consulté quels dossiers, quand et par quel moyen
privacy-access-requests-desc = les demandes des personnes sur leurs propres renseignements, et leur délai
privacy-incidents-desc = les incidents de confidentialité, leur évaluation et les avis donnés
privacy-retention-desc = combien de temps chaque type de dossier est gardé, et ce qui partira bientôt
privacy-back = Retour à la protection des renseignements personnels

# Courriels aux locataires
email-privacy-officer = Responsable de la protection des renseignements personnels : { $name }
email-withdraw-intro = Vous ne souhaitez plus recevoir nos courriels ? Retirez votre consentement en un clic :
email-withdraw-link = ne plus recevoir de courriels

# Consentement
consent-purpose-contact_email = Être joint par courriel
consent-purpose-contact_sms = Être joint par texto
consent-purpose-contact_phone = Être joint par téléphone
consent-purpose-referral = Transmission à un partenaire (référence)
consent-purpose-photos = Photos
consent-state-given = Donné
consent-state-withdrawn = Retiré
consent-state-expired = Expiré
consent-decision-given = Consentement donné
consent-decision-withdrawn = Consentement retiré
consent-how-in_person = En personne
consent-how-phone = Par téléphone
consent-how-form = Par formulaire
consent-how-email_link = Par le lien d'un courriel
consent-by-tenant = La personne elle-même
consent-choose = — Choisir un objet —
consent-page-title = Consentements et consultations
consent-back-to-tenant = Retour à la fiche du locataire
consent-current = Consentements en vigueur
consent-current-caption = Le dernier choix de la personne pour chaque objet
consent-purpose = Objet
consent-state = État
consent-since = Depuis
consent-expires-on = Expire le
consent-expires-hint = Facultatif : après cette date, le consentement ne vaut plus.
consent-none = Aucun consentement n'est enregistré.
consent-record = Enregistrer un choix de la personne
consent-partner = Partenaire
consent-partner-hint = Seulement pour une référence : l'organisme à qui les renseignements seront transmis.
consent-decision = Décision
consent-how = Exprimé
consent-note = Note
consent-record-button = Enregistrer le choix
consent-history = Historique
consent-history-caption = Chaque choix de la personne, le plus récent d'abord
consent-when = Moment
consent-by = Inscrit par
consent-flash-recorded = Le choix de la personne est enregistré.
err-consent-partner-only-referral = Un partenaire se nomme seulement pour une référence.
err-consent-expiry-only-given = Seul un consentement donné peut expirer.
err-consent-expiry-past = La date d'expiration doit être après aujourd'hui.

# Retrait en un clic
consent-withdraw-title = Retirer votre consentement
consent-withdraw-done-title = Consentement retiré
consent-withdraw-explain = Vous avez accepté ceci : « { $purpose } », auprès de { $office }. Appuyez sur le bouton pour retirer ce consentement. Vous n'avez pas besoin de vous connecter.
consent-withdraw-button = Retirer mon consentement
consent-withdraw-done = C'est fait : votre consentement « { $purpose } » est retiré.
consent-withdraw-already = Votre consentement « { $purpose } » était déjà retiré. Rien n'a changé.
consent-withdraw-after = { $office } n'utilisera plus ce moyen pour vous joindre. Pour changer d'avis, communiquez avec l'office.

# Consultations et journal des accès
consultations-title = Qui a consulté ce dossier
consultations-caption = Consultations du dossier, les plus récentes d'abord ({ $total } en tout)
consultations-when = Moment
consultations-who = Personne
consultations-role = Rôle
consultations-channel = Moyen
consultations-more = Seules les 50 plus récentes sont affichées sur { $total }. Le journal des accès les montre toutes.
consultations-none = Personne n'a encore consulté ce dossier.
access-channel-page = Page
access-channel-api = API
access-channel-csv = Exportation CSV
access-channel-archive = Archive de la personne
access-kind-tenant = Locataire
access-kind-request = Demande
access-kind-case = Dossier individuel
access-log-title = Journal des accès
access-log-filters = Filtrer le journal
access-log-person = Personne
access-log-kind = Type de dossier
access-log-record = Numéro du dossier
access-log-caption = Consultations de renseignements personnels, les plus récentes d'abord
access-log-count = Nombre
access-log-empty = Aucune consultation ne correspond à ces critères.
access-all-people = Toutes les personnes
access-all-kinds = Tous les types

# Conservation
retention-title = Conservation des renseignements
retention-intro = Chaque type de dossier est gardé le temps que son usage l'exige, puis détruit ou rendu anonyme une fois par jour. Les nombres restent pour les redditions de comptes.
retention-next-run = Prochain passage : { $at }
retention-caption = Durées de conservation et ce qui partira au prochain passage
retention-kind = Type de dossier
retention-period = Durée (jours)
retention-what = Ce qui est fait
retention-at-next-run = Au prochain passage
retention-done = Déjà traités
retention-forever = Sans limite
retention-kind-tenants = Locataires partis
retention-kind-requests = Demandes fermées et leurs photos
retention-kind-outbox = Courriels envoyés
retention-kind-access_log = Journal des accès
retention-what-tenants = noms, téléphone et courriel effacés après la date de départ; la fiche reste pour les nombres
retention-what-requests = description, commentaires et photos effacés après la fermeture; la demande reste pour les nombres
retention-what-outbox = contenu des messages effacé
retention-what-access_log = entrées supprimées

# Responsable de la protection des renseignements personnels
officer-title = Responsable de la protection des renseignements personnels
officer-legend = Responsable de la protection des renseignements personnels
officer-hint = Son nom et ses coordonnées paraissent dans chaque courriel aux locataires et sur les pages publiques de l'office.
officer-name = Nom
officer-email = Courriel
officer-phone = Téléphone
officer-public-title = Protection des renseignements personnels
err-officer-contact = Indiquez un courriel ou un téléphone pour joindre la personne responsable.

# Incidents de confidentialité
incidents-title = Registre des incidents de confidentialité
incidents-caption = Incidents, les plus récemment découverts d'abord
incidents-empty = Aucun incident n'est inscrit.
incidents-back = Retour au registre des incidents
incident-new-title = Inscrire un incident
incident-edit-title = Modifier l'incident
incident-summary = Ce qui s'est passé
incident-discovered-on = Découvert le
incident-occurred-on = Survenu le
incident-occurred-hint = Si on le sait.
incident-information = Renseignements touchés
incident-information-hint = Quels renseignements personnels, et de quelles personnes.
incident-people-affected = Nombre de personnes touchées
incident-risk = Risque de préjudice
incident-risk-hint = Un risque de préjudice sérieux oblige à aviser promptement la Commission et les personnes.
incident-risk-choose = — Évaluer le risque —
incident-risk-low = Faible
incident-risk-medium = Moyen
incident-risk-serious = Sérieux
incident-commission-notified-on = Commission d'accès à l'information avisée le
incident-people-notified-on = Personnes avisées le
incident-measures = Mesures prises
err-incident-future = La date ne peut pas être dans l'avenir.
err-incident-occurred-after-discovery = L'incident ne peut pas survenir après sa découverte.
err-incident-notified-before-discovery = L'avis ne peut pas précéder la découverte.

# Demandes d'accès
access-requests-title = Registre des demandes d'accès
access-requests-caption = Demandes des personnes sur leurs renseignements, les plus récentes d'abord
access-requests-empty = Aucune demande n'est inscrite.
access-requests-back = Retour au registre des demandes
access-request-new-title = Inscrire une demande
access-request-edit-title = Modifier la demande
access-request-received-on = Reçue le
access-request-deadline-hint = La réponse est due 20 jours après la réception.
access-request-requester = Demandeur
access-request-tenant = Locataire concerné (numéro)
access-request-tenant-hint = Facultatif : le numéro de la fiche du locataire, pour retrouver ses renseignements.
access-request-tenant-link = Ses renseignements
access-request-kind = Objet
access-request-ask-choose = — Choisir l'objet —
access-request-ask-access = Accès (copie des renseignements)
access-request-ask-rectification = Rectification
access-request-ask-deletion = Suppression ou désindexation
access-request-ask-portability = Portabilité
access-request-ask-other = Autre
access-request-details = Précisions
access-request-status = Statut
access-request-status-received = Reçue
access-request-status-in_progress = En traitement
access-request-status-answered = Répondue
access-request-status-refused = Refusée
access-request-answered-on = Répondue le
access-request-answered-hint = Exigée quand la demande est répondue ou refusée.
access-request-due-on = Échéance
access-request-overdue = En retard
err-access-request-not-answered = Une date de réponse va seulement avec une demande répondue ou refusée.
err-access-request-answer-date = La réponse doit suivre la réception et ne peut pas être dans l'avenir.

# Archive d'une personne
export-download = Télécharger tous ses renseignements (archive)
export-readme-intro = Voici tous les renseignements que Passerelle détient à votre sujet. Chaque dossier contient des fichiers JSON (complets) et CSV (pour un tableur).
export-part-registry = votre fiche : coordonnées, logement et immeuble
export-part-consents = vos consentements, donnés et retirés
export-part-requests = vos demandes, leurs étapes et la liste de leurs photos
export-part-workshops = vos inscriptions aux ateliers et vos présences
export-part-access_log = qui a consulté votre dossier
