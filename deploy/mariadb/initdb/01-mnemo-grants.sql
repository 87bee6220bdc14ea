-- Runs once, on the first start with an empty data volume.
-- Channel B creates a schema and a MySQL account per project and grants that account access to
-- its own schema, so the service account needs these rights beyond its own `mnemo` database.
GRANT CREATE, DROP, ALTER, INDEX, REFERENCES, SELECT, INSERT, UPDATE, DELETE,
      CREATE VIEW, SHOW VIEW, CREATE USER
  ON *.* TO 'mnemo'@'%' WITH GRANT OPTION;
FLUSH PRIVILEGES;
