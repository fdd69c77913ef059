#!/usr/bin/env bash
# Validates the deploy files offline (no Docker engine, no cluster), for CI:
#   1. docker-compose.yml with docker-compose config -q (Debian's docker-compose, installed without recommends)
#   2. every Kustomize overlay renders (kubectl kustomize)
#   3. every rendered Kubernetes object validates against the API schemas (npm kubernetes-models); the Strimzi,
#      CloudNativePG and Prometheus operator custom resources are checked for their required fields.
#   4. the security and operations promises (deploy/check-deploy.mjs): compose ports on 127.0.0.1, explicit Ingress
#      paths without /q/* or admin endpoints, a rate limit on the self-referral form, Kafka TLS + SCRAM with one
#      writer per topic, CloudNativePG managed roles each owning its schema, NetworkPolicies, the profiles, every topic
#   5. the alert rules: promtool check rules and promtool test rules (Debian's prometheus package)
# Installs what it needs; exits non-zero on the first failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${LVS_VALIDATE_WORK:-$ROOT/target/deploy-validate}"
mkdir -p "$WORK"

apt_install() {
  if command -v apt-get >/dev/null 2>&1; then
    apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 ||
      { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends "$@" >/dev/null; }
  else
    return 1
  fi
}

echo "== docker-compose.yml"
command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose || { echo "cannot install docker-compose" >&2; exit 1; }
# The public key is mounted from deploy/keys (never committed); a placeholder lets config resolve the bind mount.
placeholder=0
if [[ ! -f "$ROOT/deploy/keys/jwt-public.pem" ]]; then
  : >"$ROOT/deploy/keys/jwt-public.pem"
  placeholder=1
fi
trap '[[ $placeholder == 1 ]] && rm -f "$ROOT/deploy/keys/jwt-public.pem"' EXIT
(cd "$ROOT" && docker-compose -f docker-compose.yml config -q)
echo "ok"

echo "== kustomize render"
command -v kubectl >/dev/null 2>&1 || apt_install kubernetes-client || apt_install kubectl ||
  { echo "cannot install kubectl (Debian package kubernetes-client or kubectl)" >&2; exit 1; }
for overlay in local production; do
  kubectl kustomize "$ROOT/deploy/k8s/overlays/$overlay" >"$WORK/$overlay.yaml"
  echo "ok: $overlay ($(grep -c '^kind:' "$WORK/$overlay.yaml") objects)"
done

echo "== schema check"
command -v npm >/dev/null 2>&1 || apt_install npm || { echo "cannot install npm" >&2; exit 1; }
if [[ ! -d "$WORK/node_modules/kubernetes-models" || ! -d "$WORK/node_modules/yaml" ]]; then
  (cd "$WORK" && { [[ -f package.json ]] || echo '{"private":true}' >package.json; } &&
    npm install --silent --no-audit --no-fund kubernetes-models@5 yaml@2 >/dev/null)
fi
cat >"$WORK/check.mjs" <<'JS'
import fs from 'fs';
import YAML from 'yaml';
// Required fields of the custom resources (the operators' CRDs are not in kubernetes-models).
const crds = {
  'kafka.strimzi.io/v1beta2/Kafka': ['spec.kafka.listeners', 'spec.kafka.version'],
  'kafka.strimzi.io/v1beta2/KafkaNodePool': ['spec.replicas', 'spec.roles', 'spec.storage', 'metadata.labels.strimzi\\.io/cluster'],
  'kafka.strimzi.io/v1beta2/KafkaTopic': ['spec.topicName', 'spec.partitions', 'spec.replicas', 'metadata.labels.strimzi\\.io/cluster'],
  'kafka.strimzi.io/v1beta2/KafkaUser': ['spec.authentication.type', 'spec.authorization.acls', 'metadata.labels.strimzi\\.io/cluster'],
  'postgresql.cnpg.io/v1/Cluster': ['spec.instances', 'spec.storage.size', 'spec.managed.roles'],
  'monitoring.coreos.com/v1/PrometheusRule': ['spec.groups'],
  'monitoring.coreos.com/v1/ServiceMonitor': ['spec.selector', 'spec.endpoints'],
};
function get(obj, path) {
  return path.split(/(?<!\\)\./).map(p => p.replace('\\.', '.')).reduce((o, k) => (o == null ? undefined : o[k]), obj);
}
let failures = 0;
for (const file of process.argv.slice(2)) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()).filter(Boolean);
  for (const doc of docs) {
    const id = `${file.split('/').pop()}: ${doc.kind}/${doc.metadata && doc.metadata.name}`;
    try {
      const key = `${doc.apiVersion}/${doc.kind}`;
      if (crds[key]) {
        for (const f of crds[key]) {
          if (get(doc, f) === undefined) throw new Error(`missing ${f}`);
        }
      } else {
        const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
        const mod = group ? `kubernetes-models/${group}/${version}/${doc.kind}` : `kubernetes-models/${version}/${doc.kind}`;
        const Model = (await import(mod))[doc.kind];
        if (!Model) throw new Error(`unknown kind ${doc.kind} in ${doc.apiVersion}`);
        new Model(doc).validate();
      }
    } catch (e) {
      failures++;
      console.error(`INVALID ${id}: ${e.message}`);
    }
  }
  console.log(`checked ${docs.length} objects in ${file.split('/').pop()}`);
}
process.exit(failures ? 1 : 0);
JS
(cd "$WORK" && node check.mjs "$WORK/local.yaml" "$WORK/production.yaml")

echo "== security and operations checks"
cp "$ROOT/deploy/check-deploy.mjs" "$WORK/check-deploy.mjs"
(cd "$WORK" && node check-deploy.mjs "$ROOT" "$WORK/local.yaml" "$WORK/production.yaml")

echo "== alert rules"
command -v promtool >/dev/null 2>&1 || apt_install prometheus || { echo "cannot install promtool (Debian package prometheus)" >&2; exit 1; }
promtool check rules "$ROOT/deploy/prometheus/rules/lvs-alerts.yml"
(cd "$ROOT/deploy/prometheus/rules" && promtool test rules lvs-alerts.test.yml)
echo "deploy files valid"
