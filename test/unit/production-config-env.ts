/** A complete, valid production environment; tests remove or spoil one variable at a time. */
export function aProductionEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    REDIS_URL: 'rediss://redis.example.org:6380',
    TRAC_BASE_URL: 'https://trac.example.org',
    TRAC_CLIENT_ID: 'connector',
    TRAC_CLIENT_SECRET: 'trac-secret',
    ESR_BASE_URL: 'https://esr.example.org',
    ESR_CLIENT_ID: 'connector',
    ESR_CLIENT_SECRET: 'esr-secret',
    WEBHOOK_SECRETS: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ADMIN_USERS: 'hr1:correct-horse',
    SUPPORT_USERS: 'support1:battery-staple',
    ...overrides,
  };
}
