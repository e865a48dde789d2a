## Courriels : parties communes
email-footer = Ce message vous est envoyé par { $office } au moyen de Passerelle. Pour y répondre, répondez simplement à ce courriel.
email-test-subject = Message d'essai de { $office }
email-test-body = Ce message confirme que l'envoi des courriels de Passerelle fonctionne.

## Page de la boîte d'envoi
outbox-title = Boîte d'envoi
office-outbox-desc = les courriels envoyés, en attente ou en échec
outbox-intro = Chaque courriel passe par cette boîte d'envoi. Si le serveur de courriel est indisponible, les messages attendent et sont réessayés, de plus en plus espacés ; après plusieurs échecs, ils sont marqués en échec et peuvent être relancés d'ici.
outbox-filter-label = Filtrer par état
outbox-all = Tous
outbox-status = État
outbox-status-pending = En attente
outbox-status-sending = En cours d'envoi
outbox-status-sent = Envoyé
outbox-status-failed = En échec
outbox-created = Créé le
outbox-to = Destinataire
outbox-reply-to = Réponse à
outbox-subject = Objet
outbox-kind = Modèle
outbox-attempts = Tentatives
outbox-sent-at = Envoyé le
outbox-next-attempt = Prochaine tentative
outbox-last-error = Dernière erreur
outbox-body = Texte du message
outbox-none = Aucun message.
outbox-retry = Réessayer l'envoi
outbox-send-test = M'envoyer un message d'essai
outbox-message-title = Message
outbox-not-failed = Seul un message en échec peut être relancé.
flash-outbox-retried = Le message sera renvoyé sous peu.
flash-outbox-test-queued = Le message d'essai est dans la boîte d'envoi.
