/**
 * `@org/chat-widget/accounts`: sign-in and sign-up with Cognito accounts in the widget. Not imported by
 * the widget itself; an app turns it on with `npm i amazon-cognito-identity-js` and
 * `cognito: { userPoolId, clientId, accounts: () => import('@org/chat-widget/accounts') }`, so its
 * bundler makes it a lazy chunk, and apps without accounts build without that package.
 */
import { AccountForm as Form, linkGuest as link, restoreAccount as restore } from './Auth/account-form.js';

/** The account forms (what the widget renders; not for direct use). */
export const AccountForm: unknown = Form;
/** Restores a remembered account (used by the widget; not for direct use). */
export const restoreAccount: unknown = restore;
/** Links a guest to the account it signed in with (used by the widget; not for direct use). */
export const linkGuest: unknown = link;
