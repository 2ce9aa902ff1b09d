import { ValidationError } from './errors';

/**
 * Throws a bilingual {@link ValidationError} with one issue at `path`.
 *
 * Why shared: every pure module reports malformed input the same way, so the problem+json
 * middleware can point at the field.
 */
export function failAt(path: string, zh: string, en: string): never {
  const message = { zh: `${path}：${zh}`, en: `${path}: ${en}` };
  throw new ValidationError(message, [{ path, message }]);
}

const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 instant with an offset into milliseconds, or fails at `path`. */
export function parseInstantAt(value: unknown, path: string): number {
  const ms = typeof value === 'string' && INSTANT_PATTERN.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    failAt(
      path,
      `“${String(value)}”不是带时区的 ISO 8601 时间`,
      `'${String(value)}' is not an ISO 8601 instant with an offset`,
    );
  }
  return ms;
}

/**
 * Freezes an object graph, so a table handed out (rules, ladders, codelists) cannot be edited by a
 * caller.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
