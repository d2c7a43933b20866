import { describe, expect, it } from 'vitest';
import { authModes } from './auth-modes';
import { buildAppSyncSchema } from './schema';

describe('which authorization modes may read a field', () => {
  const modes = authModes(
    buildAppSyncSchema(`
      type Query { open: Int, internal: Int @aws_iam, both: Int @aws_iam @aws_lambda, update: Update }
      type Update @aws_iam { id: ID, note: String @aws_lambda }
    `),
    'AWS_LAMBDA',
  );

  it('takes the field’s directives, else its type’s, else the API’s default mode only', () => {
    expect([...modes('Query', 'open')]).toEqual(['AWS_LAMBDA']);
    expect([...modes('Query', 'internal')]).toEqual(['AWS_IAM']);
    expect([...modes('Query', 'both')].sort()).toEqual(['AWS_IAM', 'AWS_LAMBDA']);
    expect([...modes('Update', 'id')]).toEqual(['AWS_IAM']);
    expect([...modes('Update', 'note')]).toEqual(['AWS_LAMBDA']);
  });
});
