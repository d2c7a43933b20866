import { beforeEach, describe, expect, it } from 'vitest';
import { UserInputError } from '../shared/errors';
import { ShipmentAlreadyDispatched, ShipmentBusy, ShipmentNotFound } from './errors';
import { CARRIER, parseDispatchDelay, trackingNumberOf } from './shipment';
import { Shipping } from './shipping';
import { FakeShipmentsRepository } from './test-fakes';
import { cancelledOrder, confirmedOrder } from './test-events';

let repository: FakeShipmentsRepository;
let shipping: Shipping;
let clock: string;
let ids: number;

beforeEach(() => {
  repository = new FakeShipmentsRepository();
  clock = '2030-01-01T10:00:01.000Z';
  ids = 0;
  shipping = new Shipping(
    repository,
    () => clock,
    () => `shp_${++ids}`,
  );
});

const stored = (orderId = 'order-1') => repository.shipments.get(orderId);

describe('create', () => {
  it('makes one READY shipment with the order’s lines, address and a printed label', async () => {
    const shipment = await shipping.create(confirmedOrder());
    expect(shipment).toEqual({
      orderId: 'order-1',
      shipmentId: 'shp_1',
      userId: 'user-alice',
      email: 'alice@example.com',
      lines: [
        { sku: 'MUG-1', name: 'Blue mug', quantity: 2 },
        { sku: 'PEN-2', name: 'Fountain pen', quantity: 1 },
      ],
      shippingAddress: confirmedOrder().shippingAddress,
      status: 'READY',
      carrier: CARRIER,
      trackingNumber: trackingNumberOf('shp_1'),
      createdAt: clock,
      version: 1,
    });
    expect(stored()).toEqual(shipment);
  });

  it('is idempotent: the same order again answers the first shipment and writes nothing', async () => {
    const first = await shipping.create(confirmedOrder());
    clock = '2030-01-01T11:00:00.000Z';
    expect(await shipping.create(confirmedOrder())).toEqual(first);
    expect(repository.writes).toBe(1);
  });

  it('a concurrent twin that wrote first is the answer', async () => {
    repository.before = async (op) => {
      if (op !== 'putIfAbsent') return;
      repository.before = undefined;
      await new Shipping(
        repository,
        () => clock,
        () => 'shp_twin',
      ).create(confirmedOrder());
    };
    expect(await shipping.create(confirmedOrder())).toMatchObject({ shipmentId: 'shp_twin', status: 'READY' });
    expect(repository.writes).toBe(1);
  });

  it('leaves out an email the order has not got', async () => {
    expect(await shipping.create(confirmedOrder('order-2', { email: undefined }))).not.toHaveProperty('email');
  });
});

describe('dispatch', () => {
  beforeEach(() => shipping.create(confirmedOrder()));

  it('READY → DISPATCHED with the carrier and tracking number, version + 1', async () => {
    clock = '2030-01-01T10:01:00.000Z';
    const shipment = await shipping.dispatch({ orderId: 'order-1' });
    expect(shipment).toMatchObject({
      status: 'DISPATCHED',
      carrier: 'Cloudshop Post',
      trackingNumber: trackingNumberOf('shp_1'),
      dispatchedAt: '2030-01-01T10:01:00.000Z',
      version: 2,
    });
  });

  it('is a no-op the second time: same answer, no write', async () => {
    const first = await shipping.dispatch({ orderId: 'order-1' });
    clock = '2030-01-01T12:00:00.000Z';
    expect(await shipping.dispatch({ orderId: 'order-1' })).toEqual(first);
    expect(repository.writes).toBe(2);
  });

  it('does not dispatch a cancelled shipment, and says so without failing', async () => {
    await shipping.cancel(cancelledOrder());
    expect(await shipping.dispatch({ orderId: 'order-1' })).toMatchObject({ status: 'CANCELLED' });
    expect(stored()).not.toHaveProperty('dispatchedAt');
  });

  it('losing a race to a cancel answers the cancelled shipment', async () => {
    repository.before = async (op) => {
      if (op !== 'transition') return;
      repository.before = undefined;
      await shipping.cancel(cancelledOrder());
    };
    expect(await shipping.dispatch({ orderId: 'order-1' })).toMatchObject({ status: 'CANCELLED', version: 2 });
  });

  it('refuses an unknown order and a malformed input', async () => {
    await expect(shipping.dispatch({ orderId: 'nope' })).rejects.toBeInstanceOf(ShipmentNotFound);
    await expect(shipping.dispatch({})).rejects.toBeInstanceOf(UserInputError);
  });

  it('gives up with ShipmentBusy when every write loses a race', async () => {
    repository.transition = async () => undefined;
    await expect(shipping.dispatch({ orderId: 'order-1' })).rejects.toBeInstanceOf(ShipmentBusy);
  });
});

describe('cancel', () => {
  it('READY → CANCELLED; again is a no-op', async () => {
    await shipping.create(confirmedOrder());
    clock = '2030-01-01T10:05:01.000Z';
    const cancelled = await shipping.cancel(cancelledOrder());
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelledAt: clock, version: 2 });
    expect(await shipping.cancel(cancelledOrder())).toEqual(cancelled);
    expect(repository.writes).toBe(2);
  });

  it('refuses once the parcel has left, and leaves it dispatched', async () => {
    await shipping.create(confirmedOrder());
    await shipping.dispatch({ orderId: 'order-1' });
    await expect(shipping.cancel(cancelledOrder())).rejects.toBeInstanceOf(ShipmentAlreadyDispatched);
    expect(stored()?.status).toBe('DISPATCHED');
  });

  it('a cancel that overtakes the saga leaves a CANCELLED shipment the saga never dispatches', async () => {
    expect(await shipping.cancel(cancelledOrder())).toMatchObject({ status: 'CANCELLED', version: 1 });
    expect(await shipping.create(confirmedOrder())).toMatchObject({ status: 'CANCELLED' });
    expect(await shipping.dispatch({ orderId: 'order-1' })).toMatchObject({ status: 'CANCELLED' });
    expect(stored()).not.toHaveProperty('shippingAddress');
  });
});

describe('settings and labels', () => {
  it('the dispatch delay is a whole number of seconds, 0 or more, and required', () => {
    expect(parseDispatchDelay('0')).toBe(0);
    expect(parseDispatchDelay('90')).toBe(90);
    for (const bad of [undefined, '', ' ', '-1', '1.5', 'soon']) expect(() => parseDispatchDelay(bad)).toThrow();
  });

  it('tracking numbers are stable per shipment and differ between shipments', () => {
    expect(trackingNumberOf('shp_1')).toBe(trackingNumberOf('shp_1'));
    expect(trackingNumberOf('shp_1')).not.toBe(trackingNumberOf('shp_2'));
    expect(trackingNumberOf('shp_1')).toMatch(/^CP\d{11}CS$/);
  });
});
