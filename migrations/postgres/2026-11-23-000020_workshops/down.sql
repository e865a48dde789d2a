DROP TABLE calendar_feeds;
DROP TABLE workshop_attendance;
DROP TABLE workshop_registrations;
DROP TABLE workshop_sessions;
DROP TABLE workshop_facilitators;
DROP TABLE workshop_buildings;
DROP TABLE workshops;
