import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ROUTES } from '../../shared/http/routes';

/** The web client's service modules: the only place it names API paths. */
const SERVICES_DIR = fileURLToPath(new URL('../../shared/web/src/services', import.meta.url));

/** One `callApi('operationId', `path`, { method })` call as written in a service module. */
interface ServiceCall {
  file: string;
  operationId: string;
  path: string;
  method: string;
}

/** Reads every API call of the service modules (the pattern the client's brief prescribes). */
function readServiceCalls(): ServiceCall[] {
  const calls: ServiceCall[] = [];
  for (const file of readdirSync(SERVICES_DIR).filter((name) => name.endsWith('.ts'))) {
    const text = readFileSync(join(SERVICES_DIR, file), 'utf8');
    const pattern = /callApi\(\s*'(\w+)'\s*,\s*(`[^`]*`|'[^']*')/g;
    for (const match of text.matchAll(pattern)) {
      const rest = text.slice(
        (match.index ?? 0) + match[0].length,
        (match.index ?? 0) + match[0].length + 400,
      );
      const options = rest.slice(0, rest.indexOf(')') + 1);
      const method = /method:\s*'(\w+)'/.exec(options)?.[1] ?? 'GET';
      calls.push({ file, operationId: match[1] ?? '', path: (match[2] ?? '').slice(1, -1), method });
    }
    // Downloads read bytes, not JSON, so they name their route as `{ operationId: '…', path: '…' }` (GET).
    for (const match of text.matchAll(/operationId:\s*'(\w+)',\s*path:\s*('[^']*'|`[^`]*`)/g)) {
      calls.push({ file, operationId: match[1] ?? '', path: (match[2] ?? '').slice(1, -1), method: 'GET' });
    }
  }
  return calls;
}

/** Turns a client path template (`/api/tenders/${id}`) and a route path (`/api/tenders/{tenderId}`) into one shape. */
function shapeOf(path: string): string {
  return path
    .split('?')[0]!
    .replace(/\$\{[^}]+\}/g, '{}')
    .replace(/\{\w+\}/g, '{}');
}

describe('the web client names API routes only as the route table has them', () => {
  const calls = readServiceCalls();

  test('the service modules call the API', () => {
    expect(calls.length).toBeGreaterThan(0);
  });

  test.each(calls.map((c) => [`${c.file}: ${c.operationId}`, c] as const))(
    '%s matches its route',
    (_name, call) => {
      const route = ROUTES.find((r) => r.id === call.operationId);
      expect(route, `no route has operationId ${call.operationId}`).toBeDefined();
      expect(shapeOf(call.path)).toBe(shapeOf(route!.path));
      expect(call.method).toBe(route!.method);
    },
  );
});
