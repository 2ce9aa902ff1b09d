/**
 * Hardening of the local stack and its deployment wiring: the public base URL is configuration,
 * never the Host header; a token without `exp` is refused; one CORS policy for AWS and local.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../infra/local/dev-auth';
import { type LocalGateway, startLocalGateway } from '../../infra/local/local-stack';
import { ENV } from '../../shared/config/env';
import { CORS } from '../../shared/http/routes';
import { type ApiClient, publishTender } from '../helpers/api';

let gateway: LocalGateway;
let dataDir: string;
let purchaser: string;

beforeAll(async () => {
  // A gateway of its own with a data folder, so the test can read the dev signing key.
  dataDir = mkdtempSync(join(tmpdir(), 'ggzy-hardening-'));
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  delete process.env[ENV.publicBaseUrl];
  gateway = await startLocalGateway({
    endpoints: inject('emulators'),
    port: 0,
    tableName: `it-${suffix}`,
    bucketName: `it-${suffix}`,
    dataDir,
    tickIntervalMs: null,
  });
  purchaser = (await gateway.auth.issue({ role: 'purchaser', orgId: 'org-zhaohua-health' })).token;
});

afterAll(async () => {
  await gateway.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A raw HTTP request, so the test chooses the Host header (fetch does not let it). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const url = new URL(gateway.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { host: url.host, ...headers },
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('public base URL (finding 10)', () => {
  it('never takes the base URL of open data from the Host header', async () => {
    // Prepare: two published tenders, so the feed of one release per page has a next link
    const api = clientOf(gateway);
    const tender = await publishTender(api, purchaser);
    await publishTender(api, purchaser);
    const evil = { host: 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' };

    // Act
    const pkg = await raw('GET', `/api/ocds/tenders/${tender.id}`, evil);
    const feed = await raw('GET', '/api/ocds/releases?limit=1', evil);

    // Assess
    expect(pkg.status).toBe(200);
    expect(feed.status).toBe(200);
    expect(pkg.text).not.toContain('evil.example');
    expect(feed.text).not.toContain('evil.example');
    const body = JSON.parse(pkg.text) as { uri: string; publicationPolicy?: string };
    expect(body.uri.startsWith(`${gateway.url}/api/ocds/tenders/`)).toBe(true);
    const feedBody = JSON.parse(feed.text) as { links?: { next?: string } };
    expect(feedBody.links?.next?.startsWith(`${gateway.url}/api/ocds/releases?limit=1&cursor=`)).toBe(true);
  });
});

describe('JWT authorizer of the local gateway (finding 11)', () => {
  it('refuses a token signed with the dev key but without exp, as API Gateway does', async () => {
    // Prepare: the gateway's own signing key, a token with every claim but exp
    const pair = JSON.parse(readFileSync(join(dataDir, 'dev-signing-key.json'), 'utf8')) as {
      privateJwk: JWK;
    };
    const key = await importJWK(pair.privateJwk, 'ES256');
    const noExp = await new SignJWT({
      sub: 'purchaser-org-zhaohua-health',
      'cognito:groups': ['purchaser'],
      'custom:orgId': 'org-zhaohua-health',
      token_use: 'id',
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .sign(key);

    // Act
    const refused = await raw('GET', '/api/manage/tenders', { authorization: `Bearer ${noExp}` });
    const accepted = await raw('GET', '/api/manage/tenders', { authorization: `Bearer ${purchaser}` });

    // Assess
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(refused.text)).toMatchObject({ status: 401 });
    expect(accepted.status).toBe(200);
  });
});

describe('CORS (finding 12)', () => {
  it('answers preflight and responses with exactly the shared CORS policy', async () => {
    // Act
    const preflight = await raw('OPTIONS', '/api/tenders', {
      origin: 'https://portal.example',
      'access-control-request-method': 'POST',
    });
    const response = await raw('GET', '/api/notices', { origin: 'https://portal.example' });

    // Assess
    expect(preflight.status).toBe(204);
    for (const answer of [preflight, response]) {
      expect(answer.headers['access-control-allow-origin']).toBe(CORS.allowOrigins.join(', '));
      expect(answer.headers['access-control-allow-headers']).toBe(CORS.allowHeaders.join(', '));
      expect(answer.headers['access-control-allow-methods']).toBe(CORS.allowMethods.join(', '));
      expect(answer.headers['access-control-expose-headers']).toBe(CORS.exposeHeaders.join(', '));
    }
    expect(preflight.headers['access-control-max-age']).toBe(String(CORS.maxAgeSeconds));
    expect(CORS.exposeHeaders).toContain('idempotent-replayed');
  });
});

/** A test client of this file's gateway, as `startTestApi` makes one. */
function clientOf(local: LocalGateway): ApiClient {
  const call: ApiClient['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${local.url}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  return {
    gateway: local,
    call,
    token: async (role, orgId, sub) => (await local.auth.issue({ role, orgId, sub })).token,
    advance: async (ms) => local.clock.advance(ms),
    tick: async () => (await call('POST', '/api/dev/tick')).body,
  };
}
