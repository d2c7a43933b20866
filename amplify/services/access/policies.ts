/**
 * The access policies the store starts with. The policy table is the authority at run time; these
 * are written to it on deploy (and by the local cloud, from the same template).
 */
export interface AccessPolicy {
  id: string;
  version: number;
  description: string;
  /** `Type.field` of every GraphQL operation the policy allows. */
  allowedOperations: string[];
}

const guest = [
  'Query.products',
  'Query.productBySlug',
  'Query.listCategories',
  'Query.getCategory',
  'Query.quote',
  'Query.stockLevels',
  'Query.productCards',
];
const customers = [
  ...guest,
  'Query.me',
  'Mutation.placeOrder',
  'Mutation.cancelOrder',
  'Query.order',
  'Query.myOrders',
  'Subscription.onOrderUpdated',
];
const admins = [
  ...customers,
  'Query.getProduct',
  'Query.listProducts',
  'Query.listProductsByCategory',
  'Query.listProductsBySlug',
  'Query.accessPolicies',
  'Query.salesReport',
  'Query.adminOrders',
  'Query.adminOrder',
  'Query.adminStock',
  'Mutation.adminCreateProduct',
  'Mutation.adminUpdateProduct',
  'Mutation.adminSetProductActive',
  'Mutation.adminSetStock',
  'Mutation.adminAdjustStock',
  'Mutation.createCategory',
  'Mutation.updateCategory',
  'Mutation.deleteCategory',
];

export const seedPolicies: AccessPolicy[] = [
  { id: 'guest', version: 1, description: 'Anyone browsing the catalog', allowedOperations: guest },
  { id: 'customers', version: 1, description: 'Signed-in shoppers', allowedOperations: customers },
  { id: 'admins', version: 1, description: 'Store administrators', allowedOperations: admins },
];
