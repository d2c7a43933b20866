import type { AppSyncResolverEvent } from 'aws-lambda';

type Args = Record<string, unknown>;

/** Amplify's function resolver sends `fieldName` beside AppSync's usual event. */
export type FieldEvent = AppSyncResolverEvent<Args> & { fieldName: string };

/**
 * One function serving several GraphQL fields: which runs is the field asked for. Any other field
 * fails with `refusal` and its name (e.g. "the catalog does not serve").
 */
export const fieldHandler =
  (refusal: string, fields: Record<string, (args: Args, event: FieldEvent) => Promise<unknown>>) =>
  async (event: FieldEvent) => {
    const serve = Object.hasOwn(fields, event.fieldName) ? fields[event.fieldName] : undefined;
    if (!serve) throw new Error(`${refusal} ${event.fieldName}`);
    return serve(event.arguments, event);
  };
