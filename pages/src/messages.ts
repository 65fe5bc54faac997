import type { AuthError, ErrorCode } from '@serverless-auth/client';

/**
 * What a person reads when a call fails: one message per code of the service's error catalogue (the
 * client's types list them, so a new code fails the type check here until it has a message), never the
 * API's own text, which is written for developers.
 */
type Message = string | ((error: AuthError) => string);

const TRY_AGAIN = 'Something went wrong on our side. Please try again.';

/** VALIDATION_FAILED names the field; these say what each one needs. */
const FIELD_MESSAGES: Record<string, string> = {
  name: 'Enter your name, up to 100 characters.',
  username: 'Choose a username of 3 to 64 characters: letters, digits and . _ - @ +',
  password: 'Choose a stronger password. Use at least 8 characters, avoid well-known passwords, and leave out your username.',
  newPassword:
    'Choose a stronger new password. Use at least 8 characters, avoid well-known passwords, and leave out your username.',
  currentPassword: 'Enter your current password.',
  email: 'Enter a valid email address, like name@example.com.',
  code: 'Enter the 6-digit code your authenticator app shows.',
  recoveryCode: 'Enter one of your recovery codes.',
};

function wait(seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 60) return 'a minute';
  const minutes = Math.ceil(seconds / 60);
  return minutes < 60 ? `${minutes} minutes` : 'an hour';
}

const MESSAGES = {
  VALIDATION_FAILED: (error) => FIELD_MESSAGES[error.field ?? ''] ?? 'Check the highlighted details and try again.',
  MALFORMED_JSON: TRY_AGAIN,
  REQUEST_ABORTED: 'The request was interrupted. Please try again.',
  BAD_CONTENT_LENGTH: TRY_AGAIN,
  UNREADABLE_BODY: TRY_AGAIN,
  INVALID_TOKEN: 'This link is no longer valid: it was used, replaced by a newer one, or expired. Ask for a new one.',
  EMAIL_TAKEN: 'This address is already verified by another account. Use another address, or sign in to that account.',
  NOTHING_TO_VERIFY: 'There is no address waiting to be verified.',
  MAIL_UNAVAILABLE: 'We could not send the mail just now. Your request is kept: please try again in a moment.',
  PASSKEY_NOT_REGISTERED: 'That passkey could not be added. Please try again.',
  TOTP_NOT_CONFIRMED: 'That code did not match. Check the time on your phone, or start again.',
  INVALID_CREDENTIALS: 'That username and password do not match. Check them and try again.',
  PASSKEY_REFUSED: 'That passkey was not accepted. Try again, or sign in with your password.',
  MFA_TOKEN_INVALID: 'This sign-in has expired. Please enter your password again.',
  MFA_CODE_INVALID: 'That code is not right, or was used already. Try the newest code.',
  UNAUTHENTICATED: 'You are signed out. Please sign in again.',
  ADMIN_UNAUTHENTICATED: TRY_AGAIN,
  REFRESH_TOKEN_REUSED: 'For your safety you have been signed out. Please sign in again.',
  CSRF_REFUSED: 'This request was refused for your safety. Reload the page and try again.',
  WRONG_PASSWORD: 'Your current password is not right.',
  SECOND_FACTOR_REQUIRED: 'Enter a code from your authenticator app as well.',
  WRONG_SECOND_FACTOR: 'That code is not right, or was used already. Try the newest code.',
  ACCOUNT_DISABLED: 'This account has been disabled. Contact the people who run this service.',
  NOT_FOUND: 'That has already gone. The list is up to date now.',
  PASSKEYS_UNAVAILABLE: 'Passkeys are not available on this service.',
  USER_EXISTS: 'That username is taken. Choose another one, or sign in if it is yours.',
  CONFLICT: 'Your account changed while this was happening. Please try again.',
  TOTP_NOT_ENABLED: 'Two-step verification is already off.',
  BODY_TOO_LARGE: 'That is more text than we accept. Please shorten it.',
  UNSUPPORTED_MEDIA_TYPE: TRY_AGAIN,
  UNSUPPORTED_ENCODING: TRY_AGAIN,
  UNSUPPORTED_CHARSET: TRY_AGAIN,
  TOO_MANY_ATTEMPTS: (error) => `Too many attempts. Please wait ${wait(error.retryAfterSeconds)} and try again.`,
  INTERNAL: TRY_AGAIN,
  STORE_UNAVAILABLE: 'The service is busy right now. Please try again in a moment.',
  NETWORK_ERROR: 'We could not reach the service. Check your connection and try again.',
  UNEXPECTED_RESPONSE: TRY_AGAIN,
} satisfies Record<ErrorCode, Message>;

export function messageFor(error: AuthError): string {
  const message: Message | undefined = (MESSAGES as Record<string, Message>)[error.code];
  if (message === undefined) return TRY_AGAIN;
  return typeof message === 'string' ? message : message(error);
}
