import type { AppSyncResolverEvent } from 'aws-lambda';
import { NotFoundError, callerOf } from '../shared/errors';
import { observe } from '../shared/observability';
import { Profiles } from './profiles';

const profiles = new Profiles(process.env.CUSTOMER_PROFILES_TABLE!);

/** The caller's own profile; who the caller is comes only from the authorizer. */
export const handler = observe(async (event: AppSyncResolverEvent<Record<string, never>>) => {
  const { userId, policyId } = callerOf(event.identity);
  const profile = await profiles.get(userId);
  if (!profile) throw new NotFoundError('you have no customer profile');
  return { userId, email: profile.email, createdAt: profile.createdAt, policyId };
});
