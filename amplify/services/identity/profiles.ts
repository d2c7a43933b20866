import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

/** A shopper's profile, written once when they confirm their sign-up. */
export interface CustomerProfile {
  userId: string;
  email: string;
  createdAt: string;
  /** Set by an admin to give this user another access policy than their group's. */
  policyOverride?: string;
}

/** The customer profile table. */
export class Profiles {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly table: string,
    client = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client);
  }

  async get(userId: string): Promise<CustomerProfile | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: { userId } }));
    return Item as CustomerProfile | undefined;
  }

  /** Writes the profile unless it exists: Cognito may deliver the same confirmation twice. */
  async createOnce(profile: CustomerProfile): Promise<'created' | 'existed'> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: profile, ConditionExpression: 'attribute_not_exists(userId)' }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'existed';
      throw error;
    }
  }
}
