#!/bin/sh
# Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d): one login
# role and one database per service, as the local stack makes them (deploy/devstack), and Keycloak's.
# The passwords come from the container's environment (deploy/compose/.env).
set -eu

for name in identity consent notification keycloak; do
    password_var="DB_PASSWORD_$(echo "$name" | tr '[:lower:]' '[:upper:]')"
    eval "password=\${$password_var:?$password_var is not set}"
    # psql's :'password' quotes the value as a literal, whatever characters it holds.
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
SQL
done
