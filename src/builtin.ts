import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Node's own modules that only some runs need (gzip, --state's hashes, forced collections, the scan thread),
 * loaded on first use: each costs start-up time that a plain `filter` need not pay.
 */
export const zlib = (): typeof import('node:zlib') => require('node:zlib') as typeof import('node:zlib');
export const crypto = (): typeof import('node:crypto') => require('node:crypto') as typeof import('node:crypto');
export const v8 = (): typeof import('node:v8') => require('node:v8') as typeof import('node:v8');
export const workerThreads = (): typeof import('node:worker_threads') => require('node:worker_threads') as typeof import('node:worker_threads');
export const os = (): typeof import('node:os') => require('node:os') as typeof import('node:os');
export const vm = (): typeof import('node:vm') => require('node:vm') as typeof import('node:vm');
