import { randomUUID } from 'node:crypto';
import type { Outbox } from '../ports';
import { json, readBody, type CloudRoute } from '../sns/cloud-server';

/** The path `@aws-sdk/client-sesv2` posts `SendEmail` to (REST JSON protocol). */
export const SEND_EMAIL_PATH = '/v2/email/outbound-emails';

/** An SES v2 error: its type travels in `x-amzn-ErrorType`, its message in the body's `message`. */
class SesError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const bad = (message: string) => new SesError('BadRequestException', message);

type Content = { Data?: unknown };
interface SendEmailRequest {
  FromEmailAddress?: unknown;
  Destination?: { ToAddresses?: unknown; CcAddresses?: unknown; BccAddresses?: unknown };
  Content?: {
    Simple?: { Subject?: Content; Body?: { Text?: Content; Html?: Content } };
    Raw?: unknown;
    Template?: unknown;
  };
}

/** `Alice <alice@example.com>` or `alice@example.com` → `alice@example.com`; undefined if it is no address. */
const addressOf = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const address = (/<([^<>]+)>\s*$/.exec(value)?.[1] ?? value).trim();
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : undefined;
};

const addresses = (field: string, value: unknown): string[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw bad(`${field} must be a list of email addresses`);
  return value.map((v) => {
    const address = addressOf(v);
    if (!address) throw bad(`Illegal address in ${field}: ${String(v)}`);
    return address;
  });
};

const text = (content: Content | undefined): string | undefined =>
  typeof content?.Data === 'string' && content.Data !== '' ? content.Data : undefined;

/** The text of an HTML-only body, for the outbox: tags dropped, paragraphs and breaks kept as lines. */
const textOfHtml = (html: string) =>
  html
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

/** Checks a request as SES would, and answers what the outbox records for each recipient. */
const emailsOf = (request: SendEmailRequest) => {
  if (!request.Content) throw bad('Missing required parameter: Content');
  if (!request.Content.Simple) {
    if (request.Content.Raw || request.Content.Template)
      throw bad('The local cloud emulates Simple email content only (not Raw or Template).');
    throw bad('Content must contain one of Simple, Raw or Template');
  }
  if (request.FromEmailAddress === undefined) throw bad('Missing required header: From');
  const from = addressOf(request.FromEmailAddress);
  if (!from) throw bad(`Illegal address: ${String(request.FromEmailAddress)}`);
  const { Destination: destination = {} } = request;
  const recipients = [
    ...addresses('ToAddresses', destination.ToAddresses),
    ...addresses('CcAddresses', destination.CcAddresses),
    ...addresses('BccAddresses', destination.BccAddresses),
  ];
  if (recipients.length === 0) throw bad('Missing required parameter: Destination (at least one recipient)');
  if (recipients.length > 50) throw bad('Recipient count exceeds 50.');
  const { Subject: subject, Body: body } = request.Content.Simple;
  if (!text(subject)) throw bad('Missing required parameter: Content.Simple.Subject');
  const plain = text(body?.Text) ?? (text(body?.Html) && textOfHtml(text(body?.Html)!));
  if (plain === undefined) throw bad('Missing required parameter: Content.Simple.Body (Text or Html)');
  return recipients.map((to) => ({ to, subject: text(subject)!, body: plain }));
};

/**
 * The SES v2 `SendEmail` API on the cloud server (`POST /v2/email/outbound-emails`, as
 * `@aws-sdk/client-sesv2` calls it through `AWS_ENDPOINT_URL_SESV2`): each recipient's email lands
 * in the outbox (`GET /outbox/emails?to=`) with its subject and text; nothing is delivered. Any
 * sender is accepted (there are no identities to verify locally).
 */
export const sesRoutes = (outbox: Outbox): CloudRoute[] => [
  async (req, res, at) => {
    if (at.pathname !== SEND_EMAIL_PATH) return false;
    const requestId = randomUUID();
    const fail = (error: SesError) =>
      json(
        res,
        error.status,
        { message: error.message },
        { 'x-amzn-ErrorType': error.type, 'x-amzn-RequestId': requestId },
      );
    if (req.method !== 'POST') {
      fail(new SesError('MethodNotAllowedException', `${req.method} is not allowed on ${SEND_EMAIL_PATH}`, 405));
      return true;
    }
    let request: SendEmailRequest;
    try {
      const parsed: unknown = JSON.parse((await readBody(req)) || '{}');
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      request = parsed as SendEmailRequest;
    } catch {
      fail(bad('The request body is not a JSON object'));
      return true;
    }
    try {
      for (const email of emailsOf(request)) outbox.recordEmail(email);
    } catch (error) {
      if (!(error instanceof SesError)) throw error;
      fail(error);
      return true;
    }
    json(
      res,
      200,
      { MessageId: `0100${Date.now().toString(16)}-${randomUUID()}-000000` },
      { 'x-amzn-RequestId': requestId },
    );
    return true;
  },
];
