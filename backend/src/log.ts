import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logger shared by every handler. */
export const logger = new Logger({ serviceName: 'org-chat' });
