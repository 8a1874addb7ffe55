import type { AccountStrings } from '../Common/i18n/strings.js';

/** The account forms' English texts, the fallback under the dictionary's (see AccountStrings). */
export const ACCOUNT_STRINGS_EN: AccountStrings = {
  nameInvalid: 'Choose a name of up to 40 characters, without invisible or control characters.',
  email: 'Email',
  password: 'Password',
  signingIn: 'Signing in…',
  signUp: 'Create account',
  toSignUp: 'No account yet? Create one',
  toSignIn: 'Have an account? Sign in',
  code: 'Confirmation code',
  codeSent: 'We sent a code to {email}.',
  confirm: 'Confirm',
};
