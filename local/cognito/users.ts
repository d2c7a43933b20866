/**
 * Users the local cloud puts in a pool itself: confirmed, email verified, in the groups asked for,
 * as an operator would with AdminCreateUser + AdminSetUserPassword (permanent) +
 * AdminAddUserToGroup. No trigger runs (Cognito runs none for these calls either), so such a user
 * has no customer profile until something writes one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from 'cognito-local/lib/services/clock.js';
import type { CognitoService } from 'cognito-local/lib/services/cognitoService.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import { attribute, attributesAppend, attributeValue, type User } from 'cognito-local/lib/services/userPoolService.js';
import { GroupNotFoundError } from 'cognito-local/lib/errors.js';
import { assertPasswordConforms } from './router';

export interface NewUser {
  email: string;
  password: string;
  /** Groups of the pool to add the user to (they must exist). */
  groups?: string[];
  /** More attributes (`name`, `custom:...`). */
  attributes?: Record<string, string>;
}

export interface CreatedUser {
  /** The Cognito username (a UUID in a pool whose users sign in with their email). */
  username: string;
  sub: string;
  email: string;
  /** False when the user existed already (password, verification and groups are then brought up to date). */
  created: boolean;
}

export interface AdminCredentials extends CreatedUser {
  password: string;
}

export const ADMIN_FILE = 'admin.json';
export const DEFAULT_ADMIN_EMAIL = 'admin@cloudshop.local';

/** Creates (or updates) a confirmed user. Idempotent: a second call changes nothing but the password. */
export const createUser = async (
  ctx: Context,
  cognito: CognitoService,
  clock: Clock,
  userPoolId: string,
  { email, password, groups = [], attributes = {} }: NewUser,
): Promise<CreatedUser> => {
  const pool = await cognito.getUserPool(ctx, userPoolId);
  assertPasswordConforms(pool, password);
  const wanted = email.toLowerCase();
  const existing = (await pool.listUsers(ctx)).find(
    (u) => attributeValue('email', u.Attributes)?.toLowerCase() === wanted,
  );
  const now = clock.get();
  const extra = Object.entries(attributes).map(([name, value]) => attribute(name, value));
  let user: User;
  if (existing) {
    user = {
      ...existing,
      Password: password,
      UserStatus: 'CONFIRMED',
      ConfirmationCode: undefined,
      Enabled: true,
      Attributes: attributesAppend(existing.Attributes, attribute('email_verified', 'true'), ...extra),
      UserLastModifiedDate: now,
    };
  } else {
    const sub = randomUUID();
    const emailIsUsername = pool.options.UsernameAttributes?.includes('email');
    user = {
      Username: emailIsUsername ? sub : email,
      Attributes: attributesAppend(
        [],
        attribute('sub', sub),
        attribute('email', email),
        attribute('email_verified', 'true'),
        ...extra,
      ),
      Enabled: true,
      Password: password,
      RefreshTokens: [],
      UserCreateDate: now,
      UserLastModifiedDate: now,
      UserStatus: 'CONFIRMED',
    };
  }
  await pool.saveUser(ctx, user);
  for (const name of groups) {
    const group = (await pool.listGroups(ctx)).find((g) => g.GroupName === name);
    if (!group) throw new GroupNotFoundError();
    await pool.addUserToGroup(ctx, group, user);
  }
  return { username: user.Username, sub: attributeValue('sub', user.Attributes)!, email, created: !existing };
};

/** A password that satisfies any Cognito policy (upper, lower, digit, symbol, 28 characters). */
export const generatePassword = () => `Aa1!${randomBytes(18).toString('base64url')}`;

/**
 * The store's admin: a confirmed user in `admins`. Without a password, the one generated on the
 * first start (kept in `<dataDir>/admin.json`, git-ignored) is used, so the credentials `npm start`
 * prints stay valid across restarts.
 */
export const ensureAdmin = async (
  dataDir: string,
  create: (user: NewUser) => Promise<CreatedUser>,
  { email, password, group = 'admins' }: { email?: string; password?: string; group?: string } = {},
): Promise<AdminCredentials> => {
  const file = join(dataDir, ADMIN_FILE);
  const saved = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { email: string; password: string })
    : undefined;
  const adminEmail = email ?? saved?.email ?? DEFAULT_ADMIN_EMAIL;
  const adminPassword = password ?? (saved?.email === adminEmail ? saved.password : generatePassword());
  const user = await create({ email: adminEmail, password: adminPassword, groups: [group] });
  if (saved?.email !== adminEmail || saved.password !== adminPassword) {
    writeFileSync(`${file}.tmp`, `${JSON.stringify({ email: adminEmail, password: adminPassword }, null, 2)}\n`, {
      mode: 0o600,
    });
    renameSync(`${file}.tmp`, file);
  }
  return { ...user, password: adminPassword };
};
