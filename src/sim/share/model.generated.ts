/** Written by `npm run fingerprint` (scripts/fingerprint.ts); fingerprint.test.ts checks it. Do not edit. */
export const BUILT_MODEL = '4wskb';
