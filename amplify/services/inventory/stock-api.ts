import type { AppSyncResolverEvent } from 'aws-lambda';
import { callerOf } from '../shared/errors';
import { inventory } from './service';

type Args = Record<string, unknown>;

/** The admin who changes stock is the caller the authorizer vouched for, never an argument. */
const adminOf = (event: FieldEvent) => {
  const caller = callerOf(event.identity);
  return caller.email ?? caller.userId;
};

const fields: Record<string, (args: Args, event: FieldEvent) => Promise<unknown>> = {
  stockLevels: (args) => inventory.stockOf(args.skus),
  adminSetStock: (args, event) => inventory.setStock({ ...args, by: adminOf(event) }),
  adminAdjustStock: (args, event) => inventory.adjustStock({ ...args, by: adminOf(event) }),
};

/** Amplify's function resolver sends `fieldName` beside AppSync's usual event. */
type FieldEvent = AppSyncResolverEvent<Args> & { fieldName: string };

/** One function serves the inventory's GraphQL fields; which runs is the field asked for. */
export const handler = async (event: FieldEvent) => {
  const serve = Object.hasOwn(fields, event.fieldName) ? fields[event.fieldName] : undefined;
  if (!serve) throw new Error(`the inventory does not serve ${event.fieldName}`);
  return serve(event.arguments, event);
};
