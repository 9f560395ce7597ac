// E-mail over SMTP (nodemailer). Message-ID is derived from the delivery, so a re-sent message after
// a crash carries the same Message-ID and mail clients and archives collapse it.
import nodemailer from 'nodemailer';
import { DeliveryFailedError } from './delivery-errors.ts';
import { sendKey } from './send-key.ts';

export interface EmailConfig {
  smtpUrl: string;
  from: string;
  timeoutMs: number;
}

export interface EmailMessage {
  deliveryId: string;
  to: string;
  subject: string;
  text: string;
}

export interface EmailChannel {
  send(m: EmailMessage): Promise<void>;
  close(): void;
}

export function messageIdOf(deliveryId: string): string {
  return `<${sendKey(deliveryId)}@notify.zone-enterprise-service>`;
}

export function createEmailChannel(config: EmailConfig): EmailChannel {
  const transport = nodemailer.createTransport(config.smtpUrl, {
    // Every network step has a bound: connecting, the greeting, and each socket read/write.
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
    dnsTimeout: config.timeoutMs,
  });
  return {
    async send(m) {
      try {
        await transport.sendMail({ from: config.from, to: m.to, subject: m.subject, text: m.text, messageId: messageIdOf(m.deliveryId) });
      } catch (cause) {
        // SMTP 5xx on the envelope means the server refuses this message for good; all else may pass later.
        const code = (cause as { responseCode?: unknown }).responseCode;
        const permanent = typeof code === 'number' && code >= 500 && code < 600;
        throw new DeliveryFailedError(`smtp: ${(cause as Error).message}`, !permanent, { cause });
      }
    },
    close: () => transport.close(),
  };
}
