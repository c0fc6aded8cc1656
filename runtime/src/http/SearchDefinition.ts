/**
 * Camunda 8.8 search semantics over a list of records: `filter` (equality or advanced filters
 * `$eq, $neq, $exists, $in, $notIn, $like, $gt, $gte, $lt, $lte`), `sort[{field, order}]`,
 * `page{from, limit}` or cursor paging `page{after|before, limit}`, and
 * `page{totalItems, startCursor, endCursor, hasMoreTotalItems}` in the result.
 */
import { z } from 'zod';
import { Problem } from '../broker/Problem';
import { keySchema, lenientNumber } from './schemas';
import { parseBody } from './validation';

export type FieldKind = 'key' | 'string' | 'enum' | 'number' | 'boolean' | 'date' | 'stringList';

export interface FieldSpec<T> {
  kind: FieldKind;
  /** Allowed values of an enum field. */
  values?: readonly [string, ...string[]];
  /** Reads the field (default: the property of the same name). */
  get?: (item: T) => unknown;
  /** Default true (false for lists). */
  sortable?: boolean;
  /** Default true. */
  filterable?: boolean;
}

export interface ExtraFilter<T> {
  schema: z.ZodType;
  matches: (item: T, value: unknown) => boolean;
}

type Ops = {
  $eq?: unknown;
  $neq?: unknown;
  $exists?: boolean;
  $in?: unknown[];
  $notIn?: unknown[];
  $like?: string;
  $gt?: unknown;
  $gte?: unknown;
  $lt?: unknown;
  $lte?: unknown;
};

export interface SearchRequest {
  filter: Record<string, unknown>;
  sort: Array<{ field: string; order: 'ASC' | 'DESC' }>;
  page: { from: number; limit: number; after?: string; before?: string };
}

/** Camunda 8.8's SearchQueryPageResponse: the cursors only when the page has items. */
export interface SearchPage {
  totalItems: number;
  startCursor?: string;
  endCursor?: string;
  hasMoreTotalItems: boolean;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10000;

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time');

function valueSchema(spec: FieldSpec<unknown>): z.ZodType {
  switch (spec.kind) {
    case 'key':
      return keySchema;
    case 'string':
    case 'stringList':
      return z.string();
    case 'enum':
      return z.enum(spec.values ?? ['']);
    case 'number':
      return lenientNumber(z.number());
    case 'boolean':
      return z.boolean();
    case 'date':
      return isoDate;
  }
}

function conditionSchema(spec: FieldSpec<unknown>): z.ZodType {
  const value = valueSchema(spec);
  const ops: Record<string, z.ZodType> = {
    $eq: value.optional(),
    $neq: value.optional(),
    $exists: z.boolean().optional(),
  };
  if (spec.kind !== 'boolean') {
    ops.$in = z.array(value).optional();
    ops.$notIn = z.array(value).optional();
  }
  if (spec.kind === 'string' || spec.kind === 'enum' || spec.kind === 'stringList') ops.$like = z.string().optional();
  if (spec.kind === 'number' || spec.kind === 'date') {
    for (const op of ['$gt', '$gte', '$lt', '$lte']) ops[op] = value.optional();
  }
  const plain: Record<FieldKind, string> = {
    key: 'a key (string of digits)',
    string: 'a string',
    stringList: 'a string',
    enum: `one of ${(spec.values ?? []).join(', ')}`,
    number: 'a number',
    boolean: 'true or false',
    date: 'an ISO 8601 date-time',
  };
  const advanced = z.strictObject(ops);
  return z.union([value, advanced], { error: `expected ${plain[spec.kind]} or an advanced filter {${Object.keys(ops).join(', ')}}` });
}

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 's');
}

function toComparable(kind: FieldKind, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (kind === 'date') return Date.parse(String(v));
  if (kind === 'number') return Number(v);
  if (kind === 'key') return String(v);
  return v;
}

function compareKeys(a: string, b: string): number {
  const an = a.startsWith('-');
  const bn = b.startsWith('-');
  if (an !== bn) return an ? -1 : 1;
  const sign = an ? -1 : 1;
  if (a.length !== b.length) return (a.length - b.length) * sign;
  return (a < b ? -1 : a > b ? 1 : 0) * sign;
}

function compareValues(kind: FieldKind, a: unknown, b: unknown): number {
  const x = toComparable(kind, a);
  const y = toComparable(kind, b);
  if (x === null && y === null) return 0;
  if (x === null) return 1; // nulls last
  if (y === null) return -1;
  if (kind === 'key') return compareKeys(x as string, y as string);
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  const xs = String(x);
  const ys = String(y);
  return xs < ys ? -1 : xs > ys ? 1 : 0;
}

function matchesScalar(kind: FieldKind, actual: unknown, ops: Ops): boolean {
  const a = toComparable(kind, actual);
  const eq = (v: unknown) => a !== null && a === toComparable(kind, v);
  if (ops.$exists !== undefined && (a !== null) !== ops.$exists) return false;
  if (ops.$eq !== undefined && !eq(ops.$eq)) return false;
  if (ops.$neq !== undefined && eq(ops.$neq)) return false;
  if (ops.$in !== undefined && !ops.$in.some(eq)) return false;
  if (ops.$notIn !== undefined && ops.$notIn.some(eq)) return false;
  if (ops.$like !== undefined && (a === null || !likeToRegExp(ops.$like).test(String(a)))) return false;
  const cmp = (v: unknown) => (a === null ? NaN : compareValues(kind, actual, v));
  if (ops.$gt !== undefined && !(cmp(ops.$gt) > 0)) return false;
  if (ops.$gte !== undefined && !(cmp(ops.$gte) >= 0)) return false;
  if (ops.$lt !== undefined && !(cmp(ops.$lt) < 0)) return false;
  if (ops.$lte !== undefined && !(cmp(ops.$lte) <= 0)) return false;
  return true;
}

function matchesList(actual: unknown, ops: Ops): boolean {
  const list = Array.isArray(actual) ? actual.map(String) : [];
  if (ops.$exists !== undefined && list.length > 0 !== ops.$exists) return false;
  if (ops.$eq !== undefined && !list.includes(String(ops.$eq))) return false;
  if (ops.$neq !== undefined && list.includes(String(ops.$neq))) return false;
  if (ops.$in !== undefined && !ops.$in.some((v) => list.includes(String(v)))) return false;
  if (ops.$notIn !== undefined && ops.$notIn.some((v) => list.includes(String(v)))) return false;
  if (ops.$like !== undefined) {
    const re = likeToRegExp(ops.$like);
    if (!list.some((v) => re.test(v))) return false;
  }
  return true;
}

/** Does `actual` satisfy a filter condition (a plain value or an advanced filter object)? */
export function matchesCondition(kind: FieldKind, actual: unknown, condition: unknown): boolean {
  const ops: Ops = condition !== null && typeof condition === 'object' ? (condition as Ops) : { $eq: condition };
  return kind === 'stringList' ? matchesList(actual, ops) : matchesScalar(kind, actual, ops);
}

/** The zod schema of a filter condition on a field of this kind. */
export function filterConditionSchema(kind: FieldKind, values?: readonly [string, ...string[]]): z.ZodType {
  return conditionSchema({ kind, values } as FieldSpec<unknown>);
}

/** Camunda 8.8's cursor schema: standard base64, 2 to 300 characters. */
const MAX_CURSOR_LENGTH = 300;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=)?$/;

/**
 * An opaque cursor (standard base64, as Camunda's): the sort values of the item, or — when they are too long for
 * Camunda's 300 characters (a long variable value) — the item's key, whose sort values are looked up again.
 */
function encodeCursor(values: unknown[], key: unknown): string {
  const full = Buffer.from(JSON.stringify(values), 'utf8').toString('base64');
  return full.length <= MAX_CURSOR_LENGTH ? full : Buffer.from(JSON.stringify({ key }), 'utf8').toString('base64');
}

function decodeCursor(cursor: string): unknown[] | { key: unknown } {
  try {
    if (BASE64.test(cursor)) {
      const values: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
      if (Array.isArray(values)) return values;
      if (values && typeof values === 'object' && 'key' in values) return values as { key: unknown };
    }
  } catch {
    // fall through
  }
  throw Problem.badRequest(`Invalid page cursor '${cursor}': use startCursor/endCursor of an earlier result`);
}

/**
 * An item as Camunda 8.8's OpenAPI describes it: a property without a value is left out (the 8.8 schema's optional
 * properties are not nullable, so `null` would not be a valid value).
 */
export function withoutEmpty<T extends object>(item: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}

export class SearchDefinition<T extends object> {
  private readonly schema: z.ZodType;
  private readonly sortable: string[];

  constructor(
    private readonly what: string,
    private readonly keyField: string,
    private readonly fields: Record<string, FieldSpec<T>>,
    private readonly extraFilters: Record<string, ExtraFilter<T>> = {},
    options: { allowOr?: boolean; unsupported?: string[] } = {},
  ) {
    const filterShape: Record<string, z.ZodType> = {};
    for (const [name, spec] of Object.entries(fields)) {
      if (spec.filterable === false) continue;
      filterShape[name] = conditionSchema(spec as FieldSpec<unknown>).optional();
    }
    for (const [name, extra] of Object.entries(extraFilters)) filterShape[name] = extra.schema.optional();
    // Camunda filters the local runtime cannot answer: refused by name instead of "unknown property".
    for (const name of options.unsupported ?? []) {
      filterShape[name] = z.unknown().refine((v) => v === undefined, `the filter '${name}' is not supported by the local runtime`).optional();
    }
    if (options.allowOr) filterShape.$or = z.array(z.strictObject({ ...filterShape })).optional();
    this.sortable = Object.entries(fields)
      .filter(([, s]) => s.sortable ?? s.kind !== 'stringList')
      .map(([n]) => n);
    const [first, ...rest] = this.sortable;
    const sortField = z.enum([first, ...rest] as [string, ...string[]], {
      error: `sort field must be one of ${this.sortable.join(', ')}`,
    });
    this.schema = z.strictObject({
      filter: z.strictObject(filterShape).nullish(),
      sort: z
        .array(
          z.strictObject({
            field: sortField,
            order: z
              .string()
              .transform((o) => o.toUpperCase())
              .pipe(z.enum(['ASC', 'DESC'], { error: 'order must be ASC or DESC' }))
              .nullish(),
          }),
        )
        .nullish(),
      page: z
        .strictObject({
          from: lenientNumber(z.number().int().min(0)).nullish(),
          limit: lenientNumber(z.number().int().min(0).max(MAX_LIMIT)).nullish(),
          after: z.string().min(1).nullish(),
          before: z.string().min(1).nullish(),
        })
        .refine((p) => !(p.after && p.before), 'use either page.after or page.before, not both')
        .nullish(),
    });
  }

  parse(body: unknown): SearchRequest {
    const parsed = parseBody(this.schema, body ?? {}, `${this.what} search request`) as {
      filter?: Record<string, unknown> | null;
      sort?: Array<{ field: string; order?: 'ASC' | 'DESC' | null }> | null;
      page?: { from?: number | null; limit?: number | null; after?: string | null; before?: string | null } | null;
    };
    const filter = Object.fromEntries(Object.entries(parsed.filter ?? {}).filter(([, v]) => v !== undefined));
    return {
      filter,
      sort: (parsed.sort ?? []).map((s) => ({ field: s.field, order: s.order ?? 'ASC' })),
      page: {
        from: parsed.page?.from ?? 0,
        limit: parsed.page?.limit ?? DEFAULT_LIMIT,
        after: parsed.page?.after ?? undefined,
        before: parsed.page?.before ?? undefined,
      },
    };
  }

  /** The value of a plain equality (or `$eq`) filter, for the broker's indexed pre-filter. */
  static equality(request: SearchRequest, field: string): string | undefined {
    const c = request.filter[field];
    if (typeof c === 'string' || typeof c === 'number') return String(c);
    if (c && typeof c === 'object' && '$eq' in c && (c as Ops).$eq !== undefined) return String((c as Ops).$eq);
    return undefined;
  }

  private read(item: T, field: string): unknown {
    const spec = this.fields[field];
    return spec?.get ? spec.get(item) : (item as Record<string, unknown>)[field];
  }

  private matches(item: T, filter: Record<string, unknown>): boolean {
    for (const [field, condition] of Object.entries(filter)) {
      if (condition === undefined) continue;
      if (field === '$or') {
        const branches = condition as Array<Record<string, unknown>>;
        if (branches.length > 0 && !branches.some((branch) => this.matches(item, branch))) return false;
        continue;
      }
      const extra = this.extraFilters[field];
      if (extra) {
        if (!extra.matches(item, condition)) return false;
        continue;
      }
      const spec = this.fields[field];
      const ops: Ops = condition !== null && typeof condition === 'object' ? (condition as Ops) : { $eq: condition };
      const actual = this.read(item, field);
      if (spec.kind === 'stringList' ? !matchesList(actual, ops) : !matchesScalar(spec.kind, actual, ops)) return false;
    }
    return true;
  }

  apply(request: SearchRequest, records: T[]): { items: T[]; page: SearchPage } {
    const filtered = records.filter((r) => this.matches(r, request.filter));
    const order = [...request.sort.filter((s) => s.field !== this.keyField), { field: this.keyField, order: 'ASC' as const }];
    if (request.sort.some((s) => s.field === this.keyField)) {
      order[order.length - 1] = request.sort.find((s) => s.field === this.keyField)!;
    }
    const tuple = (item: T) => order.map((o) => this.read(item, o.field) ?? null);
    const compareTuples = (a: unknown[], b: unknown[]) => {
      for (let i = 0; i < order.length; i++) {
        const kind = this.fields[order[i].field]?.kind ?? 'string';
        const c = compareValues(kind, a[i], b[i]);
        if (c !== 0) return order[i].order === 'DESC' ? -c : c;
      }
      return 0;
    };
    const sorted = filtered.map((item) => ({ item, t: tuple(item) })).sort((a, b) => compareTuples(a.t, b.t));
    const { limit, after, before } = request.page;
    const position = (text: string): unknown[] => {
      const cursor = decodeCursor(text);
      if (Array.isArray(cursor)) return cursor;
      const at = sorted.find((e) => this.read(e.item, this.keyField) === cursor.key);
      if (!at) throw Problem.badRequest(`Invalid page cursor '${text}': its item is gone; search again from the first page`);
      return at.t;
    };
    let slice: typeof sorted;
    if (after) {
      const cursor = position(after);
      slice = sorted.filter((e) => compareTuples(e.t, cursor) > 0).slice(0, limit);
    } else if (before) {
      const cursor = position(before);
      const earlier = sorted.filter((e) => compareTuples(e.t, cursor) < 0);
      slice = earlier.slice(Math.max(0, earlier.length - limit));
    } else {
      slice = sorted.slice(request.page.from, request.page.from + limit);
    }
    const page: SearchPage = { totalItems: filtered.length, hasMoreTotalItems: false };
    if (slice.length > 0) {
      const first = slice[0];
      const last = slice[slice.length - 1];
      page.startCursor = encodeCursor(first.t, this.read(first.item, this.keyField));
      page.endCursor = encodeCursor(last.t, this.read(last.item, this.keyField));
    }
    return { items: slice.map((e) => withoutEmpty(e.item)), page };
  }
}
