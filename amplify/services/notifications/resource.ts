import { defineFunction } from '@aws-amplify/backend';

/**
 * Emails the shopper when an order is confirmed or dispatched, alerts the admins when stock runs
 * low. Needs SENT_NOTIFICATIONS_TABLE, NOTIFICATIONS_FROM_ADDRESS and ADMIN_ALERTS_TOPIC_ARN; see
 * README.md for the table, the permissions and the rules.
 */
export const notificationsSend = defineFunction({
  name: 'notifications-send',
  resourceGroupName: 'fulfilment',
  entry: './send.ts',
  runtime: 22,
  timeoutSeconds: 30,
});
