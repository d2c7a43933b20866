import { requiredEnv } from '../shared/environment';
import { DynamoSentLedger } from './ledger';
import { Notifications } from './notifications';
import { SesMailer } from './ses-mailer';
import { SnsAdminAlerts } from './sns-alerts';

const required = (env: NodeJS.ProcessEnv, name: string) => requiredEnv(env, name, 'notifications');

/** The notifications wired to the table, sender address and topic the environment names. */
export const notificationsFromEnvironment = (
  env: NodeJS.ProcessEnv = process.env,
  log?: (message: string, details?: Record<string, unknown>) => void,
): Notifications =>
  new Notifications(
    new DynamoSentLedger(required(env, 'SENT_NOTIFICATIONS_TABLE')),
    new SesMailer(required(env, 'NOTIFICATIONS_FROM_ADDRESS')),
    new SnsAdminAlerts(required(env, 'ADMIN_ALERTS_TOPIC_ARN')),
    log,
  );
