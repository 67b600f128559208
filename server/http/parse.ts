import type { z } from 'zod';
import type { RequestIssue } from '../../shared/api';
import { ApiError } from './api-error';

/** The first issues of a failed parse, as data; a hostile body with a million problems gets twenty. */
export function requestIssues(error: z.ZodError, prefix = ''): RequestIssue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

/** Parses a body or query with a contract schema, or refuses with 400 `request.invalid` and the issues. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = requestIssues(result.error, what === 'body' ? '' : what);
  const first = issues[0];
  const where = first?.path ? `${first.path}: ` : '';
  throw new ApiError(
    'request.invalid',
    `The ${what} is not valid: ${where}${first?.message ?? 'unknown problem'}`,
    issues,
  );
}
