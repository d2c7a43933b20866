import { formatPrice } from '../../../lib/money';
import type { EventData } from '../../events/contracts';

/** An email to one shopper, in plain text and simple HTML. */
export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** An alert for the shop's admins, on their SNS topic. */
export interface AdminAlert {
  /** SNS allows 100 characters. */
  subject: string;
  message: string;
  attributes: Record<string, string>;
}

const SHOP = 'cloudshop';

const escape = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]!);

const day = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

/** The same paragraphs as text and as HTML; a paragraph of several lines keeps its line breaks. */
const compose = (to: string, subject: string, paragraphs: string[][]): Email => ({
  to,
  subject,
  text: `${paragraphs.map((lines) => lines.join('\n')).join('\n\n')}\n`,
  html: `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">${paragraphs
    .map((lines) => `<p>${lines.map(escape).join('<br>')}</p>`)
    .join('')}</body></html>`,
});

/** "Your order is confirmed": what was bought, what it cost, and where it goes. */
export const orderConfirmedEmail = (to: string, order: EventData<'OrderConfirmed'>): Email => {
  const money = (minor: number) => formatPrice(minor, order.currency);
  const { shippingAddress: a } = order;
  return compose(to, `Your ${SHOP} order is confirmed`, [
    [`Hello ${a.name},`],
    ['Thank you for your order. Your payment went through and we are getting your parcel ready.'],
    [`Order ${order.orderId}`],
    order.lines.map((l) => `${l.quantity} × ${l.name} (${l.sku}): ${money(l.unitPrice * l.quantity)}`),
    [`Total: ${money(order.total)}`],
    [
      'Shipping to:',
      a.name,
      a.line1,
      ...(a.line2 ? [a.line2] : []),
      [a.city, a.region, a.postalCode].filter(Boolean).join(' '),
      a.country,
    ],
    ['We will email you again with a tracking number when it is on its way.'],
    [`— ${SHOP}`],
  ]);
};

/** "Your order is on its way": the carrier and the tracking number. */
export const shipmentDispatchedEmail = (to: string, shipment: EventData<'ShipmentDispatched'>): Email =>
  compose(to, `Your ${SHOP} order is on its way`, [
    ['Hello,'],
    [`Good news: your order ${shipment.orderId} left our warehouse on ${day(shipment.dispatchedAt)}.`],
    [`Carrier: ${shipment.carrier}`, `Tracking number: ${shipment.trackingNumber}`],
    ['You can follow your parcel on the carrier’s website with that number.'],
    [`— ${SHOP}`],
  ]);

/** "Stock low" for the admins: which SKU, how many are left, and the threshold that fired. */
export const stockLowAlert = (stock: EventData<'StockLow'>): AdminAlert => ({
  subject: `Stock low: ${stock.sku} has ${stock.available} left`.slice(0, 100),
  message: [
    `Only ${stock.available} unit${stock.available === 1 ? '' : 's'} of ${stock.sku} left for sale (the alert threshold is ${stock.threshold}).`,
    'Restock it from the admin page before it sells out.',
  ].join('\n'),
  attributes: { event: 'StockLow', sku: stock.sku },
});
