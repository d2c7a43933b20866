/**
 * The local cloud's outbox: every email and SNS message the system sent, over HTTP.
 *   GET {OUTBOX_URL}/emails?to=<email>          → OutboxEmail[]
 *   GET {OUTBOX_URL}/sns?topic=<arn>&userId=<id> → OutboxSnsMessage[]
 */
import { expect } from '@playwright/test';

export const OUTBOX_URL = (process.env.OUTBOX_URL ?? 'http://127.0.0.1:4010/outbox').replace(/\/+$/, '');

export interface OutboxEmail {
  to: string;
  subject: string;
  body: string;
  code?: string | null;
  sentAt: string;
}

export interface OutboxSnsMessage {
  topicArn: string;
  message: string;
  attributes: { userId?: string; operation?: string; [name: string]: string | undefined };
  sentAt: string;
}

async function getJson<T>(path: string, params: Record<string, string | undefined>): Promise<T> {
  const url = new URL(`${OUTBOX_URL}${path}`);
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export function emailsTo(to: string): Promise<OutboxEmail[]> {
  return getJson('/emails', { to });
}

export function snsMessages(filter: { topic?: string; userId?: string }): Promise<OutboxSnsMessage[]> {
  return getJson('/sns', { topic: filter.topic, userId: filter.userId });
}

/**
 * Waits for the latest email to `to` that carries a code, and returns the code. `after`: how many
 * emails `to` had already received, so that an older code (the sign-up's, before a password
 * reset's, which comes with the same subject) is never taken for the one awaited.
 */
export async function waitForCode(to: string, { after = 0 }: { after?: number } = {}): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const fresh = (await emailsTo(to)).sort((a, b) => a.sentAt.localeCompare(b.sentAt)).slice(after);
        const withCode = fresh.filter((email) => email.code || /\b\d{6}\b/.test(email.body));
        const latest = withCode.at(-1);
        code = latest ? (latest.code ?? /\b(\d{6})\b/.exec(latest.body)?.[1]) : undefined;
        return code;
      },
      { message: `a verification code emailed to ${to}`, timeout: 20_000 },
    )
    .toBeTruthy();
  return code!;
}
