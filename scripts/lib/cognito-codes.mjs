// cognito-local sends no email or SMS: it logs each code it would have sent as a box on its output
// ("Confirmation Code Delivery", with Username, Destination and Code). This reads those boxes back out
// of the output stream, so `npm start` can print the codes a developer needs to confirm a sign-up.

// pino-pretty colours the log whatever the terminal (`colorize: true`): escape sequences go first.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const BOX = /Confirmation Code Delivery([\s\S]*?)╯/;

/**
 * Returns a function to feed with cognito-local's output, chunk by chunk; `onCode` is called with
 * `{ code, destination, username }` for every code delivered. A box split across chunks is waited for.
 */
export function confirmationCodeReader(onCode) {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString().replace(ANSI, '');
    for (let match = BOX.exec(pending); match; match = BOX.exec(pending)) {
      const field = (name) => new RegExp(`${name}:\\s*(\\S+)`).exec(match[1])?.[1];
      const code = field('Code');
      if (code) onCode({ code, destination: field('Destination'), username: field('Username') });
      pending = pending.slice(match.index + match[0].length);
    }
    // Keep only what may begin a box that has not arrived in full.
    const start = pending.lastIndexOf('Confirmation Code Delivery');
    pending = start === -1 ? pending.slice(-64) : pending.slice(start);
  };
}
