import { z } from 'zod';
import { ConfigError } from './ConfigError';
import { isSetting, type ConfigOf, type DeepPartial, type PlacedSetting, type SettingsTree, type ShapeOf } from './Setting';

/** Where the values come from; later ones win: defaults < file < environment < options. */
export interface ConfigSources {
  /** Text by variable name (`process.env` or a test's own). */
  env?: Readonly<Record<string, string | undefined>>;
  /** A config file's parsed content and its name (for the problems). */
  file?: { name: string; data: unknown };
  /** Typed values from code (nested like the tree); `undefined` means "not given". */
  options?: Readonly<Record<string, unknown>>;
}

/** A rule between settings (OAuth needs its credentials …): reports with `problem(path, message)`. */
export type CrossFieldRule<C> = (config: DeepPartial<C>, problem: (path: string, message: string) => void) => void;

export interface ConfigSpecOptions<C> {
  /** Checked even when single settings already failed, so that every problem is listed at once. */
  rules?: readonly CrossFieldRule<C>[];
  /** First line of the error (default: the `ConfigError` one). */
  heading?: string;
}

type Source = { kind: 'env'; variable: string } | { kind: 'file' } | { kind: 'options' };

const SECRET_LOOKING = /password|secret|token/i;

/**
 * A configuration declared as tables of settings (`setting()` rows in a tree of sections). Derives from the one
 * declaration: the nested zod schema, the environment reader, the config-file check (secrets never in the file) and
 * the docs table; `parse()` reads everything once and throws one `ConfigError` listing every problem.
 */
export class ConfigSpec<T extends SettingsTree> {
  readonly schema: z.ZodType<ConfigOf<T>>;
  private readonly placed: PlacedSetting[];

  constructor(
    readonly tree: T,
    private readonly options: ConfigSpecOptions<ConfigOf<T>> = {},
  ) {
    this.placed = flatten(tree, []);
    const rules = options.rules ?? [];
    // The schema is built from the tree at run time; its type is what the tree declares.
    const object = objectOf(tree) as unknown as z.ZodObject<ShapeOf<T>>;
    this.schema = object.superRefine(
      (value, ctx) => {
        const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: path.split('.'), message });
        for (const rule of rules) rule(value as DeepPartial<ConfigOf<T>>, problem);
      },
      // run even when single fields failed: the value may then be partly unparsed (rules read defensively)
      { when: () => true },
    ) as unknown as z.ZodType<ConfigOf<T>>;
  }

  /** Every setting with its path, in table order. */
  settings(): readonly PlacedSetting[] {
    return this.placed;
  }

  /** Parse once from every source; throws `ConfigError` listing every problem (file, environment, options, rules). */
  parse(sources: ConfigSources = {}): ConfigOf<T> {
    const problems: string[] = [];
    const origin = new Map<string, Source>();
    let values: Record<string, unknown> = {};
    if (sources.file) {
      const checked = this.checkFile(sources.file.name, sources.file.data);
      problems.push(...checked.problems);
      values = checked.values;
      for (const { path } of this.placed) if (getPath(values, path) !== undefined) origin.set(path.join('.'), { kind: 'file' });
    }
    for (const { path, setting } of this.placed) {
      const variable = [setting.env, ...(setting.aliases ?? [])].find((name) => name !== undefined && sources.env?.[name] !== undefined && sources.env[name] !== '');
      if (!variable || !sources.env) continue;
      setPath(values, path, sources.env[variable]);
      origin.set(path.join('.'), { kind: 'env', variable });
    }
    if (sources.options) problems.push(...this.applyOptions(sources.options, values, origin));
    const result = this.schema.safeParse(values);
    if (!result.success) problems.push(...result.error.issues.map((issue) => `${this.label(issue.path.map(String), origin)}: ${issue.message}`));
    if (problems.length > 0) throw new ConfigError(problems, this.options.heading);
    return (result as { data: ConfigOf<T> }).data;
  }

  /**
   * A config file's content: known, non-secret, file-allowed settings are kept; everything else is a problem
   * (a secret names its variable: secrets belong in the environment). Problems are prefixed with `name`.
   */
  checkFile(name: string, data: unknown): { values: Record<string, unknown>; problems: string[] } {
    const problems: string[] = [];
    const walk = (node: SettingsTree, value: unknown, path: string[]): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      if (!isPlainObject(value)) {
        problems.push(`${name}: ${path.join('.') || '(root)'}: must be an object`);
        return out;
      }
      for (const [key, v] of Object.entries(value)) {
        const here = [...path, key];
        const at = here.join('.');
        const child = Object.hasOwn(node, key) ? node[key] : undefined;
        if (!child) {
          problems.push(`${name}: ${at}: unknown setting${SECRET_LOOKING.test(key) ? ' (secrets belong in the environment, not in the file)' : ''}`);
        } else if (!isSetting(child)) {
          out[key] = walk(child, v, here);
        } else if (child.secret) {
          problems.push(`${name}: ${at}: a secret (${child.env ?? 'environment'}): secrets belong in the environment, not in the file`);
        } else if (child.file === false) {
          problems.push(`${name}: ${at}: only from the environment (${child.env})`);
        } else {
          out[key] = v;
        }
      }
      return out;
    };
    return { values: walk(this.tree, data, []), problems };
  }

  /** The values of the settings marked `passOn`, by their variable name (for the library that reads them). */
  passedOn(config: ConfigOf<T>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const { path, setting } of this.placed) {
      const value = getPath(config as Record<string, unknown>, path);
      if (setting.passOn && setting.env && value !== undefined) out[setting.env] = value;
    }
    return out;
  }

  /**
   * The docs table (markdown) of the settings `include` selects: variable (and older names), file key (unless
   * `fileColumn` is false), default, meaning.
   */
  docsTable(include: (placed: PlacedSetting) => boolean = () => true, fileColumn = true): string {
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    const head = fileColumn ? ['Variable', 'File key', 'Default', 'Meaning'] : ['Variable', 'Default', 'Meaning'];
    const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
    for (const placed of this.placed.filter(include)) {
      const { path, setting } = placed;
      const variable = setting.env ? [`\`${setting.env}\``, ...(setting.aliases ?? []).map((a) => `(\`${a}\`)`)].join(' ') : '–';
      const fileKey = setting.secret ? 'secret: environment only' : setting.file === false ? '–' : `\`${path.join('.')}\``;
      const row = [variable, ...(fileColumn ? [fileKey] : []), setting.shownDefault ?? shownDefault(setting.type), cell(setting.doc)];
      lines.push(`| ${row.join(' | ')} |`);
    }
    return lines.join('\n');
  }

  private applyOptions(options: Readonly<Record<string, unknown>>, values: Record<string, unknown>, origin: Map<string, Source>): string[] {
    const problems: string[] = [];
    const walk = (node: SettingsTree, given: Readonly<Record<string, unknown>>, path: string[]) => {
      for (const [key, v] of Object.entries(given)) {
        if (v === undefined) continue;
        const here = [...path, key];
        const child = Object.hasOwn(node, key) ? node[key] : undefined;
        if (!child) problems.push(`${here.join('.')}: unknown option`);
        else if (!isSetting(child) && isPlainObject(v)) walk(child, v, here);
        else {
          setPath(values, here, v);
          origin.set(here.join('.'), { kind: 'options' });
        }
      }
    };
    walk(this.tree, options, []);
    return problems;
  }

  /** `VARIABLE (path)` when the environment gave the value, else the path. */
  private label(path: string[], origin: Map<string, Source>): string {
    const at = path.join('.') || '(root)';
    for (let n = path.length; n > 0; n--) {
      const source = origin.get(path.slice(0, n).join('.'));
      if (source) return source.kind === 'env' ? `${source.variable} (${at})` : at;
    }
    return at;
  }
}

function objectOf(tree: SettingsTree): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, node] of Object.entries(tree)) shape[key] = isSetting(node) ? node.type : objectOf(node).prefault({});
  return z.object(shape);
}

function flatten(tree: SettingsTree, path: string[]): PlacedSetting[] {
  return Object.entries(tree).flatMap(([key, node]) => (isSetting(node) ? [{ path: [...path, key], setting: node }] : flatten(node, [...path, key])));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getPath(obj: Record<string, unknown>, path: readonly string[]): unknown {
  let here: unknown = obj;
  for (const key of path) here = isPlainObject(here) ? here[key] : undefined;
  return here;
}

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let here = obj;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(here[key])) here[key] = {};
    here = here[key] as Record<string, unknown>;
  }
  here[path[path.length - 1]] = value;
}

/** The type's default as the docs show it: `value`, or – when there is none. */
function shownDefault(type: z.ZodType): string {
  const parsed = type.safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return '–';
  return `\`${typeof parsed.data === 'string' ? parsed.data : JSON.stringify(parsed.data)}\``;
}
