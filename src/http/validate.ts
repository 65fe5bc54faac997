import type { z } from 'zod';
import { ValidationError } from '../errors';

/** Parses a request body with its schema; the first problem becomes a 400 that names the field. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new ValidationError('body', 'is invalid');
  const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  throw new ValidationError(field, missing ? 'is required' : issue.message);
}
