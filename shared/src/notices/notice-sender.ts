import { appendFile } from 'node:fs/promises';
import type { Logger } from '../logger.js';

/** A notice ready to go out: rendered text and the one contact it goes to. Contains personal data: never log it. */
export interface OutgoingNotice {
  noticeId: string;
  channel: 'email' | 'sms';
  /** E-mail address or E.164 phone number. */
  to: string;
  subject: string;
  text: string;
}

/** Where notices leave the hub. The region chooses one at start-up; the default writes them to a file. */
export interface NoticeSender {
  send(notice: OutgoingNotice): Promise<void>;
}

/**
 * Development and demo sender: appends each notice as a JSON line to a file (the "outbox" a developer reads).
 * The log gets only the notice id and channel, never the address or the text.
 */
export class FileNoticeSender implements NoticeSender {
  constructor(
    private readonly path: string,
    private readonly logger: Logger,
  ) {}

  async send(notice: OutgoingNotice): Promise<void> {
    await appendFile(this.path, `${JSON.stringify({ ...notice, sentAt: new Date().toISOString() })}\n`, 'utf8');
    this.logger.info({ noticeId: notice.noticeId, channel: notice.channel }, 'notice sent');
  }
}

/** The part of an SMTP client the adapter needs; nodemailer's transporter has exactly this method. */
export interface SmtpTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; headers?: Record<string, string> }): Promise<unknown>;
}

/** E-mail through SMTP. The notice id travels as a header so a provider's duplicate detection can use it. */
export class SmtpNoticeSender implements NoticeSender {
  constructor(
    private readonly transport: SmtpTransport,
    private readonly from: string,
  ) {}

  async send(notice: OutgoingNotice): Promise<void> {
    if (notice.channel !== 'email') throw new Error('SmtpNoticeSender sends e-mail only');
    await this.transport.sendMail({ from: this.from, to: notice.to, subject: notice.subject, text: notice.text, headers: { 'X-Notice-Id': notice.noticeId } });
  }
}

/**
 * SMS through an HTTP gateway that takes `{ to, text, reference }` as JSON with a bearer key (the shape most
 * SMS APIs share); the notice id is the idempotency reference.
 */
export class HttpSmsNoticeSender implements NoticeSender {
  constructor(
    private readonly endpoint: string,
    private readonly apiKey: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(notice: OutgoingNotice): Promise<void> {
    if (notice.channel !== 'sms') throw new Error('HttpSmsNoticeSender sends SMS only');
    const response = await this.fetchImpl(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}`, 'idempotency-key': notice.noticeId },
      body: JSON.stringify({ to: notice.to, text: notice.text, reference: notice.noticeId }),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  }
}

/** Routes each notice to the sender of its channel. */
export class ChannelNoticeSender implements NoticeSender {
  constructor(private readonly byChannel: Partial<Record<OutgoingNotice['channel'], NoticeSender>>) {}

  async send(notice: OutgoingNotice): Promise<void> {
    const sender = this.byChannel[notice.channel];
    if (!sender) throw new Error(`no sender for ${notice.channel}`);
    await sender.send(notice);
  }
}
