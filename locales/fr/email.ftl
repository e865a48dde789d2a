## Courriels : parties communes
email-footer = Ce message vous est envoyé par { $office } au moyen de Passerelle. Pour y répondre, répondez simplement à ce courriel.
email-test-subject = Message d'essai de { $office }
email-test-body = Ce message confirme que l'envoi des courriels de Passerelle fonctionne.
