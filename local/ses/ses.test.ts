import { BadRequestException, SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localSdkConfig } from '../ports';
import { FileOutbox, startCloudServer, type RunningCloudServer } from '../sns';
import { sesRoutes } from './routes';

let outbox: FileOutbox;
let server: RunningCloudServer;
let ses: SESv2Client;

beforeAll(async () => {
  outbox = new FileOutbox();
  server = await startCloudServer({ outbox, routes: sesRoutes(outbox) }, { port: 0 });
  ses = new SESv2Client({
    ...localSdkConfig(server.url),
    region: 'eu-west-1',
    maxAttempts: 1,
  });
});

afterAll(async () => {
  ses?.destroy();
  await server?.close();
});

beforeEach(() => outbox.clear());

const email = (extra: Partial<SendEmailCommandInput> = {}): SendEmailCommandInput => ({
  FromEmailAddress: 'cloudshop <orders@cloudshop.example>',
  Destination: { ToAddresses: ['alice@example.com'] },
  Content: {
    Simple: {
      Subject: { Data: 'Your order is confirmed', Charset: 'UTF-8' },
      Body: { Text: { Data: 'Total: €43.50' }, Html: { Data: '<p>Total: €43.50</p>' } },
    },
  },
  ...extra,
});

const outboxEmails = async (to: string) =>
  (await (await fetch(`${server.url}/outbox/emails?to=${encodeURIComponent(to)}`)).json()) as {
    to: string;
    subject: string;
    body: string;
  }[];

describe('local SES v2 SendEmail', () => {
  it('answers a MessageId, and the email is in the outbox with its subject and text', async () => {
    const { MessageId } = await ses.send(new SendEmailCommand(email()));
    expect(MessageId).toMatch(/\S{20,}/);
    expect(await outboxEmails('Alice@Example.com')).toEqual([
      expect.objectContaining({ to: 'alice@example.com', subject: 'Your order is confirmed', body: 'Total: €43.50' }),
    ]);
  });

  it('records one email per recipient, To, Cc and Bcc', async () => {
    await ses.send(
      new SendEmailCommand(
        email({
          Destination: {
            ToAddresses: ['Alice <alice@example.com>'],
            CcAddresses: ['bob@example.com'],
            BccAddresses: ['carol@example.com'],
          },
        }),
      ),
    );
    expect(outbox.emails().map((e) => e.to)).toEqual(['alice@example.com', 'bob@example.com', 'carol@example.com']);
  });

  it('keeps the text of an HTML-only body', async () => {
    await ses.send(
      new SendEmailCommand(
        email({
          Content: { Simple: { Subject: { Data: 'Hi' }, Body: { Html: { Data: '<p>A &amp; B</p><p>C</p>' } } } },
        }),
      ),
    );
    expect(outbox.emails()[0].body).toBe('A & B\nC');
  });

  it.each([
    ['no sender', { FromEmailAddress: undefined }, /From/],
    ['no recipient', { Destination: { ToAddresses: [] } }, /Destination/],
    ['no destination', { Destination: undefined }, /Destination/],
    ['no content', { Content: undefined }, /Content/],
    ['no subject', { Content: { Simple: { Body: { Text: { Data: 'x' } } } } }, /Subject/],
    ['no body', { Content: { Simple: { Subject: { Data: 'x' } } } }, /Body/],
    ['a malformed address', { Destination: { ToAddresses: ['not an address'] } }, /Illegal address/],
  ] as [string, Partial<SendEmailCommandInput>, RegExp][])(
    'refuses %s with BadRequestException, and records nothing',
    async (_, change, message) => {
      const sent = ses.send(new SendEmailCommand({ ...email(), ...change }));
      await expect(sent).rejects.toBeInstanceOf(BadRequestException);
      await expect(ses.send(new SendEmailCommand({ ...email(), ...change }))).rejects.toThrow(message);
      expect(outbox.emails()).toEqual([]);
    },
  );
});
