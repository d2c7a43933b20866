import { defineBackend } from '@aws-amplify/backend';
import {
  Duration,
  Lazy,
  Stack,
  aws_events as events,
  aws_iam as iam,
  aws_sns as sns,
  aws_stepfunctions as sfn,
  custom_resources as cr,
} from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { auth } from './auth/resource';
import { AUTHORIZER_CACHE_TTL_SECONDS, data } from './data/resource';
import { operationsOf } from './data/appsync-schema';
import { generatedSchemaOf } from './data/operations';
import { protectApi } from './edge/api-firewall';
import { protectUserPool } from './edge/sign-in-firewall';
import { hostingEnvironment, protectHostedStorefront } from './edge/storefront-firewall';
import { publishFromStream, readStream, subscribe, subscribeStateMachine } from './events/wiring';
import { defineCheckout } from './sagas/checkout/stack';
import { shippingDefinition } from './sagas/shipping/definition';
import { defineTable } from './tables';
import { seedPolicies } from './services/access/policies';
import { authorizer, listAccessPolicies } from './services/access/resource';
import { catalog, catalogPublish } from './services/catalog/resource';
import {
  inventoryCommit,
  inventoryRelease,
  inventoryPublish,
  inventoryReleaseExpired,
  inventoryReserve,
  inventoryRestock,
  inventoryStock,
} from './services/inventory/resource';
import { LOW_STOCK_THRESHOLD } from './services/inventory/low-stock';
import {
  ordersAdmin,
  ordersCancel,
  ordersConfirm,
  ordersFail,
  ordersGet,
  ordersMarkShipped,
  ordersPlace,
  ordersPublish,
  ordersQuote,
  ordersRecordRefund,
} from './services/orders/resource';
import {
  paymentsAuthorize,
  paymentsCapture,
  paymentsPublish,
  paymentsRefund,
  paymentsRefundCancelled,
  paymentsVoid,
} from './services/payments/resource';
import { notificationsSend } from './services/notifications/resource';
import { shippingCancel, shippingCreate, shippingDispatch, shippingPublish } from './services/shipping/resource';
import { me, postConfirmation, preTokenGeneration } from './services/identity/resource';
import { livePublishOrders } from './services/live/resource';
import { storefrontRevalidate } from './services/storefront/resource';
import { observe } from './observability/observe';
import { viewsProjectCards, viewsProjectOrders, viewsRead } from './services/views/resource';
import { defineViewTables, nameViewTables } from './services/views/wiring';

const backend = defineBackend({
  auth,
  data,
  authorizer,
  listAccessPolicies,
  catalog,
  catalogPublish,
  me,
  postConfirmation,
  preTokenGeneration,
  inventoryReserve,
  inventoryRelease,
  inventoryCommit,
  inventoryReleaseExpired,
  inventoryStock,
  inventoryRestock,
  inventoryPublish,
  ordersPlace,
  ordersGet,
  ordersAdmin,
  ordersQuote,
  ordersCancel,
  ordersPublish,
  ordersMarkShipped,
  paymentsRefundCancelled,
  paymentsPublish,
  ordersRecordRefund,
  shippingCreate,
  shippingDispatch,
  shippingCancel,
  shippingPublish,
  notificationsSend,
  paymentsAuthorize,
  paymentsCapture,
  paymentsVoid,
  paymentsRefund,
  ordersConfirm,
  ordersFail,
  viewsProjectCards,
  viewsProjectOrders,
  viewsRead,
  livePublishOrders,
  storefrontRevalidate,
});

/** Non-sandbox deployments (branches on Amplify Hosting) get the production hardening. */
const isSandbox = backend.stack.node.tryGetContext('amplify-backend-type') === 'sandbox';
const { userPool, userPoolClient } = backend.auth.resources;
const { tables, cfnResources } = backend.data.resources;

// The storefront signs in with USER_PASSWORD_AUTH (over TLS): cognito-local has no SRP, and one
// flow everywhere keeps the local cloud honest. SRP stays allowed for other clients.
backend.auth.resources.cfnResources.cfnUserPoolClient.explicitAuthFlows = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

// Identity and access own their tables. They live in the auth stack, beside the Cognito triggers
// that write them, so that the auth stack never depends on the data stack (see decision 0002).
const authStack = Stack.of(userPool);
const table = (id: string, partitionKey: string, ttl?: string) =>
  defineTable(authStack, id, partitionKey, { ttl, record: { isSandbox } });
const customerProfiles = table('CustomerProfiles', 'userId');
const accessPolicies = table('AccessPolicies', 'id');
const accessNotices = table('AccessNotices', 'key', 'expiresAt');
const accessNoticeTopic = new sns.Topic(authStack, 'AccessNoticeTopic', { displayName: 'cloudshop access notices' });

// The seed policies are written on every deploy; an admin's later edits bump `version`.
new cr.AwsCustomResource(authStack, 'SeedAccessPolicies', {
  onUpdate: {
    service: 'DynamoDB',
    action: 'batchWriteItem',
    parameters: {
      RequestItems: {
        [accessPolicies.tableName]: seedPolicies.map((p) => ({
          PutRequest: {
            Item: {
              id: { S: p.id },
              version: { N: String(p.version) },
              description: { S: p.description },
              allowedOperations: { SS: p.allowedOperations },
            },
          },
        })),
      },
    },
    physicalResourceId: cr.PhysicalResourceId.of(`access-policies-${JSON.stringify(seedPolicies).length}`),
  },
  policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [accessPolicies.tableArn] }),
  installLatestAwsSdk: false,
});

// Identity: the post-confirmation trigger writes profiles; the pre-token trigger reads them.
const postConfirmationFn = backend.postConfirmation.resources.lambda;
backend.postConfirmation.addEnvironment('CUSTOMER_PROFILES_TABLE', customerProfiles.tableName);
customerProfiles.grantWriteData(postConfirmationFn);
const preTokenFn = backend.preTokenGeneration.resources.lambda;
backend.preTokenGeneration.addEnvironment('CUSTOMER_PROFILES_TABLE', customerProfiles.tableName);
customerProfiles.grantReadData(preTokenFn);
const meFn = backend.me.resources.lambda;
backend.me.addEnvironment('CUSTOMER_PROFILES_TABLE', customerProfiles.tableName);
customerProfiles.grantReadData(meFn);

// Access: the authorizer verifies Cognito tokens and denies every operation the policy lacks.
const authorizerFn = backend.authorizer.resources.lambda;
const issuer = `https://cognito-idp.${authStack.region}.amazonaws.com/${userPool.userPoolId}`;
backend.authorizer.addEnvironment('TOKEN_ISSUER', issuer);
backend.authorizer.addEnvironment('TOKEN_JWKS_URI', `${issuer}/.well-known/jwks.json`);
backend.authorizer.addEnvironment('USER_POOL_CLIENT_ID', userPoolClient.userPoolClientId);
backend.authorizer.addEnvironment('AUTHORIZER_CACHE_TTL_SECONDS', String(AUTHORIZER_CACHE_TTL_SECONDS));
backend.authorizer.addEnvironment('ACCESS_POLICIES_TABLE', accessPolicies.tableName);
backend.authorizer.addEnvironment('ACCESS_NOTICES_TABLE', accessNotices.tableName);
backend.authorizer.addEnvironment('ACCESS_NOTICE_TOPIC_ARN', accessNoticeTopic.topicArn);
backend.authorizer.addEnvironment('ACCESS_NOTICE_WINDOW_SECONDS', String(Duration.minutes(15).toSeconds()));
// Amplify writes the generated schema while synthesizing, so the list is read then.
backend.authorizer.addEnvironment(
  'API_OPERATIONS',
  Lazy.string({ produce: () => operationsOf(generatedSchemaOf(cfnResources.cfnGraphqlSchema)).join(',') }),
);
accessPolicies.grantReadData(authorizerFn);
backend.listAccessPolicies.addEnvironment('ACCESS_POLICIES_TABLE', accessPolicies.tableName);
accessPolicies.grantReadData(backend.listAccessPolicies.resources.lambda);
accessNotices.grantWriteData(authorizerFn);
accessNoticeTopic.grantPublish(authorizerFn);

// Catalog: products, their slug claims and categories.
const catalogFn = backend.catalog.resources.lambda;
backend.catalog.addEnvironment('PRODUCTS_TABLE', tables.Product.tableName);
backend.catalog.addEnvironment('PRODUCT_SLUGS_TABLE', tables.ProductSlug.tableName);
backend.catalog.addEnvironment('CATEGORIES_TABLE', tables.Category.tableName);
tables.Product.grantReadWriteData(catalogFn);
tables.ProductSlug.grantReadWriteData(catalogFn);
tables.Category.grantReadData(catalogFn);

// The API: no schema introspection and a bounded query depth outside a developer's sandbox.
if (!isSandbox) {
  cfnResources.cfnGraphqlApi.introspectionConfig = 'DISABLED';
  cfnResources.cfnGraphqlApi.queryDepthLimit = 10;
}
// Edge (docs/deploy.md): WAF on the API everywhere; outside a sandbox also on the user pool, and on
// the hosted storefront when an Amplify Hosting build deploys to us-east-1 (elsewhere: way b).
const edge = backend.createStack('edge');
protectApi(edge, cfnResources.cfnGraphqlApi.attrArn);
if (!isSandbox) {
  protectUserPool(edge, userPool.userPoolArn);
  protectHostedStorefront(edge, hostingEnvironment());
}

// The shop's event bus: services publish domain events here, and later react to each other's.
const shopEvents = new events.EventBus(backend.createStack('events'), 'ShopEvents');

// Checkout (orchestration): the saga and the tables of the services it runs. The data stack refers
// to the checkout stack (to start the saga, to read orders and stock), never the other way round.
const checkout = defineCheckout(
  Stack.of(backend.inventoryReserve.resources.lambda), // the saga functions' own group, `checkout`
  {
    reserveStock: backend.inventoryReserve,
    releaseStock: backend.inventoryRelease,
    commitStock: backend.inventoryCommit,
    authorizePayment: backend.paymentsAuthorize,
    capturePayment: backend.paymentsCapture,
    voidPayment: backend.paymentsVoid,
    refundPayment: backend.paymentsRefund,
    confirmOrder: backend.ordersConfirm,
    failOrder: backend.ordersFail,
  },
  { isSandbox },
);
const { stock, reservations, adjustments, payments, orders, orderKeys } = checkout.tables;
const ordersTables = (fn: { addEnvironment(k: string, v: string): void; resources: { lambda: IFunction } }) => {
  fn.addEnvironment('ORDERS_TABLE', orders.tableName);
  fn.addEnvironment('ORDER_IDEMPOTENCY_TABLE', orderKeys.tableName);
  orders.grantReadWriteData(fn.resources.lambda);
};

// Orders: `placeOrder` prices from the catalog, writes the order and starts the saga.
backend.ordersPlace.addEnvironment('PRODUCTS_TABLE', tables.Product.tableName);
backend.ordersPlace.addEnvironment('ORDERS_TABLE', orders.tableName);
backend.ordersPlace.addEnvironment('ORDER_IDEMPOTENCY_TABLE', orderKeys.tableName);
backend.ordersPlace.addEnvironment('CHECKOUT_STATE_MACHINE_ARN', checkout.stateMachine.stateMachineArn);
tables.Product.grantReadData(backend.ordersPlace.resources.lambda);
orders.grantReadWriteData(backend.ordersPlace.resources.lambda);
orderKeys.grantReadWriteData(backend.ordersPlace.resources.lambda);
checkout.stateMachine.grantStartExecution(backend.ordersPlace.resources.lambda);
backend.ordersGet.addEnvironment('ORDERS_TABLE', orders.tableName);
backend.ordersGet.addEnvironment('ORDER_IDEMPOTENCY_TABLE', orderKeys.tableName);
orders.grantReadData(backend.ordersGet.resources.lambda);
// Admins read any customer's orders (the Orders table and its byStatus index), and change none.
backend.ordersAdmin.addEnvironment('ORDERS_TABLE', orders.tableName);
backend.ordersAdmin.addEnvironment('ORDER_IDEMPOTENCY_TABLE', orderKeys.tableName);
orders.grantReadData(backend.ordersAdmin.resources.lambda);
ordersTables(backend.ordersCancel);
ordersTables(backend.ordersMarkShipped);
ordersTables(backend.ordersRecordRefund);
backend.ordersQuote.addEnvironment('PRODUCTS_TABLE', tables.Product.tableName);
tables.Product.grantReadData(backend.ordersQuote.resources.lambda);

// Inventory: stock levels for shoppers, audited stock changes for admins, and the sweeper that
// gives back the stock of abandoned holds.
for (const fn of [backend.inventoryStock, backend.inventoryReleaseExpired, backend.inventoryRestock]) {
  fn.addEnvironment('STOCK_TABLE', stock.tableName);
  fn.addEnvironment('RESERVATIONS_TABLE', reservations.tableName);
  fn.addEnvironment('STOCK_ADJUSTMENTS_TABLE', adjustments.tableName);
  for (const t of [stock, reservations, adjustments]) t.grantReadWriteData(fn.resources.lambda);
}

backend.paymentsRefundCancelled.addEnvironment('PAYMENTS_TABLE', payments.tableName);
payments.grantReadWriteData(backend.paymentsRefundCancelled.resources.lambda);

// Fulfilment: the simulated warehouse. A confirmed order starts the shipping workflow, which
// creates the shipment, waits the warehouse's dispatch delay and dispatches it.
const fulfilment = Stack.of(backend.shippingCreate.resources.lambda);
const shipments = defineTable(fulfilment, 'Shipments', 'orderId', { stream: true, record: { isSandbox } });
for (const fn of [backend.shippingCreate, backend.shippingDispatch, backend.shippingCancel, backend.shippingPublish]) {
  fn.addEnvironment('SHIPMENTS_TABLE', shipments.tableName);
  shipments.grantReadWriteData(fn.resources.lambda);
}
// A demo warehouse ships fast, so a shopper sees SHIPPED within a minute of ordering.
backend.shippingCreate.addEnvironment('SHIPMENT_DISPATCH_DELAY_SECONDS', '10');
const shipping = new sfn.StateMachine(fulfilment, 'ShippingWorkflow', {
  definitionBody: sfn.DefinitionBody.fromChainable(
    shippingDefinition(fulfilment, {
      createShipment: backend.shippingCreate.resources.lambda,
      dispatchShipment: backend.shippingDispatch.resources.lambda,
    }),
  ),
  // Two idempotent steps and a wait: Express costs a fraction of Standard's transitions, and its
  // at-least-once start is harmless here (decision 5 explains why checkout is Standard).
  stateMachineType: sfn.StateMachineType.EXPRESS,
  timeout: Duration.minutes(5),
  tracingEnabled: true,
});

// Notifications: the shopper's emails (SES) and the admins' alerts (an SNS topic admins subscribe to).
const adminAlerts = new sns.Topic(fulfilment, 'AdminAlerts', { displayName: 'cloudshop admin alerts' });
// A 30-day ledger of what was sent, nothing to keep.
const sentNotifications = defineTable(fulfilment, 'SentNotifications', 'key', { ttl: 'expiresAt' });
const notifier = backend.notificationsSend;
notifier.addEnvironment('SENT_NOTIFICATIONS_TABLE', sentNotifications.tableName);
notifier.addEnvironment('ADMIN_ALERTS_TOPIC_ARN', adminAlerts.topicArn);
// The sender must be an SES-verified identity of the deploying account.
notifier.addEnvironment('NOTIFICATIONS_FROM_ADDRESS', 'orders@cloudshop.example');
sentNotifications.grantReadWriteData(notifier.resources.lambda);
adminAlerts.grantPublish(notifier.resources.lambda);
notifier.resources.lambda.addToRolePolicy(
  new iam.PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: ['*'],
    conditions: { StringEquals: { 'ses:FromAddress': 'orders@cloudshop.example' } },
  }),
);

// Choreography: every service publishes from its table's stream and reacts to the others' events.
publishFromStream('OrderEvents', orders, backend.ordersPublish, shopEvents);
publishFromStream('StockEvents', stock, backend.inventoryPublish, shopEvents);
// One threshold for the StockLow event and the admins' low-stock list.
for (const fn of [backend.inventoryPublish, backend.inventoryStock])
  fn.addEnvironment('LOW_STOCK_THRESHOLD', String(LOW_STOCK_THRESHOLD));
publishFromStream('ProductEvents', tables.Product, backend.catalogPublish, shopEvents);
publishFromStream('ShipmentEvents', shipments, backend.shippingPublish, shopEvents);
publishFromStream('PaymentEvents', payments, backend.paymentsPublish, shopEvents);
subscribeStateMachine('ShipConfirmedOrders', shopEvents, ['OrderConfirmed'], shipping);
subscribe('MarkShippedOrders', shopEvents, ['ShipmentDispatched'], backend.ordersMarkShipped);
subscribe('RefundCancelledOrders', shopEvents, ['OrderCancelled'], backend.paymentsRefundCancelled);
subscribe('RecordRefunds', shopEvents, ['PaymentRefunded'], backend.ordersRecordRefund);
subscribe('RestockCancelledOrders', shopEvents, ['OrderCancelled'], backend.inventoryRestock);
subscribe('CancelShipments', shopEvents, ['OrderCancelled'], backend.shippingCancel);
subscribe('Notify', shopEvents, ['OrderConfirmed', 'ShipmentDispatched', 'StockLow'], notifier);

// Views (CQRS read side): projectors keep read-shaped tables from the write tables' streams. The
// tables live in the views stack; the card projector sits in the data stack beside the Product
// table (see its resource), so the views stack depends on the checkout stack only.
const views = defineViewTables(Stack.of(backend.viewsProjectOrders.resources.lambda));
nameViewTables(backend.viewsProjectCards, { productCards: views.productCards });
backend.viewsProjectCards.addEnvironment('STOCK_TABLE', stock.tableName);
views.productCards.grantWriteData(backend.viewsProjectCards.resources.lambda);
readStream('ProductCardsFromProducts', tables.Product, backend.viewsProjectCards);
readStream('ProductCardsFromStock', stock, backend.viewsProjectCards);
const { orderHistory, dailySales, contributions } = views;
nameViewTables(backend.viewsProjectOrders, { orderHistory, dailySales, contributions });
orderHistory.grantWriteData(backend.viewsProjectOrders.resources.lambda);
dailySales.grantWriteData(backend.viewsProjectOrders.resources.lambda);
contributions.grantReadWriteData(backend.viewsProjectOrders.resources.lambda);
readStream('OrderViews', orders, backend.viewsProjectOrders);
// The GraphQL reads of the views: read-only, and no model or AppSync data source sees these tables.
nameViewTables(backend.viewsRead, { productCards: views.productCards, orderHistory, dailySales });
for (const t of [views.productCards, orderHistory, dailySales]) t.grantReadData(backend.viewsRead.resources.lambda);

// Live order status: the Orders stream → `publishOrderUpdate` (signed with IAM; the function may call
// that one field and nothing else), which AppSync hands to the owner's `onOrderUpdated`.
const livePublisher = backend.livePublishOrders;
livePublisher.addEnvironment('GRAPHQL_ENDPOINT', cfnResources.cfnGraphqlApi.attrGraphQlUrl);
livePublisher.resources.lambda.addToRolePolicy(
  new iam.PolicyStatement({
    actions: ['appsync:GraphQL'],
    resources: [`${cfnResources.cfnGraphqlApi.attrArn}/types/Mutation/fields/publishOrderUpdate`],
  }),
);
readStream('LiveOrderUpdates', orders, livePublisher);

// Observability (docs/observability.md): tracing, logs and Powertools' settings for every function,
// the API and the workflows, and the OpsAlarms topic, alarms and dashboard (made at synthesis, so
// they watch every dead-letter queue, those made below included).
const operations = observe(backend, {
  isSandbox,
  api: cfnResources.cfnGraphqlApi,
  authorizer: authorizerFn,
  checkout: checkout.stateMachine,
  shipping,
});

// Page caches: a changed product's pages are made again by the storefront (after the ProductCards
// view holds the change) and dropped from the CDN when STOREFRONT_DISTRIBUTION_ID names it.
const revalidator = backend.storefrontRevalidate;
nameViewTables(revalidator, { productCards: views.productCards });
views.productCards.grantReadData(revalidator.resources.lambda);
const storefrontDistribution = process.env.STOREFRONT_DISTRIBUTION_ID;
if (storefrontDistribution) {
  revalidator.addEnvironment('STOREFRONT_DISTRIBUTION_ID', storefrontDistribution);
  revalidator.resources.lambda.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['cloudfront:CreateInvalidation'],
      resources: [
        `arn:aws:cloudfront::${Stack.of(revalidator.resources.lambda).account}:distribution/${storefrontDistribution}`,
      ],
    }),
  );
}
subscribe('RevalidatePages', shopEvents, ['ProductChanged'], revalidator);

backend.addOutput({
  custom: {
    opsAlarmsTopicArn: operations.topic.topicArn,
    accessNoticeTopicArn: accessNoticeTopic.topicArn,
    shopEventBusName: shopEvents.eventBusName,
    adminAlertsTopicArn: adminAlerts.topicArn,
  },
});

export default backend;
