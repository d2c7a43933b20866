import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Email } from './messages';
import type { Mailer } from './notifications';

/** Emails through SES v2 `SendEmail`, from the shop's verified address. */
export class SesMailer implements Mailer {
  constructor(
    private readonly from: string,
    private readonly client = new SESv2Client({}),
  ) {}

  async send({ to, subject, text, html }: Email): Promise<string> {
    const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' });
    const { MessageId } = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: utf8(subject), Body: { Text: utf8(text), Html: utf8(html) } } },
      }),
    );
    return MessageId ?? '';
  }
}
