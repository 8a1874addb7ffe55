// Reserved concurrency of the functions every connection goes through (authorizer, $connect,
// $disconnect), per stage (custom.stages.<stage>.reservedConcurrency): a flood of handshakes is capped
// and cannot take the account's concurrency from the rest. A value of 0 reserves nothing (the
// framework's `reservedConcurrency: 0` would instead stop the function), so it is set here.
'use strict';

const FUNCTIONS = { authorizer: 'Authorizer', connect: 'Connect', disconnect: 'Disconnect' };

module.exports = async ({ resolveVariable }) => {
  const reserved = await resolveVariable('self:custom.stage.reservedConcurrency');
  const extensions = {};
  for (const [name, logical] of Object.entries(FUNCTIONS)) {
    const value = Number(reserved?.[name] ?? 0);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`reservedConcurrency.${name} must be a whole number`);
    if (value > 0)
      extensions[`${logical}LambdaFunction`] = { Properties: { ReservedConcurrentExecutions: value } };
  }
  return { extensions };
};
