/**
 * Sign-ins one client address may start in a minute: far above what a person needs, and a bound on
 * what a flood of `GET /auth/sign-in` can store (the Redis of a deployment must never fill).
 */
export const SIGN_INS_PER_MINUTE = 30;

/**
 * The sign-ins each client address has started in the last minute, shared by every receiver
 * process (src/store/sign-in-storage.ts): each start keeps a few hundred bytes for 10 minutes.
 */
export interface SignInStartLimit {
  /**
   * Counts a start from the address: true while it is within SIGN_INS_PER_MINUTE, false beyond.
   * Rejects when the count cannot be kept (the request is answered `503`).
   */
  allow(address: string): Promise<boolean>;
}
