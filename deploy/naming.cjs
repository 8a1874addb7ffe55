// How the framework (osls) names the resources it generates for a function, for the fragments that
// refer to them (api.cjs, observability.cjs).
'use strict';

/** The logical-id prefix of a function: `addMember` → `AddMember`, `add-member` → `AddDashmember`. */
function normalizedName(name) {
  const upper = name.charAt(0).toUpperCase() + name.slice(1);
  return upper.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
}

module.exports = {
  normalizedName,
  /** The function's AWS::Lambda::Function logical id. */
  lambdaId: (name) => `${normalizedName(name)}LambdaFunction`,
  /** The function's AWS::Logs::LogGroup logical id. */
  logGroupId: (name) => `${normalizedName(name)}LogGroup`,
  /** The Lambda permission the WebSocket API gets to invoke the function. */
  websocketPermissionId: (name) => `${normalizedName(name)}LambdaPermissionWebsockets`,
};
