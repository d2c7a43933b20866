import type { AppSyncResolverEvent } from 'aws-lambda';
import { callerOf } from '../shared/errors';
import { parseMyOrders, parseProductCards, parseSalesReport } from './queries';
import { ViewReads } from './reads';
import { viewTablesFromEnvironment } from './tables';

const views = new ViewReads(viewTablesFromEnvironment(['productCards', 'orderHistory', 'dailySales']));

/** Amplify's function resolver sends `fieldName` beside AppSync's usual event. */
type FieldEvent = AppSyncResolverEvent<Record<string, unknown>> & { fieldName: string };

const fields: Record<string, (event: FieldEvent) => Promise<unknown>> = {
  productCards: (event) => views.productCards(parseProductCards(event.arguments)),
  // The owner is the caller the authorizer vouched for: no argument can name another user.
  myOrders: (event) => views.myOrders(callerOf(event.identity).userId, parseMyOrders(event.arguments)),
  salesReport: (event) => views.salesReport(parseSalesReport(event.arguments)),
};

/** The read side of the views; which policy may run each field is the authorizer's business. */
export const handler = async (event: FieldEvent) => {
  const serve = Object.hasOwn(fields, event.fieldName) ? fields[event.fieldName] : undefined;
  if (!serve) throw new Error(`the views do not serve ${event.fieldName}`);
  return serve(event);
};
