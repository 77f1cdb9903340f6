CREATE TABLE events (
    payload jsonb NOT NULL
);
