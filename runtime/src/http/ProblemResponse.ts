/** RFC 7807 problem JSON as Camunda 8 answers it: `type, title, status, detail, instance`. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemBody(status: number, title: string, detail: string, url: string): ProblemBody {
  const q = url.indexOf('?');
  return { type: 'about:blank', title, status, detail, instance: q < 0 ? url : url.slice(0, q) };
}
