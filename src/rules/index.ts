import type { StackRules } from './rule.js';
import { websockets } from './websockets.js';
import { uvicorn } from './uvicorn.js';
import { starlette } from './starlette.js';
import { nginx } from './nginx.js';
import { apache } from './apache.js';
import { tornado } from './tornado.js';
import { aiohttp } from './aiohttp.js';
import { ws } from './ws.js';
import { socketio } from './socketio.js';
import { gorilla } from './gorilla.js';
import { nhooyr } from './nhooyr.js';
import { gobwas } from './gobwas.js';
import { nethttp } from './nethttp.js';
import { spring } from './spring.js';
import { tungstenite } from './tungstenite.js';
import { kestrel } from './kestrel.js';
import { traefik } from './traefik.js';
import { envoy } from './envoy.js';
import { alb } from './alb.js';
import { cowboy } from './cowboy.js';
import { netty } from './netty.js';
import { undertow } from './undertow.js';
import { haproxy } from './haproxy.js';
import { caddy } from './caddy.js';
import { daphne } from './daphne.js';
import { hypercorn } from './hypercorn.js';
import { tomcat } from './tomcat.js';
import { jetty } from './jetty.js';
import { runtime } from './runtime.js';

/** Every built-in stack's rules, in the order they are tried. */
export const BUILTIN_STACKS: readonly StackRules[] = [
  websockets,
  uvicorn,
  starlette,
  nginx,
  apache,
  haproxy,
  caddy,
  tornado,
  aiohttp,
  daphne,
  hypercorn,
  tomcat,
  jetty,
  ws,
  socketio,
  gorilla,
  nhooyr,
  gobwas,
  nethttp,
  spring,
  tungstenite,
  kestrel,
  traefik,
  envoy,
  alb,
  cowboy,
  netty,
  undertow,
  runtime,
];
