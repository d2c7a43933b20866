import { randomUUID } from 'node:crypto';
import { NotFoundError, UserInputError } from '../shared/errors';
import {
  InvalidTransitionError,
  canMove,
  parsePlaceOrderInput,
  parseQuoteInput,
  priceOrder,
  quoteOrder,
  requestHash,
  toCustomerOrder,
  type CustomerOrder,
  type Order,
  type OrderStatus,
  type PricedProduct,
  type Quote,
  type StatusChange,
} from './order';

/** Reads products from the catalog by SKU; a SKU it does not know is simply absent. */
export interface CatalogPort {
  productsBySku(skus: string[]): Promise<PricedProduct[]>;
}

/**
 * Starts the checkout saga of a PENDING order. Starting it again for the same order starts nothing
 * new (the execution is named after the order), so a retried `placeOrder` may always call it.
 */
export interface CheckoutPort {
  start(order: Order): Promise<void>;
}

/** What an idempotency key was used for: the order it created and the request that created it. */
export interface IdempotencyRecord {
  /** `userId#idempotencyKey`: a key is the user's own, two users never collide. */
  key: string;
  orderId: string;
  requestHash: string;
  createdAt: string;
}

export type CreateResult = { created: true } | { created: false; existing: IdempotencyRecord };

export interface OrdersRepository {
  idempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * Writes the order and its idempotency record, both or neither. When the key is already taken
   * (a retry, or a concurrent twin), writes nothing and answers the record that holds it.
   */
  create(order: Order, record: IdempotencyRecord): Promise<CreateResult>;
  get(orderId: string): Promise<Order | undefined>;
  /**
   * Moves the order from `from` to `change.status` and appends `change` to its history, only if it
   * is still in `from`; answers the order after the change, or undefined if it was not in `from`.
   */
  transition(orderId: string, from: OrderStatus, change: StatusChange): Promise<Order | undefined>;
}

/** A cart priced as its order would be; lines that cannot be sold are listed apart, not refused. */
export const quoteCart = async (catalog: CatalogPort, args: unknown): Promise<Quote> => {
  const { lines, country } = parseQuoteInput(args);
  const products = await catalog.productsBySku(lines.map((l) => l.sku));
  return quoteOrder(lines, new Map(products.map((p) => [p.sku, p])), country);
};

export const idempotencyKeyOf = (userId: string, idempotencyKey: string) => `${userId}#${idempotencyKey}`;

const MAX_REASON = 500;

/** Why an order in each status cannot be cancelled, in the shopper's words. */
const CANCEL_REFUSALS: Partial<Record<OrderStatus, string>> = {
  PENDING: 'This order is still being placed; try again in a moment.',
  FAILED: 'This order failed, so there is nothing to cancel: you were not charged.',
  SHIPPED: 'This order has shipped and can no longer be cancelled.',
};

/**
 * What needs no catalog and no saga: reading an order and moving its status. The saga's tasks use
 * this alone, so the checkout stack never needs the catalog's tables.
 */
export class OrderLedger {
  constructor(
    protected readonly repository: OrdersRepository,
    protected readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** The caller's own order; anyone else's is as absent as a missing one (its existence is not told). */
  async order(userId: string, { orderId }: { orderId: string }): Promise<CustomerOrder> {
    const order = await this.repository.get(orderId);
    if (!order || order.userId !== userId) throw new NotFoundError(`no order with id ${orderId}`);
    return toCustomerOrder(order);
  }

  /** PENDING → CONFIRMED (the saga, after capture). Repeating it changes nothing. */
  markConfirmed(orderId: string): Promise<Order> {
    return this.move(orderId, { status: 'CONFIRMED', at: this.now() });
  }

  /** CONFIRMED → SHIPPED (shipping dispatched it). Repeating it changes nothing. */
  markShipped(orderId: string): Promise<Order> {
    return this.move(orderId, { status: 'SHIPPED', at: this.now() });
  }

  /**
   * The owner cancels a confirmed order that has not shipped: CONFIRMED → CANCELLED. The refund
   * and the restock follow from the OrderCancelled event. Cancelling again changes nothing; any
   * other state is refused with the reason, as is another user's order (as not found).
   */
  async cancel(userId: string, { orderId }: { orderId: string }): Promise<CustomerOrder> {
    const order = await this.repository.get(orderId);
    if (!order || order.userId !== userId) throw new NotFoundError(`no order with id ${orderId}`);
    const refusal = CANCEL_REFUSALS[order.status];
    if (refusal) throw new InvalidTransitionError(refusal);
    return toCustomerOrder(
      await this.move(orderId, { status: 'CANCELLED', at: this.now(), reason: 'Cancelled by you.' }),
    );
  }

  /** PENDING → FAILED with the reason (the saga's last compensation). Repeating it changes nothing. */
  async markFailed(orderId: string, reason: string): Promise<Order> {
    const why = reason?.trim();
    if (!why) throw new UserInputError('a failed order needs a reason');
    if (why.length > MAX_REASON) throw new UserInputError(`reason must be at most ${MAX_REASON} characters`);
    return this.move(orderId, { status: 'FAILED', at: this.now(), reason: why });
  }

  /**
   * Applies a status change guarded twice: here against the order as read, and in the write by a
   * condition on the status, so of two concurrent changes exactly one lands. The loser sees the
   * winner's status: the same one is a no-op, another is refused.
   */
  private async move(orderId: string, change: StatusChange): Promise<Order> {
    const current = await this.repository.get(orderId);
    if (!current) throw new NotFoundError(`no order with id ${orderId}`);
    const settled = (order: Order) => {
      if (order.status === change.status) return order;
      throw new InvalidTransitionError(`order ${orderId} is ${order.status}; it cannot become ${change.status}`);
    };
    if (!canMove(current.status, change.status)) return settled(current);
    const moved = await this.repository.transition(orderId, current.status, change);
    if (moved) return moved;
    const now = await this.repository.get(orderId);
    return settled(now!);
  }
}

/** The shopper's use cases: quote a cart, place an order (and start its saga), read an order. */
export class Orders extends OrderLedger {
  constructor(
    private readonly catalog: CatalogPort,
    repository: OrdersRepository,
    private readonly checkout: CheckoutPort,
    now?: () => string,
    private readonly newId: () => string = randomUUID,
  ) {
    super(repository, now);
  }

  /**
   * Places a PENDING order for `userId`, priced from the catalog. Repeating a request with the same
   * idempotency key answers the order it created, even if prices changed since; reusing the key for
   * a different request is refused.
   */
  async placeOrder(userId: string, args: unknown, email?: string): Promise<CustomerOrder> {
    return (await this.place(userId, args, email)).order;
  }

  /** As {@link placeOrder}, saying whether this request created the order (`false`: a replay). */
  async place(userId: string, args: unknown, email?: string): Promise<{ order: CustomerOrder; created: boolean }> {
    const input = parsePlaceOrderInput(args);
    const hash = requestHash(input);
    const key = idempotencyKeyOf(userId, input.idempotencyKey);
    const replayed = async (record: IdempotencyRecord) => ({
      order: await this.replay(userId, record, hash),
      created: false,
    });

    // A retry is answered from what it created, before the catalog could refuse it anew.
    const seen = await this.repository.idempotencyRecord(key);
    if (seen) return replayed(seen);

    const products = await this.catalog.productsBySku(input.lines.map((l) => l.sku));
    const priced = priceOrder(input.lines, new Map(products.map((p) => [p.sku, p])), input.shippingAddress.country);
    const now = this.now();
    const order: Order = {
      orderId: this.newId(),
      userId,
      email,
      status: 'PENDING',
      ...priced,
      shippingAddress: input.shippingAddress,
      paymentToken: input.paymentToken,
      idempotencyKey: input.idempotencyKey,
      statusHistory: [{ status: 'PENDING', at: now }],
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const result = await this.repository.create(order, {
      key,
      orderId: order.orderId,
      requestHash: hash,
      createdAt: now,
    });
    // A concurrent twin won the key: answer its order, as a later retry would get.
    if (!result.created) return replayed(result.existing);
    await this.checkout.start(order);
    return { order: toCustomerOrder(order), created: true };
  }

  /**
   * A retry gets the order its key created. If that order is still PENDING its saga is started
   * again, which starts nothing new when it runs, and starts it when the first request died
   * between writing the order and starting the saga.
   */
  private async replay(userId: string, record: IdempotencyRecord, hash: string): Promise<CustomerOrder> {
    if (record.requestHash !== hash) throw new UserInputError('this idempotency key was used for a different order');
    const order = await this.repository.get(record.orderId);
    if (!order || order.userId !== userId) throw new NotFoundError(`no order with id ${record.orderId}`);
    if (order.status === 'PENDING') await this.checkout.start(order);
    return toCustomerOrder(order);
  }
}
