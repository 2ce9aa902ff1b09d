import type * as z from 'zod';
import { ProblemSchema } from '../../../schemas/common';
import type { OPERATIONS } from '../../../schemas/operations';

/** A problem document as the API sends it (RFC 9457, in Chinese and English). */
export type Problem = z.infer<typeof ProblemSchema> & { rule?: unknown; citation?: unknown };

/** The operations of the API, by operationId. */
export type OperationId = keyof typeof OPERATIONS;

/** The success body of an operation, from its response schema (nothing typed twice). */
export type ResponseOf<K extends OperationId> = (typeof OPERATIONS)[K]['response'] extends {
  schema: infer S extends z.ZodType;
}
  ? z.output<S>
  : undefined;

/** The JSON body of an operation, as its schema accepts it. */
export type BodyOf<K extends OperationId> = (typeof OPERATIONS)[K] extends { body: infer S extends z.ZodType }
  ? z.input<S>
  : never;

/**
 * An API call that did not succeed: the problem the API sent, or one made up for a network failure.
 *
 * Why one error type: every page shows failures the same way, in Chinese with rule and citation.
 */
export class ApiProblemError extends Error {
  /** HTTP status (0 when the network failed). */
  readonly status: number;
  /** The problem document. */
  readonly problem: Problem;

  constructor(status: number, problem: Problem, options?: { cause?: unknown }) {
    super(problem.detail_zh ?? problem.detail ?? problem.title, options);
    this.name = 'ApiProblemError';
    this.status = status;
    this.problem = problem;
  }
}

/** Gives the bearer token of the signed-in user, or null. */
type TokenSource = () => string | null;

let currentToken: TokenSource = () => null;

/** Sets where API calls take their bearer token from (the session provider calls it). */
export function setTokenSource(source: TokenSource): void {
  currentToken = source;
}

/** Options of one API call. */
export interface CallOptions {
  /** HTTP method; GET unless given. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  /** JSON body. */
  body?: unknown;
  /** Extra headers (If-Match, Idempotency-Key, If-None-Match). */
  headers?: Record<string, string>;
  /** Send no token even when signed in (public pages cache better without). */
  anonymous?: boolean;
  /** Abort signal (TanStack Query passes one). */
  signal?: AbortSignal | undefined;
}

/** A successful answer with the headers a page may need (ETag, Date). */
export interface ApiAnswer<T> {
  /** The parsed body. */
  data: T;
  /** HTTP status. */
  status: number;
  /** The ETag, when sent. */
  etag: string | null;
  /** The server's clock at the answer (Date header), for countdowns against server time. */
  serverDate: Date | null;
}

/** Builds a path with its query string. */
export function withQuery(path: string, query: CallOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Reads a failed response as a problem, whatever it holds. */
async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    // Loose: extensions such as `rule`, `citation` or `currentVersion` are kept for the page to show.
    const parsed = ProblemSchema.loose().safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: described below
  }
  return {
    type: 'about:blank',
    title: `HTTP ${response.status}`,
    status: response.status,
    detail: text.slice(0, 200),
    title_zh: `请求失败（HTTP ${response.status}）`,
    title_en: `HTTP ${response.status}`,
    detail_zh: '服务器返回了无法识别的错误',
    detail_en: 'The server answered with an unreadable error',
  } as Problem;
}

/**
 * Calls the API and returns the typed body of operation `K`; throws {@link ApiProblemError} on failure.
 *
 * The operation id names the response schema in `shared/schemas/operations.ts`, so the page's types
 * are the server's; a 304 answer (If-None-Match) gives `data` undefined.
 */
export async function callApi<K extends OperationId>(
  _operation: K,
  path: string,
  options: CallOptions = {},
): Promise<ApiAnswer<ResponseOf<K>>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = options.anonymous ? null : currentToken();
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiProblemError(
      0,
      {
        type: 'urn:ggzy-portal:problem:network',
        title: '网络错误 / Network error',
        status: 0,
        detail: '无法连接服务器 / cannot reach the server',
        title_zh: '网络错误',
        title_en: 'Network error',
        detail_zh: '无法连接服务器，请检查网络后重试；未作任何更改',
        detail_en: 'Cannot reach the server; nothing was changed',
      } as Problem,
      { cause: error },
    );
  }
  const date = response.headers.get('date');
  const meta = {
    status: response.status,
    etag: response.headers.get('etag'),
    serverDate: date ? new Date(date) : null,
  };
  if (response.status === 304) return { ...meta, data: undefined as ResponseOf<K> };
  if (!response.ok) throw new ApiProblemError(response.status, await readProblem(response));
  const text = await response.text();
  return { ...meta, data: (text ? JSON.parse(text) : undefined) as ResponseOf<K> };
}
