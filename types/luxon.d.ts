// Minimal ambient types for luxon (a dependency of @bpmn-io/feelin); only what the runtime uses.
declare module 'luxon' {
  export class Duration {
    static fromISO(text: string): Duration;
    static fromMillis(ms: number): Duration;
    readonly isValid: boolean;
    toMillis(): number;
    toISO(): string | null;
    toObject(): Record<string, number>;
  }
  export class DateTime {
    static fromISO(text: string, opts?: { setZone?: boolean; zone?: string }): DateTime;
    static fromMillis(ms: number): DateTime;
    readonly isValid: boolean;
    toMillis(): number;
    toISO(): string | null;
    plus(duration: Duration | Record<string, number>): DateTime;
  }
  export const Settings: { now: () => number; defaultZone: unknown };
}
