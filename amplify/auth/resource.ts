import { defineAuth } from '@aws-amplify/backend';
import { postConfirmation, preTokenGeneration } from '../services/identity/resource';

/**
 * Shoppers sign in with their email; sign-up is confirmed by a one-time code sent to it.
 * `customers` is where every confirmed shopper lands; `admins` run the store.
 */
export const auth = defineAuth({
  loginWith: {
    email: {
      verificationEmailStyle: 'CODE',
      verificationEmailSubject: 'Your cloudshop verification code',
      verificationEmailBody: (code) => `Welcome to cloudshop. Your verification code is ${code()}.`,
    },
  },
  groups: ['admins', 'customers'],
  triggers: { postConfirmation, preTokenGeneration },
  access: (allow) => [allow.resource(postConfirmation).to(['addUserToGroup'])],
});
