import { ENV } from './routes';

/**
 * The portal's public base URL: PUBLIC_BASE_URL when set (deployments), else the request's host.
 *
 * Why: open data must carry absolute URLs (OCDS requires them), and the stack cannot know its own
 * API URL at synth time without a circular reference.
 */
export function publicBaseUrl(headers: Record<string, string | undefined>): string | undefined {
  const configured = process.env[ENV.publicBaseUrl];
  if (configured) return configured.replace(/\/$/, '');
  const host = headers['host'];
  if (!host) return undefined;
  const proto =
    headers['x-forwarded-proto'] ??
    (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}
