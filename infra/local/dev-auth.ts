import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { ROLES, type Role } from '../../shared/http/routes';

/** Issuer of local dev tokens. */
export const DEV_ISSUER = 'urn:ggzy-portal:local-dev';
/** Audience of local dev tokens (the Cognito app client id plays this part in AWS). */
export const DEV_AUDIENCE = 'ggzy-portal-local';
/** How long a dev token lasts. */
const TOKEN_TTL_SECONDS = 12 * 60 * 60;

/** What a dev token says about its holder. */
export interface DevTokenRequest {
  /** One of the four roles. */
  role: Role;
  /** The organisation (`custom:orgId`). */
  orgId: string;
  /** The user id (`sub`); derived from role and organisation when omitted. */
  sub?: string | undefined;
  /** A display name. */
  name?: string | undefined;
}

/** Signs and verifies local tokens of the Cognito ID-token shape. */
export interface DevAuth {
  /** Issues a token, valid for 12 hours of real time (not dev-clock time). */
  issue(request: DevTokenRequest): Promise<{ token: string; expiresAt: string; claims: JWTPayload }>;
  /** Verifies a bearer token and returns its claims as API Gateway would pass them. */
  verify(token: string): Promise<Record<string, unknown>>;
}

type KeyPair = { privateJwk: JWK; publicJwk: JWK };

/** Loads the local signing key from the data folder, or makes one (kept so tokens survive restarts). */
async function loadKeyPair(dataDir: string | undefined): Promise<KeyPair> {
  const file = dataDir ? join(dataDir, 'dev-signing-key.json') : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as KeyPair;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const pair = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  if (file) writeFileSync(file, JSON.stringify(pair), { mode: 0o600 });
  return pair;
}

/**
 * Creates the local token service (ES256, a key made on this machine and never committed).
 *
 * Why the Cognito shape: handlers read `cognito:groups` and `custom:orgId` the same way in both
 * places, and the gateway passes groups as the HTTP API authorizer does ("[purchaser]").
 */
export async function createDevAuth(dataDir?: string): Promise<DevAuth> {
  const pair = await loadKeyPair(dataDir);
  const privateKey = await importJWK(pair.privateJwk, 'ES256');
  const publicKey = await importJWK(pair.publicJwk, 'ES256');
  return {
    async issue(request) {
      // Real time, not the dev clock: moving the business clock by weeks must not expire sessions.
      const now = new Date();
      if (!(ROLES as readonly string[]).includes(request.role))
        throw new Error(`unknown role ${request.role}`);
      const issuedAt = Math.floor(now.getTime() / 1000);
      const sub = request.sub ?? `${request.role}-${request.orgId}`;
      const claims: JWTPayload = {
        sub,
        'cognito:groups': [request.role],
        'custom:orgId': request.orgId,
        name: request.name ?? sub,
        token_use: 'id',
      };
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + TOKEN_TTL_SECONDS)
        .sign(privateKey);
      return { token, expiresAt: new Date((issuedAt + TOKEN_TTL_SECONDS) * 1000).toISOString(), claims };
    },
    async verify(token) {
      // As the HTTP API JWT authorizer: a token without exp is refused, not treated as eternal.
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        requiredClaims: ['exp'],
      });
      const groups = payload['cognito:groups'];
      return {
        ...payload,
        'cognito:groups': Array.isArray(groups) ? `[${groups.join(' ')}]` : groups,
      };
    },
  };
}
