/** The signed-in customer's account, from the browser. Client-only (see lib/api.ts). */
import { request } from './api';
import { ME } from './graphql';
import type { CustomerProfile } from './types';

/** The caller's profile (`me`); rejects with an ApiError (`notFound` when they have none yet). */
export async function myProfile(idToken: string): Promise<CustomerProfile> {
  const data = await request<{ me: CustomerProfile }>(ME, {}, idToken);
  return data.me;
}
