/** Server time minus browser time, learnt from the API's answers. */
let offsetMs = 0;

/**
 * Records the server's instant as an answer gave it, so countdowns run on the server's clock.
 *
 * Why: the deadline is the server's, not the browser's; a PC clock a few minutes off must not show a
 * bidder time that does not exist (and locally the dev clock may be days ahead).
 */
export function learnServerNow(serverIso: string, receivedAt: number = Date.now()): void {
  const server = Date.parse(serverIso);
  if (!Number.isNaN(server)) offsetMs = server - receivedAt;
}

/** The server's current instant as best known. */
export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}
