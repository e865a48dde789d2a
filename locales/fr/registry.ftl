# Registre : office, directions, salles communautaires, logements — français
office-title = Administration de l'office
office-not-given = non indiqué
office-contact-email = Courriel de contact
office-contact-phone = Téléphone
office-manage = Gérer l'office
office-edit = Modifier les coordonnées de l'office
office-departments-desc = les directions qui reçoivent les demandes des locataires.
office-users = Comptes et rôles
office-users-desc = les personnes qui utilisent Passerelle et ce qu'elles peuvent faire.
office-buildings-desc = immeubles, salles communautaires et logements.
office-import-desc = immeubles, logements et locataires à partir d'un tableur.
dwellings-export = Exporter tous les logements (CSV)

departments-title = Directions
departments-intro = Les demandes des locataires sont acheminées par courriel à la direction concernée.
departments-none = Aucune direction inscrite.
department-new-title = Ajouter une direction
department-edit-title = Modifier la direction
department-name = Nom de la direction
department-email = Courriel de la direction
department-delete = Supprimer cette direction
err-department-in-use = Des comptes sont rattachés à cette direction : rattachez-les à une autre direction avant de la supprimer.

room-edit-title = Modifier la salle
room-name = Nom de la salle
room-capacity = Capacité (nombre de places, de 1 à 1000)
room-accessible-label = Accessible aux personnes à mobilité réduite
room-delete = Supprimer cette salle

dwelling-edit-title = Modifier le logement
dwelling-delete = Supprimer ce logement
err-dwelling-number-taken = Ce numéro de logement existe déjà dans cet immeuble.
err-dwelling-has-tenants = Des locataires (actuels ou anciens) sont inscrits à ce logement : il ne peut pas être supprimé.

# Ce qui fait encore référence à un dossier qu'on veut supprimer (« Ce bâtiment a encore 3 logements et 2 demandes »).
err-building-referenced = Cet immeuble a encore { $what } : retirez-les ou déplacez-les d'abord.
err-room-referenced = Cette salle sert encore à { $what } : changez de salle d'abord.
err-dwelling-referenced = Des dossiers sont inscrits à ce logement ({ $what }) : il ne peut pas être supprimé.
ref-dwellings = { $count ->
    [one] { $count } logement
   *[other] { $count } logements
}
ref-requests = { $count ->
    [one] { $count } demande
   *[other] { $count } demandes
}
ref-journal-entries = { $count ->
    [one] { $count } entrée du journal de pratique
   *[other] { $count } entrées du journal de pratique
}
ref-workshops = { $count ->
    [one] { $count } atelier
   *[other] { $count } ateliers
}
ref-workshop-sessions = { $count ->
    [one] { $count } séance d'atelier
   *[other] { $count } séances d'atelier
}
ref-tenants = { $count ->
    [one] { $count } locataire (actuel ou ancien)
   *[other] { $count } locataires (actuels ou anciens)
}
