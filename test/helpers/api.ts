import { request } from 'node:http';
import { S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { FIXTURE_SCHEDULE_2027, FIXTURE_YEAR } from '../../infra/local/calendar-fixture-2027';
import { type LocalGateway, startLocalGateway } from '../../infra/local/local-stack';
import type { Role } from '../../shared/http/routes';
import type { Tender, TenderContent } from '../../shared/schemas/tender';
import { openTenderContent, sha256 } from './fixtures';

/** A response as the tests look at it. */
// biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies loosely and assert on them
export interface ApiResponse<T = any> {
  /** HTTP status. */
  status: number;
  /** Lower-cased headers. */
  headers: Headers;
  /** Parsed JSON body (or text when not JSON). */
  body: T;
}

/** Options of one request. */
export interface RequestOptions {
  /** Bearer token. */
  token?: string;
  /** JSON body. */
  body?: unknown;
  /** Extra headers. */
  headers?: Record<string, string>;
}

/** A client of a running local gateway, with dev tokens and the dev clock. */
export interface ApiClient {
  /** The gateway. */
  gateway: LocalGateway;
  /** Sends a request to `/api…`. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies loosely and assert on them
  call<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** A dev token for a role and organisation (and a chosen subject). */
  token(role: Role, orgId: string, sub?: string): Promise<string>;
  /** Moves the dev clock forward. */
  advance(ms: number): Promise<Date>;
  /** Runs the scheduler tick. */
  tick(): Promise<unknown>;
}

/**
 * Starts a gateway on the shared emulators with a fresh table and bucket for this test file.
 *
 * Why per file: files run in parallel; each gets its own table, so counts and lists are exact. The
 * centre loads the 2027 test fixture (not the official schedule) unless `loadFixtureYear` is false, so
 * timelines planned on today's date may reach into 2027.
 */
export async function startTestApi(
  options: { loadFixtureYear?: boolean; webDir?: string } = {},
): Promise<ApiClient> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const gateway = await startLocalGateway({
    endpoints: inject('emulators'),
    port: 0,
    tableName: `it-${suffix}`,
    bucketName: `it-${suffix}`,
    tickIntervalMs: null,
    webDir: options.webDir,
  });
  const call = async <T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers,
      ...(options.body !== undefined
        ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
        : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: body as T };
  };
  if (options.loadFixtureYear !== false) {
    const centre = (await gateway.auth.issue({ role: 'centre', orgId: 'org-centre' })).token;
    const loaded = await call('PUT', `/api/calendar/years/${FIXTURE_YEAR}`, {
      token: centre,
      body: FIXTURE_SCHEDULE_2027,
    });
    if (loaded.status !== 200)
      throw new Error(`calendar fixture: ${loaded.status} ${JSON.stringify(loaded.body)}`);
  }
  return {
    gateway,
    call,
    token: async (role, orgId, sub) => (await gateway.auth.issue({ role, orgId, sub })).token,
    advance: async (ms) => gateway.clock.advance(ms),
    tick: async () => (await call('POST', '/api/dev/tick')).body,
  };
}

/** Uploads bytes to a presigned PUT as a browser would, with the headers the server asked for. */
export async function uploadTo(
  upload: { url: string; headers: Record<string, string> },
  bytes: Uint8Array | string,
): Promise<number> {
  const response = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
  await response.arrayBuffer();
  return response.status;
}

/** Declares a document with the hash of `bytes`, uploads `uploaded` (defaults to the same bytes). */
export async function attachDocument(
  api: ApiClient,
  token: string,
  tenderId: string,
  bytes: string,
  options: { fileName?: string; uploaded?: string } = {},
): Promise<{ documentId: string; status: number; uploadStatus: number }> {
  const declared = await api.call('POST', `/api/tenders/${tenderId}/documents`, {
    token,
    body: {
      fileName: options.fileName ?? '招标文件.pdf',
      contentType: 'application/pdf',
      size: Buffer.byteLength(bytes),
      sha256: sha256(bytes),
    },
  });
  if (declared.status !== 201) return { documentId: '', status: declared.status, uploadStatus: 0 };
  const uploadStatus = await uploadTo(declared.body.upload, options.uploaded ?? bytes);
  return { documentId: declared.body.document.id, status: declared.status, uploadStatus };
}

/** Creates a draft, attaches one document and publishes it; fails loudly if any step does. */
export async function publishTender(
  api: ApiClient,
  token: string,
  overrides: Partial<TenderContent> = {},
): Promise<Tender> {
  const created = await api.call('POST', '/api/tenders', {
    token,
    body: openTenderContent(api.gateway.clock.now(), overrides),
  });
  if (created.status !== 201)
    throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const doc = await attachDocument(api, token, created.body.id, `招标文件 ${created.body.id}`);
  if (doc.uploadStatus !== 200) throw new Error(`upload failed: ${doc.uploadStatus}`);
  const published = await api.call('POST', `/api/tenders/${created.body.id}/publish`, { token });
  if (published.status !== 200)
    throw new Error(`publish failed: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}

/**
 * An S3 client straight to the test run's s3rver, past the API, as an operator or an intruder
 * with bucket access would use it; the test destroys it when done.
 */
export function emulatorS3Client(): S3Client {
  return new S3Client({
    endpoint: inject('emulators').s3,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * A client whose requests come from each token's own network address: Node binds the client socket
 * to it (any 127.0.0.0/8 address is the loopback), 127.0.0.1 for tokens without one. Tokens it makes
 * get the subject `subOf` names, unless one is given.
 *
 * Why: the restricted audit records keep each operation's source address (电子招标投标办法第四十九条),
 * and tests of what is done with them need callers at distinct (or deliberately shared) addresses.
 */
export function clientFromAddresses(
  api: ApiClient,
  addressOf: ReadonlyMap<string, string>,
  subOf?: (role: Role, orgId: string) => string,
): ApiClient {
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies loosely, as the shared client does
  function call<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const url = new URL(`${api.gateway.url}${path}`);
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    const payload =
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const localAddress = (options.token && addressOf.get(options.token)) || '127.0.0.1';
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers, localAddress }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: body as T });
        });
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
  return {
    ...api,
    call,
    token: async (role: Role, orgId: string, sub?: string) =>
      api.token(role, orgId, sub ?? subOf?.(role, orgId)),
  };
}
