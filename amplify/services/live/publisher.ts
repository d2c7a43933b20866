import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { imagesOf, inOrder } from '../../events/stream';
import type { Order } from '../orders/order';
import { logger } from '../shared/observability';
import { updateOfChange } from './order-update';

/** Selects every field of `OrderUpdate`: subscribers receive only what the mutation selected. */
export const PUBLISH_ORDER_UPDATE = /* GraphQL */ `
  mutation PublishOrderUpdate(
    $orderId: ID!
    $userId: String!
    $status: OrderStatus!
    $statusHistory: [OrderStatusChangeInput!]!
    $failureReason: String
    $refund: OrderRefundInput
    $updatedAt: AWSDateTime!
    $version: Int!
  ) {
    publishOrderUpdate(
      orderId: $orderId
      userId: $userId
      status: $status
      statusHistory: $statusHistory
      failureReason: $failureReason
      refund: $refund
      updatedAt: $updatedAt
      version: $version
    ) {
      orderId
      userId
      status
      statusHistory {
        status
        at
        reason
      }
      failureReason
      refund {
        amount
        currency
        at
      }
      updatedAt
      version
    }
  }
`;

/** Publishes each status change of the batch's orders, in order (see `inOrder`). */
export const publishOrderUpdates =
  (api: { request(query: string, variables: Record<string, unknown>): Promise<unknown> }) =>
  (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
    inOrder(
      event.Records,
      async (record) => {
        const update = updateOfChange(...imagesOf<Order>(record));
        if (update) await api.request(PUBLISH_ORDER_UPDATE, { ...update });
      },
      (sequence, error) => logger.error('could not publish an order update', { record: sequence, error }),
    );
