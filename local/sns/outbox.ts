import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Outbox, OutboxEmail, OutboxSnsMessage } from '../ports';

/** Where the local cloud keeps its outbox between runs (git-ignored). */
export const OUTBOX_FILE = '.local/outbox.jsonl';

/** The one-time code in a message: the first run of exactly six digits. */
export const extractCode = (text: string | undefined): string | undefined =>
  text ? /(?<!\d)\d{6}(?!\d)/.exec(text)?.[0] : undefined;

type Line = ({ kind: 'email' } & OutboxEmail) | ({ kind: 'sns' } & OutboxSnsMessage);

/**
 * Every email and SNS message the system would have sent, kept in memory and appended to a
 * JSON-lines file (one `{kind: 'email' | 'sns', ...}` a line) so that it survives restarts.
 */
export class FileOutbox implements Outbox {
  private emailList: OutboxEmail[] = [];
  private snsList: OutboxSnsMessage[] = [];

  /** `file`: the JSON-lines file to load and append to; none keeps the outbox in memory only. */
  constructor(readonly file?: string) {
    if (file && existsSync(file)) {
      for (const text of readFileSync(file, 'utf8').split('\n')) {
        if (!text.trim()) continue;
        try {
          this.add(JSON.parse(text) as Line);
        } catch {
          // a torn last line (the process died mid-write): skip it
        }
      }
    }
  }

  recordEmail(email: Omit<OutboxEmail, 'sentAt'>): void {
    const code = email.code ?? extractCode(email.body) ?? extractCode(email.subject);
    this.persist({ kind: 'email', ...email, ...(code ? { code } : {}), sentAt: new Date().toISOString() });
  }

  recordSns(message: Omit<OutboxSnsMessage, 'sentAt'>): void {
    this.persist({ kind: 'sns', ...message, sentAt: new Date().toISOString() });
  }

  /** Emails, oldest first; `to` matches the address case-insensitively. */
  emails(filter: { to?: string } = {}): OutboxEmail[] {
    const to = filter.to?.toLowerCase();
    return this.emailList.filter((e) => !to || e.to.toLowerCase() === to);
  }

  /** SNS messages, oldest first; `userId` matches the message's `userId` attribute. */
  sns(filter: { topicArn?: string; userId?: string } = {}): OutboxSnsMessage[] {
    return this.snsList.filter(
      (m) =>
        (!filter.topicArn || m.topicArn === filter.topicArn) &&
        (!filter.userId || m.attributes.userId === filter.userId),
    );
  }

  /** Forgets everything, the file included (for tests). */
  clear(): void {
    this.emailList = [];
    this.snsList = [];
    if (this.file && existsSync(this.file)) writeFileSync(this.file, '');
  }

  private persist(line: Line): void {
    this.add(line);
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, `${JSON.stringify(line)}\n`);
    }
  }

  private add(line: Line): void {
    const { kind, ...record } = line;
    if (kind === 'email') this.emailList.push(record as OutboxEmail);
    else if (kind === 'sns') this.snsList.push(record as OutboxSnsMessage);
  }
}
