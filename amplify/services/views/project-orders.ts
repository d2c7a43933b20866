import type { Order } from '../orders/order';
import { applyOrderChange } from './apply';
import { observe } from '../shared/observability';
import { streamProjector } from './projector';
import { imagesOf } from '../../events/stream';
import { ViewStore } from './store';
import { viewTablesFromEnvironment } from './tables';

const store = new ViewStore(viewTablesFromEnvironment(['orderHistory', 'dailySales', 'contributions']));

/** OrderHistory and DailySales from the Orders stream. */
export const handler = observe(streamProjector((record) => applyOrderChange(store, ...imagesOf<Order>(record))));
