// The SDK's `tokenAuth` (and the JWT reading it brings) as a chunk of its own: only a page that signs its
// visitors in with its own tokens (`identity: { getToken }`) loads it, at the first connection.
export { tokenAuth } from '@org/chat-sdk';
