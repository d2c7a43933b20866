import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AdminAlert } from './messages';
import type { AdminAlerts } from './notifications';

/** Admin alerts on the SNS topic admins subscribe to (email, chat, whatever they chose). */
export class SnsAdminAlerts implements AdminAlerts {
  constructor(
    private readonly topicArn: string,
    private readonly client = new SNSClient({}),
  ) {}

  async publish({ subject, message, attributes }: AdminAlert): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: subject,
        Message: message,
        MessageAttributes: Object.fromEntries(
          Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
        ),
      }),
    );
  }
}
