-- migcheck:ignore dropping-view the stand-in for the old table name; every release still running uses accounts
DROP VIEW users;
