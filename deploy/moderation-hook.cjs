// The moderation hook a stage names (custom.stages.<stage>.moderation.hook: a function's full name)
// may be invoked by the two functions that ask it, send and moderation (edits), and by nobody else:
// one policy attached to their roles, and nothing at all when the stage names no hook.
'use strict';

/** The roles of the functions that ask the hook (deploy/iam.yml). */
const CALLERS = ['SendRole', 'ModerationRole'];

module.exports = async ({ resolveVariable }) => {
  const hook = String((await resolveVariable('self:custom.stage.moderation.hook')) ?? '');
  if (!hook) return {};
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(hook))
    throw new Error(`moderation.hook must be a function name: ${hook}`);
  return {
    Resources: {
      ModerationHookInvokePolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'moderation-hook',
          Roles: CALLERS.map((role) => ({ Ref: role })),
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'ModerationHook',
                Effect: 'Allow',
                Action: 'lambda:InvokeFunction',
                Resource: {
                  'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${hook}`,
                },
              },
            ],
          },
        },
      },
    },
  };
};
