/**
 * The messages a user pool sends (sign-up and resent codes, forgot-password codes, invitations,
 * attribute verification), written to the local cloud's outbox instead of being mailed.
 *
 * cognito-local's own `MessagesService` hands a code with no text to a sender that prints a box to
 * the console (unless a CustomMessage trigger writes the text). This replaces it behind the same
 * `Messages` interface: the subject and body come from the pool's settings in the templates
 * (`VerificationMessageTemplate`, `EmailVerificationMessage`, the invitation template), a
 * CustomMessage trigger of the templates may rewrite them as on AWS, and the result is recorded
 * with the code so tests and the console page can read it.
 */
import type { CognitoService } from 'cognito-local/lib/services/cognitoService.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { DeliveryDetails } from 'cognito-local/lib/services/messageDelivery/messageDelivery.js';
import type { Messages } from 'cognito-local/lib/services/messages.js';
import {
  attributesToRecord,
  attributeValue,
  type User,
  type UserPool,
} from 'cognito-local/lib/services/userPoolService.js';
import type { Outbox } from '../ports';
import type { TriggerLambdas, TriggerLog } from './triggers';

export type MessageSource = Parameters<Messages['deliver']>[1];

export interface MessageText {
  emailSubject: string;
  emailMessage: string;
  smsMessage: string;
}

const CODE = '{####}';
const USERNAME = '{username}';

/** Cognito's wording when a pool sets none. */
const DEFAULTS = {
  verificationSubject: 'Your verification code',
  verificationMessage: `Your verification code is ${CODE}. `,
  inviteSubject: 'Your temporary password',
  inviteMessage: `Your username is ${USERNAME} and temporary password is ${CODE}. `,
  authenticationSms: `Your authentication code is ${CODE}. `,
};

/** The text (with `{####}` and `{username}` still in it) a pool's settings give a message. */
export const messageTemplateOf = (pool: Partial<UserPool>, source: MessageSource): MessageText => {
  const template = pool.VerificationMessageTemplate ?? {};
  if (source === 'AdminCreateUser') {
    const invite = pool.AdminCreateUserConfig?.InviteMessageTemplate ?? {};
    return {
      emailSubject: invite.EmailSubject ?? DEFAULTS.inviteSubject,
      emailMessage: invite.EmailMessage ?? DEFAULTS.inviteMessage,
      smsMessage: invite.SMSMessage ?? DEFAULTS.inviteMessage,
    };
  }
  if (source === 'Authentication') {
    const sms = pool.SmsAuthenticationMessage ?? DEFAULTS.authenticationSms;
    return { emailSubject: DEFAULTS.verificationSubject, emailMessage: sms, smsMessage: sms };
  }
  // Sign-up, resent codes, forgot password and attribute verification all use the verification
  // message. A pool set to confirm by link gets the code message locally (there is no hosted link).
  return {
    emailSubject: template.EmailSubject ?? pool.EmailVerificationSubject ?? DEFAULTS.verificationSubject,
    emailMessage: template.EmailMessage ?? pool.EmailVerificationMessage ?? DEFAULTS.verificationMessage,
    smsMessage: template.SmsMessage ?? pool.SmsVerificationMessage ?? DEFAULTS.verificationMessage,
  };
};

export const render = (text: string, code: string, username: string) =>
  text.split(CODE).join(code).split(USERNAME).join(username);

export class OutboxMessages implements Messages {
  constructor(
    private readonly cognito: CognitoService,
    private readonly lambdas: TriggerLambdas,
    private readonly outbox: Outbox,
    private readonly log: TriggerLog,
  ) {}

  async deliver(
    ctx: Context,
    source: MessageSource,
    clientId: string | null,
    userPoolId: string,
    user: User,
    code: string,
    clientMetadata: Record<string, string> | undefined,
    deliveryDetails: DeliveryDetails,
  ): Promise<void> {
    const pool = await this.cognito.getUserPool(ctx, userPoolId);
    const text = messageTemplateOf(pool.options, source);
    const emailUsername = pool.options.UsernameAttributes?.includes('email')
      ? attributeValue('email', user.Attributes)
      : undefined;
    const username = emailUsername ?? user.Username;
    if (this.lambdas.configured(userPoolId, 'CustomMessage')) {
      const response = await this.lambdas.call('CustomMessage', {
        userPoolId,
        userName: user.Username,
        clientId,
        triggerSource: `CustomMessage_${source}`,
        request: {
          userAttributes: { ...attributesToRecord(user.Attributes), 'cognito:user_status': user.UserStatus },
          codeParameter: CODE,
          linkParameter: '{##Click Here##}',
          usernameParameter: source === 'AdminCreateUser' ? USERNAME : null,
          ...(clientMetadata ? { clientMetadata } : {}),
        },
        response: { smsMessage: null, emailMessage: null, emailSubject: null },
      });
      // Cognito keeps its own text for whatever the trigger leaves empty.
      for (const key of ['emailSubject', 'emailMessage', 'smsMessage'] as const) {
        if (typeof response[key] === 'string' && response[key]) text[key] = response[key] as string;
      }
    }
    if (deliveryDetails.DeliveryMedium === 'EMAIL') {
      this.outbox.recordEmail({
        to: deliveryDetails.Destination,
        subject: render(text.emailSubject, code, username),
        body: render(text.emailMessage, code, username),
        code,
      });
    } else {
      // No SMS channel in the local cloud's outbox; the code is logged so that it is not lost.
      this.log(`SMS to ${deliveryDetails.Destination}: ${render(text.smsMessage, code, username)}`, { code });
    }
  }
}
