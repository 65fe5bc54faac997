import type { RequestHandler } from 'express';

/**
 * Compressed bodies may be slightly larger than what they inflate to (stored blocks, headers), so a
 * declared length only proves an encoded body too large when it is over the limit by more than that.
 */
const ENCODING_OVERHEAD_BYTES = 1024;

/**
 * Answers 413 at once when Content-Length already says the body is over the limit. body-parser
 * refuses such a body too, but only after reading (or waiting for) every declared byte, which let a
 * client hold a connection open by declaring a huge length and sending nothing.
 */
export function refuseDeclaredOversize(limitBytes: number): RequestHandler {
  return (req, res, next) => {
    const header = req.headers['content-length'];
    const declared = header === undefined || !/^\d+$/.test(header) ? undefined : Number(header);
    const encoded = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase() !== 'identity';
    if (declared === undefined || declared <= limitBytes + (encoded ? ENCODING_OVERHEAD_BYTES : 0)) {
      next();
      return;
    }
    // The rest of the body is never read: the connection ends with this answer.
    res.set('Connection', 'close');
    next(Object.assign(new Error('declared body too large'), { type: 'entity.too.large', status: 413, expose: true }));
  };
}
