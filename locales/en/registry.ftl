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
