DROP TYPE legacy_priority;
