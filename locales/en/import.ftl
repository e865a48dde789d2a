# CSV import — English
import-preview-title = Import preview
import-intro = Import your office's buildings, dwellings or tenants from a CSV file saved by your spreadsheet. A preview shows every row and its errors before anything is saved; the import is all or nothing.
import-kind = Kind of data
import-kind-buildings = Buildings
import-kind-dwellings = Dwellings
import-kind-tenants = Tenants
import-file = CSV file
import-file-hint = Comma or semicolon separated, UTF-8 or Windows-1252 encoded, 2 MB at most. The first line must hold the column headers.
import-preview-submit = Preview
import-columns-title = Recognised columns
import-columns-intro = Headers may be in French or English; case, accents, spaces and underscores are ignored. Other columns are left aside. Dates are written YYYY-MM-DD or DD/MM/YYYY; "adapted" is yes or no; language is fr, en or other. A building is named by its exact name in your office. Tenants' consent is not imported: a person must record it.
import-column = Header
import-column-other = Other language
import-column-required = Required
import-or-column = (or { $column })
import-preview-kind = Kind of data: { $kind }
import-ready = { $count ->
    [one] The row is valid. Confirm to import it.
   *[other] All { $count } rows are valid. Confirm to import them.
}
import-has-errors = { $count ->
    [one] One row of { $total } has errors. Nothing was imported: correct the file and send it again.
   *[other] { $count } rows of { $total } have errors. Nothing was imported: correct the file and send it again.
}
import-ignored-columns = Columns not recognised, left aside: { $columns }.
import-preview-caption = Rows of the file ({ $total } in all, { $errors } with errors).
import-rows-hidden = { $count ->
    [one] One row without errors is not shown.
   *[other] { $count } rows without errors are not shown.
}
import-row = Row
import-row-errors = Errors
import-row-ok = No errors
import-row-error = { $column }: { $message }
import-confirm = { $count ->
    [one] Import the row
   *[other] Import the { $count } rows
}
import-choose-another = Choose another file
import-done = { $count ->
    [one] { $count } row imported.
   *[other] { $count } rows imported.
}

# Refused files
import-err-file = The file cannot be imported.
import-err-rows = Some rows of the file are invalid; nothing was imported.
import-err-no-kind = Choose the kind of data to import.
import-err-empty = The file is empty, or no file was chosen.
import-err-not-text = This file is not a CSV (text) file. In your spreadsheet, use "Save as" and choose the CSV format.
import-err-too-large = The file is larger than 2 MB. Split it into several files.
import-err-no-header = No column is recognised. The first line must hold the column headers, for example: { $expected }.
import-err-duplicate-column = The column "{ $column }" appears twice.
import-err-missing-columns = Required columns are missing: { $columns }.
import-err-no-rows = The file has no data rows under the headers.
import-err-malformed = The file cannot be read at row { $row }.
import-err-conflict = Data changed during the import; nothing was imported. Try again.

# Refused rows
import-err-extra-cells = This row has more values than headers: a value may contain the separator without quotes.
import-err-duplicate-in-file = Already present at row { $row } of the file.
import-err-building-exists = A building of this name already exists at this address.
import-err-unknown-building = No building of your office has this name.
import-err-ambiguous-building = Several buildings of your office have this name: use the building_id column instead.
import-err-dwelling-exists = This dwelling number already exists in this building.
import-err-unknown-dwelling = This dwelling does not exist in this building.
import-err-tenant-exists = This person already lives in this dwelling.
import-err-yes-no = Enter yes or no.
import-err-language = Enter fr, en or other.
import-err-date = Enter a valid date (YYYY-MM-DD or DD/MM/YYYY).
import-preview-region = File preview (scrolls sideways)
import-err-rows-capped = The file has { $count } errors: the first { $shown } are listed.
