import { util } from '@aws-appsync/utils';

/**
 * `publishOrderUpdate` on a NONE data source: the arguments become the result, which AppSync hands
 * to the `onOrderUpdated` subscribers whose filters match. Amplify marks every field `@aws_iam` and
 * `@aws_lambda`, so the resolver itself refuses any caller not signed with IAM (the live publisher).
 */
export function request(ctx) {
  if (util.authType() !== 'IAM Authorization') util.unauthorized();
  return { payload: ctx.arguments };
}

export function response(ctx) {
  return ctx.result;
}
