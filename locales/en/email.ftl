## Emails: shared parts
email-footer = This message is sent to you by { $office } through Passerelle. To answer it, simply reply to this email.
email-test-subject = Test message from { $office }
email-test-body = This message confirms that Passerelle's email delivery works.

## Outbox page
outbox-title = Outbox
office-outbox-desc = emails sent, waiting or failed
outbox-intro = Every email goes through this outbox. When the mail server is unavailable, messages wait and are retried at growing intervals; after several failures they are marked failed and can be retried from here.
outbox-filter-label = Filter by status
outbox-all = All
outbox-status = Status
outbox-status-pending = Waiting
outbox-status-sending = Sending
outbox-status-sent = Sent
outbox-status-failed = Failed
outbox-created = Created
outbox-to = Recipient
outbox-reply-to = Reply to
outbox-subject = Subject
outbox-kind = Template
outbox-attempts = Attempts
outbox-sent-at = Sent
outbox-next-attempt = Next attempt
outbox-last-error = Last error
outbox-body = Message text
outbox-none = No messages.
outbox-retry = Retry sending
outbox-send-test = Send me a test message
outbox-message-title = Message
outbox-not-failed = Only a failed message can be retried.
flash-outbox-retried = The message will be sent again shortly.
flash-outbox-test-queued = The test message is in the outbox.
