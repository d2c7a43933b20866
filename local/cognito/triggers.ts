/**
 * Cognito's Lambda triggers, run through the local cloud's `Invoker` with the events Cognito sends
 * (`version`, `region`, `userPoolId`, `userName`, `callerContext`, `triggerSource`, `request`,
 * `response`). cognito-local builds its own events (region "local", version "0", an empty group
 * configuration for pre token generation) and calls Lambda through the AWS SDK v2; it accepts any
 * object with `enabled` and `invoke` instead, which is what this is.
 */
import type { Context } from 'cognito-local/lib/services/context.js';
import type { Lambda } from 'cognito-local/lib/services/lambda.js';
import { InvalidLambdaResponseError, NotAuthorizedError, UserLambdaValidationError } from 'cognito-local/lib/errors.js';
import { LOCAL_REGION } from '../assembly/assembly';
import type { Invoker } from '../ports';
import type { PoolTriggers, TriggerConfig, TriggerName } from './templates';

/** What Cognito puts in `callerContext.awsSdkVersion` when it does not know the caller's SDK. */
const AWS_SDK_VERSION = 'aws-sdk-unknown-unknown';

/** A trigger event before Cognito's envelope is put around it. */
export interface TriggerCall {
  userPoolId: string;
  userName: string;
  triggerSource: string;
  clientId?: string | null;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
  /** `1` unless the trigger says otherwise (pre token generation V2/V3 sends `2`/`3`). */
  version?: string;
}

/** Cognito's event for a call: what the handler of the templates receives. */
export const cognitoEvent = (call: TriggerCall) => ({
  version: call.version ?? '1',
  region: LOCAL_REGION,
  userPoolId: call.userPoolId,
  userName: call.userName,
  callerContext: { awsSdkVersion: AWS_SDK_VERSION, clientId: call.clientId ?? 'CLIENT_ID_NOT_APPLICABLE' },
  triggerSource: call.triggerSource,
  request: call.request,
  response: call.response,
});

export interface TriggerLog {
  (message: string, detail?: Record<string, unknown>): void;
}

/** Removes members whose value is `undefined`, as Cognito leaves them out of the JSON it sends. */
const compact = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

/** The flat event cognito-local hands its Lambda service. */
interface CognitoLocalEvent {
  userPoolId: string;
  username: string;
  triggerSource: string;
  clientId?: string | null;
  userAttributes?: Record<string, string>;
  clientMetadata?: Record<string, string>;
  validationData?: Record<string, string>;
  password?: string;
}

export class TriggerLambdas implements Lambda {
  constructor(
    private readonly invoker: Invoker,
    private readonly pools: ReadonlyMap<string, PoolTriggers>,
    private readonly log: TriggerLog = () => {},
  ) {}

  /** The trigger of that pool, if its `LambdaConfig` declares one. */
  configured(userPoolId: string, trigger: TriggerName): TriggerConfig | undefined {
    return this.pools.get(userPoolId)?.[trigger];
  }

  /**
   * cognito-local asks without saying which pool: true if any pool has it. `invoke` then answers
   * for a pool that lacks it as Cognito would without a trigger.
   */
  enabled(trigger: string): boolean {
    return [...this.pools.values()].some((p) => p[trigger as TriggerName] !== undefined);
  }

  /** Runs a trigger with Cognito's event; resolves to the handler's `response`. */
  async call(trigger: TriggerName, call: TriggerCall): Promise<Record<string, unknown>> {
    const config = this.configured(call.userPoolId, trigger);
    if (!config) return call.response;
    // A copy, as a real invocation serializes it: the handler must not share our objects.
    const event = structuredClone(cognitoEvent(call));
    let result: unknown;
    try {
      result = await this.invoker.invoke(config.functionArn, event);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log(`${trigger} trigger failed: ${message}`, {
        functionArn: config.functionArn,
        triggerSource: call.triggerSource,
      });
      // Cognito's own wording, which clients (Amplify among them) show to the user.
      throw new UserLambdaValidationError(`${trigger} failed with error ${message}.`);
    }
    if (result === null || typeof result !== 'object') {
      this.log(`${trigger} trigger returned no event`, { functionArn: config.functionArn, result });
      throw new InvalidLambdaResponseError();
    }
    const response = (result as { response?: unknown }).response;
    return response && typeof response === 'object' ? (response as Record<string, unknown>) : {};
  }

  /** cognito-local's entry point: its flat event, turned into Cognito's. */
  // `Lambda.invoke` is overloaded with a response type per trigger; this one implementation answers them all.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async invoke(_ctx: Context, trigger: string, e: CognitoLocalEvent): Promise<any> {
    const base = {
      userPoolId: e.userPoolId,
      userName: e.username,
      triggerSource: e.triggerSource,
      clientId: e.clientId,
    };
    switch (trigger) {
      case 'PreSignUp': {
        const request = compact({
          userAttributes: e.userAttributes,
          validationData: e.validationData,
          clientMetadata: e.clientMetadata,
        });
        const response = { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };
        return this.call('PreSignUp', { ...base, request, response });
      }
      case 'PostConfirmation':
      case 'PostAuthentication': {
        const request = compact({
          userAttributes: e.userAttributes,
          clientMetadata: e.clientMetadata,
          ...(trigger === 'PostAuthentication' ? { newDeviceUsed: false } : {}),
        });
        return this.call(trigger, { ...base, request, response: {} });
      }
      case 'UserMigration': {
        if (!this.configured(e.userPoolId, 'UserMigration'))
          throw new NotAuthorizedError('Incorrect username or password.');
        const request = compact({
          password: e.password,
          validationData: e.validationData,
          clientMetadata: e.clientMetadata,
        });
        return this.call('UserMigration', { ...base, request, response: {} });
      }
      default:
        // Pre token generation is run by the token generator (with the user's groups), custom
        // messages by OutboxMessages; custom email/SMS senders need KMS and are reported as
        // unsupported at start.
        throw new Error(`the local cloud does not run the ${trigger} trigger this way`);
    }
  }
}
