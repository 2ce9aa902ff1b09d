import { type WebConfig, WebConfigSchema } from '../../../schemas/web-config';

/**
 * Reads `/config.json`, served beside the client (the gateway locally, the stack's deployment in AWS).
 *
 * Why at run time: one build runs locally and in every AWS account; only this file differs.
 */
export async function loadWebConfig(): Promise<WebConfig> {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`/config.json: HTTP ${response.status}`);
  return WebConfigSchema.parse(await response.json());
}
