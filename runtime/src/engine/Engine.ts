import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { Problem } from '../broker/Problem';
import type {
  ActivatedJob,
  Broker,
  DeployResource,
  DeploymentResult,
  ElementInstanceRecord,
  FormRecord,
  IncidentRecord,
  InstanceState,
  Key,
  ProcessDefinitionRecord,
  ProcessInstanceRecord,
  UserTaskRecord,
  UserTaskState,
  VariableRecord,
  Variables,
} from '../broker/types';
import { Clock } from '../clock/Clock';
import { Feel } from '../feel/Feel';
import { FeelError } from '../feel/FeelError';
import { Store } from '../store/Store';
import type {
  DefinitionRow,
  ElementRow,
  FormRow,
  IncidentRow,
  InstanceRow,
  JobRow,
  MessageRow,
  SubscriptionRow,
  TimerRow,
  UserTaskRow,
  VariableRow,
} from '../store/rows';
import { IncidentError } from './IncidentError';
import { ModelCompiler, ModelValidationError } from './ModelCompiler';
import type { ElementDef, ProcessModel } from './ProcessModel';
import { TimerSpec } from './TimerSpec';

const FIRST_KEY = 2251799813685249;
const DEFAULT_TENANT = '<default>';
const MAX_TIMEOUT = 2_147_483_647;

interface DefCtx {
  key: number;
  model: ProcessModel;
  processId: string;
  version: number;
  name: string | null;
  tenant: string;
}

interface ElementData {
  joins?: Record<string, Record<string, number>>;
  mi?: { items: unknown[]; next: number; completed: number; total: number };
  inner?: boolean;
}

type Retry =
  | { op: 'job' }
  | { op: 'enter' }
  | { op: 'startProcess'; messageStart?: string; startElements?: string[]; startVars?: Variables }
  | { op: 'complete' };

interface Waiter {
  resolve: (v: Variables) => void;
  reject: (e: Error) => void;
  fetch?: string[];
  timer: NodeJS.Timeout;
}

type ErrorCatch =
  | { kind: 'boundary'; activity: ElementRow; boundaryId: string; ctx: DefCtx }
  | { kind: 'eventsub'; scope: ElementRow; eventSubId: string; ctx: DefCtx };

/**
 * The execution core: a token-based interpreter of Zeebe semantics over the SQLite store. Every
 * public method is one command: it runs in one SQLite transaction (commit before return), then
 * notifies job long-pollers and completion waiters. See runtime/ENGINE.md.
 */
export class Engine implements Broker {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly feel: Feel;
  private readonly compiler = new ModelCompiler();
  private readonly defs = new Map<number, DefCtx>();
  private readonly jobListeners = new Map<string, Set<() => void>>();
  private readonly waiters = new Map<number, Set<Waiter>>();
  private nextKeyValue: number;
  private depth = 0;
  private afterCommit: Array<() => void> = [];
  private deferred: Array<() => void> = [];
  private wakeTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    databasePath: string,
    private readonly log?: Logger,
    synchronous: 'NORMAL' | 'FULL' = 'NORMAL',
  ) {
    this.store = new Store(databasePath, synchronous);
    const clockState = this.store.getMeta('clock');
    this.clock = new Clock(clockState ? JSON.parse(clockState) : undefined);
    this.feel = new Feel(() => this.clock.now());
    const k = this.store.getMeta('key');
    this.nextKeyValue = k ? Number(k) : FIRST_KEY;
    this.command(() => undefined);
  }

  // ===================================================================== infrastructure

  private key(): number {
    return this.nextKeyValue++;
  }

  private nowIso(): string {
    return this.clock.iso();
  }

  /** One command: a transaction, deferred triggers and due timers drained, then notifications. */
  private command<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.depth++;
    const keyBefore = this.nextKeyValue;
    let result: T;
    try {
      result = this.store.transaction(() => {
        const r = fn();
        this.drain();
        if (this.nextKeyValue !== keyBefore) this.store.setMeta('key', String(this.nextKeyValue));
        return r;
      });
    } catch (err) {
      this.nextKeyValue = Math.max(keyBefore, this.nextKeyValue);
      this.afterCommit = [];
      this.deferred = [];
      throw err;
    } finally {
      this.depth--;
    }
    const tasks = this.afterCommit;
    this.afterCommit = [];
    for (const t of tasks) {
      try {
        t();
      } catch (err) {
        this.log?.error({ err }, 'post-commit notification failed');
      }
    }
    this.scheduleWake();
    return result;
  }

  private drain() {
    for (let guard = 0; guard < 100000; guard++) {
      const d = this.deferred.shift();
      if (d) {
        d();
        continue;
      }
      if (!this.fireOneDueTimer()) return;
    }
    throw new Error('engine loop did not settle');
  }

  private scheduleWake() {
    if (this.closed) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    if (this.clock.isPinned()) return;
    const now = this.clock.now();
    const t = this.store.get<{ due: number }>('SELECT MIN(due) AS due FROM timers')?.due ?? null;
    const b = this.store.get<{ d: number }>("SELECT MIN(backoff_until) AS d FROM jobs WHERE state = 'ACTIVATABLE' AND backoff_until > ?", now)?.d ?? null;
    const dl = this.store.get<{ d: number }>("SELECT MIN(deadline) AS d FROM jobs WHERE state = 'ACTIVATED'")?.d ?? null;
    const candidates = [t, b, dl].filter((x): x is number => x !== null);
    if (candidates.length === 0) return;
    const delay = Math.min(Math.max(0, Math.min(...candidates) - now), MAX_TIMEOUT);
    this.wakeTimer = setTimeout(() => this.wake(), delay + 1);
    this.wakeTimer.unref();
  }

  private wake() {
    if (this.closed) return;
    try {
      this.command(() => undefined);
      this.notifyAvailableTypes();
    } catch (err) {
      this.log?.error({ err }, 'timer processing failed');
    }
  }

  private notifyAvailableTypes() {
    const now = this.clock.now();
    const types = this.store.all<{ type: string }>(
      "SELECT DISTINCT type FROM jobs WHERE (state = 'ACTIVATABLE' AND (backoff_until IS NULL OR backoff_until <= ?)) OR (state = 'ACTIVATED' AND deadline <= ?)",
      now,
      now,
    );
    for (const { type } of types) this.notifyJobs(type);
  }

  private notifyJobs(type: string) {
    const set = this.jobListeners.get(type);
    if (!set) return;
    for (const l of [...set]) {
      try {
        l();
      } catch (err) {
        this.log?.error({ err }, 'job listener failed');
      }
    }
  }

  private persistClock() {
    this.store.setMeta('clock', JSON.stringify(this.clock.snapshot()));
  }

  private def(key: number): DefCtx {
    let d = this.defs.get(key);
    if (!d) {
      const row = this.store.get<DefinitionRow>('SELECT * FROM definitions WHERE key = ?', key);
      if (!row) throw new Error(`process definition ${key} missing`);
      d = { key, model: JSON.parse(row.model), processId: row.process_id, version: row.version, name: row.name, tenant: row.tenant };
      this.defs.set(key, d);
    }
    return d;
  }

  private el(ctx: DefCtx, id: string): ElementDef {
    const e = ctx.model.elements[id];
    if (!e) throw new Error(`element ${id} not in ${ctx.processId}`);
    return e;
  }

  private row(key: number): ElementRow {
    const r = this.store.get<ElementRow>('SELECT * FROM elements WHERE key = ?', key);
    if (!r) throw new Error(`element instance ${key} missing`);
    return r;
  }

  private data(row: ElementRow): ElementData {
    return row.data ? (JSON.parse(row.data) as ElementData) : {};
  }

  private setData(key: number, data: ElementData) {
    this.store.run('UPDATE elements SET data = ? WHERE key = ?', JSON.stringify(data), key);
  }

  // ===================================================================== variables

  /** Scope chain from the given scope up to the process instance (inclusive). */
  private chain(scopeKey: number): number[] {
    const out: number[] = [];
    let k: number | null = scopeKey;
    while (k !== null) {
      out.push(k);
      const r: { scope: number | null } | undefined = this.store.get<{ scope: number | null }>('SELECT scope FROM elements WHERE key = ?', k);
      k = r ? r.scope : null;
    }
    return out;
  }

  private visible(scopeKey: number): Record<string, unknown> {
    const chain = this.chain(scopeKey).reverse();
    const out: Record<string, unknown> = {};
    for (const s of chain) {
      for (const v of this.store.all<VariableRow>('SELECT name, value FROM variables WHERE scope = ?', s)) out[v.name] = JSON.parse(v.value);
    }
    return out;
  }

  private localVars(scopeKey: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const v of this.store.all<VariableRow>('SELECT name, value FROM variables WHERE scope = ?', scopeKey)) out[v.name] = JSON.parse(v.value);
    return out;
  }

  private setLocal(scopeKey: number, pi: number, vars: Variables, tenant: string) {
    for (const [name, value] of Object.entries(vars)) {
      const json = JSON.stringify(value === undefined ? null : value);
      this.store.run(
        'INSERT INTO variables (key, scope, pi, name, value, tenant) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(scope, name) DO UPDATE SET value = excluded.value',
        this.key(),
        scopeKey,
        pi,
        name,
        json,
        tenant,
      );
    }
  }

  /** Zeebe propagation: update the nearest scope that has the variable, else create it at the root. */
  private propagate(scopeKey: number, pi: number, vars: Variables, tenant: string) {
    const entries = Object.entries(vars);
    if (entries.length === 0) return;
    const chain = this.chain(scopeKey);
    for (const [name, value] of entries) {
      let target = pi;
      for (const s of chain) {
        if (this.store.get('SELECT 1 FROM variables WHERE scope = ? AND name = ?', s, name)) {
          target = s;
          break;
        }
      }
      this.setLocal(target, pi, { [name]: value }, tenant);
    }
  }

  private checkVariables(vars: unknown, what = 'variables'): Variables {
    if (vars === undefined || vars === null) return {};
    if (typeof vars !== 'object' || Array.isArray(vars)) throw Problem.badRequest(`${what} must be a JSON object`);
    const check = (v: unknown, path: string) => {
      if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) {
        throw Problem.badRequest(`${what}: '${path}' is an integer beyond 2^53 (${v}); send it as a string`);
      }
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) check(x, `${path}.${k}`);
    };
    for (const [k, v] of Object.entries(vars)) check(v, k);
    return vars as Variables;
  }

  /** Job / user task / message completion variables: local when output mappings exist, else propagated. */
  private setCompletionVariables(row: ElementRow, el: ElementDef, vars: Variables, tenant: string) {
    if (Object.keys(vars).length === 0) return;
    if (el.outputs.length > 0 && row.type !== 'MULTI_INSTANCE_BODY') this.setLocal(row.key, row.pi, vars, tenant);
    else this.propagate(row.key, row.pi, vars, tenant);
  }

  private applyMappings(mappings: { source: string; target: string }[], context: Record<string, unknown>): Record<string, unknown> {
    const ctx = { ...context };
    const out: Record<string, unknown> = {};
    for (const m of mappings) {
      const value = this.feel.valueOf(m.source, ctx);
      const path = m.target.split('.');
      if (path.length === 1) {
        out[m.target] = value;
        ctx[m.target] = value;
      } else {
        const root = path[0];
        const base = (out[root] ?? ctx[root]) as Record<string, unknown> | undefined;
        const obj: Record<string, unknown> = base && typeof base === 'object' && !Array.isArray(base) ? structuredClone(base) : {};
        let cur = obj;
        for (let i = 1; i < path.length - 1; i++) {
          const next = cur[path[i]];
          cur[path[i]] = next && typeof next === 'object' && !Array.isArray(next) ? next : {};
          cur = cur[path[i]] as Record<string, unknown>;
        }
        cur[path[path.length - 1]] = value;
        out[root] = obj;
        ctx[root] = obj;
      }
    }
    return out;
  }

  // ===================================================================== deployment

  async deploy(resources: DeployResource[], tenantId?: string): Promise<DeploymentResult> {
    const tenant = tenantId || DEFAULT_TENANT;
    if (!Array.isArray(resources) || resources.length === 0) throw Problem.badRequest('Expected to deploy at least one resource, but none given');
    type Prepared =
      | { kind: 'bpmn'; name: string; xml: string; checksum: string; processes: Array<{ model: ProcessModel; name: string | null }> }
      | { kind: 'form'; name: string; schema: string; formId: string; checksum: string };
    const prepared: Prepared[] = [];
    const errors: string[] = [];
    for (const r of resources) {
      const text = r.content.toString('utf8');
      const checksum = createHash('sha256').update(r.content).digest('hex');
      if (/\.(bpmn|bpmn20\.xml)$/i.test(r.name)) {
        try {
          const compiled = await this.compiler.compile(r.name, text);
          prepared.push({ kind: 'bpmn', name: r.name, xml: text, checksum, processes: compiled.processes });
        } catch (err) {
          if (err instanceof ModelValidationError) errors.push(`'${r.name}': ${err.findings.join('; ')}`);
          else errors.push(`'${r.name}': ${err instanceof Error ? err.message : String(err)}`);
        }
      } else if (/\.form$/i.test(r.name)) {
        try {
          const schema = JSON.parse(text) as { id?: unknown };
          if (!schema || typeof schema !== 'object' || typeof schema.id !== 'string' || !schema.id) {
            errors.push(`'${r.name}': the form has no string 'id' property (the form id)`);
          } else prepared.push({ kind: 'form', name: r.name, schema: text, formId: schema.id, checksum });
        } catch (err) {
          errors.push(`'${r.name}': not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
        }
      } else {
        errors.push(`'${r.name}': unsupported resource type; the local runtime deploys .bpmn and .form files (no DMN)`);
      }
    }
    if (errors.length > 0) {
      throw Problem.badRequest(`Expected to deploy new resources, but encountered the following errors:\n${errors.join('\n')}`, { errors });
    }
    const ids = new Set<string>();
    for (const p of prepared) {
      for (const id of p.kind === 'bpmn' ? p.processes.map((x) => x.model.id) : [`form:${p.formId}`]) {
        if (ids.has(id)) throw Problem.badRequest(`Expected to deploy new resources, but found duplicate id '${id.replace(/^form:/, '')}' in the deployment`);
        ids.add(id);
      }
    }
    return this.command(() => {
      const deploymentKey = this.key();
      const result: DeploymentResult = { deploymentKey: String(deploymentKey), tenantId: tenant, deployments: [] };
      for (const p of prepared) {
        if (p.kind === 'form') {
          const latest = this.store.get<FormRow>('SELECT * FROM forms WHERE form_id = ? AND deleted = 0 ORDER BY version DESC LIMIT 1', p.formId);
          let row = latest;
          if (!latest || latest.checksum !== p.checksum) {
            const maxV = this.store.get<{ v: number }>('SELECT MAX(version) AS v FROM forms WHERE form_id = ?', p.formId)?.v ?? 0;
            const key = this.key();
            this.store.run(
              'INSERT INTO forms (key, form_id, version, resource_name, schema, checksum, tenant, deployment_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
              key,
              p.formId,
              maxV + 1,
              p.name,
              p.schema,
              p.checksum,
              tenant,
              deploymentKey,
            );
            row = this.store.get<FormRow>('SELECT * FROM forms WHERE key = ?', key);
          }
          if (row) result.deployments.push({ form: { formId: row.form_id, version: row.version, formKey: String(row.key), resourceName: row.resource_name, tenantId: row.tenant } });
          continue;
        }
        for (const proc of p.processes) {
          const latest = this.store.get<DefinitionRow>('SELECT * FROM definitions WHERE process_id = ? AND deleted = 0 ORDER BY version DESC LIMIT 1', proc.model.id);
          let row = latest;
          const checksum = `${p.checksum}:${proc.model.id}`;
          if (!latest || latest.checksum !== checksum) {
            const maxV = this.store.get<{ v: number }>('SELECT MAX(version) AS v FROM definitions WHERE process_id = ?', proc.model.id)?.v ?? 0;
            const key = this.key();
            this.store.run(
              'INSERT INTO definitions (key, process_id, version, name, version_tag, resource_name, xml, model, checksum, tenant, deployment_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
              key,
              proc.model.id,
              maxV + 1,
              proc.name,
              proc.model.versionTag,
              p.name,
              p.xml,
              JSON.stringify(proc.model),
              checksum,
              tenant,
              deploymentKey,
            );
            row = this.store.get<DefinitionRow>('SELECT * FROM definitions WHERE key = ?', key);
            if (row) this.installStartEvents(row.process_id);
          }
          if (row) {
            result.deployments.push({
              processDefinition: {
                processDefinitionId: row.process_id,
                processDefinitionVersion: row.version,
                processDefinitionKey: String(row.key),
                resourceName: row.resource_name,
                tenantId: row.tenant,
              },
            });
          }
        }
      }
      return result;
    });
  }

  /** Message and timer start events of the latest version of a process replace those of older versions. */
  private installStartEvents(processId: string) {
    const versions = this.store.all<{ key: number }>('SELECT key FROM definitions WHERE process_id = ?', processId);
    for (const v of versions) {
      this.store.run("DELETE FROM subscriptions WHERE kind = 'start' AND def = ?", v.key);
      this.store.run("DELETE FROM timers WHERE kind = 'start' AND def = ?", v.key);
    }
    const latest = this.store.get<DefinitionRow>('SELECT * FROM definitions WHERE process_id = ? AND deleted = 0 ORDER BY version DESC LIMIT 1', processId);
    if (!latest) return;
    const ctx = this.def(latest.key);
    for (const ms of ctx.model.messageStarts) {
      this.store.run(
        "INSERT INTO subscriptions (key, kind, pi, ei, element_id, def, message_name, correlation_key, interrupting, tenant) VALUES (?, 'start', NULL, NULL, ?, ?, ?, '', 1, ?)",
        this.key(),
        ms.elementId,
        ctx.key,
        ms.messageName,
        ctx.tenant,
      );
    }
    for (const ts of ctx.model.timerStarts) {
      let s;
      try {
        const value = Feel.isExpression(ts.timer.expression) ? this.feel.evaluateRaw(ts.timer.expression, {}) : ts.timer.expression;
        s = TimerSpec.schedule(ts.timer.kind, value, this.clock.now());
      } catch (err) {
        throw Problem.badRequest(`Element '${ts.elementId}' (bpmn:StartEvent): invalid timer: ${err instanceof Error ? err.message : String(err)}`);
      }
      this.insertTimer('start', null, null, ts.elementId, ctx, s, true);
    }
  }

  deleteResource(key: Key): void {
    const k = this.parseKey(key, 'resource key');
    this.command(() => {
      const d = this.store.get<DefinitionRow>('SELECT * FROM definitions WHERE key = ? AND deleted = 0', k);
      if (d) {
        this.store.run('UPDATE definitions SET deleted = 1 WHERE key = ?', k);
        this.installStartEvents(d.process_id);
        return;
      }
      const f = this.store.get<FormRow>('SELECT * FROM forms WHERE key = ? AND deleted = 0', k);
      if (f) {
        this.store.run('UPDATE forms SET deleted = 1 WHERE key = ?', k);
        return;
      }
      throw Problem.notFound(`Expected to delete resource with key '${key}', but no such resource was found`);
    });
  }

  processDefinitions(): ProcessDefinitionRecord[] {
    return this.store.all<DefinitionRow>('SELECT key, process_id, version, name, version_tag, resource_name, tenant FROM definitions WHERE deleted = 0 ORDER BY key').map((r) => ({
      processDefinitionKey: String(r.key),
      processDefinitionId: r.process_id,
      name: r.name,
      version: r.version,
      versionTag: r.version_tag,
      resourceName: r.resource_name,
      tenantId: r.tenant,
    }));
  }

  processDefinitionXml(key: Key): string {
    const k = this.parseKey(key, 'processDefinitionKey');
    const r = this.store.get<{ xml: string }>('SELECT xml FROM definitions WHERE key = ? AND deleted = 0', k);
    if (!r) throw Problem.notFound(`Process definition with key '${key}' not found`);
    return r.xml;
  }

  forms(): FormRecord[] {
    return this.store.all<FormRow>('SELECT * FROM forms WHERE deleted = 0 ORDER BY key').map((r) => this.formRecord(r));
  }

  private formRecord(r: FormRow): FormRecord {
    return { formKey: String(r.key), formId: r.form_id, version: r.version, resourceName: r.resource_name, tenantId: r.tenant, schema: r.schema };
  }

  private parseKey(key: unknown, what: string): number {
    const s = typeof key === 'number' ? String(key) : key;
    if (typeof s !== 'string' || !/^\d{1,16}$/.test(s)) throw Problem.badRequest(`${what} '${String(key)}' is not a valid key (a numeric string)`);
    return Number(s);
  }

  // ===================================================================== process instances

  createProcessInstance(req: {
    processDefinitionId?: string;
    processDefinitionKey?: Key;
    processDefinitionVersion?: number;
    variables?: Variables;
    startInstructions?: Array<{ elementId: string }>;
  }): ProcessInstanceRecord {
    const vars = this.checkVariables(req.variables);
    let defRow: DefinitionRow | undefined;
    if (req.processDefinitionKey !== undefined && req.processDefinitionKey !== null) {
      const k = this.parseKey(req.processDefinitionKey, 'processDefinitionKey');
      defRow = this.store.get<DefinitionRow>('SELECT key FROM definitions WHERE key = ? AND deleted = 0', k);
      if (!defRow) throw Problem.notFound(`Expected to find process definition with key '${req.processDefinitionKey}', but none found`);
    } else if (req.processDefinitionId) {
      const v = req.processDefinitionVersion;
      defRow =
        v === undefined || v === null || v === -1
          ? this.store.get<DefinitionRow>('SELECT key FROM definitions WHERE process_id = ? AND deleted = 0 ORDER BY version DESC LIMIT 1', req.processDefinitionId)
          : this.store.get<DefinitionRow>('SELECT key FROM definitions WHERE process_id = ? AND version = ? AND deleted = 0', req.processDefinitionId, v);
      if (!defRow) {
        throw Problem.notFound(
          `Expected to find process definition with process ID '${req.processDefinitionId}'${v !== undefined && v !== -1 ? ` and version '${v}'` : ''}, but none found`,
        );
      }
    } else {
      throw Problem.badRequest('Expected either processDefinitionId or processDefinitionKey, but none given');
    }
    const ctx = this.def(defRow.key);
    const starts = req.startInstructions?.map((s) => s.elementId) ?? [];
    for (const s of starts) {
      const e = ctx.model.elements[s];
      if (!e) throw Problem.badRequest(`Expected to start process instance at element '${s}', but no such element exists in '${ctx.processId}'`);
      if (e.parent !== null || e.kind === 'boundaryEvent' || e.triggeredByEvent) {
        throw Problem.badRequest(`Expected to start process instance at element '${s}', but it is not a direct child of the process or is an event`);
      }
    }
    if (starts.length === 0 && !ctx.model.noneStart) {
      throw Problem.badRequest(`Expected to create instance of process with none start event, but '${ctx.processId}' has no none start event`);
    }
    const pi = this.command(() => this.startInstance(ctx, vars, { startElements: starts }));
    return this.instanceRecord(pi);
  }

  private startInstance(
    ctx: DefCtx,
    vars: Variables,
    opts: { startElements?: string[]; parent?: ElementRow; startCorrelationKey?: string; messageStart?: string; startVars?: Variables },
  ): number {
    const pi = this.key();
    const now = this.nowIso();
    this.store.run(
      'INSERT INTO instances (key, def, process_id, version, name, state, start, end, parent_pi, parent_ei, tenant, start_ck) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)',
      pi,
      ctx.key,
      ctx.processId,
      ctx.version,
      ctx.name,
      'ACTIVE',
      now,
      opts.parent?.pi ?? null,
      opts.parent?.key ?? null,
      ctx.tenant,
      opts.startCorrelationKey ?? null,
    );
    this.store.run(
      "INSERT INTO elements (key, pi, def, element_id, type, name, state, scope, start, end, incident, data) VALUES (?, ?, ?, ?, 'PROCESS', ?, 'ACTIVE', NULL, ?, NULL, NULL, NULL)",
      pi,
      pi,
      ctx.key,
      ctx.processId,
      ctx.name,
      now,
    );
    this.setLocal(pi, pi, vars, ctx.tenant);
    const root = this.row(pi);
    const retry: Retry = { op: 'startProcess', messageStart: opts.messageStart, startElements: opts.startElements, startVars: opts.startVars };
    this.guarded(ctx, root, retry, () => this.runProcessStart(ctx, root, retry));
    return pi;
  }

  /** Opens the process's event subprocess subscriptions and activates its start element(s). */
  private runProcessStart(ctx: DefCtx, root: ElementRow, how: Extract<Retry, { op: 'startProcess' }>) {
    this.openEventSubprocesses(ctx, root, ctx.model.eventSubprocesses);
    if (how.messageStart) {
      this.activateTriggered(ctx, how.messageStart, root, how.startVars ?? {}, {});
    } else if (how.startElements && how.startElements.length > 0) {
      for (const s of how.startElements) this.activate(ctx, s, root);
    } else if (ctx.model.noneStart) {
      this.activate(ctx, ctx.model.noneStart, root);
    }
  }

  awaitCompletion(processInstanceKey: Key, timeoutMs: number, fetchVariables?: string[]): Promise<Variables> {
    const pi = this.parseKey(processInstanceKey, 'processInstanceKey');
    const inst = this.store.get<InstanceRow>('SELECT * FROM instances WHERE key = ?', pi);
    if (!inst) return Promise.reject(Problem.notFound(`Process instance '${processInstanceKey}' not found`));
    if (inst.state === 'COMPLETED') return Promise.resolve(this.filterVars(this.localVars(pi), fetchVariables));
    if (inst.state === 'TERMINATED') return Promise.reject(Problem.conflict(`Process instance '${processInstanceKey}' was terminated`));
    return new Promise<Variables>((resolve, reject) => {
      const set = this.waiters.get(pi) ?? new Set<Waiter>();
      this.waiters.set(pi, set);
      const waiter: Waiter = {
        resolve,
        reject,
        fetch: fetchVariables,
        timer: setTimeout(() => {
          set.delete(waiter);
          reject(Problem.deadlineExceeded(`Expected process instance '${processInstanceKey}' to complete within ${timeoutMs} ms, but it did not`));
        }, Math.max(0, Math.min(timeoutMs, MAX_TIMEOUT))),
      };
      waiter.timer.unref();
      set.add(waiter);
    });
  }

  private filterVars(vars: Variables, names?: string[]): Variables {
    if (!names || names.length === 0) return vars;
    const out: Variables = {};
    for (const n of names) if (n in vars) out[n] = vars[n];
    return out;
  }

  cancelProcessInstance(key: Key): void {
    const pi = this.parseKey(key, 'processInstanceKey');
    this.command(() => {
      const inst = this.store.get<InstanceRow>('SELECT * FROM instances WHERE key = ?', pi);
      if (!inst) throw Problem.notFound(`Expected to cancel a process instance with key '${key}', but no such process was found`);
      if (inst.state !== 'ACTIVE') throw Problem.notFound(`Expected to cancel a process instance with key '${key}', but it is not active`);
      if (inst.parent_pi !== null) {
        throw Problem.conflict(`Expected to cancel a process instance with key '${key}', but it is created by a parent process instance. Cancel the root process instance '${inst.parent_pi}' instead.`);
      }
      this.terminateInstance(pi);
    });
  }

  private terminateInstance(pi: number) {
    const root = this.row(pi);
    this.terminateElement(root);
    this.store.run("UPDATE instances SET state = 'TERMINATED', end = ? WHERE key = ?", this.nowIso(), pi);
    this.afterCommit.push(() => this.settleWaiters(pi, null));
  }

  private settleWaiters(pi: number, vars: Variables | null) {
    const set = this.waiters.get(pi);
    if (!set) return;
    this.waiters.delete(pi);
    for (const w of set) {
      clearTimeout(w.timer);
      if (vars) w.resolve(this.filterVars(vars, w.fetch));
      else w.reject(Problem.conflict(`Process instance '${pi}' was terminated before it completed`));
    }
  }

  processInstances(filter: { processInstanceKey?: Key; state?: InstanceState } = {}): ProcessInstanceRecord[] {
    const sel = "SELECT i.*, EXISTS(SELECT 1 FROM incidents n WHERE n.pi = i.key AND n.state = 'ACTIVE') AS has_incident FROM instances i";
    let rows: InstanceRow[];
    if (filter.processInstanceKey !== undefined) {
      if (!/^\d{1,16}$/.test(String(filter.processInstanceKey))) return [];
      rows = this.store.all<InstanceRow>(`${sel} WHERE i.key = ?`, Number(filter.processInstanceKey));
    } else if (filter.state) rows = this.store.all<InstanceRow>(`${sel} WHERE i.state = ? ORDER BY i.key`, filter.state);
    else rows = this.store.all<InstanceRow>(`${sel} ORDER BY i.key`);
    return rows.filter((r) => !filter.state || r.state === filter.state).map((r) => this.toInstanceRecord(r));
  }

  private instanceRecord(pi: number): ProcessInstanceRecord {
    const r = this.processInstances({ processInstanceKey: String(pi) })[0];
    if (!r) throw new Error(`instance ${pi} missing`);
    return r;
  }

  private toInstanceRecord(r: InstanceRow): ProcessInstanceRecord {
    return {
      processInstanceKey: String(r.key),
      processDefinitionKey: String(r.def),
      processDefinitionId: r.process_id,
      processDefinitionName: r.name,
      processDefinitionVersion: r.version,
      state: r.state as InstanceState,
      hasIncident: r.has_incident === 1,
      startDate: r.start,
      endDate: r.end,
      parentProcessInstanceKey: r.parent_pi === null ? null : String(r.parent_pi),
      parentElementInstanceKey: r.parent_ei === null ? null : String(r.parent_ei),
      tenantId: r.tenant,
    };
  }

  elementInstances(filter: { processInstanceKey?: Key; elementInstanceKey?: Key } = {}): ElementInstanceRecord[] {
    let rows: ElementRow[];
    if (filter.elementInstanceKey !== undefined) {
      if (!/^\d{1,16}$/.test(String(filter.elementInstanceKey))) return [];
      rows = this.store.all<ElementRow>("SELECT * FROM elements WHERE key = ? AND type != 'PROCESS'", Number(filter.elementInstanceKey));
    } else if (filter.processInstanceKey !== undefined) {
      if (!/^\d{1,16}$/.test(String(filter.processInstanceKey))) return [];
      rows = this.store.all<ElementRow>("SELECT * FROM elements WHERE pi = ? AND type != 'PROCESS' ORDER BY key", Number(filter.processInstanceKey));
    } else rows = this.store.all<ElementRow>("SELECT * FROM elements WHERE type != 'PROCESS' ORDER BY key");
    if (filter.processInstanceKey !== undefined) rows = rows.filter((r) => String(r.pi) === String(filter.processInstanceKey));
    return rows.map((r) => {
      const ctx = this.def(r.def);
      return {
        elementInstanceKey: String(r.key),
        flowScopeKey: r.scope === null ? null : String(r.scope),
        elementId: r.element_id,
        elementName: r.name,
        type: r.type,
        state: r.state as InstanceState,
        processInstanceKey: String(r.pi),
        processDefinitionKey: String(r.def),
        processDefinitionId: ctx.processId,
        startDate: r.start,
        endDate: r.end,
        hasIncident: r.incident !== null,
        incidentKey: r.incident === null ? null : String(r.incident),
        tenantId: ctx.tenant,
      };
    });
  }

  variables(filter: { processInstanceKey?: Key; scopeKey?: Key; variableKey?: Key } = {}): VariableRecord[] {
    const isKey = (k: unknown) => /^\d{1,16}$/.test(String(k));
    let rows: VariableRow[];
    if (filter.variableKey !== undefined) rows = isKey(filter.variableKey) ? this.store.all<VariableRow>('SELECT * FROM variables WHERE key = ?', Number(filter.variableKey)) : [];
    else if (filter.scopeKey !== undefined) rows = isKey(filter.scopeKey) ? this.store.all<VariableRow>('SELECT * FROM variables WHERE scope = ? ORDER BY key', Number(filter.scopeKey)) : [];
    else if (filter.processInstanceKey !== undefined) rows = isKey(filter.processInstanceKey) ? this.store.all<VariableRow>('SELECT * FROM variables WHERE pi = ? ORDER BY key', Number(filter.processInstanceKey)) : [];
    else rows = this.store.all<VariableRow>('SELECT * FROM variables ORDER BY key');
    return rows
      .filter((r) => (filter.processInstanceKey === undefined || String(r.pi) === String(filter.processInstanceKey)) && (filter.scopeKey === undefined || String(r.scope) === String(filter.scopeKey)))
      .map((r) => ({ variableKey: String(r.key), name: r.name, value: r.value, scopeKey: String(r.scope), processInstanceKey: String(r.pi), tenantId: r.tenant, isTruncated: false }));
  }

  setVariables(elementInstanceKey: Key, variables: Variables, local: boolean): void {
    const k = this.parseKey(elementInstanceKey, 'elementInstanceKey');
    const vars = this.checkVariables(variables);
    this.command(() => {
      const r = this.store.get<ElementRow>('SELECT * FROM elements WHERE key = ?', k);
      if (!r) throw Problem.notFound(`Expected to update variables for element with key '${elementInstanceKey}', but no such element was found`);
      if (r.state !== 'ACTIVE') throw Problem.notFound(`Expected to update variables for element with key '${elementInstanceKey}', but it is not active`);
      const ctx = this.def(r.def);
      if (local) this.setLocal(r.key, r.pi, vars, ctx.tenant);
      else this.propagate(r.key, r.pi, vars, ctx.tenant);
    });
  }

  // ===================================================================== element lifecycle

  private insertElement(ctx: DefCtx, el: ElementDef, scope: ElementRow, type = el.type, data: ElementData | null = null): ElementRow {
    const key = this.key();
    const now = this.nowIso();
    this.store.run(
      "INSERT INTO elements (key, pi, def, element_id, type, name, state, scope, start, end, incident, data) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, NULL, NULL, ?)",
      key,
      scope.pi,
      ctx.key,
      el.id,
      type,
      el.name,
      scope.key,
      now,
      data ? JSON.stringify(data) : null,
    );
    return { key, pi: scope.pi, def: ctx.key, element_id: el.id, type, name: el.name, state: 'ACTIVE', scope: scope.key, start: now, end: null, incident: null, data: data ? JSON.stringify(data) : null };
  }

  /** A token reaches an element (after any parallel join). */
  private activate(ctx: DefCtx, elementId: string, scope: ElementRow) {
    const el = this.el(ctx, elementId);
    if (this.store.get<{ state: string }>('SELECT state FROM elements WHERE key = ?', scope.key)?.state !== 'ACTIVE') return;
    if (el.loop) {
      const body = this.insertElement(ctx, el, scope, 'MULTI_INSTANCE_BODY');
      this.guarded(ctx, body, { op: 'enter' }, () => this.enterBody(ctx, body, el));
      return;
    }
    const row = this.insertElement(ctx, el, scope);
    this.guarded(ctx, row, { op: 'enter' }, () => this.enter(ctx, row, el, false));
  }

  /** Runs fn in a savepoint; an IncidentError / FeelError rolls it back and raises an incident instead. */
  private guarded(ctx: DefCtx, row: ElementRow, retry: Retry, fn: () => void) {
    const deferredBefore = this.deferred.length;
    try {
      this.store.transaction(fn);
    } catch (err) {
      if (err instanceof IncidentError || err instanceof FeelError) {
        this.deferred.length = Math.min(this.deferred.length, deferredBefore);
        const type = err instanceof IncidentError ? err.errorType : 'EXTRACT_VALUE_ERROR';
        this.raiseIncident(ctx, row, type, err.message, null, retry);
        return;
      }
      throw err;
    }
  }

  private raiseIncident(ctx: DefCtx, row: ElementRow, errorType: string, message: string, jobKey: number | null, retry: Retry): number {
    const key = this.key();
    this.store.run(
      "INSERT INTO incidents (key, error_type, error_message, element_id, ei, job, pi, def, state, creation, tenant, retry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?)",
      key,
      errorType,
      message,
      row.element_id,
      row.key,
      jobKey,
      row.pi,
      ctx.key,
      this.nowIso(),
      ctx.tenant,
      JSON.stringify(retry),
    );
    this.store.run('UPDATE elements SET incident = ? WHERE key = ?', key, row.key);
    this.log?.warn({ incidentKey: String(key), errorType, elementId: row.element_id, processInstanceKey: String(row.pi) }, 'incident raised');
    return key;
  }

  private isInner(row: ElementRow): boolean {
    return row.type !== 'MULTI_INSTANCE_BODY' && this.data(row).inner === true;
  }

  private enter(ctx: DefCtx, row: ElementRow, el: ElementDef, _retry: boolean) {
    if (el.inputs.length > 0) {
      const values = this.applyMappings(el.inputs, this.visible(row.key));
      this.setLocal(row.key, row.pi, values, ctx.tenant);
    }
    const withBoundaries = () => {
      if (!this.isInner(row)) this.openBoundaries(ctx, row, el);
    };
    switch (el.kind) {
      case 'startEvent':
      case 'passThroughTask':
      case 'exclusiveGateway':
      case 'parallelGateway':
      case 'boundaryEvent':
        this.complete(ctx, row, el);
        return;
      case 'endEvent':
        if (el.eventType === 'terminate') {
          this.terminateEnd(ctx, row);
          return;
        }
        if (el.eventType === 'error') {
          const code = Feel.isExpression(el.errorCode) ? this.feel.evaluate(el.errorCode ?? '', this.visible(row.key)) : el.errorCode;
          if (typeof code !== 'string' || !code) throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected the error code '${el.errorCode}' to be a string. Element '${el.id}'.`);
          this.throwError(ctx, row, code, '', {}, null);
          return;
        }
        this.complete(ctx, row, el);
        return;
      case 'scriptTask': {
        const s = el.script;
        if (!s) return;
        withBoundaries();
        const value = this.feel.evaluate(s.expression, this.visible(row.key));
        this.setCompletionVariables(row, el, { [s.resultVariable]: value }, ctx.tenant);
        this.complete(ctx, row, el);
        return;
      }
      case 'jobTask':
        withBoundaries();
        this.createJob(ctx, row, el);
        return;
      case 'userTask':
        withBoundaries();
        this.createUserTask(ctx, row, el);
        return;
      case 'receiveTask':
      case 'intermediateCatchEvent':
        withBoundaries();
        this.openCatch(ctx, row, el, 'catch', row, el);
        return;
      case 'eventBasedGateway':
        for (const fid of el.outgoing) {
          const target = this.el(ctx, ctx.model.flows[fid].target);
          this.openCatch(ctx, row, target, 'gateway', row, el);
        }
        return;
      case 'subProcess':
        if (el.triggeredByEvent) return; // started by activateEventSubprocess
        withBoundaries();
        this.openEventSubprocesses(ctx, row, el.eventSubprocesses ?? []);
        if (el.noneStart) this.activate(ctx, el.noneStart, row);
        return;
      case 'callActivity':
        withBoundaries();
        this.callProcess(ctx, row, el);
        return;
    }
  }

  /** Opens the message subscription or timer of a catch element (catch event, receive task, gateway target). */
  private openCatch(ctx: DefCtx, owner: ElementRow, target: ElementDef, kind: 'catch' | 'gateway' | 'boundary', contextRow: ElementRow, _ownerDef: ElementDef, interrupting = true) {
    if (target.eventType === 'timer' && target.timer) {
      const value = Feel.isExpression(target.timer.expression) ? this.feel.evaluateRaw(target.timer.expression, this.visible(contextRow.key)) : target.timer.expression;
      let s;
      try {
        s = TimerSpec.schedule(target.timer.kind, value, this.clock.now());
      } catch (err) {
        throw new IncidentError('EXTRACT_VALUE_ERROR', `Element '${target.id}': ${err instanceof Error ? err.message : String(err)}`);
      }
      this.insertTimer(kind, owner.pi, owner.key, target.id, ctx, s, interrupting);
      return;
    }
    if (target.eventType === 'message' && target.message) {
      const vars = this.visible(contextRow.key);
      const name = Feel.isExpression(target.message.name) ? this.feel.evaluate(target.message.name, vars) : target.message.name;
      if (typeof name !== 'string' || !name) throw new IncidentError('EXTRACT_VALUE_ERROR', `Element '${target.id}': the message name expression did not evaluate to a string`);
      const ck = this.correlationKey(target, vars);
      const key = this.key();
      this.store.run(
        'INSERT INTO subscriptions (key, kind, pi, ei, element_id, def, message_name, correlation_key, interrupting, tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        key,
        kind,
        owner.pi,
        owner.key,
        target.id,
        ctx.key,
        name,
        ck,
        interrupting ? 1 : 0,
        ctx.tenant,
      );
      this.deferred.push(() => this.correlateBuffered(key));
    }
  }

  private correlationKey(target: ElementDef, vars: Record<string, unknown>): string {
    const expr = target.message?.correlationKey ?? '';
    const v = Feel.isExpression(expr) ? this.feel.evaluate(expr, vars) : expr;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    throw new IncidentError(
      'EXTRACT_VALUE_ERROR',
      `Failed to extract the correlation key for '${expr}': The value must be either a string or a number, but was ${v === null ? 'NULL' : typeof v}. Element '${target.id}'.`,
    );
  }

  private insertTimer(kind: string, pi: number | null, ei: number | null, elementId: string, ctx: DefCtx, s: { due: number; repetitions: number; interval: string | null }, interrupting: boolean) {
    this.store.run(
      'INSERT INTO timers (key, kind, pi, ei, element_id, def, due, repetitions, interval, interrupting, tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      this.key(),
      kind,
      pi,
      ei,
      elementId,
      ctx.key,
      s.due,
      s.repetitions,
      s.interval,
      interrupting ? 1 : 0,
      ctx.tenant,
    );
  }

  private openBoundaries(ctx: DefCtx, row: ElementRow, el: ElementDef) {
    for (const bid of el.boundaries) {
      const b = this.el(ctx, bid);
      if (b.eventType === 'message' || b.eventType === 'timer') this.openCatch(ctx, row, b, 'boundary', row, el, b.interrupting !== false);
    }
  }

  private openEventSubprocesses(ctx: DefCtx, scope: ElementRow, ids: string[]) {
    for (const id of ids) {
      const sub = this.el(ctx, id);
      const start = sub.startEvent ? this.el(ctx, sub.startEvent) : undefined;
      if (!start) continue;
      const interrupting = start.interrupting !== false;
      if (start.eventType === 'timer' && start.timer) {
        const value = Feel.isExpression(start.timer.expression) ? this.feel.evaluateRaw(start.timer.expression, this.visible(scope.key)) : start.timer.expression;
        let s;
        try {
          s = TimerSpec.schedule(start.timer.kind, value, this.clock.now());
        } catch (err) {
          throw new IncidentError('EXTRACT_VALUE_ERROR', `Element '${start.id}': ${err instanceof Error ? err.message : String(err)}`);
        }
        this.insertTimer('eventsub', scope.pi, scope.key, id, ctx, s, interrupting);
      } else if (start.eventType === 'message' && start.message) {
        const vars = this.visible(scope.key);
        const ck = this.correlationKey(start, vars);
        const key = this.key();
        this.store.run(
          "INSERT INTO subscriptions (key, kind, pi, ei, element_id, def, message_name, correlation_key, interrupting, tenant) VALUES (?, 'eventsub', ?, ?, ?, ?, ?, ?, ?, ?)",
          key,
          scope.pi,
          scope.key,
          id,
          ctx.key,
          start.message.name,
          ck,
          interrupting ? 1 : 0,
          ctx.tenant,
        );
        this.deferred.push(() => this.correlateBuffered(key));
      }
    }
  }

  private closeWaits(eiKey: number) {
    this.store.run('DELETE FROM subscriptions WHERE ei = ?', eiKey);
    this.store.run('DELETE FROM timers WHERE ei = ?', eiKey);
  }

  /** Activates an event that was triggered (boundary, gateway target, event subprocess start) and completes it. */
  private activateTriggered(ctx: DefCtx, elementId: string, scope: ElementRow, vars: Variables, extraContext: Record<string, unknown>) {
    const el = this.el(ctx, elementId);
    const row = this.insertElement(ctx, el, scope);
    this.guarded(ctx, row, { op: 'complete' }, () => {
      if (Object.keys(vars).length > 0) this.setCompletionVariables(row, el, vars, ctx.tenant);
      this.complete(ctx, row, el, extraContext);
    });
  }

  /** Leaves an element: gateway decision, output mappings, then the outgoing flows. */
  private complete(ctx: DefCtx, row: ElementRow, el: ElementDef, extraContext: Record<string, unknown> = {}) {
    let flows = el.outgoing;
    if (el.kind === 'exclusiveGateway' && row.type !== 'MULTI_INSTANCE_BODY') {
      flows = [this.chooseFlow(ctx, row, el)];
    }
    if (el.outputs.length > 0 && row.type !== 'MULTI_INSTANCE_BODY') {
      const values = this.applyMappings(el.outputs, { ...this.visible(row.key), ...extraContext });
      const scopeKey = row.scope ?? row.pi;
      this.propagate(scopeKey, row.pi, values, ctx.tenant);
    }
    this.closeWaits(row.key);
    this.store.run("UPDATE elements SET state = 'COMPLETED', end = ? WHERE key = ?", this.nowIso(), row.key);
    row.state = 'COMPLETED';
    if (row.type === 'MULTI_INSTANCE_BODY') {
      if (el.loop?.outputCollection) {
        const local = this.localVars(row.key);
        this.propagate(row.scope ?? row.pi, row.pi, { [el.loop.outputCollection]: local[el.loop.outputCollection] ?? [] }, ctx.tenant);
      }
    } else if (this.isInner(row)) {
      this.innerCompleted(ctx, row, el);
      return;
    }
    if (row.type === 'PROCESS') return;
    const scope = this.row(row.scope ?? row.pi);
    for (const fid of flows) this.takeFlow(ctx, fid, scope);
    if (flows.length === 0) this.maybeCompleteScope(ctx, scope);
  }

  private chooseFlow(ctx: DefCtx, row: ElementRow, el: ElementDef): string {
    if (el.outgoing.length === 1 && !ctx.model.flows[el.outgoing[0]].condition) return el.outgoing[0];
    const vars = this.visible(row.key);
    for (const fid of el.outgoing) {
      const f = ctx.model.flows[fid];
      if (fid === el.defaultFlow || !f.condition) continue;
      const v = this.feel.evaluateRaw(f.condition, vars);
      if (typeof v !== 'boolean') {
        throw new IncidentError(
          'CONDITION_ERROR',
          `Expected result of the expression '${f.condition}' to be 'BOOLEAN', but was '${v === null || v === undefined ? 'NULL' : typeof v}'. Element '${el.id}', sequence flow '${fid}'.`,
        );
      }
      if (v) return fid;
    }
    if (el.defaultFlow) return el.defaultFlow;
    throw new IncidentError(
      'CONDITION_ERROR',
      `Expected at least one condition to evaluate to true, or to have a default flow. Element '${el.id}', conditions: ${el.outgoing
        .map((f) => ctx.model.flows[f].condition)
        .filter(Boolean)
        .join(', ')}`,
    );
  }

  private takeFlow(ctx: DefCtx, flowId: string, scope: ElementRow) {
    const flow = ctx.model.flows[flowId];
    const target = this.el(ctx, flow.target);
    if (target.kind === 'parallelGateway' && target.incoming.length > 1) {
      const fresh = this.row(scope.key);
      const data = this.data(fresh);
      const joins = (data.joins ??= {});
      const arrived = (joins[target.id] ??= {});
      arrived[flowId] = (arrived[flowId] ?? 0) + 1;
      if (target.incoming.every((f) => (arrived[f] ?? 0) > 0)) {
        for (const f of target.incoming) {
          arrived[f] -= 1;
          if (arrived[f] === 0) delete arrived[f];
        }
        if (Object.keys(arrived).length === 0) delete joins[target.id];
        this.setData(scope.key, data);
        this.activate(ctx, target.id, scope);
      } else {
        this.setData(scope.key, data);
      }
      return;
    }
    this.activate(ctx, target.id, scope);
  }

  private maybeCompleteScope(ctx: DefCtx, scopeIn: ElementRow) {
    const scope = this.row(scopeIn.key);
    if (scope.state !== 'ACTIVE') return;
    if (scope.type === 'MULTI_INSTANCE_BODY') return;
    const active = this.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM elements WHERE scope = ? AND state = 'ACTIVE'", scope.key)?.n ?? 0;
    if (active > 0) return;
    const joins = this.data(scope).joins;
    if (joins && Object.keys(joins).length > 0) return;
    if (scope.type === 'PROCESS') {
      this.completeInstance(ctx, scope);
      return;
    }
    const el = this.el(ctx, scope.element_id);
    this.guarded(ctx, scope, { op: 'complete' }, () => this.complete(ctx, scope, el));
  }

  private completeInstance(ctx: DefCtx, root: ElementRow) {
    const pi = root.pi;
    this.closeWaits(pi);
    const now = this.nowIso();
    this.store.run("UPDATE elements SET state = 'COMPLETED', end = ? WHERE key = ?", now, pi);
    this.store.run("UPDATE instances SET state = 'COMPLETED', end = ? WHERE key = ?", now, pi);
    const inst = this.store.get<InstanceRow>('SELECT * FROM instances WHERE key = ?', pi);
    const vars = this.localVars(pi);
    this.afterCommit.push(() => this.settleWaiters(pi, vars));
    if (inst?.parent_ei !== null && inst?.parent_ei !== undefined) {
      const ca = this.store.get<ElementRow>('SELECT * FROM elements WHERE key = ?', inst.parent_ei);
      if (ca && ca.state === 'ACTIVE') {
        const pctx = this.def(ca.def);
        const el = this.el(pctx, ca.element_id);
        this.guarded(pctx, ca, { op: 'complete' }, () => {
          if (el.calledElement?.propagateAllChildVariables !== false) this.setCompletionVariables(ca, el, vars, pctx.tenant);
          else if (el.outputs.length > 0) this.setLocal(ca.key, ca.pi, vars, pctx.tenant);
          this.complete(pctx, ca, el);
        });
      }
    }
    if (inst?.start_ck) {
      const processId = inst.process_id;
      const ck = inst.start_ck;
      this.deferred.push(() => this.startFromBufferedMessage(processId, ck));
    }
  }

  /** Terminates an element instance and everything below it; no continuation. */
  private terminateElement(row: ElementRow) {
    if (row.state !== 'ACTIVE') return;
    for (const child of this.store.all<ElementRow>("SELECT * FROM elements WHERE scope = ? AND state = 'ACTIVE'", row.key)) this.terminateElement(child);
    const now = this.nowIso();
    this.store.run("UPDATE jobs SET state = 'CANCELED' WHERE ei = ? AND state != 'CANCELED'", row.key);
    this.store.run("DELETE FROM jobs WHERE ei = ? AND state = 'CANCELED'", row.key);
    this.store.run("UPDATE user_tasks SET state = 'CANCELED', completion = ? WHERE ei = ? AND state = 'CREATED'", now, row.key);
    this.store.run("UPDATE incidents SET state = 'RESOLVED' WHERE ei = ? AND state = 'ACTIVE'", row.key);
    this.closeWaits(row.key);
    if (row.type === 'CALL_ACTIVITY') {
      for (const child of this.store.all<InstanceRow>("SELECT * FROM instances WHERE parent_ei = ? AND state = 'ACTIVE'", row.key)) {
        this.terminateElement(this.row(child.key));
        this.store.run("UPDATE instances SET state = 'TERMINATED', end = ? WHERE key = ?", now, child.key);
        const ck = child.key;
        this.afterCommit.push(() => this.settleWaiters(ck, null));
      }
    }
    this.store.run("UPDATE elements SET state = 'TERMINATED', end = ?, incident = NULL WHERE key = ?", now, row.key);
    row.state = 'TERMINATED';
  }

  private terminateChildren(scope: ElementRow) {
    for (const child of this.store.all<ElementRow>("SELECT * FROM elements WHERE scope = ? AND state = 'ACTIVE'", scope.key)) this.terminateElement(child);
    const fresh = this.row(scope.key);
    const data = this.data(fresh);
    if (data.joins) {
      delete data.joins;
      this.setData(scope.key, data);
    }
  }

  private terminateEnd(ctx: DefCtx, row: ElementRow) {
    this.store.run("UPDATE elements SET state = 'COMPLETED', end = ? WHERE key = ?", this.nowIso(), row.key);
    const scope = this.row(row.scope ?? row.pi);
    this.terminateChildren(scope);
    if (scope.type === 'PROCESS') this.store.run("DELETE FROM subscriptions WHERE ei = ? AND kind = 'eventsub'", scope.key);
    this.maybeCompleteScope(ctx, scope);
  }

  // ===================================================================== multi-instance

  private enterBody(ctx: DefCtx, body: ElementRow, el: ElementDef) {
    const loop = el.loop;
    if (!loop) return;
    this.openBoundaries(ctx, body, el);
    const collection = this.feel.evaluate(loop.inputCollection, this.visible(body.key));
    if (!Array.isArray(collection)) {
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `Expected result of the expression '${loop.inputCollection}' to be 'ARRAY', but was '${collection === null ? 'NULL' : typeof collection}'. Element '${el.id}'.`,
      );
    }
    const data: ElementData = { mi: { items: collection, next: 0, completed: 0, total: collection.length } };
    this.setData(body.key, data);
    body.data = JSON.stringify(data);
    if (loop.outputCollection) this.setLocal(body.key, body.pi, { [loop.outputCollection]: collection.map(() => null) }, ctx.tenant);
    if (collection.length === 0) {
      this.complete(ctx, body, el);
      return;
    }
    const n = loop.sequential ? 1 : collection.length;
    for (let i = 0; i < n; i++) this.startInner(ctx, body, el);
  }

  private startInner(ctx: DefCtx, bodyIn: ElementRow, el: ElementDef) {
    const body = this.row(bodyIn.key);
    const data = this.data(body);
    const mi = data.mi;
    if (!mi || mi.next >= mi.total) return;
    const index = mi.next;
    mi.next += 1;
    this.setData(body.key, data);
    const inner = this.insertElement(ctx, el, body, el.type, { inner: true });
    const local: Variables = { loopCounter: index + 1 };
    if (el.loop?.inputElement) local[el.loop.inputElement] = mi.items[index];
    this.setLocal(inner.key, inner.pi, local, ctx.tenant);
    this.guarded(ctx, inner, { op: 'enter' }, () => this.enter(ctx, inner, el, false));
  }

  private innerCompleted(ctx: DefCtx, inner: ElementRow, el: ElementDef) {
    const body = this.row(inner.scope ?? inner.pi);
    if (body.state !== 'ACTIVE') return;
    const loop = el.loop;
    const data = this.data(body);
    const mi = data.mi;
    if (!loop || !mi) return;
    mi.completed += 1;
    this.setData(body.key, data);
    const innerVars = this.visible(inner.key);
    if (loop.outputCollection && loop.outputElement) {
      const value = this.feel.evaluate(loop.outputElement, innerVars);
      const current = this.localVars(body.key)[loop.outputCollection];
      const list = Array.isArray(current) ? [...current] : [];
      const idx = Number(this.localVars(inner.key).loopCounter ?? mi.completed) - 1;
      list[idx] = value;
      this.setLocal(body.key, body.pi, { [loop.outputCollection]: list }, ctx.tenant);
    }
    if (loop.completionCondition) {
      const done = this.feel.evaluateRaw(loop.completionCondition, this.visible(body.key));
      if (done === true) {
        this.terminateChildren(body);
        this.complete(ctx, body, el);
        return;
      }
    }
    if (loop.sequential && mi.next < mi.total) {
      this.startInner(ctx, body, el);
      return;
    }
    if (mi.completed >= mi.total) {
      const active = this.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM elements WHERE scope = ? AND state = 'ACTIVE'", body.key)?.n ?? 0;
      if (active === 0) this.complete(ctx, body, el);
    }
  }

  // ===================================================================== call activity

  private callProcess(ctx: DefCtx, row: ElementRow, el: ElementDef) {
    const ce = el.calledElement;
    if (!ce) return;
    const vars = this.visible(row.key);
    const pid = Feel.isExpression(ce.processId) ? this.feel.evaluate(ce.processId, vars) : ce.processId;
    if (typeof pid !== 'string' || !pid) throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected the called element expression '${ce.processId}' to be a string. Element '${el.id}'.`);
    const binding = ce.binding ?? { type: 'latest' };
    const d =
      binding.type === 'deployment'
        ? this.store.get<DefinitionRow>(
            'SELECT key FROM definitions WHERE process_id = ? AND deleted = 0 AND deployment_key = (SELECT deployment_key FROM definitions WHERE key = ?) ORDER BY version DESC LIMIT 1',
            pid,
            ctx.key,
          )
        : binding.type === 'versionTag'
          ? this.store.get<DefinitionRow>('SELECT key FROM definitions WHERE process_id = ? AND version_tag = ? AND deleted = 0 ORDER BY version DESC LIMIT 1', pid, binding.versionTag ?? '')
          : this.store.get<DefinitionRow>('SELECT key FROM definitions WHERE process_id = ? AND deleted = 0 ORDER BY version DESC LIMIT 1', pid);
    if (!d) {
      const how = binding.type === 'deployment' ? ' in the same deployment' : binding.type === 'versionTag' ? ` with version tag '${binding.versionTag}'` : '';
      throw new IncidentError('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${pid}'${how} to be deployed, but not found.`);
    }
    const child = this.def(d.key);
    if (!child.model.noneStart) throw new IncidentError('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${pid}' to have a none start event, but not found.`);
    const childVars = ce.propagateAllParentVariables ? vars : this.localVars(row.key);
    this.startInstance(child, childVars, { parent: row });
  }

  // ===================================================================== errors

  private findErrorCatch(from: ElementRow, code: string): ErrorCatch | null {
    let current: ElementRow | undefined = from;
    const matches = (c: string | null | undefined) => !c || c === code;
    let first = true;
    while (current) {
      const ctx = this.def(current.def);
      if (current.type !== 'PROCESS' && !(this.isInner(current))) {
        const el = ctx.model.elements[current.element_id];
        if (el && (!first || el.kind !== 'endEvent')) {
          const candidates = el.boundaries.map((b) => ctx.model.elements[b]).filter((b) => b && b.eventType === 'error');
          const exact = candidates.find((b) => b.errorCode === code) ?? candidates.find((b) => matches(b.errorCode));
          if (exact) return { kind: 'boundary', activity: current, boundaryId: exact.id, ctx };
        }
      }
      first = false;
      // event subprocesses in the flow scope of the current element
      const scopeKey: number | null = current.type === 'PROCESS' ? null : (current.scope ?? null);
      if (scopeKey === null) {
        const inst: InstanceRow | undefined = this.store.get<InstanceRow>('SELECT * FROM instances WHERE key = ?', current.pi);
        current = inst?.parent_ei ? this.store.get<ElementRow>('SELECT * FROM elements WHERE key = ?', inst.parent_ei) : undefined;
        continue;
      }
      const scope = this.row(scopeKey);
      const subs =
        scope.type === 'PROCESS'
          ? ctx.model.eventSubprocesses
          : scope.type === 'MULTI_INSTANCE_BODY'
            ? []
            : (ctx.model.elements[scope.element_id]?.eventSubprocesses ?? []);
      const errorSubs = subs
        .map((id) => ctx.model.elements[id])
        .map((s) => ({ s, start: s?.startEvent ? ctx.model.elements[s.startEvent] : undefined }))
        .filter((x) => x.start && x.start.eventType === 'error');
      const hit = errorSubs.find((x) => x.start?.errorCode === code) ?? errorSubs.find((x) => matches(x.start?.errorCode));
      if (hit) return { kind: 'eventsub', scope, eventSubId: hit.s.id, ctx };
      current = scope;
    }
    return null;
  }

  /** Throws a BPMN error from an element; an uncaught error becomes an incident (never a crash). */
  private throwError(ctx: DefCtx, from: ElementRow, code: string, message: string, vars: Variables, jobKey: number | null): boolean {
    const c = this.findErrorCatch(from, code);
    if (!c) {
      const msg = `Expected to throw an error event with the code '${code}'${message ? ` with message '${message}'` : ''}, but it was not caught. No error events are available in the scope.`;
      if (jobKey !== null) {
        this.store.run("UPDATE jobs SET state = 'ERROR_THROWN', error_message = ? WHERE key = ?", message || null, jobKey);
        this.raiseIncident(ctx, from, 'UNHANDLED_ERROR_EVENT', msg, jobKey, { op: 'job' });
      } else {
        throw new IncidentError('UNHANDLED_ERROR_EVENT', msg);
      }
      return false;
    }
    if (jobKey !== null) this.store.run('DELETE FROM jobs WHERE key = ?', jobKey);
    const extra = { errorCode: code, errorMessage: message };
    if (c.kind === 'boundary') {
      const scope = this.row(c.activity.scope ?? c.activity.pi);
      this.terminateElement(c.activity);
      this.activateTriggered(c.ctx, c.boundaryId, scope, vars, extra);
    } else {
      this.triggerEventSubprocess(c.ctx, c.scope, c.eventSubId, true, vars, extra);
    }
    return true;
  }

  private triggerEventSubprocess(ctx: DefCtx, scopeIn: ElementRow, eventSubId: string, interrupting: boolean, vars: Variables, extra: Record<string, unknown>) {
    const scope = this.row(scopeIn.key);
    if (scope.state !== 'ACTIVE') return;
    if (interrupting) {
      this.terminateChildren(scope);
      this.store.run("DELETE FROM subscriptions WHERE ei = ? AND kind = 'eventsub'", scope.key);
      this.store.run("DELETE FROM timers WHERE ei = ? AND kind = 'eventsub'", scope.key);
    }
    const sub = this.el(ctx, eventSubId);
    const subRow = this.insertElement(ctx, sub, scope);
    if (sub.startEvent) this.activateTriggered(ctx, sub.startEvent, subRow, vars, extra);
  }

  // ===================================================================== jobs

  private createJob(ctx: DefCtx, row: ElementRow, el: ElementDef) {
    const job = el.job;
    if (!job) return;
    const vars = Feel.isExpression(job.type) || Feel.isExpression(job.retries) ? this.visible(row.key) : {};
    const type = this.feel.valueOf(job.type, vars);
    if (typeof type !== 'string' || !type) throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected result of the expression '${job.type}' to be 'STRING', but was '${type === null ? 'NULL' : typeof type}'.`);
    const retriesV = this.feel.valueOf(job.retries, vars);
    const retries = Number(retriesV);
    if (!Number.isInteger(retries)) throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected retries '${job.retries}' to be a number, but was '${String(retriesV)}'.`);
    this.store.run(
      "INSERT INTO jobs (key, type, state, pi, ei, def, element_id, retries, deadline, backoff_until, worker, headers, error_message, tenant) VALUES (?, ?, 'ACTIVATABLE', ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL, ?)",
      this.key(),
      type,
      row.pi,
      row.key,
      ctx.key,
      el.id,
      retries,
      JSON.stringify(job.headers),
      ctx.tenant,
    );
    this.afterCommit.push(() => this.notifyJobs(type));
  }

  activateJobs(req: { type: string; worker: string; timeout: number; maxJobsToActivate: number; fetchVariable?: string[]; tenantIds?: string[] }): ActivatedJob[] {
    if (typeof req.type !== 'string' || !req.type) throw Problem.badRequest('Expected a job type, but none given');
    const max = Number.isInteger(req.maxJobsToActivate) && req.maxJobsToActivate > 0 ? req.maxJobsToActivate : 32;
    const timeout = Number.isFinite(req.timeout) && req.timeout > 0 ? req.timeout : 300000;
    return this.command(() => {
      const now = this.clock.now();
      const rows = this.store.all<JobRow>(
        "SELECT * FROM jobs WHERE type = ? AND ((state = 'ACTIVATABLE' AND (backoff_until IS NULL OR backoff_until <= ?)) OR (state = 'ACTIVATED' AND deadline <= ?)) ORDER BY key LIMIT ?",
        req.type,
        now,
        now,
        max,
      );
      const out: ActivatedJob[] = [];
      for (const j of rows) {
        const deadline = now + timeout;
        this.store.run("UPDATE jobs SET state = 'ACTIVATED', deadline = ?, worker = ? WHERE key = ?", deadline, req.worker ?? '', j.key);
        const ctx = this.def(j.def);
        out.push({
          jobKey: String(j.key),
          type: j.type,
          processInstanceKey: String(j.pi),
          processDefinitionId: ctx.processId,
          processDefinitionVersion: ctx.version,
          processDefinitionKey: String(j.def),
          elementId: j.element_id,
          elementInstanceKey: String(j.ei),
          customHeaders: JSON.parse(j.headers),
          worker: req.worker ?? '',
          retries: j.retries,
          deadline,
          variables: this.filterVars(this.visible(j.ei), req.fetchVariable),
          tenantId: j.tenant,
          kind: 'BPMN_ELEMENT',
          listenerEventType: 'UNSPECIFIED',
        });
      }
      return out;
    });
  }

  onJobsAvailable(type: string, listener: () => void): () => void {
    const set = this.jobListeners.get(type) ?? new Set();
    this.jobListeners.set(type, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.jobListeners.delete(type);
    };
  }

  private job(jobKey: Key): JobRow {
    const k = this.parseKey(jobKey, 'jobKey');
    const j = this.store.get<JobRow>('SELECT * FROM jobs WHERE key = ?', k);
    if (!j || j.state === 'CANCELED') throw Problem.notFound(`Expected to find job with key '${jobKey}', but no such job was found`);
    return j;
  }

  completeJob(jobKey: Key, variables?: Variables): void {
    const vars = this.checkVariables(variables);
    this.command(() => {
      const j = this.job(jobKey);
      if (j.state === 'FAILED' || j.state === 'ERROR_THROWN') throw Problem.conflict(`Expected to complete job with key '${jobKey}', but it is in state '${j.state}' (it has an incident)`);
      this.store.run('DELETE FROM jobs WHERE key = ?', j.key);
      const row = this.row(j.ei);
      if (row.state !== 'ACTIVE') return;
      const ctx = this.def(j.def);
      const el = this.el(ctx, row.element_id);
      this.guarded(ctx, row, { op: 'complete' }, () => {
        this.setCompletionVariables(row, el, vars, ctx.tenant);
        this.complete(ctx, row, el);
      });
    });
  }

  failJob(jobKey: Key, req: { retries?: number; errorMessage?: string; retryBackOff?: number; variables?: Variables }): void {
    const vars = this.checkVariables(req.variables);
    this.command(() => {
      const j = this.job(jobKey);
      if (j.state !== 'ACTIVATED' && j.state !== 'ACTIVATABLE') throw Problem.conflict(`Expected to fail job with key '${jobKey}', but it is in state '${j.state}'`);
      const retries = typeof req.retries === 'number' && Number.isFinite(req.retries) ? Math.trunc(req.retries) : j.retries - 1;
      const ctx = this.def(j.def);
      const row = this.row(j.ei);
      if (Object.keys(vars).length > 0) this.setLocal(row.key, row.pi, vars, ctx.tenant);
      const backoff = typeof req.retryBackOff === 'number' && req.retryBackOff > 0 ? req.retryBackOff : 0;
      if (retries > 0) {
        this.store.run(
          "UPDATE jobs SET state = 'ACTIVATABLE', retries = ?, deadline = NULL, worker = NULL, backoff_until = ?, error_message = ? WHERE key = ?",
          retries,
          backoff > 0 ? this.clock.now() + backoff : null,
          req.errorMessage ?? null,
          j.key,
        );
        if (backoff === 0) this.afterCommit.push(() => this.notifyJobs(j.type));
      } else {
        this.store.run("UPDATE jobs SET state = 'FAILED', retries = 0, deadline = NULL, error_message = ? WHERE key = ?", req.errorMessage ?? null, j.key);
        this.raiseIncident(ctx, row, 'JOB_NO_RETRIES', req.errorMessage || 'No more retries left.', j.key, { op: 'job' });
      }
    });
  }

  throwJobError(jobKey: Key, req: { errorCode: string; errorMessage?: string; variables?: Variables }): void {
    const vars = this.checkVariables(req.variables);
    if (typeof req.errorCode !== 'string' || !req.errorCode) throw Problem.badRequest('Expected an errorCode, but none given');
    this.command(() => {
      const j = this.job(jobKey);
      if (j.state !== 'ACTIVATED' && j.state !== 'ACTIVATABLE') throw Problem.conflict(`Expected to throw an error for job with key '${jobKey}', but it is in state '${j.state}'`);
      const ctx = this.def(j.def);
      const row = this.row(j.ei);
      this.throwError(ctx, row, req.errorCode, req.errorMessage ?? '', vars, j.key);
    });
  }

  updateJob(jobKey: Key, changeset: { retries?: number; timeout?: number }): void {
    this.command(() => {
      const j = this.job(jobKey);
      if (changeset.retries !== undefined && changeset.retries !== null) {
        if (!Number.isInteger(changeset.retries) || changeset.retries < 1) throw Problem.badRequest(`Expected retries to be a positive integer, but was '${changeset.retries}'`);
        this.store.run('UPDATE jobs SET retries = ? WHERE key = ?', changeset.retries, j.key);
      }
      if (changeset.timeout !== undefined && changeset.timeout !== null) {
        if (!Number.isFinite(changeset.timeout) || changeset.timeout < 0) throw Problem.badRequest(`Expected timeout to be a positive number, but was '${changeset.timeout}'`);
        if (j.state !== 'ACTIVATED') throw Problem.conflict(`Expected to update the timeout of job '${jobKey}', but it is not activated`);
        this.store.run('UPDATE jobs SET deadline = ? WHERE key = ?', this.clock.now() + changeset.timeout, j.key);
      }
    });
  }

  // ===================================================================== messages

  publishMessage(req: { name: string; correlationKey?: string; timeToLive?: number; messageId?: string; variables?: Variables }): { messageKey: Key } {
    const vars = this.checkVariables(req.variables);
    if (typeof req.name !== 'string' || !req.name) throw Problem.badRequest('Expected a message name, but none given');
    const ck = req.correlationKey === undefined || req.correlationKey === null ? '' : String(req.correlationKey);
    const ttl = typeof req.timeToLive === 'number' && req.timeToLive > 0 ? req.timeToLive : 0;
    return this.command(() => {
      const now = this.clock.now();
      this.store.run('DELETE FROM messages WHERE expires <= ?', now);
      this.store.run('DELETE FROM message_correlations WHERE message NOT IN (SELECT key FROM messages)');
      if (req.messageId) {
        const dup = this.store.get('SELECT 1 FROM messages WHERE name = ? AND correlation_key = ? AND message_id = ?', req.name, ck, req.messageId);
        if (dup) {
          throw Problem.alreadyExists(
            `Expected to publish a new message with id '${req.messageId}', but a message with that id was already published`,
          );
        }
      }
      const messageKey = this.key();
      const targets = this.correlateNew(messageKey, req.name, ck, vars);
      if (ttl > 0) {
        this.store.run(
          'INSERT INTO messages (key, name, correlation_key, message_id, variables, expires, tenant) VALUES (?, ?, ?, ?, ?, ?, ?)',
          messageKey,
          req.name,
          ck,
          req.messageId ?? null,
          JSON.stringify(vars),
          now + ttl,
          DEFAULT_TENANT,
        );
        for (const t of targets.correlations) this.store.run('INSERT OR IGNORE INTO message_correlations (message, target) VALUES (?, ?)', messageKey, t);
      }
      return { messageKey: String(messageKey) };
    });
  }

  correlateMessage(req: { name: string; correlationKey?: string; variables?: Variables }): { messageKey: Key; processInstanceKey: Key } {
    const vars = this.checkVariables(req.variables);
    if (typeof req.name !== 'string' || !req.name) throw Problem.badRequest('Expected a message name, but none given');
    const ck = req.correlationKey === undefined || req.correlationKey === null ? '' : String(req.correlationKey);
    return this.command(() => {
      const messageKey = this.key();
      const r = this.correlateNew(messageKey, req.name, ck, vars);
      if (r.instances.length === 0) {
        throw Problem.notFound(
          `Expected to find subscription for message with name '${req.name}' and correlation key '${ck}', but none was found.`,
        );
      }
      return { messageKey: String(messageKey), processInstanceKey: String(r.instances[0]) };
    });
  }

  /** Correlates a new message to message start events and to every waiting instance (once per instance). */
  private correlateNew(messageKey: number, name: string, ck: string, vars: Variables): { instances: number[]; correlations: string[] } {
    const instances: number[] = [];
    const correlations: string[] = [];
    const seenPi = new Set<number>();
    const starts = this.store.all<SubscriptionRow>("SELECT * FROM subscriptions WHERE kind = 'start' AND message_name = ? ORDER BY key", name);
    const seenProcesses = new Set<string>();
    for (const s of starts) {
      const ctx = this.def(s.def);
      if (seenProcesses.has(ctx.processId)) continue;
      seenProcesses.add(ctx.processId);
      if (ck && this.store.get("SELECT 1 FROM instances WHERE process_id = ? AND start_ck = ? AND state = 'ACTIVE'", ctx.processId, ck)) continue;
      const pi = this.startInstance(ctx, {}, { messageStart: s.element_id, startCorrelationKey: ck || undefined, startVars: vars });
      instances.push(pi);
      correlations.push(`start:${ctx.processId}`, `pi:${pi}`);
      seenPi.add(pi);
    }
    const subs = this.store.all<SubscriptionRow>("SELECT * FROM subscriptions WHERE kind != 'start' AND message_name = ? AND correlation_key = ? ORDER BY key", name, ck);
    for (const s of subs) {
      if (s.pi === null || seenPi.has(s.pi)) continue;
      if (!this.store.get('SELECT 1 FROM subscriptions WHERE key = ?', s.key)) continue; // closed by an earlier trigger
      seenPi.add(s.pi);
      this.triggerSubscription(s, vars);
      instances.push(s.pi);
      correlations.push(`pi:${s.pi}`);
    }
    void messageKey;
    return { instances, correlations };
  }

  /** A freshly opened subscription looks for a buffered message it has not yet received. */
  private correlateBuffered(subKey: number) {
    const s = this.store.get<SubscriptionRow>('SELECT * FROM subscriptions WHERE key = ?', subKey);
    if (!s || s.pi === null) return;
    const m = this.store.get<MessageRow>(
      'SELECT * FROM messages WHERE name = ? AND correlation_key = ? AND expires > ? AND key NOT IN (SELECT message FROM message_correlations WHERE target = ?) ORDER BY key LIMIT 1',
      s.message_name,
      s.correlation_key,
      this.clock.now(),
      `pi:${s.pi}`,
    );
    if (!m) return;
    this.store.run('INSERT OR IGNORE INTO message_correlations (message, target) VALUES (?, ?)', m.key, `pi:${s.pi}`);
    this.triggerSubscription(s, JSON.parse(m.variables));
  }

  private startFromBufferedMessage(processId: string, ck: string) {
    if (this.store.get("SELECT 1 FROM instances WHERE process_id = ? AND start_ck = ? AND state = 'ACTIVE'", processId, ck)) return;
    const s = this.store.get<SubscriptionRow>(
      "SELECT s.* FROM subscriptions s JOIN definitions d ON d.key = s.def WHERE s.kind = 'start' AND d.process_id = ? ORDER BY s.key LIMIT 1",
      processId,
    );
    if (!s) return;
    const m = this.store.get<MessageRow>(
      'SELECT * FROM messages WHERE name = ? AND correlation_key = ? AND expires > ? AND key NOT IN (SELECT message FROM message_correlations WHERE target = ?) ORDER BY key LIMIT 1',
      s.message_name,
      ck,
      this.clock.now(),
      `start:${processId}`,
    );
    if (!m) return;
    this.store.run('INSERT OR IGNORE INTO message_correlations (message, target) VALUES (?, ?)', m.key, `start:${processId}`);
    const pi = this.startInstance(this.def(s.def), {}, { messageStart: s.element_id, startCorrelationKey: ck, startVars: JSON.parse(m.variables) });
    this.store.run('INSERT OR IGNORE INTO message_correlations (message, target) VALUES (?, ?)', m.key, `pi:${pi}`);
  }

  /** A message or timer arrived for a subscription / timer row of kind catch, gateway, boundary or eventsub. */
  private trigger(kind: string, ownerKey: number, elementId: string, interrupting: boolean, vars: Variables) {
    const owner = this.store.get<ElementRow>('SELECT * FROM elements WHERE key = ?', ownerKey);
    if (!owner || owner.state !== 'ACTIVE') return;
    const ctx = this.def(owner.def);
    switch (kind) {
      case 'catch': {
        const el = this.el(ctx, owner.element_id);
        this.guarded(ctx, owner, { op: 'complete' }, () => {
          this.setCompletionVariables(owner, el, vars, ctx.tenant);
          this.complete(ctx, owner, el);
        });
        return;
      }
      case 'gateway': {
        this.closeWaits(owner.key);
        this.store.run("UPDATE elements SET state = 'COMPLETED', end = ? WHERE key = ?", this.nowIso(), owner.key);
        const scope = this.row(owner.scope ?? owner.pi);
        this.activateTriggered(ctx, elementId, scope, vars, {});
        return;
      }
      case 'boundary': {
        const scope = this.row(owner.scope ?? owner.pi);
        if (interrupting) this.terminateElement(owner);
        this.activateTriggered(ctx, elementId, scope, vars, {});
        return;
      }
      case 'eventsub':
        this.triggerEventSubprocess(ctx, owner, elementId, interrupting, vars, {});
        return;
    }
  }

  private triggerSubscription(s: SubscriptionRow, vars: Variables) {
    const keepOpen = (s.kind === 'boundary' || s.kind === 'eventsub') && s.interrupting === 0;
    if (!keepOpen) this.store.run('DELETE FROM subscriptions WHERE key = ?', s.key);
    if (s.ei === null) return;
    this.trigger(s.kind, s.ei, s.element_id, s.interrupting === 1, vars);
  }

  // ===================================================================== timers and clock

  private fireOneDueTimer(): boolean {
    const t = this.store.get<TimerRow>('SELECT * FROM timers WHERE due <= ? ORDER BY due, key LIMIT 1', this.clock.now());
    if (!t) return false;
    const repeats = t.repetitions !== 0 && t.interval && (t.kind === 'start' || t.interrupting === 0);
    if (repeats && t.interval) {
      const next = TimerSpec.nextRepetition(t.interval, this.clock.now());
      this.store.run('UPDATE timers SET due = ?, repetitions = ? WHERE key = ?', next, t.repetitions > 0 ? t.repetitions - 1 : -1, t.key);
    } else {
      this.store.run('DELETE FROM timers WHERE key = ?', t.key);
    }
    try {
      this.store.transaction(() => {
        if (t.kind === 'start') this.startInstance(this.def(t.def), {}, { messageStart: t.element_id });
        else if (t.ei !== null) this.trigger(t.kind, t.ei, t.element_id, t.interrupting === 1, {});
      });
    } catch (err) {
      // Never let one broken timer block every later command: record it on the element and go on.
      this.log?.error({ err, timerKey: String(t.key), elementId: t.element_id }, 'timer could not be triggered');
      const owner = t.ei !== null ? this.store.get<ElementRow>('SELECT * FROM elements WHERE key = ?', t.ei) : undefined;
      if (owner && owner.state === 'ACTIVE') {
        this.raiseIncident(this.def(owner.def), owner, 'UNKNOWN', `Timer '${t.element_id}' could not be triggered: ${err instanceof Error ? err.message : String(err)}`, null, { op: 'complete' });
      }
    }
    return true;
  }

  now(): number {
    return this.clock.now();
  }

  pinClock(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw Problem.badRequest(`Expected a timestamp in epoch milliseconds, but got '${epochMs}'`);
    this.command(() => {
      this.clock.pin(epochMs);
      this.persistClock();
    });
    this.notifyAvailableTypes();
  }

  addClockOffset(ms: number): void {
    if (!Number.isFinite(ms)) throw Problem.badRequest(`Expected an offset in milliseconds, but got '${ms}'`);
    this.command(() => {
      this.clock.add(ms);
      this.persistClock();
    });
    this.notifyAvailableTypes();
  }

  resetClock(): void {
    this.command(() => {
      this.clock.reset();
      this.persistClock();
    });
    this.notifyAvailableTypes();
  }

  // ===================================================================== user tasks

  private createUserTask(ctx: DefCtx, row: ElementRow, el: ElementDef) {
    const u = el.userTask;
    if (!u) return;
    const vars = this.visible(row.key);
    const str = (v: string | undefined, what: string): string | null => {
      if (!v) return null;
      const x = this.feel.valueOf(v, vars);
      if (x === null || x === undefined || x === '') return null;
      if (typeof x !== 'string' && typeof x !== 'number') throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected ${what} '${v}' to be a string, but was '${typeof x}'. Element '${el.id}'.`);
      return String(x);
    };
    const list = (v: string | undefined, what: string): string[] => {
      if (!v) return [];
      if (!Feel.isExpression(v)) return v.split(',').map((s) => s.trim()).filter(Boolean);
      const x = this.feel.evaluate(v, vars);
      if (x === null) return [];
      if (typeof x === 'string') return x.split(',').map((s) => s.trim()).filter(Boolean);
      if (Array.isArray(x) && x.every((i) => typeof i === 'string')) return x as string[];
      throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected ${what} '${v}' to be a list of strings. Element '${el.id}'.`);
    };
    const date = (v: string | undefined, what: string): string | null => {
      const s = str(v, what);
      if (s === null) return null;
      try {
        return new Date(TimerSpec.parseDate(s)).toISOString();
      } catch {
        throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected ${what} '${v}' to be an ISO 8601 date-time, but was '${s}'. Element '${el.id}'.`);
      }
    };
    let formKey: number | null = null;
    if (u.formId) {
      const fid = str(u.formId, 'formId');
      const binding = u.formBinding ?? { type: 'latest' };
      const f =
        binding.type === 'deployment'
          ? this.store.get<FormRow>(
              'SELECT key FROM forms WHERE form_id = ? AND deleted = 0 AND deployment_key = (SELECT deployment_key FROM definitions WHERE key = ?) ORDER BY version DESC LIMIT 1',
              fid ?? '',
              ctx.key,
            )
          : binding.type === 'versionTag'
            ? this.store.get<FormRow>("SELECT key FROM forms WHERE form_id = ? AND deleted = 0 AND json_extract(schema, '$.versionTag') = ? ORDER BY version DESC LIMIT 1", fid ?? '', binding.versionTag ?? '')
            : this.store.get<FormRow>('SELECT key FROM forms WHERE form_id = ? AND deleted = 0 ORDER BY version DESC LIMIT 1', fid ?? '');
      if (!f) throw new IncidentError('FORM_NOT_FOUND', `Expected to find a form with id '${fid}', but no form with this id is found, at least a form with this id should be available.`);
      formKey = f.key;
    }
    const priorityRaw = u.priority ? this.feel.valueOf(u.priority, vars) : 50;
    const priority = Number(priorityRaw);
    this.store.run(
      "INSERT INTO user_tasks (key, pi, ei, def, element_id, name, state, assignee, candidate_groups, candidate_users, form_key, external_form, creation, completion, due, follow_up, priority, tenant) VALUES (?, ?, ?, ?, ?, ?, 'CREATED', ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)",
      this.key(),
      row.pi,
      row.key,
      ctx.key,
      el.id,
      el.name,
      str(u.assignee, 'assignee'),
      JSON.stringify(list(u.candidateGroups, 'candidateGroups')),
      JSON.stringify(list(u.candidateUsers, 'candidateUsers')),
      formKey,
      u.externalFormKey ? String(this.feel.valueOf(u.externalFormKey, vars)) : null,
      this.nowIso(),
      date(u.dueDate, 'dueDate'),
      date(u.followUpDate, 'followUpDate'),
      Number.isFinite(priority) ? priority : 50,
      ctx.tenant,
    );
  }

  userTasks(filter: { userTaskKey?: Key; processInstanceKey?: Key; state?: UserTaskState } = {}): UserTaskRecord[] {
    const isKey = (k: unknown) => /^\d{1,16}$/.test(String(k));
    let rows: UserTaskRow[];
    if (filter.userTaskKey !== undefined) rows = isKey(filter.userTaskKey) ? this.store.all<UserTaskRow>('SELECT * FROM user_tasks WHERE key = ?', Number(filter.userTaskKey)) : [];
    else if (filter.processInstanceKey !== undefined) rows = isKey(filter.processInstanceKey) ? this.store.all<UserTaskRow>('SELECT * FROM user_tasks WHERE pi = ? ORDER BY key', Number(filter.processInstanceKey)) : [];
    else rows = this.store.all<UserTaskRow>('SELECT * FROM user_tasks ORDER BY key');
    return rows
      .filter((r) => (!filter.state || r.state === filter.state) && (filter.processInstanceKey === undefined || String(r.pi) === String(filter.processInstanceKey)))
      .map((r) => {
        const ctx = this.def(r.def);
        return {
          userTaskKey: String(r.key),
          name: r.name,
          elementId: r.element_id,
          state: r.state as UserTaskState,
          assignee: r.assignee,
          candidateGroups: JSON.parse(r.candidate_groups),
          candidateUsers: JSON.parse(r.candidate_users),
          formKey: r.form_key === null ? null : String(r.form_key),
          processInstanceKey: String(r.pi),
          processDefinitionKey: String(r.def),
          processDefinitionId: ctx.processId,
          processDefinitionVersion: ctx.version,
          elementInstanceKey: String(r.ei),
          creationDate: r.creation,
          completionDate: r.completion,
          dueDate: r.due,
          followUpDate: r.follow_up,
          priority: r.priority,
          tenantId: r.tenant,
        };
      });
  }

  private userTask(key: Key): UserTaskRow {
    const k = this.parseKey(key, 'userTaskKey');
    const t = this.store.get<UserTaskRow>('SELECT * FROM user_tasks WHERE key = ?', k);
    if (!t) throw Problem.notFound(`Expected to find user task with key '${key}', but no such task was found`);
    return t;
  }

  assignUserTask(key: Key, assignee: string, allowOverride: boolean): void {
    if (typeof assignee !== 'string' || !assignee) throw Problem.badRequest('Expected an assignee, but none given');
    this.command(() => {
      const t = this.userTask(key);
      if (t.state !== 'CREATED') throw Problem.conflict(`Expected to assign user task with key '${key}', but it is in state '${t.state}'`);
      if (!allowOverride && t.assignee && t.assignee !== assignee) throw Problem.conflict(`Expected to assign user task with key '${key}', but it is already assigned to '${t.assignee}'`);
      this.store.run('UPDATE user_tasks SET assignee = ? WHERE key = ?', assignee, t.key);
    });
  }

  unassignUserTask(key: Key): void {
    this.command(() => {
      const t = this.userTask(key);
      if (t.state !== 'CREATED') throw Problem.conflict(`Expected to unassign user task with key '${key}', but it is in state '${t.state}'`);
      this.store.run('UPDATE user_tasks SET assignee = NULL WHERE key = ?', t.key);
    });
  }

  updateUserTask(key: Key, changeset: { dueDate?: string | null; followUpDate?: string | null; candidateGroups?: string[]; candidateUsers?: string[]; priority?: number }): void {
    const iso = (v: string | null | undefined, what: string) => {
      if (v === null || v === undefined || v === '') return null;
      try {
        return new Date(TimerSpec.parseDate(v)).toISOString();
      } catch {
        throw Problem.badRequest(`Expected ${what} to be an ISO 8601 date-time, but was '${v}'`);
      }
    };
    const strList = (v: unknown, what: string) => {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw Problem.badRequest(`Expected ${what} to be a list of strings`);
      return JSON.stringify(v);
    };
    this.command(() => {
      const t = this.userTask(key);
      if (t.state !== 'CREATED') throw Problem.conflict(`Expected to update user task with key '${key}', but it is in state '${t.state}'`);
      if ('dueDate' in changeset) this.store.run('UPDATE user_tasks SET due = ? WHERE key = ?', iso(changeset.dueDate, 'dueDate'), t.key);
      if ('followUpDate' in changeset) this.store.run('UPDATE user_tasks SET follow_up = ? WHERE key = ?', iso(changeset.followUpDate, 'followUpDate'), t.key);
      if (changeset.candidateGroups !== undefined) this.store.run('UPDATE user_tasks SET candidate_groups = ? WHERE key = ?', strList(changeset.candidateGroups, 'candidateGroups'), t.key);
      if (changeset.candidateUsers !== undefined) this.store.run('UPDATE user_tasks SET candidate_users = ? WHERE key = ?', strList(changeset.candidateUsers, 'candidateUsers'), t.key);
      if (changeset.priority !== undefined) {
        if (!Number.isInteger(changeset.priority) || changeset.priority < 0 || changeset.priority > 100) throw Problem.badRequest('Expected priority to be an integer between 0 and 100');
        this.store.run('UPDATE user_tasks SET priority = ? WHERE key = ?', changeset.priority, t.key);
      }
    });
  }

  completeUserTask(key: Key, variables?: Variables): void {
    const vars = this.checkVariables(variables);
    this.command(() => {
      const t = this.userTask(key);
      if (t.state !== 'CREATED') throw Problem.conflict(`Expected to complete user task with key '${key}', but it is in state '${t.state}'`);
      this.store.run("UPDATE user_tasks SET state = 'COMPLETED', completion = ? WHERE key = ?", this.nowIso(), t.key);
      const row = this.row(t.ei);
      if (row.state !== 'ACTIVE') return;
      const ctx = this.def(t.def);
      const el = this.el(ctx, row.element_id);
      this.guarded(ctx, row, { op: 'complete' }, () => {
        this.setCompletionVariables(row, el, vars, ctx.tenant);
        this.complete(ctx, row, el);
      });
    });
  }

  userTaskForm(key: Key): FormRecord {
    const t = this.userTask(key);
    if (t.form_key === null) throw Problem.notFound(`User task with key '${key}' has no linked form`);
    const f = this.store.get<FormRow>('SELECT * FROM forms WHERE key = ?', t.form_key);
    if (!f) throw Problem.notFound(`The form of user task '${key}' was deleted`);
    return this.formRecord(f);
  }

  // ===================================================================== incidents

  incidents(filter: { processInstanceKey?: Key; incidentKey?: Key } = {}): IncidentRecord[] {
    const isKey = (k: unknown) => /^\d{1,16}$/.test(String(k));
    let rows: IncidentRow[];
    if (filter.incidentKey !== undefined) rows = isKey(filter.incidentKey) ? this.store.all<IncidentRow>('SELECT * FROM incidents WHERE key = ?', Number(filter.incidentKey)) : [];
    else if (filter.processInstanceKey !== undefined) rows = isKey(filter.processInstanceKey) ? this.store.all<IncidentRow>('SELECT * FROM incidents WHERE pi = ? ORDER BY key', Number(filter.processInstanceKey)) : [];
    else rows = this.store.all<IncidentRow>('SELECT * FROM incidents ORDER BY key');
    return rows
      .filter((r) => filter.processInstanceKey === undefined || String(r.pi) === String(filter.processInstanceKey))
      .map((r) => ({
        incidentKey: String(r.key),
        errorType: r.error_type,
        errorMessage: r.error_message,
        elementId: r.element_id,
        elementInstanceKey: String(r.ei),
        jobKey: r.job === null ? null : String(r.job),
        processInstanceKey: String(r.pi),
        processDefinitionKey: String(r.def),
        processDefinitionId: this.def(r.def).processId,
        state: r.state as 'ACTIVE' | 'RESOLVED',
        creationTime: r.creation,
        tenantId: r.tenant,
      }));
  }

  resolveIncident(key: Key): void {
    const k = this.parseKey(key, 'incidentKey');
    this.command(() => {
      const inc = this.store.get<IncidentRow>('SELECT * FROM incidents WHERE key = ?', k);
      if (!inc) throw Problem.notFound(`Expected to resolve incident with key '${key}', but no such incident was found`);
      if (inc.state !== 'ACTIVE') throw Problem.notFound(`Expected to resolve incident with key '${key}', but it is already resolved`);
      this.store.run("UPDATE incidents SET state = 'RESOLVED' WHERE key = ?", k);
      this.store.run('UPDATE elements SET incident = NULL WHERE key = ? AND incident = ?', inc.ei, k);
      const row = this.store.get<ElementRow>('SELECT * FROM elements WHERE key = ?', inc.ei);
      if (!row || row.state !== 'ACTIVE') return;
      row.incident = null;
      const ctx = this.def(inc.def);
      const retry = JSON.parse(inc.retry) as Retry;
      if (retry.op === 'startProcess') {
        this.guarded(ctx, row, retry, () => this.runProcessStart(ctx, row, retry));
        return;
      }
      const el = this.el(ctx, row.element_id);
      if (retry.op === 'job' && inc.job !== null) {
        const j = this.store.get<JobRow>('SELECT * FROM jobs WHERE key = ?', inc.job);
        if (!j) return;
        if (j.retries > 0) {
          this.store.run("UPDATE jobs SET state = 'ACTIVATABLE', deadline = NULL, worker = NULL, backoff_until = NULL WHERE key = ?", j.key);
          const type = j.type;
          this.afterCommit.push(() => this.notifyJobs(type));
        } else {
          this.raiseIncident(ctx, row, inc.error_type, inc.error_message, j.key, retry);
        }
      } else if (retry.op === 'enter') {
        this.store.run("DELETE FROM variables WHERE scope = ? AND name NOT IN ('loopCounter')", row.key);
        if (row.type === 'MULTI_INSTANCE_BODY') this.guarded(ctx, row, retry, () => this.enterBody(ctx, row, el));
        else {
          const d = this.data(row);
          if (d.inner) {
            const body = this.row(row.scope ?? row.pi);
            const mi = this.data(body).mi;
            const counter = Number(this.store.get<{ value: string }>("SELECT value FROM variables WHERE scope = ? AND name = 'loopCounter'", row.key)?.value ?? 1);
            if (el.loop?.inputElement && mi) this.setLocal(row.key, row.pi, { [el.loop.inputElement]: mi.items[counter - 1] }, ctx.tenant);
          }
          this.guarded(ctx, row, retry, () => this.enter(ctx, row, el, true));
        }
      } else {
        this.guarded(ctx, row, retry, () => this.complete(ctx, row, el));
      }
    });
  }

  // ===================================================================== lifecycle

  async close(): Promise<void> {
    this.closed = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    for (const [pi, set] of this.waiters) {
      for (const w of set) {
        clearTimeout(w.timer);
        w.reject(Problem.conflict(`The runtime shut down before process instance '${pi}' completed`));
      }
    }
    this.waiters.clear();
    this.jobListeners.clear();
    this.store.close();
  }
}
