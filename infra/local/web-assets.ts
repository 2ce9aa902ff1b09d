import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Where the web client's Vite project lives. */
export const WEB_ROOT = join(ROOT, 'shared', 'web');

/** Where `npm run build:web` and `npm start` put the built client (ignored by git). */
export const WEB_DIST = join(WEB_ROOT, 'dist');

/** The file in a build folder that records which sources it was built from. */
const STAMP_FILE = '.source-hash';

/** Content types of the files a Vite build writes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Lists every file under `dir`, skipping build output and dependencies. */
function listSourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSourceFiles(path));
    else out.push(path);
  }
  return out;
}

/**
 * Hashes everything a build of the client depends on: its sources, the server code it imports
 * (`shared/schemas`, `shared/domain`) and the lock file.
 *
 * Why a hash and not timestamps: a checkout or a branch switch changes times without changing bytes,
 * and the other way round; the hash rebuilds exactly when the output could differ.
 */
export function hashWebSources(): string {
  const files = [
    ...listSourceFiles(WEB_ROOT),
    ...listSourceFiles(join(ROOT, 'shared', 'schemas')),
    ...listSourceFiles(join(ROOT, 'shared', 'domain')),
    join(ROOT, 'package-lock.json'),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(ROOT, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Builds the web client into `outDir` with Vite (the project's `shared/web/vite.config.ts`) unless
 * the folder already holds a build of the same sources; returns whether it built.
 *
 * `npm start` calls it so a clone runs the portal without a separate build step, and a restart with
 * unchanged sources costs a hash, not a build.
 */
export async function buildWebIfChanged(
  outDir: string = WEB_DIST,
  log: (line: string) => void = console.log,
): Promise<boolean> {
  const sourceHash = hashWebSources();
  const stamp = join(outDir, STAMP_FILE);
  if (
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === sourceHash &&
    existsSync(join(outDir, 'index.html'))
  )
    return false;
  log('Building the web client … 正在构建网页客户端');
  const started = Date.now();
  const { build } = await import('vite');
  await build({
    configFile: join(WEB_ROOT, 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  writeFileSync(stamp, sourceHash);
  log(`Web client built 构建完成 (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return true;
}

/** A static file answer: body, content type and caching. */
export interface StaticFile {
  /** The bytes. */
  body: Buffer;
  /** Its content type. */
  contentType: string;
  /** Cache-Control: hashed assets forever, everything else revalidated. */
  cacheControl: string;
}

/**
 * Resolves a request path to a file of the built client, or to `index.html` for a client route
 * (an extension-less path), or null.
 *
 * Why the fallback only without an extension: `/tenders/abc` is a page of the single-page client,
 * but a missing `/assets/x.js` must stay a 404, not HTML that the browser would try to run.
 */
export function readStaticFile(webDir: string, pathname: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const root = resolve(webDir);
  const candidate = resolve(root, `.${decoded}`);
  if (candidate !== root && !candidate.startsWith(`${root}${sep}`)) return null;
  let file = candidate;
  if (!(existsSync(file) && statSync(file).isFile())) {
    if (extname(decoded) !== '') return null;
    file = join(root, 'index.html');
    if (!existsSync(file)) return null;
  }
  if (file.endsWith(STAMP_FILE)) return null;
  const immutable = file.startsWith(join(root, 'assets') + sep);
  return {
    body: readFileSync(file),
    contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    cacheControl: immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
}
