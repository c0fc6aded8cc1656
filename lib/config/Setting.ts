import type { z } from 'zod';

/**
 * One setting, declared once: where it comes from, its type with its default, whether it is a secret, whether a
 * config file may set it, and one line for the docs. The schema, the environment reader, the file check and the
 * docs table are all derived from these declarations (`ConfigSpec`).
 */
export interface Setting<T extends z.ZodType = z.ZodType> {
  readonly kind: 'setting';
  /** The environment variable (absent: the setting comes only from a config file or from code). */
  readonly env?: string;
  /** Older names of the variable, still read when `env` is unset. */
  readonly aliases?: readonly string[];
  /** The value's type with its default. Text from the environment goes through the same type (coercing ones). */
  readonly type: T;
  /** Only from the environment: a config file that sets it is refused ("secrets belong in the environment"). */
  readonly secret?: boolean;
  /** May a config file set it? Default: yes, unless it is a secret. */
  readonly file?: boolean;
  /** A variable of another library read under the same name (e.g. `@camunda8/sdk`): validated here, handed on as is. */
  readonly passOn?: boolean;
  /** One line for the docs. */
  readonly doc: string;
  /** The default as the docs show it, when the type's own default does not say it (derived, random, the model's). */
  readonly shownDefault?: string;
}

/** A section: settings and nested groups of settings, by key. */
export interface SettingsTree {
  readonly [key: string]: Setting | SettingsTree;
}

/** Declares one setting (a table row). */
export function setting<T extends z.ZodType>(spec: Omit<Setting<T>, 'kind'>): Setting<T> {
  return { kind: 'setting', ...spec };
}

export function isSetting(node: Setting | SettingsTree): node is Setting {
  return (node as Setting).kind === 'setting';
}

/** The zod shape a tree stands for: a setting is its type, a group an object that defaults to its members' defaults. */
export type ShapeOf<T extends SettingsTree> = {
  -readonly [K in keyof T]: T[K] extends Setting<infer Z> ? Z : T[K] extends SettingsTree ? z.ZodPrefault<z.ZodObject<ShapeOf<T[K]>>> : never;
};

/** The parsed configuration of a tree. */
export type ConfigOf<T extends SettingsTree> = z.output<z.ZodObject<ShapeOf<T>>>;

/** Every level optional: what cross-field rules see when other fields already failed. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** A setting with its place in the tree. */
export interface PlacedSetting {
  readonly path: readonly string[];
  readonly setting: Setting;
}
