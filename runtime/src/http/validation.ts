/** Body and path validation: every bad field is reported at once as a 400 problem; unknown keys in paths are 404. */
import type { z } from 'zod';
import { Problem } from '../broker/Problem';
import { isKey } from './schemas';

export function describeIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
    if (issue.code === 'unrecognized_keys') {
      return `${where}: unknown ${issue.keys.length === 1 ? 'property' : 'properties'} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    }
    return `${where}: ${issue.message}`;
  });
}

/** Parse a request body with its schema; throws a 400 Problem listing every problem. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body === undefined ? {} : body);
  if (!result.success) {
    const problems = describeIssues(result.error.issues);
    throw Problem.badRequest(`Invalid ${what}: ${problems.join('; ')}`, { problems });
  }
  return result.data;
}

/** A key from the path. Keys are int64 numbers; anything else cannot name an existing resource: 404. */
export function pathKey(value: string, resource: string): string {
  if (!isKey(value)) {
    throw Problem.notFound(`${resource} with key '${value}' not found (keys are strings of digits)`);
  }
  return value;
}
