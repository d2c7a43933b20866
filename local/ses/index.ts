/** The local SES v2: `SendEmail` on the cloud server, every email recorded in the outbox. */
export { SEND_EMAIL_PATH, sesRoutes } from './routes';
