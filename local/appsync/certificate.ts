import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsCertificate {
  key: string;
  cert: string;
}

const DAY_MS = 86_400_000;

/** A new self-signed certificate for the loopback names, valid for a year. */
export const makeCertificate = async (): Promise<TlsCertificate> => {
  const pems = await generate([{ name: 'commonName', value: 'cloudshop local AppSync' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 365 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
};

/**
 * The local AppSync's certificate, kept in `dir` (the local cloud's data folder, never committed):
 * made on the first start, and again when it is missing, unreadable or within a day of expiring.
 */
export const localCertificate = async (dir: string): Promise<TlsCertificate> => {
  const keyFile = join(dir, 'tls-key.pem');
  const certFile = join(dir, 'tls-cert.pem');
  if (existsSync(keyFile) && existsSync(certFile)) {
    try {
      const kept = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
      if (Date.parse(new X509Certificate(kept.cert).validTo) - Date.now() > DAY_MS) return kept;
    } catch {
      // made again below
    }
  }
  const made = await makeCertificate();
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyFile, made.key, { mode: 0o600 });
  writeFileSync(certFile, made.cert);
  return made;
};
