# Registry: office, departments, community rooms, dwellings — English
office-title = Office administration
office-not-given = not given
office-contact-email = Contact email
office-contact-phone = Phone
office-manage = Manage the office
office-edit = Edit the office's details
office-departments-desc = the departments that receive tenant requests.
office-users = Accounts and roles
office-users-desc = the people who use Passerelle and what they may do.
office-buildings-desc = buildings, community rooms and dwellings.
office-import-desc = buildings, dwellings and tenants from a spreadsheet.
dwellings-export = Export every dwelling (CSV)

departments-title = Departments
departments-intro = Tenant requests are sent by email to the department concerned.
departments-none = No department recorded.
department-new-title = Add a department
department-edit-title = Edit the department
department-name = Department name
department-email = Department email
department-delete = Delete this department
err-department-in-use = Accounts belong to this department: move them to another department before deleting it.

room-edit-title = Edit the room
room-name = Room name
room-capacity = Capacity (seats, 1 to 1000)
room-accessible-label = Accessible to people with reduced mobility
room-delete = Delete this room

dwelling-edit-title = Edit the dwelling
dwelling-delete = Delete this dwelling
err-dwelling-number-taken = This dwelling number already exists in this building.
err-dwelling-has-tenants = Tenants (current or past) are recorded in this dwelling: it cannot be deleted.

# What still refers to a record one wants to delete ("This building still has 3 dwellings and 2 requests").
err-building-referenced = This building still has { $what }: remove or move them first.
err-room-referenced = This room is still used by { $what }: change their room first.
err-dwelling-referenced = Records are tied to this dwelling ({ $what }): it cannot be deleted.
ref-dwellings = { $count ->
    [one] { $count } dwelling
   *[other] { $count } dwellings
}
ref-requests = { $count ->
    [one] { $count } request
   *[other] { $count } requests
}
ref-journal-entries = { $count ->
    [one] { $count } practice journal entry
   *[other] { $count } practice journal entries
}
ref-workshops = { $count ->
    [one] { $count } workshop
   *[other] { $count } workshops
}
ref-workshop-sessions = { $count ->
    [one] { $count } workshop session
   *[other] { $count } workshop sessions
}
ref-tenants = { $count ->
    [one] { $count } tenant (current or past)
   *[other] { $count } tenants (current or past)
}
