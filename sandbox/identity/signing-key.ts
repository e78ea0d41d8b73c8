import { createPrivateKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';

/**
 * A new RSA signing key (2,048 bits) as a private JWK. Generated as PEM and read back as a key of
 * its own before the JWK export: exporting the generated key object itself can deadlock Node 20
 * when garbage collection frees the key-generation job during the export (both take the key's
 * mutex; seen as a test worker that hung for ever in `ExportJWKRsaKey`).
 */
export function anRsaSigningKey(): JsonWebKey {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return createPrivateKey(privateKey).export({ format: 'jwk' });
}
