import * as z from 'zod';
import './zod-config';

/**
 * How the web client signs in locally: the gateway's dev token endpoint (演示登录).
 *
 * Why a schema: the gateway and the CDK stack both write `/config.json` and the client reads it, so
 * the three agree on one shape.
 */
export const DevSignInSchema = z.object({ mode: z.literal('dev') }).strict();

/** How the web client signs in on AWS: Cognito's hosted sign-in, authorization code with PKCE. */
export const CognitoSignInSchema = z
  .object({
    mode: z.literal('cognito'),
    /** The OIDC issuer, `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
    authority: z.url(),
    /** The app client id (the ID token's audience, accepted by the HTTP API's JWT authorizer). */
    clientId: z.string().min(1),
    /** The hosted sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
    domain: z.url(),
  })
  .strict();

/** `/config.json`, served beside the web client: what differs between the local stack and AWS. */
export const WebConfigSchema = z
  .object({
    /** The sign-in the client uses. */
    auth: z.discriminatedUnion('mode', [DevSignInSchema, CognitoSignInSchema]),
    /**
     * The live channel (WebSocket) of the transfers' auction rooms: a path on the client's origin
     * locally (`/api/live`), the WebSocket API's `wss://` stage URL in AWS. Absent: the rooms poll.
     */
    live: z.strictObject({ url: z.string().min(1) }).optional(),
  })
  .strict();

/** The web client's runtime configuration. */
export type WebConfig = z.infer<typeof WebConfigSchema>;

/** The path, under the client's origin, of the OAuth redirect after the hosted sign-in. */
export const SIGN_IN_CALLBACK_PATH = '/auth/callback';
