/**
 * What Go programs put before a WebSocket library's error, shared by the Go stacks. Go's `log`
 * package writes `2026/11/20 10:00:00 ` (`.123456` with Lmicroseconds) unless its flags are
 * cleared; the time is captured when it is there. An application that logs `r.RemoteAddr`
 * writes it right after the time (`upgrade 127.0.0.1:5678: …`, `127.0.0.1:5678: …`): only an
 * address in that place, alone or after a word naming the step (upgrade, accept, ws), is read.
 * Anything else before the message (a `log.SetPrefix`, `file.go:12: `, the application's words)
 * is skipped and no address is read from it: a path or header logged there is the client's.
 */
export const GO_TIME = '(?:(?<time>\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d)(?:\\.\\d{1,6})? )?';
/** The words an application may put before the address: a word naming the step, never a header's name. */
const STEP = '(?:[Uu]pgrade|[Aa]ccept|[Hh]andshake|ws|[Ww]eb[Ss]ocket)(?: failed| error)?:? ';
export const GO_APP = `${GO_TIME}(?:(?:${STEP})?{HOSTPORT}(?:: | )|[^\\n]{0,200}?)`;
