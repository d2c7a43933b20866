import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { NoticeSender } from './access';

type Send = Pick<SNSClient, 'send'>;

/**
 * Publishes access notices to the notices topic. `userId` and `operation` travel as message
 * attributes so that subscribers can filter on them (and the local outbox can find them).
 */
export const noticeTopic = (client: Send, topicArn: string): NoticeSender => ({
  async send({ userId, operation, subject, message }) {
    await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: subject,
        Message: message,
        MessageAttributes: {
          userId: { DataType: 'String', StringValue: userId },
          operation: { DataType: 'String', StringValue: operation },
        },
      }),
    );
  },
});
