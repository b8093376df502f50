/**
 * Encrypts secrets the platform must use later in clear (an upstream's API key), with a key kept
 * outside the database. `seal` answers an opaque string to store; `open` gives the secret back and
 * throws when the text was not sealed by this key (tampered, or another installation's).
 */
export interface SecretSealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}
