# Privacy (Law 25)
privacy-title = Protection of personal information
privacy-intro = The office's duties towards the personal information it holds: who consults it, how long it is kept, people's requests and incidents.
privacy-overdue = { $count ->
    [one] One access request is past its 20-day deadline.
   *[other] { $count } access requests are past their 20-day deadline.
}
privacy-no-officer = No person in charge of the protection of personal information is named.
privacy-officer-desc = their name and contact, in every email to tenants and on public pages
privacy-access-log-desc = who consulted which files, when and how
privacy-access-requests-desc = people's requests about their own information, and their deadline
privacy-incidents-desc = confidentiality incidents, their assessment and the notices given
privacy-retention-desc = how long each kind of record is kept, and what goes soon
privacy-back = Back to the protection of personal information

# Emails to tenants
email-privacy-officer = Person in charge of the protection of personal information: { $name }
email-withdraw-intro = No longer want our emails? Withdraw your consent in one click:
email-withdraw-link = stop receiving emails

# Consent
consent-purpose-contact_email = Being reached by email
consent-purpose-contact_sms = Being reached by text message
consent-purpose-contact_phone = Being reached by phone
consent-purpose-referral = Sharing with a partner (referral)
consent-purpose-photos = Photos
consent-state-given = Given
consent-state-withdrawn = Withdrawn
consent-state-expired = Expired
consent-decision-given = Consent given
consent-decision-withdrawn = Consent withdrawn
consent-how-in_person = In person
consent-how-phone = By phone
consent-how-form = On a form
consent-how-email_link = Through an email link
consent-by-tenant = The person themselves
consent-choose = — Choose a purpose —
consent-page-title = Consents and consultations
consent-back-to-tenant = Back to the tenant's file
consent-current = Current consents
consent-current-caption = The person's latest choice for each purpose
consent-purpose = Purpose
consent-state = State
consent-since = Since
consent-expires-on = Expires on
consent-expires-hint = Optional: after this date, the consent no longer holds.
consent-none = No consent is recorded.
consent-record = Record a choice of the person
consent-partner = Partner
consent-partner-hint = Only for a referral: the organisation the information will be shared with.
consent-decision = Decision
consent-how = Expressed
consent-note = Note
consent-record-button = Record the choice
consent-history = History
consent-history-caption = Every choice of the person, latest first
consent-when = When
consent-by = Recorded by
consent-flash-recorded = The person's choice is recorded.
err-consent-partner-only-referral = A partner is named only for a referral.
err-consent-expiry-only-given = Only a consent given can expire.
err-consent-expiry-past = The expiry date must be after today.

# One-click withdrawal
consent-withdraw-title = Withdraw your consent
consent-withdraw-done-title = Consent withdrawn
consent-withdraw-explain = You agreed to this: "{ $purpose }", with { $office }. Press the button to withdraw this consent. You do not need to sign in.
consent-withdraw-button = Withdraw my consent
consent-withdraw-done = Done: your consent "{ $purpose }" is withdrawn.
consent-withdraw-already = Your consent "{ $purpose }" was already withdrawn. Nothing changed.
consent-withdraw-after = { $office } will no longer use this way to reach you. To change your mind, contact the office.

# Consultations and access log
consultations-title = Who consulted this file
consultations-caption = Consultations of the file, latest first ({ $total } in all)
consultations-when = When
consultations-who = Person
consultations-role = Role
consultations-channel = Way
consultations-more = Only the latest 50 of { $total } are shown. The access log shows them all.
consultations-none = Nobody has consulted this file yet.
access-channel-page = Page
access-channel-api = API
access-channel-csv = CSV export
access-channel-archive = The person's archive
access-kind-tenant = Tenant
access-kind-request = Request
access-kind-case = Case file
access-log-title = Access log
access-log-filters = Filter the log
access-log-person = Person
access-log-kind = Kind of record
access-log-record = Record number
access-log-caption = Consultations of personal information, latest first
access-log-count = Count
access-log-empty = No consultation matches these criteria.
access-all-people = Everyone
access-all-kinds = Every kind

# Retention
retention-title = Retention of information
retention-intro = Each kind of record is kept as long as its use requires, then destroyed or made anonymous once a day. The counts remain for accountability reports.
retention-next-run = Next run: { $at }
retention-caption = Retention periods and what goes at the next run
retention-kind = Kind of record
retention-period = Period (days)
retention-what = What is done
retention-at-next-run = At the next run
retention-done = Already processed
retention-forever = No limit
retention-kind-tenants = Tenants who moved out
retention-kind-requests = Closed requests and their photos
retention-kind-outbox = Emails sent
retention-kind-access_log = Access log
retention-what-tenants = names, phone and email blanked after the move-out date; the file stays for counts
retention-what-requests = description, comments and photos removed after closing; the request stays for counts
retention-what-outbox = message contents blanked
retention-what-access_log = entries deleted

# Privacy officer
officer-title = Person in charge of the protection of personal information
officer-legend = Person in charge of the protection of personal information
officer-hint = Their name and contact appear in every email to tenants and on the office's public pages.
officer-name = Name
officer-email = Email
officer-phone = Phone
officer-public-title = Protection of personal information
err-officer-contact = Give an email or a phone number to reach the person in charge.

# Confidentiality incidents
incidents-title = Register of confidentiality incidents
incidents-caption = Incidents, latest discovered first
incidents-empty = No incident is recorded.
incidents-back = Back to the incident register
incident-new-title = Record an incident
incident-edit-title = Change the incident
incident-summary = What happened
incident-discovered-on = Discovered on
incident-occurred-on = Occurred on
incident-occurred-hint = If known.
incident-information = Information concerned
incident-information-hint = Which personal information, about whom.
incident-people-affected = Number of people concerned
incident-risk = Risk of harm
incident-risk-hint = A risk of serious harm requires promptly notifying the Commission and the people concerned.
incident-risk-choose = — Assess the risk —
incident-risk-low = Low
incident-risk-medium = Medium
incident-risk-serious = Serious
incident-commission-notified-on = Commission d'accès à l'information notified on
incident-people-notified-on = People notified on
incident-measures = Measures taken
err-incident-future = The date cannot be in the future.
err-incident-occurred-after-discovery = The incident cannot occur after its discovery.
err-incident-notified-before-discovery = A notice cannot come before the discovery.

# Access requests
access-requests-title = Register of access requests
access-requests-caption = People's requests about their information, latest first
access-requests-empty = No request is recorded.
access-requests-back = Back to the request register
access-request-new-title = Record a request
access-request-edit-title = Change the request
access-request-received-on = Received on
access-request-deadline-hint = The answer is due 20 days after receipt.
access-request-requester = Requester
access-request-tenant = Tenant concerned (number)
access-request-tenant-hint = Optional: the number of the tenant's file, to find their information.
access-request-tenant-link = Their information
access-request-kind = Subject
access-request-ask-choose = — Choose the subject —
access-request-ask-access = Access (a copy of the information)
access-request-ask-rectification = Rectification
access-request-ask-deletion = Deletion or de-indexing
access-request-ask-portability = Portability
access-request-ask-other = Other
access-request-details = Details
access-request-status = Status
access-request-status-received = Received
access-request-status-in_progress = In progress
access-request-status-answered = Answered
access-request-status-refused = Refused
access-request-answered-on = Answered on
access-request-answered-hint = Required once the request is answered or refused.
access-request-due-on = Due
access-request-overdue = Overdue
err-access-request-not-answered = An answer date goes only with a request answered or refused.
err-access-request-answer-date = The answer must follow the receipt and cannot be in the future.

# A person's archive
export-download = Download all their information (archive)
export-readme-intro = Here is all the information Passerelle holds about you. Each folder holds JSON files (complete) and CSV files (for a spreadsheet).
export-part-registry = your file: contact details, dwelling and building
export-part-consents = your consents, given and withdrawn
export-part-requests = your requests, their steps and the list of their photos
export-part-workshops = your workshop registrations and attendance
export-part-access_log = who consulted your file
