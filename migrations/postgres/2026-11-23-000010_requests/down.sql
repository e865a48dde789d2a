DROP TABLE request_photos;
DROP TABLE request_events;
DROP TABLE requests;
DROP TABLE request_categories;
