# Chrome, errors, accounts — English
skip-to-content = Skip to content
switch-language = Français
logout = Sign out
nav-label = Main navigation
nav-home = Home
nav-buildings = Buildings
nav-tenants = Tenants
nav-journal = Practice journal
nav-admin = Administration
footer-text = Passerelle — community support in public housing
back-home = Back to the home page
error-title = Something is wrong
pager-label = Pagination
pager-prev = Previous page
pager-next = Next page
pager-status = Page { $page } of { $pages } ({ $total ->
    [one] { $total } result
   *[other] { $total } results
})
results-count = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
no-results = No results.
search = Search
export-csv = Export as CSV
save = Save
edit = Edit
delete = Delete
actions = Actions
yes = Yes
no = No
form-has-errors = The form has errors: correct the fields marked below.
flash-saved = Changes saved.
flash-deleted = Deleted.
flash-setup-done = Welcome! Your office and your administrator account are created.
flash-password-changed = Password changed. Your other sessions are closed.
flash-token-revoked = Token revoked.

# Errors
err-not-found = Not found: this page or record does not exist, or you do not have access to it.
err-forbidden = Your role does not allow this action.
err-unauthenticated = Sign-in required.
err-csrf = The form has expired. Reload the page and try again.
err-rate-limited = Too many attempts. Wait a minute before trying again.
err-validation = Some fields are invalid.
err-bad-json = The request body is not valid JSON for this operation.
err-json-content-type = The request body must be application/json.
err-bad-form = The submitted form cannot be read.
err-bad-query = The query parameters are invalid.
err-bad-request = Bad request.
err-method = Method not allowed.
err-too-large-payload = The upload is too large.
err-internal = Internal error. The technical team has been told; try again later.
err-required = This field is required.
err-too-long = This field is too long ({ $limit } characters at most).
err-too-small = The value must be at least { $limit }.
err-too-large = The value must be at most { $limit }.
err-not-a-number = Enter a whole number.
err-still-referenced = Other records still refer to this one: remove or move them first.
err-nul-character = This field contains a character that is not allowed (NUL).
err-invalid-date = Enter a valid date (YYYY-MM-DD).
err-invalid-email = Enter a valid email address.
err-invalid-choice = Choose one of the values offered.
err-unknown-reference = This record does not exist in your office.
err-email-taken = An account already uses this email.
err-password-short = The password must have at least { $limit } characters.
err-password-mismatch = The two passwords do not match.
err-password-wrong = The current password is wrong.
err-login-failed = Wrong email or password.
err-postal-code = Enter a Canadian postal code (e.g. H2X 1Y4).
err-building-not-empty = This building still has dwellings: delete or move them first.

# Accounts
setup-title = Setting up Passerelle
setup-intro = No account exists yet. Create your housing office and its first administrator account.
setup-office = Housing office
setup-admin = Administrator account
setup-submit = Create the office and the account
office-name = Office name
office-region = Region
user-name = Name
user-email = Email
password = Password
password-new = New password (at least 10 characters)
password-confirm = Confirm the password
password-change-ends-sessions = Changing the password closes your other open sessions, on every device.
password-revoke-tokens = Also revoke my API tokens (integrations will need a new one)
password-current = Current password
password-change = Change the password
login-title = Sign in
login-submit = Sign in
account-title = My account
account-signed-in-as = Signed in as { $email }.
tokens-title = API access tokens
tokens-intro = A token lets another program use the API on your behalf. It is shown only once.
tokens-created = Here is your new token. Copy it now: it will not be shown again.
tokens-name = Token name
tokens-created-at = Created
tokens-last-used = Last used
tokens-revoke = Revoke
tokens-none = No active token.
tokens-create = Create a token

# Home
home-title = Dashboard
home-buildings = buildings
home-dwellings = dwellings
home-tenants = tenants
home-journal-month = journal entries this month
home-poles = The four poles of practice
pole-1 = Tenant service
pole-1-desc = accompanying tenants with the office's departments.
pole-2 = Individual action
pole-2-desc = intake, assessment, referral and individual accompaniment.
pole-3 = Community approach
pole-3-desc = living environment, associative life and group workshops.
pole-4 = Intersectoral partnership
pole-4-desc = collective projects and concertation tables.
journal-new = Record an activity

# Roles
role-admin = Office administrator
role-isc = Community social worker
role-staff = Office staff
role-committee = Committee member
role-tenant = Tenant

# Sub-activities of the four poles
subactivity-accompagnement_services = Accompanying tenants with the office's departments
subactivity-intermediaire_residents = Intermediary between residents and departments
subactivity-accueil_evaluation = Intake and assessment
subactivity-orientation_accompagnement = Orientation, referral and accompaniment
subactivity-education_sensibilisation = Education and awareness
subactivity-milieu_de_vie = Improving the living environment
subactivity-vie_associative = Supporting associative life
subactivity-ateliers_groupe = Running group workshops
subactivity-projets_collectifs = Collective projects with external resources
subactivity-tables_concertation = Concertation tables

# Dates
date-format = { $month } { $day }, { $year }
datetime-format = { $date } at { $hour }:{ $minute }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# The last "and" of a list ("3 dwellings, 2 requests and 1 workshop").
list-and = and
