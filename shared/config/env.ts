/**
 * Environment variables the functions read; the CDK stack sets them, the local stack too.
 *
 * Why a module of its own at the bottom of the graph: the adapters read these names, the stacks
 * write them, and neither may import the other (nor the HTTP layer) to agree on them.
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  bucketName: 'BUCKET_NAME',
  dynamoEndpoint: 'DYNAMODB_ENDPOINT',
  s3Endpoint: 'S3_ENDPOINT',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** The WebSocket API stage's management endpoint (`https://…/live`), set on the functions that publish. */
  liveEndpoint: 'LIVE_ENDPOINT',
} as const;
