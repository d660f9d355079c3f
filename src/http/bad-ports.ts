/**
 * Ports that `fetch()` refuses to connect to, whatever the server: the Fetch Standard's "bad
 * port" list (https://fetch.spec.whatwg.org/#port-blocking), which Node's built-in fetch
 * (undici) applies and reports only as the cause message "bad port". A webhook sink posts with
 * `fetch()`, so its URL is checked against this list when the config is read.
 */
export const FETCH_BAD_PORTS: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
  512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
  6669, 6679, 6697, 10080,
]);

/**
 * The port of an http(s) URL when `fetch()` would refuse it, else null.
 * @param url an absolute URL string (an unparsable one gives null: its own check reports it)
 */
export function fetchBlockedPort(url: string): number | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.port === '') return null;
  const port = Number(u.port);
  return FETCH_BAD_PORTS.has(port) ? port : null;
}
