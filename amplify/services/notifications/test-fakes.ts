import type { AdminAlert, Email } from './messages';
import type { AdminAlerts, Mailer, SentLedger } from './notifications';

type Entry = { status: 'PENDING' | 'SENT'; claimedAt: number; expiresAt: number; sentAt?: string };

/** The ledger in memory, with the adapter's claim condition. */
export class FakeSentLedger implements SentLedger {
  entries = new Map<string, Entry>();

  async claim(key: string, { claimedAt, staleBefore, expiresAt }: Parameters<SentLedger['claim']>[1]) {
    const held = this.entries.get(key);
    if (held && !(held.status === 'PENDING' && held.claimedAt < staleBefore)) return false;
    this.entries.set(key, { status: 'PENDING', claimedAt, expiresAt });
    return true;
  }

  async markSent(key: string, sentAt: string) {
    this.entries.set(key, { ...this.entries.get(key)!, status: 'SENT', sentAt });
  }

  async release(key: string) {
    if (this.entries.get(key)?.status === 'PENDING') this.entries.delete(key);
  }
}

/** Keeps what it "sent"; `failNext` makes the next send fail as SES would. */
export class FakeMailer implements Mailer {
  sent: Email[] = [];
  failNext = false;
  async send(email: Email) {
    if (this.failNext) {
      this.failNext = false;
      throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
    }
    this.sent.push(email);
    return `msg-${this.sent.length}`;
  }
}

export class FakeAdminAlerts implements AdminAlerts {
  published: AdminAlert[] = [];
  async publish(alert: AdminAlert) {
    this.published.push(alert);
  }
}
