/**
 * Debian's Chromium, as the end-to-end tests and the storefront bench launch it: not a browser a
 * tool downloads (no network in CI), and with nothing of its own on the network (this machine
 * refuses those connections, many at a time).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
