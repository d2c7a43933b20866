import { observe } from '../shared/observability';
import { publishOrderUpdates } from './publisher';
import { SignedGraphqlClient } from './signed-graphql';

/** The orders table's stream → `publishOrderUpdate`, signed with the function's role. */
export const handler = observe(publishOrderUpdates(SignedGraphqlClient.fromEnvironment()));
