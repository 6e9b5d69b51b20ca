import type { StackRules } from './rule.js';

/**
 * AWS Application Load Balancer access log entries (docs.aws.amazon.com
 * elasticloadbalancing/latest/application/load-balancer-access-logs.html, "Access log
 * entries" and its `ws`/`wss` examples). No ALB runs here. The fourth field, `client:port`, is
 * written by the load balancer (a proxy in front of it appears there instead of the client);
 * everything the client chose (request line, user agent, domain name) comes after it. Processing
 * times are -1 when the request could not be dispatched (the client closed, the target failed).
 * ALB's own statuses: 460 the client closed before the answer, 463 too many X-Forwarded-For
 * addresses, 502/503/504 the target failed, is missing or timed out, 561 the identity provider
 * refused.
 *
 * The request field holds the whole URL, so learned routes are not found in a plain-HTTP line:
 * declare the WebSocket routes with --ws-path for the `http`/`https` rule.
 */
const DOCS = 'AWS docs elasticloadbalancing/latest/application/load-balancer-access-logs.html (Access log entries; WebSockets example entries)';
const TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{1,9}Z';
const SECONDS = '(?:-1|\\d{1,9}\\.\\d{1,9})';
/** type, time, elb, client:port, target:port, three processing times. */
const HEAD = (types: string): string => `^(?:${types}) (?<time>${TIME}) [^\\s"]{1,300} {HOSTPORT} (?:[^\\s"]{1,100}|-) ${SECONDS} ${SECONDS} ${SECONDS} `;
/** The request line's URL, its path captured. */
const REQUEST = '"(?:GET|-) (?:[a-z]{2,5}://[^/"\\s]{1,300})?(?<path>/[^"\\s]{0,4000}|-)(?: HTTP/[0-9.]{1,3}| -)?" "[^"\\n]{0,8000}"[^\\n]{0,16000}$';
const STATUS = {
  '101': 'success',
  '2xx': 'success',
  '3xx': 'success',
  '400': 'bad-request',
  '401': 'rejected',
  '403': 'forbidden',
  '404': 'not-websocket',
  '405': 'not-websocket',
  '408': 'timeout',
  '426': 'upgrade-required',
  '460': 'early-close',
  '463': 'invalid-http',
  '561': 'rejected',
  '5xx': 'server-error',
} as const;
const WS_101 =
  'ws 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.0.140:40914 10.0.1.192:8010 0.001 0.003 0.000 101 101 218 587 "GET http://10.0.0.30:80/ HTTP/1.1" "-" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 1 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.1.192:8010" "101" "-" "-"';

export const alb: StackRules = {
  stack: 'alb',
  desc: 'AWS Application Load Balancer access log (ws, wss and http entries)',
  proxy: true,
  rules: [
    {
      id: 'alb/ws-switching-protocols',
      desc: 'a WebSocket connection that was upgraded (logged when it closes); teaches its path',
      source: `${DOCS}: the ws and wss examples`,
      role: 'success',
      learnsPath: true,
      needle: '"Root=1-',
      pattern: `${HEAD('wss?')}101 (?:101|-) \\d{1,20} \\d{1,20} ${REQUEST}`,
      samples: [
        { text: WS_101, role: 'success', ip: '10.0.0.140', port: 40914, time: '2018-07-02T22:23:00.186641Z', note: 'the AWS documentation example' },
        {
          text: 'wss 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.0.140:44244 10.0.0.171:8010 0.000 0.001 0.000 101 101 218 786 "GET https://10.0.0.30:443/?6.6.6.6:1 HTTP/1.1" "6.6.6.6:2 ws" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "6.6.6.6" "-" 1 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.171:8010" "101" "-" "-"',
          role: 'success',
          ip: '10.0.0.140',
          note: 'inject: addresses in the query, agent and domain name',
        },
      ],
    },
    {
      id: 'alb/ws-refused',
      desc: 'a WebSocket upgrade that did not happen: the target refused it, the client left (460), or the target failed (502/503/504)',
      source: `${DOCS}: elb_status_code, target_status_code, -1 processing times; "HTTP 460", "HTTP 463", "HTTP 502/503/504" in the troubleshooting guide`,
      needle: '"Root=1-',
      pattern: `${HEAD('wss?')}(?<status>[45]\\d\\d) (?:\\d{3}|-) \\d{1,20} \\d{1,20} ${REQUEST}`,
      complete: true,
      learnsPath: true,
      cause: 'unknown-handshake',
      byStatus: STATUS,
      samples: [
        {
          text: 'ws 2026-12-02T10:00:00.123456Z app/my-loadbalancer/50dc6c495c0c9188 127.0.0.2:40916 - -1 -1 -1 460 - 218 0 "GET http://10.0.0.30:80/ws HTTP/1.1" "-" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e4" "-" "-" 1 2026-12-02T10:00:00.100000Z "forward" "-" "-" "-" "-" "-" "-"',
          cause: 'early-close',
          ip: '127.0.0.2',
          port: 40916,
          status: 460,
        },
        {
          text: 'ws 2026-12-02T10:00:01.123456Z app/my-loadbalancer/50dc6c495c0c9188 127.0.0.3:40918 10.0.1.192:8010 0.001 0.002 0.000 403 403 218 120 "GET http://10.0.0.30:80/ws HTTP/1.1" "Mozilla/5.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e5" "-" "-" 1 2026-12-02T10:00:01.100000Z "forward" "-" "-" "10.0.1.192:8010" "403" "-" "-"',
          cause: 'forbidden',
          status: 403,
        },
        {
          text: 'wss 2026-12-02T10:00:02.123456Z app/my-loadbalancer/50dc6c495c0c9188 127.0.0.4:40920 10.0.1.192:8010 0.000 -1 -1 502 - 218 0 "GET https://10.0.0.30:443/ws HTTP/1.1" "-" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e6" "-" "-" 1 2026-12-02T10:00:02.100000Z "forward" "-" "TargetConnectionError" "10.0.1.192:8010" "-" "-" "-"',
          cause: 'server-error',
          ip: '127.0.0.4',
        },
        { text: 'ws 2026-12-02T10:00:02.123456Z worker: trace "Root=1-58337364-23a8c76965a2ef7629b185e6" from 6.6.6.6:40920 503', match: false, note: 'an application line that holds the needle and an address' },
      ],
    },
    {
      id: 'alb/http-websocket-route',
      desc: 'a plain http(s) entry for a GET on a WebSocket route (declared with --ws-path) answered with an error',
      source: DOCS,
      needle: '"Root=1-',
      pattern: `${HEAD('https?')}(?<status>40[013458]|46[03]|5\\d\\d) (?:\\d{3}|-) \\d{1,20} \\d{1,20} ${REQUEST}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-request',
      byStatus: STATUS,
      samples: [
        {
          text: 'http 2026-12-02T10:00:03.123456Z app/my-loadbalancer/50dc6c495c0c9188 [::1]:40922 10.0.1.192:8010 0.001 0.002 0.000 400 400 150 120 "GET http://10.0.0.30:80/ws HTTP/1.1" "curl/8.5.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e7" "-" "-" 1 2026-12-02T10:00:03.100000Z "forward" "-" "-" "10.0.1.192:8010" "400" "-" "-"',
          cause: 'bad-request',
          ip: '::1',
          status: 400,
        },
        {
          text: 'http 2026-12-02T10:00:03.123456Z app/my-loadbalancer/50dc6c495c0c9188 127.0.0.5:40922 10.0.1.192:8010 0.001 0.002 0.000 400 400 150 120 "GET http://10.0.0.30:80/api HTTP/1.1" "curl/8.5.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e7" "-" "-" 1 2026-12-02T10:00:03.100000Z "forward" "-" "-" "10.0.1.192:8010" "400" "-" "-"',
          match: false,
          note: 'not a WebSocket route',
        },
      ],
    },
  ],
};
