/** SQLite schema of the runtime: the single source of truth for every record. */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS definitions (
  key INTEGER PRIMARY KEY, process_id TEXT NOT NULL, version INTEGER NOT NULL, name TEXT, version_tag TEXT,
  resource_name TEXT NOT NULL, xml TEXT NOT NULL, model TEXT NOT NULL, checksum TEXT NOT NULL,
  tenant TEXT NOT NULL, deployment_key INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS definitions_pid ON definitions(process_id, version);
CREATE TABLE IF NOT EXISTS forms (
  key INTEGER PRIMARY KEY, form_id TEXT NOT NULL, version INTEGER NOT NULL, resource_name TEXT NOT NULL,
  schema TEXT NOT NULL, checksum TEXT NOT NULL, tenant TEXT NOT NULL, deployment_key INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS forms_fid ON forms(form_id, version);
CREATE TABLE IF NOT EXISTS instances (
  key INTEGER PRIMARY KEY, def INTEGER NOT NULL, process_id TEXT NOT NULL, version INTEGER NOT NULL, name TEXT,
  state TEXT NOT NULL, start TEXT NOT NULL, end TEXT, parent_pi INTEGER, parent_ei INTEGER, tenant TEXT NOT NULL,
  start_ck TEXT);
CREATE INDEX IF NOT EXISTS instances_state ON instances(state);
CREATE INDEX IF NOT EXISTS instances_ck ON instances(process_id, start_ck, state);
CREATE TABLE IF NOT EXISTS elements (
  key INTEGER PRIMARY KEY, pi INTEGER NOT NULL, def INTEGER NOT NULL, element_id TEXT NOT NULL, type TEXT NOT NULL,
  name TEXT, state TEXT NOT NULL, scope INTEGER, start TEXT NOT NULL, end TEXT, incident INTEGER, data TEXT);
CREATE INDEX IF NOT EXISTS elements_pi ON elements(pi);
CREATE INDEX IF NOT EXISTS elements_scope ON elements(scope, state);
CREATE TABLE IF NOT EXISTS variables (
  key INTEGER PRIMARY KEY, scope INTEGER NOT NULL, pi INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
  tenant TEXT NOT NULL, UNIQUE(scope, name));
CREATE INDEX IF NOT EXISTS variables_pi ON variables(pi);
CREATE TABLE IF NOT EXISTS jobs (
  key INTEGER PRIMARY KEY, type TEXT NOT NULL, state TEXT NOT NULL, pi INTEGER NOT NULL, ei INTEGER NOT NULL,
  def INTEGER NOT NULL, element_id TEXT NOT NULL, retries INTEGER NOT NULL, deadline INTEGER, backoff_until INTEGER,
  worker TEXT, headers TEXT NOT NULL, error_message TEXT, tenant TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'BPMN_ELEMENT', listener TEXT NOT NULL DEFAULT 'UNSPECIFIED');
CREATE INDEX IF NOT EXISTS jobs_type ON jobs(type, state);
CREATE INDEX IF NOT EXISTS jobs_ei ON jobs(ei);
CREATE INDEX IF NOT EXISTS jobs_state_backoff ON jobs(state, backoff_until);
CREATE INDEX IF NOT EXISTS jobs_state_deadline ON jobs(state, deadline);
CREATE TABLE IF NOT EXISTS user_tasks (
  key INTEGER PRIMARY KEY, pi INTEGER NOT NULL, ei INTEGER NOT NULL, def INTEGER NOT NULL, element_id TEXT NOT NULL,
  name TEXT, state TEXT NOT NULL, assignee TEXT, candidate_groups TEXT NOT NULL, candidate_users TEXT NOT NULL,
  form_key INTEGER, external_form TEXT, creation TEXT NOT NULL, completion TEXT, due TEXT, follow_up TEXT,
  priority INTEGER NOT NULL, tenant TEXT NOT NULL, transition TEXT);
CREATE INDEX IF NOT EXISTS user_tasks_ei ON user_tasks(ei);
CREATE INDEX IF NOT EXISTS user_tasks_pi ON user_tasks(pi);
CREATE TABLE IF NOT EXISTS incidents (
  key INTEGER PRIMARY KEY, error_type TEXT NOT NULL, error_message TEXT NOT NULL, element_id TEXT NOT NULL,
  ei INTEGER NOT NULL, job INTEGER, pi INTEGER NOT NULL, def INTEGER NOT NULL, state TEXT NOT NULL,
  creation TEXT NOT NULL, tenant TEXT NOT NULL, retry TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS incidents_pi ON incidents(pi, state);
CREATE TABLE IF NOT EXISTS subscriptions (
  key INTEGER PRIMARY KEY, kind TEXT NOT NULL, pi INTEGER, ei INTEGER, element_id TEXT NOT NULL, def INTEGER NOT NULL,
  message_name TEXT NOT NULL, correlation_key TEXT NOT NULL, interrupting INTEGER NOT NULL, tenant TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS subscriptions_msg ON subscriptions(message_name, correlation_key);
CREATE INDEX IF NOT EXISTS subscriptions_ei ON subscriptions(ei);
CREATE TABLE IF NOT EXISTS timers (
  key INTEGER PRIMARY KEY, kind TEXT NOT NULL, pi INTEGER, ei INTEGER, element_id TEXT NOT NULL, def INTEGER NOT NULL,
  due INTEGER NOT NULL, repetitions INTEGER NOT NULL, interval TEXT, interrupting INTEGER NOT NULL, tenant TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS timers_due ON timers(due);
CREATE INDEX IF NOT EXISTS timers_ei ON timers(ei);
CREATE TABLE IF NOT EXISTS messages (
  key INTEGER PRIMARY KEY, name TEXT NOT NULL, correlation_key TEXT NOT NULL, message_id TEXT, variables TEXT NOT NULL,
  expires INTEGER NOT NULL, tenant TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS messages_name ON messages(name, correlation_key);
CREATE TABLE IF NOT EXISTS message_correlations (message INTEGER NOT NULL, target TEXT NOT NULL, PRIMARY KEY(message, target));
CREATE TABLE IF NOT EXISTS decision_requirements (
  key INTEGER PRIMARY KEY, drg_id TEXT NOT NULL, version INTEGER NOT NULL, name TEXT, resource_name TEXT NOT NULL,
  xml TEXT NOT NULL, model TEXT NOT NULL, checksum TEXT NOT NULL, tenant TEXT NOT NULL, deployment_key INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS decision_requirements_id ON decision_requirements(drg_id, version);
CREATE TABLE IF NOT EXISTS decisions (
  key INTEGER PRIMARY KEY, decision_id TEXT NOT NULL, version INTEGER NOT NULL, name TEXT, version_tag TEXT,
  drg_key INTEGER NOT NULL, drg_id TEXT NOT NULL, tenant TEXT NOT NULL, deployment_key INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS decisions_id ON decisions(decision_id, version);
CREATE TABLE IF NOT EXISTS decision_instances (
  id TEXT PRIMARY KEY, key INTEGER NOT NULL, decision_key INTEGER NOT NULL, state TEXT NOT NULL, evaluation_date TEXT NOT NULL,
  failure TEXT, result TEXT NOT NULL, inputs TEXT NOT NULL, matched TEXT NOT NULL, pi INTEGER, ei INTEGER, element_id TEXT,
  def INTEGER, root_decision_key INTEGER NOT NULL, tenant TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS decision_instances_pi ON decision_instances(pi);
CREATE TABLE IF NOT EXISTS signal_subscriptions (
  key INTEGER PRIMARY KEY, kind TEXT NOT NULL, pi INTEGER, ei INTEGER, element_id TEXT NOT NULL, def INTEGER NOT NULL,
  signal_name TEXT NOT NULL, interrupting INTEGER NOT NULL, tenant TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS signal_subscriptions_name ON signal_subscriptions(signal_name);
CREATE INDEX IF NOT EXISTS signal_subscriptions_ei ON signal_subscriptions(ei);
`;

/**
 * Columns added after a table was first created: a database written by an older runtime gets them on open
 * (`ALTER TABLE ... ADD COLUMN`), so `./.data` survives an upgrade.
 */
export const ADDED_COLUMNS: Array<{ table: string; column: string; definition: string }> = [
  { table: 'jobs', column: 'kind', definition: "TEXT NOT NULL DEFAULT 'BPMN_ELEMENT'" },
  { table: 'jobs', column: 'listener', definition: "TEXT NOT NULL DEFAULT 'UNSPECIFIED'" },
  { table: 'user_tasks', column: 'transition', definition: 'TEXT' },
];
