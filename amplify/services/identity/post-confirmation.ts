import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { observe } from '../shared/observability';
import { Profiles } from './profiles';

const profiles = new Profiles(process.env.CUSTOMER_PROFILES_TABLE!);
const cognito = new CognitoIdentityProviderClient({});
const customerGroup = process.env.CUSTOMER_GROUP!;

/**
 * A shopper confirmed their sign-up: write their profile and put them in `customers`. Both steps
 * are idempotent, so Cognito retrying the trigger changes nothing twice.
 */
export const handler = observe(async (event: PostConfirmationTriggerEvent) => {
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  const { sub, email } = event.request.userAttributes;
  await profiles.createOnce({ userId: sub, email, createdAt: new Date().toISOString() });
  await cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: event.userPoolId,
      Username: event.userName,
      GroupName: customerGroup,
    }),
  );
  return event;
});
