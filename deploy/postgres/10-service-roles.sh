#!/usr/bin/env bash
# docker-compose.yml: the postgres image runs this once, when it initialises an empty data directory
# (/docker-entrypoint-initdb.d). One login role per service, owning only its schema: a service can neither read nor
# change another's tables, nor create schemas (README, security). The passwords come from the environment
# (LVS_<SERVICE>_DB_PASSWORD, see docker-compose.yml); the same layout as ./lvs's embedded PostgreSQL and the
# CloudNativePG managed roles of deploy/k8s/base/postgres.yaml. For a data directory made before this script existed,
# run it by hand: docker compose exec postgres bash /docker-entrypoint-initdb.d/10-service-roles.sh
set -euo pipefail
: "${POSTGRES_DB:=lvs}"
: "${POSTGRES_USER:=lvs}"

# role schema password-variable
services=(
  "lvs_ingest ingest LVS_INGEST_DB_PASSWORD"
  "lvs_triage triage LVS_TRIAGE_DB_PASSWORD"
  "lvs_sla sla LVS_SLA_DB_PASSWORD"
  "lvs_metrics metrics LVS_METRICS_DB_PASSWORD"
)

psql_lvs() { psql -q -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" "$@"; }

psql_lvs -c "revoke all on database \"$POSTGRES_DB\" from public"
for entry in "${services[@]}"; do
  read -r role schema variable <<<"$entry"
  password="${!variable:-}"
  if [[ -z "$password" ]]; then
    echo "10-service-roles.sh: $variable is not set; refusing to create $role without a password" >&2
    exit 1
  fi
  # psql variables quote the name (:"role") and the password (:'password') safely.
  psql_lvs -v role="$role" -v schema="$schema" -v password="$password" -v db="$POSTGRES_DB" <<'SQL'
select format('create role %I login nosuperuser nocreatedb nocreaterole', :'role')
  where not exists (select 1 from pg_roles where rolname = :'role') \gexec
alter role :"role" password :'password';
grant connect, temporary on database :"db" to :"role";
create schema if not exists :"schema" authorization :"role";
alter schema :"schema" owner to :"role";
revoke all on schema :"schema" from public;
SQL
done
echo "10-service-roles.sh: roles lvs_ingest, lvs_triage, lvs_sla, lvs_metrics own their schemas"
