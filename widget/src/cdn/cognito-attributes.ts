import type { ChatCognitoOptions } from '../types.js';

/**
 * The Cognito options: the `cognito` option, or the script tag's `data-cognito-user-pool-id`,
 * `-client-id`, `-endpoint`, `-auth-flow` and the flag `-persist` (passed through by the loader as they
 * are, since only the window uses them and every byte of the loader counts).
 */
export function cognitoOptions(options: {
  cognito?: ChatCognitoOptions;
  cognitoUserPoolId?: string;
  cognitoClientId?: string;
  cognitoEndpoint?: string;
  cognitoAuthFlow?: string;
  /** `data-cognito-persist`: present (empty) or any value but `false` turns it on. */
  cognitoPersist?: string;
}): ChatCognitoOptions | undefined {
  if (options.cognito || !options.cognitoUserPoolId) return options.cognito;
  return {
    userPoolId: options.cognitoUserPoolId,
    clientId: options.cognitoClientId ?? '',
    endpoint: options.cognitoEndpoint,
    authFlow: options.cognitoAuthFlow as ChatCognitoOptions['authFlow'],
    persist: options.cognitoPersist !== undefined && options.cognitoPersist !== 'false',
  };
}
