import type { Mailer } from "@infera/core";
import nodemailer from "nodemailer";

/** Sends mail through the SMTP server named by INFERA_SMTP_URL (nodemailer). */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    enabled: true,
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
