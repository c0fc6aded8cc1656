import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LocalUser } from '../auth/UserDirectory';
import { EngineError } from '../../../lib/camunda/EngineError';
import { decodeValue } from '../../../lib/camunda/variables';
import type { UserTask } from '../../../lib/timeline/records';
import { HttpError } from '../HttpError';
import type { WebContext } from '../WebContext';
import { formFields, getPath, setPath } from '../../../lib/timeline/formSchema';
import { maskPersonnummerDeep } from '../../../lib/privacy/personalData';
import { checkSubmission } from '../forms/checkSubmission';
import { taskListPage, type TaskFilter, type TaskRow, type TaskSort, type TaskView } from '../views/taskListPage';
import { realNow } from '../../../lib/timeline/format';
import { taskPage } from '../views/taskPage';
import { auth, flashFrom, keyParam, pageContext, sendPage, wantsJson } from './requestHelpers';

/** Tasklist's rule: a task is mine to see when I am its assignee, a candidate user or in a candidate group. */
export function canSeeTask(user: LocalUser, task: UserTask): boolean {
  if (task.assignee === user.id) return true;
  if ((task.candidateUsers ?? []).includes(user.id)) return true;
  return (task.candidateGroups ?? []).some((g) => user.groups.includes(g));
}

/** Field names whose value is always the signed-in user (R3: who approved is who signed in). */
const SIGNED_IN_USER_FIELDS = new Set(['approvedBy']);

async function visibleTask(ctx: WebContext, user: LocalUser, key: string): Promise<UserTask> {
  let task: UserTask;
  try {
    task = await ctx.engine.userTask(key);
  } catch (err) {
    if (err instanceof EngineError && err.status === 404) throw new HttpError(404, 'Uppgiften finns inte.');
    throw err;
  }
  if (!canSeeTask(user, task)) {
    ctx.logger.warn({ userId: user.id, userTaskKey: key, event: 'task-forbidden' }, 'task outside the user’s candidate groups');
    throw new HttpError(403, 'Uppgiften hör inte till någon av dina grupper. Du kan inte se, ta eller slutföra den.', { userTaskKey: key });
  }
  return task;
}

async function variablesByName(ctx: WebContext, name: string): Promise<Map<string, unknown>> {
  const items = await ctx.engine.variables({ name });
  const out = new Map<string, unknown>();
  for (const v of items) {
    if (v.processInstanceKey && (!v.scopeKey || v.scopeKey === v.processInstanceKey)) out.set(v.processInstanceKey, decodeValue(v.value));
  }
  return out;
}

function viewOf(query: unknown): TaskView {
  const v = (query as Record<string, unknown>)?.view;
  return v === 'mine' || v === 'unassigned' || v === 'completed' ? v : 'all';
}

/** The tasks of a tab, in the order shown. */
async function listedTasks(ctx: WebContext, user: LocalUser, view: TaskView): Promise<UserTask[]> {
  const tasks = await ctx.engine.userTasks({ state: view === 'completed' ? 'COMPLETED' : 'CREATED' });
  if (view === 'completed') tasks.sort((a, b) => Date.parse(b.completionDate ?? '') - Date.parse(a.completionDate ?? ''));
  return tasks
    .filter((t) => canSeeTask(user, t))
    .slice(0, view === 'completed' ? 100 : undefined)
    .filter((t) => (view === 'mine' ? t.assignee === user.id : view === 'unassigned' ? !t.assignee : true));
}

const SORTS: TaskSort[] = ['skapad', 'prioritet', 'forfaller', 'uppfoljning'];

/** Tasklist's filters and sort: `grupp`, `storning`, `q` (search), `sortera`. Anything else is ignored. */
function filterOf(query: unknown, user: LocalUser): TaskFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const text = (v: unknown, max = 100) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);
  const group = text(q.grupp);
  const sort = SORTS.find((x) => x === q.sortera) ?? 'skapad';
  return {
    ...(group && user.groups.includes(group) ? { group } : {}),
    ...(text(q.storning) ? { disruption: text(q.storning) } : {}),
    ...(text(q.q) ? { search: text(q.q) } : {}),
    sort,
  };
}

const time = (v: string | null | undefined) => (v ? Date.parse(v) : Number.POSITIVE_INFINITY);

/** Rows filtered and sorted as asked (dates: earliest first, none last; priority: highest first). */
export function filterRows(rows: TaskRow[], f: TaskFilter): TaskRow[] {
  const needle = f.search?.toLocaleLowerCase('sv');
  const out = rows.filter(
    (r) =>
      (!f.group || (r.task.candidateGroups ?? []).includes(f.group)) &&
      (!f.disruption || r.disruptionId === f.disruption) &&
      (!needle || [r.task.name, r.task.elementId, r.disruptionId, r.assigneeName].some((x) => (x ?? '').toLocaleLowerCase('sv').includes(needle))),
  );
  const by: Record<TaskSort, ((a: TaskRow, b: TaskRow) => number) | undefined> = {
    skapad: undefined,
    prioritet: (a, b) => (b.task.priority ?? 50) - (a.task.priority ?? 50),
    forfaller: (a, b) => time(a.task.dueDate) - time(b.task.dueDate),
    uppfoljning: (a, b) => time(a.task.followUpDate) - time(b.task.followUpDate),
  };
  const cmp = by[f.sort];
  return cmp ? out.sort((a, b) => cmp(a, b) || 0) : out;
}

function fingerprint(tasks: UserTask[]): string {
  const text = tasks.map((t) => `${t.userTaskKey}:${t.assignee ?? ''}:${t.state}`).join('|');
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

export function taskRoutes(app: FastifyInstance, ctx: WebContext): void {
  app.get('/tasks', async (req, reply) => {
    const { user } = auth(req);
    const view = viewOf(req.query);
    const [tasks, ids, drills, clock] = await Promise.all([
      listedTasks(ctx, user, view),
      variablesByName(ctx, 'disruptionId'),
      variablesByName(ctx, 'drill'),
      ctx.engine.clock(),
    ]);
    const all: TaskRow[] = tasks.map((task) => {
      const id = ids.get(task.processInstanceKey);
      return {
        task,
        disruptionId: typeof id === 'string' ? id : undefined,
        drill: drills.get(task.processInstanceKey) === true,
        ...(task.assignee ? { assigneeName: ctx.users.get(task.assignee)?.name ?? task.assignee } : {}),
      };
    });
    const filter = filterOf(req.query, user);
    const rows = filterRows(all, filter);
    const disruptions = [...new Set(all.map((r) => r.disruptionId).filter((x): x is string => !!x))].sort();
    return sendPage(
      reply,
      taskListPage({ ...pageContext(req, clock), user }, rows, view, flashFrom(req), { fingerprint: fingerprint(tasks), pollMs: ctx.pollIntervalMs }, {
        filter,
        disruptions,
        // overdue on the engine's clock (a drill's moved clock counts), else real time
        now: clock ?? realNow(),
      }),
    );
  });

  /** What the list would show now, in one short string: the page polls it and offers a refresh when it changes. */
  app.get('/tasks/fingerprint', async (req, reply) => {
    const { user } = auth(req);
    const tasks = await listedTasks(ctx, user, viewOf(req.query));
    return reply.header('cache-control', 'no-store').send({ fingerprint: fingerprint(tasks) });
  });

  app.get('/tasks/:key', async (req, reply) => {
    const { user } = auth(req);
    const key = keyParam((req.params as Record<string, unknown>).key);
    const task = await visibleTask(ctx, user, key);
    const [variables, clock, elements, definition] = await Promise.all([
      ctx.engine.userTaskVariables(key, task.elementInstanceKey).catch(() => ({}) as Record<string, unknown>),
      ctx.engine.clock(),
      ctx.diagrams.elements(task.processDefinitionKey, () => ctx.engine.processDefinitionXml(task.processDefinitionKey)).catch(() => undefined),
      ctx.engine.processDefinitions({ processDefinitionKey: task.processDefinitionKey }).then((d) => d[0]).catch(() => undefined),
    ]);
    let schema: unknown;
    let formError: string | undefined;
    try {
      const form = await ctx.engine.userTaskForm(key);
      schema = JSON.parse(form.schema);
    } catch (err) {
      if (!(err instanceof EngineError && err.status === 404)) {
        ctx.logger.error({ err, userTaskKey: key }, 'cannot load the task form');
        formError = 'Formuläret kunde inte hämtas från körmiljön.';
      }
    }
    const data: Record<string, unknown> = structuredClone(variables);
    if (schema) {
      for (const f of formFields(schema)) {
        if (SIGNED_IN_USER_FIELDS.has(f.path[f.path.length - 1])) {
          const current = getPath(data, f.path);
          if (current === undefined || current === null || current === '') setPath(data, f.path, user.id);
        }
      }
    }
    const name = definition?.name || task.processDefinitionId;
    return sendPage(
      reply,
      taskPage(
        { ...pageContext(req, clock), user },
        {
          task,
          schema,
          data,
          formError,
          disruptionId: typeof variables.disruptionId === 'string' ? variables.disruptionId : undefined,
          drill: variables.drill === true,
          processLabel: `${name} v${task.processDefinitionVersion ?? definition?.version ?? '?'}`,
          documentation: elements?.get(task.elementId)?.documentation,
        },
        flashFrom(req),
      ),
    );
  });

  app.post('/tasks/:key/claim', async (req, reply) => {
    const { user } = auth(req);
    const key = keyParam((req.params as Record<string, unknown>).key);
    const task = await visibleTask(ctx, user, key);
    if (task.state !== 'CREATED') throw new HttpError(409, 'Uppgiften är inte längre öppen.');
    if (task.assignee && task.assignee !== user.id) throw new HttpError(409, `Uppgiften är redan tilldelad ${task.assignee}.`);
    if (!task.assignee) await claim(ctx, key, user);
    const back = ((req.body ?? {}) as Record<string, unknown>).returnTo === 'list' ? '/tasks?ok=claimed' : `/tasks/${key}?ok=claimed`;
    return reply.redirect(back, 303);
  });

  app.post('/tasks/:key/unclaim', async (req, reply) => {
    const { user } = auth(req);
    const key = keyParam((req.params as Record<string, unknown>).key);
    const task = await visibleTask(ctx, user, key);
    if (task.assignee !== user.id) throw new HttpError(403, 'Du kan bara lämna tillbaka uppgifter som är tilldelade dig.');
    await ctx.engine.unassignUserTask(key);
    ctx.logger.info({ userId: user.id, userTaskKey: key, event: 'task-unclaimed' }, 'task unclaimed');
    return reply.redirect(`/tasks/${key}?ok=unclaimed`, 303);
  });

  app.post('/tasks/:key/complete', async (req: FastifyRequest, reply: FastifyReply) => {
    const { user } = auth(req);
    const key = keyParam((req.params as Record<string, unknown>).key);
    const task = await visibleTask(ctx, user, key);
    if (task.state !== 'CREATED') throw new HttpError(409, 'Uppgiften är inte längre öppen.');
    if (task.assignee && task.assignee !== user.id) throw new HttpError(409, `Uppgiften är tilldelad ${task.assignee}. Ta uppgiften först.`);

    // The browser posts `{ variables }` (JSON); anything else carries no values (and a form with required fields refuses it).
    const body = req.body;
    const submitted = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).variables : undefined;
    if (submitted !== undefined && (submitted === null || typeof submitted !== 'object' || Array.isArray(submitted))) {
      throw new HttpError(400, 'Formulärets data saknas eller är felaktig.');
    }
    let schema: unknown;
    try {
      schema = JSON.parse((await ctx.engine.userTaskForm(key)).schema);
    } catch (err) {
      if (!(err instanceof EngineError && err.status === 404)) throw err;
    }
    let variables: Record<string, unknown> = {};
    if (schema) {
      // Issue #10: checked here against the task's form – required, types, options, patterns, conditions – before anything
      // reaches the engine; only the form's visible, writable fields pass (a crafted POST cannot set other variables), and
      // `approvedBy` is the signed-in user whatever was sent (R3).
      const taskVariables = await ctx.engine.userTaskVariables(key, task.elementInstanceKey).catch(() => ({}) as Record<string, unknown>);
      const check = checkSubmission(schema, submitted ?? {}, {
        taskVariables,
        forced: (path) => (SIGNED_IN_USER_FIELDS.has(path[path.length - 1]) ? user.id : undefined),
      });
      if (Object.keys(check.errors).length > 0) {
        ctx.logger.info({ userId: user.id, userTaskKey: key, fields: Object.keys(check.errors), event: 'task-form-refused' }, 'task form refused');
        throw new HttpError(400, `Formuläret har fel. ${Object.values(check.errors).join(' ')}`, { fields: check.errors });
      }
      // Issue #10: a personnummer typed into free text does not reach the engine.
      variables = maskPersonnummerDeep(check.variables);
    }
    if (!task.assignee) await claim(ctx, key, user);
    await ctx.engine.completeUserTask(key, variables);
    ctx.logger.info({ userId: user.id, userTaskKey: key, processInstanceKey: task.processInstanceKey, event: 'task-completed' }, 'task completed');
    if (wantsJson(req)) return reply.send({ redirect: '/tasks?ok=completed' });
    return reply.redirect('/tasks?ok=completed', 303);
  });
}

async function claim(ctx: WebContext, key: string, user: LocalUser): Promise<void> {
  try {
    await ctx.engine.assignUserTask(key, user.id, false);
  } catch (err) {
    if (err instanceof EngineError && err.status === 409) throw new HttpError(409, 'Någon annan hann ta uppgiften före dig.');
    throw err;
  }
  ctx.logger.info({ userId: user.id, userTaskKey: key, event: 'task-claimed' }, 'task claimed');
}
