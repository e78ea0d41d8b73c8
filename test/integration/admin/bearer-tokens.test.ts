import { createHmac, createPublicKey } from 'node:crypto';
import request from 'supertest';
import { anRsaSigningKey } from '../../../sandbox/identity/signing-key';
import { programClaims, programToken, signJwt, withProviderAndApp } from '../../helpers/identity-provider';

const { idp, t } = withProviderAndApp();

const withBearer = (token: string) =>
  request(t.server)
    .get('/admin/transfers')
    .set('Authorization', `Bearer ${token}`)
    .set('Accept', 'application/json');

/** `dit_admin_refused_total{status="401"}` as /metrics shows it. */
async function refused401(): Promise<number> {
  const text = (await request(t.server).get('/metrics')).text;
  return Number(/dit_admin_refused_total\{status="401"\} (\d+)/.exec(text)?.[1] ?? 0);
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bearer access tokens for programs', () => {
  it('when a program sends an access token from the provider (client credentials), then the API answers', async () => {
    const token = await programToken(idp.issuer, 'demo-program');

    const answer = await withBearer(token);

    expect(answer.status).toBe(200);
    expect(answer.body).toHaveProperty('items');
  });

  it('when a token is signed with the provider’s own key and carries the right claims, then it is accepted (the forgeries below differ only as named)', async () => {
    const answer = await withBearer(signJwt(idp.signingKey, programClaims(idp.issuer)));

    expect(answer.status).toBe(200);
  });

  const FORGERIES: { name: string; token: () => string }[] = [
    {
      name: 'tampered (the payload changed after signing)',
      token: () => {
        const [header, , signature] = signJwt(
          idp.signingKey,
          programClaims(idp.issuer, { organisations: ['R0A'] }),
        ).split('.');
        return `${header}.${part(programClaims(idp.issuer, { organisations: '*' }))}.${signature}`;
      },
    },
    {
      name: 'expired',
      token: () => {
        const past = Math.floor(Date.now() / 1000) - 3600;
        return signJwt(idp.signingKey, programClaims(idp.issuer, { iat: past - 600, exp: past }));
      },
    },
    {
      name: 'for another audience',
      token: () => signJwt(idp.signingKey, programClaims(idp.issuer, { aud: 'another-api' })),
    },
    {
      name: 'from another issuer',
      token: () => signJwt(idp.signingKey, programClaims('https://idp.elsewhere.example')),
    },
    {
      name: 'without an expiry',
      token: () => signJwt(idp.signingKey, programClaims(idp.issuer, { exp: undefined })),
    },
    {
      name: '`alg: none`',
      token: () => `${part({ alg: 'none', typ: 'JWT' })}.${part(programClaims(idp.issuer))}.`,
    },
    {
      name: 'unsigned (RS256 named, no signature)',
      token: () => `${part({ alg: 'RS256', kid: idp.signingKey.kid })}.${part(programClaims(idp.issuer))}.`,
    },
    {
      name: 'HS256 "signed" with the provider’s public key',
      token: () => {
        const publicPem = createPublicKey({ key: idp.signingKey, format: 'jwk' }).export({
          type: 'spki',
          format: 'pem',
        });
        const input = `${part({ alg: 'HS256', kid: idp.signingKey.kid })}.${part(programClaims(idp.issuer))}`;
        return `${input}.${createHmac('sha256', publicPem).update(input).digest('base64url')}`;
      },
    },
    {
      name: 'signed by another key under the provider’s key id',
      token: () => {
        const other = anRsaSigningKey();
        return signJwt({ ...other, kid: idp.signingKey.kid }, programClaims(idp.issuer));
      },
    },
    {
      name: 'an ID token (it carries a sign-in’s nonce)',
      token: () =>
        signJwt(idp.signingKey, programClaims(idp.issuer, { nonce: 'n-0S6_WzA2Mj' }), { typ: 'JWT' }),
    },
    { name: 'not a JWT at all', token: () => 'not-a-token' },
  ];

  it.each(FORGERIES)('when the token is $name, then it is refused with 401', async ({ token }) => {
    const answer = await withBearer(token());

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'invalid_token' });
    expect(answer.headers['www-authenticate']).toContain('Bearer realm="dit-checks-connector"');
  });

  it('when a valid token gives no known role, then it is refused with 403', async () => {
    const answer = await withBearer(
      signJwt(idp.signingKey, programClaims(idp.issuer, { roles: ['reader'] })),
    );

    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error: 'not_authorised' });
  });

  it('when a support program writes, then it is refused with 403 as a support person is', async () => {
    const token = signJwt(idp.signingKey, programClaims(idp.issuer, { roles: 'support' }));

    const answer = await request(t.server)
      .post('/admin/transfers/retry')
      .set('Authorization', `Bearer ${token}`)
      .send({ reason: 'NO_ESR_MATCH' });

    expect(answer.status).toBe(403);
  });

  it('when a token is refused, then the refusal is counted and no log line holds the token', async () => {
    const refusedBefore = await refused401();
    const token = await programToken(idp.issuer, 'demo-program');

    await withBearer(`${token}x`);

    expect(await refused401()).toBe(refusedBefore + 1);
    expect(JSON.stringify(t.logs)).not.toContain(token.split('.')[2]);
  });
});
