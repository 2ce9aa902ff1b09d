import { ENV } from '../config/env';

/**
 * The portal's public base URL, from PUBLIC_BASE_URL only (without a trailing slash), else undefined.
 *
 * Why never the request's Host header: open data carries absolute URLs in responses marked
 * `cache-control: public`, so a forged Host would be cached and served to everyone. The stack sets
 * the variable in AWS (the custom domain or the HTTP API's own endpoint), the local stack sets it to
 * the gateway's own URL.
 */
export function publicBaseUrl(): string | undefined {
  const configured = process.env[ENV.publicBaseUrl]?.trim();
  return configured ? configured.replace(/\/+$/, '') : undefined;
}
