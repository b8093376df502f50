/** Outgoing mail: a port, so core never knows whether SMTP is configured. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** False when no mail transport is configured (the link is then only shown in the API answer). */
  readonly enabled: boolean;
  send(mail: Mail): Promise<void>;
}

/** The default when no SMTP server is configured: nothing is sent. */
export const noopMailer: Mailer = {
  enabled: false,
  async send() {},
};
