/**
 * The built-in stacks' ids, in the order they are tried: for help and flag checks, which need
 * no rule loaded (a test keeps this list equal to BUILTIN_STACKS).
 */
export const STACK_IDS = [
  'websockets',
  'uvicorn',
  'starlette',
  'nginx',
  'apache',
  'haproxy',
  'caddy',
  'tornado',
  'aiohttp',
  'daphne',
  'hypercorn',
  'tomcat',
  'jetty',
  'ws',
  'socketio',
  'gorilla',
  'nhooyr',
  'gobwas',
  'nethttp',
  'spring',
  'tungstenite',
  'kestrel',
  'traefik',
  'envoy',
  'alb',
  'cowboy',
  'netty',
  'undertow',
] as const;
