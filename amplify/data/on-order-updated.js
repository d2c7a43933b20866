import { extensions, util } from '@aws-appsync/utils';

/** `onOrderUpdated` on a NONE data source: nothing to read when subscribing. */
export function request() {
  return { payload: null };
}

/**
 * Only the order's owner hears of it: the filter matches the update's `userId` to the caller that
 * the Lambda authorizer put in `resolverContext`, never to an argument. Someone else subscribing to
 * the order's id is acknowledged and receives nothing; a guest is refused.
 */
export function response(ctx) {
  const caller = (ctx.identity && ctx.identity.resolverContext) || {};
  if (!caller.userId || caller.userId === 'guest') util.unauthorized();
  extensions.setSubscriptionFilter(
    util.transform.toSubscriptionFilter({ orderId: { eq: ctx.args.orderId }, userId: { eq: caller.userId } }),
  );
  return null;
}
