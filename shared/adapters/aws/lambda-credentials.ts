import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * The AWS SDK's default credential chain as the Lambda bundles resolve it: the execution role's
 * keys, which the Lambda runtime puts in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN).
 *
 * Why: the esbuild bundle of every function aliases `@aws-sdk/credential-provider-node` to this
 * module (infra/constructs/house-function.ts). The full chain (SSO, profiles, web identity, IMDS,
 * and the STS/SSO clients they need) is ~90 KB of every bundle and a cold start's parse time, and
 * none of it is reachable on Lambda, where the environment provider is the chain's first answer.
 */
export function defaultProvider(init?: Parameters<typeof fromEnv>[0]): ReturnType<typeof fromEnv> {
  return fromEnv(init);
}
