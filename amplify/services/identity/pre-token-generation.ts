import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { observe } from '../shared/observability';
import { POLICY_CLAIM, policyFor } from './policy-claim';
import { Profiles } from './profiles';

const profiles = new Profiles(process.env.CUSTOMER_PROFILES_TABLE!);

/** Names the user's access policy in their ID token, for the authorizer to check. */
export const handler = observe(async (event: PreTokenGenerationTriggerEvent) => {
  const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
  const profile = await profiles.get(event.request.userAttributes.sub);
  event.response = {
    claimsOverrideDetails: { claimsToAddOrOverride: { [POLICY_CLAIM]: policyFor(groups, profile?.policyOverride) } },
  };
  return event;
});
