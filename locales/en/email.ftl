## Emails: shared parts
email-footer = This message is sent to you by { $office } through Passerelle. To answer it, simply reply to this email.
email-test-subject = Test message from { $office }
email-test-body = This message confirms that Passerelle's email delivery works.
