// Signed-in users for the bench (private rooms need them): signed up, confirmed and signed in on the
// stack's cognito-local pool with USER_PASSWORD_AUTH (cognito-local has no SRP).
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';

/** Makes a user; resolves with `{ sub, idToken }`. */
export async function signedInUser(cognitoUrl, pool, name) {
  const cognito = new CognitoIdentityProviderClient({
    endpoint: cognitoUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const email = `${name}-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const password = 'Correct-Horse-9-Battery';
  const signUp = await cognito.send(
    new SignUpCommand({
      ClientId: pool.clientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.userPoolId, Username: email }));
  const auth = await cognito.send(
    new InitiateAuthCommand({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const idToken = auth.AuthenticationResult?.IdToken;
  if (!idToken || !signUp.UserSub) throw new Error('cognito-local did not sign the user in');
  return { sub: signUp.UserSub, idToken };
}
