import { callerOf } from '../shared/errors';
import { fieldHandler } from '../shared/fields';
import { observe } from '../shared/observability';
import { parseMyOrders, parseProductCards, parseSalesReport } from './queries';
import { ViewReads } from './reads';
import { viewTablesFromEnvironment } from './tables';

const views = new ViewReads(viewTablesFromEnvironment(['productCards', 'orderHistory', 'dailySales']));

/** The read side of the views; which policy may run each field is the authorizer's business. */
export const handler = observe(
  fieldHandler('the views do not serve', {
    productCards: (args) => views.productCards(parseProductCards(args)),
    // The owner is the caller the authorizer vouched for: no argument can name another user.
    myOrders: (args, event) => views.myOrders(callerOf(event.identity).userId, parseMyOrders(args)),
    salesReport: (args) => views.salesReport(parseSalesReport(args)),
  }),
);
