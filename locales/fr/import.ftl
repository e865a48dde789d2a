# Importation CSV — français
import-preview-title = Aperçu de l'importation
import-intro = Importez les immeubles, les logements ou les locataires de votre office à partir d'un fichier CSV enregistré par votre tableur. Un aperçu montre chaque ligne et ses erreurs avant que quoi que ce soit soit enregistré ; l'importation se fait au complet ou pas du tout.
import-kind = Type de données
import-kind-buildings = Immeubles
import-kind-dwellings = Logements
import-kind-tenants = Locataires
import-file = Fichier CSV
import-file-hint = Séparateur virgule ou point-virgule, encodage UTF-8 ou Windows-1252, 2 Mo au plus. La première ligne doit contenir les en-têtes des colonnes.
import-preview-submit = Voir l'aperçu
import-columns-title = Colonnes reconnues
import-columns-intro = Les en-têtes peuvent être en français ou en anglais ; les majuscules, les accents, les espaces et les traits de soulignement sont ignorés. Les autres colonnes sont laissées de côté. Les dates s'écrivent AAAA-MM-JJ ou JJ/MM/AAAA ; « adapté » vaut oui ou non ; la langue vaut fr, en ou autre. Un immeuble est désigné par son nom exact dans votre office. Le consentement des locataires n'est pas importé : il doit être consigné par une personne.
import-column = En-tête
import-column-other = Autre langue
import-column-required = Obligatoire
import-or-column = (ou { $column })
import-preview-kind = Type de données : { $kind }
import-ready = { $count ->
    [one] La ligne est valide. Confirmez pour l'importer.
   *[other] Les { $count } lignes sont valides. Confirmez pour les importer.
}
import-has-errors = { $count ->
    [one] Une ligne sur { $total } contient des erreurs. Rien n'a été importé : corrigez le fichier et envoyez-le de nouveau.
   *[other] { $count } lignes sur { $total } contiennent des erreurs. Rien n'a été importé : corrigez le fichier et envoyez-le de nouveau.
}
import-ignored-columns = Colonnes non reconnues, laissées de côté : { $columns }.
import-preview-caption = Lignes du fichier ({ $total } au total, { $errors } avec erreurs).
import-rows-hidden = { $count ->
    [one] Une ligne sans erreur n'est pas affichée.
   *[other] { $count } lignes sans erreur ne sont pas affichées.
}
import-row = Ligne
import-row-errors = Erreurs
import-row-ok = Aucune erreur
import-row-error = { $column } : { $message }
import-confirm = { $count ->
    [one] Importer la ligne
   *[other] Importer les { $count } lignes
}
import-choose-another = Choisir un autre fichier
import-done = { $count ->
    [one] { $count } ligne importée.
   *[other] { $count } lignes importées.
}

# Fichiers refusés
import-err-file = Le fichier ne peut pas être importé.
import-err-rows = Certaines lignes du fichier sont invalides ; rien n'a été importé.
import-err-no-kind = Choisissez le type de données à importer.
import-err-empty = Le fichier est vide, ou aucun fichier n'a été choisi.
import-err-not-text = Ce fichier n'est pas un fichier CSV (texte). Dans votre tableur, utilisez « Enregistrer sous » et choisissez le format CSV.
import-err-too-large = Le fichier dépasse 2 Mo. Divisez-le en plusieurs fichiers.
import-err-no-header = Aucune colonne n'est reconnue. La première ligne doit contenir les en-têtes des colonnes, par exemple : { $expected }.
import-err-duplicate-column = La colonne « { $column } » figure deux fois.
import-err-missing-columns = Colonnes obligatoires absentes : { $columns }.
import-err-no-rows = Le fichier ne contient aucune ligne de données sous les en-têtes.
import-err-malformed = Le fichier est illisible à la ligne { $row }.
import-err-conflict = Des données ont changé pendant l'importation ; rien n'a été importé. Réessayez.

# Lignes refusées
import-err-extra-cells = Cette ligne a plus de valeurs que d'en-têtes : une valeur contient peut-être le séparateur sans être entre guillemets.
import-err-duplicate-in-file = Déjà présent à la ligne { $row } du fichier.
import-err-building-exists = Un immeuble de ce nom existe déjà à cette adresse.
import-err-unknown-building = Aucun immeuble de votre office ne porte ce nom.
import-err-ambiguous-building = Plusieurs immeubles de votre office portent ce nom : indiquez plutôt la colonne immeuble_id.
import-err-dwelling-exists = Ce numéro de logement existe déjà dans cet immeuble.
import-err-unknown-dwelling = Ce logement n'existe pas dans cet immeuble.
import-err-tenant-exists = Cette personne habite déjà ce logement.
import-err-yes-no = Entrez oui ou non.
import-err-language = Entrez fr, en ou autre.
import-err-date = Entrez une date valide (AAAA-MM-JJ ou JJ/MM/AAAA).
import-preview-region = Aperçu du fichier (défilement horizontal possible)
import-err-rows-capped = Le fichier a { $count } erreurs : les { $shown } premières sont listées.
