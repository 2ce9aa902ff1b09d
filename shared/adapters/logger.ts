import { Logger } from '@aws-lambda-powertools/logger';

/** The process-wide structured logger (Powertools): JSON lines with the service name. */
export const logger = new Logger({ serviceName: 'ggzy-portal' });
