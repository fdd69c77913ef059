// The security and operations promises of the deploy files, checked offline by deploy/validate.sh (README, security):
//   node check-deploy.mjs ROOT RENDERED_LOCAL.yaml RENDERED_PRODUCTION.yaml
// Compose: host ports on 127.0.0.1 only, the local profile, one database role per service, every topic created.
// Kubernetes (each rendered overlay): explicit Ingress paths that never reach /q/* or an admin endpoint, a rate limit
// on the public self-referral form, Kafka only over TLS with SCRAM-SHA-512 and ACLs with one writer per topic (only
// triage and contact-sla read referrals.received), a KafkaTopic per contract topic, CloudNativePG managed roles each
// owning its schema, NetworkPolicies admitting only the services to Kafka and PostgreSQL, the profile, and the
// PrometheusRule equal to deploy/prometheus/rules/lvs-alerts.yml.
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';

const [root, ...rendered] = process.argv.slice(2);
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };
const read = f => fs.readFileSync(f, 'utf8');
const docs = f => YAML.parseAllDocuments(read(f)).map(d => d.toJS()).filter(Boolean);
const sorted = a => [...new Set(a)].sort();
const same = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const canonical = v => Array.isArray(v) ? v.map(canonical)
  : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map(k => [k, canonical(v[k])])) : v;

// The contract's topics, from the one place they are defined (event-contract Topics.MAIN).
const topicsJava = read(path.join(root, 'event-contract/src/main/java/org/lvs/contract/Topics.java'));
const constants = Object.fromEntries([...topicsJava.matchAll(/static final String (\w+) = "([^"]+)";/g)]
  .map(m => [m[1], m[2]]));
const mainList = topicsJava.match(/List<String> MAIN = List\.of\(([^)]*)\)/s)[1];
const TOPICS = mainList.split(',').map(s => constants[s.trim()]).filter(Boolean);
check(TOPICS.length >= 6, `could not read Topics.MAIN (${TOPICS})`);
const ALL_TOPICS = TOPICS.flatMap(t => [t, `${t}.dlq`]);

// interfaces.md, Kafka topics: one writer each; the readers (consumer groups) of each.
const WRITER = {
  'referrals.received': 'referral-ingest', 'referrals.intake': 'referral-ingest',
  'referrals.triaged': 'triage-service', 'referrals.feedback': 'triage-service',
  'cases.events': 'contact-sla-service', 'cases.erasures': 'contact-sla-service',
};
const READERS = {
  'referrals.received': ['triage-service', 'contact-sla-service'],
  'referrals.intake': ['metrics-service'],
  'referrals.triaged': ['contact-sla-service', 'metrics-service'],
  'referrals.feedback': ['police-integration'],
  'cases.events': ['metrics-service'],
  'cases.erasures': ['referral-ingest', 'triage-service', 'metrics-service'],
};
const EXTERNAL_READERS = ['police-integration'];
for (const t of TOPICS) check(WRITER[t] && READERS[t], `topic ${t} of Topics.MAIN has no writer/readers here`);
const SERVICES = {
  'referral-ingest': {role: 'lvs_ingest', schema: 'ingest', secret: 'lvs-db-ingest'},
  'triage-service': {role: 'lvs_triage', schema: 'triage', secret: 'lvs-db-triage'},
  'contact-sla-service': {role: 'lvs_sla', schema: 'sla', secret: 'lvs-db-sla'},
  'metrics-service': {role: 'lvs_metrics', schema: 'metrics', secret: 'lvs-db-metrics'},
};

// ---------------------------------------------------------------------------------------------------------- compose
{
  const compose = YAML.parse(read(path.join(root, 'docker-compose.yml')), {merge: true});
  for (const [name, svc] of Object.entries(compose.services)) {
    for (const port of svc.ports || []) {
      const bound = typeof port === 'string' ? port.startsWith('127.0.0.1:') : port.host_ip === '127.0.0.1';
      check(bound, `compose: ${name} publishes ${JSON.stringify(port)} beyond 127.0.0.1`);
    }
  }
  const topicJob = JSON.stringify(compose.services['kafka-topics']);
  for (const t of TOPICS) check(topicJob.includes(t), `compose: the kafka-topics job does not create ${t}`);
  for (const [name, s] of Object.entries(SERVICES)) {
    const env = compose.services[name]?.environment || {};
    check(env.QUARKUS_PROFILE === 'local', `compose: ${name} does not run with QUARKUS_PROFILE=local`);
    check(env.LVS_DB_USER === s.role, `compose: ${name} logs in as ${env.LVS_DB_USER}, not its own role ${s.role}`);
  }
  const init = read(path.join(root, 'deploy/postgres/10-service-roles.sh'));
  for (const s of Object.values(SERVICES)) {
    check(init.includes(`"${s.role} ${s.schema} `), `compose: 10-service-roles.sh does not make ${s.role} own ${s.schema}`);
  }
  check(JSON.stringify(compose.services.postgres.volumes).includes('10-service-roles.sh'),
    'compose: postgres does not run deploy/postgres/10-service-roles.sh');
  check(JSON.stringify(compose.services.prometheus.volumes).includes('deploy/prometheus/rules'),
    'compose: prometheus does not load deploy/prometheus/rules');
}

// -------------------------------------------------------------------------------------------------------- kubernetes
const rulesFile = YAML.parse(read(path.join(root, 'deploy/prometheus/rules/lvs-alerts.yml')));

function aclMatches(resource, topic) {
  if (resource.type !== 'topic') return false;
  if (resource.name === '*') return true;
  return resource.patternType === 'prefix' ? topic.startsWith(resource.name) : resource.name === topic;
}

function ingressMatch(paths, url) {
  // Kubernetes semantics: Exact equals; Prefix matches whole path elements; the longest match wins.
  const hits = paths.filter(p => p.pathType === 'Exact' ? p.path === url
    : p.path === '/' || url === p.path || url.startsWith(p.path.endsWith('/') ? p.path : `${p.path}/`));
  hits.sort((a, b) => (b.pathType === 'Exact') - (a.pathType === 'Exact') || b.path.length - a.path.length);
  return hits[0];
}

for (const file of rendered) {
  const name = path.basename(file, '.yaml');
  const objects = docs(file);
  const of = kind => objects.filter(o => o.kind === kind);
  const where = `${name}:`;

  // Ingress: explicit paths, never /q/* or admin, the self-referral form rate-limited.
  const ingresses = of('Ingress');
  const paths = ingresses.flatMap(i => (i.spec.rules || []).flatMap(r => (r.http?.paths || [])
    .map(p => ({...p, ingress: i, service: p.backend.service?.name}))));
  check(ingresses.every(i => !i.spec.defaultBackend), `${where} an Ingress has a defaultBackend`);
  for (const p of paths) {
    check(['Exact', 'Prefix'].includes(p.pathType), `${where} Ingress path ${p.path} has pathType ${p.pathType}`);
    check(!(p.path === '/' && p.pathType === 'Prefix'), `${where} Ingress routes / wholesale (Prefix) to ${p.service}`);
  }
  for (const i of ingresses) {
    const a = Object.keys(i.metadata.annotations || {});
    check(!a.some(k => /snippet|rewrite-target|use-regex/.test(k)), `${where} Ingress ${i.metadata.name} uses ${a}`);
  }
  const forbidden = ['/q/health', '/q/health/ready', '/q/health/live', '/q/metrics', '/q/openapi', '/q/swagger-ui',
    '/q/dev-ui', '/q', '/api/v1/metrics/rebuild', '/api/v1/cases/0b6b3b7e', '/api/v1/cases', '/api/v1/sla/breaches',
    '/api/v1/triage/feedback', '/api/v1/triage/0b6b3b7e', '/api/v1/workers', '/api/v1/waiting-lists', '/api/v1/admin',
    '/metrics', '/openapi'];
  for (const url of forbidden) {
    const hit = ingressMatch(paths, url);
    check(!hit, `${where} Ingress exposes ${url} (via ${hit?.path} ${hit?.pathType} → ${hit?.service})`);
  }
  const required = {
    '/api/v1/referrals': 'referral-ingest', '/api/v1/referrals/batch': 'referral-ingest',
    '/api/v1/referrals/0b6b3b7e': 'referral-ingest', '/api/v1/self-referrals': 'referral-ingest',
    '/self-referral': 'referral-ingest', '/api/v1/feeds/ADT/gaps': 'referral-ingest',
    '/': 'metrics-service', '/dashboard.js': 'metrics-service', '/dashboard.css': 'metrics-service',
    '/api/v1/metrics/summary': 'metrics-service', '/api/v1/metrics/live': 'metrics-service',
    '/api/v1/reports/quarterly/2017-18-Q2': 'metrics-service',
  };
  for (const [url, svc] of Object.entries(required)) {
    const hit = ingressMatch(paths, url);
    check(hit?.service === svc, `${where} Ingress does not route ${url} to ${svc}`);
  }
  for (const url of ['/api/v1/self-referrals', '/self-referral']) {
    const ann = ingressMatch(paths, url)?.ingress.metadata.annotations || {};
    check(ann['nginx.ingress.kubernetes.io/limit-rpm'] || ann['nginx.ingress.kubernetes.io/limit-rps'],
      `${where} ${url} has no ingress rate limit (nginx.ingress.kubernetes.io/limit-rpm)`);
  }

  // Kafka: TLS + SCRAM only, simple authorization, listener reachable by the services only.
  const kafkas = of('Kafka');
  check(kafkas.length === 1, `${where} expected one Kafka, found ${kafkas.length}`);
  for (const k of kafkas) {
    const listeners = k.spec.kafka.listeners || [];
    check(listeners.length > 0, `${where} Kafka has no listener`);
    for (const l of listeners) {
      check(l.tls === true, `${where} Kafka listener ${l.name} is not TLS`);
      check(l.authentication?.type === 'scram-sha-512', `${where} Kafka listener ${l.name} is not SCRAM-SHA-512`);
      const peers = JSON.stringify(l.networkPolicyPeers || []);
      check((l.networkPolicyPeers || []).length > 0 && peers.includes('"lvs.org/tier":"app"'),
        `${where} Kafka listener ${l.name} admits every pod (networkPolicyPeers)`);
    }
    check(k.spec.kafka.authorization?.type === 'simple', `${where} Kafka has no ACL authorization`);
    check(k.spec.entityOperator?.userOperator, `${where} Kafka has no user operator for the KafkaUsers`);
    check(!k.spec.kafka.authorization?.superUsers?.length, `${where} Kafka has super users`);
  }

  // KafkaUsers: one writer per topic; readers as interfaces.md; each group writes its own <topic>.dlq.
  const users = of('KafkaUser');
  const writers = {}, readers = {};
  for (const t of ALL_TOPICS) { writers[t] = []; readers[t] = []; }
  for (const u of users) {
    const user = u.metadata.name;
    check(u.spec.authentication?.type === 'scram-sha-512', `${where} KafkaUser ${user} is not SCRAM-SHA-512`);
    check(u.spec.authorization?.type === 'simple', `${where} KafkaUser ${user} has no ACLs`);
    for (const acl of u.spec.authorization?.acls || []) {
      const ops = acl.operations || [acl.operation];
      check(!ops.includes('All'), `${where} KafkaUser ${user} has an All ACL`);
      check(acl.resource.type !== 'cluster', `${where} KafkaUser ${user} has a cluster ACL`);
      for (const t of ALL_TOPICS) {
        if (!aclMatches(acl.resource, t)) continue;
        if (ops.includes('Write')) writers[t].push(user);
        if (ops.includes('Read')) readers[t].push(user);
      }
    }
  }
  for (const t of TOPICS) {
    check(same(writers[t], [WRITER[t]]), `${where} ${t} is written by [${sorted(writers[t])}], not only ${WRITER[t]}`);
    check(same(readers[t], READERS[t]), `${where} ${t} is read by [${sorted(readers[t])}], not [${sorted(READERS[t])}]`);
    const groups = READERS[t].filter(r => !EXTERNAL_READERS.includes(r));
    check(same(writers[`${t}.dlq`], groups),
      `${where} ${t}.dlq is written by [${sorted(writers[`${t}.dlq`])}], not its consumer groups [${sorted(groups)}]`);
    check(readers[`${t}.dlq`].length === 0, `${where} ${t}.dlq is read by [${readers[`${t}.dlq`]}]`);
  }
  check(same(readers['referrals.received'], ['triage-service', 'contact-sla-service']),
    `${where} referrals.received (personal data) is read by [${readers['referrals.received']}]`);
  for (const u of users) {
    const reads = ALL_TOPICS.some(t => readers[t].includes(u.metadata.name));
    const group = (u.spec.authorization?.acls || []).some(a => a.resource.type === 'group'
      && (a.resource.name === u.metadata.name || (a.resource.patternType === 'prefix'
        && u.metadata.name.startsWith(a.resource.name))));
    check(!reads || group, `${where} KafkaUser ${u.metadata.name} reads topics without its own consumer group`);
  }

  // KafkaTopics: every contract topic and its .dlq; personal data short-lived.
  const topics = of('KafkaTopic');
  check(same(topics.map(t => t.spec.topicName), ALL_TOPICS),
    `${where} KafkaTopics [${sorted(topics.map(t => t.spec.topicName))}] are not [${sorted(ALL_TOPICS)}]`);
  for (const t of topics) {
    const personal = t.spec.topicName.startsWith('referrals.received');
    check(String(t.spec.config?.['retention.ms']) === (personal ? '604800000' : '-1'),
      `${where} ${t.spec.topicName} retention ${t.spec.config?.['retention.ms']}`);
  }

  // Deployments: Kafka over SASL_SSL as their own user; the database as their own role; the profile from lvs-config.
  const config = of('ConfigMap').find(c => c.metadata.name === 'lvs-config');
  check(config, `${where} no ConfigMap lvs-config`);
  const profile = name === 'local' ? 'local' : 'prod';
  check(config?.data?.QUARKUS_PROFILE === profile, `${where} QUARKUS_PROFILE is ${config?.data?.QUARKUS_PROFILE}, not ${profile}`);
  const deployments = of('Deployment');
  check(same(deployments.map(d => d.metadata.name), Object.keys(SERVICES)), `${where} Deployments differ`);
  for (const d of deployments) {
    const svc = SERVICES[d.metadata.name];
    const c = d.spec.template.spec.containers[0];
    const env = Object.fromEntries((c.env || []).map(e => [e.name, e]));
    check(env.KAFKA_SECURITY_PROTOCOL?.value === 'SASL_SSL', `${where} ${d.metadata.name}: Kafka not over SASL_SSL`);
    check(env.KAFKA_SASL_MECHANISM?.value === 'SCRAM-SHA-512', `${where} ${d.metadata.name}: not SCRAM-SHA-512`);
    check(env.KAFKA_SASL_JAAS_CONFIG?.valueFrom?.secretKeyRef?.name === d.metadata.name
      && users.some(u => u.metadata.name === d.metadata.name),
      `${where} ${d.metadata.name}: Kafka credentials are not its own KafkaUser's`);
    check(/:9093$/.test(env.LVS_KAFKA_BOOTSTRAP?.value || ''), `${where} ${d.metadata.name}: not the TLS listener`);
    check(env.LVS_DB_USER?.valueFrom?.secretKeyRef?.name === svc?.secret
      && env.LVS_DB_PASSWORD?.valueFrom?.secretKeyRef?.name === svc?.secret,
      `${where} ${d.metadata.name}: database credentials are not ${svc?.secret}`);
    check((c.envFrom || []).some(e => e.configMapRef?.name === 'lvs-config'), `${where} ${d.metadata.name}: no lvs-config`);
    check(!env.QUARKUS_PROFILE, `${where} ${d.metadata.name}: sets QUARKUS_PROFILE itself`);
    check(d.spec.template.metadata.labels['lvs.org/tier'] === 'app', `${where} ${d.metadata.name}: not tier app`);
  }

  // CloudNativePG: a managed role per service, owning its schema; nobody else may connect.
  const clusters = of('Cluster');
  check(clusters.length === 1, `${where} expected one CloudNativePG Cluster`);
  for (const cl of clusters) {
    const roles = Object.fromEntries((cl.spec.managed?.roles || []).map(r => [r.name, r]));
    const sql = (cl.spec.bootstrap?.initdb?.postInitApplicationSQL || []).map(s => s.replace(/\s+/g, ' ').trim());
    check(sql.some(s => /^REVOKE ALL ON DATABASE \w+ FROM PUBLIC$/i.test(s)), `${where} the database is open to PUBLIC`);
    for (const s of Object.values(SERVICES)) {
      const r = roles[s.role];
      check(r && r.ensure !== 'absent' && r.login === true && !r.superuser && !r.createdb && !r.createrole,
        `${where} managed role ${s.role} missing or with extra rights`);
      check(r?.passwordSecret?.name === s.secret, `${where} managed role ${s.role} without passwordSecret ${s.secret}`);
      check(sql.some(q => q.toUpperCase() === `CREATE SCHEMA ${s.schema} AUTHORIZATION ${s.role}`.toUpperCase()),
        `${where} schema ${s.schema} is not created owned by ${s.role}`);
    }
  }

  // NetworkPolicies: Kafka and PostgreSQL admit only named pods (no open rule).
  const policies = of('NetworkPolicy');
  for (const [what, label] of [['Kafka', 'strimzi.io/cluster'], ['PostgreSQL', 'cnpg.io/cluster']]) {
    const mine = policies.filter(p => p.spec.podSelector?.matchLabels?.[label]);
    check(mine.length > 0, `${where} no NetworkPolicy for ${what}`);
    for (const p of mine) {
      check((p.spec.policyTypes || []).includes('Ingress'), `${where} ${p.metadata.name} does not restrict ingress`);
      for (const rule of p.spec.ingress || []) {
        check((rule.from || []).length > 0, `${where} ${p.metadata.name} has a rule open to every pod`);
        for (const from of rule.from || []) {
          check(!from.ipBlock, `${where} ${p.metadata.name} admits an ipBlock`);
          const selectsAll = (s) => s && Object.keys(s.matchLabels || {}).length === 0 && !(s.matchExpressions || []).length;
          check(!(from.podSelector && selectsAll(from.podSelector) && !from.namespaceSelector),
            `${where} ${p.metadata.name} admits every pod of the namespace`);
          check(!(from.namespaceSelector && selectsAll(from.namespaceSelector)),
            `${where} ${p.metadata.name} admits every namespace`);
        }
      }
      const appRule = (p.spec.ingress || []).find(r => JSON.stringify(r.from).includes('"lvs.org/tier":"app"'));
      check(appRule && (appRule.ports || []).length > 0, `${where} ${p.metadata.name}: the services' rule names no port`);
    }
  }

  // Alerts: the PrometheusRule is the rules file; the services are scraped.
  const rules = of('PrometheusRule');
  check(rules.length === 1 && JSON.stringify(canonical(rules[0].spec)) === JSON.stringify(canonical(rulesFile)),
    `${where} the PrometheusRule differs from deploy/prometheus/rules/lvs-alerts.yml (run deploy/prometheus/make-prometheus-rule.sh)`);
  check(of('ServiceMonitor').length === 1, `${where} no ServiceMonitor for the services`);
}

if (failures.length) {
  failures.forEach(f => console.error(`FAILED ${f}`));
  process.exit(1);
}
console.log(`security and operations checks passed (compose, ${rendered.map(f => path.basename(f, '.yaml')).join(', ')})`);
