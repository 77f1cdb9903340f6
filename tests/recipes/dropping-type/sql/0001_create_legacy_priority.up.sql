CREATE TYPE legacy_priority AS ENUM ('low', 'high');
